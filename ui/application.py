"""Start the GUI: look and language, database (password, migration), login, main window.

Every step that talks to the database runs in the background while a small
"Preparing…" window keeps the screen alive; anything that stops the start-up is
said in a dialog that offers the settings. `--smoke-test` (the packaged
executable's check) opens the main window with a built-in user, waits until it
is on screen and its first page of customers arrived, prints "smoke-test ok"
and exits 0 — no login, and no database writes beyond the migration.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget
from sqlalchemy.exc import DBAPIError, OperationalError

from app import __version__, secrets
from app.auth import CurrentUser
from app.config import Settings
from app.connection import describe_db_error, open_database
from app.errors import UserError
from db import migrate
from db.engine import Database
from db.enums import Role
from ui import i18n, qt_health, theme, worker
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.message_dialog import ask
from ui.password_dialog import ask_password
from ui.pop.controller import install as install_screen_pop
from ui.pop.server import hand_over_to_running_window
from ui.settings_dialog import SettingsDialog
from ui.widgets import app_icon, make_label

log = logging.getLogger(__name__)

SMOKE_USER = CurrentUser(
    id=uuid.UUID(int=0),
    username="smoke-test",
    display_name="Smoke test",
    role=Role.AGENT,
    extension=None,
    department_id=None,
)
SMOKE_TIMEOUT_S = 30.0
_PASSWORD_REFUSED = ("password authentication failed", "no password supplied")


def application() -> QApplication:
    """The one QApplication (tests already made one), named for settings and window titles."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("CallDesk")
    app.setOrganizationName("CallDesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


class _BusyWindow(QWidget):
    """A small window saying the database is being prepared (shown if it takes a while).

    Text only: an indeterminate QProgressBar runs a style animation that Qt can
    dereference after a style-sheet change and crash (seen with Fusion, Qt 6.11)."""

    def __init__(self, text: str) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen)
        self.setObjectName("BusyWindow")
        self.setMinimumSize(360, 110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(make_label("CallDesk", "brand"))
        layout.addWidget(make_label(text, "muted"))


def wait_for(fn: Callable[..., Any], *args: Any, busy_text: str = "") -> Any:
    """Run `fn` in the background and wait for it with the event loop turning.

    Returns the result or raises the exception. A busy window appears after
    400 ms so quick steps do not flash.
    """
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    busy = _BusyWindow(busy_text) if busy_text else None
    timer = QTimer(singleShot=True, interval=400)
    if busy is not None:
        timer.timeout.connect(busy.show)
        timer.start()
    worker.run_in_background(fn, *args, on_result=done, on_error=failed)
    loop.exec()
    timer.stop()
    if busy is not None:
        busy.close()
        busy.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


class Startup(QObject):
    """Opens the database the way the user configured it, asking or explaining as needed."""

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__()
        self.args = args
        self.smoke = bool(getattr(args, "smoke_test", False))
        self.password: str | None = None

    def open(self) -> Database | None:
        """A migrated database, or None when the user chose to quit (or smoke-test failed)."""
        while True:
            db: Database | None = None
            try:
                db = open_database(self.args.db, Settings.load(), self.password)
                if self._password_missing(db):
                    db.dispose()
                    if not self._prompt(db, refused=False):
                        return None
                    continue
                wait_for(migrate.upgrade, db, busy_text=self.tr("Preparing the database…"))
                return db
            except (OperationalError, DBAPIError) as exc:
                if db is not None:
                    db.dispose()
                    if self._password_refused(db, exc) and not self.smoke:
                        # The stored or typed password is wrong (or none was sent): ask,
                        # and use the answer instead of the keyring from now on.
                        if not self._prompt(db, refused=db.url.password is not None):
                            return None
                        continue
                message = describe_db_error(exc, db) if db is not None else str(exc)
            except (UserError, migrate.SchemaError) as exc:
                if db is not None:
                    db.dispose()
                message = str(exc)
            except Exception as exc:
                log.exception("cannot open the database")
                if db is not None:
                    db.dispose()
                message = f"{type(exc).__name__}: {exc}"
            if not self._offer_settings(message):
                return None

    def _password_missing(self, db: Database) -> bool:
        """PostgreSQL with no password anywhere and no keyring that could hold one."""
        return (
            db.url.get_backend_name() == "postgresql"
            and db.url.password is None
            and not secrets.available()
        )

    def _prompt(self, db: Database, refused: bool) -> bool:
        """Ask for the password (kept in memory only); False when the user quits."""
        if self.smoke:
            raise UserError(
                f"the database at {db.display_url()} needs a password and there is no keyring "
                "to read it from"
            )
        u = db.url
        server = f"{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"
        password = ask_password(server, u.username or "", refused)
        if password is None:
            return False
        self.password = password
        return True

    def _password_refused(self, db: Database, exc: BaseException) -> bool:
        text = str(getattr(exc, "orig", None) or exc).lower()
        return db.url.get_backend_name() == "postgresql" and any(
            marker in text for marker in _PASSWORD_REFUSED
        )

    def _offer_settings(self, message: str) -> bool:
        """Explain why the database cannot be used; True to try again."""
        if self.smoke:
            print(f"calldesk: error: {message}", file=sys.stderr)
            return False
        choice = ask(
            None,
            self.tr("CallDesk cannot open the database"),
            message,
            [
                ("quit", self.tr("Quit")),
                ("settings", self.tr("Settings…")),
                ("retry", self.tr("Try again")),
            ],
            detail=self.tr(
                "Check that the database server is running and reachable, or change the "
                "connection in Settings."
            ),
        )
        if choice == "settings":
            SettingsDialog().exec()
            return True
        return choice == "retry"


def _exposed(window: QWidget) -> bool:
    handle = window.windowHandle()
    return window.isVisible() and handle is not None and handle.isExposed()


def smoke_test(app: QApplication, db: Database) -> int:
    """Show the main window, wait until it is exposed and has loaded, then report."""
    window = MainWindow(db, SMOKE_USER)
    window.show()
    deadline = time.monotonic() + SMOKE_TIMEOUT_S

    def ready() -> bool:
        return _exposed(window) and not window.model.is_loading()

    announced = False
    while not ready():
        if not announced and _exposed(window):
            print("smoke-test window shown", flush=True)  # bench/startup.py times this line
            announced = True
        if time.monotonic() > deadline:
            print("calldesk: smoke-test failed: the main window did not appear", file=sys.stderr)
            window.close()
            return 1
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    if not announced:
        print("smoke-test window shown", flush=True)
    failed = window.model.error
    window.close()
    worker.wait_for_idle()
    app.processEvents()
    window.deleteLater()
    if failed:
        print(f"calldesk: smoke-test failed: {failed}", file=sys.stderr)
        return 1
    print("smoke-test ok", flush=True)
    return 0


def run_gui(args: argparse.Namespace) -> int:
    """The `calldesk` command without a subcommand."""
    app = application()
    problem = qt_health.refcount_defect()
    if problem:
        log.error(problem)
        print(f"calldesk: warning: {problem}", file=sys.stderr)
    settings = Settings.load()
    theme.apply_theme(settings.theme)
    i18n.set_language(getattr(args, "language", None) or settings.language)
    if not getattr(args, "smoke_test", False) and hand_over_to_running_window():
        print("calldesk: CallDesk is already open on this workstation; switched to it")
        return 0

    db = Startup(args).open()
    if db is None:
        return 2 if getattr(args, "smoke_test", False) else 1
    try:
        if getattr(args, "smoke_test", False):
            return smoke_test(app, db)
        login = LoginDialog(db)
        if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
            return 0
        window = MainWindow(db, login.user)
        window.show()
        # Supplier accounts get no screen-pop: they may not see the customer directory.
        screen_pop = (
            install_screen_pop(window, settings.phone_region or "VN")
            if window.sees_customers
            else None
        )
        pending = getattr(args, "pending_pop", None)  # `calldesk open tel:...` started us
        if pending is not None and screen_pop is not None:
            QTimer.singleShot(0, lambda: screen_pop.pop(pending))
        app.setQuitOnLastWindowClosed(True)
        try:
            return int(app.exec())
        finally:
            if screen_pop is not None:
                screen_pop.close()
    finally:
        worker.wait_for_idle()
        db.dispose()
