"""When someone saved the ticket first: both versions side by side, and a choice.

The agent either reloads (their change is dropped, they see what is there now) or
applies their change again on top of the current version, knowingly. Nothing is ever
overwritten without this choice. Non-blocking (open()), so the ticket window stays live.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.tickets import TicketView
from ui import formatting, labels
from ui.versions_dialog import RELOAD, VersionRow, VersionsDialog
from ui.widgets import make_label

RETRY = "retry"
__all__ = ["RELOAD", "RETRY", "ConflictDialog"]


class ConflictDialog(VersionsDialog):
    """Emits `chosen(RELOAD | RETRY)`; closing it is the same as reload."""

    def __init__(
        self,
        mine: TicketView,
        current: TicketView,
        change: str,
        message: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("ConflictDialog", parent)
        self.setWindowTitle(self.tr("The ticket was changed meanwhile"))
        self.setMinimumSize(560, 360)
        self.message = make_label(message, None, selectable=True, wrap=True)
        self.message.setObjectName("ConflictMessage")
        your_change = make_label(
            self.tr("Your change: %1").replace("%1", change), "hint", wrap=True
        )
        rows = [
            VersionRow(
                self.tr("Status"),
                (labels.ticket_status(mine.status), labels.ticket_status(current.status)),
            ),
            VersionRow(
                self.tr("Priority"),
                (labels.priority(mine.priority), labels.priority(current.priority)),
            ),
            VersionRow(
                self.tr("Department"), (mine.department_name or "—", current.department_name or "—")
            ),
            VersionRow(self.tr("Assignee"), (mine.assignee or "—", current.assignee or "—")),
            VersionRow(
                self.tr("Last change"),
                (formatting.date_time(mine.updated_at), formatting.date_time(current.updated_at)),
            ),
            VersionRow(self.tr("Log entries"), (str(len(mine.events)), str(len(current.events)))),
        ]
        self.build(
            self.tr("Someone else changed %1").replace("%1", mine.display_number),
            (
                self.tr("What you saw (version %1)").replace("%1", str(mine.version)),
                self.tr("Now (version %1)").replace("%1", str(current.version)),
            ),
            rows,
            self.tr("Reload, drop my change"),
            (RETRY, self.tr("Apply my change to the new version")),
            notes=(self.message, make_label(your_change, "hint", wrap=True)),
        )
        self.retry_button = self.other_button
