"""Bulk inserts for seeding and imports: executemany on SQLite, COPY on PostgreSQL.

The ORM, and even Core's per-row parameter handling, cost more than generating a row
does, so loading millions of rows goes straight to the driver. Values must be stored
exactly as SQLAlchemy would store them (SQLite compares timestamps as text), so every
conversion here is either SQLAlchemy's own bind processor or a faster one that the
tests prove equal to it.

Rows are tuples in the order of the `columns` given. Either they hold Python values
(UUID or its 32-digit hex, aware datetimes, Python objects for JSON) and `insert`
converts them, or the caller builds them `prepared`: ids as 32-digit hex strings,
instants from `BulkLoader.stamp`, JSON from `json_text()`; then they go to the driver as they
are, which is what a generator of millions of rows wants.
"""

from __future__ import annotations

import json
import queue
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Connection, Table, Uuid

from db import change_log
from db.engine import Database
from db.types import UTCDateTime

Row = tuple[Any, ...]
Converter = Callable[[Any], Any]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# An FTS sync trigger: CREATE TRIGGER t AFTER INSERT ON tbl BEGIN INSERT INTO x(...)
# VALUES (new.a, f(new.b)); END  ->  groups: the INSERT head, the VALUES list.
_INDEX_TRIGGER = re.compile(
    r"CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?\S+\s+AFTER\s+INSERT\s+ON\s+\S+\s+"
    r"(?:FOR\s+EACH\s+ROW\s+)?BEGIN\s+(INSERT\s+INTO\s+[^;]+?)\s*VALUES\s*\(([^;]*)\)\s*;\s*END",
    re.IGNORECASE | re.DOTALL,
)
# PostgreSQL search tables kept by row triggers on a table (migration 0004), and the
# function that rebuilds each from scratch after a load that fired no triggers.
PG_REBUILDS = {"customers": ("customer_words_rebuild", "customer_words")}
_NEW_ROW = re.compile(r"\bnew\.", re.IGNORECASE)
_OLD_ROW = re.compile(r"\bold\.", re.IGNORECASE)


def stamp_function(suffix: str = "") -> Callable[[int], str]:
    """A fast `seconds since the epoch -> "YYYY-MM-DD HH:MM:SS.000000" + suffix` (UTC).

    Generators call it for every timestamp of millions of rows, so it is a closure
    over two lookup tables instead of datetime arithmetic.
    """
    clock = [
        f" {h:02d}:{m:02d}:{s:02d}.000000{suffix}"
        for h in range(24)
        for m in range(60)
        for s in range(60)
    ]
    days: dict[int, str] = {}

    def stamp(ts: int) -> str:
        day = ts // 86400
        text = days.get(day)
        if text is None:
            text = days[day] = (_EPOCH + timedelta(days=day)).date().isoformat()
        return text + clock[ts - day * 86400]

    return stamp


