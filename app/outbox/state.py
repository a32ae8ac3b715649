"""Whether the central database answers, per Database, and what counts as "it does not".

The window's periodic check, every background task and the outbox all report here, so
one connection error anywhere switches the whole client to offline mode and one good
check (followed by a replay) switches it back. Listeners are plain callables (the GUI
adapts them to signals); they are called on whatever thread reported.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from db.engine import Database

log = logging.getLogger(__name__)
Listener = Callable[[bool, str], object]  # online, reason
T = TypeVar("T")


def is_connection_error(exc: BaseException) -> bool:
    """True for "the server is away" (refused, reset, terminated, timed out), as opposed
    to a refusal the server made on purpose (a constraint, a business rule)."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, DBAPIError) and e.connection_invalidated:
            return True
        if isinstance(e, (OperationalError, InterfaceError, ConnectionError, TimeoutError)):
            return True
        module = type(e).__module__
        if module.startswith("psycopg") and type(e).__name__ in (
            "OperationalError",
            "InterfaceError",
            "AdminShutdown",
            "ConnectionTimeout",
        ):
            return True
        try:
            import psycopg

            if isinstance(e, (psycopg.OperationalError, psycopg.InterfaceError)):
                return True
        except ImportError:  # pragma: no cover - psycopg is a dependency
            pass
        e = e.__cause__ or e.__context__
    return False


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Connectivity:
    """The online/offline state of one central database."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.online = True
        self.reason = ""
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _set(self, online: bool, reason: str) -> None:
        with self._lock:
            changed = online != self.online
            self.online, self.reason = online, reason
            listeners = list(self._listeners)
        if changed:
            for listener in listeners:
                try:
                    listener(online, reason)
                except Exception:  # a closed window's listener must not stop the others
                    log.exception("connectivity listener failed")

    def went_offline(self, exc: BaseException | str) -> None:
        self._set(False, exc if isinstance(exc, str) else first_line(exc))

    def came_online(self) -> None:
        self._set(True, "")

    def report(self, exc: BaseException) -> bool:
        """An error from any database work: True (and offline now) when it means the
        server is unreachable."""
        if is_connection_error(exc):
            self.went_offline(exc)
            return True
        return False


_STATES: weakref.WeakKeyDictionary[Database, Connectivity] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def of(db: Database) -> Connectivity:
    with _LOCK:
        state = _STATES.get(db)
        if state is None:
            state = _STATES[db] = Connectivity()
        return state


def is_offline(db: Database) -> bool:
    state = _STATES.get(db)
    return state is not None and not state.online


_FALLBACKS: weakref.WeakKeyDictionary[Database, object] = weakref.WeakKeyDictionary()


def set_fallback(db: Database, fallback: object | None) -> None:
    """What answers reads for `db` while it is away (app.offline_cache.Directory)."""
    with _LOCK:
        if fallback is None:
            _FALLBACKS.pop(db, None)
        else:
            _FALLBACKS[db] = fallback


def guarded(db: Database, online: Callable[[], T], offline: Callable[[Any], T]) -> T:
    """`online()`, unless `db` is known to be away or fails as unreachable: then
    `offline(fallback)` answers, when a fallback is installed for `db`."""
    fallback = _FALLBACKS.get(db)
    if fallback is None:
        return online()
    if is_offline(db):
        return offline(fallback)
    try:
        return online()
    except Exception as exc:
        if of(db).report(exc):
            return offline(fallback)
        raise
