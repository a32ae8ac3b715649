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

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont

from app import queues
from app.queues import QueueRow
from ui import labels
from ui.tickets import clock, sla_display
from ui.worker import Task, run_in_background

Index = QModelIndex | QPersistentModelIndex
# (after, limit) -> rows; must be plain Python (it runs on a worker thread)
PageFn = Callable[..., list[QueueRow]]
SLA_STATE_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole
TICK_MS = 30_000


class QueueTableModel(QAbstractTableModel):
    """Columns: number, kind, subject, customer, priority, status, assignee, time left."""

    NUMBER, KIND, SUBJECT, CUSTOMER, PRIORITY, STATUS, ASSIGNEE, TIME_LEFT = range(8)

    loading_changed = Signal(bool)
    load_failed = Signal(str)
    rows_loaded = Signal()

    def __init__(self, page_size: int = queues.PAGE, parent: QObject | None = None) -> None:
        # Give it a parent: a parentless model (and its timer) could be collected on a
        # worker thread, where Qt cannot stop the timer.
        super().__init__(parent)
        self.page_size = page_size
        self._page: PageFn | None = None
        self._rows: list[QueueRow] = []
        self._more = False
        self._task: Task | None = None
        self.error = ""
        self.now: datetime = clock.now()
        self._headers: tuple[str, ...] = ()
        self.tick_timer = QTimer(self, interval=TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        self.tick_timer.start()
        self.retranslate()

    # -- Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._page is not None and self._more and self._task is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request_page()

    # -- our interface ----------------------------------------------------------------

    def retranslate(self) -> None:
        self._headers = (
            self.tr("Number"),
            self.tr("Kind"),
            self.tr("Subject"),
            self.tr("Customer"),
            self.tr("Priority"),
            self.tr("Status"),
            self.tr("Assignee"),
            self.tr("Time left"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)
        self._refresh_cells(0, 7)

    def set_source(self, page: PageFn | None) -> None:
        """Show another queue: `page(after=..., limit=...)` returns its rows."""
        self._page = page
        self.reload()

    def reload(self) -> None:
        """Start over from the first page (after a change, or F5)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.error = ""
        self.now = clock.now()
        self.beginResetModel()
        self._rows = []
        self._more = self._page is not None
        self.endResetModel()
        if self._page is not None:
            self._request_page()

    def tick(self) -> None:
        """Re-read the clock and recolour the time-left cells (no database work)."""
        self.now = clock.now()
        self._refresh_cells(self.TIME_LEFT, self.TIME_LEFT)

    def _refresh_cells(self, first: int, last: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last))

    def row(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[QueueRow]:
        return list(self._rows)

    def find(self, number: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.number == number), -1)

    def is_loading(self) -> bool:
        return self._task is not None

    def has_more(self) -> bool:
        return self._more

    # -- loading ----------------------------------------------------------------------

    def _request_page(self) -> None:
        assert self._page is not None
        after = queues.queue_key(self._rows[-1]) if self._rows else None
        self._task = run_in_background(
            self._page,
            after=after,
            limit=self.page_size,
            on_result=self._page_arrived,
            on_error=self._page_failed,
        )
        self.loading_changed.emit(True)

    def _page_arrived(self, rows: list[QueueRow]) -> None:
        self._task = None
        self._more = len(rows) >= self.page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loading_changed.emit(False)
        self.rows_loaded.emit()

    def _page_failed(self, exc: BaseException) -> None:
        self._task = None
        self._more = False
        self.error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        self.loading_changed.emit(False)
        self.load_failed.emit(self.error)
