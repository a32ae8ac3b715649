"""Who is calling: match a phone number, email or social handle to customers.

This runs on every ring, so it is built for latency: one indexed query finds the
contact points and their customers (redirects of merged customers resolved in the
same statement), and a second one reads the last activity of the candidates only
when there are several to rank; fixed SQL text per engine so the driver's statement
cache and PostgreSQL's prepared statements apply; a few shared autocommit connections
(no pool checkout, ping or rollback round trips); no ORM objects.

Phone matching, in stages; the first stage that finds anybody wins, so a weaker
reading never hides or dilutes a stronger one:

1. ``e164``: the caller's E.164 equals the stored one. Numbers typed in Vietnam's
   old plan were mapped to today's at store time (app.phones.parse), so this also
   covers 0163 456 7890 stored / 033 456 7890 calling; such rows are labelled
   ``legacy`` because the renumbering table made the connection.
2. ``legacy``: the stored number is the caller's *other reading* under the
   renumbering (028 3829 1234 calling, 08 3829 1234 stored before 2017 — which
   today reads as a valid mobile and so could not be mapped at store time).
3. ``suffix``: a landline subscriber number stored without its area code
   (``3825 1234``) matches a caller whose number is exactly a known area code
   (current or pre-2017) followed by it, and a caller delivered without area code
   matches stored numbers the same way. Two complete numbers never match by suffix:
   024 3825 1234 and 028 3825 1234 share their last eight digits but are different
   lines, and a mobile number never suffix-matches anything.

Every owner of a shared number comes back; a customer merged into another resolves
to the one it was merged into; the customer with the most recent activity (latest
interaction, order, ticket update or call) comes first.
"""

from __future__ import annotations

import contextlib
import re
import threading
import uuid
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError

from app import legacy_numbers, phones
from db.engine import Database
from db.enums import ContactKind

HANDLE_KINDS: tuple[str, ...] = (ContactKind.FACEBOOK, ContactKind.ZALO, ContactKind.ACCOUNT)
_HANDLE_PREFIXES: dict[str, str] = {
    "zalo": ContactKind.ZALO,
    "fb": ContactKind.FACEBOOK,
    "facebook": ContactKind.FACEBOOK,
    "account": ContactKind.ACCOUNT,
    "acc": ContactKind.ACCOUNT,
}
_HANDLE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:facebook\.com|fb\.com|zalo\.me)/", re.IGNORECASE
)
_HANDLE = re.compile(r"^[\w.\-+@]{1,200}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_DIGITS_ONLY = re.compile(r"[\s\d+().\-/]*")

# Stages in order of strength.
_STAGE = {"e164": 0, "legacy": 0, "legacy-alt": 1, "suffix": 2, "email": 0, "handle": 0}


@dataclass(frozen=True)
class Match:
    customer_id: uuid.UUID
    external_id: str | None
    name: str
    kind: str
    tier: str
    matched_on: str  # "e164" | "legacy" | "suffix" | "email" | "handle"
    # Latest interaction, order, ticket change or call: what candidates are ranked by.
    # Read when there are several to rank (or lookup(..., with_activity=True)).
    last_activity: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "customer_id": str(self.customer_id),
            "external_id": self.external_id,
            "name": self.name,
            "kind": self.kind,
            "tier": self.tier,
            "matched_on": self.matched_on,
        }


@dataclass(frozen=True)
class LookupResult:
    query: str
    normalized: str | None  # E.164, lower-case email, handle, local digits; None: unknown
    matches: list[Match] = field(default_factory=list)

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    def to_json(self) -> dict[str, Any]:
        """The `calldesk lookup --json` contract."""
        return {
            "query": self.query,
            "normalized": self.normalized,
            "matches": [m.to_json() for m in self.matches],
        }


# --- what the value is --------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """A caller value understood: which contact kind to search and under which key."""

    kind: str  # "phone" | "local" | "email" | "handle" | "unknown"
    normalized: str | None  # what LookupResult reports
    key: str | None = None  # the value_norm searched (handles: without "zalo:" etc.)
    phone: phones.Phone | None = None
    handle_kinds: tuple[str, ...] = ()


