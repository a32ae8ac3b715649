"""The ticket screens driven like an agent: log a call from the card, file a complaint
with its routing preview, transfer it, watch it breach, and meet a conflict."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import tickets
from app.queues import SlaState
from app.tickets import TicketInput
from db.engine import Database
from ui.main_window import MainWindow
from ui.tickets import clock
from ui.tickets.conflict_dialog import ConflictDialog
from ui.tickets.interaction_dialog import LogInteractionDialog
from ui.tickets.new_ticket_dialog import NewTicketDialog
from ui.tickets.queue_model import SLA_STATE_ROLE, QueueTableModel
from ui.tickets.ticket_dialog import TicketDialog

from .ticket_helpers import open_window, setup, texts, wait_for_window


@pytest.fixture(autouse=True)
def real_clock() -> object:
    yield
    clock.set_clock(None)


def _show_customer(qtbot: QtBot, window: MainWindow, name: str) -> None:
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    row = next(
        r
        for r in range(window.model.rowCount())
        if window.model.row(r).name == name  # type: ignore[union-attr]
    )
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.detail.shown_id is not None and not window.detail.is_loading())


def _close(dialog: object) -> None:
    dialog.close()  # type: ignore[attr-defined]


def test_logging_a_call_from_the_card_stores_it_and_shows_it_in_the_timeline(
    qtbot: QtBot, any_db: Database
) -> None:
    user = setup(any_db)
    window = open_window(qtbot, any_db, user)
    _show_customer(qtbot, window, "Nguyễn Văn An")
    assert "No contact with this customer yet." in texts(window.detail)

    button = window.detail.findChild(object, "log_interaction")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = wait_for_window(qtbot, LogInteractionDialog)
    assert dialog.channel.currentData() == "phone"
    assert dialog.summary.hasFocus() or dialog.focusWidget() is dialog.summary
    dialog.summary.insertPlainText("Hỏi lịch giao tủ lạnh, hẹn gọi lại")
    dialog.wrapup.setCurrentIndex(dialog.wrapup.findData("callback_promised"))
    dialog.satisfaction.setCurrentIndex(dialog.satisfaction.findData(4))
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result_ is not None)

    qtbot.waitUntil(
        lambda: (
            not window.detail.is_loading()
            and "Hỏi lịch giao tủ lạnh, hẹn gọi lại" in texts(window.detail)
        )
    )
    shown = texts(window.detail)
    assert "Phone · Inbound" in shown
    assert "Callback promised" in shown


def test_a_complaint_is_previewed_routed_transferred_with_a_reason(
    qtbot: QtBot, ui_db: Database
) -> None:
    user = setup(ui_db)
    window = open_window(qtbot, ui_db, user)
    _show_customer(qtbot, window, "Nguyễn Văn An")

    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_window(qtbot, NewTicketDialog)
    assert dialog.kind.currentData() == "complaint"
    assert dialog.windowTitle() == "File complaint"
    qtbot.waitUntil(lambda: dialog.options.customer is not None)
    dialog.text.insertPlainText("Giao hàng trễ 3 ngày")
    qtbot.waitUntil(lambda: "Delivery" in dialog.route.text() and not dialog.is_previewing())
    preview = dialog.route.text()
    assert preview.startswith("→ Delivery · 24 hours · Normal")
    assert "because text mentions 'giao hang'" in preview

    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket = wait_for_window(qtbot, TicketDialog)
    qtbot.waitUntil(lambda: ticket.view is not None)
    view = ticket.view
    assert view is not None
    assert view.department == "DELIVERY" and view.kind == "complaint"
    assert view.resolution_due is not None and view.first_response_due is not None
    assert "Ticket created · Complaint · Phone" in ticket.log_text()
    assert "Routed to Delivery by rule “Delivery”" in ticket.log_text()
    assert ticket.countdown.property("sla_state") in ("ok", "due_soon", "overdue")

    # An empty reason is refused, with nothing sent to the database.
    ticket.transfer_combo.setCurrentIndex(ticket.transfer_combo.findData("QUALITY"))
    qtbot.mouseClick(ticket.transfer_button, Qt.MouseButton.LeftButton)
    assert ticket.error.isVisible() and "needs a reason" in ticket.error.text()
    assert not ticket.is_busy()
    assert tickets.show(ui_db, view.number).department == "DELIVERY"

    # The Queues tab, on the receiving department.
    window.tabs.setCurrentWidget(window.tickets.queues)
    queues = window.tickets.queues
    qtbot.waitUntil(lambda: bool(queues.summaries))
    queues.show_department("QUALITY")
    qtbot.waitUntil(lambda: not queues.is_loading())
    assert queues.model.rowCount() == 0

    ticket.reason.insert("Hàng bị vỡ khi giao, cần bộ phận chất lượng")
    qtbot.mouseClick(ticket.transfer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ticket.view is not None and ticket.view.department == "QUALITY")
    assert "Transferred: Delivery → Quality" in ticket.log_text()
    assert "Reason: Hàng bị vỡ khi giao, cần bộ phận chất lượng" in ticket.log_text()
    # ... and the receiving queue shows it at once.
    qtbot.waitUntil(lambda: queues.model.find(view.number) >= 0)
    qtbot.waitUntil(lambda: "Quality — 1 open" in queues.heading.text())
    _close(ticket)


def test_a_breached_ticket_turns_red_in_the_queue_and_its_log_shows_the_escalation(
    qtbot: QtBot, ui_db: Database
) -> None:
    user = setup(ui_db, role="supervisor")
    created = datetime.now(UTC) - timedelta(hours=1)
    ok = tickets.create_ticket(
        ui_db, TicketInput(customer="C-1", kind="complaint", text="Giao hàng trễ"), at=created
    )
    window = open_window(qtbot, ui_db, user)
    window.tabs.setCurrentWidget(window.tickets.queues)
    queues = window.tickets.queues
    qtbot.waitUntil(lambda: queues.department == "DELIVERY" and not queues.is_loading())
    row = queues.model.find(ok.number)
    assert row == 0
    index = queues.model.index(row, QueueTableModel.TIME_LEFT)
    assert index.data(SLA_STATE_ROLE) != SlaState.OVERDUE

    # A week later the deadline has passed: the window's escalation run marks it.
    assert ok.resolution_due is not None
    clock.set_clock(lambda: ok.resolution_due + timedelta(days=1))  # type: ignore[operator]
    with qtbot.waitSignal(window.tickets.escalator.breached, timeout=10_000) as blocker:
        assert window.tickets.escalator.run_once()
        assert not window.tickets.escalator.run_once()  # never two runs at once
    assert blocker.args == [[ok.number]]
    assert "breached their SLA" in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: (
            not queues.is_loading()
            and queues.model.find(ok.number) >= 0
            and queues.model.index(queues.model.find(ok.number), QueueTableModel.TIME_LEFT).data(
                SLA_STATE_ROLE
            )
            == SlaState.OVERDUE
        )
    )
    cell = queues.model.index(queues.model.find(ok.number), QueueTableModel.TIME_LEFT)
    assert str(cell.data()).startswith("Overdue by")
    assert (
        queues.model.index(queues.model.find(ok.number), QueueTableModel.PRIORITY).data() == "High"
    )

    # Enter on the row opens the ticket; its log shows the breach and the escalation.
    queues.table.setFocus()
    queues.table.selectRow(queues.model.find(ok.number))
    qtbot.keyClick(queues.table, Qt.Key.Key_Return)
    ticket = wait_for_window(qtbot, TicketDialog, lambda d: d.number == ok.number)
    qtbot.waitUntil(lambda: ticket.view is not None)
    log = ticket.log_text()
    assert "SLA breached: the resolution deadline passed" in log
    assert "Escalated" in log and "Priority raised: Normal → High" in log
    assert log.index("SLA breached") > log.index("Ticket created")  # newest last
    assert ticket.countdown.property("sla_state") == SlaState.OVERDUE
    _close(ticket)


def test_a_change_made_elsewhere_shows_both_versions_and_can_be_retried(
    qtbot: QtBot, ui_db: Database
) -> None:
    user = setup(ui_db)
    t = tickets.create_ticket(ui_db, TicketInput(customer="C-1", text="Giao hàng trễ"))
    window = open_window(qtbot, ui_db, user)
    window.tickets.open_ticket(t.number)
    ticket = wait_for_window(qtbot, TicketDialog)
    qtbot.waitUntil(lambda: ticket.view is not None)
    assert ticket.view is not None and ticket.view.version == t.version

    # Someone at another workstation moves it while this dialog is open.
    tickets.change_status(ui_db, t.number, "pending_supplier")
    allowed = [ticket.status_combo.itemData(i) for i in range(ticket.status_combo.count())]
    assert allowed == ["open", "pending_customer", "pending_supplier", "resolved"]
    ticket.status_combo.setCurrentIndex(ticket.status_combo.findData("resolved"))
    qtbot.mouseClick(ticket.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ticket.conflict is not None and ticket.conflict.isVisible())
    conflict = ticket.conflict
    assert isinstance(conflict, ConflictDialog)
    shown = texts(conflict)
    assert any("was changed by someone else" in s for s in shown)
    assert "New" in shown and "Waiting for supplier" in shown  # yours vs. current
    assert tickets.show(ui_db, t.number).status == "pending_supplier"  # nothing overwritten

    qtbot.mouseClick(conflict.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ticket.view is not None and ticket.view.status == "resolved")
    assert tickets.show(ui_db, t.number).status == "resolved"
    assert "Status: Waiting for supplier → Resolved" in ticket.log_text()
    _close(ticket)


def test_reload_after_a_conflict_keeps_the_other_change(qtbot: QtBot, ui_db: Database) -> None:
    user = setup(ui_db)
    t = tickets.create_ticket(ui_db, TicketInput(customer="C-1", text="Giao hàng trễ"))
    window = open_window(qtbot, ui_db, user)
    window.tickets.open_ticket(t.number)
    ticket = wait_for_window(qtbot, TicketDialog)
    qtbot.waitUntil(lambda: ticket.view is not None)
    tickets.transfer(ui_db, t.number, "BILLING", "hoá đơn sai")
    ticket.transfer_combo.setCurrentIndex(ticket.transfer_combo.findData("QUALITY"))
    ticket.reason.insert("hàng lỗi")
    qtbot.keyClick(ticket.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ticket.conflict is not None and ticket.conflict.isVisible())
    qtbot.mouseClick(ticket.conflict.reload_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: ticket.view is not None and ticket.view.department == "BILLING")
    assert tickets.show(ui_db, t.number).department == "BILLING"
    _close(ticket)
