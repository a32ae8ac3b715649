"""What each role's window offers: agents no administration, supplier accounts only
their complaint queue, administrators the Users and Audit log screens."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from app import audit, auth, customers, permissions, tickets, users
from db.engine import Database
from tests.role_fixtures import Org, build, workstation_login
from ui import worker
from ui.admin.audit_dialog import AuditDialog
from ui.admin.users_dialog import UsersDialog
from ui.main_window import MainWindow
from ui.tickets.ticket_dialog import TicketDialog

from .ticket_helpers import wait_for_window


def _window(qtbot: QtBot, db: Database, org: Org, name: str) -> MainWindow:
    window = MainWindow(db, org.users[name])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.model.is_loading())
    return window


def _tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _open_dialogs() -> list[object]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, UsersDialog | AuditDialog) and w.isVisible()
    ]


def test_an_agent_cannot_open_admin_screens(qtbot: QtBot, ui_db: Database) -> None:
    org = build(ui_db)
    window = _window(qtbot, ui_db, org, "agent1")
    ws = window.tickets
    assert not ws.admin_menu.menuAction().isVisible()
    for action in (ws.rules_action, ws.sla_action, ws.users_action, ws.audit_action):
        assert not action.isVisible() and not action.isEnabled()
        action.trigger()  # even a stray shortcut or a direct call opens nothing
    ws.open_users()
    ws.open_audit()
    qtbot.wait(50)
    assert _open_dialogs() == []
    # What an agent works with is all there.
    assert ws.log_action.isVisible() and ws.complaint_action.isVisible()
    assert "Customers" in _tab_titles(window) and window.search.isVisible()


def test_a_supplier_account_sees_only_its_complaint_queue(qtbot: QtBot, ui_db: Database) -> None:
    org = build(ui_db)
    window = _window(qtbot, ui_db, org, "saomai")
    assert "Customers" not in _tab_titles(window)
    assert not window.search.isVisible()
    ws = window.tickets
    assert not ws.log_action.isVisible() and not ws.complaint_action.isVisible()
    assert not ws.admin_menu.menuAction().isVisible()
    window.tabs.setCurrentWidget(ws.queues)
    panel = ws.queues
    qtbot.waitUntil(lambda: panel.picker.rowCount() > 0)
    assert [s.code for s in panel.summaries] == ["SUP_SAOMAI"]
    assert panel.picker.rowCount() == 1
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.row(0).number == org.tickets["saomai"]

    ws.open_ticket(org.tickets["saomai"])
    dialog = wait_for_window(qtbot, TicketDialog, lambda d: d.view is not None)
    assert dialog.view is not None and dialog.view.description is not None
    assert "0912 345 678" not in dialog.view.description
    assert "09•• ••• 678" in dialog.view.description
    assert not dialog.assign_button.isVisibleTo(dialog)
    assert dialog.transfer_button.isVisibleTo(dialog)  # it may send it back with a reason
    dialog.close()


def test_admin_creates_a_supplier_user_who_can_sign_in(qtbot: QtBot, ui_db: Database) -> None:
    org = build(ui_db)
    window = _window(qtbot, ui_db, org, "admin")
    assert window.tickets.users_action.isVisible() and window.tickets.audit_action.isVisible()
    window.tickets.users_action.trigger()
    dialog = wait_for_window(qtbot, UsersDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(org.users))
    qtbot.keyClicks(dialog.username, "thuy")
    dialog.display_name.setText("Thùy (Sao Mai)")
    dialog.role.setCurrentIndex(dialog.role.findData("supplier"))
    dialog.department.setCurrentIndex(dialog.department.findData("SUP_SAOMAI"))
    qtbot.keyClicks(dialog.password, "secret123")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(org.users) + 1)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert "thuy" in dialog.notice.text()
    thuy = auth.authenticate(ui_db, "thuy", "secret123")
    assert permissions.effective_role(thuy) == "supplier"

    # Deactivate: the user can no longer sign in.
    row = next(i for i, u in enumerate(dialog.model.rows) if u.username == "thuy")
    dialog.table.selectRow(row)
    assert dialog.username.text() == "thuy" and dialog.username.isReadOnly()
    dialog.active.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and "saved" in dialog.notice.text())
    assert not next(u for u in dialog.model.rows if u.username == "thuy").active
    try:
        auth.authenticate(ui_db, "thuy", "secret123")
        raise AssertionError("a deactivated user signed in")
    except Exception as exc:
        assert "wrong user name or password" in str(exc)
    # A bad form says why in one line.
    dialog.new_user()
    qtbot.keyClicks(dialog.username, "x2")
    qtbot.keyClicks(dialog.password, "123")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "at least 6 characters" in dialog.error.text()


def test_audit_viewer_lists_and_filters(qtbot: QtBot, ui_db: Database) -> None:
    org = build(ui_db)
    permissions.act_as(ui_db, org.users["agent1"])
    customers.detail(ui_db, org.customers["an"])
    customers.detail(ui_db, org.customers["vy"])
    assert audit.flush(ui_db)
    window = _window(qtbot, ui_db, org, "lan")  # a supervisor
    window.tickets.audit_action.trigger()
    dialog = wait_for_window(qtbot, AuditDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 2 and not dialog.model.is_loading())
    qtbot.keyClicks(dialog.customer, "C-VIP")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and not dialog.model.is_loading())
    index = dialog.model.index(0, dialog.model.CUSTOMER)
    assert dialog.model.data(index) == "Lê Thị Vy"
    assert dialog.model.data(dialog.model.index(0, dialog.model.USER)) == "agent1"
    assert dialog.model.data(dialog.model.index(0, dialog.model.ACTION)) == "Viewed"
    dialog.customer.clear()
    qtbot.keyClicks(dialog.user, "nobody")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "no user 'nobody'" in dialog.error.text()


def test_closing_the_users_window_while_it_saves_keeps_the_new_user(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save finishes in the background after the window was closed (and deleted):
    the user is created and nothing calls back into the closed window."""
    org = build(ui_db)
    gate = threading.Event()
    create = users.create

    def slow_create(*args: object, **kwargs: object) -> object:
        gate.wait(10)
        return create(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(users, "create", slow_create)
    dialog = UsersDialog(ui_db)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(org.users))
    dialog.new_user()
    qtbot.keyClicks(dialog.username, "minh")
    qtbot.keyClicks(dialog.password, "secret123")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.close()  # deletes itself on close
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    assert worker.wait_for_idle()
    qtbot.waitUntil(lambda: worker.pending() == 0)
    assert "minh" in {row.username for row in users.list_users(ui_db)}


