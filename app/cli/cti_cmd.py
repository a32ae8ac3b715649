"""`calldesk cti serve` (headless CTI: adapters -> calls table) and `calldesk simulate`.

`cti serve` runs the configured adapter (or the one named on the command line)
without a window and records every call, for a machine that only collects call
data for the KPIs. `simulate` drives Poisson traffic through the same recorder.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
import time
import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from app import outbox
from app.cli.common import db_parent, emit_json, info, json_parent, open_db
from app.cti import recorder, simulate, sources
from app.cti.events import CallEvent
from app.cti.settings import SOURCES, CtiSettings
from app.errors import UserError
from app.outbox import Outbox
from db.engine import Database
from db.enums import ContactKind, Role
from db.models import ContactPoint, User

log = logging.getLogger(__name__)
SIM_PASSWORD_HASH = "disabled"  # not a scrypt hash: simulated agents can never log in


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cti = sub.add_parser("cti", help="telephony: listen to a phone system and record calls")
    cti_sub = cti.add_subparsers(dest="cti_command", metavar="ACTION", required=True)
    serve = cti_sub.add_parser(
        "serve",
        parents=[db_parent()],
        help="run a CTI adapter without a window; every call lands in the calls table",
        description="Listen to the phone system and record calls until interrupted.",
    )
    serve.add_argument("--source", choices=[s for s in SOURCES if s != "command"])
    serve.add_argument("--host", help="baresip/AMI host, or the webhook's bind address")
    serve.add_argument("--port", type=int, help="baresip/AMI/webhook port")
    serve.add_argument("--token", help="webhook token (default: keyring or CALLDESK_CTI_TOKEN)")
    serve.add_argument("--extension", help="the extension AMI follows")
    serve.add_argument("--ami-user", help="AMI user name")
    serve.add_argument("--agent", metavar="USERNAME", help="record answered calls as this user's")
    serve.add_argument("--region", default="VN", help="phone region for matching callers")
    serve.set_defaults(func=_serve)

    sim = sub.add_parser(
        "simulate",
        parents=[db_parent(), json_parent()],
        help="simulated call traffic through the CTI pipeline (demos, KPIs, load)",
        description=(
            "Poisson arrivals, lognormal talk and wrap-up times, callers who give up "
            "after their patience runs out; recorded like real calls."
        ),
    )
    sim.add_argument("--agents", type=int, required=True, metavar="N")
    sim.add_argument("--calls-per-hour", type=float, required=True, metavar="R")
    sim.add_argument("--minutes", type=float, required=True, metavar="M")
    sim.add_argument(
        "--speed",
        type=float,
        default=0.0,
        help="1 = real time, 60 = an hour per minute, 0 = as fast as possible (default)",
    )
    sim.add_argument("--seed", type=int, default=1)
    sim.set_defaults(func=_simulate)


def _serve(args: argparse.Namespace) -> int:
    cfg = CtiSettings.load()
    if args.source:
        cfg.source = args.source
    if cfg.source == "command":
        raise UserError("no CTI source configured; pass --source baresip|webhook|ami")
    if args.host:
        cfg = replace(cfg, baresip_host=args.host, webhook_host=args.host, ami_host=args.host)
    if args.port is not None:
        if not 0 <= args.port < 65536:
            raise UserError("--port must be 0-65535")
        cfg = replace(cfg, baresip_port=args.port, webhook_port=args.port, ami_port=args.port)
    if args.extension:
        cfg.extension = args.extension
    if args.ami_user:
        cfg.ami_user = args.ami_user
    db = open_db(args)
    agent_id = _agent(db, args.agent) if args.agent else None
    # A central database: events during an outage wait in the local outbox and reach
    # the calls table once, in order, when it answers again (None on embedded SQLite).
    box = outbox.install(db)
    rec = recorder.Recorder(db, agent_id, args.region, on_recorded=_print_record)
    stop = threading.Event()

    def on_event(event: CallEvent, _arrived: float) -> None:
        rec.submit(event)

    def on_status(up: bool, text: str) -> None:
        info(f"cti: {'connected to' if up else 'waiting for'} {text}")

    source = sources.start(cfg, on_event, on_status, token=args.token)
    assert source is not None
    info(f"calldesk cti serve: {source.description} (Ctrl+C to stop)")
    previous = signal.signal(signal.SIGTERM, lambda *_a: stop.set())
    next_replay = 0.0
    try:
        while not stop.wait(0.5):
            if box is not None and time.monotonic() >= next_replay and box.waiting():
                next_replay = time.monotonic() + REPLAY_EVERY_S
                _replay(box)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        source.stop()
        rec.flush()
        rec.close()
        if box is not None:
            _replay(box)
            waiting = box.waiting()
            if waiting:
                info(f"calldesk cti serve: {waiting} call events wait in the outbox")
            outbox.uninstall(db)
        info(f"calldesk cti serve: stopped; {rec.written} events recorded, {rec.failed} failed")
    return 0


REPLAY_EVERY_S = 5.0


def _replay(box: Outbox) -> None:
    """Send the call events that waited for the server; a server still away only
    leaves them waiting for the next try."""
    try:
        report = box.replay()
    except Exception:  # never stops serving the phone system
        log.exception("outbox replay failed")
        return
    if report.applied or report.already:
        info(f"cti: {report.applied + report.already} call events sent after the outage")


def _print_record(record: recorder.CallRecord) -> None:
    state = "ended" if record.ended_at else "answered" if record.answered_at else "ringing"
    if record.abandoned:
        state = "abandoned"
    info(f"call {record.call_ref} from {record.caller or '?'}: {state}")


def _agent(db: Database, username: str) -> uuid.UUID:
    with db.sessions() as s:
        uid = s.scalar(select(User.id).where(User.username == username))
    if uid is None:
        raise UserError(f"no user {username!r}")
    return uid


def _sim_agents(db: Database, n: int) -> list[str]:
    """N agents' user names: the active agents on file first, then `sim-agent-NN` users
    (who can never log in) for the rest."""
    with db.sessions() as s:
        names = list(
            s.scalars(
                select(User.username)
                .where(User.role == Role.AGENT, User.active.is_(True))
                .order_by(User.username)
                .limit(n)
            )
        )
    i = 0
    with db.session() as s:
        while len(names) < n:
            i += 1
            name = f"sim-agent-{i:02d}"
            if name in names:
                continue
            if s.scalar(select(User.id).where(User.username == name)) is None:
                s.add(
                    User(
                        username=name,
                        display_name=f"Simulated agent {i}",
                        password_hash=SIM_PASSWORD_HASH,
                        role=Role.AGENT,
                        active=False,
                    )
                )
            names.append(name)
    return names


def _known_numbers(db: Database, limit: int = 2000) -> list[str]:
    with db.sessions() as s:
        return list(
            s.scalars(
                select(ContactPoint.value_raw)
                .where(ContactPoint.kind == ContactKind.PHONE)
                .limit(limit)
            )
        )


def _simulate(args: argparse.Namespace) -> int:
    if args.agents < 1 or args.agents > 1000:
        raise UserError("--agents must be between 1 and 1000")
    if not 0 < args.calls_per_hour <= 100_000:
        raise UserError("--calls-per-hour must be above 0 and at most 100000")
    if not 0 < args.minutes <= 7 * 24 * 60:
        raise UserError("--minutes must be above 0 and at most a week")
    if args.speed < 0:
        raise UserError("--speed cannot be negative")
    db = open_db(args)
    agents = _sim_agents(db, args.agents)
    numbers = simulate.caller_pool(_known_numbers(db), 500, args.seed)
    options = simulate.SimOptions(
        args.agents, args.calls_per_hour, args.minutes, seed=args.seed, speed=args.speed
    )
    rec = recorder.Recorder(db)
    if args.speed > 0:
        info(f"simulating {args.minutes:g} minutes at {args.speed:g}x (Ctrl+C to stop)")
    summary = simulate.run(options, rec.submit, agents, numbers)
    rec.flush(timeout=600)
    for ref, seconds in summary.wrapups:
        recorder.record_wrapup(db, ref, seconds)
    rec.close()
    result: dict[str, Any] = {**summary.as_dict(), "recorded": rec.written, "failed": rec.failed}
    if args.json:
        emit_json(result)
    else:
        print(
            f"{result['offered']} calls offered, {result['answered']} answered, "
            f"{result['abandoned']} abandoned; service level {result['service_level_20s']:.0%} "
            f"in 20 s, ASA {result['asa_s']} s"
        )
    return 0 if rec.failed == 0 else 1
