"""Customer CSV import and export (no Qt: the CLI and the GUI's worker thread share it).

File format: a header row, then one customer per row, columns
`external_id,name,kind,phones,emails,tier` in any order. Only `external_id` (the key
that makes re-imports update instead of duplicate) and `name` are required; a column
left out of the file leaves that field alone on customers that already exist.

The file is authoritative for the phone and email contact points of the customers it
names: after an import their phones and emails are exactly those in the file (first
one primary). Existing rows with the same normalised value are kept (so their ids and
history survive), others are removed. Other contact kinds (Zalo, Facebook, accounts)
are never touched.

Imports stream the file and write in batches of `BATCH_SIZE` rows, one transaction per
batch, so a 100k-row file neither fills memory nor holds a lock for long, and a dropped
connection loses at most the batch in flight. Each batch is announced to the other
workstations as ONE change (table customers, op bulk, at the batch's time) instead of
a change per customer and number (app.bulk.one_change): listeners refresh once per
batch, and the offline directory copies re-read the customers updated since then.
`strict=True` validates the whole file first and then writes everything in one
transaction: all or nothing.

Exports are UTF-8 *with* a BOM: Excel on Windows reads a BOM-less CSV in the ANSI code
page and garbles Vietnamese names. The importer accepts both.
"""

from __future__ import annotations

import csv
import os
import queue
import random
import re
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

from sqlalchemy import Connection, Table, Update, bindparam, delete, select, tuple_, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app import bulk, phones
from app.errors import UserError
from app.text import fold
from db.engine import Database
from db.enums import ContactKind, CustomerKind, Tier
from db.models import ContactPoint, Customer
from db.types import utcnow

COLUMNS = ("external_id", "name", "kind", "phones", "emails", "tier")
CUSTOMER_COLUMNS = (
    "id",
    "external_id",
    "name",
    "name_key",
    "kind",
    "tier",
    "vip",
    "version",
    "created_at",
    "updated_at",
)
CONTACT_COLUMNS = (
    "id",
    "customer_id",
    "kind",
    "value_raw",
    "value_norm",
    "match_key",
    "is_primary",
    "version",
    "created_at",
    "updated_at",
)
REQUIRED = ("external_id", "name")
_HEADER_ALIASES = {"phone": "phones", "email": "emails"}
BATCH_SIZE = 2000
EXPORT_PAGE = 1000
SEPARATOR = ";"

MAX_EXTERNAL_ID = 64  # column widths: PostgreSQL refuses longer values
MAX_NAME = 200
MAX_CONTACT = 200

_KINDS = {
    "person": CustomerKind.PERSON.value,
    "organization": CustomerKind.ORGANIZATION.value,
    "organisation": CustomerKind.ORGANIZATION.value,
}
_TIERS = {t.value: t.value for t in Tier}
_CONTACT_KINDS = (ContactKind.PHONE.value, ContactKind.EMAIL.value)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
_LONE_CR_BYTES = re.compile(rb"\r(?!\n)")

Progress = Callable[[str], None]
Row = tuple[Any, ...]  # one table row, values in the order of a *_COLUMNS tuple

# Tables whose per-row changes a batch announces as one 'customers' change instead: a
# batch that changes a customer's numbers also updates the customer row (version,
# updated_at), so the customers it touched are exactly those with updated_at >= the
# batch's time.
_ANNOUNCED = ("customers", "contact_points")

_customers = cast(Table, Customer.__table__)
_contacts = cast(Table, ContactPoint.__table__)


# --------------------------------------------------------------------------- values


class BadRow(ValueError):
    """A row the importer rejects; `reason` is shown to the user next to the line number."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ContactValue:
    """One phone or email as the file gives it and as it is stored and matched."""

    kind: str
    raw: str
    norm: str
    match_key: str | None = None


@dataclass(frozen=True)
class CustomerRecord:
    """One valid row. `None` means the column is absent: leave that field alone."""

    external_id: str
    name: str
    kind: str | None = None
    tier: str | None = None
    phones: tuple[ContactValue, ...] | None = None
    emails: tuple[ContactValue, ...] | None = None
    line: int = 0


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import did. Counts cover committed rows only."""

    file: str
    strict: bool = False
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Why the import stopped part-way (database failure), None when it ran to the end.
    aborted: str | None = None

    @property
    def stored(self) -> int:
        return self.inserted + self.updated + self.unchanged

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "file": self.file,
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
            "strict": self.strict,
        }
        if self.aborted is not None:
            data["aborted"] = self.aborted
        return data


