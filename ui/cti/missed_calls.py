"""Missed calls: inbound calls nobody answered and nobody rang back yet, with Call back.

Call back dials from the softphone when the workstation's CTI source can dial
(baresip); otherwise the number goes to the clipboard for the desk phone. Either
way the call, and every other missed call from that number, leaves the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QWidget,
)

from app.cti import recorder
from app.cti.recorder import MissedCall
from db.engine import Database
from ui import formatting
from ui.cti.call_controls import clock
from ui.list_window import PagedListWindow
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

    def number(self, row: MissedCall) -> str:
        return texts.caller_number(row.caller, self.region)

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
        self.set_headers(
            self.tr("Time"),
            self.tr("Number"),
            self.tr("Customer"),
            self.tr("Queue"),
            self.tr("Waited"),
        )

    def _page_call(self, last: MissedCall | None) -> PageCall:
        before = (last.offered_at, last.id) if last else None
        return recorder.missed_calls, (self.db, before, self.page_size), {}


class MissedCallsWindow(PagedListWindow):
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
        self.model.rows_loaded.connect(self._select_first)
        self.retranslate()
        self.model.reload()

    def retranslate(self) -> None:
        self.retranslate_frame(self.tr("Missed calls"))
        self.call_back_button.setText(
            self.tr("Call back") if self.dialer is not None else self.tr("Copy number, mark called")
        )
        self.model.retranslate()
        self.show_state()

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

    def show_state(self, *_args: object) -> None:
        self.show_count(
            self.tr("No missed calls to return"),
            self.tr("Missed calls: %1+"),
            self.tr("Missed calls: %1"),
        )
        self.call_back_button.setEnabled(self.current() is not None and self._task is None)

    def show_load_failure(self, message: str) -> None:
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
        self.show_state()

    def _marked(self, number: str) -> None:
        self._task = None
        self.calledBack.emit(number)
        self.model.reload()

    def _mark_failed(self, exc: BaseException) -> None:
        self._task = None
        self.status.setText(self.tr("Not saved: %1").replace("%1", first_line(exc)))
        self.show_state()
