"""The "Queues" and "My work" tabs share their heading, Refresh button and queue table
(ui/tickets/queue_panel.py QueueView): Refresh shows tickets filed since, the heading
counts them, and Enter on a row asks for that ticket."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import tickets
from app.auth import CurrentUser
from app.tickets import TicketInput
from db.engine import Database
from ui.tickets.queue_panel import MyWorkPanel, QueuesPanel, QueueView

from .ticket_helpers import setup


def _file(db: Database, user: CurrentUser, text: str) -> int:
    view = tickets.create_ticket(db, TicketInput(kind="inquiry", text=text), actor_id=user.id)
    tickets.assign(db, view.number, user.username, user.id)
    return view.number


def _numbers(panel: QueueView) -> list[int]:
    return [panel.model.row(r).number for r in range(panel.model.rowCount())]  # type: ignore[union-attr]


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, a tab shown on its own
@pytest.mark.parametrize("kind", [QueuesPanel, MyWorkPanel])
def test_refresh_counts_new_tickets_and_enter_opens_one(
    qtbot: QtBot, ui_db: Database, kind: type[QueueView]
) -> None:
    user = setup(ui_db)
    first = _file(ui_db, user, "Hỏi giờ mở cửa")
    panel = kind(ui_db, user)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _numbers(panel) == [first])
    assert panel.refresh_button.toolTip() == "F5"

    second = _file(ui_db, user, "Hỏi giờ mở cửa lần nữa")
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sorted(_numbers(panel)) == sorted([first, second]))
    heading = "Assigned to you: 2" if kind is MyWorkPanel else "Customer care — 2 open"
    qtbot.waitUntil(lambda: panel.heading.text().startswith(heading))

    panel.table.setCurrentIndex(panel.model.index(1, 0))
    with qtbot.waitSignal(panel.openTicket) as opened:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened.args == [_numbers(panel)[1]]