@dataclass
class ExportReport:
    file: str
    rows: int = 0
    without_external_id: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "rows": self.rows,
            "without_external_id": self.without_external_id,
        }


# --------------------------------------------------------------------------- row parser


def clean_name(raw: str) -> str:
    """NFC, trimmed, inner white space collapsed: how names are stored and compared."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def _has_control(text: str) -> bool:
    """Control characters (categories Cc, Cs): invisible, and PostgreSQL refuses NUL."""
    return _CONTROL.search(text) is not None


def _parse_phones(cell: str, region: str, problems: list[str]) -> tuple[ContactValue, ...]:
    out: dict[str, ContactValue] = {}
    for piece in cell.split(SEPARATOR):
        raw = piece.strip()
        if not raw:
            continue
        # storage_keys, not parse: local numbers typed without an area code are stored
        # the way the screen-pop lookup expects to find them.
        keys = phones.storage_keys(raw, region) if len(raw) <= MAX_CONTACT else None
        if keys is None:
            hint = " (separate numbers with ';')" if "," in raw else ""
            problems.append(f"phone {_show(raw)} is not a phone number{hint}")
            continue
        norm, match_key = keys
        out.setdefault(norm, ContactValue(ContactKind.PHONE.value, raw, norm, match_key))
    return tuple(out.values())


def _valid_email(raw: str) -> bool:
    if raw.count("@") != 1 or _has_control(raw) or any(c.isspace() for c in raw):
        return False
    local, domain = raw.split("@")
    labels = domain.split(".")
    return bool(local) and len(labels) >= 2 and all(labels)


def _parse_emails(cell: str, problems: list[str]) -> tuple[ContactValue, ...]:
    out: dict[str, ContactValue] = {}
    for piece in cell.split(SEPARATOR):
        raw = piece.strip()
        if not raw:
            continue
        norm = raw.lower()
        if not _valid_email(raw) or max(len(raw), len(norm)) > MAX_CONTACT:
            hint = " (separate addresses with ';')" if "," in raw else ""
            problems.append(f"email {_show(raw)} is not a valid email address{hint}")
            continue
        out.setdefault(norm, ContactValue(ContactKind.EMAIL.value, raw, norm))
    return tuple(out.values())


def _show(value: str, limit: int = 40) -> str:
    """A cell quoted for an error message, shortened so one bad cell can't flood the report."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def parse_row(
    values: Mapping[str, str], region: str = phones.DEFAULT_REGION, line: int = 0
) -> CustomerRecord:
    """Validate one row given as {column: cell} for the columns the file has.

    Raises BadRow listing every problem in the row, never anything else, so one bad
    row cannot stop an import.
    """
    problems: list[str] = []

    external_id = values.get("external_id", "").strip()
    if not external_id:
        problems.append("external_id is empty")
    elif _has_control(external_id):
        problems.append("external_id contains control characters")
    elif len(external_id) > MAX_EXTERNAL_ID:
        problems.append(f"external_id is longer than {MAX_EXTERNAL_ID} characters")

    name = clean_name(values.get("name", ""))
    if not name:
        problems.append("name is empty")
    elif _has_control(name):
        problems.append("name contains control characters")
    elif len(name) > MAX_NAME:
        problems.append(f"name is longer than {MAX_NAME} characters")

    kind: str | None = None
    if "kind" in values:
        raw_kind = values["kind"].strip()
        kind = _KINDS.get(raw_kind.lower()) if raw_kind else CustomerKind.PERSON.value
        if kind is None:
            problems.append(f"kind {_show(raw_kind)} is not person or organization")

    tier: str | None = None
    if "tier" in values:
        raw_tier = values["tier"].strip()
        tier = _TIERS.get(raw_tier.lower()) if raw_tier else Tier.STANDARD.value
        if tier is None:
            problems.append(f"tier {_show(raw_tier)} is not one of {', '.join(_TIERS)}")

    phone_values = _parse_phones(values["phones"], region, problems) if "phones" in values else None
    email_values = _parse_emails(values["emails"], problems) if "emails" in values else None

    if problems:
        raise BadRow("; ".join(problems))
    return CustomerRecord(external_id, name, kind, tier, phone_values, email_values, line)


