"""Call events become calls rows the KPIs can read: offered, answered, ended, abandoned,
agent and matched customer; replays and out-of-order events change nothing they
should not; missed calls are listed until rung back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import interactions
from app.auth import create_user
from app.cti import recorder
from app.cti.events import CallState, Direction, make_event
from db.engine import Database
from db.models import Call, Interaction
from tests.pop_fixtures import customer

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def ev(state: CallState, cid: str = "c1", secs: int = 0, **kw: object):  # type: ignore[no-untyped-def]
    return make_event(state, cid, "baresip", at=T0 + timedelta(seconds=secs), **kw)  # type: ignore[arg-type]


def test_answered_call_carries_its_times_agent_and_customer(db: Database) -> None:
    an = customer(db, "Nguyễn Văn An", phones=["0912 345 678"])
    agent = create_user(db, "agent7", "pw-123456", "Agent Seven", extension="107")
    recorder.apply(
        db, ev(CallState.RINGING, number="0912345678", name="An", called="107", queue="sales")
    )
    recorder.apply(db, ev(CallState.ANSWERED, secs=12, agent="107"))
    rec = recorder.apply(db, ev(CallState.HANGUP, secs=190, cause="normal"))
    assert rec.offered_at == T0
    assert rec.answered_at == T0 + timedelta(seconds=12)
    assert rec.ended_at == T0 + timedelta(seconds=190)
    assert rec.customer_id == an and rec.agent_id == agent.id
    assert (rec.caller, rec.caller_name, rec.queue, rec.source) == (
        "0912345678",
        "An",
        "sales",
        "baresip",
    )
    assert not rec.abandoned


def test_unanswered_call_is_abandoned_and_listed_as_missed_until_called_back(
    db: Database,
) -> None:
    recorder.apply(db, ev(CallState.RINGING, "m1", number="0987654321", queue="support"))
    rec = recorder.apply(db, ev(CallState.HANGUP, "m1", secs=35))
    assert rec.abandoned and rec.answered_at is None
    recorder.apply(db, ev(CallState.RINGING, "m2", secs=60, number="0987654321"))
    recorder.apply(db, ev(CallState.HANGUP, "m2", secs=70))
    recorder.apply(db, ev(CallState.RINGING, "anon", secs=80, number="anonymous"))
    recorder.apply(db, ev(CallState.HANGUP, "anon", secs=90))
    missed = recorder.missed_calls(db)
    assert [m.call_ref for m in missed] == ["baresip:m2", "baresip:m1"]
    assert missed[1].waited_seconds == 35 and missed[1].queue == "support"
    assert recorder.mark_called_back(db, missed[0].id) == 2  # both calls from that number
    assert recorder.missed_calls(db) == []


def test_an_outbound_call_to_the_number_settles_its_missed_calls(db: Database) -> None:
    recorder.apply(db, ev(CallState.RINGING, "m1", number="0987654321"))
    recorder.apply(db, ev(CallState.HANGUP, "m1", secs=20))
    recorder.apply(
        db, ev(CallState.RINGING, "o1", secs=300, number="0987654321", direction=Direction.OUTBOUND)
    )
    assert recorder.missed_calls(db) == []


def test_replays_and_out_of_order_events_keep_the_first_times(db: Database) -> None:
    recorder.apply(db, ev(CallState.HANGUP, secs=100))  # we heard the end first
    recorder.apply(db, ev(CallState.ANSWERED, secs=10))
    rec = recorder.apply(db, ev(CallState.RINGING, secs=0, number="0911111111"))
    assert rec.offered_at == T0 and rec.caller == "0911111111"
    again = recorder.apply(db, ev(CallState.HANGUP, secs=500))
    assert again.ended_at == T0 + timedelta(seconds=100)
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Call)) == 1


def test_the_logged_interaction_links_to_the_call(db: Database) -> None:
    cid = customer(db, "Trần Thị Bình", phones=["0903 000 111"])
    recorder.apply(db, ev(CallState.RINGING, number="0903000111"))
    interactions.log_interaction(
        db,
        interactions.InteractionInput(cid, summary="asked about delivery", call_ref="baresip:c1"),
    )
    with db.sessions() as s:
        linked = s.scalar(select(Interaction.call_id))
        call = s.scalar(select(Call.id).where(Call.call_ref == "baresip:c1"))
    assert linked == call


def test_recorder_thread_writes_in_order_and_survives_bad_events(db: Database) -> None:
    seen: list[recorder.CallRecord] = []
    rec = recorder.Recorder(db, on_recorded=seen.append)
    rec.submit(ev(CallState.RINGING, "r1", number="0912000000"))
    rec.submit(ev(CallState.ANSWERED, "r1", secs=3))
    rec.submit(ev(CallState.HANGUP, "r1", secs=9))
    assert rec.flush()
    rec.close()
    assert [r.ended_at is not None for r in seen] == [False, False, True]
    assert seen[-1].answered_at == T0 + timedelta(seconds=3)


def test_wrapup_seconds(db: Database) -> None:
    recorder.apply(db, ev(CallState.RINGING))
    recorder.record_wrapup(db, "baresip:c1", 42)
    with db.sessions() as s:
        assert s.scalar(select(Call.acw_seconds)) == 42


def test_missed_call_list_pages_by_keyset(db: Database) -> None:
    for i in range(5):
        recorder.apply(db, ev(CallState.RINGING, f"p{i}", secs=i, number=f"090000000{i}"))
        recorder.apply(db, ev(CallState.HANGUP, f"p{i}", secs=i + 1))
    first = recorder.missed_calls(db, limit=3)
    rest = recorder.missed_calls(db, before=(first[-1].offered_at, first[-1].id), limit=3)
    assert [m.caller for m in first + rest] == [f"090000000{i}" for i in range(4, -1, -1)]


@pytest.mark.parametrize("bad", ["", "x" * 121])
def test_event_needs_a_usable_call_id(bad: str) -> None:
    from app.cti.events import EventError

    with pytest.raises(EventError):
        make_event(CallState.RINGING, bad, "baresip")
