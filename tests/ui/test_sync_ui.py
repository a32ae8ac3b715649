"""Two workstations on one database: what one saves shows up on the other's screen
without pressing anything, and a customer both edit is never silently overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app import customers, presence, tickets
from app.csv_customers import import_customers
from app.sync.changes import fetch_since, latest_seq
from app.tickets import TicketInput
from db.engine import Database
from db.models import AgentStatusLog, Customer
from ui.customer_edit import CustomerConflictDialog, CustomerEditDialog
from ui.main_window import MainWindow
from ui.tickets.ticket_dialog import TicketDialog

from .factories import add_customer
from .ticket_helpers import open_window, setup, wait_for_window


@pytest.fixture
def other(any_db: Database) -> Iterator[Database]:
    """The second workstation: its own engine and connections to the same database."""
    d = Database(any_db.url)
    yield d
    d.dispose()


def _following(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.sync.state in ("listening", "polling"), timeout=15_000)


def _select(qtbot: QtBot, window: MainWindow, cid: object) -> None:
    rows = [r for r in range(window.model.rowCount()) if window.model.row(r).id == cid]  # type: ignore[union-attr]
    window.table.selectRow(rows[0])
    qtbot.waitUntil(lambda: window.detail.shown_id == cid and not window.detail.is_loading())


def _names(window: MainWindow) -> list[str]:
    return [window.model.row(r).name for r in range(window.model.rowCount())]  # type: ignore[union-attr]


def test_a_customer_renamed_elsewhere_changes_in_the_list_and_card(
    qtbot: QtBot, any_db: Database, other: Database
) -> None:
    user = setup(any_db)
    cid = add_customer(any_db, "Trần Thị Hoa", phone="0903 111 222")
    window = open_window(qtbot, any_db, user)
    _following(qtbot, window)
    _select(qtbot, window, cid)

    d = customers.detail(other, cid)
    assert d is not None
    customers.update_customer(other, cid, {"name": "Trần Thị Hoa Mai"}, d.version)
    add_customer(other, "Lê Văn Nam")

    qtbot.waitUntil(lambda: "Trần Thị Hoa Mai" in _names(window), timeout=15_000)
    qtbot.waitUntil(lambda: "Lê Văn Nam" in _names(window), timeout=15_000)
    qtbot.waitUntil(
        lambda: (
            (n := window.detail.findChild(QLabel, "CustomerName")) is not None
            and n.text() == "Trần Thị Hoa Mai"
        ),
        timeout=15_000,
    )
    assert window.detail.shown_id == cid  # still the same customer on the card


def test_a_csv_import_elsewhere_reaches_the_list_and_card_through_its_batch_change(
    qtbot: QtBot, any_db: Database, other: Database, tmp_path: Path
) -> None:
    user = setup(any_db)
    cid = add_customer(any_db, "Đặng Văn Cũ", phone="0903 555 001", external_id="KH1")
    window = open_window(qtbot, any_db, user)
    _following(qtbot, window)
    _select(qtbot, window, cid)

    path = tmp_path / "import.csv"
    path.write_text(
        "external_id,name,phones\nKH1,Đặng Văn Mới,0903 555 002\nKH2,Hà Thị Nhập,0903 555 003\n",
        encoding="utf-8",
    )
    before = latest_seq(other)
    assert import_customers(other, path).stored == 2
    assert [c.op for c in fetch_since(other, before)] == ["bulk"]  # one change, not five

    qtbot.waitUntil(lambda: "Đặng Văn Mới" in _names(window), timeout=15_000)
    qtbot.waitUntil(lambda: "Hà Thị Nhập" in _names(window), timeout=15_000)
    qtbot.waitUntil(
        lambda: (
            (n := window.detail.findChild(QLabel, "CustomerName")) is not None
            and n.text() == "Đặng Văn Mới"
        ),
        timeout=15_000,
    )


def test_a_ticket_filed_elsewhere_shows_up_in_the_open_queue(
    qtbot: QtBot, any_db: Database, other: Database
) -> None:
    user = setup(any_db)
    window = open_window(qtbot, any_db, user)
    _following(qtbot, window)
    window.tabs.setCurrentWidget(window.tickets.queues)
    queues = window.tickets.queues
    qtbot.waitUntil(lambda: queues.department is not None and not queues.is_loading())
    view = tickets.create_ticket(
        other, TicketInput(kind="inquiry", text="Hỏi giờ mở cửa", channel="phone")
    )
    queues.show_department(view.department or "")
    qtbot.waitUntil(lambda: not queues.is_loading())
    before = queues.model.rowCount()
    view2 = tickets.create_ticket(
        other, TicketInput(kind="inquiry", text="Hỏi giờ mở cửa lần nữa", channel="phone")
    )
    qtbot.waitUntil(lambda: queues.model.rowCount() == before + 1, timeout=15_000)
    numbers = [queues.model.row(r).number for r in range(queues.model.rowCount())]  # type: ignore[union-attr]
    assert view2.number in numbers


def test_an_open_ticket_follows_a_change_made_elsewhere(
    qtbot: QtBot, any_db: Database, other: Database
) -> None:
    user = setup(any_db)
    view = tickets.create_ticket(any_db, TicketInput(kind="inquiry", text="Đổi địa chỉ"))
    window = open_window(qtbot, any_db, user)
    _following(qtbot, window)
    dialog = TicketDialog(any_db, user, view.number, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.is_busy())

    tickets.change_status(other, view.number, "open")  # nothing typed here: just reload
    qtbot.waitUntil(
        lambda: dialog.view is not None and dialog.view.status == "open", timeout=15_000
    )
    assert not dialog.changed_bar.isVisible()

    dialog.comment.setPlainText("Đang gọi lại cho khách")  # typing: never thrown away
    tickets.comment(other, view.number, "Khách đã gọi lại")
    qtbot.waitUntil(lambda: dialog.changed_bar.isVisible(), timeout=15_000)
    assert "changed by someone else" in dialog.changed_text.text()
    assert dialog.comment.toPlainText() == "Đang gọi lại cho khách"
    events = len(dialog.view.events)
    dialog.changed_reload.click()
    assert len(dialog.view.events) == events + 1
    assert dialog.comment.toPlainText() == "Đang gọi lại cho khách"


def test_both_edit_one_customer_the_second_sees_both_versions_and_chooses(
    qtbot: QtBot, any_db: Database, other: Database
) -> None:
    user = setup(any_db)
    cid = add_customer(any_db, "Phạm Minh Tuấn", phone="0912 000 111")
    window = open_window(qtbot, any_db, user)
    _following(qtbot, window)
    _select(qtbot, window, cid)
    window.detail.edit_customer()
    editor = wait_for_window(qtbot, CustomerEditDialog)
    editor.notes.setPlainText("Gọi sau 17h")
    editor.tier.setCurrentIndex(editor.tier.findData("gold"))

    # Meanwhile the other workstation saves the same customer.
    seen = customers.detail(other, cid)
    assert seen is not None
    customers.update_customer(other, cid, {"warning": "Đang khiếu nại"}, seen.version)
    qtbot.waitUntil(editor.notice.isVisible, timeout=15_000)

    editor.save_button.click()
    conflict = wait_for_window(qtbot, CustomerConflictDialog)
    shown = [w.text() for w in conflict.findChildren(QLabel)]
    assert "Đang khiếu nại" in shown and "Gọi sau 17h" in shown
    conflict.overwrite_button.click()  # knowingly: mine over theirs
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=15_000)
    with other.sessions() as s:
        c = s.scalar(select(Customer).where(Customer.id == cid))
        assert c is not None
        assert (c.notes, c.tier, c.version) == ("Gọi sau 17h", "gold", 3)


def test_keep_theirs_reloads_the_form_and_stores_nothing_of_mine(
    qtbot: QtBot, ui_db: Database
) -> None:
    user = setup(ui_db)
    cid = add_customer(ui_db, "Võ Thị Sáu")
    window = open_window(qtbot, ui_db, user)
    _select(qtbot, window, cid)
    window.detail.edit_customer()
    editor = wait_for_window(qtbot, CustomerEditDialog)
    editor.name.setText("Võ Thị Sáu (cũ)")
    seen = customers.detail(ui_db, cid)
    assert seen is not None
    customers.update_customer(ui_db, cid, {"name": "Võ Thị Sáu Mới"}, seen.version)
    editor.save_button.click()
    conflict = wait_for_window(qtbot, CustomerConflictDialog)
    conflict.reload_button.click()
    qtbot.waitUntil(lambda: editor.name.text() == "Võ Thị Sáu Mới")
    with ui_db.sessions() as s:
        assert s.scalar(select(Customer.name).where(Customer.id == cid)) == "Võ Thị Sáu Mới"


def test_the_status_selector_stores_the_agents_status(qtbot: QtBot, any_db: Database) -> None:
    user = setup(any_db)
    window = open_window(qtbot, any_db, user)
    selector = window.status_selector
    qtbot.waitUntil(lambda: selector.isEnabled() and selector.status == "available")
    selector.set_status("away")
    qtbot.waitUntil(lambda: selector.status == "away")
    states = {a.user_id: a.status for a in presence.current_statuses(any_db)}
    assert states[user.id] == "away"
    with any_db.sessions() as s:
        open_rows = s.scalars(
            select(AgentStatusLog.status).where(
                AgentStatusLog.user_id == user.id, AgentStatusLog.ended_at.is_(None)
            )
        ).all()
    assert open_rows == ["away"]


@pytest.mark.postgres
def test_the_window_recovers_when_the_server_kills_its_listening_connection(
    qtbot: QtBot, pg_url: str
) -> None:
    from sqlalchemy import text

    from ui import worker

    db = Database(pg_url)
    other = Database(pg_url)
    try:
        user = setup(db)
        window = open_window(qtbot, db, user)
        qtbot.waitUntil(lambda: window.sync.state == "listening", timeout=15_000)
        assert window.sync.listener is not None
        pid = window.sync.listener.backend_pid
        with other.engine.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # Written while the window has no listening connection: caught up on reconnect.
        add_customer(other, "Đinh Công Mạnh")
        qtbot.waitUntil(lambda: "Đinh Công Mạnh" in _names(window), timeout=20_000)
        qtbot.waitUntil(lambda: window.sync.state == "listening", timeout=20_000)
        assert window.sync.listener is not None and window.sync.listener.backend_pid != pid
        assert window.sync.reconnects >= 1
        add_customer(other, "Đinh Thị Hằng")  # and live again afterwards
        qtbot.waitUntil(lambda: "Đinh Thị Hằng" in _names(window), timeout=15_000)
        window.close()
        worker.wait_for_idle()
    finally:
        other.dispose()
        db.dispose()