_UNKNOWN = Probe("unknown", None)


def normalize_email(raw: str) -> str:
    s = raw.strip()
    if s.lower().startswith("mailto:"):
        s = s[7:]
    return s.strip().lower()


def normalize_handle(raw: str, kind: str | None = None, region: str = phones.DEFAULT_REGION) -> str:
    """Social/account handles compare lower-case, without `@` or profile URL; a Zalo
    handle that is a phone number compares as its E.164."""
    s = _HANDLE_URL.sub("", raw.strip()).strip().strip("/").lstrip("@").lower()
    if kind == ContactKind.ZALO:
        phone = phones.parse(s, region)
        if phone is not None:
            return phone.e164
    return s


def contact_keys(
    kind: str, raw: str, region: str = phones.DEFAULT_REGION
) -> tuple[str, str | None] | None:
    """(value_norm, match_key) to store for a contact point, the same way lookup reads
    it; None when `raw` is not a usable value of that kind."""
    if kind == ContactKind.PHONE:
        return phones.storage_keys(raw, region)
    if kind == ContactKind.EMAIL:
        email = normalize_email(raw)
        return (email, None) if _EMAIL.match(email) else None
    handle = normalize_handle(raw, kind, region)
    return (handle, None) if handle and _HANDLE.match(handle) else None


def probe(value: str | None, region: str = phones.DEFAULT_REGION) -> Probe:
    """Decide what a caller value is. Never raises: garbage and withheld are unknown."""
    s = (value or "").strip()
    uri = s.lower().startswith(("sip:", "sips:", "tel:"))
    if (uri or "@" not in s) and phones.is_withheld(s):
        return _UNKNOWN
    prefix, sep, rest = s.partition(":")
    if sep and prefix.lower() in _HANDLE_PREFIXES:
        kind = _HANDLE_PREFIXES[prefix.lower()]
        handle = normalize_handle(rest, kind, region)
        if handle and _HANDLE.match(handle):
            return Probe("handle", f"{prefix.lower()}:{handle}", handle, handle_kinds=(kind,))
        return _UNKNOWN
    if not uri and "@" in s:
        email = normalize_email(s)
        if _EMAIL.match(email) and not email.endswith("@anonymous.invalid"):
            return Probe("email", email, email)
        return _UNKNOWN
    phone = phones.parse(s, region)
    if phone is not None:
        return Probe("phone", phone.e164, phone.e164, phone=phone)
    local = phones.local_number(s)
    if local is not None:
        return Probe("local", local, local)
    if uri or _DIGITS_ONLY.fullmatch(s):
        return _UNKNOWN  # digits that are no number we know
    handle = normalize_handle(s, None, region)
    if handle and _HANDLE.match(handle):
        return Probe("handle", handle, handle, handle_kinds=HANDLE_KINDS)
    return _UNKNOWN


# --- the hot path ----------------------------------------------------------------------

_SELECT = """SELECT cp.value_norm, cp.match_key, cp.value_raw, c.id,
       f.id, f.external_id, f.name, f.kind, f.tier, f.merged_into_id
FROM contact_points cp
JOIN customers c ON c.id = cp.customer_id
JOIN customers f ON f.id = COALESCE(c.merged_into_id, c.id)
WHERE {where}"""

_ACTIVITY_PARTS = (
    "(SELECT MAX(started_at) FROM interactions WHERE customer_id = f.id)",
    "(SELECT MAX(ordered_at) FROM orders WHERE customer_id = f.id)",
    "(SELECT MAX(updated_at) FROM tickets WHERE customer_id = f.id)",
    "(SELECT MAX(offered_at) FROM calls WHERE customer_id = f.id)",
)
_SQLITE_ACTIVITY = (
    "NULLIF(MAX(" + ", ".join(f"COALESCE({p}, '')" for p in _ACTIVITY_PARTS) + "), '')"
)
_PG_ACTIVITY = "GREATEST(" + ", ".join(_ACTIVITY_PARTS) + ")"


