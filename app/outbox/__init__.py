"""Offline writes (issue #5): operations, the local outbox, exactly-once replay.

`install(db)` gives a central PostgreSQL database its outbox (the embedded SQLite
database is local already and needs none); `app.outbox.writes` is what screens call
instead of the services, so every write takes the outbox's one path.
"""

from __future__ import annotations

import threading
import weakref

from app.outbox.client import Outbox, Outcome, ReplayReport, StoredOperation
from app.outbox.operations import Operation, Refused
from db.engine import Database

__all__ = [
    "Operation",
    "Outbox",
    "Outcome",
    "Refused",
    "ReplayReport",
    "StoredOperation",
    "for_database",
    "install",
    "uninstall",
]

_OUTBOXES: weakref.WeakKeyDictionary[Database, Outbox] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def install(db: Database, outbox: Outbox | None = None) -> Outbox | None:
    """The outbox of `db` (made once); None for an embedded SQLite database."""
    if db.is_sqlite and outbox is None:
        return None
    with _LOCK:
        current = _OUTBOXES.get(db)
        if current is None:
            current = _OUTBOXES[db] = outbox or Outbox(db)
        return current


def uninstall(db: Database) -> None:
    with _LOCK:
        box = _OUTBOXES.pop(db, None)
    if box is not None:
        box.close()


def for_database(db: Database) -> Outbox | None:
    return _OUTBOXES.get(db)
