"""Department queues and each agent's "my work": open tickets with their SLA state.

Queues page by keyset on (resolution_due, number) so opening a department's queue
costs the same at a million tickets as at a hundred.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, case, func, or_, select, tuple_
from sqlalchemy.orm import aliased

from app import masking, permissions
from app.auth import CurrentUser
from app.permissions import Action, PermissionDenied
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
    where: list[ColumnElement[bool]],
    after: tuple[datetime, int] | None,
    limit: int,
    mask: bool = False,
) -> list[QueueRow]:
    assignee = aliased(User)
    shown = masking.mask_text if mask else (lambda text: text)
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
        .where(Ticket.status.in_(OPEN_STATES), *where)
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
                shown(r[3]) or "",
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
    *,
    actor: CurrentUser | None = None,
) -> list[QueueRow]:
    """Open tickets of one desk, most urgent deadline first. Department members and
    supplier accounts may open only their own desk's (a supplier: its complaints)."""
    user = permissions.require(db, Action.VIEW_TICKET, actor)
    with db.sessions() as s:
        dep_id = s.scalar(select(Department.id).where(Department.code == department_code))
    if dep_id is None:
        return []
    if not permissions.can(user, Action.VIEW_ALL_QUEUES) and (
        user is None or dep_id != user.department_id
    ):
        assert user is not None
        raise PermissionDenied(f"{user.username} may not open the {department_code} queue")
    where = [Ticket.department_id == dep_id, *permissions.ticket_scope(user)]
    return _rows(db, where, after, limit, permissions.masks_contacts(user))


def my_work(
    db: Database, user_id: uuid.UUID, after: tuple[datetime, int] | None = None, limit: int = PAGE
) -> list[QueueRow]:
    user = permissions.acting(db)
    where = [Ticket.assignee_id == user_id, *permissions.ticket_scope(user)]
    return _rows(db, where, after, limit, permissions.masks_contacts(user))


def _own_department(user: CurrentUser | None) -> list[ColumnElement[bool]]:
    if permissions.can(user, Action.VIEW_ALL_QUEUES):
        return []
    assert user is not None
    return [Department.id == user.department_id]


def queue_key(row: QueueRow) -> tuple[datetime, int]:
    return (row.resolution_due or FAR_FUTURE, row.number)


@dataclass(frozen=True)
class QueueSummary:
    code: str
    name: str
    kind: str
    open: int
    overdue: int


def summaries(
    db: Database, now: datetime | None = None, *, actor: CurrentUser | None = None
) -> list[QueueSummary]:
    """Per-department counts for the queue picker (one grouped query): every desk for
    those who may see all queues, else only the user's own."""
    user = permissions.acting(db, actor)
    now = now or datetime.now(UTC)
    overdue = func.sum(case((or_(Ticket.breached, Ticket.resolution_due < now), 1), else_=0))
    stmt = (
        select(Department.code, Department.name, Department.kind, func.count(Ticket.id), overdue)
        .outerjoin(
            Ticket,
            and_(
                Ticket.department_id == Department.id,
                Ticket.status.in_(OPEN_STATES),
                *permissions.ticket_scope(user),
            ),
        )
        .where(Department.active, *_own_department(user))
        .group_by(Department.code, Department.name, Department.kind)
        .order_by(Department.kind, Department.name)
    )
    with db.sessions() as s:
        return [
            QueueSummary(r[0], r[1], r[2], int(r[3] or 0), int(r[4] or 0)) for r in s.execute(stmt)
        ]
