"""The ticket desk's form dialogs share one frame (ui/tickets/form_dialog.py): a save the
service refuses leaves the dialog open with the reason under the form and Save usable
again, so the agent fixes the field instead of retyping the form."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import Database
from db.models import Interaction, Ticket
from ui.tickets.interaction_dialog import LogInteractionDialog
from ui.tickets.new_ticket_dialog import NewTicketDialog

from .ticket_helpers import customer_id, setup


def _count(db: Database, table: type[Interaction] | type[Ticket]) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_a_refused_interaction_keeps_the_form_and_saves_once_corrected(
    qtbot: QtBot, ui_db: Database
) -> None:
    user = setup(ui_db)
    dialog = LogInteractionDialog(ui_db, user, customer_id(ui_db))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.summary.insertPlainText("Hỏi lịch giao tủ lạnh")
    dialog.ticket.setEditText("T-999999")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dialog.error.isVisible)

    assert dialog.error.text() == "No ticket T-999999"
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.summary.toPlainText() == "Hỏi lịch giao tủ lạnh"
    assert _count(ui_db, Interaction) == 0

    dialog.ticket.setEditText("")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _count(ui_db, Interaction) == 1


def test_a_refused_ticket_keeps_the_form_open_with_the_reason(
    qtbot: QtBot, ui_db: Database
) -> None:
    user = setup(ui_db)
    dialog = NewTicketDialog(ui_db, user, uuid.uuid4(), "complaint")  # a customer since deleted
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.text.insertPlainText("Giao hàng trễ")
    qtbot.waitUntil(lambda: not dialog.is_previewing())
    assert not dialog.error.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()  # one save at a time
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.save_button.isEnabled())

    assert dialog.error.text().startswith("No customer")
    assert dialog.isVisible() and dialog.view is None
    assert dialog.text.toPlainText() == "Giao hàng trễ"
    assert _count(ui_db, Ticket) == 0
