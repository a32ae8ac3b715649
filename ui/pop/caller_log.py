"""The caller log: recent calls and whom they matched, paged from the calls table.

An unknown number can be given to a customer from here later (Enter on the row, then
Enter on the customer): the number becomes the customer's contact point and every
still-unknown call from it is linked, so the log and the next ring agree.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import caller_log, phones
from app.caller_log import CallRow
from app.sync.changes import Change
from db.engine import Database
from ui import formatting, theme
from ui.app_messages import user_line
from ui.list_window import PagedListWindow
from ui.paged_model import Index, PageCall, PagedTableModel
from ui.pop import texts
from ui.pop.picker import CustomerPicker
from ui.sync import watch
from ui.widgets import grow_to_fit, make_label
from ui.worker import Task, run_in_background


class CallerLogModel(PagedTableModel):
    """Columns: Time, Number, Customer, Call ID. Pages of caller_log.PAGE, newest first."""

    TIME, NUMBER, CUSTOMER, CALL_ID = range(4)

    def __init__(self, db: Database, region: str = "VN", page_size: int = caller_log.PAGE) -> None:
        super().__init__(page_size)
        self.db = db
        self.region = region
        self.retranslate()

    @property
    def rows(self) -> list[CallRow]:
        """The calls loaded so far, newest first (read-only: the model owns the list)."""
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row: CallRow = self._rows[index.row()]
        col = index.column()
        unknown = row.customer_id is None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TIME:
                return formatting.date_time(row.offered_at)
            if col == self.NUMBER:
                return self.number(row)
            if col == self.CUSTOMER:
                if not unknown:
                    return row.customer_name or ""
                return self.tr("Withheld") if self.withheld(row) else self.tr("Unknown caller")
            if col == self.CALL_ID:
                return row.call_ref
        if role == Qt.ItemDataRole.ToolTipRole and col == self.NUMBER:
            return row.caller or ""
        if role == Qt.ItemDataRole.ForegroundRole and col == self.CUSTOMER and unknown:
            return QBrush(QColor("#97a3b3" if theme.current_theme() == "dark" else "#697586"))
        if role == Qt.ItemDataRole.FontRole and col == self.CUSTOMER and unknown:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    # -- ours -------------------------------------------------------------------------

    def number(self, row: CallRow) -> str:
        return texts.caller_number(row.caller, self.region)

    def withheld(self, row: CallRow) -> bool:
        return phones.is_withheld(row.caller)

    def row(self, index: int) -> CallRow | None:
        found: CallRow | None = super().row(index)
        return found

    def retranslate(self) -> None:
        self.set_headers(
            self.tr("Time"),
            self.tr("Number"),
            self.tr("Customer"),
            self.tr("Call ID"),
        )

    def _page_call(self, last: CallRow | None) -> PageCall:
        before = caller_log.page_key(last) if last else None
        return caller_log.recent_calls, (self.db, before, self.page_size), {}


class AssignDialog(QDialog):
    """Pick the customer an unknown number belongs to; Enter takes the first match."""

    def __init__(self, db: Database, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AssignDialog")
        self.setMinimumSize(480, 420)
        self.customer_id: uuid.UUID | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        self.setWindowTitle(self.tr("Assign a number"))
        layout.addWidget(
            make_label(self.tr("Whose number is %1?").replace("%1", number), "dialog-title")
        )
        self.picker = CustomerPicker(db)
        self.picker.picked.connect(self._picked)
        layout.addWidget(self.picker, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        ok = QPushButton(self.tr("Assign"))
        ok.setProperty("role", "primary")
        ok.clicked.connect(self.picker.confirm)
        for button in (cancel, ok):  # Enter belongs to the search box (first result)
            button.setAutoDefault(False)
            row.addWidget(button)
        layout.addLayout(row)
        grow_to_fit(self)

    def start(self, text: str = "", suggestions: list[uuid.UUID] | None = None) -> None:
        self.picker.start(text, suggestions)

    def _picked(self, customer_id: uuid.UUID) -> None:
        self.customer_id = customer_id
        self.accept()


class CallerLogWindow(PagedListWindow):
    """Recent calls; Enter on an unknown caller assigns the number to a customer."""

    assigned = Signal(object)  # customer id

    def __init__(self, db: Database, region: str = "VN", parent: QWidget | None = None) -> None:
        self.db = db
        self.region = region
        self.model = CallerLogModel(db, region)
        widths = {CallerLogModel.TIME: 140, CallerLogModel.NUMBER: 150, CallerLogModel.CALL_ID: 200}
        super().__init__("CallerLog", self.model, CallerLogModel.CUSTOMER, widths, parent)
        self.setMinimumSize(760, 480)
        self.resize(860, 560)
        self._task: Task | None = None
        self.assign_dialog: AssignDialog | None = None
        self._assigning = uuid.UUID(int=0)
        self._assigned_to = uuid.UUID(int=0)
        self.suggest: Any = list
        self.assign_button = self.action_button
        # Calls taken or assigned on other workstations show up here in place.
        watch(self, ("calls",), self._calls_changed, delay_ms=400)
        self.retranslate()
        self.model.reload()

    def retranslate(self) -> None:
        self.retranslate_frame(self.tr("Caller log"))
        self.assign_button.setText(self.tr("Assign number to customer…"))
        self.model.retranslate()
        self.show_state()

    def activate(self) -> None:
        self.assign_current()

    def _calls_changed(self, _changes: list[Change]) -> None:
        self.model.refresh()

    def current(self) -> CallRow | None:
        return self.model.row(self.table.currentIndex().row())

    def _assignable(self, row: CallRow | None) -> bool:
        return row is not None and row.customer_id is None and not self.model.withheld(row)

    def show_state(self, *_args: object) -> None:
        self.show_count(
            self.tr("No calls yet"),
            self.tr("Calls: %1+ (scroll for more)"),
            self.tr("Calls: %1"),
        )
        self.assign_button.setEnabled(self._assignable(self.current()) and self._task is None)

    def show_load_failure(self, message: str) -> None:
        self.status.setText(self.tr("The log could not be loaded: %1").replace("%1", message))

    def assign_current(self) -> None:
        """Ask whose number this is, then store it (two Enters on a found customer)."""
        row = self.current()
        if not self._assignable(row) or self._task is not None or self.assign_dialog is not None:
            return
        assert row is not None
        dialog = AssignDialog(self.db, self.model.number(row), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.assign_dialog = dialog
        self._assigning = row.id
        dialog.finished.connect(self._dialog_finished)
        dialog.open()
        dialog.start("", list(self.suggest()))

    def _dialog_finished(self, result: int) -> None:
        dialog, self.assign_dialog = self.assign_dialog, None
        if dialog is None:
            return
        if result == QDialog.DialogCode.Accepted and dialog.customer_id is not None:
            self.assign(self._assigning, dialog.customer_id)

    def assign(self, call_id: uuid.UUID, customer_id: uuid.UUID) -> None:
        self.status.setText(self.tr("Saving…"))
        self._assigned_to = customer_id
        self._task = run_in_background(
            caller_log.assign_caller,
            self.db,
            call_id,
            customer_id,
            self.region,
            on_result=self._assigned,
            on_error=self._assign_failed,
        )
        self.show_state()

    def _assigned(self, _linked: int) -> None:
        self._task = None
        self.status.setText(self.tr("Number assigned"))
        self.assigned.emit(self._assigned_to)
        self.model.reload()

    def _assign_failed(self, exc: BaseException) -> None:
        self._task = None
        first = user_line(exc)
        self.status.setText(self.tr("Not assigned: %1").replace("%1", first))
        self.show_state()
