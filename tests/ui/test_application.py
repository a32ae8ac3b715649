"""Starting the GUI: `calldesk --smoke-test` (the packaged executable's check)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import auth, pop_protocol, secrets
from app.pop_protocol import PopMessage
from db import migrate
from db.engine import Database
from ui import application, launcher
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.pop.card import PopCard
from ui.pop.server import hand_over_to_running_window

from .factories import PASSWORD, add_customer, add_user


def run_gui_driven(url: str, drive: Callable[[], None], seconds: float = 90) -> int:
    """`calldesk` on `url` with `drive` playing the user every 50 ms while its event
    loops turn. A run that is still going after `seconds` has its windows closed and
    fails the test instead of hanging the suite."""
    timer = QTimer(interval=50)
    timer.timeout.connect(drive)
    timed_out: list[bool] = []

    def give_up() -> None:
        timed_out.append(True)
        for widget in QApplication.topLevelWidgets():
            widget.close()

    deadline = QTimer(singleShot=True, interval=int(seconds * 1000))
    deadline.timeout.connect(give_up)
    timer.start()
    deadline.start()
    try:
        code = application.run_gui(argparse.Namespace(db=url, smoke_test=False, language=None))
    finally:
        timer.stop()
        deadline.stop()
    assert not timed_out, "the GUI did not reach the end of the script in time"
    return code


def sign_in(login: LoginDialog) -> None:
    login.username.setText("lan")
    login.password.setText(PASSWORD)
    login.submit.click()


def test_calldesk_signs_in_then_opens_the_main_window(qapp: QApplication, sqlite_url: str) -> None:
    db = Database(sqlite_url)
    migrate.upgrade(db)
    add_user(db, "lan")
    db.dispose()
    seen: list[str] = []

    def drive() -> None:  # plays the user while run_gui's event loops turn
        for widget in qapp.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, LoginDialog) and widget.pages.currentIndex() == 1:
                if "login" not in seen:
                    seen.append("login")
                    sign_in(widget)
            elif isinstance(widget, MainWindow) and widget.online is not None:
                seen.append(f"main window for {widget.user.username}")
                widget.close()

    assert run_gui_driven(sqlite_url, drive) == 0
    assert seen == ["login", "main window for lan"]


def test_a_call_during_sign_in_pops_after_it_and_a_second_launch_is_refused(
    qapp: QApplication, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The softphone rings while the agent signs in. The login window is up before the
    pop socket listens (run_gui opens it once PRELOAD is imported): on a loaded machine
    the user is seen typing before then, so the call comes once the socket listens, as
    a real one during a sign-in would. A start that is slow on purpose keeps that order
    from depending on the machine's speed (a call rung too early used to be refused,
    so no card ever closed the main window and the run hung)."""
    db = Database(sqlite_url)
    migrate.upgrade(db)
    add_user(db, "lan")
    add_customer(db, "Trần Văn Bình", phone="0912345678")
    db.dispose()
    preload = application.preload

    def slow_preload() -> None:  # what a cold disk or a busy CPU does to the start
        time.sleep(0.3)
        preload()

    monkeypatch.setattr(application, "preload", slow_preload)
    seen: list[str] = []
    sent: list[str] = []

    def ring() -> None:  # a softphone script and a second launch, off the GUI thread
        try:
            pop_protocol.send(PopMessage(number="+84 91 234 56 78"), timeout=5.0)
            sent.append("pop accepted")
        except Exception as exc:
            sent.append(f"pop refused: {exc}")
        sent.append("second launch" if hand_over_to_running_window() else "two windows")

    def drive() -> None:
        for widget in qapp.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, LoginDialog) and widget.pages.currentIndex() == 1:
                if "login" not in seen and pop_protocol.is_listening():
                    seen.append("login")
                    caller = threading.Thread(target=ring)
                    caller.start()
                    while caller.is_alive():  # the login window answers while waiting
                        qapp.processEvents()
                    if sent[0] != "pop accepted":  # no card will come: end the run now
                        for top in qapp.topLevelWidgets():
                            top.close()
                        return
                    sign_in(widget)
            elif isinstance(widget, PopCard) and widget.data is not None:
                seen.append(f"card for {widget.data.name}")
                for top in qapp.topLevelWidgets():
                    if isinstance(top, MainWindow):
                        top.close()

    assert run_gui_driven(sqlite_url, drive) == 0
    assert sent == ["pop accepted", "second launch"]
    assert seen[:2] == ["login", "card for Trần Văn Bình"]
    assert not pop_protocol.is_listening()  # the socket went with the window


