"""Calls as the KPIs count them, and the agent status history occupancy is computed from."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class Call(IdMixin, VersionedMixin, Base):
    __tablename__ = "calls"

    call_ref: Mapped[str] = mapped_column(String(128), unique=True)
    queue: Mapped[str | None] = mapped_column(String(64))
    direction: Mapped[str] = mapped_column(String(16), default="inbound")
    caller: Mapped[str | None] = mapped_column(String(64))
    caller_name: Mapped[str | None] = mapped_column(String(200))
    callee: Mapped[str | None] = mapped_column(String(64))
    offered_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    hold_seconds: Mapped[int] = mapped_column(Integer, default=0)
    acw_seconds: Mapped[int] = mapped_column(Integer, default=0)
    agent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"))
    # Where the call was heard: pop, baresip, webhook, ami, simulator, import.
    source: Mapped[str | None] = mapped_column(String(16))
    # A missed call somebody rang back (the outbound call's time); NULL: still owed.
    called_back_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_calls_offered_at", "offered_at"),
        Index("ix_calls_queue_offered_at", "queue", "offered_at"),
        Index("ix_calls_agent_id_offered_at", "agent_id", "offered_at"),
        Index("ix_calls_customer_id", "customer_id"),
    )


class AgentStatusLog(IdMixin, TimestampMixin, Base):
    __tablename__ = "agent_status_log"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_agent_status_log_user_id_started_at", "user_id", "started_at"),)
