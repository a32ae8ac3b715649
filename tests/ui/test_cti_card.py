"""A softphone drives the card: the call pops from baresip's control socket, Answer and
Hang up go back to it, the bar follows what the phone reports, and the calls row
carries the times. Missed calls are listed and rung back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth import create_user
from app.cti import netstring, recorder
from app.cti.events import CallState, make_event
from app.cti.settings import CtiSettings
from db.engine import Database
from db.models import Call
from tests.pop_fixtures import customer
from tests.test_cti_sources import Peer
from tests.ui.pop_helpers import joined, screen_pop
from ui.cti.bridge import CtiBridge
from ui.cti.missed_calls import MissedCallsWindow
from ui.pop.controller import ScreenPop


def frame(kind: str, cid: str = "c1", number: str = "0912345678", **extra: object) -> bytes:
    body = {
        "event": True,
        "type": kind,
        "class": "call",
        "accountaor": "sip:101@127.0.0.1",
        "direction": "incoming",
        "peeruri": f"sip:{number}@127.0.0.1",
        "id": cid,
        **extra,
    }
    return netstring.encode(json.dumps(body).encode())


class Phone:
    """The softphone's side of ctrl_tcp, scripted."""

    def __init__(self, peer: Peer) -> None:
        self.peer = peer
        self.conn = peer.accept()
        self.decoder = netstring.Decoder()
        self.received: list[dict[str, object]] = []

    def restart(self) -> None:
        """The softphone quits and starts again: CallDesk must come back by itself."""
        self.conn.close()
        self.conn = self.peer.accept()

    def send(self, data: bytes) -> None:
        self.conn.sendall(data)

    def commands(self) -> list[object]:
        self.conn.settimeout(0.05)
        try:
            while True:
                data = self.conn.recv(4096)
                if not data:
                    break
                self.received += [json.loads(f) for f in self.decoder.feed(data)]
        except TimeoutError:
            pass
        return [c["command"] for c in self.received]


@pytest.fixture
def phone_pop(qtbot: QtBot, ui_db: Database) -> Iterator[tuple[ScreenPop, CtiBridge, Phone]]:
    agent = create_user(ui_db, "agent9", "pw-123456", "Agent Nine", extension="101")
    peer = Peer()
    with screen_pop(qtbot, ui_db) as pop:
        bridge = CtiBridge(pop, CtiSettings(source="baresip", baresip_port=peer.port), agent.id)
        pop.cti = bridge
        assert bridge.start()
        phone = Phone(peer)
        qtbot.waitUntil(lambda: bridge.connected, timeout=5000)
        try:
            yield pop, bridge, phone
        finally:
            pop.close()
            phone.conn.close()
            peer.close()


def test_softphone_call_pops_answers_and_hangs_up(
    qtbot: QtBot, ui_db: Database, phone_pop: tuple[ScreenPop, CtiBridge, Phone]
) -> None:
    pop, bridge, phone = phone_pop
    customer(ui_db, "Nguyễn Văn An", phones=["0912 345 678"])
    phone.send(frame("CALL_INCOMING", peerdisplayname="An mobile"))
    qtbot.waitUntil(lambda: pop.card.isVisible() and pop.card.final_serial == 1, timeout=8000)
    assert "Nguyễn Văn An" in joined(pop.card)
    assert "0912 345 678" in pop.card.number_label.text()
    controls = bridge.controls
    assert controls.isVisible() and controls.state_label.text() == "Ringing"
    assert controls.answer_button.isVisible() and controls.hangup_button.isVisible()

    qtbot.mouseClick(controls.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: phone.commands() == ["callfind", "accept"], timeout=5000)
    assert phone.received[0]["params"] == "c1"
    phone.send(frame("CALL_ESTABLISHED"))
    qtbot.waitUntil(lambda: controls.state_label.text().startswith("On call"), timeout=5000)
    assert not controls.answer_button.isVisible() and controls.hangup_button.isVisible()

    qtbot.keyClick(pop.card, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: phone.commands()[-1] == "hangup", timeout=5000)
    phone.send(frame("CALL_CLOSED", param="Connection reset by user"))
    qtbot.waitUntil(lambda: controls.state_label.text().startswith("Call ended"), timeout=5000)
    assert not controls.hangup_button.isVisible()
    assert pop.card.isVisible()  # the agent still logs the call

    assert bridge.recorder.flush()
    with ui_db.sessions() as s:
        call = s.execute(select(Call)).scalar_one()
    assert call.call_ref == "baresip:c1" and call.caller == "0912345678"
    assert call.caller_name == "An mobile" and call.callee == "101"
    assert call.answered_at is not None and call.ended_at is not None
    assert call.offered_at <= call.answered_at <= call.ended_at
    assert call.agent_id is not None and call.customer_id is not None


