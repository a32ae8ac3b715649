"""Call events as rows of the calls table, which the KPIs read.

Column meanings are the KPIs' contract: offered_at when the call rang, answered_at
NULL means it was never picked up (abandoned once ended_at is set), ended_at when it
finished, agent_id who answered, customer_id whom the caller matched, queue and
direction as the phone system said. Events may arrive twice (two sources, a replay)
or out of order (a hangup before we saw the ring): every write is an upsert keyed on
the call reference that fills what is still unknown and never moves a time already
recorded, so replays change nothing.

`Recorder` is the ordered writer a process runs: one thread applying events in the
order they came, so an answer is never written before its ring.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app import lookup, phones
from app.cti.events import CallEvent, CallState, Direction
from app.errors import UserError
from db.engine import Database
from db.models import Call, Customer, User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallRecord:
    """A calls row as the recorder left it."""

    id: uuid.UUID
    call_ref: str
    caller: str | None
    caller_name: str | None
    direction: str
    queue: str | None
    offered_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    agent_id: uuid.UUID | None
    customer_id: uuid.UUID | None
    source: str | None

    @property
    def abandoned(self) -> bool:
        return self.ended_at is not None and self.answered_at is None


def _insert(dialect: str) -> Any:
    return sqlite_insert if dialect == "sqlite" else pg_insert


def match_customer(db: Database, number: str | None, region: str) -> uuid.UUID | None:
    """The caller's best customer match (what the card shows first), None if unknown."""
    if not number or phones.is_withheld(number):
        return None
    try:
        result = lookup.lookup(db, number, region)
    except Exception as exc:  # a lookup failure must not lose the call row
        log.warning("cti: caller lookup failed: %s", exc)
        return None
    return result.matches[0].customer_id if result.matches else None


def agent_for(s: Session, who: str | None) -> uuid.UUID | None:
    """The user whose extension (or user name) is `who`."""
    if not who:
        return None
    return s.scalar(
        select(User.id)
        .where(or_(User.extension == who, User.username == who))
        .order_by(User.extension.is_(None))
        .limit(1)
    )


def apply(
    db: Database,
    event: CallEvent,
    agent_id: uuid.UUID | None = None,
    region: str = phones.DEFAULT_REGION,
    match: bool = True,
) -> CallRecord:
    """Write one event; returns the row after it. `agent_id` is the workstation's
    logged-in agent (an answer heard on their softphone is theirs); without it the
    event's extension or user name is looked up among the users."""
    customer_id = None
    if match and event.state is CallState.RINGING:
        customer_id = match_customer(db, event.number, region)
    now = datetime.now(UTC)
    with db.session() as s:
        dialect = s.get_bind().dialect.name
        ref = event.call_ref
        s.execute(
            _insert(dialect)(Call)
            .values(
                id=uuid.uuid4(),
                call_ref=ref,
                queue=event.queue,
                direction=event.direction.value,
                caller=event.number,
                caller_name=event.name,
                callee=event.called,
                offered_at=event.at,
                hold_seconds=0,
                acw_seconds=0,
                customer_id=customer_id,
                source=event.source[:16],
                version=1,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["call_ref"])
        )
        # Locked (PostgreSQL): two workstations reporting the same call fill it in turn.
        row = s.execute(select(Call).where(Call.call_ref == ref).with_for_update()).scalar_one()
        changes: dict[str, Any] = {}
        for column, value in (
            ("caller", event.number),
            ("caller_name", event.name),
            ("callee", event.called),
            ("queue", event.queue),
            ("customer_id", customer_id),
            ("source", event.source[:16]),
        ):
            if value is not None and getattr(row, column) is None:
                changes[column] = value
        if event.state is CallState.RINGING and event.at < row.offered_at:
            changes["offered_at"] = event.at  # the ring we missed came first
        if event.state is CallState.ANSWERED:
            if row.answered_at is None:
                changes["answered_at"] = max(event.at, row.offered_at)
            if row.agent_id is None:
                who = agent_id or agent_for(s, event.agent)
                if who is not None:
                    changes["agent_id"] = who
        if event.state is CallState.HANGUP and row.ended_at is None:
            floor = max(row.offered_at, row.answered_at or row.offered_at)
            changes["ended_at"] = max(event.at, floor)
        if changes:
            changes["version"] = Call.version + 1
            changes["updated_at"] = now
            s.execute(
                update(Call).where(Call.id == row.id).values(**changes),
                execution_options={"synchronize_session": False},
            )
        if (
            event.state is CallState.RINGING
            and event.direction is Direction.OUTBOUND
            and event.number
        ):
            _mark_called_back(s, event.number, event.at, now)
        s.flush()
        s.expire_all()
        return _record(s, ref)


