"""Tickets: creation with routing, the life cycle, the processing log, transfers and SLA.

Every change appends a TicketEvent in the same transaction as the change, so the
processing log can never disagree with the ticket. Nothing in the log is edited.
"""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Select, Table, Uuid, and_, bindparam, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app import audit, masking, permissions, presence, reference_cache, routing
from app.auth import CurrentUser
from app.errors import ConflictError as ConflictError  # re-exported for callers
from app.errors import UserError
from app.permissions import Action
from app.sla import DEFAULT_REOPEN_DAYS, Policy, load_policy
from db.engine import Database
from db.enums import AgentStatus, Channel, EventKind, Priority, TicketKind, TicketStatus
from db.models import (
    AgentStatusLog,
    Category,
    Counter,
    Customer,
    Department,
    SlaPolicy,
    Ticket,
    TicketEvent,
    User,
)
from db.types import UTCDateTime

OPEN_STATES = (
    TicketStatus.NEW,
    TicketStatus.OPEN,
    TicketStatus.PENDING_CUSTOMER,
    TicketStatus.PENDING_SUPPLIER,
)
# Which status may follow which; reopen is resolved/closed -> open.
TRANSITIONS: dict[str, set[str]] = {
    TicketStatus.NEW: {
        TicketStatus.OPEN,
        TicketStatus.PENDING_CUSTOMER,
        TicketStatus.PENDING_SUPPLIER,
        TicketStatus.RESOLVED,
    },
    TicketStatus.OPEN: {
        TicketStatus.PENDING_CUSTOMER,
        TicketStatus.PENDING_SUPPLIER,
        TicketStatus.RESOLVED,
    },
    TicketStatus.PENDING_CUSTOMER: {
        TicketStatus.OPEN,
        TicketStatus.PENDING_SUPPLIER,
        TicketStatus.RESOLVED,
    },
    TicketStatus.PENDING_SUPPLIER: {
        TicketStatus.OPEN,
        TicketStatus.PENDING_CUSTOMER,
        TicketStatus.RESOLVED,
    },
    TicketStatus.RESOLVED: {TicketStatus.CLOSED, TicketStatus.OPEN},
    TicketStatus.CLOSED: {TicketStatus.OPEN},
}
FALLBACK_DEPARTMENT = "CARE"
MASK = "mask_contacts"  # Session.info key: the view is for a supplier account (app.masking)
DEFAULT_REOPEN_WINDOW = timedelta(days=DEFAULT_REOPEN_DAYS)
MAX_REOPEN_WINDOW = timedelta(days=365)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class TicketInput:
    """The fields an agent (or `ticket create`, or `route`) gives; any may be missing."""

    customer: str | None = None  # external id or UUID
    kind: str = TicketKind.INQUIRY
    category: str | None = None
    subcategory: str | None = None
    channel: str = Channel.PHONE
    subject: str = ""
    text: str = ""
    priority: str | None = None
    product: str | None = None
    supplier: str | None = None
    segment: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> TicketInput:
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(data) - known - {"at"}
        if unknown:
            raise UserError(
                f"unknown field {sorted(unknown)[0]!r}; known: {', '.join(sorted(known))}"
            )
        values = {k: (str(v) if v is not None else None) for k, v in data.items() if k in known}
        if values.get("kind") is None:
            values.pop("kind", None)
        if values.get("channel") is None:
            values.pop("channel", None)
        for k in ("subject", "text"):
            if values.get(k) is None:
                values.pop(k, None)
        return cls(**values)  # type: ignore[arg-type]


@dataclass
class EventView:
    at: datetime
    kind: str
    actor: str | None
    text: str | None
    internal: bool
    data: dict[str, Any]


@dataclass
class TicketView:
    id: uuid.UUID
    number: int
    kind: str
    status: str
    priority: str
    subject: str
    description: str | None
    channel: str
    customer_id: uuid.UUID | None
    customer_external_id: str | None
    customer_name: str | None
    category: str | None
    subcategory: str | None
    department: str | None
    department_name: str | None
    assignee: str | None
    sla_policy: str | None
    first_response_due: datetime | None
    resolution_due: datetime | None
    breached: bool
    tags: list[Any]
    created_at: datetime
    updated_at: datetime
    version: int
    routing: dict[str, Any] | None = None
    events: list[EventView] = field(default_factory=list)

    @property
    def display_number(self) -> str:
        return format_number(self.number)

    def as_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        d = asdict(self)
        d["display_number"] = self.display_number
        return d


def format_number(number: int) -> str:
    return f"T-{number:06d}"


