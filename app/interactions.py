"""Logging contacts on every channel, and the customer timeline that interleaves them
with tickets and orders."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import permissions, tickets
from app.errors import UserError
from app.permissions import Action
from db.engine import Database
from db.enums import Channel, Direction
from db.models import Call, Interaction, Order, Ticket

WRAPUP_CODES = (
    "resolved",
    "information_given",
    "ticket_opened",
    "complaint_filed",
    "callback_promised",
    "transferred",
    "wrong_number",
    "no_answer",
)


@dataclass(frozen=True)
class InteractionInput:
    customer_id: uuid.UUID | None
    channel: str = Channel.PHONE
    direction: str = Direction.INBOUND
    started_at: datetime | None = None
    ended_at: datetime | None = None
    summary: str | None = None
    wrapup_code: str | None = None
    satisfaction: int | None = None
    call_ref: str | None = None
    ticket_number: int | None = None
    category_id: uuid.UUID | None = None


@dataclass(frozen=True)
class LoggedInteraction:
    id: uuid.UUID
    reopened: list[int]


def log_interaction(
    db: Database,
    inp: InteractionInput,
    agent_id: uuid.UUID | None = None,
    interaction_id: uuid.UUID | None = None,
    reopen_window: timedelta = tickets.DEFAULT_REOPEN_WINDOW,
) -> LoggedInteraction:
    """Store one contact. A repeat contact soon after a resolution reopens that ticket,
    so a customer who calls back is never told their complaint is closed."""
    user = permissions.require(db, Action.LOG_INTERACTION)
    agent_id = agent_id or (user.id if user else None)
    if inp.channel not in set(Channel):
        raise UserError(f"channel must be one of {', '.join(Channel)}")
    if inp.direction not in set(Direction):
        raise UserError("direction must be inbound or outbound")
    if inp.satisfaction is not None and not 1 <= inp.satisfaction <= 5:
        raise UserError("satisfaction is a rating from 1 to 5")
    started = inp.started_at or datetime.now(UTC)
    if inp.ended_at is not None and inp.ended_at < started:
        raise UserError("an interaction cannot end before it starts")
    iid = interaction_id or uuid.uuid4()
    with db.session() as s:
        if s.get(Interaction, iid) is not None:  # replayed from an outbox: already stored
            return LoggedInteraction(iid, [])
        call_id = _call_id(s, inp.call_ref)
        ticket_id = None
        if inp.ticket_number is not None:
            t = s.scalar(select(Ticket).where(Ticket.number == inp.ticket_number))
            if t is None:
                raise UserError(f"no ticket {tickets.format_number(inp.ticket_number)}")
            ticket_id = t.id
        s.add(
            Interaction(
                id=iid,
                customer_id=inp.customer_id,
                channel=inp.channel,
                direction=inp.direction,
                started_at=started,
                ended_at=inp.ended_at,
                agent_id=agent_id,
                call_id=call_id,
                ticket_id=ticket_id,
                summary=(inp.summary or "").strip() or None,
                wrapup_code=inp.wrapup_code,
                satisfaction=inp.satisfaction,
            )
        )
    reopened: list[int] = []
    if inp.customer_id is not None and inp.direction == Direction.INBOUND:
        reopened = tickets.reopen_on_contact(
            db, inp.customer_id, inp.category_id, reopen_window, agent_id, at=started
        )
    return LoggedInteraction(iid, reopened)


def _call_id(s: Session, call_ref: str | None) -> uuid.UUID | None:
    if not call_ref:
        return None
    return s.scalar(select(Call.id).where(Call.call_ref == call_ref))


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str  # interaction | ticket | order
    channel: str | None
    title: str
    detail: str | None
    ref: str | None


def timeline(db: Database, customer_id: uuid.UUID, limit: int = 100) -> list[TimelineItem]:
    """Every contact, ticket and order of a customer, newest first: three indexed,
    limited queries merged here (a UNION would fight the two engines' type rules)."""
    permissions.require(db, Action.VIEW_CUSTOMERS)
    with db.sessions() as s:
        items = [
            TimelineItem(
                i.started_at, "interaction", i.channel, i.direction, i.summary, i.wrapup_code
            )
            for i in s.scalars(
                select(Interaction)
                .where(Interaction.customer_id == customer_id)
                .order_by(Interaction.started_at.desc())
                .limit(limit)
            )
        ]
        items += [
            TimelineItem(
                t.created_at,
                "ticket",
                t.channel,
                t.subject,
                t.status,
                tickets.format_number(t.number),
            )
            for t in s.scalars(
                select(Ticket)
                .where(Ticket.customer_id == customer_id)
                .order_by(Ticket.created_at.desc())
                .limit(limit)
            )
        ]
        items += [
            TimelineItem(
                o.ordered_at,
                "order",
                None,
                o.product,
                f"{o.amount:,.0f} {o.currency}",
                o.external_id,
            )
            for o in s.scalars(
                select(Order)
                .where(Order.customer_id == customer_id)
                .order_by(Order.ordered_at.desc())
                .limit(limit)
            )
        ]
    items.sort(key=lambda x: x.at, reverse=True)
    return items[:limit]
