"""Background calls come back on the GUI thread, and only when still wanted."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui import application, worker


def test_result_and_error_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []

    def work(x: int) -> tuple[int, int]:
        return x * 2, threading.get_ident()

    def boom() -> None:
        raise ValueError("no")

    worker.run_in_background(
        work, 21, on_result=lambda r: seen.append(("result", r, threading.get_ident() == gui))
    )
    worker.run_in_background(
        boom, on_error=lambda e: seen.append(("error", repr(e), threading.get_ident() == gui))
    )
    qtbot.waitUntil(lambda: len(seen) == 2)
    by_kind = {kind: (value, on_gui) for kind, value, on_gui in seen}
    value, on_gui = by_kind["result"]
    assert on_gui and value[0] == 42 and value[1] != gui  # type: ignore[index]
    assert by_kind["error"] == ("ValueError('no')", True)
    assert worker.pending() == 0


def test_cancelled_and_orphaned_callbacks_are_dropped(qtbot: QtBot) -> None:
    seen: list[str] = []

    class Receiver(QObject):
        def got(self, value: object) -> None:
            seen.append("orphan")

    task = worker.run_in_background(lambda: 1, on_result=lambda _: seen.append("cancelled"))
    task.cancel()
    receiver = Receiver()
    worker.run_in_background(lambda: 2, on_result=receiver.got)
    receiver.deleteLater()
    del receiver
    worker.run_in_background(lambda: 3, on_result=lambda _: seen.append("kept"))
    qtbot.waitUntil(lambda: worker.pending() == 0)
    assert seen == ["kept"]


def test_a_failing_error_watcher_does_not_keep_a_failure_from_its_task(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A broken watcher (a window half torn down) used to swallow the task's own error
    callback: `application.wait_for` then waited forever for its loop to be quit."""

    def broken(_exc: BaseException) -> None:
        raise RuntimeError("watcher torn down")

    def unreachable() -> None:
        raise ConnectionError("server away")

    worker.watch_errors(broken)
    try:
        with pytest.raises(ConnectionError, match="server away"):
            application.wait_for(unreachable)
    finally:
        worker.unwatch_errors(broken)
    assert "background error watcher failed" in caplog.text
