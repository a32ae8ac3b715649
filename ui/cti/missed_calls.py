"""Missed calls: inbound calls nobody answered and nobody rang back yet, with Call back.

Call back dials from the softphone when the workstation's CTI source can dial
(baresip); otherwise the number goes to the clipboard for the desk phone. Either
way the call, and every other missed call from that number, leaves the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QWidget,
)

from app import lookup
from app.cti import recorder
from app.cti.recorder import MissedCall
from db.engine import Database
from ui import formatting
from ui.cti.call_controls import clock
from ui.list_window import ListWindow
from ui.paged_model import Index, PageCall, PagedTableModel, first_line
from ui.pop import texts
from ui.worker import Task, run_in_background

PAGE = 100


class MissedCallsModel(PagedTableModel):
    """Columns: Time, Number, Customer, Queue, Waited. Newest first."""

    TIME, NUMBER, CUSTOMER, QUEUE, WAITED = range(5)

    def __init__(self, db: Database, region: str = "VN", page_size: int = PAGE) -> None:
        super().__init__(page_size)
        self.db, self.region = db, region
        self.retranslate()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def number(self, row: MissedCall) -> str:
        caller = row.caller or ""
        return texts.number(caller, lookup.probe(caller, self.region).normalized)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if not isinstance(row, MissedCall):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TIME:
                return formatting.date_time(row.offered_at)
            if col == self.NUMBER:
                return self.number(row)
            if col == self.CUSTOMER:
                return row.customer_name or row.caller_name or self.tr("Unknown caller")
            if col == self.QUEUE:
                return row.queue or ""
            if col == self.WAITED:
                return clock(row.waited_seconds)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.WAITED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def retranslate(self) -> None:
        self._headers = (
            self.tr("Time"),
            self.tr("Number"),
            self.tr("Customer"),
            self.tr("Queue"),
            self.tr("Waited"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)

    def _page_call(self, last: MissedCall | None) -> PageCall:
        before = (last.offered_at, last.id) if last else None
        return recorder.missed_calls, (self.db, before, self.page_size), {}


class MissedCallsWindow(ListWindow):
    """The list and its one action; Enter on a row calls back."""

    calledBack = Signal(str)  # the number

    def __init__(
        self,
        db: Database,
        region: str = "VN",
        dialer: Callable[[str], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.db = db
        self.dialer = dialer
        self.model = MissedCallsModel(db, region)
        widths = {
            MissedCallsModel.TIME: 140,
            MissedCallsModel.NUMBER: 150,
            MissedCallsModel.QUEUE: 100,
            MissedCallsModel.WAITED: 80,
        }
        super().__init__("MissedCalls", self.model, MissedCallsModel.CUSTOMER, widths, parent)
        self.setMinimumSize(720, 440)
        self.resize(800, 520)
        self._task: Task | None = None
        self.call_back_button = self.action_button
        self.call_back_button.setObjectName("CallBackButton")
        self.model.loading_changed.connect(self._update)
        self.model.load_failed.connect(self._failed)
        self.model.modelReset.connect(self._update)
        self.model.rows_loaded.connect(self._select_first)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.retranslate()
        self.model.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Missed calls"))
        self.title.setText(self.tr("Missed calls"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.call_back_button.setText(
            self.tr("Call back") if self.dialer is not None else self.tr("Copy number, mark called")
        )
        self.model.retranslate()
        self._update()

    def refresh(self) -> None:
        self.model.reload()

    def activate(self) -> None:
        self.call_back()

    def set_dialer(self, dialer: Callable[[str], bool] | None) -> None:
        self.dialer = dialer
        self.retranslate()

    def current(self) -> MissedCall | None:
        row = self.model.row(self.table.currentIndex().row())
        return row if isinstance(row, MissedCall) else None

    def _select_first(self) -> None:
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _update(self, *_args: object) -> None:
        rows = self.model.rowCount()
        if self.model.is_loading() and rows == 0:
            self.count.setText(self.tr("Loading…"))
        elif rows == 0:
            self.count.setText(self.tr("No missed calls to return"))
        elif self.model.canFetchMore():
            self.count.setText(self.tr("Missed calls: %1+").replace("%1", str(rows)))
        else:
            self.count.setText(self.tr("Missed calls: %1").replace("%1", str(rows)))
        self.call_back_button.setEnabled(self.current() is not None and self._task is None)

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("The list could not be loaded: %1").replace("%1", message))

    def call_back(self) -> None:
        row = self.current()
        if row is None or self._task is not None or not row.caller:
            return
        number = row.caller
        if self.dialer is not None:
            if not self.dialer(number):
                self.status.setText(self.tr("The softphone is not connected; nothing was dialled"))
                return
            note = self.tr("Calling %1…").replace("%1", self.model.number(row))
        else:
            clipboard = QGuiApplication.clipboard()
            if clipboard is not None:
                clipboard.setText(number)
            note = self.tr("%1 copied: dial it on your phone").replace("%1", self.model.number(row))
        self.status.setText(note)
        self._task = run_in_background(
            recorder.mark_called_back,
            self.db,
            row.id,
            on_result=lambda _n: self._marked(number),
            on_error=self._mark_failed,
        )
        self._update()

    def _marked(self, number: str) -> None:
        self._task = None
        self.calledBack.emit(number)
        self.model.reload()

    def _mark_failed(self, exc: BaseException) -> None:
        self._task = None
        self.status.setText(self.tr("Not saved: %1").replace("%1", first_line(exc)))
        self._update()
