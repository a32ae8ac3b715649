"""The KPI panel and wallboard as a supervisor uses them: the figures shown are the
computed ones (tests/kpi_fixtures.py), live tiles follow changes within seconds,
tables and charts export, agents never see any of it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.kpi.periods import Grain
from db.engine import Database
from db.models import AgentStatusLog, Call
from tests.kpi_fixtures import add_day, add_people
from ui.kpi.panel import KpiPanel
from ui.kpi.wallboard import Wallboard
from ui.main_window import MainWindow

from .factories import add_user
from .ticket_helpers import open_window


def _panel(qtbot: QtBot, window: MainWindow) -> KpiPanel:
    assert window.kpi is not None
    window.tabs.setCurrentWidget(window.kpi.tab)
    panel = window.kpi.panel
    qtbot.waitUntil(lambda: not panel.busy(), timeout=30_000)
    return panel


def _load(qtbot: QtBot, panel: KpiPanel, day: date, grain: Grain = Grain.DAY) -> None:
    panel.set_range(day, day, grain)
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=30_000)


def test_agents_get_no_kpi_tab_supervisors_do(qtbot: QtBot, ui_db: Database) -> None:
    agent = open_window(qtbot, ui_db, add_user(ui_db, "lan", role="agent"))
    assert agent.kpi is None
    assert all(agent.tabs.tabText(i) != "KPIs" for i in range(agent.tabs.count()))
    boss = open_window(qtbot, ui_db, add_user(ui_db, "boss", role="supervisor"))
    assert boss.kpi is not None
    assert boss.tabs.tabText(boss.tabs.indexOf(boss.kpi.tab)) == "KPIs"
    assert boss.kpi.menu.title() == "&KPIs"


def test_the_kpi_panel_is_built_when_its_tab_is_first_shown(qtbot: QtBot, ui_db: Database) -> None:
    boss = open_window(qtbot, ui_db, add_user(ui_db, "boss", role="supervisor"))
    assert boss.kpi is not None
    assert boss.kpi.loaded_panel() is None  # signing in did not build the charts
    boss.tabs.setCurrentWidget(boss.kpi.tab)
    panel = boss.kpi.loaded_panel()
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=30_000)
    assert panel.errors == []


def test_panel_shows_the_computed_figures(qtbot: QtBot, any_db: Database) -> None:
    add_day(any_db, add_people(any_db))
    window = open_window(qtbot, any_db, add_user(any_db, "boss", role="supervisor"))
    panel = _panel(qtbot, window)
    _load(qtbot, panel, date(2026, 3, 2))
    tiles = panel.summary_tiles
    # SL 4/6, ASA 19 s, AHT 264 s, abandonment 1/7 (see tests/kpi_fixtures.py)
    assert tiles["service_level"].value.text() == "66.7 %"
    assert tiles["service_level"].detail.text() == "9 offered"
    assert tiles["asa"].value.text() == "0:19"
    assert tiles["aht"].value.text() == "4:24"
    assert tiles["abandonment"].value.text() == "14.3 %"
    assert tiles["service_level"].property("tone") == "bad"  # under 70 % with an 80 % target
    model = panel.calls_model
    assert model.rowCount() == 1
    assert [model.cell(0, c) for c in range(model.columnCount())] == [
        "2026-03-02", "9", "5", "3", "2", "66.7 %", "0:19", "4:24", "14.3 %"]  # fmt: skip
    agents = {panel.agents_model.cell(r, 0): r for r in range(panel.agents_model.rowCount())}
    r = agents["a1"]
    assert panel.agents_model.cell(r, 3) == "3"  # handled
    assert panel.agents_model.cell(r, 4) == "2:53"  # AHT 520 / 3 s


def test_hourly_grouping_and_queue_filter(qtbot: QtBot, ui_db: Database) -> None:
    add_day(ui_db, add_people(ui_db))
    panel = _panel(qtbot, open_window(qtbot, ui_db, add_user(ui_db, "boss", role="admin")))
    panel.queue_combo.addItem("sales", "sales")
    panel.queue_combo.setCurrentIndex(panel.queue_combo.findData("sales"))
    _load(qtbot, panel, date(2026, 3, 2), Grain.HOUR)
    rows = {panel.calls_model.cell(r, 0): panel.calls_model.cell(r, 1)
            for r in range(panel.calls_model.rowCount())}  # fmt: skip
    assert len(rows) == 24
    assert rows["2026-03-02T09:00+07:00"] == "6"
    assert panel.volume_chart.series["Offered"][9] == 6


def test_live_tiles_follow_a_call_and_an_agent(qtbot: QtBot, ui_db: Database) -> None:
    ids = add_people(ui_db)
    panel = _panel(qtbot, open_window(qtbot, ui_db, add_user(ui_db, "boss", role="supervisor")))
    now = datetime.now(UTC)
    with ui_db.session() as s:
        s.add(Call(call_ref="live1", queue="sales", offered_at=now - timedelta(seconds=95)))
        s.add(AgentStatusLog(user_id=ids["a1"], status="available", started_at=now))

    def tile(row: str, col: int) -> str:
        return panel.tiles.rows[row][col].value.text() if row in panel.tiles.rows else ""

    qtbot.waitUntil(lambda: tile("sales", 0) == "1", timeout=5000)
    assert tile("sales", 1).startswith("1:3")  # longest wait ~1:35
    assert panel.tiles.rows["sales"][1].property("tone") == "bad"
    assert panel.tiles.agent_tiles["available"].value.text() == "1"
    with ui_db.session() as s:
        call = s.query(Call).filter_by(call_ref="live1").one()
        call.answered_at = datetime.now(UTC)
        call.agent_id = ids["a1"]
    qtbot.waitUntil(lambda: tile("sales", 0) == "0", timeout=5000)
    assert tile("sales", 3) != "–"  # ASA today now has an answered call


def test_export_table_and_chart(qtbot: QtBot, ui_db: Database, tmp_path: Path) -> None:
    add_day(ui_db, add_people(ui_db))
    panel = _panel(qtbot, open_window(qtbot, ui_db, add_user(ui_db, "boss", role="supervisor")))
    _load(qtbot, panel, date(2026, 3, 2))
    target = tmp_path / "calls.csv"
    assert panel.export_table(target) == 1
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Interval,Offered,Answered")
    assert lines[1].startswith("2026-03-02,9,5,3,2")
    png = tmp_path / "sl.png"
    assert panel.export_chart(panel.sl_chart, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform on full screen
def test_wallboard_full_screen_and_esc(qtbot: QtBot, ui_db: Database) -> None:
    ids = add_people(ui_db)
    with ui_db.session() as s:
        s.add(Call(call_ref="w1", queue="support", offered_at=datetime.now(UTC)))
        s.add(AgentStatusLog(user_id=ids["a2"], status="on_call", started_at=datetime.now(UTC)))
    window = open_window(qtbot, ui_db, add_user(ui_db, "boss", role="supervisor"))
    assert window.kpi is not None
    window.kpi.open_wallboard()
    board = window.kpi.wallboard
    assert isinstance(board, Wallboard)
    qtbot.waitUntil(lambda: "support" in board.tiles.rows, timeout=5000)
    qtbot.waitUntil(lambda: bool(board.windowState() & Qt.WindowState.WindowFullScreen))
    assert board.tiles.rows["support"][0].value.text() == "1"
    big = board.tiles.rows["support"][0].value
    big.ensurePolished()
    assert big.fontInfo().pixelSize() >= 60  # readable across a room
    assert board.tiles.agent_tiles["on_call"].value.text() == "1"
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.kpi is not None and window.kpi.wallboard is None)


def test_vietnamese_labels(qtbot: QtBot, ui_db: Database) -> None:
    from ui import i18n

    panel = _panel(qtbot, open_window(qtbot, ui_db, add_user(ui_db, "boss", role="supervisor")))
    i18n.set_language("vi")
    qtbot.waitUntil(lambda: panel.refresh_button.text() != "Refresh")
    assert panel.calls_model.headerData(1, Qt.Orientation.Horizontal) != "Offered"
