"""The change sequence other workstations follow, and who is at their desk right now."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import utcnow


class Change(Base):
    """One committed change to a synced row, written by database triggers in the same
    transaction (db/change_log.py). Clients catch up from the last `seq` they saw;
    `op` 'bulk' with table '*' stands for a bulk load (re-read everything). On
    PostgreSQL a supplier session reads only its own slice (migration 0012)."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_at", "at"), {"sqlite_autoincrement": True})

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    tbl: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[uuid.UUID | None]
    version: Mapped[int | None] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # PostgreSQL only (migration 0012): the complaint desk whose supplier may see this
    # change of a ticket or its log, and the one a ticket left with it.
    scope: Mapped[uuid.UUID | None]
    prior_scope: Mapped[uuid.UUID | None]


class AgentPresence(Base):
    """An agent's current status and the heartbeat that proves the client is alive.

    Kept apart from `users` so a heartbeat every few seconds neither bumps the user's
    version (an admin editing the user would get a false conflict) nor floods the change
    sequence; status changes themselves land in agent_status_log, which is synced."""

    __tablename__ = "agent_presence"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16))
    since: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
    client: Mapped[str | None] = mapped_column(String(64))