def format_row(record: CustomerRecord) -> list[str]:
    """The cells of `record` in COLUMNS order, as the exporter writes them."""
    return [
        record.external_id,
        record.name,
        record.kind or CustomerKind.PERSON.value,
        SEPARATOR.join(p.raw for p in record.phones or ()),
        SEPARATOR.join(e.raw for e in record.emails or ()),
        record.tier or Tier.STANDARD.value,
    ]


# --------------------------------------------------------------------------- reading


def _decoded_lines(f: BinaryIO, name: str) -> Iterator[str]:
    """The file's physical lines as text, terminators kept (as csv wants them).

    Decoding line by line lets a non-UTF-8 file be refused with the exact line and
    byte. Lines end at LF, CRLF or a lone CR (old Mac exports), as csv counts them.
    """
    line = 0
    offset = 0
    for raw in f:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            at = line + 1 + len(_LONE_CR_BYTES.findall(raw, 0, exc.start))
            raise UserError(
                f"{name} is not UTF-8 text: line {at}, byte {offset + exc.start + 1} of the file"
                f" (0x{raw[exc.start]:02x}) can't be decoded; save it as 'CSV UTF-8' and import"
                " again"
            ) from None
        if offset == 0 and text.startswith("\ufeff"):
            text = text[1:]
        offset += len(raw)
        if "\r" in text:
            for part in _LONE_CR.split(text):
                if part:
                    line += 1
                    yield part
        else:
            line += 1
            yield text


@dataclass(frozen=True)
class _Header:
    """Where each known column sits in a row."""

    width: int
    index: dict[str, int]
    ignored: tuple[str, ...]

    @classmethod
    def parse(cls, cells: Sequence[str], name: str) -> _Header:
        index: dict[str, int] = {}
        ignored: list[str] = []
        for i, cell in enumerate(cells):
            key = re.sub(r"[\s\-]+", "_", cell.strip().lstrip("\ufeff").lower())
            key = _HEADER_ALIASES.get(key, key)
            if key in COLUMNS:
                if key in index:
                    raise UserError(f"{name}: column {key!r} appears twice in the header")
                index[key] = i
            elif cell.strip():  # unnamed columns (Excel's trailing commas) go unmentioned
                ignored.append(cell.strip())
        missing = [c for c in REQUIRED if c not in index]
        if missing:
            raise UserError(
                f"{name}: missing required column(s) {', '.join(missing)}; the first line must be "
                f"a header such as {','.join(COLUMNS)}"
            )
        return cls(len(cells), index, tuple(ignored))

    def values(self, cells: Sequence[str]) -> dict[str, str]:
        return {col: cells[i] for col, i in self.index.items()}


@dataclass(frozen=True)
class _Record:
    """One CSV record with the physical lines it spans."""

    start: int
    end: int
    cells: list[str]