def parse_number(text: str | int) -> int:
    if isinstance(text, int):
        return text
    t = text.strip().upper().lstrip("#")
    if t.startswith("T-"):
        t = t[2:]
    if not t.isdigit():
        raise UserError(f"not a ticket number: {text!r} (expected e.g. T-000123 or 123)")
    return int(t)


# --- reference data -------------------------------------------------------------------


def _category(s: Session, code: str | None) -> Category | None:
    if not code:
        return None
    cat = s.scalar(select(Category).where(Category.code == code))
    if cat is None:
        known = s.scalars(select(Category.code).order_by(Category.code).limit(12)).all()
        raise UserError(f"no category {code!r}; known: {', '.join(known)}")
    return cat


def _department(s: Session, code: str) -> Department:
    dep = s.scalar(select(Department).where(Department.code == code))
    if dep is None:
        raise UserError(f"no department with code {code!r}")
    return dep


def _customer(s: Session, ref: str | None) -> Customer | None:
    """By external id, else by UUID (one query for both); merged ones lead to the kept one."""
    if not ref:
        return None
    try:
        as_id: uuid.UUID | None = uuid.UUID(ref)
    except ValueError:
        as_id = None
    found = s.scalars(_customer_query(), {"ref": ref, "id": as_id}).all()
    c = next((x for x in found if x.external_id == ref), found[0] if found else None)
    if c is None:
        raise UserError(f"no customer {ref!r}")
    while c.merged_into_id is not None:
        target = s.get(Customer, c.merged_into_id)
        if target is None:
            break
        c = target
    return c


@lru_cache(maxsize=1)
def _customer_query() -> Select[Customer]:
    """Built once (it runs on every save): the customer by external id or by UUID."""
    return select(Customer).where(
        or_(
            Customer.external_id == bindparam("ref"),
            Customer.id == bindparam("id", type_=Uuid()),
        )
    )


def load_rules(s: Session) -> list[routing.Rule]:
    return reference_cache.load_rules(s)


def _facts(
    s: Session, inp: TicketInput, customer: Customer | None, at: datetime
) -> tuple[routing.Facts, Category | None, Category | None]:
    cat = _category(s, inp.category)
    sub = _category(s, inp.subcategory)
    if sub is not None and cat is None and sub.parent_id is not None:
        cat = s.get(Category, sub.parent_id)
    parents: list[str] = []
    node = sub or cat
    while node is not None and node.parent_id is not None:
        node = s.get(Category, node.parent_id)
        if node is not None:
            parents.append(node.code)
    facts = routing.Facts(
        kind=inp.kind,
        category=cat.code if cat else None,
        subcategory=sub.code if sub else None,
        category_parents=tuple(parents),
        channel=inp.channel,
        text=" ".join(x for x in (inp.subject, inp.text) if x),
        tier=customer.tier if customer else None,
        segment=inp.segment,
        product=inp.product,
        supplier=inp.supplier,
        at=at,
    )
    return facts, cat, sub


def route_preview(db: Database, inp: TicketInput, at: datetime | None = None) -> dict[str, Any]:
    """The routing decision for a complaint, without storing anything."""
    with db.sessions() as s:
        customer = _customer(s, inp.customer)
        facts, _, _ = _facts(s, inp, customer, at or now())
        decision = routing.decide(load_rules(s), facts)
        out = decision.as_dict()
        if decision.department:
            dep = s.scalar(select(Department).where(Department.code == decision.department))
            out["department_name"] = dep.name if dep else None
        out["facts"] = {
            "customer": customer.external_id if customer else None,
            "tier": facts.tier,
            "kind": facts.kind,
            "category": facts.category,
            "subcategory": facts.subcategory,
            "channel": facts.channel,
        }
        s.rollback()
        return out


# --- numbers, assignment ------------------------------------------------------------