def _in(n: int) -> str:
    return "(" + ", ".join("?" * n) + ")"


def _driver(sql: str, dialect: str) -> str:
    """SQL written with `?` in the driver's parameter style."""
    return sql if dialect == "sqlite" else sql.replace("?", "%s")


def _activity(dialect: str) -> str:
    return _SQLITE_ACTIVITY if dialect == "sqlite" else _PG_ACTIVITY


@lru_cache(maxsize=64)
def _phone_sql(dialect: str, norms: int, keys: int) -> str:
    """Contact points whose E.164 is one of `norms` values or whose match key is one of
    `keys` values. One statement text per list length (a handful), on both engines:
    the statement cache prepares each once, and scalar parameters keep PostgreSQL's
    plan a plain index probe (`= ANY(array)` measured twice as slow at 1M customers)."""
    by_norm = f"cp.value_norm IN {_in(norms)}"
    by_key = f"cp.match_key IN {_in(keys)}"
    if norms and keys:
        where = f"cp.kind = 'phone' AND ({by_norm} OR {by_key})"
    elif keys:
        where = f"cp.kind = 'phone' AND {by_key}"
    else:
        where = f"cp.kind = 'phone' AND {by_norm}"
    return _driver(_SELECT.format(where=where), dialect)


@lru_cache(maxsize=8)
def _value_sql(dialect: str, kinds: int) -> str:
    """Contact points of one of `kinds` kinds with one value_norm (emails, handles)."""
    kind = "cp.kind = ?" if kinds == 1 else f"cp.kind IN {_in(kinds)}"
    where = f"{kind} AND cp.value_norm = ?"
    return _driver(_SELECT.format(where=where), dialect)


@lru_cache(maxsize=16)
def _customers_sql(dialect: str, n: int) -> str:
    """Customers by id with their redirect target's columns: follows redirect chains."""
    where = f"c.id IN {_in(n)}"
    return _driver(
        f"SELECT NULL, NULL, NULL, c.id, f.id, f.external_id, f.name, f.kind, f.tier, "
        f"f.merged_into_id FROM customers c "
        f"JOIN customers f ON f.id = COALESCE(c.merged_into_id, c.id) WHERE {where}",
        dialect,
    )


@lru_cache(maxsize=16)
def _activity_sql(dialect: str, n: int) -> str:
    """The latest interaction, order, ticket change or call of each of `n` customers:
    four index probes each, asked only about the few candidates being ranked."""
    where = f"f.id IN {_in(n)}"
    return _driver(f"SELECT f.id, {_activity(dialect)} FROM customers f WHERE {where}", dialect)


def _in_params(*lists: Sequence[Any]) -> list[Any]:
    """Parameters for the IN lists above, flattened in order."""
    return [v for values in lists for v in values]


