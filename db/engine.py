"""One engine/session factory for both engines.

SQLite is the embedded default (WAL, foreign keys on); PostgreSQL goes through
psycopg 3. Sessions are short-lived, one per unit of work (`session_scope`).
"""

from __future__ import annotations

import select
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker


def normalize_url(url: str | URL) -> URL:
    """Accept `postgresql://` and `postgres://` and pick the psycopg 3 driver."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    u = normalize_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(u, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", 5)
    engine = create_engine(u, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        event.listen(engine, "checkout", _drop_if_closed_by_server)
    return engine


def _drop_if_closed_by_server(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
    """Replace a pooled connection the server has closed, without a round trip.

    An idle pooled connection receives nothing unless the server ends it (restart,
    pg_terminate_backend, idle timeout): its FATAL message or EOF makes the socket
    readable. So a readable socket at checkout means a dead connection, and raising
    DisconnectionError makes the pool discard it and hand out a fresh one. This replaces
    pool_pre_ping's `SELECT 1` per checkout (a round trip on every unit of work); a
    connection lost silently (cable pulled) fails on first use instead, as it would have
    after a successful ping anyway, and the pool is then invalidated."""
    if getattr(dbapi_conn, "closed", False) or getattr(dbapi_conn, "broken", False):
        raise exc.DisconnectionError("connection closed")
    pgconn = getattr(dbapi_conn, "pgconn", None)
    if pgconn is None:
        return
    try:
        fd = pgconn.socket
        readable, _, _ = select.select([fd], [], [], 0)
    except Exception as e:  # psycopg.OperationalError (no socket any more), OSError
        raise exc.DisconnectionError(str(e)) from e
    if readable:
        raise exc.DisconnectionError("the server closed this connection")


@dataclass(frozen=True)
class Identity:
    """Who the connections of a Database act for, as PostgreSQL's row-level security
    reads it (`calldesk.user_id`, `calldesk.role`, `calldesk.department_id`; see
    migration 0009). `role` is the effective role (app.permissions.effective_role)."""

    user_id: str
    role: str
    department_id: str | None = None


def _identity_sql(identity: Identity | None) -> tuple[str, tuple[str, str, str]]:
    values = ("", "", "") if identity is None else (
        identity.user_id, identity.role, identity.department_id or ""
    )  # fmt: skip
    return (
        "SELECT set_config('calldesk.user_id', %s, false),"
        " set_config('calldesk.role', %s, false),"
        " set_config('calldesk.department_id', %s, false)",
        values,
    )


class Database:
    """An engine plus its session factory; the one object services are handed.

    `actor` is who this process works for (set once after login, or by the CLI); it is
    what services check permissions against when not handed a user, and on PostgreSQL
    every connection carries it as session settings for row-level security.
    """

    def __init__(self, url: str | URL, **engine_kwargs: Any) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.actor: Any = None  # app.auth.CurrentUser; db never imports app
        self.identity: Identity | None = None
        if self.dialect == "postgresql":
            event.listen(self.engine, "connect", self._tag_connection)

    def _tag_connection(self, dbapi_conn: Any, _record: Any) -> None:
        """Session-level (not SET LOCAL) so it costs nothing per transaction; committed at
        once because a rolled-back set_config would be undone."""
        sql, values = _identity_sql(self.identity)
        cur = dbapi_conn.cursor()
        try:
            cur.execute(sql, values)
        finally:
            cur.close()
        dbapi_conn.commit()

    def set_identity(self, actor: Any, identity: Identity | None) -> None:
        """Act for another user: pooled connections are dropped so every connection made
        from now on carries the new identity."""
        changed = identity != self.identity
        self.actor, self.identity = actor, identity
        if changed and self.dialect == "postgresql":
            self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def display_url(self) -> str:
        """The URL without its password, for the status bar and logs."""
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        with self.sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def analyze(self) -> None:
        """Refresh planner statistics after a big load. Without them SQLite may pick a
        poor index for the paged customer list (a sort over every row instead of a walk
        along the name index)."""
        with self.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")

    def dispose(self) -> None:
        self.engine.dispose()
