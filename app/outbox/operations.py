"""The writes a workstation can make without the server, as explicit operations.

An operation is a kind, a JSON payload and a client-made id. `apply(session, op)` runs
it on the central database through the existing services (one code path online and
on replay); `apply_local(conn, op)` is its effect on the workstation's directory copy
when it has to wait in the outbox (a customer made offline pops on the next ring).
Payloads name tickets by id, not number: a ticket made offline has no number until
the server gives it one on replay.

A refusal on replay (the ticket was closed or changed meanwhile, a rule says no)
raises Refused, and the outbox keeps the operation as a conflict for the agent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from app import caller_log, interactions, tickets
from app.cti.events import CallEvent, CallState, Direction
from app.errors import UserError
from app.outbox.bound import BoundDatabase
from app.outbox.local_schema import DirContact, DirCustomer
from db.engine import Database
from db.enums import TicketKind, TicketStatus
from db.models import Ticket

CLOSED = (TicketStatus.RESOLVED, TicketStatus.CLOSED)


class Refused(UserError):
    """The server will not take this operation as it stands (a conflict to show)."""


@dataclass(frozen=True)
class Operation:
    kind: str
    payload: dict[str, Any]
    user_id: uuid.UUID | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # Set when the agent chose "retry" on a conflict: accept the record as it is now.
    override: bool = False


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def _ticket(s: Session, ticket_id: Any) -> Ticket:
    t = s.get(Ticket, uuid.UUID(str(ticket_id)))
    if t is None:
        raise Refused("the ticket is not on the server (was its creation discarded?)")
    return t


# --- the kinds ------------------------------------------------------------------------

Apply = Callable[[Database, Operation], dict[str, Any]]
ApplyLocal = Callable[[Connection, Operation], None]


def _apply_interaction(db: Database, op: Operation) -> dict[str, Any]:
    p = op.payload
    number = p.get("ticket_number")
    if p.get("ticket_id"):
        with db.session() as s:
            number = _ticket(s, p["ticket_id"]).number
    inp = interactions.InteractionInput(
        customer_id=_uuid(p.get("customer_id")),
        channel=p["channel"],
        direction=p["direction"],
        started_at=_when(p.get("started_at")),
        ended_at=_when(p.get("ended_at")),
        summary=p.get("summary"),
        wrapup_code=p.get("wrapup_code"),
        satisfaction=p.get("satisfaction"),
        call_ref=p.get("call_ref"),
        ticket_number=number,
        category_id=_uuid(p.get("category_id")),
    )
    done = interactions.log_interaction(db, inp, op.user_id, uuid.UUID(p["interaction_id"]))
    return {"interaction_id": str(done.id), "reopened": done.reopened}


def _apply_ticket(db: Database, op: Operation) -> dict[str, Any]:
    p = op.payload
    inp = tickets.TicketInput.from_mapping(dict(p["input"]))
    view = tickets.create_ticket(db, inp, op.user_id, _when(p.get("at")), uuid.UUID(p["ticket_id"]))
    return {"ticket_id": str(view.id), "number": view.number}


def _local_ticket(conn: Connection, op: Operation) -> None:
    customer = op.payload["input"].get("customer")
    if not customer:
        return
    complaint = 1 if op.payload["input"].get("kind") == TicketKind.COMPLAINT else 0
    c = DirCustomer.__table__.c
    try:
        where = c.id == uuid.UUID(str(customer))
    except ValueError:
        where = c.external_id == str(customer)
    conn.execute(
        update(DirCustomer)
        .where(where)
        .values(open_tickets=c.open_tickets + 1, open_complaints=c.open_complaints + complaint)
    )


def _apply_comment(db: Database, op: Operation) -> dict[str, Any]:
    p = op.payload
    with db.session() as s:
        t = _ticket(s, p["ticket_id"])
        if not op.override and p.get("seen_status") not in CLOSED:
            if t.merged_into_id is not None:
                raise Refused(
                    f"ticket {tickets.format_number(t.number)} was merged into another one "
                    "meanwhile"
                )
            if t.status in CLOSED:
                raise Refused(f"ticket {tickets.format_number(t.number)} was {t.status} meanwhile")
        number = t.number
    tickets.comment(db, number, p["text"], op.user_id, bool(p.get("internal", True)),
                    _when(p.get("at")))  # fmt: skip
    return {"ticket_id": str(p["ticket_id"]), "number": number}


def _apply_status(db: Database, op: Operation) -> dict[str, Any]:
    p = op.payload
    with db.session() as s:
        number = _ticket(s, p["ticket_id"]).number
    expected = None if op.override else p.get("expected_version")
    try:
        tickets.change_status(
            db, number, p["status"], op.user_id, p.get("note"), expected, _when(p.get("at"))
        )
    except tickets.ConflictError as exc:
        raise Refused(str(exc)) from exc
    return {"ticket_id": str(p["ticket_id"]), "number": number}


def _apply_customer(db: Database, op: Operation) -> dict[str, Any]:
    p = op.payload
    cid = caller_log.create_customer(
        db, p["name"], p.get("value"), p["region"], p["kind"], p.get("call_ref"),
        uuid.UUID(p["customer_id"]),
    )  # fmt: skip
    return {"customer_id": str(cid)}


def _local_contact(conn: Connection, customer_id: uuid.UUID, value: str, region: str) -> None:
    keys = caller_log.contact_for(value, region)
    c = DirContact.__table__.c
    have = conn.execute(
        select(c.id).where(c.customer_id == customer_id, c.value_norm == keys.value_norm)
    ).first()
    if have is None:
        conn.execute(
            insert(DirContact).values(
                id=uuid.uuid4(),
                customer_id=customer_id,
                kind=keys.kind,
                value_raw=keys.value_raw[:200],
                value_norm=keys.value_norm,
                match_key=keys.match_key,
                is_primary=False,
            )
        )


def _local_customer(conn: Connection, op: Operation) -> None:
    p = op.payload
    cid = uuid.UUID(p["customer_id"])
    conn.execute(
        insert(DirCustomer)
        .prefix_with("OR IGNORE")
        .values(
            id=cid, name=p["name"], kind=p["kind"], tier="standard", vip=False,
            open_tickets=0, open_complaints=0, local_only=True,
        )
    )  # fmt: skip
    if p.get("value") and p.get("stored"):
        _local_contact(conn, cid, p["value"], p["region"])


def _apply_attach(db: Database, op: Operation) -> dict[str, Any]:
    p = op.payload
    cid = caller_log.attach_number(
        db, uuid.UUID(p["customer_id"]), p["value"], p["region"], p.get("call_ref")
    )
    return {"customer_id": str(cid)}


def _local_attach(conn: Connection, op: Operation) -> None:
    p = op.payload
    _local_contact(conn, uuid.UUID(p["customer_id"]), p["value"], p["region"])


def _apply_call(db: Database, op: Operation) -> dict[str, Any]:
    p = op.payload
    row = caller_log.record_call(
        db, p["call_ref"], p.get("caller"), _uuid(p.get("customer_id")), _when(p.get("offered_at"))
    )
    return {"call_id": str(row.id)}


def _apply_call_event(db: Database, op: Operation) -> dict[str, Any]:
    from app.cti import recorder

    p = op.payload
    event = CallEvent(
        state=CallState(p["state"]),
        call_id=p["call_id"],
        source=p["source"],
        number=p.get("number"),
        name=p.get("name"),
        called=p.get("called"),
        queue=p.get("queue"),
        agent=p.get("agent"),
        direction=Direction(p.get("direction") or Direction.INBOUND),
        cause=p.get("cause"),
        at=datetime.fromisoformat(p["at"]),
    )
    rec = recorder.apply(
        db, event, _uuid(p.get("agent_id")), p.get("region") or "VN", bool(p.get("match", True))
    )
    return recorder.record_to_dict(rec)


def _no_local(_conn: Connection, _op: Operation) -> None:
    return None


KINDS: dict[str, tuple[Apply, ApplyLocal]] = {
    "interaction.log": (_apply_interaction, _no_local),
    "ticket.create": (_apply_ticket, _local_ticket),
    "ticket.comment": (_apply_comment, _no_local),
    "ticket.status": (_apply_status, _no_local),
    "customer.create": (_apply_customer, _local_customer),
    "customer.attach": (_apply_attach, _local_attach),
    "call.record": (_apply_call, _no_local),
    "call.event": (_apply_call_event, _no_local),
}


def apply(session: Session, db: Database, op: Operation) -> dict[str, Any]:
    """Run `op` through the services inside `session` (the caller commits)."""
    if op.kind not in KINDS:
        raise Refused(f"this CallDesk does not know the operation {op.kind!r}")
    return KINDS[op.kind][0](BoundDatabase(db, session), op)


def apply_local(conn: Connection, op: Operation) -> None:
    KINDS[op.kind][1](conn, op)


# --- building operations ----------------------------------------------------------------


def log_interaction(
    inp: interactions.InteractionInput,
    agent_id: uuid.UUID | None,
    interaction_id: uuid.UUID | None = None,
    ticket_id: uuid.UUID | None = None,
) -> Operation:
    iid = interaction_id or uuid.uuid4()
    payload = {
        "interaction_id": str(iid),
        "customer_id": str(inp.customer_id) if inp.customer_id else None,
        "channel": str(inp.channel),
        "direction": str(inp.direction),
        # Offline the contact happens now, not when the server hears of it.
        "started_at": _iso(inp.started_at or datetime.now(UTC)),
        "ended_at": _iso(inp.ended_at),
        "summary": inp.summary,
        "wrapup_code": inp.wrapup_code,
        "satisfaction": inp.satisfaction,
        "call_ref": inp.call_ref,
        "ticket_number": inp.ticket_number,
        "ticket_id": str(ticket_id) if ticket_id else None,
        "category_id": str(inp.category_id) if inp.category_id else None,
    }
    return Operation("interaction.log", payload, agent_id)


def create_ticket(
    inp: tickets.TicketInput,
    actor_id: uuid.UUID | None,
    ticket_id: uuid.UUID | None = None,
    at: datetime | None = None,
) -> Operation:
    from dataclasses import asdict

    payload = {
        "ticket_id": str(ticket_id or uuid.uuid4()),
        "input": {k: v for k, v in asdict(inp).items() if v is not None},
        "at": _iso(at or datetime.now(UTC)),
    }
    return Operation("ticket.create", payload, actor_id)


def comment(
    ticket_id: uuid.UUID,
    text_: str,
    actor_id: uuid.UUID | None,
    internal: bool = True,
    seen_status: str | None = None,
) -> Operation:
    payload = {
        "ticket_id": str(ticket_id),
        "text": text_,
        "internal": internal,
        "seen_status": seen_status,
        "at": _iso(datetime.now(UTC)),
    }
    return Operation("ticket.comment", payload, actor_id)


def change_status(
    ticket_id: uuid.UUID,
    status: str,
    actor_id: uuid.UUID | None,
    expected_version: int | None,
    note: str | None = None,
) -> Operation:
    payload = {
        "ticket_id": str(ticket_id),
        "status": status,
        "note": note,
        "expected_version": expected_version,
        "at": _iso(datetime.now(UTC)),
    }
    return Operation("ticket.status", payload, actor_id)


def create_customer(
    name: str,
    value: str | None,
    region: str,
    kind: str,
    call_ref: str | None,
    customer_id: uuid.UUID | None,
    actor_id: uuid.UUID | None = None,
) -> Operation:
    stored = False
    if value:
        try:
            caller_log.contact_for(value, region)
            stored = True
        except UserError:
            stored = False
    payload = {
        "customer_id": str(customer_id or uuid.uuid4()),
        "name": " ".join(name.split()),
        "value": value,
        "stored": stored,
        "region": region,
        "kind": str(kind),
        "call_ref": call_ref,
    }
    return Operation("customer.create", payload, actor_id)


def attach_number(
    customer_id: uuid.UUID,
    value: str,
    region: str,
    call_ref: str | None,
    actor_id: uuid.UUID | None = None,
) -> Operation:
    caller_log.contact_for(value, region)  # refuse garbage now, not on replay
    payload = {
        "customer_id": str(customer_id),
        "value": value,
        "region": region,
        "call_ref": call_ref,
    }
    return Operation("customer.attach", payload, actor_id)


def record_call(
    call_ref: str,
    caller: str | None,
    customer_id: uuid.UUID | None,
    offered_at: datetime | None,
    actor_id: uuid.UUID | None = None,
) -> Operation:
    payload = {
        "call_ref": call_ref,
        "caller": caller,
        "customer_id": str(customer_id) if customer_id else None,
        "offered_at": _iso(offered_at or datetime.now(UTC)),
    }
    return Operation("call.record", payload, actor_id)


def call_event(
    event: CallEvent, agent_id: uuid.UUID | None, region: str, match: bool = True
) -> Operation:
    """A phone system's call event (app.cti.recorder.apply on the server); made by the
    workstation's agent when the answer is theirs."""
    payload = {
        "state": str(event.state),
        "call_id": event.call_id,
        "source": event.source,
        "number": event.number,
        "name": event.name,
        "called": event.called,
        "queue": event.queue,
        "agent": event.agent,
        "direction": str(event.direction),
        "cause": event.cause,
        "at": event.at.isoformat(),
        "agent_id": str(agent_id) if agent_id else None,
        "region": region,
        "match": match,
    }
    return Operation("call.event", payload, agent_id)


def describe(op: Operation) -> str:
    """One line about the operation for the agent (data, not a translated sentence)."""
    p = op.payload
    if op.kind == "ticket.create":
        return str(p["input"].get("subject") or p["input"].get("text") or "")[:80]
    if op.kind == "ticket.comment":
        return str(p.get("text") or "")[:80]
    if op.kind == "interaction.log":
        return str(p.get("summary") or p.get("channel") or "")[:80]
    if op.kind == "customer.create":
        return f"{p.get('name')} {p.get('value') or ''}".strip()
    if op.kind == "customer.attach":
        return str(p.get("value") or "")
    if op.kind == "call.record":
        return str(p.get("caller") or p.get("call_ref") or "")
    if op.kind == "call.event":
        return f"{p.get('state')} {p.get('number') or p.get('call_id') or ''}".strip()
    if op.kind == "ticket.status":
        return str(p.get("status") or "")
    return ""
