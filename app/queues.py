"""Department queues and each agent's "my work": open tickets with their SLA state.

Queues page by keyset on (resolution_due, number) so opening a department's queue
costs the same at a million tickets as at a hundred.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, case, func, or_, select, tuple_
from sqlalchemy.orm import aliased

from app.tickets import OPEN_STATES, format_number
from db.engine import Database
from db.models import Customer, Department, Ticket, User

PAGE = 200
FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


class SlaState(StrEnum):
    NONE = "none"
    OK = "ok"
    DUE_SOON = "due_soon"  # under 25% of the target left, or under 2 hours
    OVERDUE = "overdue"
    PAUSED = "paused"


@dataclass(frozen=True)
class QueueRow:
    id: uuid.UUID
    number: int
    display_number: str
    kind: str
    subject: str
    status: str
    priority: str
    customer: str | None
    assignee: str | None
    department: str | None
    created_at: datetime
    resolution_due: datetime | None
    breached: bool
    version: int

    def sla_state(self, now: datetime | None = None) -> SlaState:
        now = now or datetime.now(UTC)
        if self.status == "pending_customer":
            return SlaState.PAUSED
        if self.resolution_due is None:
            return SlaState.NONE
        if self.breached or self.resolution_due <= now:
            return SlaState.OVERDUE
        total = self.resolution_due - self.created_at
        left = self.resolution_due - now
        if left < timedelta(hours=2) or left < total * 0.25:
            return SlaState.DUE_SOON
        return SlaState.OK

    def time_left(self, now: datetime | None = None) -> timedelta | None:
        if self.resolution_due is None:
            return None
        return self.resolution_due - (now or datetime.now(UTC))


def _rows(
    db: Database,
    where: list[object],
    after: tuple[datetime, int] | None,
    limit: int,
) -> list[QueueRow]:
    assignee = aliased(User)
    due_key = func.coalesce(Ticket.resolution_due, FAR_FUTURE)
    stmt = (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.kind,
            Ticket.subject,
            Ticket.status,
            Ticket.priority,
            Customer.name,
            assignee.username,
            Department.code,
            Ticket.created_at,
            Ticket.resolution_due,
            Ticket.breached,
            Ticket.version,
        )
        .outerjoin(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(assignee, assignee.id == Ticket.assignee_id)
        .outerjoin(Department, Department.id == Ticket.department_id)
        .where(Ticket.status.in_(OPEN_STATES), *where)  # type: ignore[arg-type]
    )
    if after is not None:
        stmt = stmt.where(tuple_(due_key, Ticket.number) > tuple_(*after))
    stmt = stmt.order_by(due_key, Ticket.number).limit(limit)
    with db.sessions() as s:
        return [
            QueueRow(
                r[0],
                r[1],
                format_number(r[1]),
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
            )
            for r in s.execute(stmt)
        ]


def department_queue(
    db: Database,
    department_code: str,
    after: tuple[datetime, int] | None = None,
    limit: int = PAGE,
) -> list[QueueRow]:
    """Open tickets of one desk, most urgent deadline first."""
    with db.sessions() as s:
        dep_id = s.scalar(select(Department.id).where(Department.code == department_code))
    if dep_id is None:
        return []
    return _rows(db, [Ticket.department_id == dep_id], after, limit)


def my_work(
    db: Database, user_id: uuid.UUID, after: tuple[datetime, int] | None = None, limit: int = PAGE
) -> list[QueueRow]:
    return _rows(db, [Ticket.assignee_id == user_id], after, limit)


def queue_key(row: QueueRow) -> tuple[datetime, int]:
    return (row.resolution_due or FAR_FUTURE, row.number)


@dataclass(frozen=True)
class QueueSummary:
    code: str
    name: str
    kind: str
    open: int
    overdue: int


def summaries(db: Database, now: datetime | None = None) -> list[QueueSummary]:
    """Per-department counts for the queue picker (one grouped query)."""
    now = now or datetime.now(UTC)
    overdue = func.sum(case((or_(Ticket.breached, Ticket.resolution_due < now), 1), else_=0))
    stmt = (
        select(Department.code, Department.name, Department.kind, func.count(Ticket.id), overdue)
        .outerjoin(
            Ticket, and_(Ticket.department_id == Department.id, Ticket.status.in_(OPEN_STATES))
        )
        .where(Department.active)
        .group_by(Department.code, Department.name, Department.kind)
        .order_by(Department.kind, Department.name)
    )
    with db.sessions() as s:
        return [
            QueueSummary(r[0], r[1], r[2], int(r[3] or 0), int(r[4] or 0)) for r in s.execute(stmt)
        ]
