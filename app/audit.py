"""The audit trail: who viewed, changed, merged or exported customer data, and when.

Changes are recorded in the same transaction as the change (`record_in`), so the
trail cannot miss one that was stored. Views are different: a card pops while the
phone rings and must not wait for an INSERT, so `viewed` only queues the row and a
background thread per database writes queued rows in batches (at most
FLUSH_SECONDS later). A view queued when the process dies is lost; changes are not.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import uuid
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, or_, select, tuple_
from sqlalchemy.orm import Session

from app import permissions
from app.auth import CurrentUser
from app.errors import UserError
from app.permissions import Action
from db.engine import Database
from db.models import AuditLog, Customer, User

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5
BATCH = 500
PAGE = 200


class Verb:
    """The actions the trail records (audit_log.action)."""

    VIEW = "view"
    CHANGE = "change"
    CREATE = "create"
    MERGE = "merge"
    EXPORT = "export"
    IMPORT = "import"
    USERS = "users"


def _row(
    actor: CurrentUser | None,
    action: str,
    entity: str,
    entity_id: str | None,
    customer_id: uuid.UUID | None,
    detail: dict[str, Any] | None,
    at: datetime | None,
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "at": at or datetime.now(UTC),
        "user_id": actor.id if actor else None,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "customer_id": customer_id,
        "detail": detail or {},
    }


def record_in(
    s: Session,
    db: Database,
    action: str,
    entity: str,
    entity_id: str | None = None,
    *,
    customer_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
    actor: CurrentUser | None = None,
    at: datetime | None = None,
) -> None:
    """Record a change in the caller's transaction: stored with it or not at all."""
    row = _row(permissions.acting(db, actor), action, entity, entity_id, customer_id, detail, at)
    s.execute(insert(AuditLog), [row])


def record(
    db: Database,
    action: str,
    entity: str,
    entity_id: str | None = None,
    *,
    customer_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
    actor: CurrentUser | None = None,
) -> None:
    """Record something done outside a transaction of ours (an export file written)."""
    with db.session() as s:
        record_in(
            s, db, action, entity, entity_id, customer_id=customer_id, detail=detail, actor=actor
        )


# --- views, written in the background --------------------------------------------------


class _Writer:
    """One daemon thread per database writing queued view rows in batches.

    A burst of views wakes the thread once: it then waits FLUSH_SECONDS for the
    burst to gather and writes it, so a busy pop path costs a list append per view
    and one INSERT per half second, never a thread switch per card."""

    def __init__(self, db: Database) -> None:
        self.db = weakref.ref(db)
        self.pending: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self.thread.start()

    def put(self, row: dict[str, Any]) -> None:
        with self.lock:
            self.pending.append(row)
            if len(self.pending) == 1:
                self.idle.clear()
                self.wake.set()

    def _run(self) -> None:
        while True:
            self.wake.wait()
            if not self.stopping:
                time.sleep(FLUSH_SECONDS)  # let the burst gather: one write for many views
            with self.lock:
                rows, self.pending = self.pending, []
                self.wake.clear()
            for i in range(0, len(rows), BATCH):
                self._write(rows[i : i + BATCH])
            with self.lock:
                if not self.pending:
                    self.idle.set()
            if self.stopping:
                return

    def _write(self, rows: list[dict[str, Any]]) -> None:
        db = self.db()
        if db is None:
            return
        try:
            with db.session() as s:
                s.execute(insert(AuditLog), rows)
        except Exception:
            log.exception("could not write %d audit view record(s)", len(rows))
            if len(rows) > 1:  # one bad row (a user deleted meanwhile) spoils no other
                for row in rows:
                    self._write([row])

    def flush(self, timeout: float = 10.0) -> bool:
        return self.idle.wait(timeout)

    def stop(self) -> None:
        self.stopping = True
        self.wake.set()
        self.thread.join(timeout=10)


_WRITERS: weakref.WeakKeyDictionary[Database, _Writer] = weakref.WeakKeyDictionary()
_WRITERS_LOCK = threading.Lock()


