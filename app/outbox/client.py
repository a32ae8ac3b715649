"""The outbox: every write goes through `Outbox.submit`, online or not.

Online, an operation is applied to the central database at once, together with its
applied_operations row (one transaction). When the server cannot be reached, or
operations are already waiting (order matters: a comment must not overtake the ticket
it comments), the operation is stored in the local outbox in the same local
transaction as its effect on the directory copy, and `replay` sends the waiting ones
in order when the server is back. The server applies each id once: a replay after a
crash between the server's commit and the local "done" finds the applied_operations
row, applies nothing and reads back the first result. Refusals stay in the outbox as
conflicts for the agent to retry or discard; nothing is dropped silently.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.errors import UserError
from app.outbox import operations, retention, state
from app.outbox.local_schema import OutboxRow, local_path, open_local
from app.outbox.operations import Operation
from db.engine import Database
from db.models import AppliedOperation

log = logging.getLogger(__name__)

PENDING, CONFLICT, FAILED = "pending", "conflict", "failed"
# The reason kept with an operation older than what the server still remembers.
FORGOTTEN = (
    "this change waited longer than the server remembers applied changes, so it may "
    "have arrived already: check, enter it again if it is missing, and discard it"
)
Changed = Callable[[], object]


@dataclass(frozen=True)
class Outcome:
    """What became of a submitted operation: applied now (with the server's result) or
    queued in the outbox (the result comes on replay)."""

    op: Operation
    status: Literal["applied", "queued"]
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def queued(self) -> bool:
        return self.status == "queued"


@dataclass(frozen=True)
class StoredOperation:
    """An outbox row as the conflicts window lists it."""

    op: Operation
    seq: int
    state: str
    reason: str | None
    attempts: int


@dataclass
class ReplayReport:
    applied: int = 0
    already: int = 0  # applied before (a crash hid it): marked done, nothing re-applied
    conflicts: int = 0
    remaining: int = 0
    stopped: str = ""  # why replay stopped early ("" when the outbox was emptied)


def _is_refusal(exc: BaseException) -> bool:
    return isinstance(exc, (UserError, StaleDataError, IntegrityError))


def workstation_name() -> str:
    return socket.gethostname()[:64]


class Outbox:
    """One workstation's outbox for one central database."""

    def __init__(
        self,
        central: Database,
        local: Database | None = None,
        workstation: str | None = None,
    ) -> None:
        self.central = central
        self.local = local or open_local(local_path(central))
        self.workstation = workstation or workstation_name()
        self.state = state.of(central)
        self._lock = threading.RLock()  # one submit or replay at a time: order is kept
        self._listeners: list[Changed] = []
        # Test hook: called after the server committed an operation, before the local
        # outbox marks it done (a crash there must neither lose nor double it).
        self.after_server_commit: Callable[[Operation], None] | None = None

    # -- observers ----------------------------------------------------------------------

    def subscribe(self, listener: Changed) -> None:
        """`listener()` after anything in the outbox changed (count, conflicts)."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # an observer must not break a write
                log.exception("outbox listener failed")

    # -- writing ------------------------------------------------------------------------

    def submit(self, op: Operation) -> Outcome:
        """Apply `op` now, or keep it for replay when the server is away. A refusal by
        the server while online raises (the agent sees it in the dialog at once)."""
        with self._lock:
            if self.state.online and self.waiting() == 0:
                try:
                    result = self._apply_central(op)
                except Exception as exc:
                    if not self.state.report(exc):
                        raise
                else:
                    return Outcome(op, "applied", result)
            self._enqueue(op)
        self._changed()
        return Outcome(op, "queued")

    def _enqueue(self, op: Operation) -> None:
        """The outbox row and the local effect in one local transaction."""
        with self.local.engine.begin() as conn:
            conn.execute(
                insert(OutboxRow).values(
                    id=op.id,
                    kind=op.kind,
                    payload=json.dumps(op.payload, ensure_ascii=False),
                    created_at=op.created_at,
                    user_id=op.user_id,
                    state=PENDING,
                    attempts=0,
                    override=op.override,
                )
            )
            operations.apply_local(conn, op)

    def _apply_central(self, op: Operation) -> dict[str, Any]:
        """Apply once: the applied_operations row is claimed first, in the same
        transaction as the effects; an id already there means "done before"."""
        try:
            with self.central.session() as s:
                done = s.get(AppliedOperation, op.id)
                if done is not None:
                    return dict(done.result or {}, already=True)
                if retention.may_be_forgotten(s, op.created_at):
                    raise operations.Refused(FORGOTTEN)
                row = AppliedOperation(
                    id=op.id,
                    kind=op.kind,
                    user_id=op.user_id,
                    workstation=self.workstation,
                    created_at=op.created_at,
                    applied_at=datetime.now(UTC),
                    result={},
                )
                s.add(row)
                s.flush()  # a concurrent replay of the same id waits here, then fails
                result = operations.apply(s, self.central, op)
                row.result = result
                s.flush()
            return result
        except IntegrityError:
            # Either that concurrent replay won (then the op is done) or a real refusal.
            with self.central.sessions() as s:
                done = s.get(AppliedOperation, op.id)
                if done is not None:
                    return dict(done.result or {}, already=True)
            raise

    # -- replay -------------------------------------------------------------------------

    def replay(self) -> ReplayReport:
        """Send the waiting operations in order; stops at the first sign the server is
        away (the rest wait for the next try). Marks the client online when done."""
        report = ReplayReport()
        with self._lock:
            while True:
                row = self._next_pending()
                if row is None:
                    break
                op = row.op
                try:
                    result = self._apply_central(op)
                except Exception as exc:
                    if state.is_connection_error(exc):
                        self.state.went_offline(exc)
                        report.stopped = state.first_line(exc)
                        break
                    self._mark(op.id, CONFLICT if _is_refusal(exc) else FAILED, exc)
                    report.conflicts += 1
                    if not _is_refusal(exc):
                        log.error("outbox operation %s failed", op.id, exc_info=exc)
                    self._changed()
                    continue
                if self.after_server_commit is not None:
                    self.after_server_commit(op)
                self._done(op.id)
                if result.get("already"):
                    report.already += 1
                else:
                    report.applied += 1
                self._changed()
            report.remaining = self.waiting()
            if not report.stopped:
                self.state.came_online()
        return report

    def _next_pending(self) -> StoredOperation | None:
        with self.local.engine.connect() as conn:
            row = conn.execute(
                select(OutboxRow.__table__)
                .where(OutboxRow.state == PENDING)
                .order_by(OutboxRow.seq)
                .limit(1)
            ).first()
        return None if row is None else _stored(row)

    def _done(self, op_id: uuid.UUID) -> None:
        with self.local.engine.begin() as conn:
            conn.execute(delete(OutboxRow).where(OutboxRow.id == op_id))

    def _mark(self, op_id: uuid.UUID, new_state: str, exc: BaseException) -> None:
        with self.local.engine.begin() as conn:
            conn.execute(
                update(OutboxRow)
                .where(OutboxRow.id == op_id)
                .values(
                    state=new_state,
                    reason=state.first_line(exc),
                    attempts=OutboxRow.attempts + 1,
                    override=False,
                )
            )

    # -- what the agent sees and decides ---------------------------------------------

    def waiting(self) -> int:
        """Operations still to send (conflicts not counted: they wait for the agent)."""
        return self._count(OutboxRow.state == PENDING)

    def problems(self) -> int:
        return self._count(OutboxRow.state != PENDING)

    def _count(self, where: Any) -> int:
        with self.local.engine.connect() as conn:
            return int(conn.execute(select(func.count()).where(where)).scalar() or 0)

    def stored(self, only_problems: bool = False) -> list[StoredOperation]:
        stmt = select(OutboxRow.__table__).order_by(OutboxRow.seq)
        if only_problems:
            stmt = stmt.where(OutboxRow.state != PENDING)
        with self.local.engine.connect() as conn:
            return [_stored(row) for row in conn.execute(stmt)]

    def retry(self, op_id: uuid.UUID) -> None:
        """Send a conflicting operation again, accepting the record as it is now; it
        goes back to its place in the order (its sequence number is kept)."""
        with self._lock, self.local.engine.begin() as conn:
            conn.execute(
                update(OutboxRow)
                .where(OutboxRow.id == op_id, OutboxRow.state != PENDING)
                .values(state=PENDING, override=True)
            )
        self._changed()

    def discard(self, op_id: uuid.UUID) -> bool:
        """Drop a conflicting operation for good (the agent confirmed); pending ones
        cannot be discarded this way."""
        with self._lock, self.local.engine.begin() as conn:
            gone = conn.execute(
                delete(OutboxRow).where(OutboxRow.id == op_id, OutboxRow.state != PENDING)
            )
        self._changed()
        return bool(getattr(gone, "rowcount", 0))

    def close(self) -> None:
        self.local.dispose()


def _stored(row: Any) -> StoredOperation:
    op = Operation(
        kind=row.kind,
        payload=json.loads(row.payload),
        user_id=row.user_id,
        id=row.id,
        created_at=row.created_at,
        override=bool(row.override),
    )
    return StoredOperation(op, row.seq, row.state, row.reason, row.attempts)
