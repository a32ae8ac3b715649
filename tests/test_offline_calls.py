"""Calls during an outage: the phone system's events wait in the outbox and reach the
calls table once, in order, when the server answers again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.auth import create_user
from app.cti import recorder
from app.cti.events import CallState, make_event
from db.models import AppliedOperation, Call
from tests import pop_fixtures
from tests.offline_fixtures import Offline, offline_fixture  # noqa: F401 (fixture)

pytestmark = pytest.mark.postgres

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)


def ev(state: CallState, cid: str, secs: int = 0, **kw: object):  # type: ignore[no-untyped-def]
    return make_event(state, cid, "baresip", at=T0 + timedelta(seconds=secs), **kw)  # type: ignore[arg-type]


def _calls(o: Offline) -> list[Call]:
    with o.direct.sessions() as s:
        return list(s.scalars(select(Call).order_by(Call.offered_at)))


def test_calls_during_an_outage_arrive_once_after_reconnect(offline: Offline) -> None:
    an = pop_fixtures.customer(offline.direct, "Nguyễn Văn An", ["0912 345 678"])
    agent = create_user(offline.direct, "agent7", "pw-123456", "Agent Seven", extension="107")
    offline.directory.refresh()
    seen: list[recorder.CallRecord] = []
    rec = recorder.Recorder(offline.central, agent.id, on_recorded=seen.append)
    try:
        offline.cut()
        # One answered call and one the caller gave up on, while the server is away.
        rec.submit(ev(CallState.RINGING, "a1", number="0912345678", queue="sales"))
        rec.submit(ev(CallState.ANSWERED, "a1", secs=8))
        rec.submit(ev(CallState.HANGUP, "a1", secs=130))
        rec.submit(ev(CallState.RINGING, "b1", secs=200, number="0987 000 111"))
        rec.submit(ev(CallState.HANGUP, "b1", secs=215))
        assert rec.flush()
        assert (rec.queued, rec.failed, rec.written) == (5, 0, 0)
        assert offline.box.waiting() == 5
        assert _calls(offline) == []  # nothing reached the server

        offline.restore()
        report = offline.box.replay()
        assert (report.applied, report.conflicts, report.remaining) == (5, 0, 0)
        calls = _calls(offline)
        assert [c.call_ref for c in calls] == ["baresip:a1", "baresip:b1"]
        answered, abandoned = calls
        assert answered.offered_at == T0
        assert answered.answered_at == T0 + timedelta(seconds=8)
        assert answered.ended_at == T0 + timedelta(seconds=130)
        assert (answered.agent_id, answered.customer_id, answered.queue) == (agent.id, an, "sales")
        assert abandoned.answered_at is None and abandoned.ended_at == T0 + timedelta(seconds=215)

        # Replaying again, or the phone system sending the end once more, doubles nothing.
        assert offline.box.replay().applied == 0
        rec.submit(ev(CallState.HANGUP, "a1", secs=999))
        assert rec.flush()
        assert rec.written == 1 and seen[-1].ended_at == T0 + timedelta(seconds=130)
        assert len(_calls(offline)) == 2
        with offline.direct.sessions() as s:
            kinds = s.scalars(select(AppliedOperation.kind)).all()
        assert kinds.count("call.event") == 6
    finally:
        rec.close()


def test_online_events_are_recorded_at_once_through_the_outbox(offline: Offline) -> None:
    rec = recorder.Recorder(offline.central)
    try:
        rec.submit(ev(CallState.RINGING, "o1", number="0912000000"))
        rec.submit(ev(CallState.HANGUP, "o1", secs=5))
        assert rec.flush()
        assert (rec.written, rec.queued) == (2, 0)
        assert offline.box.waiting() == 0
        with offline.direct.sessions() as s:
            n = s.scalar(
                select(func.count())
                .select_from(AppliedOperation)
                .where(AppliedOperation.kind == "call.event")
            )
        assert n == 2
        assert recorder.get(offline.direct, "baresip:o1") is not None
    finally:
        rec.close()


def test_cti_serve_keeps_calls_through_an_outage(pg_url: str, tmp_path: Path) -> None:
    """The headless `calldesk cti serve` queues the phone system's events while the
    central database is away and sends them once when it answers again."""
    import os
    import subprocess
    import sys
    import time

    from sqlalchemy.engine import make_url

    from db.engine import Database
    from tests.offline_proxy import TcpProxy
    from tests.test_cti_sources import ROOT, free_port, post, stop_serving, wait_for_listener

    u = make_url(pg_url)
    proxy = TcpProxy(u.host or "127.0.0.1", u.port or 5432)
    direct = Database(pg_url)
    port = free_port()
    env = {**os.environ, "CALLDESK_CTI_TOKEN": "tok-1", "PYTHONPATH": str(ROOT)}
    env["CALLDESK_HOME"] = str(tmp_path / "home")
    cmd = [sys.executable, "-m", "app", "cti", "serve", "--db", proxy.url(pg_url)]
    cmd += ["--source", "webhook", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True, cwd=ROOT)

    def calls() -> list[Call]:
        with direct.sessions() as s:
            return list(s.scalars(select(Call).where(Call.call_ref == "webhook:out1")))

    try:
        wait_for_listener(proc, port)
        proxy.cut()
        path = "/cti?token=tok-1"
        assert post(port, b"event=newCall&from=0912345678&callId=out1&queue=sales", path)[0] == 200
        assert post(port, b"event=hangup&callId=out1&cause=cancel", path)[0] == 200
        time.sleep(2)
        assert calls() == []  # nothing reached the server while it was away
        proxy.restore()
        deadline = time.monotonic() + 30
        while not calls() or calls()[0].ended_at is None:
            assert time.monotonic() < deadline, "the waiting call events never arrived"
            time.sleep(0.3)
    finally:
        try:
            err = stop_serving(proc, 60)
        finally:
            proxy.close()
    assert proc.returncode == 0, err
    (call,) = calls()
    assert (call.caller, call.queue, call.answered_at) == ("0912345678", "sales", None)
    direct.dispose()
