"""The list windows over paged rows (caller log, missed calls) share their title,
Refresh, count line and failure line (ui/list_window.py): "Loading…" until the first
page is in, then the count, in the user's language; a page that fails is said."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cti import recorder
from app.cti.events import CallState, make_event
from db.engine import Database
from ui import i18n, worker
from ui.cti.missed_calls import MissedCallsWindow
from ui.list_window import ListWindow
from ui.pop.caller_log import CallerLogWindow

TEXTS = {
    "en": ("Loading…", "Refresh", "Missed calls", "Missed calls: 2", "Calls: 2"),
    "vi": ("Đang tải…", "Làm mới", "Cuộc gọi nhỡ", "Cuộc gọi nhỡ: 2", "Cuộc gọi: 2"),
}


def _two_missed_calls(db: Database) -> None:
    t0 = datetime.now(UTC) - timedelta(hours=1)
    for i, number in enumerate(("0911222333", "0903111222")):
        at = t0 + timedelta(minutes=i)
        recorder.apply(db, make_event(CallState.RINGING, f"m{i}", "ami", number=number, at=at))
        recorder.apply(db, make_event(CallState.HANGUP, f"m{i}", "ami", at=at + timedelta(0, 30)))


def _open(qtbot: QtBot, window: ListWindow) -> ListWindow:
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_count_line_says_loading_then_how_many(
    qtbot: QtBot, ui_db: Database, language: str
) -> None:
    _two_missed_calls(ui_db)
    i18n.set_language(language)
    loading, refresh, title, missed, calls = TEXTS[language]
    missed_window = _open(qtbot, MissedCallsWindow(ui_db))
    log_window = _open(qtbot, CallerLogWindow(ui_db))
    for window in (missed_window, log_window):
        assert window.count.text() == loading  # the first page is still on its way
        assert window.refresh_button.text() == refresh
    assert missed_window.windowTitle() == missed_window.title.text() == title

    qtbot.waitUntil(lambda: missed_window.count.text() == missed)
    qtbot.waitUntil(lambda: log_window.count.text() == calls)


def test_a_page_that_cannot_be_loaded_is_said_in_the_status_line(
    qtbot: QtBot, tmp_path: Path
) -> None:
    empty = Database(f"sqlite:///{tmp_path / 'no-tables.sqlite'}")  # never migrated
    try:
        missed_window = _open(qtbot, MissedCallsWindow(empty))
        log_window = _open(qtbot, CallerLogWindow(empty))
        qtbot.waitUntil(lambda: bool(missed_window.status.text() and log_window.status.text()))
        assert missed_window.status.text().startswith("The list could not be loaded: ")
        assert log_window.status.text().startswith("The log could not be loaded: ")
        assert not missed_window.action_button.isEnabled()
        assert not log_window.action_button.isEnabled()
    finally:
        worker.wait_for_idle()
        empty.dispose()