class CustomerFile:
    """A customer CSV opened for one pass: the header, then its records.

    Use as a context manager; iterate `records()` once. Structural problems (not
    UTF-8, no usable header, malformed CSV) raise UserError.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            self._f: BinaryIO = path.open("rb")
        except IsADirectoryError:
            raise UserError(f"{path} is a folder, not a CSV file") from None
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
        self._reader = csv.reader(_decoded_lines(self._f, self.name))
        self.header: _Header | None = None
        self._header_read = False

    def __enter__(self) -> CustomerFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._f.close()

    def _next(self) -> _Record | None:
        start = self._reader.line_num + 1
        try:
            cells = next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise UserError(f"{self.name}: line {start}: not valid CSV: {exc}") from None
        return _Record(start, self._reader.line_num, cells)

    def read_header(self) -> _Header | None:
        """The header (None for an empty file); blank lines before it are skipped."""
        if not self._header_read:
            self._header_read = True
            while (rec := self._next()) is not None:
                if any(c.strip() for c in rec.cells):
                    self.header = _Header.parse(rec.cells, self.name)
                    break
        return self.header

    def records(self) -> Iterator[_Record]:
        """Data records; blank lines and rows of empty cells (Excel leaves them) are skipped."""
        if self.read_header() is None:
            return
        while (rec := self._next()) is not None:
            if any(c.strip() for c in rec.cells):
                yield rec


def _read(
    header: _Header, records: Iterable[_Record], region: str
) -> Iterator[CustomerRecord | RowError]:
    """Parse records into customers or row errors; a repeated external_id is an error
    on every occurrence after the first."""
    seen: dict[str, int] = {}
    for rec in records:
        if len(rec.cells) != header.width:
            reason = f"expected {header.width} cells, found {len(rec.cells)}"
            if rec.end > rec.start:
                reason += f" (the row runs to line {rec.end}: is a quote left open?)"
            yield RowError(rec.start, reason)
            continue
        try:
            record = parse_row(header.values(rec.cells), region, rec.start)
        except BadRow as exc:
            yield RowError(rec.start, exc.reason)
            continue
        first = seen.setdefault(record.external_id, rec.start)
        if first != rec.start:
            yield RowError(
                rec.start, f"external_id {_show(record.external_id)} already used on line {first}"
            )
            continue
        yield record


T = TypeVar("T")


def _read_ahead(items: Iterator[T], chunk: int) -> Generator[T, None, None]:
    """Parse the next rows in a worker thread while this one waits on the database.

    Parsing phone numbers and writing a batch each take about half the time; SQLite
    and the PostgreSQL driver release the GIL while they work, so on two cores the
    two overlap. Order and exceptions are preserved; closing the generator stops the
    worker before the caller closes the file under it.
    """
    chunks: queue.Queue[list[T] | BaseException | None] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def put(value: list[T] | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                chunks.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        buf: list[T] = []
        end: BaseException | None = None
        try:
            for item in items:
                buf.append(item)
                if len(buf) >= chunk:
                    if not put(buf):
                        return
                    buf = []
        except BaseException as exc:  # handed to the consumer, raised there
            end = exc
        if not buf or put(buf):
            put(end)

    worker = threading.Thread(target=work, name="csv-read-ahead", daemon=True)
    worker.start()
    try:
        while (got := chunks.get()) is not None:
            if isinstance(got, BaseException):
                raise got
            yield from got
    finally:
        stop.set()
        worker.join()


# --------------------------------------------------------------------------- ids


class _OrderedIds:
    """UUIDv7-style ids (time, counter, random): rows created in file order sort by id in
    file order, so exports list a customer's phones in the order they were imported."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ms = 0
        self._counter = 0
        self._random = random.Random(os.urandom(16))

    def __call__(self) -> uuid.UUID:
        with self._lock:
            now = time.time_ns() // 1_000_000
            if now > self._ms:
                self._ms, self._counter = now, 0
            else:
                self._counter += 1
                if self._counter > 0xFFF:
                    self._ms, self._counter = self._ms + 1, 0
            value = (
                (self._ms << 80)
                | (0x7 << 76)
                | (self._counter << 64)
                | (0b10 << 62)
                | self._random.getrandbits(62)
            )
        return uuid.UUID(int=value)


new_ordered_id = _OrderedIds()


# --------------------------------------------------------------------------- writing


@dataclass
class _StoredContact:
    id: uuid.UUID
    kind: str
    raw: str
    norm: str
    match_key: str | None
    primary: bool


