"""Interaction logging, the customer timeline, and department queues with SLA state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import interactions, queues, tickets
from app.auth import create_user
from app.errors import UserError
from app.interactions import InteractionInput
from app.tickets import TicketInput
from db.engine import Database
from db.models import Customer, Order
from tests.ticket_fixtures import reference

MON_9 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture
def ref_db(db: Database) -> Database:
    reference(db)
    return db


def _customer(db: Database, ext: str = "C-1") -> Customer:
    with db.sessions() as s:
        c = s.scalar(select(Customer).where(Customer.external_id == ext))
        assert c is not None
        return c


def test_logging_a_call_and_the_timeline(ref_db: Database) -> None:
    c = _customer(ref_db)
    agent = create_user(ref_db, "agent1", "agent123")
    with ref_db.session() as s:
        s.add(
            Order(
                customer_id=c.id,
                ordered_at=MON_9 - timedelta(days=3),
                amount=Decimal("1250000"),
                product="Nồi cơm điện",
            )
        )
    t = tickets.create_ticket(
        ref_db, TicketInput(customer="C-1", text="nồi bị hỏng"), at=MON_9 - timedelta(days=1)
    )
    interactions.log_interaction(
        ref_db,
        InteractionInput(
            c.id,
            "phone",
            started_at=MON_9,
            ended_at=MON_9 + timedelta(minutes=4),
            summary="Khách gọi hỏi tiến độ",
            wrapup_code="information_given",
            satisfaction=5,
            ticket_number=t.number,
        ),
        agent_id=agent.id,
    )
    interactions.log_interaction(
        ref_db,
        InteractionInput(
            c.id, "zalo", started_at=MON_9 + timedelta(hours=1), summary="Gửi ảnh sản phẩm"
        ),
    )
    items = interactions.timeline(ref_db, c.id)
    assert [i.kind for i in items] == ["interaction", "interaction", "ticket", "order"]
    assert [i.channel for i in items[:2]] == ["zalo", "phone"]
    assert items[2].ref == t.display_number and items[3].title == "Nồi cơm điện"
    assert all(i.at.tzinfo is not None for i in items)


def test_bad_interactions_are_refused(ref_db: Database) -> None:
    c = _customer(ref_db)
    with pytest.raises(UserError, match="channel"):
        interactions.log_interaction(ref_db, InteractionInput(c.id, "pigeon"))
    with pytest.raises(UserError, match="1 to 5"):
        interactions.log_interaction(ref_db, InteractionInput(c.id, satisfaction=9))
    with pytest.raises(UserError, match="end before"):
        interactions.log_interaction(
            ref_db, InteractionInput(c.id, started_at=MON_9, ended_at=MON_9 - timedelta(1))
        )


def test_replayed_interaction_is_stored_once(ref_db: Database) -> None:
    import uuid

    c = _customer(ref_db)
    iid = uuid.uuid4()
    for _ in range(3):
        interactions.log_interaction(
            ref_db, InteractionInput(c.id, summary="x"), interaction_id=iid
        )
    assert len(interactions.timeline(ref_db, c.id)) == 1


def test_contact_after_resolution_reopens(ref_db: Database) -> None:
    c = _customer(ref_db)
    t = tickets.create_ticket(ref_db, TicketInput(customer="C-1", text="late"), at=MON_9)
    tickets.change_status(ref_db, t.number, "resolved", at=MON_9 + timedelta(hours=1))
    logged = interactions.log_interaction(
        ref_db, InteractionInput(c.id, started_at=MON_9 + timedelta(days=1), summary="again")
    )
    assert logged.reopened == [t.number]
    assert tickets.show(ref_db, t.number).status == "open"


def test_department_queue_orders_by_deadline_with_sla_state(ref_db: Database) -> None:
    made = []
    for i, at in enumerate([MON_9, MON_9 - timedelta(days=5), MON_9 - timedelta(hours=20)]):
        made.append(
            tickets.create_ticket(ref_db, TicketInput(category="delivery", text=f"late {i}"), at=at)
        )
    tickets.create_ticket(ref_db, TicketInput(text="other desk"), at=MON_9)
    rows = queues.department_queue(ref_db, "DELIVERY")
    assert [r.number for r in rows] == [made[1].number, made[2].number, made[0].number]
    now = MON_9 + timedelta(minutes=5)
    assert [r.sla_state(now) for r in rows] == ["overdue", "ok", "ok"]
    due = rows[2].resolution_due
    assert due is not None
    assert rows[2].sla_state(due - timedelta(hours=1)) == "due_soon"
    # Keyset paging gives the same order.
    first = queues.department_queue(ref_db, "DELIVERY", limit=2)
    rest = queues.department_queue(ref_db, "DELIVERY", after=queues.queue_key(first[-1]))
    assert [r.number for r in first + rest] == [r.number for r in rows]
    summary = {q.code: q for q in queues.summaries(ref_db, now)}
    assert summary["DELIVERY"].open == 3 and summary["DELIVERY"].overdue == 1
    assert summary["QUALITY"].open == 0


def test_transferred_ticket_shows_in_the_receiving_queue(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(category="delivery", text="late"))
    tickets.transfer(ref_db, t.number, "QUALITY", "it was broken")
    assert [r.number for r in queues.department_queue(ref_db, "QUALITY")] == [t.number]
    assert queues.department_queue(ref_db, "DELIVERY") == []


def test_my_work(ref_db: Database) -> None:
    agent = create_user(ref_db, "agent1", "agent123")
    t = tickets.create_ticket(ref_db, TicketInput(text="x"))
    tickets.assign(ref_db, t.number, "agent1")
    assert [r.assignee for r in queues.my_work(ref_db, agent.id)] == ["agent1"]
    tickets.change_status(ref_db, t.number, "resolved")
    assert queues.my_work(ref_db, agent.id) == []
