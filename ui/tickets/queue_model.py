"""A ticket queue as a Qt table model that pages itself in the background.

Rows come from a page function (app.queues.department_queue or my_work) in pages,
keyset-continued after the last row (app.queues.queue_key), only when the view
scrolls near the end (canFetchMore/fetchMore). The time-left column is recomputed
from the rows already loaded every 30 s (`tick`), without asking the database again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFont

from app import queues
from app.queues import QueueRow
from ui import labels
from ui.paged_model import Index, PageCall, PagedTableModel
from ui.tickets import clock, sla_display

# (after, limit) -> rows; must be plain Python (it runs on a worker thread)
PageFn = Callable[..., list[QueueRow]]
SLA_STATE_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole
TICK_MS = 30_000


class QueueTableModel(PagedTableModel):
    """Columns: number, kind, subject, customer, priority, status, assignee, time left."""

    NUMBER, KIND, SUBJECT, CUSTOMER, PRIORITY, STATUS, ASSIGNEE, TIME_LEFT = range(8)

    def __init__(self, page_size: int = queues.PAGE, parent: QObject | None = None) -> None:
        # Give it a parent: a parentless model (and its timer) could be collected on a
        # worker thread, where Qt cannot stop the timer.
        super().__init__(page_size, parent)
        self._page: PageFn | None = None
        self._more = False
        self.now: datetime = clock.now()
        self.tick_timer = QTimer(self, interval=TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        self.tick_timer.start()
        self.retranslate()

    # -- Qt model interface -----------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == NUMBER_ROLE:
            return row.number
        if role == SLA_STATE_ROLE:
            return str(row.sla_state(self.now))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.SUBJECT:
                return row.subject
            if col == self.TIME_LEFT:
                return sla_display.state_name(row.sla_state(self.now))
        if role == Qt.ItemDataRole.FontRole and col == self.NUMBER:
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == self.PRIORITY
            and row.priority
            in (
                "high",
                "urgent",
            )
        ):
            return sla_display.colours("overdue" if row.priority == "urgent" else "due_soon")[1]
        return None

    def _display(self, row: QueueRow, col: int) -> str:
        if col == self.NUMBER:
            return row.display_number
        if col == self.KIND:
            return labels.ticket_kind(row.kind)
        if col == self.SUBJECT:
            return row.subject
        if col == self.CUSTOMER:
            return row.customer or "—"
        if col == self.PRIORITY:
            return labels.priority(row.priority)
        if col == self.STATUS:
            return labels.ticket_status(row.status)
        if col == self.ASSIGNEE:
            return row.assignee or "—"
        return sla_display.time_left_text(row, self.now)

    # -- our interface ----------------------------------------------------------------

    def retranslate(self) -> None:
        self.set_headers(
            self.tr("Number"),
            self.tr("Kind"),
            self.tr("Subject"),
            self.tr("Customer"),
            self.tr("Priority"),
            self.tr("Status"),
            self.tr("Assignee"),
            self.tr("Time left"),
        )
        self._refresh_cells(0, 7)

    def set_source(self, page: PageFn | None) -> None:
        """Show another queue: `page(after=..., limit=...)` returns its rows."""
        self._page = page
        self.reload()

    def reload(self) -> None:
        """Start over from the first page (after a change, or F5)."""
        self.now = clock.now()
        super().reload()

    def tick(self) -> None:
        """Re-read the clock and recolour the time-left cells (no database work)."""
        self.now = clock.now()
        self._refresh_cells(self.TIME_LEFT, self.TIME_LEFT)

    def _refresh_cells(self, first: int, last: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last))

    def row(self, row: int) -> QueueRow | None:
        found: QueueRow | None = super().row(row)
        return found

    def rows(self) -> list[QueueRow]:
        return list(self._rows)

    def find(self, number: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.number == number), -1)

    # -- loading ----------------------------------------------------------------------

    def _page_call(self, last: QueueRow | None) -> PageCall | None:
        if self._page is None:
            return None
        after = queues.queue_key(last) if last else None
        return self._page, (), {"after": after, "limit": self.page_size}