@dataclass
class _StoredCustomer:
    id: uuid.UUID
    name: str
    name_key: str
    kind: str
    tier: str
    version: int
    merged: bool
    contacts: list[_StoredContact] = field(default_factory=list)


@dataclass
class _ContactPlan:
    inserts: list[Row] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    deletes: list[uuid.UUID] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.inserts or self.updates or self.deletes)

    def extend(self, other: _ContactPlan) -> None:
        self.inserts += other.inserts
        self.updates += other.updates
        self.deletes += other.deletes


@dataclass
class _BatchResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def _contact_row(customer_id: uuid.UUID, value: ContactValue, primary: bool, now: datetime) -> Row:
    """A new contact point in CONTACT_COLUMNS order."""
    return (
        new_ordered_id(),
        customer_id,
        value.kind,
        value.raw,
        value.norm,
        value.match_key,
        primary,
        1,
        now,
        now,
    )


def _plan_contacts(
    customer_id: uuid.UUID,
    kind: str,
    wanted: tuple[ContactValue, ...] | None,
    stored: list[_StoredContact],
    now: datetime,
) -> _ContactPlan:
    """Make the stored contacts of one kind match the file; None leaves them alone."""
    plan = _ContactPlan()
    if wanted is None:
        return plan
    by_norm: dict[str, _StoredContact] = {}
    for cp in stored:
        if cp.kind != kind:
            continue
        if cp.norm in by_norm:
            plan.deletes.append(cp.id)  # the same value twice: keep one
        else:
            by_norm[cp.norm] = cp
    for i, value in enumerate(wanted):
        primary = i == 0
        old = by_norm.pop(value.norm, None)
        if old is None:
            plan.inserts.append(_contact_row(customer_id, value, primary, now))
        elif (old.raw, old.match_key, old.primary) != (value.raw, value.match_key, primary):
            plan.updates.append(
                {
                    "b_id": old.id,
                    "b_raw": value.raw,
                    "b_key": value.match_key,
                    "b_primary": primary,
                    "b_now": now,
                }
            )
    plan.deletes += [cp.id for cp in by_norm.values()]
    return plan


def _load_existing(conn: Connection, external_ids: list[str]) -> dict[str, _StoredCustomer]:
    """The batch's customers already in the database, with their phones and emails:
    two IN queries, whatever the batch size."""
    c = _customers.c
    found: dict[str, _StoredCustomer] = {}
    by_id: dict[uuid.UUID, _StoredCustomer] = {}
    rows = conn.execute(
        select(
            c.external_id, c.id, c.name, c.name_key, c.kind, c.tier, c.version, c.merged_into_id
        ).where(c.external_id.in_(external_ids))
    )
    for ext, cid, name, name_key, kind, tier, version, merged_into in rows:
        stored = _StoredCustomer(cid, name, name_key, kind, tier, version, merged_into is not None)
        found[ext] = by_id[stored.id] = stored
    if by_id:
        cp = _contacts.c
        for row in conn.execute(
            select(
                cp.customer_id,
                cp.id,
                cp.kind,
                cp.value_raw,
                cp.value_norm,
                cp.match_key,
                cp.is_primary,
            )
            .where(cp.customer_id.in_(list(by_id)), cp.kind.in_(_CONTACT_KINDS))
            .order_by(cp.customer_id, cp.is_primary.desc(), cp.id)
        ):
            by_id[row[0]].contacts.append(_StoredContact(*row[1:]))
    return found


def _insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: list[Row]) -> None:
    """INSERT many rows through the driver's executemany.

    Core's per-row parameter handling costs more than parsing the file does, so the
    values are converted here, column by column, by the columns' own bind processors
    (the exact values Core would send), and handed to the driver as plain tuples.
    """
    if not rows:
        return
    dialect = conn.dialect
    data: list[Row] = rows
    cols = list(zip(*rows, strict=True))
    converted = False
    for i, name in enumerate(columns):
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            cols[i] = tuple(map(process, cols[i]))
            converted = True
    if converted:
        data = list(zip(*cols, strict=True))
    prep = dialect.identifier_preparer
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        f"INSERT INTO {prep.format_table(table)} ({', '.join(map(prep.quote, columns))}) "
        f"VALUES ({', '.join([mark] * len(columns))})",
        data,
    )


