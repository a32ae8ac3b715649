"""A Database facade over one open session, so existing services share a transaction.

The services (app.tickets, app.interactions, app.caller_log) each open their own unit
of work with `db.session()`. An operation must commit its effects together with its
applied_operations row, so it hands the services this facade: their `session()` and
`sessions()` yield the caller's session and neither commit nor close it; the caller's
unit of work commits everything at once or rolls everything back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy.orm import Session

from db.engine import Database


class BoundDatabase(Database):
    """`Database` whose units of work are all one session (see module docstring)."""

    def __init__(self, db: Database, session: Session) -> None:  # no engine of its own
        self.url = db.url
        self.engine = db.engine
        # The same acting user as the database it wraps (app.permissions).
        self.actor = getattr(db, "actor", None)
        self.identity = getattr(db, "identity", None)
        self._session = session
        # `with db.sessions() as s:` must not close the caller's session either.
        self.sessions = cast(Any, self.session)

    @contextmanager
    def session(self) -> Iterator[Session]:
        yield self._session

    def dispose(self) -> None:
        raise RuntimeError("a bound database belongs to its caller's session")