def test_a_call_rung_while_the_background_imports_run_is_taken(
    qapp: QApplication, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The login window is up and the database layer still loading: the pop socket
    already listens, so the softphone's `calldesk pop` (or a second launch) is not
    turned away (the test above pops such a call after sign-in)."""
    Database(sqlite_url).dispose()
    preload = application.preload
    imported = threading.Event()

    def slow_preload() -> None:
        time.sleep(1.5)
        preload()
        imported.set()

    monkeypatch.setattr(application, "preload", slow_preload)
    heard: list[bool] = []

    def drive() -> None:
        login = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)), None
        )
        if login is None or not login.isVisible() or heard:
            return
        heard.append(not imported.is_set() and pop_protocol.is_listening())
        login.close()  # the agent gives up: the start ends there

    assert run_gui_driven(sqlite_url, drive) == 0
    assert heard == [True]
    assert not pop_protocol.is_listening()


def test_smoke_test_opens_the_main_window_and_exits_zero(
    qapp: QApplication, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert launcher.main(["--smoke-test", "--db", sqlite_url]) == 0
    assert "smoke-test ok" in capsys.readouterr().out
    db = Database(sqlite_url)
    try:
        assert migrate.is_current(db)  # migrated on the way in
        assert not auth.has_users(db)  # and nothing else written
    finally:
        db.dispose()


FIRST_WINDOW_PROBE = """
import sys
import PySide6.QtCore as core
import PySide6.QtWidgets as widgets
from ui import application, launcher

def on_screen(app, login):
    built = [name for name, module in (("Qt", core), ("QStyle", widgets)) if name in vars(module)]
    from PySide6.QtCore import Qt
    centred = bool(login.brand.alignment() & Qt.AlignmentFlag.AlignHCenter)
    app.setStyleSheet("")  # the style itself, not the style sheet's wrapper
    print(f"built={','.join(built)} style={app.style().name()} centred={centred}", flush=True)
    raise SystemExit(0)

application._announce_when_exposed = on_screen
launcher.main(["--smoke-test", "--db", sys.argv[1]])
"""


def test_the_login_window_is_drawn_before_pyside6_builds_its_costliest_types(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The first window comes up without PySide6 building the Qt namespace's ~90 enums
    or QStyle's (about 24 ms between them, a fifth of the start-up): labels are
    centred by property name and the Fusion style is chosen on QApplication's command
    line. Still centred, still Fusion."""
    env = {**os.environ, "CALLDESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run(
        [sys.executable, "-c", FIRST_WINDOW_PROBE, sqlite_url],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert "built= style=fusion centred=True" in res.stdout, res.stdout + res.stderr


def test_smoke_test_fails_when_a_kpi_chart_cannot_be_drawn(
    qapp: QApplication,
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QPixmap

    from ui.kpi.charts import Chart

    monkeypatch.setattr(Chart, "grab", lambda self: QPixmap())  # as if nothing drew
    assert launcher.main(["--smoke-test", "--db", sqlite_url]) == 1
    captured = capsys.readouterr()
    assert "a KPI chart could not be drawn" in captured.err
    assert "smoke-test ok" not in captured.out


def test_smoke_test_checks_that_vietnamese_sorts_the_vietnamese_way(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import smoke

    assert smoke.collation_problem() is None  # d < đ, u < ư with Qt's ICU
    # root collation's order (đ as an accented d): what a bundle without vi.res gives
    monkeypatch.setattr(smoke, "VIETNAMESE_ORDER", ["Đào", "Dung"])
    assert smoke.collation_problem() == "Vietnamese names sort as Dung, Đào"


def test_smoke_test_uses_the_embedded_database_by_default(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(db=None, smoke_test=True, language="vi")
    assert application.run_gui(args) == 0
    assert "smoke-test ok" in capsys.readouterr().out


def test_smoke_test_reports_an_unreachable_database(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(
        db="postgresql://agent:pw-hidden@127.0.0.1:1/calldesk", smoke_test=True, language=None
    )
    assert application.run_gui(args) == 2
    err = capsys.readouterr().err
    assert "cannot reach the database" in err
    assert "pw-hidden" not in err


def test_without_a_keyring_the_server_password_is_asked_and_never_written(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, fresh_home: Path
) -> None:
    monkeypatch.setattr(secrets, "available", lambda: False)
    asked: list[tuple[str, str, bool]] = []
    shown: list[str] = []

    def ask_password(host: str, user: str, refused: bool = False) -> str:
        asked.append((host, user, refused))
        return "typed-secret"

    def ask(*args: object, **kwargs: object) -> str:
        shown.append(str(args[2]))  # the message text
        return "quit"

    monkeypatch.setattr(application, "ask_password", ask_password)
    monkeypatch.setattr(application, "ask", ask)
    args = argparse.Namespace(
        db="postgresql://agent@127.0.0.1:1/calldesk", smoke_test=False, language=None
    )
    assert application.run_gui(args) == 1
    assert asked == [("127.0.0.1:1/calldesk", "agent", False)]
    assert len(shown) == 1 and "cannot reach the database" in shown[0]
    assert "typed-secret" not in shown[0]
    for path in fresh_home.rglob("*"):
        if path.is_file():
            assert b"typed-secret" not in path.read_bytes(), path
