"""When someone saved the ticket first: both versions side by side, and a choice.

The agent either reloads (their change is dropped, they see what is there now) or
applies their change again on top of the current version, knowingly. Nothing is ever
overwritten without this choice. Non-blocking (open()), so the ticket window stays live.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QPushButton, QVBoxLayout, QWidget

from app.tickets import TicketView
from ui import formatting, labels
from ui.tickets.forms import button_row, primary
from ui.widgets import grow_to_fit, make_label

RELOAD, RETRY = "reload", "retry"


class ConflictDialog(QDialog):
    """Emits `chosen(RELOAD | RETRY)`; closing it is the same as reload."""

    chosen = Signal(str)

    def __init__(
        self,
        mine: TicketView,
        current: TicketView,
        change: str,
        message: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("The ticket was changed meanwhile"))
        self.setMinimumSize(560, 360)
        self.choice = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        title = make_label(
            self.tr("Someone else changed %1").replace("%1", mine.display_number), "dialog-title"
        )
        title.setProperty("tone", "error")
        layout.addWidget(title)
        self.message = make_label(message, None, selectable=True, wrap=True)
        self.message.setObjectName("ConflictMessage")
        layout.addWidget(self.message)
        layout.addWidget(
            make_label(self.tr("Your change: %1").replace("%1", change), "hint", wrap=True)
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        grid.addWidget(make_label("", "field"), 0, 0)
        grid.addWidget(
            make_label(
                self.tr("What you saw (version %1)").replace("%1", str(mine.version)), "section"
            ),
            0,
            1,
        )
        grid.addWidget(
            make_label(self.tr("Now (version %1)").replace("%1", str(current.version)), "section"),
            0,
            2,
        )
        rows = [
            (
                self.tr("Status"),
                labels.ticket_status(mine.status),
                labels.ticket_status(current.status),
            ),
            (
                self.tr("Priority"),
                labels.priority(mine.priority),
                labels.priority(current.priority),
            ),
            (
                self.tr("Department"),
                mine.department_name or "—",
                current.department_name or "—",
            ),
            (self.tr("Assignee"), mine.assignee or "—", current.assignee or "—"),
            (
                self.tr("Last change"),
                formatting.date_time(mine.updated_at),
                formatting.date_time(current.updated_at),
            ),
            (self.tr("Log entries"), str(len(mine.events)), str(len(current.events))),
        ]
        for r, (name, before, now) in enumerate(rows, start=1):
            grid.addWidget(make_label(name, "field"), r, 0)
            grid.addWidget(make_label(before, "value", selectable=True), r, 1)
            changed = make_label(now, "value" if before == now else "amount", selectable=True)
            grid.addWidget(changed, r, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.reload_button = QPushButton(self.tr("Reload, drop my change"))
        self.reload_button.setObjectName("reload")
        self.retry_button = primary(QPushButton(self.tr("Apply my change to the new version")))
        self.retry_button.setObjectName("retry")
        layout.addLayout(button_row(self.reload_button, self.retry_button))
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.retry_button.clicked.connect(lambda: self._choose(RETRY))
        grow_to_fit(self)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()

    def done(self, result: int) -> None:
        choice = self.choice or RELOAD
        super().done(result)
        self.chosen.emit(choice)
