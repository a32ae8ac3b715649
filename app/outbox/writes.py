"""Service-shaped writes for the screens: the same arguments and results as the
services in app.tickets, app.interactions and app.caller_log, taken through the
database's outbox when it has one (and straight to the service when it has none:
the embedded database, the command line).

Queued offline, a write returns what can be known without the server: the ids the
client made; a ticket made offline is returned with number 0 (see `is_provisional`)
until replay gives it its number.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from app import caller_log, interactions, outbox, tickets
from app.caller_log import CallRow
from app.errors import UserError
from app.interactions import InteractionInput, LoggedInteraction
from app.outbox import operations as ops
from app.tickets import TicketInput, TicketView
from db.engine import Database
from db.enums import CustomerKind, TicketStatus


def is_provisional(view: TicketView) -> bool:
    """A ticket stored offline: the server has not numbered it yet."""
    return view.number == 0


def provisional_label(ticket_id: uuid.UUID) -> str:
    """How a ticket without its number is named until replay ("T-…a1b2c3")."""
    return f"T-…{ticket_id.hex[:6]}"


def log_interaction(
    db: Database,
    inp: InteractionInput,
    agent_id: uuid.UUID | None = None,
    interaction_id: uuid.UUID | None = None,
) -> LoggedInteraction:
    box = outbox.for_database(db)
    if box is None:
        return interactions.log_interaction(db, inp, agent_id, interaction_id)
    done = box.submit(ops.log_interaction(inp, agent_id, interaction_id))
    iid = uuid.UUID(done.op.payload["interaction_id"])
    return LoggedInteraction(iid, [int(n) for n in done.result.get("reopened", [])])


def create_ticket(
    db: Database,
    inp: TicketInput,
    actor_id: uuid.UUID | None = None,
    at: datetime | None = None,
    ticket_id: uuid.UUID | None = None,
) -> TicketView:
    box = outbox.for_database(db)
    if box is None:
        return tickets.create_ticket(db, inp, actor_id, at, ticket_id)
    done = box.submit(ops.create_ticket(inp, actor_id, ticket_id, at))
    tid = uuid.UUID(done.op.payload["ticket_id"])
    if not done.queued:
        return tickets.show(db, int(done.result["number"]))
    return _provisional(tid, inp, done.op.created_at)


def _provisional(tid: uuid.UUID, inp: TicketInput, at: datetime) -> TicketView:
    subject = (inp.subject or inp.text or "").strip().splitlines()[:1]
    return TicketView(
        tid, 0, inp.kind, TicketStatus.NEW, inp.priority or "normal",
        subject[0][:200] if subject else "", inp.text or None, inp.channel,
        None, inp.customer, None, inp.category, inp.subcategory, None, None, None, None,
        None, None, False, [], at, at, 0,
    )  # fmt: skip


def comment(
    db: Database,
    view: TicketView,
    text: str,
    actor_id: uuid.UUID | None = None,
    internal: bool = True,
) -> TicketView:
    """Comment on the ticket `view` shows; offline, `view` comes back with the comment
    appended (marked as waiting in its data)."""
    box = outbox.for_database(db)
    if box is None:
        return tickets.comment(db, view.number, text, actor_id, internal)
    done = box.submit(ops.comment(view.id, text.strip(), actor_id, internal, view.status))
    if not done.queued:
        return tickets.show(db, int(done.result["number"]))
    from dataclasses import replace

    event = tickets.EventView(
        done.op.created_at, "comment", None, text.strip(), internal, {"waiting": True}
    )
    return replace(view, events=[*view.events, event])


def create_customer(
    db: Database,
    name: str,
    value: str | None,
    region: str = "VN",
    kind: str = CustomerKind.PERSON,
    call_ref: str | None = None,
    customer_id: uuid.UUID | None = None,
) -> uuid.UUID:
    box = outbox.for_database(db)
    if box is None:
        return caller_log.create_customer(db, name, value, region, kind, call_ref, customer_id)
    if not " ".join(name.split()):
        raise UserError("a customer needs a name")
    done = box.submit(ops.create_customer(name, value, region, kind, call_ref, customer_id))
    return uuid.UUID(done.op.payload["customer_id"])


def attach_number(
    db: Database,
    customer_id: uuid.UUID,
    value: str,
    region: str = "VN",
    call_ref: str | None = None,
) -> uuid.UUID:
    box = outbox.for_database(db)
    if box is None:
        return caller_log.attach_number(db, customer_id, value, region, call_ref)
    done = box.submit(ops.attach_number(customer_id, value, region, call_ref))
    return uuid.UUID(str(done.result.get("customer_id") or customer_id))


def record_call(
    db: Database,
    call_ref: str,
    caller: str | None,
    customer_id: uuid.UUID | None,
    offered_at: datetime | None = None,
) -> CallRow:
    box = outbox.for_database(db)
    if box is None:
        return caller_log.record_call(db, call_ref, caller, customer_id, offered_at)
    at = offered_at or datetime.now(UTC)
    done = box.submit(ops.record_call(call_ref, caller, customer_id, at))
    call_id: Any = done.result.get("call_id")
    return CallRow(
        uuid.UUID(call_id) if call_id else done.op.id, call_ref, caller, at, "inbound",
        customer_id, None,
    )  # fmt: skip
