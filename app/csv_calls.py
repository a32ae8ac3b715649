"""Call log CSV import (`calldesk import calls FILE.csv`), for the KPIs before (or
beside) a live telephony feed.

Columns, header first, any order: call_id,queue,direction,caller,callee,offered_at,
answered_at,ended_at,agent,acw_seconds. Times are ISO 8601 with a UTC offset
(`2026-03-02T09:00:05+07:00` or `...Z`); an empty answered_at is an abandoned call
(or one still waiting when ended_at is empty too); agent is a CallDesk username.
A call_id already stored is updated, so importing a corrected file again is safe.
Bad rows are reported by the physical line they start on and skipped; good rows are
stored in batches, one transaction each. Same conventions as app.csv_customers.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, cast

from sqlalchemy import Table, bindparam, select, update

from app.csv_customers import RowError, _decoded_lines
from app.errors import UserError
from db.engine import Database
from db.models import Call, User
from db.types import utcnow

COLUMNS = ("call_id", "queue", "direction", "caller", "callee", "offered_at", "answered_at",
           "ended_at", "agent", "acw_seconds")  # fmt: skip
REQUIRED = ("call_id", "offered_at")
BATCH_SIZE = 2000
MAX_ACW = 24 * 3600
MAX_CALL = timedelta(days=7)  # a call is offered, answered and ended within a week
_calls = cast(Table, Call.__table__)
Progress = Callable[[str], None]
_FIELDS = ("queue", "direction", "caller", "callee", "offered_at", "answered_at", "ended_at",
           "agent_id", "acw_seconds")  # fmt: skip


class BadRow(ValueError):
    pass


@dataclass(frozen=True)
class CallRecord:
    call_id: str
    queue: str | None
    direction: str
    caller: str | None
    callee: str | None
    offered_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    agent: str | None
    acw_seconds: int
    line: int


@dataclass
class CallImportReport:
    file: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    aborted: str | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
        }
        if self.aborted is not None:
            out["aborted"] = self.aborted
        return out


def _show(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def parse_time(cell: str, column: str) -> datetime | None:
    raw = cell.strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise BadRow(f"{column} {_show(raw)} is not an ISO 8601 date-time") from None
    if value.tzinfo is None:
        raise BadRow(f"{column} {_show(raw)} has no UTC offset (write +07:00 or Z)")
    return value


def _text(cell: str, column: str, limit: int) -> str | None:
    value = cell.strip()
    if len(value) > limit:
        raise BadRow(f"{column} is longer than {limit} characters")
    if any(ord(c) < 32 for c in value):
        raise BadRow(f"{column} contains control characters")
    return value or None


def parse_row(values: dict[str, str], line: int) -> CallRecord:
    """One call from the cells of a row, or BadRow saying what is wrong."""
    call_id = _text(values.get("call_id", ""), "call_id", 128)
    if not call_id:
        raise BadRow("call_id is empty")
    direction = (values.get("direction") or "").strip().lower() or "inbound"
    if direction not in ("inbound", "outbound"):
        raise BadRow(f"direction {_show(direction)} is not inbound or outbound")
    offered = parse_time(values.get("offered_at", ""), "offered_at")
    if offered is None:
        raise BadRow("offered_at is empty")
    answered = parse_time(values.get("answered_at", ""), "answered_at")
    ended = parse_time(values.get("ended_at", ""), "ended_at")
    if answered is not None and answered < offered:
        raise BadRow("answered_at is before offered_at")
    if ended is not None and ended < (answered or offered):
        raise BadRow(f"ended_at is before {'answered_at' if answered else 'offered_at'}")
    if (ended or answered or offered) - offered > MAX_CALL:
        raise BadRow("the call lasts more than 7 days")
    raw_acw = (values.get("acw_seconds") or "").strip()
    try:
        acw = int(raw_acw) if raw_acw else 0
    except ValueError:
        raise BadRow(f"acw_seconds {_show(raw_acw)} is not a whole number of seconds") from None
    if not 0 <= acw <= MAX_ACW:
        raise BadRow(f"acw_seconds {acw} is outside 0-{MAX_ACW}")
    return CallRecord(
        call_id=call_id,
        queue=_text(values.get("queue", ""), "queue", 64),
        direction=direction,
        caller=_text(values.get("caller", ""), "caller", 64),
        callee=_text(values.get("callee", ""), "callee", 64),
        offered_at=offered,
        answered_at=answered,
        ended_at=ended,
        agent=_text(values.get("agent", ""), "agent", 64),
        acw_seconds=acw,
        line=line,
    )


@dataclass(frozen=True)
class _Record:
    start: int
    end: int
    cells: list[str]


def _records(f: BinaryIO, name: str) -> Iterator[_Record]:
    reader = csv.reader(_decoded_lines(f, name))
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UserError(f"{name}: line {start}: not valid CSV: {exc}") from None
        if any(c.strip() for c in cells):
            yield _Record(start, reader.line_num, cells)


def _header(cells: list[str], name: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = cell.strip().lstrip("\ufeff").lower().replace(" ", "_").replace("-", "_")
        if key in COLUMNS:
            if key in index:
                raise UserError(f"{name}: column {key!r} appears twice in the header")
            index[key] = i
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise UserError(
            f"{name}: missing required column(s) {', '.join(missing)}; the first line must be "
            f"a header such as {','.join(COLUMNS)}"
        )
    return index


def read_calls(path: Path, report: CallImportReport) -> Iterator[CallRecord]:
    """Valid calls of the file; bad rows go to `report.errors` with their line."""
    try:
        f = path.open("rb")
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a CSV file") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    with f:
        records = _records(f, path.name)
        first = next(records, None)
        if first is None:
            raise UserError(f"{path.name} is empty: it needs a header line and rows")
        index = _header(first.cells, path.name)
        width = len(first.cells)
        seen: dict[str, int] = {}
        for rec in records:
            report.rows += 1
            if len(rec.cells) != width:
                reason = f"expected {width} cells, found {len(rec.cells)}"
                if rec.end > rec.start:
                    reason += f" (the row runs to line {rec.end}: is a quote left open?)"
                report.errors.append(RowError(rec.start, reason))
                continue
            try:
                call = parse_row({c: rec.cells[i] for c, i in index.items()}, rec.start)
            except BadRow as exc:
                report.errors.append(RowError(rec.start, str(exc)))
                continue
            prev = seen.setdefault(call.call_id, rec.start)
            if prev != rec.start:
                report.errors.append(
                    RowError(
                        rec.start, f"call_id {_show(call.call_id)} already used on line {prev}"
                    )
                )
                continue
            yield call


def _values(call: CallRecord, agent_id: uuid.UUID | None) -> dict[str, Any]:
    return {
        "queue": call.queue,
        "direction": call.direction,
        "caller": call.caller,
        "callee": call.callee,
        "offered_at": call.offered_at,
        "answered_at": call.answered_at,
        "ended_at": call.ended_at,
        "agent_id": agent_id,
        "acw_seconds": call.acw_seconds,
    }


def _same(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    """Aware datetimes compare as instants, so +07:00 in the file equals UTC stored."""
    return all(stored.get(key) == new.get(key) for key in _FIELDS)


def _write(db: Database, batch: list[CallRecord], report: CallImportReport) -> None:
    refs = [c.call_id for c in batch]
    names = {c.agent for c in batch if c.agent}
    with db.session() as s:
        users: dict[str, uuid.UUID] = {}
        if names:
            for name, uid in s.execute(
                select(User.username, User.id).where(User.username.in_(names))
            ):
                users[name] = uid
        stored = {
            row.call_ref: row._asdict()
            for row in s.execute(
                select(Call.call_ref, Call.id, *(getattr(Call, f) for f in _FIELDS)).where(
                    Call.call_ref.in_(refs)
                )
            )
        }
        now = utcnow()
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for call in batch:
            if call.agent and call.agent not in users:
                report.errors.append(
                    RowError(call.line, f"agent {_show(call.agent)} is not a CallDesk user")
                )
                continue
            values = _values(call, users.get(call.agent) if call.agent else None)
            old = stored.get(call.call_id)
            if old is None:
                fresh = {"id": uuid.uuid4(), "call_ref": call.call_id, "hold_seconds": 0}
                inserts.append(
                    {**fresh, "version": 1, "created_at": now, "updated_at": now, **values}
                )
            elif _same(old, values):
                report.unchanged += 1
            else:
                updates.append({"b_id": old["id"], "updated_at": now, **values})
        if inserts:
            s.execute(_calls.insert(), inserts)
        if updates:
            stmt = (
                update(_calls)
                .where(_calls.c.id == bindparam("b_id"))
                .values(version=_calls.c.version + 1)
            )
            s.connection().execute(stmt, updates)
        report.inserted += len(inserts)
        report.updated += len(updates)


def import_calls(db: Database, path: Path, *, progress: Progress | None = None) -> CallImportReport:
    report = CallImportReport(file=path.name)
    batch: list[CallRecord] = []
    try:
        for call in read_calls(path, report):
            batch.append(call)
            if len(batch) >= BATCH_SIZE:
                _write(db, batch, report)
                batch = []
                if progress:
                    progress(f"{report.inserted + report.updated + report.unchanged} calls stored")
        if batch:
            _write(db, batch, report)
    except UserError:
        raise
    except Exception as exc:  # the database failed part-way: say how far it got
        report.aborted = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    report.errors.sort(key=lambda e: e.line)
    return report