_customer_updates: dict[tuple[str, ...], Update] = {}


def _customer_update(columns: tuple[str, ...]) -> Update:
    """The UPDATE for one set of changed columns, built once: building a statement per
    row costs more than running it, and leaving unchanged columns out of SET keeps
    `UPDATE OF name_key` search-index triggers from firing for a tier change."""
    stmt = _customer_updates.get(columns)
    if stmt is None:
        c = _customers.c
        stmt = (
            update(_customers)
            .where(c.id == bindparam("b_id"), c.version == bindparam("b_version"))
            .values(
                {
                    **{col: bindparam(f"b_{col}") for col in columns},
                    "version": c.version + 1,
                    "updated_at": bindparam("b_now"),
                }
            )
        )
        _customer_updates[columns] = stmt
    return stmt


def _write_batch(conn: Connection, batch: list[CustomerRecord]) -> _BatchResult:
    """Insert new customers, update changed ones, count the rest; in the caller's
    transaction, announced to other workstations as one change (see the module
    docstring)."""
    now = utcnow()
    with bulk.one_change(conn, "customers", _ANNOUNCED, now) as announcement:
        result = _write_rows(conn, batch, now)
        announcement.wanted = bool(result.inserted or result.updated)
    return result


def _write_rows(conn: Connection, batch: list[CustomerRecord], now: datetime) -> _BatchResult:
    result = _BatchResult()
    existing = _load_existing(conn, [r.external_id for r in batch])
    new_customers: list[Row] = []
    contacts = _ContactPlan()
    for rec in batch:
        stored = existing.get(rec.external_id)
        if stored is None:
            cid = new_ordered_id()
            new_customers.append(
                (
                    cid,
                    rec.external_id,
                    rec.name,
                    fold(rec.name),
                    rec.kind or CustomerKind.PERSON.value,
                    rec.tier or Tier.STANDARD.value,
                    False,
                    1,
                    now,
                    now,
                )
            )
            for values in (rec.phones or (), rec.emails or ()):
                contacts.inserts += [
                    _contact_row(cid, v, i == 0, now) for i, v in enumerate(values)
                ]
            result.inserted += 1
            continue
        if stored.merged:
            result.errors.append(
                RowError(
                    rec.line,
                    f"external_id {_show(rec.external_id)} belongs to a customer that was merged "
                    "into another one; edit the surviving customer instead",
                )
            )
            continue
        changes: dict[str, Any] = {}
        name_key = fold(rec.name)
        if (stored.name, stored.name_key) != (rec.name, name_key):
            changes.update(name=rec.name, name_key=name_key)
        if rec.kind is not None and rec.kind != stored.kind:
            changes["kind"] = rec.kind
        if rec.tier is not None and rec.tier != stored.tier:
            changes["tier"] = rec.tier
        plan = _plan_contacts(stored.id, ContactKind.PHONE.value, rec.phones, stored.contacts, now)
        plan.extend(
            _plan_contacts(stored.id, ContactKind.EMAIL.value, rec.emails, stored.contacts, now)
        )
        if not changes and not plan:
            result.unchanged += 1
            continue
        # Optimistic concurrency: the version read above must still be there.
        params = {f"b_{k}": v for k, v in changes.items()}
        params.update(b_id=stored.id, b_version=stored.version, b_now=now)
        done = conn.execute(_customer_update(tuple(changes)), params)
        if done.rowcount != 1:
            result.errors.append(
                RowError(
                    rec.line,
                    "the customer was changed by someone else during the import; import again",
                )
            )
            continue
        contacts.extend(plan)
        result.updated += 1

    _insert_rows(conn, _customers, CUSTOMER_COLUMNS, new_customers)
    cp = _contacts.c
    if contacts.deletes:
        conn.execute(delete(_contacts).where(cp.id.in_(contacts.deletes)))
    if contacts.updates:
        conn.execute(
            update(_contacts)
            .where(cp.id == bindparam("b_id"))
            .values(
                value_raw=bindparam("b_raw"),
                match_key=bindparam("b_key"),
                is_primary=bindparam("b_primary"),
                updated_at=bindparam("b_now"),
                version=cp.version + 1,
            ),
            contacts.updates,
        )
    _insert_rows(conn, _contacts, CONTACT_COLUMNS, contacts.inserts)
    return result


