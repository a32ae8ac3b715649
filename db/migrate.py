"""Schema upgrades through Alembic, with the guards a desktop install needs.

A SQLite file is copied aside before it is migrated, and a database written by a
newer CallDesk (a revision this build does not know) is refused rather than
touched. A database already at the head is recognised with one small query and
the revision ids read from the migration files' text, so a normal start never
imports Alembic (its script machinery costs a noticeable part of the start-up).
"""

from __future__ import annotations

import ast
import functools
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

    from db.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


class SchemaError(Exception):
    """The database cannot be used by this build of CallDesk."""


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = db.engine
    return cfg


def _as_ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"unexpected revision value {value!r}")


@functools.cache
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """revision -> down revisions, read from the scripts' text (no Alembic import).

    Falls back to Alembic's ScriptDirectory when a file does not read as expected."""
    graph: dict[str, tuple[str, ...]] = {}
    try:
        for path in sorted((MIGRATIONS / "versions").glob("*.py")):
            found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
            (rev,) = _as_ids(ast.literal_eval(found["revision"]))
            graph[rev] = _as_ids(ast.literal_eval(found["down_revision"]))
        if not graph:
            raise ValueError("no migration scripts found")
    except (KeyError, ValueError, SyntaxError, OSError):
        from alembic.script import ScriptDirectory

        script = ScriptDirectory(str(MIGRATIONS))
        graph = {rev.revision: _as_ids(rev.down_revision) for rev in script.walk_revisions()}
    return graph


def known_revisions() -> set[str]:
    return set(_revision_graph())


def head_revisions() -> set[str]:
    graph = _revision_graph()
    below = {down for downs in graph.values() for down in downs}
    return set(graph) - below


def head_revision() -> str:
    heads = head_revisions()
    if len(heads) != 1:
        raise SchemaError(f"this build's migrations have {len(heads)} heads: {sorted(heads)}")
    return next(iter(heads))


def current_revisions(db: Database) -> set[str]:
    """The revisions stamped in the database (empty for a database never migrated)."""
    from sqlalchemy import inspect, text

    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def current_revision(db: Database) -> str | None:
    current = current_revisions(db)
    if len(current) > 1:
        raise SchemaError(f"the database at {db.display_url()} has several schema heads")
    return next(iter(current), None)


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
    """Bring the schema to `revision`; returns the backup made, if any.

    Already at the head (every start after the first): one query, no Alembic."""
    current = check_not_newer(db)
    if current == head_revision() and revision == "head":
        return None
    from alembic import command

    backup = backup_sqlite(db) if current is not None else None
    command.upgrade(alembic_config(db), revision)
    return backup


def is_current(db: Database) -> bool:
    return current_revision(db) == head_revision()
