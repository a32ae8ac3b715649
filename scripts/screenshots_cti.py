"""Render the telephony pictures the README shows.

A throw-away SQLite database, a scripted baresip control socket, and the real
widgets offscreen:

* docs/cti-call.png: a call from the softphone on the card, with Answer / Hang up;
* docs/missed-calls.png: the missed calls list with Call back;
* docs/settings-telephony.png: File → Settings with the Telephony section.

    .venv/bin/python scripts/screenshots_cti.py
"""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CALLDESK_HOME"] = tempfile.mkdtemp(prefix="calldesk-cti-shots-")
os.environ.pop("CALLDESK_DATABASE_URL", None)

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app import lookup  # noqa: E402
from app.cti import netstring, recorder  # noqa: E402
from app.cti.events import CallState, make_event  # noqa: E402
from app.cti.settings import CtiSettings  # noqa: E402
from app.text import fold  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import ContactPoint, Customer  # noqa: E402
from ui import theme, worker  # noqa: E402
from ui.cti.bridge import CtiBridge  # noqa: E402
from ui.cti.missed_calls import MissedCallsWindow  # noqa: E402
from ui.pop.controller import ScreenPop  # noqa: E402
from ui.settings_dialog import SettingsDialog  # noqa: E402

DOCS = ROOT / "docs"


def spin(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def add_customer(db: Database, name: str, phone: str, tier: str = "standard") -> None:
    with db.session() as s:
        c = Customer(name=name, name_key=fold(name), tier=tier)
        s.add(c)
        s.flush()
        keys = lookup.contact_keys("phone", phone)
        assert keys is not None
        s.add(ContactPoint(customer_id=c.id, kind="phone", value_raw=phone,
                           value_norm=keys[0], match_key=keys[1], is_primary=True))  # fmt: skip


def shoot(widget: QWidget, name: str) -> None:
    widget.grab().save(str(DOCS / name))
    print(f"wrote docs/{name}")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply_theme("light")
    db = Database(f"sqlite:///{Path(os.environ['CALLDESK_HOME']) / 'shots.sqlite'}")
    migrate.upgrade(db)
    add_customer(db, "Nguyễn Thị Thu Hà", "0912 345 678", "gold")
    add_customer(db, "Công ty TNHH Sao Mai", "028 3829 1234")
    t0 = datetime.now(UTC) - timedelta(hours=2)
    for i, (number, queue, wait) in enumerate(
        [("0912 345 678", "sales", 48), ("0987 654 321", "support", 95),
         ("028 3829 1234", "billing", 22), ("0903 111 222", "support", 130)]
    ):  # fmt: skip
        at = t0 + timedelta(minutes=17 * i)
        digits = number.replace(" ", "")
        ring = make_event(CallState.RINGING, f"m{i}", "ami", number=digits, queue=queue, at=at)
        recorder.apply(db, ring)
        end = make_event(CallState.HANGUP, f"m{i}", "ami", at=at + timedelta(seconds=wait))
        recorder.apply(db, end)

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    pop = ScreenPop(db, None, server_name=str(Path(os.environ["CALLDESK_HOME"]) / "pop.sock"))
    bridge = CtiBridge(pop, CtiSettings(source="baresip", baresip_port=server.getsockname()[1]))
    bridge.start()
    conn, _ = server.accept()
    body = {"event": True, "type": "CALL_INCOMING", "class": "call", "accountaor": "sip:101@pbx",
            "direction": "incoming", "peeruri": "sip:0912345678@pbx", "peerdisplayname": "Thu Ha",
            "id": "a1b2c3"}  # fmt: skip
    conn.sendall(netstring.encode(json.dumps(body).encode()))
    end = time.monotonic() + 15
    while pop.card.final_serial < 1 and time.monotonic() < end:
        spin(app, 0.05)
    spin(app, 0.5)
    shoot(pop.card, "cti-call.png")

    missed = MissedCallsWindow(db, dialer=lambda _n: True)
    missed.show()
    spin(app, 1.0)
    shoot(missed, "missed-calls.png")

    dialog = SettingsDialog()
    dialog.show()
    dialog.telephony.source.setCurrentIndex(dialog.telephony.source.findData("webhook"))
    dialog.telephony.new_token()
    spin(app, 0.5)
    shoot(dialog, "settings-telephony.png")

    bridge.stop()
    pop.close()
    conn.close()
    server.close()
    worker.wait_for_idle()
    db.dispose()


if __name__ == "__main__":
    main()