def _batches(
    items: Iterable[CustomerRecord | RowError], report: ImportReport
) -> Iterator[list[CustomerRecord]]:
    """Group valid records into batches; row errors go straight into the report."""
    batch: list[CustomerRecord] = []
    for item in items:
        if isinstance(item, RowError):
            report.errors.append(item)
            continue
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def read_customers(
    path: Path, region: str = phones.DEFAULT_REGION
) -> Iterator[CustomerRecord | RowError]:
    """Every data row of the file, parsed or rejected, without touching a database.

    Raises UserError when the file itself is unusable (not UTF-8, no header, bad CSV).
    """
    with CustomerFile(path) as f:
        header = f.read_header()
        if header is not None:
            yield from _read(header, f.records(), region)


def _scan(path: Path, region: str | None, report: ImportReport) -> _Header | None:
    """First pass, before anything is written: the file must decode and parse as CSV
    (and, when `region` is given, every row must be valid). Counts the rows."""
    with CustomerFile(path) as f:
        header = f.read_header()
        if header is None:
            return None
        if region is None:
            report.rows = sum(1 for _ in f.records())
        else:
            for item in _read(header, f.records(), region):
                report.rows += 1
                if isinstance(item, RowError):
                    report.errors.append(item)
    return header


def import_customers(
    db: Database,
    path: Path,
    *,
    region: str = phones.DEFAULT_REGION,
    strict: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a customer CSV; see the module docstring for the rules.

    Raises UserError for a file that can't be used at all (nothing stored). Row problems
    land in `report.errors`; a database failure part-way lands in `report.aborted`, with
    the counts saying what was committed before it.
    """
    from app import audit, permissions

    permissions.require(db, permissions.Action.IMPORT_CUSTOMERS)
    say = progress or (lambda _msg: None)
    report = ImportReport(file=str(path), strict=strict)
    header = _scan(path, region if strict else None, report)
    if header is None:
        return report
    for col in header.ignored:
        say(f"note: column {col!r} is not used and was ignored")
    if strict and report.errors:
        say(f"{len(report.errors)} bad row(s): nothing imported (--strict)")
        return report

    total = report.rows
    done = 0
    try:
        with CustomerFile(path) as f:
            header = f.read_header()
            assert header is not None
            # Closed (worker stopped) before the file is, whatever happens below.
            with closing(_read_ahead(_read(header, f.records(), region), BATCH_SIZE)) as items:
                if strict:
                    _import_all_or_nothing(db, items, report, say, total)
                else:
                    for batch in _batches(items, report):
                        result = _commit_batch(db, batch)
                        report.inserted += result.inserted
                        report.updated += result.updated
                        report.unchanged += result.unchanged
                        report.errors += result.errors
                        done += len(batch)
                        say(
                            f"{done + len(report.errors)}/{total} rows read, {report.stored} stored"
                        )
    except DBAPIError as exc:
        report.aborted = f"database: {_first_line(exc)}"
    except (UserError, OSError) as exc:  # the file changed or vanished since the first pass
        report.aborted = str(exc)
    report.errors.sort(key=lambda e: e.line)
    if report.stored:
        audit.record(db, audit.Verb.IMPORT, "customers", None, detail={
            "file": path.name, "inserted": report.inserted, "updated": report.updated,
            "rejected": len(report.errors)})  # fmt: skip
    return report


def _commit_batch(db: Database, batch: list[CustomerRecord]) -> _BatchResult:
    """One transaction per batch. A unique-key clash means another workstation inserted
    one of these customers meanwhile: the retry finds it and updates it instead."""
    for attempt in (1, 2):
        try:
            with db.engine.begin() as conn:
                return _write_batch(conn, batch)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


class _Rollback(Exception):
    """Leaves the all-or-nothing transaction without committing."""


def _import_all_or_nothing(
    db: Database,
    items: Iterable[CustomerRecord | RowError],
    report: ImportReport,
    say: Progress,
    total: int,
) -> None:
    """--strict: every batch in one transaction, committed only if no row failed."""
    counts = _BatchResult()
    done = 0
    try:
        with db.engine.begin() as conn:
            for batch in _batches(items, report):
                result = _write_batch(conn, batch)
                counts.inserted += result.inserted
                counts.updated += result.updated
                counts.unchanged += result.unchanged
                counts.errors += result.errors
                done += len(batch)
                say(f"{done}/{total} rows written, not yet committed")
            if counts.errors or report.errors:
                raise _Rollback
    except _Rollback:
        report.errors += counts.errors
        say(f"{len(report.errors)} bad row(s): nothing imported (--strict)")
        return
    report.inserted, report.updated, report.unchanged = (
        counts.inserted,
        counts.updated,
        counts.unchanged,
    )


# --------------------------------------------------------------------------- export


def export_customers(db: Database, path: Path, *, progress: Progress | None = None) -> ExportReport:
    """Write every customer not merged away, in name order, streaming page by page.

    Written to a temporary file renamed into place at the end, so a failed export never
    leaves a half file where a good one was.
    """
    from app import audit, permissions

    permissions.require(db, permissions.Action.EXPORT_CUSTOMERS)
    say = progress or (lambda _msg: None)
    report = ExportReport(file=str(path))
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            for record in _exported_records(db):
                writer.writerow(format_row(record))
                report.rows += 1
                if not record.external_id:
                    report.without_external_id += 1
                if report.rows % 20_000 == 0:
                    say(f"{report.rows} customers exported")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if report.without_external_id:
        say(
            f"note: {report.without_external_id} customer(s) have no external_id; importing "
            "this file will reject those rows"
        )
    audit.record(db, audit.Verb.EXPORT, "customers", None,
                 detail={"file": str(path), "rows": report.rows})  # fmt: skip
    return report


def _exported_value(raw: str, norm: str) -> str:
    """The raw text, unless it would not survive the `;`-separated cell."""
    value = raw.strip()
    return value if value and SEPARATOR not in value else norm


def _exported_records(db: Database) -> Iterator[CustomerRecord]:
    """Customers page by page, keyset on (name_key, id): constant memory and cost per page."""
    c = _customers.c
    cp = _contacts.c
    after: tuple[str, uuid.UUID] | None = None
    while True:
        stmt = (
            select(c.id, c.external_id, c.name, c.kind, c.tier, c.name_key)
            .where(c.merged_into_id.is_(None))
            .order_by(c.name_key, c.id)
            .limit(EXPORT_PAGE)
        )
        if after is not None:
            stmt = stmt.where(tuple_(c.name_key, c.id) > tuple_(*after))
        with db.engine.connect() as conn:
            page = conn.execute(stmt).all()
            if not page:
                return
            found: dict[uuid.UUID, dict[str, list[ContactValue]]] = {
                row.id: {k: [] for k in _CONTACT_KINDS} for row in page
            }
            for cid, kind, raw, norm in conn.execute(
                select(cp.customer_id, cp.kind, cp.value_raw, cp.value_norm)
                .where(cp.customer_id.in_(list(found)), cp.kind.in_(_CONTACT_KINDS))
                .order_by(cp.customer_id, cp.is_primary.desc(), cp.id)
            ):
                found[cid][kind].append(ContactValue(kind, _exported_value(raw, norm), norm))
        for row in page:
            contact = found[row.id]
            yield CustomerRecord(
                external_id=row.external_id or "",
                name=row.name,
                kind=row.kind,
                tier=row.tier,
                phones=tuple(contact[ContactKind.PHONE.value]),
                emails=tuple(contact[ContactKind.EMAIL.value]),
            )
        last = page[-1]
        after = (last.name_key, last.id)
