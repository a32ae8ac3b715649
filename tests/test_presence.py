"""Agent presence: statuses with history, a heartbeat, and a dead client going offline
by itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import presence
from app.auth import create_user
from app.errors import UserError
from db.engine import Database
from db.models import AgentStatusLog

T0 = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def _rows(db: Database, uid: object) -> list[tuple[str, datetime, datetime | None]]:
    with db.sessions() as s:
        return [
            (r.status, r.started_at, r.ended_at)
            for r in s.scalars(
                select(AgentStatusLog)
                .where(AgentStatusLog.user_id == uid)
                .order_by(AgentStatusLog.started_at)
            )
        ]


def _status(db: Database, uid: object, now: datetime) -> str:
    return {a.user_id: a.status for a in presence.current_statuses(db, now)}[uid]  # type: ignore[index]


def test_status_changes_are_kept_as_history(db: Database) -> None:
    u = create_user(db, "lan", "pass123")
    presence.set_status(db, u.id, "available", at=T0)
    presence.set_status(db, u.id, "on_call", at=T0 + timedelta(minutes=1))
    presence.set_status(db, u.id, "on_call", at=T0 + timedelta(minutes=2))  # no new row
    presence.set_status(db, u.id, "wrap_up", at=T0 + timedelta(minutes=5))
    assert _rows(db, u.id) == [
        ("available", T0, T0 + timedelta(minutes=1)),
        ("on_call", T0 + timedelta(minutes=1), T0 + timedelta(minutes=5)),
        ("wrap_up", T0 + timedelta(minutes=5), None),
    ]
    assert _status(db, u.id, T0 + timedelta(minutes=5, seconds=10)) == "wrap_up"
    with pytest.raises(UserError, match="status must be one of"):
        presence.set_status(db, u.id, "lunch")


def test_a_client_that_stops_beating_goes_offline_by_itself(db: Database) -> None:
    u = create_user(db, "lan", "pass123")
    other = create_user(db, "binh", "pass123")
    presence.set_status(db, u.id, "available", at=T0)
    presence.set_status(db, other.id, "away", at=T0)
    presence.heartbeat(db, u.id, at=T0 + timedelta(seconds=15))
    presence.heartbeat(db, other.id, at=T0 + timedelta(seconds=50))
    # 30 s after the last beat: still there; 46 s: offline, even before any sweep.
    assert _status(db, u.id, T0 + timedelta(seconds=45)) == "available"
    assert _status(db, u.id, T0 + timedelta(seconds=61)) == "offline"
    assert presence.status_counts(db, T0 + timedelta(seconds=61))["offline"] >= 1
    # The next sweep (by any client) closes the open row at the last heartbeat.
    assert presence.sweep(db, at=T0 + timedelta(seconds=61)) == [u.id]
    assert _rows(db, u.id) == [("available", T0, T0 + timedelta(seconds=15))]
    assert presence.sweep(db, at=T0 + timedelta(seconds=62)) == []  # once
    assert _status(db, other.id, T0 + timedelta(seconds=61)) == "away"
    # A frozen client that comes back stays offline until the agent chooses again.
    assert presence.heartbeat(db, u.id, at=T0 + timedelta(seconds=70)) == "offline"
    presence.set_status(db, u.id, "available", at=T0 + timedelta(seconds=71))
    assert _status(db, u.id, T0 + timedelta(seconds=72)) == "available"


def test_going_offline_on_purpose_closes_the_row(db: Database) -> None:
    u = create_user(db, "lan", "pass123")
    presence.set_status(db, u.id, "available", at=T0)
    presence.set_status(db, u.id, "offline", at=T0 + timedelta(hours=8))
    assert _rows(db, u.id) == [("available", T0, T0 + timedelta(hours=8))]
    assert _status(db, u.id, T0 + timedelta(hours=8)) == "offline"


def test_status_without_a_client_counts_as_recorded(db: Database) -> None:
    """History written by the CLI or an import (no heartbeat row) is taken as it is."""
    u = create_user(db, "lan", "pass123")
    with db.session() as s:
        s.add(AgentStatusLog(user_id=u.id, status="away", started_at=T0))
    assert _status(db, u.id, T0 + timedelta(days=1)) == "away"
