"""Customer directory queries: paged lists for the GUI, search, and the detail card.

Lists page by keyset on (name_key, id) so the millionth row costs what the first does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ScalarSelect, and_, func, select, tuple_
from sqlalchemy.orm.exc import StaleDataError

from app import audit, permissions, search
from app.auth import CurrentUser
from app.errors import ConflictError, UserError
from app.permissions import Action
from app.text import fold
from db.engine import Database
from db.enums import ContactKind, TicketStatus, Tier
from db.models import ContactPoint, Customer, Interaction, Order, Ticket

PAGE_SIZE = 200


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
    version: int = 0


def _primary(kind: str) -> ScalarSelect[str]:
    return (
        select(ContactPoint.value_raw)
        .where(ContactPoint.customer_id == Customer.id, ContactPoint.kind == kind)
        .order_by(ContactPoint.is_primary.desc(), ContactPoint.id)
        .limit(1)
        .correlate(Customer)
        .scalar_subquery()
    )


def page(
    db: Database,
    query: str = "",
    after: tuple[str, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
    *,
    actor: CurrentUser | None = None,
) -> list[CustomerRow]:
    """One page of customers ordered by folded name; pass the last row's key to continue.

    With a query, app.search finds the page's keys (names without diacritics, phone
    fragments, emails, external ids, ticket numbers) and this fills in the columns.
    """
    permissions.require(db, Action.VIEW_CUSTOMERS, actor)
    stmt = select(
        Customer.id,
        Customer.name,
        Customer.name_key,
        Customer.kind,
        Customer.tier,
        Customer.external_id,
        _primary(ContactKind.PHONE),
        _primary(ContactKind.EMAIL),
    )
    with db.session() as s:
        if query.strip():
            keys = search.page_keys_on(s.connection(), db, query, after, limit)
            if not keys:
                return []
            stmt = stmt.where(Customer.id.in_([cid for _key, cid in keys]))
        else:
            stmt = stmt.where(Customer.merged_into_id.is_(None))
            if after is not None:
                stmt = stmt.where(tuple_(Customer.name_key, Customer.id) > tuple_(*after))
            stmt = stmt.limit(limit)
        stmt = stmt.order_by(Customer.name_key, Customer.id)
        return [CustomerRow(*row) for row in s.execute(stmt)]


def count(db: Database, *, actor: CurrentUser | None = None) -> int:
    permissions.require(db, Action.VIEW_CUSTOMERS, actor)
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count()).select_from(Customer).where(Customer.merged_into_id.is_(None))
            )
            or 0
        )


def detail(
    db: Database,
    customer_id: uuid.UUID,
    history: int = 20,
    *,
    actor: CurrentUser | None = None,
) -> CustomerDetail | None:
    """The card of a customer; a merged customer's id leads to the one it was merged into
    (the returned detail's id says which). Opening it is audited."""
    permissions.require(db, Action.VIEW_CUSTOMERS, actor)
    d = _detail(db, customer_id, history)
    if d is not None:
        audit.viewed(db, "customer", str(d.id), customer_id=d.id, actor=actor,
                     detail={"screen": "detail"})  # fmt: skip
    return d


def _detail(db: Database, customer_id: uuid.UUID, history: int) -> CustomerDetail | None:
    with db.session() as s:
        c = s.get(Customer, customer_id)
        for _hop in range(8):
            if c is None or c.merged_into_id is None:
                break
            c = s.get(Customer, c.merged_into_id)
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
            version=c.version,
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


# What an agent may edit on the card (contacts have their own screens and the importer).
EDITABLE = ("name", "tier", "vip", "warning", "notes")


def update_customer(
    db: Database,
    customer_id: uuid.UUID,
    changes: dict[str, object],
    expected_version: int,
) -> CustomerDetail:
    """Save an agent's edit of the card. `expected_version` is the version the agent
    edited; if someone saved in between, ConflictError (never a silent overwrite): the
    caller shows both versions and the agent chooses."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise UserError(f"cannot edit {', '.join(sorted(unknown))}")
    if "name" in changes:
        name = str(changes["name"] or "").strip()
        if not name:
            raise UserError("a customer needs a name")
        changes["name"] = name[:200]
    if "tier" in changes and changes["tier"] not in set(Tier):
        raise UserError(f"tier must be one of {', '.join(Tier)}")
    for key in ("warning", "notes"):
        if key in changes:
            changes[key] = str(changes[key] or "").strip() or None
    try:
        with db.session() as s:
            stmt = select(Customer).where(Customer.id == customer_id)
            if not db.is_sqlite:
                stmt = stmt.with_for_update()
            c = s.scalar(stmt)
            if c is None:
                raise UserError("this customer no longer exists")
            if c.version != expected_version:
                raise ConflictError(
                    f"{c.name} was changed by someone else "
                    f"(you had version {expected_version}, it is now {c.version})"
                )
            for key, value in changes.items():
                setattr(c, key, value)
            if "name" in changes:
                c.name_key = fold(c.name)
    except StaleDataError as exc:  # SQLite: a writer slipped in between read and update
        raise ConflictError("the customer was changed by someone else meanwhile") from exc
    found = detail(db, customer_id)
    assert found is not None
    return found