@pytest.mark.postgres
def test_a_ticket_transferred_elsewhere_leaves_the_suppliers_queue(
    qtbot: QtBot, pg_url: str
) -> None:
    """The supplier's client, as a workstation login under row-level security, learns
    from the change sequence that its complaint went to another desk: woken on its
    desk's channel at once, not at its next fallback read (pushed out of reach here)."""
    owner = Database(pg_url)
    org = build(owner)
    with workstation_login(pg_url) as login:
        ws = Database(make_url(pg_url).set(username=login))
        try:
            window = _window(qtbot, ws, org, "saomai")
            qtbot.waitUntil(lambda: window.sync.state == "listening", timeout=15_000)
            window.sync.resync_timer.setInterval(3_600_000)
            window.tabs.setCurrentWidget(window.tickets.queues)
            panel = window.tickets.queues
            qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
            window.tickets.open_ticket(org.tickets["saomai"])
            dialog = wait_for_window(qtbot, TicketDialog, lambda d: d.view is not None)
            assert dialog.actions_card.isEnabled()

            permissions.act_as(owner, org.users["admin"])
            tickets.transfer(owner, org.tickets["saomai"], "QUALITY", "lỗi do kho")
            qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=15_000)
            # The open ticket says it is gone instead of offering actions that would fail.
            qtbot.waitUntil(lambda: dialog.changed_bar.isVisible(), timeout=15_000)
            assert "no longer available" in dialog.changed_text.text()
            assert not dialog.actions_card.isEnabled()
            assert not dialog.changed_reload.isVisible()
            dialog.close()
            window.close()
        finally:
            worker.wait_for_idle()
            ws.dispose()
            owner.dispose()
