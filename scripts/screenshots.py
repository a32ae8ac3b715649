"""Render the pictures the README shows: the app icon PNG and the main screens.

Builds a throw-away SQLite database with a few realistic Vietnamese customers,
opens the real login dialog and main window offscreen at 1280x800, selects a
customer and saves docs/login.png, docs/main-window.png and
docs/main-window-dark.png; then the ticket screens: docs/queue.png (a department
queue with on-time, due-soon, overdue and paused rows), docs/ticket.png (a complaint
with its processing log) and docs/new-complaint.png (with the routing preview).
Also renders resources/icons/calldesk.svg to calldesk.png (256 px) so the raster
icon never drifts from the drawing.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CALLDESK_HOME"] = tempfile.mkdtemp(prefix="calldesk-shots-")
os.environ.pop("CALLDESK_DATABASE_URL", None)

from PySide6.QtCore import QEventLoop, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app import auth, phones  # noqa: E402
from app.config import Settings  # noqa: E402
from app.text import fold  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import (  # noqa: E402
    Category,
    ContactPoint,
    Customer,
    Department,
    Interaction,
    Order,
    RoutingRule,
    SlaPolicy,
    Ticket,
)
from ui import i18n, theme, worker  # noqa: E402
from ui.application import application  # noqa: E402
from ui.login import LoginDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

DOCS = ROOT / "docs"
ICONS = ROOT / "resources" / "icons"
SIZE = (1280, 800)

# name, kind, tier, vip, external id, phones, emails, warning, notes
CUSTOMERS: list[tuple[str, str, str, bool, str, list[str], list[str], str | None, str | None]] = [
    (
        "Nguyễn Văn An",
        "person",
        "gold",
        True,
        "KH-004213",
        ["0912 345 678", "028 3823 4567"],
        ["an.nguyen@gmail.com"],
        "Khiếu nại giao hàng đang xử lý, quá hạn 2 ngày — ưu tiên chuyển cấp trên.",
        "Thích được gọi sau 17:00. Đã đồng ý nhận tin khuyến mãi qua Zalo.",
    ),
    (
        "Trần Thị Bích Ngọc",
        "person",
        "silver",
        False,
        "KH-003377",
        ["0903 112 233"],
        ["ngoc.tran@yahoo.com"],
        None,
        None,
    ),
    ("Lê Hoàng Phúc", "person", "standard", False, "KH-005120", ["0987 654 321"], [], None, None),
    (
        "Phạm Minh Châu",
        "person",
        "vip",
        True,
        "KH-000018",
        ["0938 777 999"],
        ["chau.pham@outlook.com"],
        None,
        None,
    ),
    (
        "Công ty TNHH Thương mại Sao Việt",
        "organization",
        "gold",
        False,
        "DN-000412",
        ["028 3930 1122"],
        ["ketoan@saoviet.vn"],
        None,
        None,
    ),
    (
        "Võ Thị Hồng Nhung",
        "person",
        "standard",
        False,
        "KH-006001",
        ["0977 246 810"],
        [],
        None,
        None,
    ),
    (
        "Đặng Quốc Bảo",
        "person",
        "silver",
        False,
        "KH-002984",
        ["0909 135 246"],
        ["bao.dang@gmail.com"],
        None,
        None,
    ),
    ("Bùi Thanh Hương", "person", "standard", False, "KH-007345", ["0326 555 888"], [], None, None),
    (
        "Hoàng Gia Huy",
        "person",
        "standard",
        False,
        "KH-007102",
        ["0862 404 505"],
        ["huy.hoang@fpt.vn"],
        None,
        None,
    ),
    (
        "Ngô Thị Mai Anh",
        "person",
        "gold",
        False,
        "KH-001566",
        ["0915 808 909"],
        ["maianh.ngo@gmail.com"],
        None,
        None,
    ),
    ("Đỗ Văn Khánh", "person", "standard", False, "KH-008230", ["0394 321 765"], [], None, None),
    (
        "Siêu thị Mini Phương Nam",
        "organization",
        "silver",
        False,
        "DN-000977",
        ["0283 822 1199"],
        ["muahang@phuongnam.vn"],
        None,
        None,
    ),
    ("Trương Mỹ Linh", "person", "standard", False, "KH-009014", ["0708 123 456"], [], None, None),
    (
        "Huỳnh Tấn Phát",
        "person",
        "silver",
        False,
        "KH-004870",
        ["0939 246 357"],
        ["phat.huynh@gmail.com"],
        None,
        None,
    ),
    ("Lý Thu Trang", "person", "standard", False, "KH-010233", ["0845 667 788"], [], None, None),
    (
        "Phan Đức Thịnh",
        "person",
        "standard",
        False,
        "KH-010981",
        ["0967 890 123"],
        ["thinh.phan@vnpt.vn"],
        None,
        None,
    ),
]


def render_icon() -> None:
    renderer = QSvgRenderer(str(ICONS / "calldesk.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.save(str(ICONS / "calldesk.png"))


def build_database(url: str) -> Database:
    db = Database(url)
    migrate.upgrade(db)
    auth.create_user(db, "admin", "admin-demo", "Quản trị viên", role="admin")
    auth.create_user(db, "lan.nguyen", "demo-pass", "Nguyễn Thị Lan", role="agent")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with db.session() as s:
        for name, kind, tier, vip, ext, phone_list, emails, warning, notes in CUSTOMERS:
            c = Customer(
                name=name,
                name_key=fold(name),
                kind=kind,
                tier=tier,
                vip=vip,
                external_id=ext,
                warning=warning,
                notes=notes,
            )
            for i, raw in enumerate(phone_list):
                p = phones.parse(raw)
                assert p is not None, raw
                c.contact_points.append(
                    ContactPoint(
                        kind="phone",
                        value_raw=raw,
                        value_norm=p.e164,
                        match_key=p.national,
                        is_primary=i == 0,
                    )
                )
            for i, email in enumerate(emails):
                c.contact_points.append(
                    ContactPoint(
                        kind="email", value_raw=email, value_norm=email.lower(), is_primary=i == 0
                    )
                )
            s.add(c)
            s.flush()
            if ext == "KH-004213":
                _history(s, c, now)
    return db


def _history(s: object, c: Customer, now: datetime) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    for days, product, amount, status in [
        (3, "Máy lọc không khí Sharp FP-J60E", "6490000", "shipped"),
        (41, "Nồi chiên không dầu Philips HD9252", "2790000", "delivered"),
        (118, "Tủ lạnh Panasonic Inverter 322L", "12990000", "delivered"),
    ]:
        s.add(
            Order(
                customer_id=c.id,
                ordered_at=now - timedelta(days=days),
                product=product,
                amount=Decimal(amount),
                currency="VND",
                status=status,
            )
        )
    s.add(
        Ticket(
            number=1042,
            customer_id=c.id,
            kind="complaint",
            channel="phone",
            subject="Giao hàng trễ 5 ngày, hộp bị móp",
            priority="high",
            status="open",
            resolution_due=now - timedelta(days=2),
        )
    )
    s.add(
        Ticket(
            number=1057,
            customer_id=c.id,
            kind="request",
            channel="email",
            subject="Xuất lại hoá đơn VAT cho đơn tủ lạnh",
            priority="normal",
            status="pending_customer",
            resolution_due=now + timedelta(days=1, hours=4),
        )
    )
    for hours, channel, direction, summary in [
        (
            5,
            "phone",
            "inbound",
            "Khách gọi hỏi tiến độ khiếu nại #1042; đã hẹn gọi lại trước 17:00.",
        ),
        (27, "zalo", "inbound", "Gửi ảnh hộp máy lọc không khí bị móp."),
        (30, "phone", "outbound", "Xác nhận lịch giao hàng, khách không nghe máy."),
        (24 * 6, "email", "inbound", "Yêu cầu xuất lại hoá đơn VAT cho công ty."),
    ]:
        s.add(
            Interaction(
                customer_id=c.id,
                channel=channel,
                direction=direction,
                started_at=now - timedelta(hours=hours),
                summary=summary,
            )
        )


def seed_tickets(db: Database, agent_id: object) -> int:
    """Departments, SLA, rules and a delivery queue in every SLA state; returns the
    number of the complaint whose processing log the ticket screenshot shows."""
    import uuid

    from app import tickets
    from app.tickets import TicketInput

    assert isinstance(agent_id, uuid.UUID)
    with db.session() as s:
        for code, name, kind in [
            ("CARE", "Chăm sóc khách hàng", "internal"),
            ("DELIVERY", "Giao vận", "internal"),
            ("QUALITY", "Quản lý chất lượng", "internal"),
            ("BILLING", "Kế toán – Hoá đơn", "internal"),
            ("SUP_SHARP", "NCC: Sharp Việt Nam", "supplier"),
        ]:
            s.add(Department(code=code, name=name, kind=kind))
        s.add(
            SlaPolicy(
                name="Khiếu nại 24 giờ",
                first_response_minutes=60,
                resolution_minutes=24 * 60,
                actions={"notify": ["supervisor"]},
            )
        )
        s.add(
            SlaPolicy(name="Yêu cầu 48 giờ", first_response_minutes=240, resolution_minutes=48 * 60)
        )
        delivery = Category(code="delivery", name="Giao hàng", position=1)
        quality = Category(code="quality", name="Chất lượng sản phẩm", position=2)
        s.add_all([delivery, quality, Category(code="billing", name="Hoá đơn", position=3)])
        s.flush()
        s.add(Category(code="delivery.late", name="Giao trễ", parent_id=delivery.id))
        s.add(Category(code="delivery.damaged", name="Hư hỏng khi giao", parent_id=delivery.id))
        rules = [
            ("Khách VIP ưu tiên cao", {"tiers": ["vip", "gold"]}, {"priority": "high"}),
            (
                "Giao hàng",
                {"categories": ["delivery"], "keywords": ["giao hang", "tre hen"]},
                {"department": "DELIVERY", "sla_policy": "Khiếu nại 24 giờ"},
            ),
            (
                "Chất lượng",
                {"categories": ["quality"], "keywords": ["hong", "loi"]},
                {"department": "QUALITY", "sla_policy": "Khiếu nại 24 giờ"},
            ),
            ("Còn lại", {}, {"department": "CARE", "sla_policy": "Yêu cầu 48 giờ"}),
        ]
        for i, (name, cond, act) in enumerate(rules):
            s.add(RoutingRule(position=(i + 1) * 10, name=name, conditions=cond, actions=act))
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    queue = [
        ("KH-004213", "Giao hàng trễ 3 ngày, hộp máy lọc không khí bị móp", 27, None),
        ("KH-000018", "Giao hàng sai địa chỉ, khách phải lên bưu cục nhận", 22.7, None),
        ("KH-003377", "Shipper hẹn giao hàng buổi sáng nhưng không đến", 20, None),
        ("KH-002984", "Đơn giao hàng bị huỷ mà không báo trước", 15, None),
        ("DN-000412", "Giao hàng thiếu 2 thùng so với hoá đơn", 4, None),
        ("KH-005120", "Hỏi lại lịch giao hàng tủ lạnh, chờ khách xác nhận", 6, "pending_customer"),
        ("KH-006001", "Giao hàng trễ hẹn lần hai", 1, None),
    ]
    numbers = []
    for ext, text, hours_ago, status in queue:
        t = tickets.create_ticket(
            db,
            TicketInput(customer=ext, kind="complaint", channel="phone", text=text),
            actor_id=agent_id,
            at=now - timedelta(hours=hours_ago),
        )
        numbers.append(t.number)
        if hours_ago < 24:  # answered in time: only the resolution clock is running
            tickets.comment(
                db,
                t.number,
                "Đã liên hệ khách, đang kiểm tra với kho.",
                agent_id,
                internal=False,
                at=now - timedelta(hours=hours_ago - 0.3),
            )
        if status:
            tickets.change_status(
                db, t.number, status, agent_id, at=now - timedelta(hours=hours_ago - 1)
            )
    first = numbers[0]
    start = now - timedelta(hours=27)
    tickets.comment(
        db,
        first,
        "Đã gọi đơn vị vận chuyển: kiện hàng kẹt ở kho Bình Dương.",
        agent_id,
        internal=True,
        at=start + timedelta(minutes=40),
    )
    tickets.comment(
        db,
        first,
        "Chúng tôi xin lỗi vì sự chậm trễ. Hàng sẽ được giao trong "
        "hôm nay và anh được tặng phiếu giảm giá 10%.",
        agent_id,
        internal=False,
        at=start + timedelta(hours=1, minutes=5),
    )
    tickets.transfer(
        db,
        first,
        "QUALITY",
        "Hộp bị móp: cần bộ phận chất lượng kiểm tra máy trước khi đổi.",
        agent_id,
        at=start + timedelta(hours=3),
    )
    tickets.transfer(
        db,
        first,
        "DELIVERY",
        "Máy không lỗi, chỉ hỏng vỏ hộp: trả về Giao vận để giao bù.",
        agent_id,
        at=start + timedelta(hours=6),
    )
    tickets.escalate(db, now)
    return first


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, name: str) -> None:
    path = DOCS / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def shoot_tickets(app: QApplication, db: Database, window: MainWindow, user: object) -> None:
    from app.auth import CurrentUser
    from ui.tickets import actions

    assert isinstance(user, CurrentUser)
    first = seed_tickets(db, user.id)
    window.tabs.setCurrentWidget(window.tickets.queues)
    queues = window.tickets.queues
    wait(app, lambda: queues.department is not None and not queues.is_loading())
    queues.show_department("DELIVERY")
    wait(app, lambda: not queues.is_loading() and queues.model.rowCount() > 0)
    queues.table.selectRow(2)
    save(window, "queue.png")

    ticket = actions.open_ticket(None, db, user, first)
    ticket.resize(1180, 780)
    wait(app, lambda: ticket.view is not None and not ticket.is_busy())
    ticket.comment.setPlainText("Khách đồng ý nhận hàng giao bù chiều nay.")
    wait(app, lambda: True)
    save(ticket, "ticket.png")
    ticket.close()

    window.tabs.setCurrentIndex(0)
    customer = window.detail.shown_id
    dialog = actions.open_new_ticket(window, db, user, customer, "complaint", open_after=False)
    wait(app, lambda: dialog.options.customer is not None)
    dialog.category.setCurrentIndex(dialog.category.findData("delivery"))
    dialog.subcategory.setCurrentIndex(dialog.subcategory.findData("delivery.damaged"))
    dialog.subject.setText("Máy lọc không khí giao trễ, hộp bị móp")
    dialog.text.setPlainText(
        "Khách đặt máy lọc không khí Sharp FP-J60E ngày 12, hẹn giao trong 2 ngày nhưng "
        "đến hôm nay mới nhận. Hộp bị móp một góc, khách muốn kiểm tra máy trước khi ký nhận."
    )
    dialog.product.setText("Máy lọc không khí Sharp FP-J60E")
    dialog.request_preview()
    wait(app, lambda: dialog.preview is not None and not dialog.is_previewing())
    save(dialog, "new-complaint.png")
    dialog.close()


def shoot_conflict(app: QApplication, db: Database, window: MainWindow) -> None:
    """docs/customer-conflict.png: another workstation saved the customer while this
    agent was editing; both versions, and the choice."""
    from app import customers
    from ui.customer_edit import CustomerConflictDialog, CustomerEditDialog

    shown = window.detail.shown_id
    assert shown is not None
    window.detail.edit_customer()
    editor = window.detail.editor
    assert isinstance(editor, CustomerEditDialog)
    editor.notes.setPlainText("Gọi lại sau 17h, khách đang họp.")
    editor.tier.setCurrentIndex(editor.tier.findData("gold"))
    other = Database(db.url)  # a second workstation
    seen = customers.detail(other, shown)
    assert seen is not None
    customers.update_customer(
        other, shown, {"warning": "Đang khiếu nại giao hàng trễ", "tier": "vip"}, seen.version
    )
    other.dispose()
    wait(app, editor.notice.isVisible)
    editor.save()
    wait(app, lambda: editor.conflict is not None and editor.conflict.isVisible())
    conflict = editor.conflict
    assert isinstance(conflict, CustomerConflictDialog)
    save(conflict, "customer-conflict.png")
    conflict.reject()
    wait(app, lambda: True)
    editor.reject()
    wait(app, lambda: not window.detail.is_loading())


def main() -> int:
    render_icon()
    print(f"wrote {(ICONS / 'calldesk.png').relative_to(ROOT)}")
    app = application()
    theme.apply_theme("light")
    i18n.set_language(sys.argv[1] if len(sys.argv) > 1 else "en")
    DOCS.mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="calldesk-shots-db-"))
    db = build_database(f"sqlite:///{workdir / 'demo.sqlite'}")
    settings = Settings.load()
    settings.last_username = "lan.nguyen"
    settings.save()

    login = LoginDialog(db)
    login.show()
    wait(app, lambda: login.pages.currentIndex() == LoginDialog.PAGE_LOGIN)
    login.password.setText("demo-pass")
    save(login, "login.png")
    login.close()

    user = auth.authenticate(db, "lan.nguyen", "demo-pass")
    window = MainWindow(db, user)
    window.resize(*SIZE)
    window.show()
    wait(
        app,
        lambda: (
            window.model.rowCount() > 0
            and window.online is not None
            and window.status_selector.isEnabled()
        ),
    )
    target = next(
        r
        for r in range(window.model.rowCount())
        if (row := window.model.row(r)) and row.name == "Nguyễn Văn An"
    )
    window.table.selectRow(target)
    window.table.setFocus()
    wait(app, lambda: window.detail.shown_id is not None and not window.detail.is_loading())
    save(window, "main-window.png")

    theme.apply_theme("dark")
    wait(app, lambda: True)
    save(window, "main-window-dark.png")
    theme.apply_theme("light")

    shoot_conflict(app, db, window)
    shoot_tickets(app, db, window, user)
    window.close()
    worker.wait_for_idle()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
