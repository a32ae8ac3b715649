"""Schema upgrades through Alembic, with the guards a desktop install needs.

A SQLite file is copied aside before it is migrated, and a database written by a
newer CallDesk (a revision this build does not know) is refused rather than
touched.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaError(Exception):
    """The database cannot be used by this build of CallDesk."""


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = db.engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    script = ScriptDirectory(str(MIGRATIONS))
    return {rev.revision for rev in script.walk_revisions()}


def check_not_newer(db: Database) -> str | None:
    current = current_revision(db)
    if current is not None and current not in known_revisions():
        raise SchemaError(
            f"the database at {db.display_url()} was written by a newer CallDesk "
            f"(schema {current}); install that version or use another database"
        )
    return current


def backup_sqlite(db: Database) -> Path | None:
    """Copy the SQLite file aside (WAL checkpointed first so the copy is whole)."""
    path = db.url.database
    if not db.is_sqlite or not path or path == ":memory:" or not Path(path).exists():
        return None
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = Path(path).with_name(f"{Path(path).name}.{stamp}.bak")
    shutil.copy2(path, target)
    return target


def upgrade(db: Database, revision: str = "head") -> Path | None:
    """Bring the schema to `revision`; returns the backup made, if any."""
    current = check_not_newer(db)
    if current == head_revision() and revision == "head":
        return None
    backup = backup_sqlite(db) if current is not None else None
    command.upgrade(alembic_config(db), revision)
    return backup


def is_current(db: Database) -> bool:
    return current_revision(db) == head_revision()
