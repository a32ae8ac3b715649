"""The agent workspace driven like an agent: sign in, search, pick, read the card."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from app.auth import CurrentUser
from app.config import Settings
from db.engine import Database
from db.models import Interaction, Order, Ticket
from ui import worker
from ui.customer_detail import CustomerDetailPane
from ui.login import LoginDialog
from ui.main_window import MainWindow

from .factories import PASSWORD, add_customer, add_many_customers, add_user


def _window(qtbot: QtBot, db: Database, user: CurrentUser) -> MainWindow:
    window = MainWindow(db, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.model.is_loading())
    return window


def _texts(pane: CustomerDetailPane) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel) if label.isVisibleTo(pane)]


def test_sign_in_search_without_diacritics_and_open_the_card(
    qtbot: QtBot, any_db: Database
) -> None:
    db = any_db
    add_user(db, "lan")
    an = add_customer(db, "Nguyễn Văn An", phone="0912 345 678", email="an@example.vn")
    add_customer(db, "Nguyễn Văn Bình", phone="0987 654 321")
    add_customer(db, "Trần Thị Hoa", phone="0903 111 222")

    login = LoginDialog(db)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitUntil(lambda: login.pages.currentIndex() == LoginDialog.PAGE_LOGIN)
    qtbot.keyClicks(login.username, "lan")
    qtbot.keyClicks(login.password, "wrong password")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.error.isVisible())
    qtbot.keyClicks(login.password, PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.result() == QDialog.DialogCode.Accepted)
    assert login.user is not None

    window = _window(qtbot, db, login.user)
    assert window.model.rowCount() == 3
    qtbot.keyClicks(window.search, "nguyen van an")
    qtbot.waitUntil(lambda: window.model.query == "nguyen van an" and not window.model.is_loading())
    assert window.model.rowCount() == 1
    row = window.model.row(0)
    assert row is not None and row.name == "Nguyễn Văn An"

    index = window.model.index(0, 0)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.detail.shown_id == an and not window.detail.is_loading())
    texts = _texts(window.detail)
    assert "Nguyễn Văn An" in texts
    assert "0912 345 678" in texts


def test_the_list_fetches_more_rows_on_scroll(qtbot: QtBot, ui_db: Database) -> None:
    add_many_customers(ui_db, 450)
    window = _window(qtbot, ui_db, add_user(ui_db))
    assert window.model.rowCount() == 200
    assert window.model.has_more()
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: window.model.rowCount() > 200)
    qtbot.waitUntil(lambda: not window.model.is_loading())
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: window.model.rowCount() == 450)
    assert not window.model.has_more()
    names = [window.model.row(r).name for r in range(450)]  # type: ignore[union-attr]
    assert names == sorted(names) and len(set(names)) == 450  # keyset pages join cleanly


def test_a_newer_search_wins_over_a_stale_one(qtbot: QtBot, ui_db: Database) -> None:
    add_customer(ui_db, "Nguyễn Văn An")
    add_customer(ui_db, "Lê Thị Hoa")
    window = _window(qtbot, ui_db, add_user(ui_db))
    window.model.set_query("le thi")
    window.model.set_query("nguyen")
    qtbot.waitUntil(lambda: not window.model.is_loading())
    qtbot.wait(50)  # a stale page, had it been delivered, would have landed by now
    assert [window.model.row(r).name for r in range(window.model.rowCount())] == [  # type: ignore[union-attr]
        "Nguyễn Văn An"
    ]


def test_keyboard_ctrl_f_then_down_then_enter(qtbot: QtBot, ui_db: Database) -> None:
    first = add_customer(ui_db, "An Bình", phone="0912 000 111")
    add_customer(ui_db, "Bùi Cường")
    window = _window(qtbot, ui_db, add_user(ui_db))
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.table.hasFocus()
    assert window.table.currentIndex().row() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail.shown_id == first)


def test_the_card_shows_warning_tier_tickets_orders_and_interactions(
    qtbot: QtBot, ui_db: Database
) -> None:
    cid = add_customer(
        ui_db,
        "Phạm Minh Châu",
        phone="0938 777 999",
        tier="gold",
        vip=True,
        external_id="KH-000018",
        warning="Khiếu nại đang xử lý, quá hạn 2 ngày",
        notes="Gọi sau 17:00",
    )
    now = datetime.now(UTC)
    with ui_db.session() as s:
        s.add(
            Order(
                customer_id=cid,
                ordered_at=now - timedelta(days=3),
                product="Máy lọc không khí",
                amount=Decimal("6490000"),
                currency="VND",
            )
        )
        s.add(
            Ticket(
                number=1042,
                customer_id=cid,
                kind="complaint",
                subject="Giao hàng trễ",
                status="open",
                priority="high",
                resolution_due=now - timedelta(days=2),
            )
        )
        s.add(
            Interaction(
                customer_id=cid, channel="zalo", started_at=now, summary="Gửi ảnh hộp bị móp"
            )
        )
    window = _window(qtbot, ui_db, add_user(ui_db))
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.shown_id == cid and not window.detail.is_loading())
    texts = _texts(window.detail)
    for expected in (
        "Phạm Minh Châu",
        "Gold",
        "VIP",
        "Customer ID KH-000018",
        "#1042",
        "Complaint",
        "Giao hàng trễ",
        "Máy lọc không khí",
        "6,490,000 VND",
        "Gửi ảnh hộp bị móp",
        "Gọi sau 17:00",
    ):
        assert expected in texts, expected
    assert any("Khiếu nại đang xử lý" in t for t in texts)
    assert any(t.startswith("Overdue since") for t in texts)


def test_switching_to_vietnamese_changes_visible_texts(qtbot: QtBot, ui_db: Database) -> None:
    window = _window(qtbot, ui_db, add_user(ui_db))
    assert window.file_menu.title() == "&File"
    window.vietnamese_action.trigger()
    qtbot.waitUntil(
        lambda: (
            window.search.placeholderText()
            == "Tìm tên, số điện thoại, email, mã khách hàng hoặc số phiếu"
        )
    )
    assert window.file_menu.title() == "&Tệp"
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Tên"
    assert window.detail.empty_title.text() == "Chưa chọn khách hàng"
    assert Settings.load().language == "vi"

    window.english_action.trigger()
    qtbot.waitUntil(
        lambda: (
            window.search.placeholderText()
            == "Search name, phone, email, customer or ticket number"
        )
    )
    assert Settings.load().language == "en"


def test_the_dark_theme_applies_and_is_remembered(qtbot: QtBot, ui_db: Database) -> None:
    window = _window(qtbot, ui_db, add_user(ui_db))
    window.dark_action.trigger()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert "dark theme" in app.styleSheet()
    assert window.dark_action.isChecked()
    assert Settings.load().theme == "dark"


def test_status_bar_shows_database_connection_and_user(qtbot: QtBot, ui_db: Database) -> None:
    window = _window(qtbot, ui_db, add_user(ui_db, "lan"))
    assert window.database_label.text() == ui_db.display_url()
    qtbot.waitUntil(lambda: window.online is True)
    assert "Connected" in window.connection_label.text()
    assert window.user_label.text() == "Signed in as lan (Agent)"


def test_an_unreachable_server_shows_offline_and_never_the_password(qtbot: QtBot) -> None:
    db = Database("postgresql://agent:hunter22@127.0.0.1:1/calldesk")
    try:
        window = MainWindow(db, CurrentUser(uuid.uuid4(), "lan", "Lan", "agent", None, None))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.online is False, timeout=15_000)
        qtbot.waitUntil(lambda: not window.model.is_loading())
        assert window.connection_label.text().startswith("● Offline — ")
        assert "hunter22" not in window.database_label.text()
        assert "hunter22" not in window.connection_label.toolTip()
        assert window.model.error
    finally:
        worker.wait_for_idle()
        db.dispose()


def test_demo_seed_agent_signs_in_and_opens_a_seeded_customer(
    qtbot: QtBot, ui_db: Database
) -> None:
    """What a newcomer does after `./dev demo`: the documented demo login works and a
    seeded customer is found by a name typed without diacritics."""
    from sqlalchemy import select

    from app import seed
    from app.text import fold
    from db.models import ContactPoint, Customer

    db = ui_db
    seed.seed_demo(db, customers=150, seed=4)
    with db.sessions() as s:
        target = s.scalar(
            select(Customer).where(Customer.kind == "person").order_by(Customer.external_id)
        )
        assert target is not None
        phone = s.scalar(
            select(ContactPoint.value_raw).where(
                ContactPoint.customer_id == target.id, ContactPoint.kind == "phone"
            )
        )
    login = LoginDialog(db)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitUntil(lambda: login.pages.currentIndex() == LoginDialog.PAGE_LOGIN)
    qtbot.keyClicks(login.username, "agent1")
    qtbot.keyClicks(login.password, "agent123")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert login.user is not None and login.user.role == "agent"

    window = _window(qtbot, db, login.user)
    query = fold(target.name)
    qtbot.keyClicks(window.search, query)
    qtbot.waitUntil(lambda: window.model.query == query and not window.model.is_loading())
    ids = [r.id for r in (window.model.row(i) for i in range(window.model.rowCount())) if r]
    assert target.id in ids
    index = window.model.index(ids.index(target.id), 0)
    window.table.setCurrentIndex(index)
    qtbot.waitUntil(lambda: window.detail.shown_id == target.id and not window.detail.is_loading())
    texts = _texts(window.detail)
    assert target.name in texts
    assert phone in texts
