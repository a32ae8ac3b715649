"""Render the screen-pop pictures the README shows.

Builds a throw-away SQLite directory with realistic Vietnamese customers and
history, opens the real main window offscreen at 1280x800 with screen-pop
installed, sends real `calldesk pop` messages through the local socket, and saves:

* docs/screen-pop.png: a known caller's card (gold, VIP, a complaint two days
  overdue, value segment, last contact per channel) over the main window;
* docs/unknown-caller.png: an unknown number's card, offering N / A.

    .venv/bin/python scripts/screenshots_pop.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CALLDESK_HOME"] = tempfile.mkdtemp(prefix="calldesk-pop-shots-")
os.environ.pop("CALLDESK_DATABASE_URL", None)

from PySide6.QtCore import QEventLoop, QPoint, QRect  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app import auth, lookup, pop_protocol, rfm  # noqa: E402
from app.auth import CurrentUser  # noqa: E402
from app.text import fold  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import ContactPoint, Customer, Interaction, Order, Ticket  # noqa: E402
from ui import i18n, theme, worker  # noqa: E402
from ui.application import application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.pop import controller  # noqa: E402

DOCS = ROOT / "docs"
SIZE = (1280, 900)

# name, kind, tier, vip, external id, phones, email
PEOPLE = [
    ("Nguyễn Văn An", "person", "gold", True, "KH-004213", ["0912 345 678"], "an.nguyen@gmail.com"),
    ("Trần Thị Bích Ngọc", "person", "silver", False, "KH-003377", ["0903 112 233"], None),
    ("Lê Hoàng Phúc", "person", "standard", False, "KH-005120", ["0987 654 321"], None),
    ("Phạm Minh Châu", "person", "vip", True, "KH-000018", ["0938 777 999"], None),
    ("Công ty TNHH Thương mại Sao Việt", "organization", "gold", False, "DN-000412",
     ["028 3930 1122"], "ketoan@saoviet.vn"),
    ("Võ Thị Hồng Nhung", "person", "standard", False, "KH-006001", ["0977 246 810"], None),
    ("Đặng Quốc Bảo", "person", "silver", False, "KH-002984", ["0909 135 246"], None),
    ("Bùi Thanh Hương", "person", "standard", False, "KH-007345", ["0326 555 888"], None),
    ("Hoàng Gia Huy", "person", "standard", False, "KH-007102", ["0862 404 505"], None),
    ("Ngô Thị Mai Anh", "person", "gold", False, "KH-001566", ["0915 808 909"], None),
    ("Đỗ Văn Khánh", "person", "standard", False, "KH-008230", ["0394 321 765"], None),
    ("Trương Mỹ Linh", "person", "standard", False, "KH-009014", ["0708 123 456"], None),
    ("Huỳnh Tấn Phát", "person", "silver", False, "KH-004870", ["0939 246 357"], None),
    ("Lý Thu Trang", "person", "standard", False, "KH-010233", ["0845 667 788"], None),
]  # fmt: skip


def _customer(
    name: str, kind: str, tier: str, vip: bool, ext: str, phones: list[str], email: str | None
) -> Customer:
    c = Customer(name=name, name_key=fold(name), kind=kind, tier=tier, vip=vip, external_id=ext)
    for k, raw in enumerate(phones):
        keys = lookup.contact_keys("phone", raw)
        assert keys is not None
        c.contact_points.append(
            ContactPoint(
                kind="phone",
                value_raw=raw,
                value_norm=keys[0],
                match_key=keys[1],
                is_primary=k == 0,
            )
        )
    if email:
        c.contact_points.append(
            ContactPoint(kind="email", value_raw=email, value_norm=email.lower(), is_primary=True)
        )
    return c


ORDERS = [
    (3, "Máy lọc không khí Sharp FP-J60E", "6490000"),
    (41, "Nồi chiên không dầu Philips HD9252", "2790000"),
    (118, "Tủ lạnh Panasonic Inverter 322L", "12990000"),
    (160, "Máy hút bụi Dyson V8", "8990000"),
    (230, "Bếp từ Bosch PUC631BB2E", "11490000"),
]
CONTACTS = [
    (5, "phone", "inbound", "Hỏi tiến độ khiếu nại T-001042; hẹn gọi lại trước 17:00."),
    (27, "zalo", "inbound", "Gửi ảnh hộp máy lọc không khí bị móp."),
    (30, "phone", "outbound", "Xác nhận lịch giao hàng, khách không nghe máy."),
    (24 * 6, "email", "inbound", "Yêu cầu xuất lại hoá đơn VAT cho công ty."),
    (24 * 40, "walk_in", "inbound", "Đến cửa hàng Quận 3 đổi phụ kiện."),
]


def build(db: Database) -> CurrentUser:
    migrate.upgrade(db)
    user = auth.create_user(db, "lan.nguyen", "demo-pass", "Nguyễn Thị Lan", role="agent")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with db.session() as s:
        ids = {}
        for i, row in enumerate(PEOPLE):
            c = _customer(*row)
            s.add(c)
            s.flush()
            ids[c.external_id] = c.id
            # Everybody bought something, so the value segments mean something.
            for k in range(1 + i % 4):
                s.add(
                    Order(
                        customer_id=c.id,
                        ordered_at=now - timedelta(days=20 + 37 * i + 11 * k),
                        amount=Decimal(350_000 + 180_000 * ((i * 7 + k) % 9)),
                        product="Bình giữ nhiệt Lock&Lock",
                    )
                )
        an = s.get(Customer, ids["KH-004213"])
        assert an is not None
        an.organization_id = ids["DN-000412"]
        an.warning = "Khách đã khiếu nại 2 lần trong tháng — ưu tiên chuyển cấp trên."
        an.notes = "Thích được gọi sau 17:00. Nhận tin khuyến mãi qua Zalo."
        for days, product, amount in ORDERS:
            s.add(
                Order(
                    customer_id=an.id,
                    ordered_at=now - timedelta(days=days),
                    product=product,
                    amount=Decimal(amount),
                    status="delivered",
                )
            )
        s.add(
            Ticket(
                number=1042,
                customer_id=an.id,
                kind="complaint",
                channel="phone",
                subject="Giao hàng trễ 5 ngày, hộp máy lọc không khí bị móp",
                priority="high",
                status="open",
                created_at=now - timedelta(days=4),
                resolution_due=now - timedelta(days=2, hours=3),
            )
        )
        s.add(
            Ticket(
                number=1057,
                customer_id=an.id,
                kind="request",
                channel="email",
                subject="Xuất lại hoá đơn VAT cho đơn tủ lạnh",
                priority="normal",
                status="pending_customer",
                created_at=now - timedelta(days=1),
                resolution_due=now + timedelta(days=1, hours=4),
            )
        )
        for hours, channel, direction, summary in CONTACTS:
            s.add(
                Interaction(
                    customer_id=an.id,
                    channel=channel,
                    direction=direction,
                    started_at=now - timedelta(hours=hours),
                    summary=summary,
                )
            )
    rfm.refresh(db)
    return user


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("screenshot: timed out waiting for the window")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    for _ in range(10):
        app.processEvents()
        time.sleep(0.01)


def send(
    app: QApplication, pop: controller.ScreenPop, number: str, name: str | None = None
) -> None:
    """A real `calldesk pop` through the socket, as a softphone would send it."""
    serial = pop.card.serial
    message = pop_protocol.PopMessage(number, None, name)
    thread = threading.Thread(
        target=pop_protocol.send, args=(message, 10.0, pop.server.name), daemon=True
    )
    thread.start()
    wait(app, lambda: pop.card.final_serial > serial and not thread.is_alive())


def composite(window: QWidget, card: QWidget, path: Path) -> None:
    """The card where it sits on screen, over the main window, with a soft shadow."""
    base = window.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    shot = card.grab().toImage()
    origin = card.geometry().topLeft() - window.geometry().topLeft()
    x = max(16, min(base.width() - shot.width() - 16, origin.x()))
    y = max(16, min(base.height() - shot.height() - 16, origin.y()))
    painter = QPainter(base)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(base.rect(), QColor(15, 23, 42, 36))  # the workspace recedes a little
    for spread, alpha in ((18, 10), (12, 16), (7, 24), (3, 34)):
        rect = QRect(
            x - spread, y - spread + 6, shot.width() + 2 * spread, shot.height() + 2 * spread
        )
        path_ = QPainterPath()
        path_.addRoundedRect(rect, 14 + spread, 14 + spread)
        painter.fillPath(path_, QColor(15, 23, 42, alpha))
    clip = QPainterPath()
    clip.addRoundedRect(QRect(QPoint(x, y), shot.size()), 10, 10)
    painter.setClipPath(clip)
    painter.drawImage(QPoint(x, y), shot)
    painter.end()
    base.save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> int:
    app = application()
    theme.apply_theme("light")
    i18n.set_language("en")
    DOCS.mkdir(exist_ok=True)
    db = Database(f"sqlite:///{Path(os.environ['CALLDESK_HOME']) / 'shots.sqlite'}")
    user = build(db)
    window = MainWindow(db, user)
    window.resize(*SIZE)
    window.move(0, 0)
    window.show()
    wait(app, lambda: not window.model.is_loading())
    names = [window.model.row(r).name for r in range(window.model.rowCount())]  # type: ignore[union-attr]
    window.table.selectRow(names.index("Nguyễn Văn An"))
    wait(app, lambda: window.detail.shown_id is not None and not window.detail.is_loading())
    pop = controller.install(window)
    try:
        send(app, pop, "+84 912 345 678")
        wait(app, lambda: not pop.card._dup_task)
        pop.card.move(window.geometry().right() - pop.card.width() - 36, 26)
        wait(app, lambda: True)
        composite(window, pop.card, DOCS / "screen-pop.png")

        send(app, pop, "0988 246 135", name="MINH TRIET")
        wait(app, lambda: True)
        composite(window, pop.card, DOCS / "unknown-caller.png")
    finally:
        pop.close()
        pop.card.hide()
        window.close()
        worker.wait_for_idle()
        app.processEvents()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
