"""The server forgets old applied operations, and forgetting never doubles a replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import tickets
from app.config import Settings
from app.outbox import operations as ops
from app.outbox import retention
from app.outbox.client import FORGOTTEN
from app.tickets import TicketInput
from db.engine import Database
from db.models import AppliedOperation
from tests import pop_fixtures
from tests.offline_fixtures import Offline, offline_fixture  # noqa: F401 (fixture)

pg = pytest.mark.postgres
NOW = datetime.now(UTC)


def _comment_op(t: tickets.TicketView, text: str, days_ago: float) -> ops.Operation:
    op = ops.comment(t.id, text, None)
    return ops.Operation(op.kind, op.payload, None, created_at=NOW - timedelta(days=days_ago))


def _comments(o: Offline, t: tickets.TicketView) -> list[str | None]:
    return [e.text for e in tickets.show(o.direct, t.number).events if e.kind == "comment"]


@pg
def test_old_applied_operations_are_pruned_and_a_late_replay_is_refused_not_doubled(
    offline: Offline,
) -> None:
    cid = pop_fixtures.customer(offline.direct, "Hồ Retention", ["0903 123 000"])
    t = tickets.create_ticket(offline.direct, TicketInput(customer=str(cid), subject="Old"))
    old = _comment_op(t, "made 40 days ago", 40)
    recent = _comment_op(t, "made yesterday", 1)
    # Both reached the server, but the workstation crashed before it marked them sent:
    # they are still in its outbox.
    for op in (old, recent):
        offline.box._enqueue(op)
        offline.box._apply_central(op)
    with offline.direct.session() as s:
        s.execute(  # applied back then
            AppliedOperation.__table__.update()
            .where(AppliedOperation.id == old.id)
            .values(applied_at=NOW - timedelta(days=40))
        )

    assert retention.prune(offline.direct, timedelta(days=30), now=NOW) == 1
    with offline.direct.sessions() as s:
        kept = s.scalars(select(AppliedOperation.id)).all()
    assert kept == [recent.id]

    # The late replay: the recent one is known ("already"); the old one's record is
    # gone, so it is refused as a conflict instead of being applied a second time.
    report = offline.box.replay()
    assert (report.applied, report.already, report.conflicts) == (0, 1, 1)
    assert _comments(offline, t) == ["made 40 days ago", "made yesterday"]
    (problem,) = offline.box.stored(only_problems=True)
    assert problem.op.id == old.id and problem.reason == FORGOTTEN
    # Even "retry" cannot push it through: the agent checks and discards it.
    offline.box.retry(old.id)
    assert offline.box.replay().conflicts == 1
    assert _comments(offline, t) == ["made 40 days ago", "made yesterday"]
    assert offline.box.discard(old.id)


@pg
def test_operations_made_after_the_horizon_still_apply(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Hồ Fresh", ["0903 123 001"])
    t = tickets.create_ticket(offline.direct, TicketInput(customer=str(cid), subject="New"))
    retention.prune(offline.direct, timedelta(days=30), now=NOW)
    waited = _comment_op(t, "waited ten days offline", 10)
    offline.box._enqueue(waited)
    assert offline.box.replay().applied == 1
    assert _comments(offline, t) == ["waited ten days offline"]


def test_prune_never_lowers_the_horizon_and_keeps_recent_rows(db: Database) -> None:
    with db.session() as s:
        for days, kind in ((50, "old"), (5, "recent")):
            at = NOW - timedelta(days=days)
            s.add(AppliedOperation(kind=kind, applied_at=at, created_at=at, result={},
                                   id=ops.Operation("x", {}).id))  # fmt: skip
    assert retention.prune(db, timedelta(days=30), now=NOW) == 1
    assert retention.prune(db, timedelta(days=40), now=NOW) == 0  # an earlier cutoff
    with db.session() as s:
        assert retention.horizon(s) == NOW - timedelta(days=30)
        assert s.scalars(select(AppliedOperation.kind)).all() == ["recent"]


def test_the_retention_is_a_setting() -> None:
    assert retention.retention(Settings()) == timedelta(days=30)
    assert retention.retention(Settings(outbox_retention_days=90)) == timedelta(days=90)
    assert retention.retention(Settings(outbox_retention_days=0)) == timedelta(days=1)