def sqlite_timestamp(value: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite DATETIME stores for an aware datetime (in UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"naive datetime refused: {value!r}")
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_uuid(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return str(value.hex)


def json_text(value: Any) -> str | None:
    """JSON as SQLAlchemy's JSON type serialises it by default."""
    return None if value is None else json.dumps(value)


class BulkLoader:
    """Appends batches of row tuples to tables over one dedicated connection, in one
    transaction on both engines: a load that fails or is killed leaves nothing behind.

    On SQLite, AFTER INSERT triggers that copy each new row into a search index (the
    FTS tables) cost more than the row itself; `defer_index_triggers` drops them for
    the load and `finish` fills the index for all new rows in one statement, then
    recreates them, inside the same transaction.

    Change capture (db/change_log.py) is suspended for the load: millions of `changes`
    rows nobody reads would double its cost. `finish` records one `bulk` change for
    every table instead, and other workstations re-read what they show.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect
        self.is_sqlite = self.dialect.name == "sqlite"
        self.raw: Any = conn.connection.dbapi_connection
        self.rows_written = 0
        self._converters: dict[tuple[str, tuple[str, ...]], list[tuple[int, Converter]]] = {}
        self._sql: dict[tuple[str, tuple[str, ...]], str] = {}
        self._deferred: list[tuple[str, str, int]] = []  # (create, replay, since rowid)
        self._indexes: list[str] = []  # CREATE INDEX statements to run at the end
        self._rebuilds: list[tuple[str, str]] = []  # PostgreSQL (function, table) to rebuild
        self._capture: list[str] | None = None  # suspended capture triggers (SQLite)
        # The stored form of an instant given as whole seconds since the epoch (UTC).
        self.stamp = stamp_function("" if self.is_sqlite else "+00")

    def _converters_for(self, table: Table, columns: Sequence[str]) -> list[tuple[int, Converter]]:
        key = (table.name, tuple(columns))
        found = self._converters.get(key)
        if found is not None:
            return found
        convs: list[tuple[int, Converter]] = []
        for i, name in enumerate(columns):
            ctype = table.c[name].type
            conv: Converter | None
            if self.is_sqlite:
                if isinstance(ctype, UTCDateTime):
                    conv = sqlite_timestamp
                elif isinstance(ctype, Uuid):
                    conv = _sqlite_uuid
                else:
                    conv = ctype._cached_bind_processor(self.dialect)
            else:
                # COPY's text format: psycopg dumps str, int, bool, Decimal, UUID and
                # aware datetimes itself; JSON goes in as its text.
                conv = json_text if isinstance(ctype, JSON) else None
            if conv is not None:
                convs.append((i, conv))
        self._converters[key] = convs
        return convs

    def _statement(self, table: Table, columns: Sequence[str]) -> str:
        key = (table.name, tuple(columns))
        sql = self._sql.get(key)
        if sql is None:
            prep = self.dialect.identifier_preparer
            names = ", ".join(prep.quote(c) for c in columns)
            if self.is_sqlite:
                marks = ", ".join("?" * len(columns))
                sql = f"INSERT INTO {prep.format_table(table)} ({names}) VALUES ({marks})"
            else:
                sql = f"COPY {prep.format_table(table)} ({names}) FROM STDIN"
            self._sql[key] = sql
        return sql

    def insert(
        self, table: Table, columns: Sequence[str], rows: Sequence[Row], prepared: bool = False
    ) -> int:
        """Append `rows` to `table`; returns how many."""
        if not rows:
            return 0
        data: Sequence[Row] = rows
        convs = [] if prepared else self._converters_for(table, columns)
        if convs:
            cols = list(zip(*rows, strict=True))
            for i, conv in convs:
                cols[i] = tuple(map(conv, cols[i]))
            data = list(zip(*cols, strict=True))
        sql = self._statement(table, columns)
        if self.is_sqlite:
            cur = self.raw.cursor()
            try:
                cur.executemany(sql, data)
            finally:
                cur.close()
        else:
            with self.raw.cursor() as cur, cur.copy(sql) as copy:
                write = copy.write_row
                for row in data:
                    write(row)
        self.rows_written += len(rows)
        return len(rows)

    def begin(self) -> None:
        """Start the load's transaction (SQLite's driver would not wrap DDL in one) and
        suspend change capture for it."""
        if self.is_sqlite and not self.raw.in_transaction:
            self.raw.execute("BEGIN")
        if self._capture is None:
            self._suspend_capture()

    def _suspend_capture(self) -> None:
        if self.is_sqlite:
            found = self.raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
                (change_log.TRIGGER_PREFIX + "%",),
            ).fetchall()
            for name, _sql in found:
                self.raw.execute(f'DROP TRIGGER "{name}"')
            self._capture = [sql for _name, sql in found]
        else:
            with self.raw.cursor() as cur:
                cur.execute("SELECT set_config(%s, 'off', false)", (change_log.CAPTURE_SETTING,))
            self._capture = []

    def _resume_capture(self) -> None:
        """Put capture back and record the load as one change (same transaction)."""
        if self._capture is None:
            return
        if self.is_sqlite:
            for sql in self._capture:
                self.raw.execute(sql)
            self.raw.execute(
                "INSERT INTO changes (tbl, row_id, version, op, at) "
                f"VALUES ('*', NULL, NULL, 'bulk', {change_log.SQLITE_NOW})"
            )
        else:
            with self.raw.cursor() as cur:
                cur.execute("SELECT set_config(%s, 'on', false)", (change_log.CAPTURE_SETTING,))
                seq = cur.execute(
                    "INSERT INTO changes (tbl, row_id, version, op, at) "
                    "VALUES ('*', NULL, NULL, 'bulk', now()) RETURNING seq"
                ).fetchone()[0]
                payload = f'{{"t": "*", "id": null, "v": null, "s": {seq}, "op": "bulk"}}'
                cur.execute("SELECT pg_notify(%s, %s)", (change_log.CHANNEL, payload))
        self._capture = None

    def defer_index_triggers(self, tables: Sequence[Table]) -> None:
        """Drop SQLite AFTER INSERT triggers of the form `INSERT INTO x(...) VALUES
        (new...)` on `tables`; `finish` replays them set-wise. Others stay as they are.

        PostgreSQL: a load running as `session_replication_role = replica` fires no
        triggers at all, so the search tables they keep (PG_REBUILDS) are rebuilt by
        `finish` instead."""
        if not self.is_sqlite:
            if self._scalar("SHOW session_replication_role") == "replica":
                for table in tables:
                    rebuild = PG_REBUILDS.get(table.name)
                    if rebuild and self._scalar(f"SELECT to_regproc('{rebuild[0]}')"):
                        self._rebuilds.append(rebuild)
            return
        self.begin()
        names = [t.name for t in tables]
        marks = ", ".join("?" * len(names))
        found = self.raw.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            names,
        ).fetchall()
        for name, table, sql in found:
            m = _INDEX_TRIGGER.fullmatch(sql.strip())
            if (
                name.startswith(change_log.TRIGGER_PREFIX)
                or m is None
                or _OLD_ROW.search(m.group(2))
            ):
                continue
            quoted = f'"{table}"'
            since = self.raw.execute(f"SELECT coalesce(max(rowid), 0) FROM {quoted}").fetchone()[0]
            values = _NEW_ROW.sub("", m.group(2))
            replay = f"{m.group(1)} SELECT {values} FROM {quoted} WHERE rowid > ?"
            self.raw.execute(f'DROP TRIGGER "{name}"')
            self._deferred.append((sql, replay, since))

    def defer_indexes(self, tables: Sequence[Table]) -> None:
        """Drop the secondary indexes of the tables that are still empty; `finish`
        builds them again. Sorting once is much cheaper than millions of random index
        insertions, and nobody can be waiting for rows in an empty table. Indexes that
        back a primary key or unique constraint stay."""
        self.begin()
        for table in tables:
            quoted = self.dialect.identifier_preparer.format_table(table)
            if self._scalar(f"SELECT 1 FROM {quoted} LIMIT 1") is not None:
                continue
            if self.is_sqlite:
                found = self.raw.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL ORDER BY name",
                    (table.name,),
                ).fetchall()
            else:
                with self.raw.cursor() as cur:
                    found = cur.execute(
                        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                        "JOIN pg_class i ON i.oid = x.indexrelid "
                        "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
                        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) "
                        "ORDER BY i.relname",
                        (quoted,),
                    ).fetchall()
            for name, create in found:
                self._execute(f'DROP INDEX "{name}"')
                self._indexes.append(create)

    def _scalar(self, sql: str) -> Any:
        if self.is_sqlite:
            row = self.raw.execute(sql).fetchone()
        else:
            with self.raw.cursor() as cur:
                row = cur.execute(sql.encode()).fetchone()
        return row[0] if row else None

    def _execute(self, sql: str) -> None:
        if self.is_sqlite:
            self.raw.execute(sql)
        else:
            with self.raw.cursor() as cur:
                cur.execute(sql.encode())

    def finish(self, analyze: Sequence[Table] = ()) -> None:
        """Rebuild deferred indexes, index the new rows the dropped triggers would have,
        recreate those triggers, refresh PostgreSQL's planner statistics of `analyze`
        (a million new rows change every plan), and commit."""
        if self._indexes and not self.is_sqlite:
            self._execute("SET maintenance_work_mem = '512MB'")
        for create in self._indexes:
            self._execute(create)
        self._indexes.clear()
        for create, replay, since in self._deferred:
            self.raw.execute(replay, (since,))
            self.raw.execute(create)
        self._deferred.clear()
        for function, _table in self._rebuilds:
            self._scalar(f"SELECT {function}()")
        self._resume_capture()
        if not self.is_sqlite:
            names = [self.dialect.identifier_preparer.format_table(t) for t in analyze]
            names += [table for _function, table in self._rebuilds]
            for name in names:
                self._execute(f"ANALYZE {name}")
        self._rebuilds.clear()
        self.raw.commit()

    def rollback(self) -> None:
        """Undo the load; SQLite's dropped triggers come back with the rollback."""
        self.raw.rollback()
        if not self.is_sqlite and self._capture is not None:
            with self.raw.cursor() as cur:
                cur.execute("SELECT set_config(%s, 'on', false)", (change_log.CAPTURE_SETTING,))
            self.raw.commit()
        self._capture = None


class Announcement:
    """What `one_change` yields: set `wanted` False when the block wrote nothing."""

    wanted = True


@contextmanager
def one_change(
    conn: Connection, table: str, quiet: Sequence[str], at: datetime
) -> Iterator[Announcement]:
    """Writes in the block record no per-row changes on the `quiet` tables; one change
    (`table`, no row, op 'bulk', at `at`) announces them all when the block ends, in
    the caller's transaction (an import batch: its rows carry updated_at >= `at`).

    PostgreSQL: capture is off for this transaction only (`set_config(..., true)`).
    SQLite: the tables' capture triggers are dropped inside the transaction and put
    back before it ends; a failed block's rollback puts them back too."""
    from app.sync.changes import BULK

    raw: Any = conn.connection.dbapi_connection
    sqlite = conn.dialect.name == "sqlite"
    saved: list[str] = []
    if sqlite:
        if not raw.in_transaction:
            raw.execute("BEGIN")  # the DROPs must be part of the transaction
        marks = ", ".join("?" * len(quiet))
        found = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? "
            f"AND tbl_name IN ({marks})",
            (change_log.TRIGGER_PREFIX + "%", *quiet),
        ).fetchall()
        for name, sql in found:
            raw.execute(f'DROP TRIGGER "{name}"')
            saved.append(sql)
    else:
        conn.exec_driver_sql(f"SELECT set_config('{change_log.CAPTURE_SETTING}', 'off', true)")
    announcement = Announcement()
    yield announcement
    if sqlite:
        for sql in saved:
            raw.execute(sql)
        if not announcement.wanted:
            return
        raw.execute(
            "INSERT INTO changes (tbl, row_id, version, op, at) VALUES (?, NULL, NULL, ?, ?)",
            (table, BULK, sqlite_timestamp(at)),
        )
        return
    conn.exec_driver_sql(f"SELECT set_config('{change_log.CAPTURE_SETTING}', 'on', true)")
    if not announcement.wanted:
        return
    with raw.cursor() as cur:
        seq = cur.execute(
            "INSERT INTO changes (tbl, row_id, version, op, at) "
            "VALUES (%s, NULL, NULL, %s, %s) RETURNING seq",
            (table, BULK, at),
        ).fetchone()[0]
        payload = json.dumps({"t": table, "id": None, "v": None, "s": seq, "op": BULK})
        cur.execute("SELECT pg_notify(%s, %s)", (change_log.CHANNEL, payload))