class _Reader:
    """A few autocommit DBAPI connections for one database, lent one query at a time.

    Reads only, so autocommit is safe and never leaves a transaction open; a broken
    connection (server restart, network) is dropped and the query retried once. Kept
    outside SQLAlchemy's pool for its checkout cost, and not per thread: Qt's pool
    threads come and go (each call may get a fresh Python thread state), and a
    connection held per thread piled up until the server refused new clients. An
    in-memory SQLite database lives in its pool's one connection, so there the pool
    is used as it is.
    """

    MAX_IDLE = 4

    def __init__(self, db: Database) -> None:
        self.engine = db.engine  # not the Database: the cache is keyed weakly on it
        self.dialect = db.dialect
        self.pooled = db.is_sqlite and db.url.database in (None, "", ":memory:")
        self.lock = threading.Lock()
        self.idle: list[Any] = []
        event.listen(db.engine, "engine_disposed", lambda _engine: self.close())

    def _connect(self) -> Any:
        proxied = self.engine.raw_connection()
        proxied.detach()
        raw = proxied.dbapi_connection
        assert raw is not None
        if self.dialect == "postgresql":
            raw.autocommit = True
        return proxied

    def _checkout(self) -> Any:
        with self.lock:
            if self.idle:
                return self.idle.pop()
        return self._connect()

    def _checkin(self, proxied: Any) -> None:
        with self.lock:
            if len(self.idle) < self.MAX_IDLE:
                self.idle.append(proxied)
                return
        _close_quietly(proxied)

    def query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        if self.pooled:
            with self.engine.connect() as conn:
                return [tuple(r) for r in conn.exec_driver_sql(sql, tuple(params))]
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        for attempt in (1, 2):
            proxied = self._checkout()
            try:
                cur = proxied.dbapi_connection.cursor()
                try:
                    cur.execute(sql, params)
                    rows = list(cur.fetchall())
                finally:
                    cur.close()
            except dbapi_error as exc:
                _close_quietly(proxied)
                if attempt == 2 or not _is_disconnect(exc):
                    raise DBAPIError.instance(sql, params, exc, dbapi_error) from exc
                continue
            except BaseException:
                _close_quietly(proxied)
                raise
            self._checkin(proxied)
            return rows
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self.lock:
            conns, self.idle = self.idle, []
        for proxied in conns:
            _close_quietly(proxied)


def _close_quietly(proxied: Any) -> None:
    with contextlib.suppress(Exception):  # already broken; nothing to save
        proxied.close()


def _is_disconnect(exc: BaseException) -> bool:
    name = type(exc).__name__
    return name in ("OperationalError", "InterfaceError")


_READERS: weakref.WeakKeyDictionary[Database, _Reader] = weakref.WeakKeyDictionary()
_READERS_LOCK = threading.Lock()


def _reader(db: Database) -> _Reader:
    reader = _READERS.get(db)
    if reader is None:
        with _READERS_LOCK:
            reader = _READERS.get(db)
            if reader is None:
                reader = _READERS[db] = _Reader(db)
    return reader


def close(db: Database) -> None:
    """Close the lookup connections held for `db` (they also close on engine dispose)."""
    reader = _READERS.pop(db, None)
    if reader is not None:
        reader.close()


