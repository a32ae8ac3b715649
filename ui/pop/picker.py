"""Find a customer from the keyboard: a search box over a short result list where Enter
takes the highlighted row. Used to attach an unknown number, and by the caller log.

The box may start filled (the caller's display name from the phone system) or empty
with suggestions (the customer open in the main window), so the common case is one
key: Enter. Enter pressed while a search is still running takes the first result
when it arrives.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from app import card as card_mod
from app import customers
from db.engine import Database
from ui.app_messages import user_line
from ui.widgets import make_label
from ui.worker import Task, run_in_background

RESULTS = 20
SEARCH_DELAY_MS = 200
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PickRow:
    id: uuid.UUID
    name: str
    detail: str


def _rows_from_page(rows: list[customers.CustomerRow]) -> list[PickRow]:
    return [
        PickRow(r.id, r.name, "  ·  ".join(x for x in (r.phone, r.email, r.external_id) if x))
        for r in rows
    ]


def _rows_from_summaries(rows: list[card_mod.CustomerSummary]) -> list[PickRow]:
    return [
        PickRow(r.id, r.name, "  ·  ".join(x for x in (r.phone, r.external_id) if x))
        for r in rows
        if r.merged_into_id is None
    ]


class PickModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PickRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.name}    {row.detail}" if row.detail else row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.detail or row.name
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def set_rows(self, rows: list[PickRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class CustomerPicker(QWidget):
    """Emits `picked(customer_id)` on Enter (or a double click) on a result."""

    picked = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._task: Task | None = None
        self._confirm_pending = False
        self._suggestions: list[uuid.UUID] = []
        self.suggest: Callable[[], list[uuid.UUID]] = list

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.search = QLineEdit()
        self.search.setObjectName("PickerSearch")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = PickModel()
        self.results = QListView()
        self.results.setObjectName("PickerResults")
        self.results.setModel(self.model)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box
        self.results.setUniformItemSizes(True)
        self.results.doubleClicked.connect(lambda _index: self.confirm())
        layout.addWidget(self.results, 1)
        self.status = make_label("", "muted-small")
        layout.addWidget(self.status)

        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self._run)
        self.search.textEdited.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.confirm)
        self.search.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search name, phone, email or customer number"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- driving ----------------------------------------------------------------------

    def start(self, text: str = "", suggestions: list[uuid.UUID] | None = None) -> None:
        """Fill the box and search at once (no typing delay)."""
        self._confirm_pending = False
        self._suggestions = list(suggestions or [])
        self.search.setText(text)
        self.search.selectAll()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._run()

    def current_id(self) -> uuid.UUID | None:
        index = self.results.currentIndex()
        row = index.row() if index.isValid() else 0
        return self.model.rows[row].id if 0 <= row < len(self.model.rows) else None

    def is_loading(self) -> bool:
        return self._task is not None

    def confirm(self) -> None:
        """Take the highlighted result; while a search runs, the first when it arrives."""
        if self.timer.isActive():
            self.timer.stop()
            self._run()
        if self._task is not None:
            self._confirm_pending = True
            return
        cid = self.current_id()
        if cid is not None:
            self.picked.emit(cid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.model.rows:
                current = self.results.currentIndex().row()
                row = max(0, min(len(self.model.rows) - 1, current + step))
                self.results.setCurrentIndex(self.model.index(row, 0))
                return True
        return super().eventFilter(watched, event)

    # -- searching --------------------------------------------------------------------

    def _run(self) -> None:
        if self._task is not None:
            self._task.cancel()
        query = self.search.text().strip()
        if query:
            self.status.setText(self.tr("Searching…"))
            self._task = run_in_background(
                customers.page,
                self.db,
                query,
                None,
                RESULTS,
                on_result=self._page_arrived,
                on_error=self._failed,
            )
        else:
            ids = self._suggestions or self.suggest()
            if not ids:
                self._task = None
                self._arrived([])
                return
            self.status.setText(self.tr("Searching…"))
            self._task = run_in_background(
                card_mod.summaries,
                self.db,
                ids,
                on_result=self._summaries_arrived,
                on_error=self._failed,
            )

    def _page_arrived(self, rows: list[customers.CustomerRow]) -> None:
        self._arrived(_rows_from_page(rows))

    def _summaries_arrived(self, rows: list[card_mod.CustomerSummary]) -> None:
        self._arrived(_rows_from_summaries(rows))

    def _arrived(self, rows: list[PickRow]) -> None:
        self._task = None
        self.model.set_rows(rows)
        if rows:
            self.results.setCurrentIndex(self.model.index(0, 0))
            more = len(rows) >= RESULTS
            self.status.setText(
                (
                    self.tr("First %1 customers; type more to narrow down")
                    if more
                    else self.tr("Customers found: %1")
                ).replace("%1", str(len(rows)))
            )
        elif self.search.text().strip():
            self.status.setText(self.tr("No customer matches this search"))
        else:
            self.status.setText(self.tr("Type a name, phone number or customer number"))
        if self._confirm_pending:
            self._confirm_pending = False
            if rows:
                self.picked.emit(rows[0].id)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._confirm_pending = False
        first = user_line(exc)
        self.status.setText(self.tr("Search failed: %1").replace("%1", first))