def test_unanswered_call_shows_missed_and_softphone_restart_reconnects(
    qtbot: QtBot, ui_db: Database, phone_pop: tuple[ScreenPop, CtiBridge, Phone]
) -> None:
    pop, bridge, phone = phone_pop
    phone.send(frame("CALL_INCOMING", cid="m1", number="0987654321"))
    qtbot.waitUntil(lambda: pop.card.final_serial == 1, timeout=8000)
    phone.send(netstring.encode(b"this is not json"))  # garbage between events is skipped
    phone.send(frame("CALL_CLOSED", cid="m1", number="0987654321"))
    qtbot.waitUntil(lambda: bridge.controls.state_label.text() == "Missed call", timeout=5000)
    assert bridge.recorder.flush()
    assert [m.caller for m in recorder.missed_calls(ui_db)] == ["0987654321"]
    assert bridge.events[-1].state is CallState.HANGUP
    phone.restart()
    qtbot.waitUntil(lambda: bridge.connected, timeout=5000)
    phone.send(frame("CALL_INCOMING", cid="m2", number="0911000111"))
    qtbot.waitUntil(lambda: pop.card.final_serial == 2, timeout=8000)
    assert bridge.controls.state_label.text() == "Ringing"


def test_missed_calls_window_calls_back(qtbot: QtBot, ui_db: Database) -> None:
    t0 = datetime.now(UTC) - timedelta(minutes=30)
    for i, number in enumerate(["0987654321", "0911222333"]):
        recorder.apply(
            ui_db,
            make_event(
                CallState.RINGING,
                f"x{i}",
                "webhook",
                number=number,
                queue="sales",
                at=t0 + timedelta(minutes=i),
            ),
        )
        recorder.apply(
            ui_db,
            make_event(
                CallState.HANGUP, f"x{i}", "webhook", at=t0 + timedelta(minutes=i, seconds=42)
            ),
        )
    dialled: list[str] = []
    window = MissedCallsWindow(ui_db, dialer=lambda n: dialled.append(n) or True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)
    assert window.model.index(0, 1).data() == "0911 222 333"
    assert window.model.index(0, 4).data() == "0:42"
    assert window.call_back_button.text() == "Call back"
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    assert dialled == ["0911222333"]
    assert "Calling" in window.status.text()
    window.set_dialer(None)
    assert window.call_back_button.text() == "Copy number, mark called"
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.mouseClick(window.call_back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No missed calls" in window.count.text(), timeout=5000)
    assert window.model.rowCount() == 0
    assert "copied" in window.status.text()


def test_webhook_pops_only_this_extensions_calls_and_credits_the_right_agent(
    qtbot: QtBot, ui_db: Database
) -> None:
    from tests.test_cti_sources import free_port, post

    me = create_user(ui_db, "agent5", "pw-123456", "Agent Five", extension="105")
    colleague = create_user(ui_db, "agent6", "pw-123456", "Agent Six", extension="106")
    port = free_port()
    with screen_pop(qtbot, ui_db) as pop:
        cfg = CtiSettings(source="webhook", webhook_port=port, extension="105")
        bridge = CtiBridge(pop, cfg, me.id)
        pop.cti = bridge
        assert bridge.start(token="tok")
        path = "/cti?token=tok"
        assert post(port, b"event=newCall&from=0911000001&to=106&callId=a", path)[0] == 200
        assert post(port, b"event=newCall&from=0911000002&to=105&callId=b", path)[0] == 200
        qtbot.waitUntil(lambda: pop.card.final_serial == 1, timeout=8000)
        assert pop.card.call_ref == "webhook:b"  # the colleague's call did not pop
        assert post(port, b"event=answer&callId=a&answeringNumber=106", path)[0] == 200
        assert post(port, b"event=answer&callId=b&answeringNumber=106", path)[0] == 200
        qtbot.waitUntil(lambda: len(bridge.events) == 4, timeout=5000)
        assert bridge.controls.state == bridge.controls.TALKING
        assert not bridge.controls.answer_button.isVisible()  # a webhook cannot answer
        assert bridge.recorder.flush()
        pop.close()
    with ui_db.sessions() as s:
        agents = dict(s.execute(select(Call.call_ref, Call.agent_id)).all())
    assert agents == {"webhook:a": colleague.id, "webhook:b": colleague.id}