def next_number(s: Session, name: str = "ticket") -> int:
    """Allocate the next human number. Ticket numbers on PostgreSQL come from a sequence
    (migration 0010: unique, never blocking, gaps when a save rolls back); other
    counters, and SQLite, bump a counter row whose lock is held until the commit."""
    if name == "ticket" and s.get_bind().dialect.name == "postgresql":
        return int(s.execute(select(func.calldesk_ticket_number())).scalar_one())
    bump = (
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    value = s.execute(bump).scalar_one_or_none()
    if value is None:  # first use
        _create_counter(s, name)
        value = s.execute(bump).scalar_one()
    return int(value)


def _create_counter(s: Session, name: str) -> None:
    """A missing counter row; tickets start after any numbers already stored (imports)."""
    dialect = s.get_bind().dialect.name
    start = select(func.coalesce(func.max(Ticket.number), 0)).scalar_subquery()
    ins = (sqlite_insert if dialect == "sqlite" else pg_insert)(Counter).values(
        name=name, value=start if name == "ticket" else 0
    )
    s.execute(ins.on_conflict_do_nothing(index_elements=["name"]))


# Moves the ticket number sequence (migration 0010) forward to :v, never back.
PG_NUMBERS_AFTER = text(
    "SELECT setval('ticket_numbers', :v) WHERE :v > (SELECT CASE WHEN is_called"
    " THEN last_value ELSE last_value - 1 END FROM ticket_numbers)"
)


def numbers_after(s: Session, value: int) -> None:
    """Make the next ticket number larger than `value` (after a bulk load that stored
    numbers itself); never moves numbers back."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(PG_NUMBERS_AFTER, {"v": value})
        return
    _create_counter(s, "ticket")
    s.execute(
        update(Counter).where(Counter.name == "ticket", Counter.value < value).values(value=value)
    )


def available_members(s: Session, department_id: uuid.UUID) -> list[User]:
    """Members whose current status is `available` (an open status row) and whose
    client is alive (a fresh presence heartbeat, app.presence)."""
    cutoff = datetime.now(UTC) - presence.OFFLINE_AFTER
    return list(s.scalars(_members_query(), {"dep": department_id, "cutoff": cutoff}))


@lru_cache(maxsize=1)
def _members_query() -> Select[User]:
    """Built once: every save asks it, and building and keying the statement cost more
    client CPU than running it."""
    available_now = (
        select(AgentStatusLog.id)
        .where(
            AgentStatusLog.user_id == User.id,
            AgentStatusLog.ended_at.is_(None),
            AgentStatusLog.status == AgentStatus.AVAILABLE,
        )
        .exists()
    )
    alive = presence.alive_since(User.id, bindparam("cutoff", type_=UTCDateTime()))
    return (
        select(User)
        .where(User.department_id == bindparam("dep"), User.active, available_now, alive)
        .order_by(User.username)
    )


LEAST_LOADED_LOCK = 7_202_612  # advisory lock class for least-loaded assignment


def _lock_key(code: str) -> int:
    """A stable 32-bit key for a department code (advisory locks take integers)."""
    return zlib.crc32(code.encode()) - 2**31


def _choose_assignee(
    s: Session, dep: Department | reference_cache.DepartmentRef, policy: str | None
) -> User | None:
    if not policy:
        return None
    if policy not in ("round_robin", "least_loaded"):
        user = s.scalar(select(User).where(User.username == policy, User.active))
        return user
    members = available_members(s, dep.id)
    if not members:
        return None  # nobody to choose from: no turn taken, no lock held
    if policy == "least_loaded" and s.get_bind().dialect.name == "postgresql":
        # Two clients counting loads at once would both pick the same member: one
        # least-loaded decision per department at a time (until this commit).
        s.execute(select(func.pg_advisory_xact_lock(LEAST_LOADED_LOCK, _lock_key(dep.code))))
    if policy == "least_loaded":
        loads = dict(
            s.execute(
                select(Ticket.assignee_id, func.count())
                .where(
                    Ticket.assignee_id.in_([m.id for m in members]),
                    Ticket.status.in_(OPEN_STATES),
                )
                .group_by(Ticket.assignee_id)
            ).all()
        )
        return min(members, key=lambda m: (loads.get(m.id, 0), m.username))
    turn = next_number(s, f"rr:{dep.code}"[:32])
    return members[(turn - 1) % len(members)]


# --- events -------------------------------------------------------------------------


def _event(
    s: Session,
    t: Ticket,
    kind: str,
    actor_id: uuid.UUID | None,
    text: str | None = None,
    internal: bool = True,
    at: datetime | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    key = ("ticket_event_seq", t.id)
    if key not in s.info:
        s.info[key] = s.scalar(
            select(func.coalesce(func.max(TicketEvent.seq), 0)).where(TicketEvent.ticket_id == t.id)
        )
    s.info[key] += 1
    s.add(
        TicketEvent(
            ticket_id=t.id,
            seq=s.info[key],
            kind=kind,
            actor_id=actor_id,
            text=text,
            internal=internal,
            data={k: v for k, v in (data or {}).items() if v is not None},
            at=at or now(),
        )
    )


def _policy(s: Session, t: Ticket) -> Policy | None:
    return load_policy(s, s.get(SlaPolicy, t.sla_policy_id) if t.sla_policy_id else None)


def _set_dues(s: Session, t: Ticket, start: datetime) -> None:
    pol = _policy(s, t)
    if pol is None:
        t.first_response_due = t.resolution_due = None
        return
    fr, res = pol.dues(start, t.priority)
    if t.first_responded_at is None:
        t.first_response_due = fr
    t.resolution_due = res


# --- commands -----------------------------------------------------------------------


def create_ticket(
    db: Database,
    inp: TicketInput,
    actor_id: uuid.UUID | None = None,
    at: datetime | None = None,
    ticket_id: uuid.UUID | None = None,
    *,
    actor: CurrentUser | None = None,
) -> TicketView:
    """Store a ticket, routed by the rules, with its due times and first log entries.

    Built for many workstations saving at once: routing rules, SLA policies and
    departments come from app.reference_cache (checked against the reference stamp in
    this transaction), the number from a sequence on PostgreSQL (drawn together with the
    stamp: one round trip, no lock), and the view returned is made from what was just
    stored rather than read back. The locks that serialise clients (an assignment turn;
    the counter row on SQLite) are taken last, so they are held only for the final
    flush and commit."""
    user = permissions.require(db, Action.CREATE_TICKET, actor)
    actor_id = actor_id or (user.id if user else None)
    if inp.kind not in set(TicketKind):
        raise UserError(f"kind must be one of {', '.join(TicketKind)}")
    if inp.channel not in set(Channel):
        raise UserError(f"channel must be one of {', '.join(Channel)}")
    if inp.priority and inp.priority not in set(Priority):
        raise UserError(f"priority must be one of {', '.join(Priority)}")
    subject = (inp.subject or inp.text or "").strip().splitlines()[0:1]
    if not subject:
        raise UserError("a ticket needs a subject or a text")
    at = at or now()
    with db.session() as s:
        if ticket_id is not None and s.get(Ticket, ticket_id) is not None:
            return _view(s, s.get(Ticket, ticket_id), events=True)  # type: ignore[arg-type]
        customer = _customer(s, inp.customer)
        facts, cat, sub = _facts(s, inp, customer, at)
        number: int | None = None
        actor_name = user.username if user is not None and user.id == actor_id else None
        if s.get_bind().dialect.name == "postgresql":
            # The number, the reference stamp and whom the log names: one round trip.
            number, stamp, name = s.execute(_start_query(), {"actor": actor_id}).one()
            actor_name = actor_name or name
        else:
            stamp = reference_cache.read_stamp(s)
            if actor_name is None and actor_id is not None:
                actor_name = s.scalar(select(User.username).where(User.id == actor_id))
        ref = reference_cache.get(s, db, stamp)
        decision = routing.decide(ref.rules, facts)
        dep_code = decision.department or FALLBACK_DEPARTMENT
        dep = ref.departments.get(dep_code)
        policy = ref.policies.get(decision.sla_policy) if decision.sla_policy else None
        t = Ticket(
            id=ticket_id or uuid.uuid4(),
            number=number or 0,  # SQLite: allocated last (below)
            customer_id=customer.id if customer else None,
            kind=inp.kind,
            category_id=cat.id if cat else None,
            subcategory_id=sub.id if sub else None,
            channel=inp.channel,
            subject=subject[0][:200],
            description=inp.text or None,
            priority=inp.priority or decision.priority or Priority.NORMAL,
            status=TicketStatus.NEW,
            department_id=dep.id if dep else None,
            sla_policy_id=policy.id if policy else None,
            routing_rule_id=uuid.UUID(decision.rule_id) if decision.rule_id else None,
            tags=list(decision.tags),
            created_at=at,
            updated_at=at,
        )
        if policy is not None:
            t.first_response_due, t.resolution_due = policy.policy.dues(at, t.priority)
        assignee: User | None = None
        # Nothing is written before the number: the log entries wait in the session.
        with s.no_autoflush:
            s.info[("ticket_event_seq", t.id)] = 0  # a new ticket has no log yet
            _event(
                s,
                t,
                EventKind.CREATED,
                actor_id,
                inp.text or None,
                internal=False,
                at=at,
                data={"channel": inp.channel, "kind": inp.kind},
            )
            _event(
                s,
                t,
                EventKind.TRANSFER,
                actor_id,
                None,
                at=at,
                data={
                    "to": dep_code if dep else None,
                    "rule": decision.rule or "no rule matched: fallback department",
                    "reasons": decision.reasons,
                    "modifiers": decision.modifiers or None,
                    "sla_policy": decision.sla_policy,
                },
            )
            if dep is not None:
                assignee = _choose_assignee(s, dep, decision.assign)  # may lock: late on purpose
                if assignee is not None:
                    t.assignee_id = assignee.id
                    _event(
                        s,
                        t,
                        EventKind.ASSIGN,
                        actor_id,
                        None,
                        at=at,
                        data={"to": assignee.username, "policy": decision.assign},
                    )
            if number is None:
                t.number = next_number(s)  # the counter row stays locked until the commit
            log = [o for o in s.new if isinstance(o, TicketEvent)]
            for entry in log:
                s.expunge(entry)
        # Core inserts of the rows as built: the ORM's unit of work cost a third of the
        # client's CPU per save for two plain INSERTs. The ticket first: its log refers
        # to it. Column defaults apply as they would in a flush.
        t.version, t.breached = 1, False
        s.execute(insert(_TICKETS), _columns(t))
        s.execute(insert(_EVENTS), [_columns(e) for e in log])
        s.commit()
        return _new_view(t, customer, cat, sub, dep, assignee, policy, log, actor_name, decision)


_TICKETS = cast(Table, Ticket.__table__)
_EVENTS = cast(Table, TicketEvent.__table__)


def _columns(obj: Ticket | TicketEvent) -> dict[str, Any]:
    """The column values set on a new ORM object, for a Core INSERT."""
    mapper = type(obj).__mapper__
    state = obj.__dict__
    return {a.columns[0].key: state[a.key] for a in mapper.column_attrs if a.key in state}


@lru_cache(maxsize=1)
def _start_query() -> Select[Any]:
    """PostgreSQL: the next ticket number, the reference stamp and the actor's name."""
    actor = select(User.username).where(User.id == bindparam("actor", type_=Uuid()))
    return select(
        func.calldesk_ticket_number(), reference_cache.stamp_sql(), actor.scalar_subquery()
    )


def _new_view(
    t: Ticket,
    customer: Customer | None,
    cat: Category | None,
    sub: Category | None,
    dep: reference_cache.DepartmentRef | None,
    assignee: User | None,
    policy: reference_cache.PolicyRef | None,
    log: list[TicketEvent],
    actor_name: str | None,
    decision: routing.Decision,
) -> TicketView:
    """The view of a ticket just created, from what was stored (no read back)."""
    v = _make_view(
        t,
        customer,
        cat,
        sub,
        dep,
        assignee.username if assignee else None,
        policy.name if policy else None,
        decision.as_dict(),
    )
    v.events = [
        EventView(
            e.at,
            e.kind,
            actor_name if e.actor_id else None,
            e.text,
            e.internal,
            dict(e.data or {}),
        )
        for e in sorted(log, key=lambda e: e.seq)
    ]
    return v


def _get(s: Session, number: int | str, lock: bool = False) -> Ticket:
    stmt = select(Ticket).where(Ticket.number == parse_number(number))
    if lock and s.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    t = s.scalar(stmt)
    if t is None:
        raise UserError(f"no ticket {number}")
    return t


def _get_for(
    s: Session,
    db: Database,
    number: int | str,
    action: Action,
    actor: CurrentUser | None,
    actor_id: uuid.UUID | None,
    lock: bool = False,
) -> tuple[Ticket, uuid.UUID | None]:
    """The ticket, if the acting user may do `action` on it; and whom the log names."""
    t = _get(s, number, lock)
    user = permissions.check_ticket(db, action, t, actor)
    s.info[MASK] = permissions.masks_contacts(user)
    return t, actor_id or (user.id if user else None)


def _check_version(t: Ticket, expected: int | None) -> None:
    if expected is not None and t.version != expected:
        raise ConflictError(
            f"ticket {format_number(t.number)} was changed by someone else "
            f"(you had version {expected}, it is now {t.version})"
        )


def change_status(
    db: Database,
    number: int | str,
    status: str,
    actor_id: uuid.UUID | None = None,
    note: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
) -> TicketView:
    at = at or now()
    with db.session() as s:
        t, actor_id = _get_for(s, db, number, Action.WORK_TICKET, actor, actor_id, lock=True)
        _check_version(t, expected_version)
        old = t.status
        if status == old:
            return _view(s, t)
        if status not in TRANSITIONS.get(old, set()):
            raise UserError(f"a {old} ticket cannot become {status}")
        _apply_status(s, t, status, at)
        _event(s, t, EventKind.STATUS, actor_id, note, at=at, data={"from": old, "to": status})
        s.flush()
        return _view(s, t, events=True)


def _apply_status(s: Session, t: Ticket, status: str, at: datetime) -> None:
    old = t.status
    pol = _policy(s, t)
    # The SLA clock stops while waiting on the customer and resumes, shifted, after.
    if status == TicketStatus.PENDING_CUSTOMER and t.sla_paused_at is None:
        t.sla_paused_at = at
    elif old == TicketStatus.PENDING_CUSTOMER and t.sla_paused_at is not None:
        if pol is not None and t.resolution_due is not None:
            paused = pol.calendar.between(t.sla_paused_at, at)
            t.resolution_due = pol.calendar.add(t.resolution_due, paused)
        t.sla_paused_at = None
    if status in (TicketStatus.OPEN, TicketStatus.RESOLVED) and t.first_responded_at is None:
        t.first_responded_at = at
    if status == TicketStatus.RESOLVED:
        t.resolved_at = at
    elif status == TicketStatus.CLOSED:
        t.closed_at = at
    elif old in (TicketStatus.RESOLVED, TicketStatus.CLOSED) and status == TicketStatus.OPEN:
        t.reopened_count += 1
        t.resolved_at = t.closed_at = None
        t.breached = False
        _set_dues(s, t, at)
    t.status = status
    t.updated_at = at


def comment(
    db: Database,
    number: int | str,
    text: str,
    actor_id: uuid.UUID | None = None,
    internal: bool = True,
    at: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
) -> TicketView:
    if not text.strip():
        raise UserError("an empty comment says nothing")
    at = at or now()
    with db.session() as s:
        t, actor_id = _get_for(s, db, number, Action.WORK_TICKET, actor, actor_id)
        _event(s, t, EventKind.COMMENT, actor_id, text.strip(), internal=internal, at=at)
        if not internal and t.first_responded_at is None:
            t.first_responded_at = at
        if t.status == TicketStatus.NEW:
            _apply_status(s, t, TicketStatus.OPEN, at)
        t.updated_at = at
        s.flush()
        return _view(s, t, events=True)


def transfer(
    db: Database,
    number: int | str,
    department: str,
    reason: str,
    actor_id: uuid.UUID | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
) -> TicketView:
    """Send a ticket to another desk; a reason is required so nobody bounces work silently."""
    if not reason.strip():
        raise UserError("a transfer needs a reason")
    at = at or now()
    with db.session() as s:
        t, actor_id = _get_for(s, db, number, Action.TRANSFER, actor, actor_id, lock=True)
        _check_version(t, expected_version)
        if s.get_bind().dialect.name == "postgresql":
            # Row-level security (migration 0009) checks the moved row against what the
            # session may see; this names the ticket leaving the desk, for this transaction.
            s.execute(select(func.set_config("calldesk.moving_ticket", str(t.id), True)))
        dep = _department(s, department)
        if t.department_id == dep.id:
            raise UserError(f"ticket {format_number(t.number)} is already with {dep.name}")
        old = s.get(Department, t.department_id) if t.department_id else None
        # Logged before the move: under row-level security a department member no longer
        # sees the ticket's log once it has left the department.
        _event(
            s,
            t,
            EventKind.TRANSFER,
            actor_id,
            reason.strip(),
            at=at,
            data={"to": dep.code, "from": old.code if old else None},
        )
        t.department_id = dep.id
        t.assignee_id = None
        t.updated_at = at
        s.flush()
        return _view(s, t, events=True)


def assign(
    db: Database,
    number: int | str,
    username: str | None,
    actor_id: uuid.UUID | None = None,
    at: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
    expected_version: int | None = None,
) -> TicketView:
    at = at or now()
    with db.session() as s:
        t, actor_id = _get_for(s, db, number, Action.ASSIGN, actor, actor_id, lock=True)
        _check_version(t, expected_version)
        user = None
        if username:
            user = s.scalar(select(User).where(User.username == username, User.active))
            if user is None:
                raise UserError(f"no active user {username!r}")
        t.assignee_id = user.id if user else None
        t.updated_at = at
        _event(s, t, EventKind.ASSIGN, actor_id, None, at=at, data={"to": username})
        s.flush()
        return _view(s, t, events=True)


def set_priority(
    db: Database,
    number: int | str,
    priority: str,
    actor_id: uuid.UUID | None = None,
    at: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
    expected_version: int | None = None,
) -> TicketView:
    if priority not in set(Priority):
        raise UserError(f"priority must be one of {', '.join(Priority)}")
    at = at or now()
    with db.session() as s:
        t, actor_id = _get_for(s, db, number, Action.WORK_TICKET, actor, actor_id, lock=True)
        _check_version(t, expected_version)
        old = t.priority
        t.priority = priority
        _set_dues(s, t, t.created_at)
        t.updated_at = at
        _event(s, t, EventKind.PRIORITY, actor_id, None, at=at, data={"from": old, "to": priority})
        s.flush()
        return _view(s, t, events=True)


def reopen_on_contact(
    db: Database,
    customer_id: uuid.UUID,
    category_id: uuid.UUID | None,
    window: timedelta = DEFAULT_REOPEN_WINDOW,
    actor_id: uuid.UUID | None = None,
    at: datetime | None = None,
) -> list[int]:
    """A customer who contacts again soon after a resolution reopens that ticket. "Soon"
    is the ticket's SLA policy's reopen window (`reopen_days`), else `window`."""
    at = at or now()
    reopened: list[int] = []
    with db.session() as s:
        stmt = select(Ticket).where(
            Ticket.customer_id == customer_id,
            Ticket.status.in_([TicketStatus.RESOLVED, TicketStatus.CLOSED]),
            Ticket.resolved_at >= at - max(window, MAX_REOPEN_WINDOW),
        )
        if category_id is not None:
            stmt = stmt.where(Ticket.category_id == category_id)
        for t in s.scalars(stmt):
            pol = _policy(s, t)
            limit = pol.reopen_window if pol is not None else window
            if t.resolved_at is None or t.resolved_at < at - limit:
                continue
            _apply_status(s, t, TicketStatus.OPEN, at)
            _event(
                s,
                t,
                EventKind.STATUS,
                actor_id,
                "customer contacted again",
                at=at,
                data={"from": "resolved", "to": "open", "reopen": True},
            )
            reopened.append(t.number)
    return reopened


def set_policy(
    db: Database,
    number: int | str,
    policy_name: str,
    actor_id: uuid.UUID | None = None,
    at: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
) -> TicketView:
    """Put a ticket under another SLA policy; its due times are counted again from creation."""
    at = at or now()
    with db.session() as s:
        t, actor_id = _get_for(s, db, number, Action.MANAGE_TICKETS, actor, actor_id, lock=True)
        policy = s.scalar(select(SlaPolicy).where(SlaPolicy.name == policy_name))
        if policy is None:
            raise UserError(f"no SLA policy named {policy_name!r}")
        old = s.get(SlaPolicy, t.sla_policy_id) if t.sla_policy_id else None
        t.sla_policy_id = policy.id
        _set_dues(s, t, t.created_at)
        t.updated_at = at
        _event(
            s, t, EventKind.PRIORITY, actor_id, None, at=at,
            data={"sla_policy": {"from": old.name if old else None, "to": policy.name}},
        )  # fmt: skip
        s.flush()
        return _view(s, t, events=True)


def merge_tickets(
    db: Database,
    keep: int | str,
    duplicate: int | str,
    actor_id: uuid.UUID | None = None,
    at: datetime | None = None,
    *,
    actor: CurrentUser | None = None,
) -> TicketView:
    """Close a duplicate ticket into another: both logs record it, the duplicate points to
    the kept ticket, and nothing is deleted."""
    at = at or now()
    with db.session() as s:
        k, actor_id = _get_for(s, db, keep, Action.MANAGE_TICKETS, actor, actor_id, lock=True)
        d, actor_id = _get_for(s, db, duplicate, Action.MANAGE_TICKETS, actor, actor_id, lock=True)
        if k.id == d.id:
            raise UserError("a ticket cannot be merged into itself")
        if d.merged_into_id is not None:
            raise UserError(f"ticket {format_number(d.number)} is already merged")
        if k.merged_into_id is not None:
            raise UserError(f"ticket {format_number(k.number)} was merged into another one")
        old = d.status
        if d.status not in (TicketStatus.CLOSED,):
            d.status = TicketStatus.CLOSED
            d.closed_at = at
            if d.resolved_at is None:
                d.resolved_at = at
        d.merged_into_id = k.id
        d.updated_at = k.updated_at = at
        _event(s, d, EventKind.MERGE, actor_id, None, at=at,
               data={"into": format_number(k.number), "from_status": old})  # fmt: skip
        _event(s, k, EventKind.MERGE, actor_id, d.subject, at=at,
               data={"merged": format_number(d.number)})  # fmt: skip
        s.flush()
        return _view(s, k, events=True)


# --- escalation ---------------------------------------------------------------------

ESCALATOR_LOCK = 7_202_611  # pg advisory lock key: one escalator across all workstations


def escalate(db: Database, at: datetime | None = None) -> list[int]:
    """Mark breaches and run each policy's actions. With PostgreSQL exactly one client
    acts at a time (advisory lock); others return at once having done nothing."""
    at = at or now()
    breached: list[int] = []
    with db.session() as s:
        if s.get_bind().dialect.name == "postgresql":
            got = s.scalar(select(func.pg_try_advisory_xact_lock(ESCALATOR_LOCK)))
            if not got:
                return []
        stmt = (
            select(Ticket)
            .where(
                Ticket.status.in_(OPEN_STATES),
                Ticket.status != TicketStatus.PENDING_CUSTOMER,
                Ticket.breached.is_(False),
                or_(
                    Ticket.resolution_due < at,
                    and_(Ticket.first_responded_at.is_(None), Ticket.first_response_due < at),
                ),
            )
            .order_by(Ticket.resolution_due)
            .limit(5000)
        )
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        for t in s.scalars(stmt):
            which = (
                "resolution"
                if t.resolution_due is not None and t.resolution_due < at
                else "first_response"
            )
            t.breached = True
            t.updated_at = at
            _event(
                s,
                t,
                EventKind.BREACH,
                None,
                None,
                at=at,
                data={
                    "target": which,
                    "due": str(t.resolution_due if which == "resolution" else t.first_response_due),
                },
            )
            pol = _policy(s, t)
            actions = pol.actions if pol else {}
            done: dict[str, Any] = {}
            if actions.get("raise_priority", True):
                order = list(Priority)
                idx = order.index(Priority(t.priority)) if t.priority in order else 1
                if idx < len(order) - 1:
                    done["priority"] = {"from": t.priority, "to": order[idx + 1]}
                    t.priority = order[idx + 1]
            notify = actions.get("notify", ["supervisor"])
            if notify:
                done["notify"] = notify
            target = actions.get("reassign_to")
            if target:
                user = s.scalar(select(User).where(User.username == target, User.active))
                if user is not None:
                    t.assignee_id = user.id
                    done["reassigned_to"] = target
            _event(s, t, EventKind.ESCALATE, None, None, at=at, data=done)
            breached.append(t.number)
    return breached


# --- queries ------------------------------------------------------------------------


def show(db: Database, number: int | str, *, actor: CurrentUser | None = None) -> TicketView:
    """A ticket with its log, if the acting user may see it; opening it is audited."""
    with db.sessions() as s:
        t = _get(s, number)
        user = permissions.check_ticket(db, Action.VIEW_TICKET, t, actor)
        s.info[MASK] = permissions.masks_contacts(user)
        view = _view(s, t, events=True)
    audit.viewed(db, "ticket", view.display_number, customer_id=view.customer_id, actor=actor)
    return view


def _make_view(
    t: Ticket,
    customer: Customer | None,
    cat: Category | None,
    sub: Category | None,
    dep: Department | reference_cache.DepartmentRef | None,
    assignee: str | None,
    policy: str | None,
    decision: dict[str, Any] | None,
    shown: Callable[[str | None], str | None] | None = None,
) -> TicketView:
    """A ticket's view from its row and what it refers to; `shown` masks free text
    (supplier accounts)."""
    subject: str | None = t.subject
    description = t.description
    if shown is not None:
        subject, description = shown(subject), shown(description)
    return TicketView(
        t.id,
        t.number,
        t.kind,
        t.status,
        t.priority,
        subject or "",
        description,
        t.channel,
        t.customer_id,
        customer.external_id if customer else None,
        customer.name if customer else None,
        cat.code if cat else None,
        sub.code if sub else None,
        dep.code if dep else None,
        dep.name if dep else None,
        assignee,
        policy,
        t.first_response_due,
        t.resolution_due,
        bool(t.breached),
        list(t.tags or []),
        t.created_at,
        t.updated_at,
        t.version,
        decision,
    )


def _view(
    s: Session, t: Ticket, events: bool = False, decision: dict[str, Any] | None = None
) -> TicketView:
    cust = s.get(Customer, t.customer_id) if t.customer_id else None
    dep = s.get(Department, t.department_id) if t.department_id else None
    user = s.get(User, t.assignee_id) if t.assignee_id else None
    cat = s.get(Category, t.category_id) if t.category_id else None
    sub = s.get(Category, t.subcategory_id) if t.subcategory_id else None
    pol = s.get(SlaPolicy, t.sla_policy_id) if t.sla_policy_id else None
    shown = masking.mask_text if s.info.get(MASK) else None
    v = _make_view(
        t,
        cust,
        cat,
        sub,
        dep,
        user.username if user else None,
        pol.name if pol else None,
        decision,
        shown,
    )
    if events:
        rows = list(
            s.scalars(
                select(TicketEvent).where(TicketEvent.ticket_id == t.id).order_by(TicketEvent.seq)
            )
        )
        actors = {e.actor_id for e in rows if e.actor_id}
        names = (
            dict(s.execute(select(User.id, User.username).where(User.id.in_(actors))).all())
            if actors
            else {}
        )
        v.events = [
            EventView(
                e.at,
                e.kind,
                names.get(e.actor_id) if e.actor_id else None,
                shown(e.text) if shown else e.text,
                e.internal,
                dict(e.data or {}),
            )
            for e in rows
        ]
    return v
