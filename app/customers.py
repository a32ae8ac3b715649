"""Customer directory queries: paged lists for the GUI, search, and the detail card.

Lists page by keyset on (name_key, id) so the millionth row costs what the first does.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, ScalarSelect, and_, func, or_, select, tuple_

from app.phones import clean
from app.text import fold
from db.engine import Database
from db.enums import ContactKind, TicketStatus
from db.models import ContactPoint, Customer, Interaction, Order, Ticket

PAGE_SIZE = 200
_TICKET = re.compile(r"^(?:#|t-?|cd-?)?(\d{1,12})$", re.IGNORECASE)


@dataclass(frozen=True)
class CustomerRow:
    id: uuid.UUID
    name: str
    name_key: str
    kind: str
    tier: str
    external_id: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class ContactRow:
    kind: str
    value: str
    normalized: str
    primary: bool


@dataclass(frozen=True)
class OrderRow:
    ordered_at: datetime
    product: str
    amount: Decimal
    currency: str
    status: str


@dataclass(frozen=True)
class InteractionRow:
    started_at: datetime
    channel: str
    direction: str
    summary: str | None


@dataclass(frozen=True)
class TicketRow:
    number: int
    kind: str
    subject: str
    status: str
    priority: str
    resolution_due: datetime | None


@dataclass
class CustomerDetail:
    id: uuid.UUID
    name: str
    kind: str
    tier: str
    vip: bool
    external_id: str | None
    warning: str | None
    notes: str | None
    merged_into_id: uuid.UUID | None
    contacts: list[ContactRow] = field(default_factory=list)
    orders: list[OrderRow] = field(default_factory=list)
    interactions: list[InteractionRow] = field(default_factory=list)
    open_tickets: list[TicketRow] = field(default_factory=list)
    order_count: int = 0
    lifetime_value: Decimal = Decimal(0)


def _primary(kind: str) -> ScalarSelect[str]:
    return (
        select(ContactPoint.value_raw)
        .where(ContactPoint.customer_id == Customer.id, ContactPoint.kind == kind)
        .order_by(ContactPoint.is_primary.desc(), ContactPoint.id)
        .limit(1)
        .correlate(Customer)
        .scalar_subquery()
    )


def _filter(query: str) -> list[ColumnElement[bool]]:
    """Conditions for the search box: name words, phone digits, email, external id, ticket."""
    q = query.strip()
    if not q:
        return []
    conds: list[ColumnElement[bool]] = []
    folded = fold(q)
    digits = clean(q).lstrip("+")
    by_contact = select(ContactPoint.customer_id)
    if "@" in q:
        conds.append(
            Customer.id.in_(by_contact.where(ContactPoint.value_norm.startswith(q.lower())))
        )
    elif digits.isdigit() and len(digits) >= 4:
        key = digits[1:] if digits.startswith("0") else digits
        conds.append(
            Customer.id.in_(
                by_contact.where(
                    ContactPoint.kind == ContactKind.PHONE, ContactPoint.match_key.contains(key)
                )
            )
        )
    m = _TICKET.match(q)
    if m:
        conds.append(
            Customer.id.in_(select(Ticket.customer_id).where(Ticket.number == int(m.group(1))))
        )
    conds.append(Customer.external_id == q)
    if folded:
        conds.append(
            or_(Customer.name_key.startswith(folded), Customer.name_key.contains(" " + folded))
        )
    return [or_(*conds)]


def page(
    db: Database,
    query: str = "",
    after: tuple[str, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
) -> list[CustomerRow]:
    """One page of customers ordered by folded name; pass the last row's key to continue."""
    stmt = select(
        Customer.id,
        Customer.name,
        Customer.name_key,
        Customer.kind,
        Customer.tier,
        Customer.external_id,
        _primary(ContactKind.PHONE),
        _primary(ContactKind.EMAIL),
    ).where(Customer.merged_into_id.is_(None), *_filter(query))
    if after is not None:
        stmt = stmt.where(tuple_(Customer.name_key, Customer.id) > tuple_(*after))
    stmt = stmt.order_by(Customer.name_key, Customer.id).limit(limit)
    with db.session() as s:
        return [CustomerRow(*row) for row in s.execute(stmt)]


def count(db: Database) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count()).select_from(Customer).where(Customer.merged_into_id.is_(None))
            )
            or 0
        )


def detail(db: Database, customer_id: uuid.UUID, history: int = 20) -> CustomerDetail | None:
    with db.session() as s:
        c = s.get(Customer, customer_id)
        if c is None:
            return None
        d = CustomerDetail(
            c.id,
            c.name,
            c.kind,
            c.tier,
            c.vip,
            c.external_id,
            c.warning,
            c.notes,
            c.merged_into_id,
        )
        d.contacts = [
            ContactRow(cp.kind, cp.value_raw, cp.value_norm, cp.is_primary)
            for cp in sorted(c.contact_points, key=lambda cp: (cp.kind, not cp.is_primary))
        ]
        d.orders = [
            OrderRow(o.ordered_at, o.product, o.amount, o.currency, o.status)
            for o in s.scalars(
                select(Order)
                .where(Order.customer_id == c.id)
                .order_by(Order.ordered_at.desc())
                .limit(history)
            )
        ]
        n, total = s.execute(
            select(func.count(), func.coalesce(func.sum(Order.amount), 0)).where(
                Order.customer_id == c.id
            )
        ).one()
        d.order_count, d.lifetime_value = int(n), Decimal(total)
        d.interactions = [
            InteractionRow(i.started_at, i.channel, i.direction, i.summary)
            for i in s.scalars(
                select(Interaction)
                .where(Interaction.customer_id == c.id)
                .order_by(Interaction.started_at.desc())
                .limit(history)
            )
        ]
        d.open_tickets = [
            TicketRow(t.number, t.kind, t.subject, t.status, t.priority, t.resolution_due)
            for t in s.scalars(
                select(Ticket)
                .where(
                    and_(
                        Ticket.customer_id == c.id,
                        Ticket.status.not_in([TicketStatus.RESOLVED, TicketStatus.CLOSED]),
                    )
                )
                .order_by(Ticket.created_at.desc())
            )
        ]
        return d
