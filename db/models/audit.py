"""Who viewed, changed or exported what; and named counters for human numbers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin
from db.types import utcnow


class AuditLog(IdMixin, Base):
    __tablename__ = "audit_log"

    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    # Whose data it was (a customer viewed, changed, merged; a ticket's customer): the
    # audit viewer and `calldesk audit --customer` filter on it. No foreign key: the
    # trail outlives anything it mentions.
    customer_id: Mapped[uuid.UUID | None] = mapped_column()
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_user_id_at", "user_id", "at"),
        Index("ix_audit_log_customer_id_at", "customer_id", "at"),
    )


class Counter(Base):
    """Named counters: `UPDATE counters SET value = value + 1 ... RETURNING value` locks
    the row until commit (round-robin turns; ticket numbers on SQLite, where PostgreSQL
    uses the sequence `ticket_numbers` instead, migration 0010). The row `reference` is
    the stamp triggers bump on any edit of routing rules, SLA policies, calendars or
    departments (app/reference_cache.py)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