def _writer(db: Database) -> _Writer:
    with _WRITERS_LOCK:
        w = _WRITERS.get(db)
        if w is None:
            w = _WRITERS[db] = _Writer(db)
        return w


def viewed(
    db: Database,
    entity: str,
    entity_id: str | None,
    *,
    customer_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
    actor: CurrentUser | None = None,
) -> None:
    """Queue a "viewed" record; returns at once. Nothing is recorded for the system
    itself (no acting user): only people viewing data is what the trail is for."""
    user = permissions.acting(db, actor)
    if user is None:
        return
    _writer(db).put(_row(user, Verb.VIEW, entity, entity_id, customer_id, detail, None))


def flush(db: Database, timeout: float = 10.0) -> bool:
    """Wait until queued view records are written (tests, the audit viewer, exit)."""
    w = _WRITERS.get(db)
    return True if w is None else w.flush(timeout)


def stop(db: Database) -> None:
    """Write what is queued and end the writer thread (closing a database)."""
    with _WRITERS_LOCK:
        w = _WRITERS.pop(db, None)
    if w is not None:
        w.stop()


@atexit.register
def _flush_all() -> None:
    for w in list(_WRITERS.values()):
        w.flush(2.0)


# --- reading the trail ------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    id: uuid.UUID
    at: datetime
    username: str | None
    action: str
    entity: str
    entity_id: str | None
    customer_id: uuid.UUID | None
    customer_name: str | None
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "at": self.at.isoformat(),
            "user": self.username,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "customer_id": str(self.customer_id) if self.customer_id else None,
            "customer": self.customer_name,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Filter:
    username: str | None = None
    customer: str | None = None  # customer UUID or external id
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


Key = tuple[datetime, uuid.UUID]


def _customer_id(s: Session, ref: str) -> uuid.UUID:
    found = s.scalar(select(Customer.id).where(Customer.external_id == ref.strip()))
    if found is not None:
        return found
    try:
        return uuid.UUID(ref.strip())
    except ValueError:
        raise UserError(f"no customer {ref!r} (give its id or external id)") from None


def entries(
    db: Database,
    where: Filter | None = None,
    after: Key | None = None,
    limit: int = PAGE,
    *,
    actor: CurrentUser | None = None,
) -> list[Entry]:
    """One page of the trail, newest first; pass the last entry's `key` for the next."""
    permissions.require(db, Action.VIEW_AUDIT, actor)
    f = where or Filter()
    flush(db, 2.0)
    stmt = (
        select(AuditLog, User.username, Customer.name)
        .outerjoin(User, User.id == AuditLog.user_id)
        .outerjoin(Customer, Customer.id == AuditLog.customer_id)
    )
    with db.sessions() as s:
        if f.username:
            uid = s.scalar(select(User.id).where(User.username == f.username.strip()))
            if uid is None:
                raise UserError(f"no user {f.username!r}")
            stmt = stmt.where(AuditLog.user_id == uid)
        if f.customer:
            cid = _customer_id(s, f.customer)
            stmt = stmt.where(
                or_(
                    AuditLog.customer_id == cid,
                    (AuditLog.entity == "customer") & (AuditLog.entity_id == str(cid)),
                )
            )
        if f.action:
            stmt = stmt.where(AuditLog.action == f.action)
        if f.since:
            stmt = stmt.where(AuditLog.at >= f.since)
        if f.until:
            stmt = stmt.where(AuditLog.at < f.until)
        if after is not None:
            stmt = stmt.where(tuple_(AuditLog.at, AuditLog.id) < tuple_(*after))
        stmt = stmt.order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit)
        return [
            Entry(
                a.id,
                a.at,
                username,
                a.action,
                a.entity,
                a.entity_id,
                a.customer_id,
                cname,
                dict(a.detail or {}),
            )
            for a, username, cname in s.execute(stmt)
        ]


def key(entry: Entry) -> Key:
    return (entry.at, entry.id)
