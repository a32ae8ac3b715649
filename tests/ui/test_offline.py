"""Offline mode as the agent sees it: the status bar says offline with what waits, the
window keeps taking writes, and everything is sent when the server answers again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app import outbox, tickets
from app.interactions import InteractionInput
from app.outbox import state, writes
from app.pop_protocol import PopMessage
from app.tickets import TicketInput
from db.engine import Database
from db.models import Interaction
from tests import ticket_fixtures
from tests.offline_proxy import TcpProxy
from ui import worker
from ui.main_window import MainWindow
from ui.offline import OutboxWindow
from ui.pop.card import PopCard

from .factories import add_customer, add_user

pytestmark = pytest.mark.postgres


@dataclass
class Setup:
    window: MainWindow
    central: Database
    direct: Database
    proxy: TcpProxy

    def cut(self) -> None:
        self.proxy.cut()
        self.central.engine.dispose()


@pytest.fixture
def setup(qtbot: QtBot, pg_url: str) -> Iterator[Setup]:
    direct = Database(pg_url)
    ticket_fixtures.reference(direct)
    user = add_user(direct, "lan")
    u = make_url(pg_url)
    proxy = TcpProxy(u.host or "127.0.0.1", u.port or 5432)
    central = Database(proxy.url(pg_url), connect_args={"connect_timeout": 2})
    window = MainWindow(central, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.online is True)
    try:
        yield Setup(window, central, direct, proxy)
    finally:
        window.close()
        worker.wait_for_idle()
        outbox.uninstall(central)
        state.of(central).came_online()
        central.dispose()
        direct.dispose()
        proxy.close()


def _status(s: Setup) -> str:
    return s.window.connection_label.text()


def test_status_bar_says_offline_with_what_waits_and_goes_back_online(
    qtbot: QtBot, setup: Setup
) -> None:
    s = setup
    cid = add_customer(s.direct, "Nguyễn Văn An", phone="0912 345 678")
    assert "Connected" in _status(s)
    s.cut()
    s.window.check_connection()
    qtbot.waitUntil(lambda: "Offline — 0 changes waiting" in _status(s))

    # The agent keeps working: two contacts logged while the server is away.
    for summary in ("asked about delivery", "called again"):
        writes.log_interaction(s.central, InteractionInput(customer_id=cid, summary=summary))
    qtbot.waitUntil(lambda: "Offline — 2 changes waiting" in _status(s))

    s.proxy.restore()
    s.window.check_connection()
    qtbot.waitUntil(lambda: _status(s).endswith("Connected"), timeout=15_000)
    with s.direct.sessions() as session:
        n = session.scalar(
            select(func.count()).select_from(Interaction).where(Interaction.customer_id == cid)
        )
    assert n == 2


def test_a_connection_error_in_any_task_switches_offline(qtbot: QtBot, setup: Setup) -> None:
    s = setup
    s.cut()
    # The customer list's search fails on the lost connection: offline at once.
    s.window.model.set_query("an")
    qtbot.waitUntil(lambda: "Offline —" in _status(s), timeout=15_000)
    assert "changes waiting" in _status(s)
    s.proxy.restore()
    s.window.check_connection()
    qtbot.waitUntil(lambda: _status(s).endswith("Connected"), timeout=15_000)


def test_conflicts_are_listed_and_the_agent_retries_or_discards(qtbot: QtBot, setup: Setup) -> None:
    s = setup
    cid = add_customer(s.direct, "Trần Thị Hoa", phone="0903 111 222")
    t = tickets.create_ticket(s.direct, TicketInput(customer=str(cid), subject="Refund"))
    s.cut()
    s.window.check_connection()
    qtbot.waitUntil(lambda: "Offline —" in _status(s))
    writes.comment(s.central, t, "promised a call back")
    writes.comment(s.central, t, "second thought")
    tickets.change_status(s.direct, t.number, "resolved")  # another agent, meanwhile
    s.proxy.restore()
    s.window.check_connection()
    qtbot.waitUntil(lambda: _status(s).endswith("Connected"), timeout=15_000)

    button = s.window.findChild(QPushButton, "OutboxButton")
    assert button is not None
    qtbot.waitUntil(button.isVisible)
    assert button.text() == "⚠ 2 changes need you"
    button.click()
    dialog = s.window.offline.window
    assert isinstance(dialog, OutboxWindow)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    reasons = [dialog.model.rows[i].reason or "" for i in range(2)]
    assert all("resolved meanwhile" in r for r in reasons)
    assert dialog.model.data(dialog.model.index(0, dialog.model.STATE)) == "Conflict"
    assert dialog.model.data(dialog.model.index(0, dialog.model.WHAT)) == "Comment"

    # Discard the second after confirming; retry the first (comment the resolved ticket).
    asked: list[str] = []
    dialog.confirm = lambda row: asked.append(row.op.payload["text"]) or True
    dialog.table.selectRow(1)
    dialog.discard_button.click()
    assert asked == ["second thought"]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.table.selectRow(0)
    dialog.retry_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=15_000)
    qtbot.waitUntil(lambda: not button.isVisible())
    texts = [e.text for e in tickets.show(s.direct, t.number).events if e.kind == "comment"]
    assert texts == ["promised a call back"]


def test_pop_card_offline_comes_from_the_saved_copy_and_says_so(qtbot: QtBot, setup: Setup) -> None:
    s = setup
    an = add_customer(s.direct, "Nguyễn Văn An", phone="0912 345 678", tier="gold")
    tickets.create_ticket(s.direct, TicketInput(customer=str(an), kind="complaint", subject="x"))
    directory = s.window.offline.directory
    assert directory is not None
    directory.refresh()
    s.cut()
    s.window.check_connection()
    qtbot.waitUntil(lambda: "Offline —" in _status(s))

    card = PopCard(s.central, "VN", s.window)
    qtbot.addWidget(card)
    card.pop(PopMessage(number="0912 345 678"), "ring-1")
    qtbot.waitUntil(lambda: card.data is not None)
    assert card.data is not None and card.data.id == an
    assert card.status.text() == "Offline · saved copy · open tickets: 1, complaints: 1"
    assert card.view.name.text() == "Nguyễn Văn An"
    assert not card.view.channels.isVisible()  # the copy has no contact history

    # An unknown number offline: the copy does not know it either, and says where it looked.
    card.pop(PopMessage(number="0977 000 111"), "ring-2")
    qtbot.waitUntil(lambda: card.pages.currentIndex() == PopCard.PAGE_UNKNOWN)
    assert card.status.text() == "Offline · Not in the directory (saved copy)"
    card.hide()
