"""End to end with Debian's baresip: a caller dials the agent's softphone; CallDesk,
connected to the agent's ctrl_tcp socket, pops the caller's card, answers, hangs up,
and the calls row carries the right times."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth import create_user
from app.cti.settings import CtiSettings
from db.engine import Database
from db.models import Call
from tests.pop_fixtures import customer
from tests.ui.baresip_rig import UserAgent, baresip_path
from tests.ui.pop_helpers import joined, screen_pop
from ui.cti.bridge import CtiBridge

if baresip_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("baresip is not installed (./dev installs it): the CTI test needs it")
    pytest.skip("baresip is not installed (apt-get install baresip)", allow_module_level=True)


@pytest.fixture
def phones(tmp_path: Path) -> Iterator[tuple[UserAgent, UserAgent]]:
    agent = UserAgent(tmp_path, "101")
    caller = UserAgent(tmp_path, "0912345678", display="An Nguyen")
    try:
        agent.start()
        caller.start()
        yield agent, caller
    finally:
        caller.stop()
        agent.stop()


def test_real_softphone_call_pops_answers_hangs_up_and_is_recorded(
    qtbot: QtBot, ui_db: Database, phones: tuple[UserAgent, UserAgent]
) -> None:
    agent_ua, caller_ua = phones
    an = customer(ui_db, "Nguyễn Văn An", phones=["0912 345 678"])
    agent = create_user(ui_db, "agent1", "pw-123456", "Agent One", extension="101")
    with screen_pop(qtbot, ui_db) as pop:
        cfg = CtiSettings(source="baresip", baresip_port=agent_ua.ctrl_port)
        bridge = CtiBridge(pop, cfg, agent.id)
        pop.cti = bridge
        assert bridge.start()
        qtbot.waitUntil(lambda: bridge.connected, timeout=10_000)

        before = datetime.now(UTC)
        caller_ua.command("dial", agent_ua.uri)
        qtbot.waitUntil(lambda: pop.card.final_serial == 1, timeout=20_000)
        assert "Nguyễn Văn An" in joined(pop.card)
        assert pop.card.number_label.text() == "0912 345 678"
        controls = bridge.controls
        assert controls.state_label.text() == "Ringing"

        qtbot.wait(300)  # the caller hears it ring
        qtbot.mouseClick(controls.answer_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controls.state == controls.TALKING, timeout=15_000)
        qtbot.wait(1200)  # a short conversation
        qtbot.mouseClick(controls.hangup_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controls.state == controls.ENDED, timeout=15_000)
        after = datetime.now(UTC)
        assert controls.state_label.text().startswith("Call ended · 0:0")
        assert bridge.recorder.flush()
        events = list(bridge.events)
        pop.close()

    with ui_db.sessions() as s:
        call = s.execute(select(Call)).scalar_one()
    assert call.call_ref.startswith("baresip:") and call.source == "baresip"
    assert call.caller == "0912345678" and call.caller_name == "An Nguyen"
    assert call.callee == "101" and call.direction == "inbound"
    assert call.customer_id == an and call.agent_id == agent.id
    assert call.answered_at is not None and call.ended_at is not None
    assert before <= call.offered_at < call.answered_at < call.ended_at <= after
    assert (call.answered_at - call.offered_at).total_seconds() >= 0.3
    assert (call.ended_at - call.answered_at).total_seconds() >= 1.0
    assert events[-1].cause == "Connection reset by user"  # our Hang up ended it
