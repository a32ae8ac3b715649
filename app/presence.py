"""Agent status with a heartbeat: who is available, on a call, in wrap-up, away, offline.

A client sets the agent's status (kept as history in agent_status_log, which occupancy
is computed from) and beats every HEARTBEAT seconds (agent_presence.heartbeat_at). A
client that dies stops beating: after OFFLINE_AFTER its agent counts as offline at once
(`current_statuses`, routing), and the next `sweep` by any client closes the open status
row at the last heartbeat and records the agent offline.
"""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.errors import UserError
from db.engine import Database
from db.enums import AgentStatus
from db.models import AgentPresence, AgentStatusLog, User
from db.types import utcnow

HEARTBEAT = timedelta(seconds=15)
OFFLINE_AFTER = timedelta(seconds=45)
STATUSES = tuple(AgentStatus)


def client_name() -> str:
    return socket.gethostname()[:64]


def _lock_presence(s: Session, user_id: uuid.UUID) -> AgentPresence | None:
    stmt = select(AgentPresence).where(AgentPresence.user_id == user_id)
    if s.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return s.scalar(stmt)


def _close_open_rows(s: Session, user_id: uuid.UUID, at: datetime) -> None:
    s.execute(
        update(AgentStatusLog)
        .where(AgentStatusLog.user_id == user_id, AgentStatusLog.ended_at.is_(None))
        .values(ended_at=at, updated_at=at)
    )


def set_status(
    db: Database,
    user_id: uuid.UUID,
    status: str,
    at: datetime | None = None,
    client: str | None = None,
) -> None:
    """Record the agent's new status: the open history row is closed and a new one
    opened (none for offline), and the heartbeat is renewed."""
    if status not in STATUSES:
        raise UserError(f"status must be one of {', '.join(STATUSES)}")
    at = at or utcnow()
    with db.session() as s:
        if s.get(User, user_id) is None:
            raise UserError("no such user")
        p = _lock_presence(s, user_id)
        if p is None:
            p = AgentPresence(user_id=user_id, status=status, since=at, heartbeat_at=at)
            s.add(p)
        elif p.status == status and status != AgentStatus.OFFLINE:
            p.heartbeat_at = at
            open_row = s.scalar(
                select(AgentStatusLog.id).where(
                    AgentStatusLog.user_id == user_id, AgentStatusLog.ended_at.is_(None)
                )
            )
            if open_row is not None:
                return
        _close_open_rows(s, user_id, at)
        if status != AgentStatus.OFFLINE:
            s.add(AgentStatusLog(user_id=user_id, status=status, started_at=at))
        p.status, p.since, p.heartbeat_at = status, at, at
        p.client = client or client_name()


def heartbeat(db: Database, user_id: uuid.UUID, at: datetime | None = None) -> str:
    """Prove the client is alive; returns the agent's status. An agent the sweep already
    took offline (the client froze for a while) stays offline until they choose again."""
    at = at or utcnow()
    with db.session() as s:
        s.execute(
            update(AgentPresence)
            .where(AgentPresence.user_id == user_id, AgentPresence.status != AgentStatus.OFFLINE)
            .values(heartbeat_at=at)
        )
        status = s.scalar(select(AgentPresence.status).where(AgentPresence.user_id == user_id))
    return str(status or AgentStatus.OFFLINE)


def sweep(
    db: Database, at: datetime | None = None, offline_after: timedelta = OFFLINE_AFTER
) -> list[uuid.UUID]:
    """Take agents whose client stopped beating offline; returns who. Any client may run
    it; row locks (PostgreSQL) keep two sweepers from closing a row twice."""
    at = at or utcnow()
    cutoff = at - offline_after
    gone: list[uuid.UUID] = []
    with db.session() as s:
        stmt = select(AgentPresence).where(
            AgentPresence.status != AgentStatus.OFFLINE, AgentPresence.heartbeat_at < cutoff
        )
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        for p in s.scalars(stmt):
            _close_open_rows(s, p.user_id, p.heartbeat_at)
            p.status, p.since = AgentStatus.OFFLINE, p.heartbeat_at
            gone.append(p.user_id)
    return gone


def is_fresh(
    user_id: ColumnElement[uuid.UUID] | InstrumentedAttribute[uuid.UUID], now: datetime
) -> ColumnElement[bool]:
    """SQL: the user's client is alive, or the user never ran a client with presence
    (status rows written by the CLI or imported history count as they are)."""
    return alive_since(user_id, now - OFFLINE_AFTER)


def alive_since(
    user_id: ColumnElement[uuid.UUID] | InstrumentedAttribute[uuid.UUID],
    cutoff: datetime | ColumnElement[datetime],
) -> ColumnElement[bool]:
    """is_fresh with the heartbeat cutoff given (a bound parameter in a prepared query)."""
    has_row = exists().where(AgentPresence.user_id == user_id)
    alive = exists().where(
        AgentPresence.user_id == user_id,
        AgentPresence.status != AgentStatus.OFFLINE,
        AgentPresence.heartbeat_at >= cutoff,
    )
    return or_(~has_row, alive)


@dataclass(frozen=True)
class AgentState:
    user_id: uuid.UUID
    username: str
    display_name: str
    department_id: uuid.UUID | None
    status: str
    since: datetime | None
    heartbeat_at: datetime | None
    role: str = "agent"


def current_statuses(db: Database, now: datetime | None = None) -> list[AgentState]:
    """Every active user's status right now; a stale heartbeat reads offline. For the
    supervisor panel and KPIs (agents by status)."""
    now = now or utcnow()
    cutoff = now - OFFLINE_AFTER
    with db.session() as s:
        rows = s.execute(
            select(
                User.id,
                User.username,
                User.display_name,
                User.department_id,
                User.role,
                AgentPresence.status,
                AgentPresence.since,
                AgentPresence.heartbeat_at,
                AgentStatusLog.status,
                AgentStatusLog.started_at,
            )
            .outerjoin(AgentPresence, AgentPresence.user_id == User.id)
            .outerjoin(
                AgentStatusLog,
                and_(AgentStatusLog.user_id == User.id, AgentStatusLog.ended_at.is_(None)),
            )
            .where(User.active)
            .order_by(User.username)
        ).all()
    out: dict[uuid.UUID, AgentState] = {}
    for uid, username, name, dep, role, p_status, p_since, beat, log_status, log_since in rows:
        if uid in out:
            continue
        if p_status is not None:
            status = p_status if beat is not None and beat >= cutoff else AgentStatus.OFFLINE
            since = p_since if status == p_status else beat
        else:
            status = log_status or AgentStatus.OFFLINE
            since = log_since
        out[uid] = AgentState(uid, username, name, dep, str(status), since, beat, str(role))
    return list(out.values())


def status_counts(db: Database, now: datetime | None = None) -> dict[str, int]:
    """Agents by status (every status present, zero when nobody is in it)."""
    counts = {str(st): 0 for st in STATUSES}
    for a in current_statuses(db, now):
        counts[a.status] = counts.get(a.status, 0) + 1
    return counts
