"""What the screen-pop card shows about a caller, gathered in one call.

The card is up while the phone rings, so this is a handful of small indexed queries
on one connection (the customer, contacts, organisation, order aggregate, open
tickets, the last contact per channel) and no ORM objects. The value segment comes
from cached RFM cut-offs (app.rfm); computing those is never done here.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, case, func, select

from app import audit, lookup, permissions, phones
from app import rfm as rfm_mod
from app.auth import CurrentUser
from app.outbox import state as offline_state
from app.permissions import Action
from app.queues import FAR_FUTURE, SlaState
from app.rfm import Cutoffs, RfmScore
from app.tickets import OPEN_STATES, format_number
from db.engine import Database
from db.enums import ContactKind, CustomerKind, TicketKind, TicketStatus
from db.models import ContactPoint, Customer, Interaction, Order, Ticket

MAX_TICKETS = 20
MAX_MEMBERS = 6
MAX_CONTACTS = 12


@dataclass(frozen=True)
class Related:
    """A linked customer: the person's organisation, or one of an organisation's people."""

    id: uuid.UUID
    name: str
    phone: str | None = None


@dataclass(frozen=True)
class OpenTicket:
    number: int
    kind: str
    subject: str
    status: str
    priority: str
    created_at: datetime
    resolution_due: datetime | None
    breached: bool
    sla: SlaState
    overdue_by: timedelta | None  # how long past its deadline, when overdue

    @property
    def display_number(self) -> str:
        return format_number(self.number)

    @property
    def is_complaint(self) -> bool:
        return self.kind == TicketKind.COMPLAINT


@dataclass(frozen=True)
class ChannelContact:
    """The latest contact on one channel, and how many there were on it."""

    channel: str
    at: datetime
    direction: str
    summary: str | None
    count: int


@dataclass
class CardData:
    id: uuid.UUID
    name: str
    kind: str
    tier: str
    vip: bool
    external_id: str | None
    warning: str | None
    notes: str | None
    requested_id: uuid.UUID  # the id asked for; differs from `id` after a merge redirect
    organisation: Related | None = None
    members: list[Related] = field(default_factory=list)
    member_count: int = 0
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    order_count: int = 0
    lifetime_value: Decimal = Decimal(0)
    currency: str = "VND"
    last_order_at: datetime | None = None
    last_product: str | None = None
    rfm: RfmScore | None = None
    open_tickets: list[OpenTicket] = field(default_factory=list)
    channels: list[ChannelContact] = field(default_factory=list)
    built_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def complaints(self) -> list[OpenTicket]:
        """Complaints in progress, the most urgent first."""
        return [t for t in self.open_tickets if t.is_complaint]

    @property
    def is_organisation(self) -> bool:
        return self.kind == CustomerKind.ORGANIZATION

    def rescore(self, cutoffs: Cutoffs | None) -> None:
        """Score again against cut-offs that arrived after the card was built."""
        self.rfm = rfm_mod.score(cutoffs, self.last_order_at, self.order_count, self.lifetime_value)


@dataclass
class PopResult:
    """A ringing number looked up, and the best candidate's card (None: nobody)."""

    query: str
    normalized: str | None
    matches: list[lookup.Match]
    card: CardData | None
    lookup_ms: float
    card_ms: float


def sla_state(
    status: str,
    created_at: datetime,
    due: datetime | None,
    breached: bool,
    now: datetime,
) -> SlaState:
    """The same reading app.queues gives a queue row: paused while waiting on the
    customer, overdue past the deadline, due soon under 2 h or a quarter left."""
    if status == TicketStatus.PENDING_CUSTOMER:
        return SlaState.PAUSED
    if due is None:
        return SlaState.NONE
    if breached or due <= now:
        return SlaState.OVERDUE
    left, total = due - now, due - created_at
    if left < timedelta(hours=2) or left < total * 0.25:
        return SlaState.DUE_SOON
    return SlaState.OK


