"""The "Queues" and "My work" tabs: a department picker with open/overdue counts, and
the queue table (QueueTableModel, paged; never a widget per row).

Both tabs refresh on F5, after the agent's own changes (ui.tickets.bus) and after
escalation marked breaches, so a transferred ticket shows in the receiving queue at
once. Double-click or Enter on a row opens the ticket.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import queues
from app.auth import CurrentUser
from app.queues import QueueSummary
from db.engine import Database
from ui.tickets import sla_display, texts
from ui.tickets.queue_model import NUMBER_ROLE, QueueTableModel
from ui.tickets.sla_delegate import SlaPillDelegate
from ui.widgets import make_label, set_style_props
from ui.worker import Task, run_in_background

ROW_HEIGHT = 32
_WIDTHS = {0: 84, 1: 84, 3: 150, 4: 72, 5: 118, 6: 90, 7: 178}


class QueueTable(QTableView):
    """The queue table; `openTicket(number)` on double-click or Enter."""

    openTicket = Signal(int)

    def __init__(self, model: QueueTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QueueTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        horizontal = self.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        horizontal.setMinimumSectionSize(60)
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setSectionResizeMode(QueueTableModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        for column, width in _WIDTHS.items():
            self.setColumnWidth(column, width)
        self.setItemDelegateForColumn(QueueTableModel.TIME_LEFT, SlaPillDelegate(self))
        self.doubleClicked.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        number = index.data(NUMBER_ROLE)
        if number is not None:
            self.openTicket.emit(int(number))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            return
        super().keyPressEvent(event)


class QueueView(QWidget):
    """What both tabs show: a heading with Refresh over a queue table, F5 on the button;
    `openTicket(number)` from the table. Subclasses lay them out (`heading_row`), say
    the heading in `_update_heading` and load in `refresh`."""

    openTicket = Signal(int)

    def __init__(self, name: str, db: Database, user: CurrentUser, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.db, self.user = db, user
        self.model = QueueTableModel(parent=self)
        self.heading = make_label("", "list-count")
        self.refresh_button = QPushButton()
        self.table = QueueTable(self.model)
        self.table.openTicket.connect(self.openTicket)
        self.refresh_button.clicked.connect(self.refresh)
        self.model.rows_loaded.connect(self._update_heading)

    def heading_row(self) -> QHBoxLayout:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        return top

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("F5"))
        self.model.retranslate()
        self._update_heading()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Load the rows again (F5, after a change)."""

    def _update_heading(self, *_args: object) -> None:
        """Say what the heading says now."""