def _mark_called_back(s: Session, number: str, at: datetime, now: datetime) -> None:
    """An outbound call to a number settles the missed calls from it."""
    s.execute(
        update(Call)
        .where(
            Call.caller == number,
            Call.direction == Direction.INBOUND.value,
            Call.answered_at.is_(None),
            Call.ended_at.is_not(None),
            Call.called_back_at.is_(None),
            Call.offered_at <= at,
        )
        .values(called_back_at=at, version=Call.version + 1, updated_at=now),
        execution_options={"synchronize_session": False},
    )


def _record(s: Session, call_ref: str) -> CallRecord:
    c = s.execute(select(Call).where(Call.call_ref == call_ref)).scalar_one()
    return CallRecord(
        c.id,
        c.call_ref,
        c.caller,
        c.caller_name,
        c.direction,
        c.queue,
        c.offered_at,
        c.answered_at,
        c.ended_at,
        c.agent_id,
        c.customer_id,
        c.source,
    )


def record_to_dict(rec: CallRecord) -> dict[str, Any]:
    """A CallRecord as JSON (the outbox keeps what applying an event gave)."""
    out: dict[str, Any] = {}
    for key, value in asdict(rec).items():
        out[key] = (
            value.isoformat()
            if isinstance(value, datetime)
            else str(value)
            if isinstance(value, uuid.UUID)
            else value
        )
    return out


def record_from_dict(data: dict[str, Any]) -> CallRecord:
    def when(key: str) -> datetime | None:
        return datetime.fromisoformat(data[key]) if data.get(key) else None

    def ident(key: str) -> uuid.UUID | None:
        return uuid.UUID(data[key]) if data.get(key) else None

    offered = when("offered_at")
    assert offered is not None
    return CallRecord(
        uuid.UUID(data["id"]), data["call_ref"], data.get("caller"), data.get("caller_name"),
        data["direction"], data.get("queue"), offered, when("answered_at"), when("ended_at"),
        ident("agent_id"), ident("customer_id"), data.get("source"),
    )  # fmt: skip


def write(
    db: Database,
    event: CallEvent,
    agent_id: uuid.UUID | None = None,
    region: str = phones.DEFAULT_REGION,
    match: bool = True,
) -> CallRecord | None:
    """`apply`, through the database's outbox when it has one (the window's central
    database): while the server is away the event waits there and reaches the calls
    table once, in order, on replay; None then (nothing is recorded yet)."""
    from app import outbox
    from app.outbox import operations

    box = outbox.for_database(db)
    if box is None:
        return apply(db, event, agent_id, region, match)
    done = box.submit(operations.call_event(event, agent_id, region, match))
    if done.queued:
        return None
    return record_from_dict(done.result)


def get(db: Database, call_ref: str) -> CallRecord | None:
    with db.sessions() as s:
        exists = s.scalar(select(Call.id).where(Call.call_ref == call_ref))
        return None if exists is None else _record(s, call_ref)


def record_wrapup(db: Database, call_ref: str, seconds: int) -> None:
    """After-call work the agent spent on `call_ref` (AHT counts it)."""
    if seconds < 0:
        raise UserError("after-call work cannot be negative")
    with db.session() as s:
        s.execute(
            update(Call)
            .where(Call.call_ref == call_ref)
            .values(acw_seconds=seconds, version=Call.version + 1, updated_at=datetime.now(UTC)),
            execution_options={"synchronize_session": False},
        )


# --- missed calls ------------------------------------------------------------------------


@dataclass(frozen=True)
class MissedCall:
    id: uuid.UUID
    call_ref: str
    caller: str | None
    caller_name: str | None
    queue: str | None
    offered_at: datetime
    waited_seconds: int
    customer_id: uuid.UUID | None
    customer_name: str | None


