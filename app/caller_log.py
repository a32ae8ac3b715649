"""Every screen-pop as a row of the calls table, and naming the callers we did not know.

A pop records the call (caller as received, when, whom it matched) so the caller log
can show it and the KPIs count it; recording is idempotent on the call reference, so
a softphone that runs `calldesk pop` twice for one ring still makes one row.

An unknown caller becomes known in two ways: a new customer with the number, or the
number attached to an existing customer. Both store the contact point the way the
importers and app.lookup read it (raw value as received, normalised value, match
key) and link the call, so the next ring from that number pops the right card.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app import audit, lookup, permissions, phones
from app.errors import UserError
from app.permissions import Action
from app.text import fold
from db.engine import Database
from db.enums import ContactKind, CustomerKind, Direction
from db.models import Call, ContactPoint, Customer

PAGE = 100
MAX_CALLER = 64  # calls.caller


@dataclass(frozen=True)
class CallRow:
    id: uuid.UUID
    call_ref: str
    caller: str | None
    offered_at: datetime
    direction: str
    customer_id: uuid.UUID | None
    customer_name: str | None


def new_call_ref() -> str:
    """A reference for a pop that came without the phone system's call id."""
    return f"pop-{uuid.uuid4().hex}"


def _insert(db_dialect: str) -> Any:
    return sqlite_insert if db_dialect == "sqlite" else pg_insert


def _ensure_call(
    s: Session,
    call_ref: str,
    caller: str | None,
    customer_id: uuid.UUID | None,
    offered_at: datetime,
) -> None:
    """INSERT ... ON CONFLICT (call_ref) DO NOTHING: two writers never collide."""
    dialect = s.get_bind().dialect.name
    values = {
        "id": uuid.uuid4(),
        "call_ref": call_ref,
        "caller": (caller or "")[:MAX_CALLER] or None,
        "direction": Direction.INBOUND.value,
        "offered_at": offered_at,
        "customer_id": customer_id,
        "queue": None,
        "version": 1,
        "created_at": datetime.now(UTC),
        "updated_at": datetime.now(UTC),
    }
    stmt = (
        _insert(dialect)(Call).values(**values).on_conflict_do_nothing(index_elements=["call_ref"])
    )
    s.execute(stmt)


def record_call(
    db: Database,
    call_ref: str,
    caller: str | None,
    customer_id: uuid.UUID | None,
    offered_at: datetime | None = None,
) -> CallRow:
    """Store one offered inbound call (queue unknown: it came by screen-pop). A second
    record of the same call_ref changes nothing but fills a customer still unknown."""
    if not call_ref.strip():
        raise UserError("a call needs a reference")
    with db.session() as s:
        _ensure_call(s, call_ref, caller, customer_id, offered_at or datetime.now(UTC))
        if customer_id is not None:
            _link(s, call_ref, customer_id, only_unknown=True)
        return _row(s, call_ref)


def _link(s: Session, call_ref: str, customer_id: uuid.UUID, only_unknown: bool) -> None:
    stmt = update(Call).where(Call.call_ref == call_ref)
    if only_unknown:
        stmt = stmt.where(Call.customer_id.is_(None))
    else:
        stmt = stmt.where((Call.customer_id != customer_id) | Call.customer_id.is_(None))
    s.execute(
        stmt.values(
            customer_id=customer_id, version=Call.version + 1, updated_at=datetime.now(UTC)
        ),
        execution_options={"synchronize_session": False},
    )


def _row(s: Session, call_ref: str) -> CallRow:
    row = s.execute(_select().where(Call.call_ref == call_ref)).one()
    return CallRow(*row)


def _select() -> Any:
    return select(
        Call.id,
        Call.call_ref,
        Call.caller,
        Call.offered_at,
        Call.direction,
        Call.customer_id,
        Customer.name,
    ).outerjoin(Customer, Customer.id == Call.customer_id)


def recent_calls(
    db: Database, before: tuple[datetime, uuid.UUID] | None = None, limit: int = PAGE
) -> list[CallRow]:
    """Newest calls first, paged by keyset: pass the last row's (offered_at, id)."""
    stmt = _select()
    if before is not None:
        stmt = stmt.where(tuple_(Call.offered_at, Call.id) < tuple_(*before))
    stmt = stmt.order_by(Call.offered_at.desc(), Call.id.desc()).limit(limit)
    with db.sessions() as s:
        return [CallRow(*row) for row in s.execute(stmt)]


def page_key(row: CallRow) -> tuple[datetime, uuid.UUID]:
    return (row.offered_at, row.id)


# --- naming unknown callers --------------------------------------------------------------


@dataclass(frozen=True)
class ContactKeys:
    kind: str
    value_raw: str
    value_norm: str
    match_key: str | None