# --- rows to matches ------------------------------------------------------------------


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _when(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _db_id(reader: _Reader, value: uuid.UUID) -> Any:
    return value.hex if reader.dialect == "sqlite" else value


def _label_phone_row(
    p: Probe, subscriber: str | None, alternates: Sequence[str], row: tuple[Any, ...]
) -> str | None:
    value_norm, match_key, value_raw = row[0], row[1], row[2]
    phone = p.phone
    assert phone is not None
    if value_norm == phone.e164:
        renumbered = phone.legacy is not None or phones.was_renumbered(value_raw, match_key)
        return "legacy" if renumbered else "e164"
    if value_norm in alternates:
        return "legacy-alt"
    if subscriber is not None and match_key == subscriber and not value_norm.startswith("+"):
        return "suffix"
    return None


def _label_local_row(p: Probe, owners: set[str], row: tuple[Any, ...]) -> str | None:
    value_norm, match_key = row[0], row[1]
    if value_norm == p.normalized or (value_norm.startswith("+") and match_key in owners):
        return "suffix"
    return None


def lookup(
    db: Database,
    value: str | None,
    region: str = phones.DEFAULT_REGION,
    *,
    with_activity: bool = False,
) -> LookupResult:
    """Every customer `value` (a caller id, email or handle) may belong to, best first.

    Activity is read to rank several candidates; a lone candidate needs no ranking, so
    its `last_activity` is read only `with_activity` (a second small query).
    """
    from app import permissions

    permissions.require(db, permissions.Action.VIEW_CUSTOMERS)
    query = "" if value is None else value
    p = probe(value, region)
    if p.kind == "unknown":
        return LookupResult(query, None)
    reader = _reader(db)
    dialect = reader.dialect
    labelled: list[tuple[str, tuple[Any, ...]]] = []
    if p.kind == "phone":
        assert p.phone is not None
        alternates = phones.other_readings(p.phone)
        subscriber = phones.subscriber_of(p.phone)
        norms = [p.phone.e164, *alternates]
        keys = [subscriber] if subscriber else []
        sql = _phone_sql(dialect, len(norms), len(keys))
        for row in reader.query(sql, _in_params(norms, keys)):
            label = _label_phone_row(p, subscriber, alternates, row)
            if label:
                labelled.append((label, row))
    elif p.kind == "local":
        assert p.normalized is not None
        owners = set(legacy_numbers.local_number_owners(p.normalized))
        keys = [p.normalized, *sorted(owners)]
        sql = _phone_sql(dialect, 0, len(keys))
        for row in reader.query(sql, _in_params(keys)):
            label = _label_local_row(p, owners, row)
            if label:
                labelled.append((label, row))
    else:
        kinds = [ContactKind.EMAIL.value] if p.kind == "email" else list(p.handle_kinds)
        sql = _value_sql(dialect, len(kinds))
        params = [*kinds, p.key]
        labelled = [(p.kind, row) for row in reader.query(sql, params)]
    return LookupResult(query, p.normalized, _rank(reader, labelled, with_activity))


def _rank(
    reader: _Reader, labelled: list[tuple[str, tuple[Any, ...]]], with_activity: bool
) -> list[Match]:
    """Keep the strongest stage, resolve redirects, dedupe, most recent activity first."""
    if not labelled:
        return []
    best_stage = min(_STAGE[label] for label, _ in labelled)
    rows = [(label, row) for label, row in labelled if _STAGE[label] == best_stage]
    rows = _follow_redirects(reader, rows)
    by_customer: dict[uuid.UUID, Match] = {}
    for label, row in rows:
        cid = _uuid(row[4])
        matched_on = "legacy" if label == "legacy-alt" else label
        current = by_customer.get(cid)
        if current is not None and not (current.matched_on != "e164" and matched_on == "e164"):
            continue
        by_customer[cid] = Match(
            customer_id=cid,
            external_id=row[5],
            name=row[6],
            kind=row[7],
            tier=row[8],
            matched_on=matched_on,
            last_activity=None,
        )
    if len(by_customer) > 1 or (with_activity and by_customer):
        ids = [_db_id(reader, cid) for cid in by_customer]
        sql = _activity_sql(reader.dialect, len(ids))
        for cid, when in reader.query(sql, _in_params(ids)):
            m = by_customer[_uuid(cid)]
            by_customer[m.customer_id] = replace(m, last_activity=_when(when))
    never = datetime.min.replace(tzinfo=UTC)
    return sorted(
        by_customer.values(),
        key=lambda m: (-(m.last_activity or never).timestamp(), m.name, str(m.customer_id)),
    )


def _follow_redirects(
    reader: _Reader, rows: list[tuple[str, tuple[Any, ...]]]
) -> list[tuple[str, tuple[Any, ...]]]:
    """Rows whose target was itself merged later (a redirect chain) are re-read at the
    end of the chain. Merges flatten chains, so this loop rarely runs."""
    for _hop in range(8):
        pending = [(label, row) for label, row in rows if row[9] is not None]
        if not pending:
            return rows
        targets = list({_uuid(row[9]) for _, row in pending})
        resolved: dict[uuid.UUID, tuple[Any, ...]] = {}
        ids = [_db_id(reader, t) for t in targets]
        sql = _customers_sql(reader.dialect, len(ids))
        for row in reader.query(sql, _in_params(ids)):
            resolved[_uuid(row[3])] = row
        out: list[tuple[str, tuple[Any, ...]]] = []
        for label, row in rows:
            if row[9] is None:
                out.append((label, row))
                continue
            target = resolved.get(_uuid(row[9]))
            if target is not None:
                out.append((label, (*row[:4], *target[4:])))
        rows = out
    return rows