Batch = list[tuple[Table, Sequence[str], list[Row]]]


class BackgroundWriter:
    """Writes batches on a thread of its own while the caller builds the next ones.

    SQLite's B-tree work and the PostgreSQL server's COPY work happen outside the GIL,
    so on two cores generating and writing overlap. At most `depth` batches wait,
    which bounds memory. The first error stops the writer and is raised to the caller.
    """

    def __init__(self, loader: BulkLoader, depth: int = 2) -> None:
        self.loader = loader
        self.counts: dict[str, int] = {}
        self._jobs: queue.Queue[Batch | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if self._error is not None:
                continue  # drain without writing after a failure
            try:
                for table, columns, rows in job:
                    n = self.loader.insert(table, columns, rows, prepared=True)
                    self.counts[table.name] = self.counts.get(table.name, 0) + n
            except BaseException as exc:
                self._error = exc

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def submit(self, batch: Batch) -> None:
        """Queue prepared rows (parents first); blocks while `depth` batches wait."""
        self._raise()
        self._jobs.put(batch)

    def abort(self) -> None:
        """Stop after the batch being written (the caller rolls back); never raises."""
        if self._error is None:
            self._error = RuntimeError("bulk load aborted")
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                break
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def close(self) -> None:
        """Wait for everything queued to be written; raises the writer's error if any."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()
        self._raise()


def _tune_postgresql(raw: Any) -> None:
    """Session settings for a load: commit without waiting for the WAL flush, bigger
    GIN pending lists, and, where the role may (superusers, like pg_restore
    --disable-triggers), no per-row foreign-key triggers: the loaders only write
    references to rows they wrote or read in the same transaction."""
    import psycopg

    with raw.cursor() as cur:
        cur.execute("SET synchronous_commit = off")
        cur.execute("SET gin_pending_list_limit = '64MB'")
        cur.execute("SAVEPOINT bulk_role")
        try:
            cur.execute("SET session_replication_role = replica")
        except psycopg.errors.InsufficientPrivilege:
            cur.execute("ROLLBACK TO SAVEPOINT bulk_role")
        else:
            cur.execute("RELEASE SAVEPOINT bulk_role")


@contextmanager
def loading_connection(db: Database) -> Iterator[Connection]:
    """A connection of its own, tuned for a big load and closed (not pooled) after it.

    SQLite: no fsync, a big page cache and memory map, foreign keys unchecked (the
    loader writes consistent data; tests run `PRAGMA foreign_key_check`).
    PostgreSQL: no wait for the WAL flush at commit. The settings die with the
    connection (an in-memory SQLite database cannot be reopened, so there they are
    put back instead).
    """
    memory = db.is_sqlite and db.url.database in (None, "", ":memory:")
    with db.engine.connect() as conn:
        if not memory:
            conn.detach()
        raw: Any = conn.connection.dbapi_connection
        if db.is_sqlite:
            conn.commit()  # PRAGMA foreign_keys is ignored inside a transaction
            for pragma in (
                "synchronous=OFF",
                "cache_size=-1048576",
                "mmap_size=17179869184",
                "temp_store=MEMORY",
                "foreign_keys=OFF",
            ):
                raw.execute(f"PRAGMA {pragma}")
        else:
            _tune_postgresql(raw)
        try:
            yield conn
        finally:
            if memory:
                raw.rollback()
                for pragma in (
                    "synchronous=NORMAL",
                    "cache_size=-2000",
                    "mmap_size=0",
                    "foreign_keys=ON",
                ):
                    raw.execute(f"PRAGMA {pragma}")
