"""Writes through the outbox while PostgreSQL keeps vanishing; then replay and count.

    python bench/outage.py --db postgresql://postgres@127.0.0.1:5432/postgres \
        [--seconds 60] [--rate 5]

A writer submits operations continuously through app.outbox (comments on a ticket,
logged interactions, new tickets, each carrying a unique marker). Meanwhile a
disrupter alternates two kinds of outage: it kills the writer's server connections
with pg_terminate_backend from an admin connection, and it cuts a local TCP proxy
the client talks through, so the server is unreachable for a few seconds (the shared
server itself is never stopped). A replayer plays the main window's part: when the
client is offline it retries every second and replays the outbox. At the end the
proxy is restored, the outbox replayed, and every marker counted on the server:
{"written", "stored", "lost", "duplicates", ...}. Target: lost = 0, duplicates = 0.

The run uses a database of its own (created and dropped on the server named by --db).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app import connection, tickets  # noqa: E402
from app.interactions import InteractionInput  # noqa: E402
from app.outbox import operations as ops  # noqa: E402
from app.outbox import state  # noqa: E402
from app.outbox.client import Outbox  # noqa: E402
from app.outbox.local_schema import open_local  # noqa: E402
from app.text import fold  # noqa: E402
from app.tickets import TicketInput  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import Customer, Interaction, Ticket, TicketEvent  # noqa: E402
from tests.offline_proxy import TcpProxy  # noqa: E402

MARK = "outage-"


def _admin(url: str, sql: str) -> None:
    u = make_url(url)
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password,
        dbname=u.database or "postgres", autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(sql.encode())


class Run:
    def __init__(self, admin_url: str, db_url: str, seconds: float, seed: int, rate: float) -> None:
        self.admin_url, self.db_url, self.seconds = admin_url, db_url, seconds
        self.rate = rate
        self.rng = random.Random(seed)
        self.stop = threading.Event()
        self.written: dict[str, str] = {}  # marker -> kind, for every acknowledged submit
        self.queued = self.applied_online = self.errors = 0
        self.terminations = self.killed_backends = 0
        self.error_samples: list[str] = []

    def setup(self) -> None:
        direct = Database(self.db_url)
        migrate.upgrade(direct)
        with direct.session() as s:
            c = Customer(name="Outage Bench", name_key=fold("Outage Bench"))
            s.add(c)
            s.flush()
            self.customer_id = c.id
        self.ticket = tickets.create_ticket(
            direct, TicketInput(customer=str(self.customer_id), subject="outage bench")
        )
        self.direct = direct
        u = make_url(self.db_url)
        self.proxy = TcpProxy(u.host or "127.0.0.1", u.port or 5432)
        self.client = Database(self.proxy.url(self.db_url), connect_args={"connect_timeout": 2})
        self.tmp = tempfile.TemporaryDirectory(prefix="calldesk-outage-")
        self.box = Outbox(self.client, open_local(Path(self.tmp.name) / "offline.sqlite"), "bench")

    def writer(self) -> None:
        n = 0
        start = time.perf_counter()
        while not self.stop.is_set():
            n += 1
            # Paced: `rate` operations a second (a busy team), not as fast as possible.
            self.stop.wait(max(0.0, start + n / self.rate - time.perf_counter()))
            marker = f"{MARK}{n:06d}-{uuid.uuid4().hex[:6]}"
            kind = ("comment", "interaction", "ticket")[n % 3]
            if kind == "comment":
                op = ops.comment(self.ticket.id, marker, None, internal=True)
            elif kind == "interaction":
                op = ops.log_interaction(
                    InteractionInput(customer_id=self.customer_id, summary=marker), None
                )
            else:
                op = ops.create_ticket(
                    TicketInput(customer=str(self.customer_id), subject=marker), None
                )
            try:
                outcome = self.box.submit(op)
            except Exception as exc:  # a write the agent would have seen fail
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(state.first_line(exc))
                continue
            self.written[marker] = kind
            if outcome.queued:
                self.queued += 1
            else:
                self.applied_online += 1

    def disrupter(self) -> None:
        dbname = make_url(self.db_url).database
        while not self.stop.wait(self.rng.uniform(0.8, 2.0)):
            if self.rng.random() < 0.5:
                with contextlib.suppress(psycopg.Error):
                    u = make_url(self.admin_url)
                    with psycopg.connect(
                        host=u.host, port=u.port, user=u.username, password=u.password,
                        dbname=u.database or "postgres", autocommit=True,
                    ) as conn:  # fmt: skip
                        rows = conn.execute(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = %s AND pid <> pg_backend_pid()",
                            (dbname,),
                        ).fetchall()
                        self.terminations += 1
                        self.killed_backends += sum(1 for (ok,) in rows if ok)
            else:
                self.proxy.cut()
                self.stop.wait(self.rng.uniform(1.0, 3.0))
                self.proxy.restore()

    def replayer(self) -> None:
        """The main window's part: check every second while offline, then replay."""
        while not self.stop.wait(1.0):
            if state.is_offline(self.client) or self.box.waiting():
                with contextlib.suppress(Exception):
                    connection.test_connection(self.client)
                    self.box.replay()

    def run(self) -> dict[str, Any]:
        self.setup()
        threads = [
            threading.Thread(target=f, daemon=True)
            for f in (self.writer, self.disrupter, self.replayer)
        ]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(self.seconds)
        self.stop.set()
        for t in threads:
            t.join(30)
        self.proxy.restore()
        waiting_at_end = self.box.waiting()
        for _attempt in range(30):
            report = self.box.replay()
            if report.remaining == 0 and not report.stopped:
                break
            time.sleep(1)
        elapsed = time.perf_counter() - t0
        found = self.count()
        stored = sum(1 for m in self.written if found.get(m, 0) > 0)
        duplicates = sum(max(0, found.get(m, 0) - 1) for m in self.written)
        unexpected = sum(n for m, n in found.items() if m not in self.written)
        out = {
            "written": len(self.written),
            "stored": stored,
            "lost": len(self.written) - stored,
            "duplicates": duplicates,
            "stored_not_written": unexpected,
            "applied_online": self.applied_online,
            "queued_offline": self.queued,
            "waiting_when_writes_stopped": waiting_at_end,
            "conflicts": self.box.problems(),
            "write_errors": self.errors,
            "error_samples": self.error_samples,
            "proxy_cuts": self.proxy.cuts,
            "terminate_rounds": self.terminations,
            "backends_killed": self.killed_backends,
            "write_seconds": self.seconds,
            "seconds": round(elapsed, 1),
        }
        return out

    def count(self) -> dict[str, int]:
        found: dict[str, int] = {}
        with self.direct.sessions() as s:
            for col in (TicketEvent.text, Interaction.summary, Ticket.subject):
                where = [col.like(MARK + "%")]
                if col is TicketEvent.text:
                    where.append(TicketEvent.kind == "comment")
                rows = s.execute(select(col, func.count()).where(*where).group_by(col)).all()
                for marker, n in rows:
                    found[str(marker)] = found.get(str(marker), 0) + int(n)
        return found

    def close(self) -> None:
        self.box.close()
        self.client.dispose()
        self.direct.dispose()
        self.proxy.close()
        self.tmp.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a PostgreSQL server URL (admin rights)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--rate", type=float, default=5.0, help="operations per second")
    args = parser.parse_args(argv)
    if make_url(args.db).get_backend_name() != "postgresql":
        print("outage.py: --db must be a PostgreSQL URL", file=sys.stderr)
        return 2
    name = f"calldesk_outage_{uuid.uuid4().hex[:8]}"
    try:
        _admin(args.db, f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"outage.py: cannot create a database on {args.db}: {exc}", file=sys.stderr)
        return 2
    db_url = make_url(args.db).set(database=name).render_as_string(hide_password=False)
    if args.seconds <= 0 or args.rate <= 0:
        print("outage.py: --seconds and --rate must be positive", file=sys.stderr)
        return 2
    run = Run(args.db, db_url, args.seconds, args.seed, args.rate)
    try:
        print(json.dumps(run.run()))
    finally:
        with contextlib.suppress(Exception):
            run.close()
        with contextlib.suppress(psycopg.Error):
            _admin(args.db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
