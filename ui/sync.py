"""Live sync in the GUI: a thin Qt adapter over app.sync.

The listening connection's socket is watched by a QSocketNotifier on the GUI thread;
when it is readable, `Listener.drain()` reads what arrived without blocking. Opening the
connection and every catch-up query run on ui.worker threads. A supplier's client
(app.sync.changes.may_listen) listens only for its scope's empty wake-ups: each one
triggers a catch-up, and the sequence is read every WAKE_FALLBACK_MS anyway. Without
LISTEN (SQLite, a restricted client without a department, or while the server cannot
be reached) the change sequence is polled every second.

Views do not talk to the controller: they watch the application-wide `sync_bus()` for
the tables they show (`watch(...)`), so a dialog opened later needs no wiring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from app.sync.backoff import Backoff
from app.sync.changes import (
    ALL_TABLES,
    WAKE_FALLBACK_POLL,
    Change,
    fetch_since,
    latest_seq,
    listen_channels,
)
from app.sync.cursor import SeqCursor
from app.sync.follower import LISTENING, POLLING, RECONNECTING, STOPPED
from app.sync.listener import Listener, ListenerLost
from db.change_log import CHANNEL
from db.engine import Database
from ui.worker import Task, run_in_background

log = logging.getLogger(__name__)

POLL_MS = 1000
RESYNC_MS = 30_000  # a safety catch-up while listening (a notification lost in transit)
WAKE_FALLBACK_MS = int(WAKE_FALLBACK_POLL * 1000)  # woken per scope: what has no scope


class SyncBus(QObject):
    """Changes other workstations (and this one) committed, keyed by table."""

    changed = Signal(str, list)  # table ('*' for a bulk load), [Change]
    stateChanged = Signal(str)  # listening / polling / reconnecting / stopped

    def publish(self, changes: list[Change]) -> None:
        by_table: dict[str, list[Change]] = {}
        for c in changes:
            by_table.setdefault(c.table, []).append(c)
        for table, items in by_table.items():
            self.changed.emit(table, items)


_bus: SyncBus | None = None


def sync_bus() -> SyncBus:
    global _bus
    if _bus is None:
        _bus = SyncBus()
    return _bus


class TableWatch(QObject):
    """Calls `callback(changes)` for changes to `tables`, gathered for `delay_ms` so a
    burst (a ticket and its log entries) costs one refresh. Parent it to the view: it
    goes away with it."""

    def __init__(
        self,
        parent: QObject,
        tables: Iterable[str],
        callback: Callable[[list[Change]], object],
        delay_ms: int = 150,
    ) -> None:
        super().__init__(parent)
        self.tables = set(tables)
        self.callback = callback
        self._pending: list[Change] = []
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._fire)
        sync_bus().changed.connect(self._changed)

    def _changed(self, table: str, changes: list[Change]) -> None:
        if table in self.tables or table == ALL_TABLES:
            self._pending.extend(changes)
            if not self._timer.isActive():
                self._timer.start()

    def _fire(self) -> None:
        pending, self._pending = self._pending, []
        if pending:
            self.callback(pending)


def watch(
    parent: QObject,
    tables: Iterable[str],
    callback: Callable[[list[Change]], object],
    delay_ms: int = 150,
) -> TableWatch:
    return TableWatch(parent, tables, callback, delay_ms)


def _open_listener(
    db: Database, after: int, channels: tuple[str, ...]
) -> tuple[Listener, list[Change]]:
    """Worker thread: connect, LISTEN, then read what was committed meanwhile (in this
    order, so nothing falls between)."""
    listener = Listener(db.url, channels)
    listener.open()
    try:
        return listener, fetch_since(db, after)
    except BaseException:
        listener.close()
        raise


class SyncController(QObject):
    """Keeps this client following the change sequence; publishes to `sync_bus()`."""

    def __init__(self, db: Database, parent: QObject | None = None, listen: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.channels = listen_channels(db) if listen else ()
        self.listen = bool(self.channels)
        # Woken without payloads (a supplier): every wake-up and every
        # WAKE_FALLBACK_MS is a catch-up.
        self.wake_only = self.listen and CHANNEL not in self.channels
        self.state = STOPPED
        self.cursor: SeqCursor | None = None
        self.listener: Listener | None = None
        self.notifier: QSocketNotifier | None = None
        self.reconnects = 0
        self._backoff = Backoff()
        self._opening: Task | None = None
        self._fetching: Task | None = None
        self._fetch_again = False  # woken while a catch-up was already on its way
        self._stopped = True
        self.poll_timer = QTimer(self, interval=POLL_MS)
        self.poll_timer.timeout.connect(self._poll)
        self.resync_timer = QTimer(self, interval=WAKE_FALLBACK_MS if self.wake_only else RESYNC_MS)
        self.resync_timer.timeout.connect(self._poll)
        self.retry_timer = QTimer(self, singleShot=True)
        self.retry_timer.timeout.connect(self._open)
        self.start_timer = QTimer(self, singleShot=True)
        self.start_timer.timeout.connect(self.start)

    # -- control ----------------------------------------------------------------------

    def start(self) -> None:
        self._stopped = False
        run_in_background(latest_seq, self.db, on_result=self._started, on_error=self._start_failed)

    def _started(self, seq: int) -> None:
        if self._stopped:
            return
        self.cursor = SeqCursor(seq)
        if self.listen:
            self._open()
        else:
            self._set_state(POLLING)
            self.poll_timer.start()

    def _start_failed(self, exc: BaseException) -> None:
        log.info("sync: cannot read the change sequence yet (%s)", exc)
        self._set_state(RECONNECTING)
        if not self._stopped:
            self.start_timer.start(int(self._backoff.next() * 1000))

    def stop(self) -> None:
        self._stopped = True
        for timer in (self.poll_timer, self.resync_timer, self.retry_timer, self.start_timer):
            timer.stop()
        self._drop_listener()
        self._set_state(STOPPED)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            sync_bus().stateChanged.emit(state)

    # -- listening --------------------------------------------------------------------

    def _open(self) -> None:
        if self._stopped or self._opening is not None or self.cursor is None:
            return
        self._opening = run_in_background(
            _open_listener,
            self.db,
            self.cursor.low,
            self.channels,
            on_result=self._opened,
            on_error=self._open_failed,
        )

    def _opened(self, result: tuple[Listener, list[Change]]) -> None:
        self._opening = None
        listener, changes = result
        if self._stopped or self.cursor is None:
            listener.close()
            return
        self.listener = listener
        self.notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)
        self._backoff.reset()
        self.poll_timer.stop()
        self.resync_timer.start()
        self._set_state(LISTENING)
        self._deliver(changes)
        self._readable()  # anything that arrived while the result travelled here

    def _open_failed(self, exc: BaseException) -> None:
        self._opening = None
        if self._stopped:
            return
        self.reconnects += 1
        self._set_state(RECONNECTING)
        # Meanwhile poll: if the server answers but LISTEN is refused, changes still come.
        self.poll_timer.start()
        delay = self._backoff.next()
        log.info("sync: listening failed (%s); retrying in %.1f s", exc, delay)
        self.retry_timer.start(int(delay * 1000))

    def _readable(self, *_args: object) -> None:
        if self.listener is None or self.cursor is None:
            return
        try:
            changes = self.listener.drain()
        except ListenerLost as exc:
            self._lost(exc)
            return
        self._deliver(changes)
        if self.listener.take_wake():
            self._woken()

    def _woken(self) -> None:
        """Something in this client's scope changed: read the sequence now. A catch-up
        already running may have started before that commit: then one more after it."""
        if self._fetching is not None:
            self._fetch_again = True
        else:
            self._poll()

    def _drop_listener(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def _lost(self, exc: BaseException) -> None:
        log.info("sync: listening connection lost (%s)", exc)
        self._drop_listener()
        self.resync_timer.stop()
        self._open_failed(exc)

    # -- polling and catching up ------------------------------------------------------

    def _poll(self) -> None:
        if self._fetching is not None or self.cursor is None:
            return
        self._fetching = run_in_background(
            fetch_since,
            self.db,
            self.cursor.low,
            on_result=self._fetched,
            on_error=self._fetch_failed,
        )

    def _fetched(self, changes: list[Change]) -> None:
        self._fetching = None
        if not self.listen and self.state != POLLING:
            self._set_state(POLLING)
        self._deliver(changes)
        if self._fetch_again:
            self._fetch_again = False
            self._poll()

    def _fetch_failed(self, exc: BaseException) -> None:
        self._fetching = None
        self._fetch_again = False  # the fallback poll or the reconnect reads it later
        if not self.listen:
            self._set_state(RECONNECTING)
        log.debug("sync: catch-up failed (%s)", exc)

    def _deliver(self, changes: list[Change]) -> None:
        if self.cursor is None:
            return
        fresh = self.cursor.accept(changes)
        if fresh:
            sync_bus().publish(fresh)
