"""Keep one client following the change sequence, on a thread of its own.

PostgreSQL: LISTEN on a dedicated connection; after every (re)connect, catch up from
the last handled seq (notifications sent while away are lost by design). A supplier's
client (NOTIFY payloads are not filtered per listener) LISTENs only on its scope's
channel, whose empty wake-ups make it read the sequence at once, and reads it every
`wake_fallback` anyway (changes without a scope). SQLite, a restricted client without
a department, or when LISTEN is not possible: poll the sequence every `poll_interval`.
A broken connection is retried with backoff. The GUI drives the same pieces from its
event loop (ui/sync.py); this thread is for the CLI, benchmarks and tests.
"""

from __future__ import annotations

import logging
import select
import threading
import time
from collections.abc import Callable

import psycopg
from sqlalchemy.exc import SQLAlchemyError

from app.sync.backoff import Backoff
from app.sync.changes import (
    WAKE_FALLBACK_POLL,
    Change,
    fetch_since,
    latest_seq,
    listen_channels,
)
from app.sync.cursor import SeqCursor
from app.sync.listener import Listener, ListenerLost
from db.change_log import CHANNEL
from db.engine import Database

log = logging.getLogger(__name__)

ChangesCallback = Callable[[list[Change]], object]
StateCallback = Callable[[str], object]

LISTENING, POLLING, RECONNECTING, STOPPED = "listening", "polling", "reconnecting", "stopped"
# Errors that mean "the server is not reachable right now", never a bug.
LINK_ERRORS: tuple[type[BaseException], ...] = (
    psycopg.Error,
    SQLAlchemyError,
    OSError,
    ListenerLost,
)


def catch_up(db: Database, cursor: SeqCursor, limit: int = 5000) -> list[Change]:
    """Every change after the cursor's low-water mark not handled yet (blocking)."""
    out: list[Change] = []
    after = cursor.low
    while True:
        batch = fetch_since(db, after, limit)
        out.extend(cursor.accept(batch))
        if len(batch) < limit:
            return out
        after = batch[-1].seq


class Follower:
    def __init__(
        self,
        db: Database,
        on_changes: ChangesCallback,
        *,
        listen: bool = True,
        poll_interval: float = 1.0,
        resync_interval: float = 30.0,
        wake_fallback: float = WAKE_FALLBACK_POLL,
        on_state: StateCallback | None = None,
        start_seq: int | None = None,
    ) -> None:
        self.db = db
        self.on_changes = on_changes
        self.on_state = on_state
        self.channels = listen_channels(db) if listen else ()
        self.listen = bool(self.channels)
        # Woken without payloads: read the sequence on a wake-up and every wake_fallback.
        self.wake_only = self.listen and CHANNEL not in self.channels
        self.poll_interval = poll_interval
        self.resync_interval = wake_fallback if self.wake_only else resync_interval
        self.start_seq = start_seq
        self.cursor: SeqCursor | None = None
        self.listener: Listener | None = None
        self.state = STOPPED
        self.reconnects = 0
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._backoff = Backoff()

    # --- control -------------------------------------------------------------------

    def start(self, wait: float | None = 10.0) -> Follower:
        """Start following; waits (up to `wait` s) until the first catch-up is done."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-follower", daemon=True)
        self._thread.start()
        if wait:
            self._ready.wait(wait)
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        if self.listener is not None:
            self.listener.close()
        self._set_state(STOPPED)

    def wait_ready(self, timeout: float = 10.0) -> bool:
        return self._ready.wait(timeout)

    # --- the loop ------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            if self.on_state is not None:
                self.on_state(state)

    def _deliver(self, changes: list[Change]) -> None:
        if changes:
            try:
                self.on_changes(changes)
            except Exception:
                log.exception("a sync callback failed")

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.cursor is None:
                    start = self.start_seq if self.start_seq is not None else latest_seq(self.db)
                    self.cursor = SeqCursor(start)
                if self.listen:
                    self._listen_loop(self.cursor)
                else:
                    self._poll_loop(self.cursor)
            except LINK_ERRORS as exc:
                if self.listen and isinstance(exc, psycopg.errors.FeatureNotSupported):
                    log.warning("LISTEN not possible (%s): polling instead", exc)
                    self.listen = False
                    continue
                self.reconnects += 1
                self._set_state(RECONNECTING)
                delay = self._backoff.next()
                log.info("sync link lost (%s); retrying in %.1f s", exc, delay)
                self._stop.wait(delay)

    def _listen_loop(self, cursor: SeqCursor) -> None:
        listener = self.listener = Listener(self.db.url, self.channels)
        try:
            listener.open()  # LISTEN first, then catch up: nothing falls in between
            self._deliver(catch_up(self.db, cursor))
            self._backoff.reset()
            self._set_state(LISTENING)
            self._ready.set()
            last_sync = time.monotonic()
            while not self._stop.is_set():
                readable, _w, _x = select.select([listener.fileno()], [], [], 0.5)
                if readable:
                    self._deliver(cursor.accept(listener.drain()))
                    if listener.take_wake():
                        self._deliver(catch_up(self.db, cursor))
                        last_sync = time.monotonic()
                cursor.expire()
                if time.monotonic() - last_sync > self.resync_interval:
                    self._deliver(catch_up(self.db, cursor))
                    last_sync = time.monotonic()
        finally:
            listener.close()

    def _poll_loop(self, cursor: SeqCursor) -> None:
        self._deliver(catch_up(self.db, cursor))
        self._backoff.reset()
        self._set_state(POLLING)
        self._ready.set()
        while not self._stop.wait(self.poll_interval):
            self._deliver(catch_up(self.db, cursor))
