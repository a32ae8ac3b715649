"""Screen-pop from the softphone's side to the agent's keys: the real local socket, the
real card, real keystrokes."""

from __future__ import annotations

import socket
import uuid
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app import lookup, pop_protocol, rfm
from db.engine import Database
from db.models import Call, ContactPoint
from tests.pop_fixtures import customer, interaction, orders, ticket
from ui.pop.card import PopCard
from ui.pop.unknown import UnknownCallerPanel

from .pop_helpers import Sent, joined, press, screen_pop, send_pop

NOW = datetime.now(UTC)


def _known_customer(db: Database) -> uuid.UUID:
    an = customer(
        db,
        "Nguyễn Văn An",
        phones=["0912 345 678"],
        tier="gold",
        vip=True,
        external_id="KH-004213",
        warning="Khách hay đổi ý",
    )
    orders(db, an, [(3, 6_490_000), (41, 2_790_000)], now=NOW)
    ticket(
        db,
        an,
        1042,
        kind="complaint",
        due=NOW - timedelta(days=2, hours=1),
        subject="Giao hàng trễ 5 ngày",
        created=NOW - timedelta(days=6),
    )
    interaction(db, an, "zalo", NOW - timedelta(hours=3), "Gửi ảnh hộp móp")
    for i in range(9):  # others, so the RFM quintiles mean something
        other = customer(db, f"Khách {i}")
        orders(db, other, [(100 + 10 * i, 100_000)], now=NOW)
    return an


def test_a_pop_through_the_socket_shows_the_card(qtbot: QtBot, any_db: Database) -> None:
    db = any_db
    an = _known_customer(db)
    rfm.refresh(db)
    with screen_pop(qtbot, db) as pop:
        card = pop.card
        sent = Sent(
            pop_protocol.PopMessage("+84 912 345 678", "sip-1", "AN NGUYEN"), pop.server.name
        )
        # At once: the number and "Looking up…", before the lookup answers.
        qtbot.waitUntil(lambda: card.serial == 1 and card.isVisible())
        assert card.number_label.text() == "0912 345 678"
        qtbot.waitUntil(lambda: card.final_serial == 1)
        assert sent.error is None
        assert card.data is not None and card.data.id == an
        text = joined(card)
        assert "Nguyễn Văn An" in text and "Gold" in text and "VIP" in text
        assert "Complaint in progress, 2 days overdue" in text
        assert "T-001042" in text and "Khách hay đổi ý" in text
        assert card.findChild(type(card.status), "PopSegment") is not None
        assert card.data.rfm is not None and card.data.rfm.recency == 5
        assert card.last_ms is not None and card.last_ms < 5000
        # The call is in the log, matched, idempotent on its id.
        qtbot.waitUntil(lambda: _call(db, "sip-1") is not None)
        row = _call(db, "sip-1")
        assert row is not None and row.customer_id == an and row.caller == "+84 912 345 678"
        send_pop(qtbot, pop, "0912345678", call_id="sip-1")
        qtbot.waitUntil(lambda: _count_calls(db) == 1)


def _call(db: Database, ref: str) -> Call | None:
    with db.session() as s:
        return s.scalar(select(Call).where(Call.call_ref == ref))


def _count_calls(db: Database) -> int:
    with db.session() as s:
        return len(s.scalars(select(Call)).all())


def test_card_keys_ask_for_the_ticket_screens(qtbot: QtBot, ui_db: Database) -> None:
    an = _known_customer(ui_db)
    with screen_pop(qtbot, ui_db) as pop:
        card = pop.card
        send_pop(qtbot, pop, "0912 345 678", call_id="c-9")
        seen: list[tuple[str, object]] = []
        card.logInteractionRequested.connect(lambda cid, ref: seen.append(("log", (cid, ref))))
        card.newTicketRequested.connect(lambda cid, kind: seen.append(("ticket", (cid, kind))))
        card.openCustomerRequested.connect(lambda cid: seen.append(("open", cid)))
        card.openTicketRequested.connect(lambda n: seen.append(("number", n)))
        pop.open_customer_hook = lambda _cid: None  # no main window here
        for key in (Qt.Key.Key_L, Qt.Key.Key_T, Qt.Key.Key_C, Qt.Key.Key_Return):
            press(qtbot, card, key)
        card._open_link("ticket:1042")
        assert seen == [
            ("log", (an, "c-9")),
            ("ticket", (an, "inquiry")),
            ("ticket", (an, "complaint")),
            ("open", an),
            ("number", 1042),
        ]
        press(qtbot, card, Qt.Key.Key_Escape)
        assert not card.isVisible()


def test_a_shared_number_shows_the_most_recent_with_a_switcher(
    qtbot: QtBot, ui_db: Database
) -> None:
    db = ui_db
    mother = customer(db, "Lê Thị Mai", phones=["028 3823 4567"])
    son = customer(db, "Lê Văn Nam", phones=["02838234567"])
    interaction(db, mother, "phone", NOW - timedelta(days=40), "Hỏi bảo hành")
    interaction(db, son, "web", NOW - timedelta(hours=2), "Đặt hàng online")
    with screen_pop(qtbot, db) as pop:
        card = pop.card
        send_pop(qtbot, pop, "+842838234567")
        assert card.data is not None and card.data.id == son
        assert card.switcher.isVisible()
        assert "Shared number: 1 of 2" in card.switcher_title.text()
        assert [b.text() for b in card.chip_group.buttons()] == ["Lê Văn Nam", "Lê Thị Mai"]
        assert "2 customers share this number" in card.status.text()
        press(qtbot, card, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: card.data is not None and card.data.id == mother)
        assert "Lê Thị Mai" in joined(card) and card.chip_group.checkedId() == 1
        card.chip_group.button(0).click()
        qtbot.waitUntil(lambda: card.data is not None and card.data.id == son)


