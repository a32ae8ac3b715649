"""Interactions on every channel, tickets and their append-only processing log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, VersionedMixin
from db.types import utcnow


class Interaction(IdMixin, VersionedMixin, Base):
    __tablename__ = "interactions"

    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16), default="inbound")
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    agent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    call_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("calls.id"))
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tickets.id"))
    summary: Mapped[str | None] = mapped_column(Text)
    wrapup_code: Mapped[str | None] = mapped_column(String(32))
    satisfaction: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_interactions_customer_id_started_at", "customer_id", "started_at"),
        Index("ix_interactions_started_at", "started_at"),
    )


class Ticket(IdMixin, VersionedMixin, Base):
    __tablename__ = "tickets"

    number: Mapped[int] = mapped_column(Integer, unique=True)
    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(16), default="inquiry")
    category_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("categories.id"))
    subcategory_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("categories.id"))
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    status: Mapped[str] = mapped_column(String(20), default="new")
    department_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("departments.id"))
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    sla_policy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sla_policies.id"))
    # SET NULL: replacing the rule set must not be blocked by history; the log keeps the name.
    routing_rule_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("routing_rules.id", ondelete="SET NULL")
    )
    tags: Mapped[list[Any]] = mapped_column(default=list)
    first_response_due: Mapped[datetime | None]
    resolution_due: Mapped[datetime | None]
    first_responded_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    breached: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set while the SLA clock is stopped (pending on the customer); due times move on resume.
    sla_paused_at: Mapped[datetime | None]
    reopened_count: Mapped[int] = mapped_column(Integer, default=0)
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tickets.id"))

    __table_args__ = (
        Index("ix_tickets_customer_id", "customer_id"),
        Index("ix_tickets_department_id_status", "department_id", "status"),
        Index("ix_tickets_assignee_id_status", "assignee_id", "status"),
        Index("ix_tickets_resolution_due", "resolution_due"),
        Index("ix_tickets_created_at", "created_at"),
    )


class TicketEvent(IdMixin, Base):
    """Append-only: rows are inserted, never updated, so they carry no version."""

    __tablename__ = "ticket_events"

    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tickets.id"))
    # Position in the ticket's log; unique per ticket so two writers cannot interleave.
    seq: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str | None] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(Boolean, default=True)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (
        Index("ix_ticket_events_ticket_id_at", "ticket_id", "at"),
        UniqueConstraint("ticket_id", "seq", name="uq_ticket_events_ticket_id_seq"),
    )
