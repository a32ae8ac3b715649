"""Runs app.tickets.escalate every minute in the background, one run at a time.

With PostgreSQL every workstation may run it: the service's advisory lock lets one
act and the others return at once. Breaches are announced on the ticket bus, so the
visible queue refreshes and the window can tell supervisors.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app import tickets
from db.engine import Database
from ui.tickets import clock
from ui.tickets.bus import bus
from ui.worker import Task, run_in_background

INTERVAL_MS = 60_000


class Escalator(QObject):
    """`breached(list[int])` after a run that marked tickets; `failed(str)` on errors."""

    breached = Signal(list)
    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._task: Task | None = None
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.run_once)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def is_running(self) -> bool:
        return self._task is not None

    def run_once(self) -> bool:
        """Start a run now (False when one is still going: never two at once)."""
        if self._task is not None:
            return False
        self._task = run_in_background(
            tickets.escalate, self.db, clock.now(), on_result=self._done, on_error=self._error
        )
        return True

    def _done(self, numbers: list[int]) -> None:
        self._task = None
        if numbers:
            bus().ticketsBreached.emit(numbers)
            self.breached.emit(numbers)

    def _error(self, exc: BaseException) -> None:
        self._task = None
        self.failed.emit(
            str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        )