def missed_calls(
    db: Database,
    before: tuple[datetime, uuid.UUID] | None = None,
    limit: int = 100,
    since: timedelta | None = timedelta(days=7),
) -> list[MissedCall]:
    """Inbound calls nobody answered and nobody rang back yet, newest first (keyset
    paged on (offered_at, id)); withheld numbers cannot be rung back and are left out."""
    stmt = (
        select(
            Call.id,
            Call.call_ref,
            Call.caller,
            Call.caller_name,
            Call.queue,
            Call.offered_at,
            Call.ended_at,
            Call.customer_id,
            Customer.name,
        )
        .outerjoin(Customer, Customer.id == Call.customer_id)
        .where(
            Call.direction == Direction.INBOUND.value,
            Call.answered_at.is_(None),
            Call.ended_at.is_not(None),
            Call.called_back_at.is_(None),
            Call.caller.is_not(None),
            func.lower(Call.caller).not_in(["anonymous", "unknown", "restricted", "withheld"]),
        )
    )
    if since is not None:
        stmt = stmt.where(Call.offered_at >= datetime.now(UTC) - since)
    if before is not None:
        stmt = stmt.where(tuple_(Call.offered_at, Call.id) < tuple_(*before))
    stmt = stmt.order_by(Call.offered_at.desc(), Call.id.desc()).limit(limit)
    with db.sessions() as s:
        out = []
        for cid, ref, caller, name, q, offered, ended, cust, cust_name in s.execute(stmt):
            waited = int(max((ended - offered).total_seconds(), 0)) if ended else 0
            out.append(MissedCall(cid, ref, caller, name, q, offered, waited, cust, cust_name))
        return out


def mark_called_back(db: Database, call_id: uuid.UUID, at: datetime | None = None) -> int:
    """The agent rang the caller of missed call `call_id` back: that call and the other
    missed calls from the same number leave the list. Returns how many."""
    when = at or datetime.now(UTC)
    with db.session() as s:
        caller = s.scalar(select(Call.caller).where(Call.id == call_id))
        if caller is None:
            raise UserError("that call is no longer in the list")
        result = s.execute(
            update(Call)
            .where(
                or_(Call.id == call_id, Call.caller == caller),
                Call.answered_at.is_(None),
                Call.called_back_at.is_(None),
                Call.direction == Direction.INBOUND.value,
            )
            .values(called_back_at=when, version=Call.version + 1, updated_at=datetime.now(UTC)),
            execution_options={"synchronize_session": False},
        )
        return int(getattr(result, "rowcount", 0) or 0)


# --- the ordered writer ------------------------------------------------------------------


class Recorder:
    """Applies events on one background thread, in arrival order; never raises into the
    source that submitted them. With an outbox (app.outbox.install, the window does it
    for a central database) an outage queues the events there (`queued` counts them);
    without one an outage is logged and the event dropped."""

    def __init__(
        self,
        db: Database,
        agent_id: uuid.UUID | None = None,
        region: str = phones.DEFAULT_REGION,
        on_recorded: Callable[[CallRecord], object] | None = None,
    ) -> None:
        self.db, self.agent_id, self.region = db, agent_id, region
        self.on_recorded = on_recorded  # called on the writer thread
        self.failed = 0
        self.written = 0
        self.queued = 0
        self._queue: queue.Queue[tuple[CallEvent, bool, bool] | threading.Event | None] = (
            queue.Queue()
        )
        self._thread = threading.Thread(target=self._run, name="cti-recorder", daemon=True)
        self._thread.start()

    def submit(self, event: CallEvent, mine: bool = True, match: bool = True) -> None:
        """Queue `event`; `mine` False for a call this workstation only overheard (a
        webhook reporting a colleague's call): its answer is not credited to our agent.
        `match` False when the window's card looks the caller up and links the call
        itself (app.caller_log.record_call): no second lookup competing with the card's."""
        self._queue.put((event, mine, match))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every event submitted so far is written (tests, shutdown)."""
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, threading.Event):
                item.set()
                continue
            event, mine, match = item
            try:
                agent = self.agent_id if mine else None
                record = write(self.db, event, agent, self.region, match=match)
            except Exception as exc:
                self.failed += 1
                log.warning("cti: could not record %s of %s: %s", event.state, event.call_ref, exc)
                continue
            if record is None:
                self.queued += 1
                continue
            self.written += 1
            if self.on_recorded is not None:
                try:
                    self.on_recorded(record)
                except Exception:
                    log.exception("cti: recorded-call handler failed")
