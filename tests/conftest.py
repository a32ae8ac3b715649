"""Shared fixtures: an isolated CALLDESK_HOME, an in-memory keyring, and databases on
both engines (`db` is parametrised over SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import sys
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CALLDESK_HOME"] = os.environ.get("CALLDESK_TEST_HOME") or __import__(
    "tempfile"
).mkdtemp(prefix="calldesk-test-home-")
os.environ.pop("CALLDESK_DATABASE_URL", None)

import contextlib

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from db import migrate
from db.engine import Database
from tests import pgserver


class MemoryKeyring(KeyringBackend):
    """Tests never touch the developer's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr


@pytest.fixture(autouse=True)
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CALLDESK_HOME", str(home))
    return home


_PG_SKIP = (
    "PostgreSQL tests SKIPPED: no CALLDESK_TEST_PG_URL and no initdb/pg_ctl on this machine. "
    "Install PostgreSQL or set CALLDESK_TEST_PG_URL=postgresql://user@host:port/db"
)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    url = os.environ.get(pgserver.ENV)
    if url:
        pgserver.wait_ready(url)
        yield url
        return
    if pgserver.can_start():
        server = pgserver.Throwaway()
        url = server.start()
        try:
            yield url
        finally:
            server.stop()
        return
    if os.environ.get("CI"):
        pytest.fail("CI must run the PostgreSQL tests: " + _PG_SKIP)
    warnings.warn(_PG_SKIP, stacklevel=1)
    print("\n" + "!" * 20 + " " + _PG_SKIP + " " + "!" * 20, file=sys.stderr)
    pytest.skip(_PG_SKIP)


@pytest.fixture(scope="session")
def pg_template(pg_server_url: str) -> Iterator[str]:
    """A migrated template database: each test clones it (fast) instead of migrating."""
    import psycopg

    admin = make_url(pg_server_url).set(drivername="postgresql+psycopg")
    name = f"calldesk_tmpl_{uuid.uuid4().hex[:8]}"
    _admin_exec(admin, f'CREATE DATABASE "{name}"')
    tmpl_db = Database(admin.set(database=name))
    migrate.upgrade(tmpl_db)
    tmpl_db.dispose()
    yield name
    with contextlib.suppress(psycopg.Error):
        _admin_exec(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin_exec(admin_url: object, sql: str) -> None:
    import psycopg

    u = make_url(str(admin_url)) if not hasattr(admin_url, "host") else admin_url
    with psycopg.connect(
        host=u.host,  # type: ignore[union-attr]
        port=u.port,  # type: ignore[union-attr]
        user=u.username,  # type: ignore[union-attr]
        password=u.password,  # type: ignore[union-attr]
        dbname=u.database or "postgres",  # type: ignore[union-attr]
        autocommit=True,
        connect_timeout=10,  # a server that drops packets fails the test, never stalls it
    ) as conn:
        conn.execute(sql.encode())


@pytest.fixture
def pg_url(pg_server_url: str, pg_template: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test."""
    admin = make_url(pg_server_url).set(drivername="postgresql+psycopg")
    name = f"calldesk_t_{uuid.uuid4().hex[:10]}"
    _admin_exec(admin, f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield admin.set(database=name).render_as_string(hide_password=False)
    _admin_exec(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database with no schema (migration tests)."""
    admin = make_url(pg_server_url).set(drivername="postgresql+psycopg")
    name = f"calldesk_e_{uuid.uuid4().hex[:10]}"
    _admin_exec(admin, f'CREATE DATABASE "{name}"')
    yield admin.set(database=name).render_as_string(hide_password=False)
    _admin_exec(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'calldesk.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database URL on each engine in turn."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'calldesk.sqlite'}"
        d = Database(url)
        migrate.upgrade(d)
        d.dispose()
        return url
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    d = Database(db_url)
    yield d
    d.dispose()
