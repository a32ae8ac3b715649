"""Render the pictures the README shows: the app icon PNG and the main screens.

Builds a throw-away SQLite database with a few realistic Vietnamese customers,
opens the real login dialog and main window offscreen at 1280x800, selects a
customer and saves docs/login.png, docs/main-window.png and
docs/main-window-dark.png. Also renders resources/icons/calldesk.svg to
calldesk.png (256 px) so the raster icon never drifts from the drawing.

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
from db.models import ContactPoint, Customer, Interaction, Order, Ticket  # noqa: E402
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
    wait(app, lambda: window.model.rowCount() > 0 and window.online is not None)
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

    window.close()
    worker.wait_for_idle()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