def test_an_unknown_caller_becomes_a_customer_in_two_keystrokes(
    qtbot: QtBot, ui_db: Database
) -> None:
    db = ui_db
    with screen_pop(qtbot, db) as pop:
        card = pop.card
        send_pop(qtbot, pop, "0977.246.810", call_id="ring-7", name="VO THI NHUNG")
        assert card.pages.currentIndex() == PopCard.PAGE_UNKNOWN
        assert "Unknown caller" in joined(card) and "0977 246 810" in joined(card)
        press(qtbot, card, Qt.Key.Key_N)  # 1
        assert card.unknown.page() == UnknownCallerPanel.PAGE_NEW
        assert card.unknown.name_edit.text() == "VO THI NHUNG"
        press(qtbot, card, Qt.Key.Key_Return)  # 2
        qtbot.waitUntil(lambda: card.data is not None)
        assert card.data is not None and card.data.name == "VO THI NHUNG"
        assert "Customer created" in card.status.text()
        created = card.data.id
        with db.session() as s:
            cp = s.scalar(select(ContactPoint).where(ContactPoint.customer_id == created))
            assert cp is not None and (cp.value_raw, cp.value_norm, cp.match_key) == (
                "0977.246.810",
                "+84977246810",
                "977246810",
            )
        qtbot.waitUntil(lambda: (c := _call(db, "ring-7")) is not None and c.customer_id == created)
        # The next ring from that number pops the new customer.
        send_pop(qtbot, pop, "+84977246810")
        assert card.data is not None and card.data.id == created

        # Without a display name the name field starts with a placeholder to type over.
        send_pop(qtbot, pop, "0903 000 111")
        press(qtbot, card, Qt.Key.Key_N)
        assert card.unknown.name_edit.text() == "Caller 0903 000 111"
        qtbot.keyClicks(card.unknown.name_edit, "Pham Thu Ha")  # typing replaces it
        press(qtbot, card, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: card.data is not None and card.data.name == "Pham Thu Ha")


def test_attach_an_unknown_number_to_an_existing_customer_in_two_keystrokes(
    qtbot: QtBot, ui_db: Database
) -> None:
    db = ui_db
    hoa = customer(db, "Trần Thị Hoa", phones=["0903 111 222"])
    customer(db, "Trần Văn Hùng")
    with screen_pop(qtbot, db) as pop:
        card = pop.card
        send_pop(qtbot, pop, "028 3930 1122", call_id="ring-8", name="Tran Thi Hoa")
        press(qtbot, card, Qt.Key.Key_A)  # 1
        assert card.unknown.page() == UnknownCallerPanel.PAGE_ATTACH
        press(qtbot, card, Qt.Key.Key_Return)  # 2 (taken as soon as the search answers)
        qtbot.waitUntil(lambda: card.data is not None and card.data.id == hoa)
        assert "Number attached" in card.status.text()
        assert [m.customer_id for m in lookup.lookup(db, "02839301122").matches] == [hoa]
        send_pop(qtbot, pop, "+842839301122")
        assert card.data is not None and card.data.id == hoa

        # No display name: the customer open in the main window is the suggestion.
        pop.card.unknown.suggest = lambda: [hoa]
        send_pop(qtbot, pop, "0966 555 444")
        press(qtbot, card, Qt.Key.Key_A)
        press(qtbot, card, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: card.data is not None and card.data.id == hoa)


def test_a_withheld_number_can_only_be_created(qtbot: QtBot, ui_db: Database) -> None:
    with screen_pop(qtbot, ui_db) as pop:
        card = pop.card
        send_pop(qtbot, pop, "anonymous")
        assert "Number withheld" in joined(card)
        press(qtbot, card, Qt.Key.Key_A)
        assert card.unknown.page() == UnknownCallerPanel.PAGE_CHOICE
        press(qtbot, card, Qt.Key.Key_N)
        press(qtbot, card, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: card.data is not None)
        assert card.data is not None and card.data.phones == []


def test_malformed_messages_are_ignored_and_the_window_keeps_serving(
    qtbot: QtBot, ui_db: Database
) -> None:
    customer(ui_db, "Nguyễn Văn An", phones=["0912 345 678"])
    with screen_pop(qtbot, ui_db) as pop:
        answers = []
        for payload in (
            b"garbage\n",
            b'{"type":"pop"}\n',
            b"\xff\xfe\n",
            b'{"type":"pop","number":"' + b"9" * 100 + b'"}\n',
        ):
            answers.append(_raw(qtbot, pop.server.name, payload))
        assert all(b'"error"' in a for a in answers)
        _raw(qtbot, pop.server.name, b"x" * (pop_protocol.MAX_MESSAGE_BYTES + 10))
        _raw(qtbot, pop.server.name, b"")  # connect and hang up
        qtbot.waitUntil(lambda: pop.server.refused >= 5)
        assert pop.card.serial == 0
        send_pop(qtbot, pop, "0912 345 678")
        assert pop.card.data is not None and pop.card.data.name == "Nguyễn Văn An"


def _raw(qtbot: QtBot, name: str, payload: bytes) -> bytes:
    """Bytes straight to the socket from a thread; what came back."""
    import threading

    got: list[bytes] = []

    def run() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(name)
            if payload:
                s.sendall(payload)
            s.shutdown(socket.SHUT_WR) if not payload else None
            try:
                got.append(s.recv(4096))
            except OSError:
                got.append(b"")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=8000)
    return got[0] if got else b""
