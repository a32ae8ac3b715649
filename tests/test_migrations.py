"""The same schema on both engines; guards around upgrades."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.orm.exc import StaleDataError

from db import migrate
from db.engine import Database
from db.models import Base, Customer
from db.models.people import include_name

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    return str(request.getfixturevalue("empty_pg_url"))


def test_upgrade_builds_every_table(empty_url: str) -> None:
    db = Database(empty_url)
    migrate.upgrade(db)
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert migrate.is_current(db)
    # A second upgrade is a no-op.
    assert migrate.upgrade(db) is None


def test_schema_matches_models(empty_url: str) -> None:
    """Autogenerate finds nothing to change: migrations and models agree on this engine."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    db = Database(empty_url)
    migrate.upgrade(db)

    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_newer_database_is_refused(empty_url: str) -> None:
    db = Database(empty_url)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(migrate.SchemaError, match="newer CallDesk"):
        migrate.upgrade(db)


def test_sqlite_file_is_backed_up_before_migrating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a newer build brings a migration, the old file is copied aside first."""
    path = tmp_path / "old.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    with db.session() as s:
        s.add(Customer(name="Kept", name_key="kept"))
    applied: list[str] = []
    monkeypatch.setattr(migrate, "head_revision", lambda: "0002_next")
    monkeypatch.setattr("alembic.command.upgrade", lambda cfg, rev: applied.append(rev))
    backup = migrate.upgrade(db)
    assert applied == ["head"]
    assert backup is not None and backup.exists()
    copy = Database(f"sqlite:///{backup}")
    with copy.session() as s:
        assert s.scalar(select(Customer.name)) == "Kept"


def test_revisions_read_from_the_scripts_are_alembics(tmp_path: Path) -> None:
    """The start-up reads the head from the migration files' text; Alembic agrees."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrate.MIGRATIONS))
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_a_current_database_is_checked_without_alembic(tmp_path: Path) -> None:
    """Every start after the first: one query, and Alembic's machinery is not loaded."""
    url = f"sqlite:///{tmp_path / 'current.sqlite'}"
    db = Database(url)
    migrate.upgrade(db)
    db.dispose()
    code = (
        "import sys; from db import migrate; from db.engine import Database;"
        "db = Database(sys.argv[1]); assert migrate.upgrade(db) is None;"
        "assert not [m for m in sys.modules if m.startswith('alembic')], 'alembic imported'"
    )
    res = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert not list(tmp_path.glob("*.bak"))  # nothing to migrate, nothing copied


def test_backup_copies_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    backup = migrate.backup_sqlite(db)
    assert backup is not None and backup.exists() and backup.stat().st_size > 0


def test_timestamps_are_timezone_aware(db: Database) -> None:
    hanoi = timezone(timedelta(hours=7))
    with db.session() as s:
        c = Customer(name="Trần Thị B", name_key="tran thi b")
        s.add(c)
        s.flush()
        c.created_at = datetime(2026, 3, 1, 8, 0, tzinfo=hanoi)
    with db.session() as s:
        got = s.scalar(select(Customer))
        assert got is not None
        assert got.created_at == datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
        assert got.created_at.tzinfo is not None
        assert got.version >= 1


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive"), db.session() as s:
        s.add(Customer(name="X", name_key="x", created_at=datetime(2026, 1, 1)))
        s.flush()


def test_concurrent_edit_is_detected(db: Database) -> None:
    with db.session() as s:
        c = Customer(name="A", name_key="a")
        s.add(c)
    s1, s2 = db.sessions(), db.sessions()
    a = s1.get(Customer, c.id)
    b = s2.get(Customer, c.id)
    assert a is not None and b is not None
    a.notes = "first"
    s1.commit()
    b.notes = "second"
    with pytest.raises(StaleDataError):
        s2.commit()
    s2.rollback()
    s1.close()
    s2.close()
    with db.session() as s:
        got = s.get(Customer, c.id)
        assert got is not None and got.notes == "first" and got.version == 2
