"""Operations a workstation made (often offline) and the server has applied.

The row is inserted in the same transaction as the operation's effects, keyed by the
id the client gave the operation: a replay after a crash finds it and applies nothing
twice, and whatever the first apply returned (a ticket's number) is read back.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import utcnow


class AppliedOperation(Base):
    __tablename__ = "applied_operations"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    workstation: Mapped[str | None] = mapped_column(String(64))
    # When the client wrote it (the outbox keeps its order), and what applying it gave.
    created_at: Mapped[datetime | None]
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (Index("ix_applied_operations_applied_at", "applied_at"),)
