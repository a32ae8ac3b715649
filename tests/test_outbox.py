"""Offline writes: an outage's writes reach the server exactly once, in order."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from app import tickets
from app.interactions import InteractionInput
from app.outbox import operations as ops
from app.outbox import state, writes
from app.tickets import TicketInput
from db.models import AppliedOperation, Customer, Interaction, Ticket, TicketEvent
from tests import pop_fixtures
from tests.offline_fixtures import Offline, offline_fixture  # noqa: F401 (fixture)

pytestmark = pytest.mark.postgres


def _count(o: Offline, model: object, *where: object) -> int:
    with o.direct.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


def test_online_writes_apply_at_once_and_once(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Lê Văn Online", ["0903 111 222"])
    view = writes.create_ticket(
        offline.central, TicketInput(customer=str(cid), kind="complaint", subject="Late")
    )
    assert view.number > 0 and not writes.is_provisional(view)
    assert offline.box.waiting() == 0
    assert _count(offline, AppliedOperation) == 1


def test_offline_session_arrives_exactly_once_in_order(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Trần Thị Mai", ["0903 123 456"])
    offline.cut()

    # An unknown caller becomes a customer, gets a ticket, a comment and a logged call.
    new_id = writes.create_customer(offline.central, "Phạm Văn Mới", "0912 345 678")
    assert state.is_offline(offline.central)
    view = writes.create_ticket(
        offline.central, TicketInput(customer=str(new_id), kind="complaint", subject="Broken")
    )
    assert writes.is_provisional(view) and view.number == 0
    view = writes.comment(offline.central, view, "called back, still broken", internal=False)
    assert view.events[-1].data == {"waiting": True}
    writes.attach_number(offline.central, cid, "0988 000 111")
    writes.record_call(offline.central, "call-off-1", "0912 345 678", new_id)
    logged = writes.log_interaction(
        offline.central, InteractionInput(customer_id=new_id, summary="offline call")
    )
    assert offline.box.waiting() == 6
    assert _count(offline, Customer, Customer.id == new_id) == 0  # nothing reached the server

    offline.restore()
    report = offline.box.replay()
    assert (report.applied, report.conflicts, report.remaining) == (6, 0, 0)
    assert not state.is_offline(offline.central)

    t = tickets.show(offline.direct, tickets.show(offline.direct, _number(offline, view.id)).number)
    assert t.customer_id == new_id and t.number > 0
    assert [e.text for e in t.events if e.kind == "comment"] == ["called back, still broken"]
    assert _count(offline, Interaction, Interaction.id == logged.id) == 1
    assert _count(offline, AppliedOperation) == 6
    # Replaying again (nothing waiting) changes nothing.
    assert offline.box.replay().applied == 0
    assert _count(offline, TicketEvent, TicketEvent.kind == "comment") == 1


def _number(o: Offline, ticket_id: uuid.UUID) -> int:
    with o.direct.sessions() as s:
        return int(s.scalar(select(Ticket.number).where(Ticket.id == ticket_id)) or 0)


def test_crash_between_server_commit_and_local_mark_neither_loses_nor_doubles(
    offline: Offline,
) -> None:
    cid = pop_fixtures.customer(offline.direct, "Đỗ Crash", ["0903 555 666"])
    t = tickets.create_ticket(offline.direct, TicketInput(customer=str(cid), subject="Crash"))
    offline.cut()
    for i in range(3):
        writes.comment(offline.central, t, f"comment {i}")
    offline.restore()

    class Crash(BaseException):
        pass

    def crash_after_second(op: ops.Operation) -> None:
        if op.payload["text"] == "comment 1":
            raise Crash

    offline.box.after_server_commit = crash_after_second
    with pytest.raises(Crash):
        offline.box.replay()
    # The server has comments 0 and 1; the outbox still holds 1 (not marked) and 2.
    assert offline.box.waiting() == 2
    offline.box.after_server_commit = None
    report = offline.box.replay()
    assert (report.already, report.applied, report.remaining) == (1, 1, 0)
    texts = [e.text for e in tickets.show(offline.direct, t.number).events if e.kind == "comment"]
    assert texts == ["comment 0", "comment 1", "comment 2"]


def test_conflict_is_kept_with_its_reason_then_retried_or_discarded(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Vũ Conflict", ["0903 777 888"])
    t = tickets.create_ticket(offline.direct, TicketInput(customer=str(cid), subject="Refund"))
    offline.cut()
    writes.comment(offline.central, t, "offline note")
    status_op = ops.change_status(t.id, "pending_customer", None, expected_version=t.version)
    assert offline.box.submit(status_op).queued
    # Meanwhile another agent resolves and closes the ticket on the server.
    tickets.change_status(offline.direct, t.number, "resolved")
    tickets.change_status(offline.direct, t.number, "closed")
    offline.restore()

    report = offline.box.replay()
    assert (report.applied, report.conflicts) == (0, 2)
    problems = offline.box.stored(only_problems=True)
    assert [p.state for p in problems] == ["conflict", "conflict"]
    assert "closed meanwhile" in (problems[0].reason or "")
    assert "changed by someone else" in (problems[1].reason or "")
    assert offline.box.waiting() == 0  # conflicts wait for the agent, not for replay

    # Retry the comment (accepting the closed ticket), discard the status change.
    offline.box.retry(problems[0].op.id)
    assert offline.box.replay().applied == 1
    assert offline.box.discard(problems[1].op.id)
    assert offline.box.stored() == []
    view = tickets.show(offline.direct, t.number)
    assert view.status == "closed"
    assert [e.text for e in view.events if e.kind == "comment"] == ["offline note"]


def test_writes_queue_behind_waiting_ones_even_when_back_online(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Order Keeper", ["0903 999 000"])
    offline.cut()
    view = writes.create_ticket(offline.central, TicketInput(customer=str(cid), subject="First"))
    offline.restore()
    state.of(offline.central).came_online()  # the check succeeded; replay not run yet
    writes.comment(offline.central, view, "after the ticket")
    assert offline.box.waiting() == 2  # queued behind the ticket, not applied before it
    assert offline.box.replay().applied == 2
