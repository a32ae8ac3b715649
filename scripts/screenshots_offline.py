"""Render the offline pictures the README shows.

Creates a throw-away PostgreSQL database on the server named by --db (default
CALLDESK_TEST_PG_URL), opens the real main window offscreen through a local TCP
proxy, refreshes the directory copy, cuts the proxy, rings a known caller (the card
comes from the copy), stores a few changes offline and a refused one, and saves:

* docs/offline.png: the window offline ("Offline — N changes waiting") with the
  reduced, "offline"-marked pop card;
* docs/offline-outbox.png: the outbox window with a conflict to retry or discard.

    .venv/bin/python scripts/screenshots_offline.py [--db postgresql://...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CALLDESK_HOME"] = tempfile.mkdtemp(prefix="calldesk-offline-shots-")
os.environ.pop("CALLDESK_DATABASE_URL", None)

from PySide6.QtCore import QEventLoop, QPoint  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app import auth, outbox, tickets  # noqa: E402
from app.interactions import InteractionInput  # noqa: E402
from app.outbox import state, writes  # noqa: E402
from app.pop_protocol import PopMessage  # noqa: E402
from app.tickets import TicketInput  # noqa: E402
from bench.outage import _admin  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from tests import pop_fixtures, ticket_fixtures  # noqa: E402
from tests.offline_proxy import TcpProxy  # noqa: E402
from ui import i18n, theme, worker  # noqa: E402
from ui.application import application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.pop import controller  # noqa: E402

DOCS = ROOT / "docs"


def wait(app: QApplication, until: Callable[[], bool], timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not until():
        if time.monotonic() > end:
            raise SystemExit("screenshots_offline: timed out waiting for the window")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("CALLDESK_TEST_PG_URL", ""))
    args = parser.parse_args()
    if not args.db:
        print("screenshots_offline: give --db postgresql://… (admin rights)", file=sys.stderr)
        return 2
    name = f"calldesk_shots_{uuid.uuid4().hex[:8]}"
    _admin(args.db, f'CREATE DATABASE "{name}"')
    url = make_url(args.db).set(database=name).render_as_string(hide_password=False)
    try:
        return shoot(url)
    finally:
        _admin(args.db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def shoot(url: str) -> int:
    direct = Database(url)
    migrate.upgrade(direct)
    ticket_fixtures.reference(direct)
    user = auth.create_user(direct, "lan", "agent123", display_name="Nguyễn Thị Lan")
    an = pop_fixtures.customer(
        direct, "Nguyễn Văn An", ["0912 345 678"], ["an.nguyen@gmail.com"],
        tier="gold", vip=True, external_id="KH-004213",
        warning="Gọi lại trước 17:00 — đơn hàng giao trễ",
    )  # fmt: skip
    for subject, kind in (("Giao hàng trễ 3 ngày", "complaint"), ("Hỏi về bảo hành", "inquiry")):
        tickets.create_ticket(direct, TicketInput(customer=str(an), kind=kind, subject=subject))
    hoa = pop_fixtures.customer(direct, "Trần Thị Hoa", ["0903 111 222"])
    refund = tickets.create_ticket(direct, TicketInput(customer=str(hoa), subject="Hoàn tiền"))

    u = make_url(url)
    proxy = TcpProxy(u.host or "127.0.0.1", u.port or 5432)
    central = Database(proxy.url(url), connect_args={"connect_timeout": 2})
    app = application()
    theme.apply_theme("light")
    i18n.set_language("en")
    window = MainWindow(central, user)
    pop = controller.install(window, "VN")
    window.resize(1280, 800)
    window.show()
    wait(app, lambda: window.online is True)
    box = window.offline.box
    assert box is not None and window.offline.directory is not None
    window.offline.directory.refresh()

    proxy.cut()
    central.engine.dispose()
    window.check_connection()
    wait(app, lambda: "Offline" in window.connection_label.text())
    writes.log_interaction(central, InteractionInput(customer_id=an, summary="Hỏi đơn hàng"))
    writes.comment(central, refund, "Khách đồng ý nhận voucher")
    writes.create_customer(central, "Lê Minh Khang", "0977 246 810")
    pop.pop(PopMessage(number="0912 345 678", call_id="shot-1"))
    wait(app, lambda: pop.card.final_serial == pop.card.serial and pop.card.data is not None)
    wait(app, lambda: "3 changes" in window.connection_label.text() or box.waiting() > 3)
    for _ in range(20):
        app.processEvents()
    shot = window.grab()
    card = pop.card.grab()
    painter = QPainter(shot)
    painter.drawPixmap(QPoint(shot.width() - card.width() - 24, 70), card)
    painter.end()
    DOCS.mkdir(exist_ok=True)
    shot.save(str(DOCS / "offline.png"))

    # Another agent resolves the refund meanwhile: the offline comment comes back refused.
    tickets.change_status(direct, refund.number, "resolved")
    proxy.restore()
    window.check_connection()
    wait(app, lambda: window.offline.problems > 0 and not window.offline.replaying)
    dialog = window.offline.open_window(window)
    assert dialog is not None
    wait(app, lambda: dialog.model.rowCount() > 0)
    dialog.table.selectRow(0)
    for _ in range(20):
        app.processEvents()
    dialog.grab().save(str(DOCS / "offline-outbox.png"))
    print("docs/offline.png docs/offline-outbox.png")

    dialog.close()
    pop.close()
    window.close()
    worker.wait_for_idle()
    outbox.uninstall(central)
    state.of(central).came_online()
    central.dispose()
    direct.dispose()
    proxy.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