def _utc(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _resolve(conn: Connection, customer_id: uuid.UUID) -> Any:
    """The customer's row, following merge redirects."""
    c = Customer.__table__.c
    cols = (
        c.id,
        c.name,
        c.kind,
        c.tier,
        c.vip,
        c.external_id,
        c.warning,
        c.notes,
        c.organization_id,
        c.merged_into_id,
    )
    row = conn.execute(select(*cols).where(c.id == customer_id)).first()
    for _hop in range(8):
        if row is None or row.merged_into_id is None:
            break
        row = conn.execute(select(*cols).where(c.id == row.merged_into_id)).first()
    return row


def _primary_phone(customer_ids: list[uuid.UUID], conn: Connection) -> dict[uuid.UUID, str]:
    if not customer_ids:
        return {}
    cp = ContactPoint.__table__.c
    out: dict[uuid.UUID, str] = {}
    for cid, raw in conn.execute(
        select(cp.customer_id, cp.value_raw)
        .where(cp.customer_id.in_(customer_ids), cp.kind == ContactKind.PHONE)
        .order_by(cp.is_primary.desc())
    ):
        out.setdefault(cid, raw)
    return out


def build(
    db: Database,
    customer_id: uuid.UUID,
    now: datetime | None = None,
    cutoffs: Cutoffs | None = None,
    *,
    actor: CurrentUser | None = None,
) -> CardData | None:
    """The card of `customer_id` (or of the customer it was merged into); None if gone.
    `cutoffs` default to the cached RFM cut-offs; missing ones leave `rfm` empty.
    Opening it is audited in the background (app.audit.viewed: no wait on the pop)."""
    permissions.require(db, Action.VIEW_CUSTOMERS, actor)
    now = now or datetime.now(UTC)

    def online() -> CardData | None:
        with db.engine.connect() as conn:
            return _build(
                conn, customer_id, now, cutoffs if cutoffs is not None else rfm_mod.cached(db)
            )

    # Offline (issue #5): the directory copy answers while the server is away.
    card: CardData | None = offline_state.guarded(db, online, lambda c: c.build(customer_id))
    if card is not None:
        audit.viewed(db, "customer", str(card.id), customer_id=card.id, actor=actor,
                     detail={"screen": "card"})  # fmt: skip
    return card


def _build(
    conn: Connection, customer_id: uuid.UUID, now: datetime, cutoffs: Cutoffs | None
) -> CardData | None:
    row = _resolve(conn, customer_id)
    if row is None:
        return None
    d = CardData(
        id=row.id,
        name=row.name,
        kind=row.kind,
        tier=row.tier,
        vip=bool(row.vip),
        external_id=row.external_id,
        warning=row.warning,
        notes=row.notes,
        requested_id=customer_id,
    )
    _contacts(conn, d)
    _organisation(conn, d, row.organization_id)
    _orders(conn, d)
    d.rescore(cutoffs)
    _tickets(conn, d, now)
    _channels(conn, d)
    return d


def _contacts(conn: Connection, d: CardData) -> None:
    cp = ContactPoint.__table__.c
    for kind, raw in conn.execute(
        select(cp.kind, cp.value_raw)
        .where(cp.customer_id == d.id)
        .order_by(cp.is_primary.desc(), cp.kind, cp.value_raw)
        .limit(MAX_CONTACTS)
    ):
        if kind == ContactKind.PHONE:
            d.phones.append(raw)
        elif kind == ContactKind.EMAIL:
            d.emails.append(raw)


def _organisation(conn: Connection, d: CardData, organization_id: uuid.UUID | None) -> None:
    c = Customer.__table__.c
    if d.is_organisation:
        members = conn.execute(
            select(c.id, c.name)
            .where(c.organization_id == d.id, c.merged_into_id.is_(None))
            .order_by(c.name_key, c.id)
            .limit(MAX_MEMBERS + 1)
        ).all()
        shown = members[:MAX_MEMBERS]
        reach = _primary_phone([m.id for m in shown], conn)
        d.members = [Related(m.id, m.name, reach.get(m.id)) for m in shown]
        d.member_count = len(members)
        if len(members) > MAX_MEMBERS:
            d.member_count = int(
                conn.scalar(
                    select(func.count())
                    .select_from(Customer)
                    .where(c.organization_id == d.id, c.merged_into_id.is_(None))
                )
                or 0
            )
    elif organization_id is not None:
        org = _resolve(conn, organization_id)
        if org is not None:
            reach = _primary_phone([org.id], conn)
            d.organisation = Related(org.id, org.name, reach.get(org.id))


def _orders(conn: Connection, d: CardData) -> None:
    o = Order.__table__.c
    n, total, last = conn.execute(
        select(func.count(), func.coalesce(func.sum(o.amount), 0), func.max(o.ordered_at)).where(
            o.customer_id == d.id
        )
    ).one()
    d.order_count, d.lifetime_value = int(n or 0), Decimal(str(total or 0))
    if d.order_count:
        latest = conn.execute(
            select(o.ordered_at, o.product, o.currency)
            .where(o.customer_id == d.id)
            .order_by(o.ordered_at.desc())
            .limit(1)
        ).first()
        if latest is not None:
            d.last_order_at, d.last_product, d.currency = latest
        elif last is not None:
            d.last_order_at = _utc(last)


def _tickets(conn: Connection, d: CardData, now: datetime) -> None:
    t = Ticket.__table__.c
    complaint_first = case((t.kind == TicketKind.COMPLAINT, 0), else_=1)
    rows = conn.execute(
        select(
            t.number,
            t.kind,
            t.subject,
            t.status,
            t.priority,
            t.created_at,
            t.resolution_due,
            t.breached,
        )
        .where(t.customer_id == d.id, t.status.in_([s.value for s in OPEN_STATES]))
        .order_by(complaint_first, func.coalesce(t.resolution_due, FAR_FUTURE), t.number)
        .limit(MAX_TICKETS)
    ).all()
    tickets = []
    for r in rows:
        due = r.resolution_due
        state = sla_state(r.status, r.created_at, due, bool(r.breached), now)
        overdue = now - due if state == SlaState.OVERDUE and due is not None and due < now else None
        tickets.append(
            OpenTicket(
                r.number,
                r.kind,
                r.subject,
                r.status,
                r.priority,
                r.created_at,
                due,
                bool(r.breached),
                state,
                overdue,
            )
        )
    # Overdue complaints first, then other complaints, then the rest by deadline.
    tickets.sort(key=lambda x: (not x.is_complaint, x.sla != SlaState.OVERDUE))
    d.open_tickets = tickets


def _channels(conn: Connection, d: CardData) -> None:
    i = Interaction.__table__.c
    ranked = (
        select(
            i.channel,
            i.started_at,
            i.direction,
            i.summary,
            func.row_number()
            .over(partition_by=i.channel, order_by=(i.started_at.desc(), i.id.desc()))
            .label("rn"),
            func.count().over(partition_by=i.channel).label("n"),
        )
        .where(i.customer_id == d.id)
        .subquery()
    )
    rows = conn.execute(
        select(
            ranked.c.channel, ranked.c.started_at, ranked.c.direction, ranked.c.summary, ranked.c.n
        )
        .where(ranked.c.rn == 1)
        .order_by(ranked.c.started_at.desc())
    ).all()
    d.channels = [
        ChannelContact(r.channel, _utc(r.started_at), r.direction, r.summary, int(r.n))
        for r in rows
    ]


def for_caller(
    db: Database,
    value: str | None,
    region: str = phones.DEFAULT_REGION,
    now: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
) -> PopResult:
    """Everything a ring needs: every customer the number may belong to (most recent
    activity first) and the first one's card. While the server is away (issue #5) the
    directory copy answers, with a reduced card (app.offline_cache.OfflineCard)."""
    permissions.require(db, Action.VIEW_CUSTOMERS, actor)
    result: PopResult = offline_state.guarded(
        db,
        lambda: _for_caller(db, value, region, now, actor),
        lambda copy: copy.for_caller(value, region, now),
    )
    return result


def _for_caller(
    db: Database,
    value: str | None,
    region: str,
    now: datetime | None,
    actor: CurrentUser | None = None,
) -> PopResult:
    t0 = time.perf_counter()
    found = lookup.lookup(db, value, region)
    t1 = time.perf_counter()
    best = found.best
    card = build(db, best.customer_id, now, actor=actor) if best is not None else None
    t2 = time.perf_counter()
    return PopResult(
        found.query,
        found.normalized,
        list(found.matches),
        card,
        (t1 - t0) * 1000,
        (t2 - t1) * 1000,
    )


@dataclass(frozen=True)
class CustomerSummary:
    """One line about a customer: pickers, duplicate lists, the merge dialog."""

    id: uuid.UUID
    name: str
    kind: str
    tier: str
    external_id: str | None
    phone: str | None
    merged_into_id: uuid.UUID | None


def summaries(
    db: Database, ids: list[uuid.UUID], *, actor: CurrentUser | None = None
) -> list[CustomerSummary]:
    """Summaries of `ids`, in the order given (missing ones left out)."""
    permissions.require(db, Action.VIEW_CUSTOMERS, actor)
    if not ids:
        return []
    c = Customer.__table__.c
    with db.engine.connect() as conn:
        rows = {
            r.id: r
            for r in conn.execute(
                select(c.id, c.name, c.kind, c.tier, c.external_id, c.merged_into_id).where(
                    c.id.in_(ids)
                )
            )
        }
        reach = _primary_phone(list(rows), conn)
    return [
        CustomerSummary(
            r.id, r.name, r.kind, r.tier, r.external_id, reach.get(r.id), r.merged_into_id
        )
        for cid in ids
        if (r := rows.get(cid)) is not None
    ]


@dataclass(frozen=True)
class PossibleDuplicate:
    customer: CustomerSummary
    reason: str  # app.merge.Duplicate.reason: "phone", "email", ..., "name"
    value: str


def possible_duplicates(
    db: Database, customer_id: uuid.UUID, limit: int = 5
) -> list[PossibleDuplicate]:
    """Customers that may be the same as `customer_id` (app.merge.duplicates_of), with
    names: the card offers to merge them. Not on the pop path (it searches names)."""
    from app import merge  # merge imports search; keep the pop path's imports lean

    found = merge.duplicates_of(db, customer_id, limit)
    others = [d.customer_ids[1] for d in found]
    by_id = {s.id: s for s in summaries(db, others)}
    return [
        PossibleDuplicate(by_id[d.customer_ids[1]], d.reason, d.value)
        for d in found
        if d.customer_ids[1] in by_id and by_id[d.customer_ids[1]].merged_into_id is None
    ]