class QueuesPanel(QueueView):
    """Department picker on the left, that department's open tickets on the right."""

    def __init__(self, db: Database, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__("QueuesPanel", db, user, parent)
        self.department: str | None = None
        self.summaries: list[QueueSummary] = []
        self._summary_task: Task | None = None
        self._user_department: str | None = None

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(12)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(8)
        self.picker_title = make_label("", "list-count")
        ll.addWidget(self.picker_title)
        self.picker = QTableWidget(0, 3)
        self.picker.setObjectName("DepartmentPicker")
        self.picker.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.picker.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.picker.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.picker.setShowGrid(False)
        self.picker.setWordWrap(False)
        self.picker.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.picker.verticalHeader().setVisible(False)
        self.picker.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.picker.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        ll.addWidget(self.picker, 1)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(8)
        self.heading.setObjectName("QueueHeading")
        self.refresh_button.setObjectName("refresh")
        rl.addLayout(self.heading_row())
        rl.addWidget(self.table, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([270, 990])
        layout.addWidget(split)

        self.picker.currentCellChanged.connect(self._picked)
        self.model.load_failed.connect(self._failed)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.picker_title.setText(self.tr("Departments"))
        self.picker.setHorizontalHeaderLabels(
            [self.tr("Queue"), self.tr("Open"), self.tr("Overdue")]
        )
        super().retranslate()

    # -- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Counts and the shown queue again (F5, after a change, after escalation)."""
        self._load_summaries()
        if self.department is not None:
            self.model.reload()

    def live_refresh(self) -> None:
        """Another workstation changed tickets: counts again, the shown rows in place."""
        self._load_summaries()
        if self.department is not None:
            self.model.refresh()

    def _load_summaries(self) -> None:
        if self._summary_task is not None:
            self._summary_task.cancel()
        self._summary_task = run_in_background(
            queues.summaries, self.db, on_result=self._summaries, on_error=self._failed_summaries
        )

    def is_loading(self) -> bool:
        return self._summary_task is not None or self.model.is_loading()

    def show_department(self, code: str) -> None:
        """Switch the queue to department `code`."""
        if code == self.department:
            return
        self.department = code
        for r, s in enumerate(self.summaries):
            if s.code == code and self.picker.currentRow() != r:
                self.picker.blockSignals(True)
                self.picker.setCurrentCell(r, 0)
                self.picker.blockSignals(False)
        self.model.set_source(functools.partial(queues.department_queue, self.db, code))
        self._update_heading()

    def _summaries(self, rows: list[QueueSummary]) -> None:
        self._summary_task = None
        self.summaries = rows
        self.picker.blockSignals(True)
        self.picker.setRowCount(len(rows))
        for r, s in enumerate(rows):
            name = QTableWidgetItem(s.name)
            name.setData(Qt.ItemDataRole.UserRole, s.code)
            name.setToolTip(s.code)
            opened = QTableWidgetItem(str(s.open))
            overdue = QTableWidgetItem(str(s.overdue) if s.overdue else "—")
            for item in (opened, overdue):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if s.overdue:
                overdue.setForeground(sla_display.colours("overdue")[1])
                font = overdue.font()
                font.setBold(True)
                overdue.setFont(font)
            self.picker.setItem(r, 0, name)
            self.picker.setItem(r, 1, opened)
            self.picker.setItem(r, 2, overdue)
        self.picker.blockSignals(False)
        codes = [s.code for s in rows]
        if self.department in codes:
            self.picker.blockSignals(True)
            self.picker.setCurrentCell(codes.index(self.department), 0)
            self.picker.blockSignals(False)
        elif rows:
            self.show_department(self._default_department(rows))
        self._update_heading()

    def _default_department(self, rows: list[QueueSummary]) -> str:
        busiest = max(rows, key=lambda s: (s.overdue, s.open))
        return busiest.code

    def _failed_summaries(self, exc: BaseException) -> None:
        self._summary_task = None
        self._failed(texts.first_line(exc))

    def _picked(self, row: int, _col: int, _prev_row: int, _prev_col: int) -> None:
        item = self.picker.item(row, 0)
        if item is not None:
            self.show_department(str(item.data(Qt.ItemDataRole.UserRole)))

    def _update_heading(self, *_args: object) -> None:
        summary = next((s for s in self.summaries if s.code == self.department), None)
        if summary is None:
            text = self.tr("Pick a department")
        else:
            text = (
                self.tr("%1 — %2 open · %3 overdue")
                .replace("%1", summary.name)
                .replace("%2", str(summary.open))
                .replace("%3", str(summary.overdue))
            )
        self.heading.setText(text)
        if self.heading.property("tone"):
            set_style_props(self.heading, tone="")

    def _failed(self, message: str) -> None:
        self.heading.setText(self.tr("The queue could not be loaded: %1").replace("%1", message))
        set_style_props(self.heading, tone="error")


class MyWorkPanel(QueueView):
    """The signed-in user's open tickets, most urgent deadline first."""

    def __init__(self, db: Database, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__("MyWorkPanel", db, user, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addLayout(self.heading_row())
        layout.addWidget(self.table, 1)
        self.model.load_failed.connect(self._update_heading)
        self.retranslate()

    def refresh(self) -> None:
        self.model.set_source(functools.partial(queues.my_work, self.db, self.user.id))

    def is_loading(self) -> bool:
        return self.model.is_loading()

    def _update_heading(self, *_args: object) -> None:
        rows = self.model.rowCount()
        if self.model.error:
            text = self.tr("Your tickets could not be loaded: %1").replace("%1", self.model.error)
        elif self.model.is_loading() and rows == 0:
            text = self.tr("Loading…")
        elif rows == 0:
            text = self.tr("Nothing assigned to you right now")
        else:
            more = "+" if self.model.has_more() else ""
            text = self.tr("Assigned to you: %1").replace("%1", f"{rows}{more}")
        self.heading.setText(text)