def contact_for(value: str, region: str = phones.DEFAULT_REGION) -> ContactKeys:
    """How a caller value is stored as a contact point; UserError if it cannot be (a
    withheld number, garbage)."""
    raw = value.strip()
    probe = lookup.probe(raw, region)
    if probe.kind in ("phone", "local"):
        keys = lookup.contact_keys(ContactKind.PHONE, raw, region)
        if keys is not None:
            return ContactKeys(ContactKind.PHONE, raw, keys[0], keys[1])
    elif probe.kind == "email":
        keys = lookup.contact_keys(ContactKind.EMAIL, raw, region)
        if keys is not None:
            return ContactKeys(ContactKind.EMAIL, raw, keys[0], None)
    elif probe.kind == "handle" and len(probe.handle_kinds) == 1 and probe.key:
        return ContactKeys(probe.handle_kinds[0], raw, probe.key, None)
    raise UserError(f"{raw!r} is not a phone number, email or handle that can be stored")


def _add_contact(s: Session, customer_id: uuid.UUID, keys: ContactKeys) -> bool:
    """Add the contact point unless the customer has it already; True when added."""
    have = s.scalars(
        select(ContactPoint).where(
            ContactPoint.customer_id == customer_id, ContactPoint.kind == keys.kind
        )
    ).all()
    if any(cp.value_norm == keys.value_norm for cp in have):
        return False
    s.add(
        ContactPoint(
            customer_id=customer_id,
            kind=keys.kind,
            value_raw=keys.value_raw[:200],
            value_norm=keys.value_norm,
            match_key=keys.match_key,
            is_primary=not have,
        )
    )
    return True


def _active(s: Session, customer_id: uuid.UUID) -> Customer:
    """The customer, or the one it was merged into."""
    c = s.get(Customer, customer_id)
    for _hop in range(8):
        if c is None or c.merged_into_id is None:
            break
        c = s.get(Customer, c.merged_into_id)
    if c is None:
        raise UserError("that customer no longer exists")
    return c


def create_customer(
    db: Database,
    name: str,
    value: str | None,
    region: str = phones.DEFAULT_REGION,
    kind: str = CustomerKind.PERSON,
    call_ref: str | None = None,
    customer_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A new customer reachable at `value` (None: a withheld caller, no contact point);
    the call `call_ref`, if given, is linked to them. Idempotent on `customer_id`."""
    name = " ".join(name.split())
    if not name:
        raise UserError("a customer needs a name")
    if kind not in set(CustomerKind):
        raise UserError("kind must be person or organization")
    permissions.require(db, Action.EDIT_CUSTOMER)
    keys = contact_for(value, region) if value and not phones.is_withheld(value) else None
    cid = customer_id or uuid.uuid4()
    with db.session() as s:
        if s.get(Customer, cid) is None:
            s.add(Customer(id=cid, name=name[:200], name_key=fold(name)[:200], kind=kind))
            s.flush()
            if keys is not None:
                _add_contact(s, cid, keys)
            audit.record_in(s, db, audit.Verb.CREATE, "customer", str(cid), customer_id=cid,
                            detail={"via": "caller"})  # fmt: skip
        if call_ref:
            _ensure_call(s, call_ref, value, cid, datetime.now(UTC))
            _link(s, call_ref, cid, only_unknown=False)
    return cid


def attach_number(
    db: Database,
    customer_id: uuid.UUID,
    value: str,
    region: str = phones.DEFAULT_REGION,
    call_ref: str | None = None,
) -> uuid.UUID:
    """Give an existing customer the caller's number (or email, handle); returns the id
    it went to (a merged customer's number goes to the one it was merged into)."""
    permissions.require(db, Action.EDIT_CUSTOMER)
    keys = contact_for(value, region)
    with db.session() as s:
        target = _active(s, customer_id)
        _add_contact(s, target.id, keys)
        audit.record_in(s, db, audit.Verb.CHANGE, "customer", str(target.id),
                        customer_id=target.id, detail={"attached": keys.kind})  # fmt: skip
        if call_ref:
            _ensure_call(s, call_ref, value, target.id, datetime.now(UTC))
            _link(s, call_ref, target.id, only_unknown=False)
        return target.id


def assign_caller(
    db: Database, call_id: uuid.UUID, customer_id: uuid.UUID, region: str = phones.DEFAULT_REGION
) -> int:
    """From the caller log: the caller of call `call_id` is `customer_id`. Adds the
    number to the customer and links this call and every other still-unknown call from
    the same number; returns how many calls were linked."""
    permissions.require(db, Action.EDIT_CUSTOMER)
    with db.session() as s:
        call = s.get(Call, call_id)
        if call is None:
            raise UserError("that call is no longer in the log")
        if not call.caller or phones.is_withheld(call.caller):
            raise UserError("the number of this call was withheld; there is nothing to attach")
        caller = call.caller
        keys = contact_for(caller, region)
        target = _active(s, customer_id)
        _add_contact(s, target.id, keys)
        result = s.execute(
            update(Call)
            .where((Call.id == call_id) | ((Call.caller == caller) & Call.customer_id.is_(None)))
            .values(customer_id=target.id, version=Call.version + 1, updated_at=datetime.now(UTC)),
            execution_options={"synchronize_session": False},
        )
        return int(getattr(result, "rowcount", 0) or 0)
