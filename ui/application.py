"""Start the GUI: look and language, login window, database (password, migration), main window.

The login dialog is the first thing on screen, right after the QApplication:
SQLAlchemy, the models, phonenumbers and the database checks are imported and run
in the background while the user types (see PRELOAD), so none of them delays the
first window. Anything that stops the start-up is said in a dialog that offers the
settings. `--smoke-test` (the packaged
executable's check, ui/smoke.py) opens the main window with a built-in
administrator, waits until it is on screen and its first page of customers
arrived, opens the KPI tab, prints "smoke-test ok" and exits 0 — no sign-in (the
login window is shown, as in a real start, and "first window shown" printed once it
is on screen), and no database writes beyond the migration.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app import __version__
from app.config import Settings
from app.errors import UserError
from app.logs import setup_logging
from app.pop_protocol import hand_over_to_running_window
from ui import i18n, qt_health, theme, worker
from ui import smoke as smoke_check
from ui.login import LoginDialog
from ui.widgets import app_icon, bring_forward

if TYPE_CHECKING:
    from app.pop_protocol import PopMessage
    from db.engine import Database
    from ui.pop.server import PopServer

log = logging.getLogger(__name__)

# Imported in the background while the login window is up: the database layer and
# the domain modules the main window uses (no Qt in any of them). The Qt side of the
# main window is imported on the GUI thread after sign-in; pyqtgraph and numpy are
# not needed to start.
PRELOAD = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "db.engine",
    "db.models",
    "app.secrets",
    "app.connection",
    "app.auth",
    "phonenumbers",
    "app.caller_log",
    "app.card",
    "app.customers",
    "app.interactions",
    "app.merge",
    "app.offline_cache",
    "app.outbox.client",
    "app.outbox.operations",
    "app.queues",
    "app.rfm",
    "app.sla_admin",
    "app.ticket_options",
    "app.tickets",
)
_PASSWORD_REFUSED = ("password authentication failed", "no password supplied")


def application() -> QApplication:
    """The one QApplication (tests already made one), named for settings and window titles."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(theme.qt_arguments(sys.argv[0] if sys.argv else "calldesk"))
        app.setProperty(theme.STYLE_MARK, theme.STYLE)
    app.setApplicationName("CallDesk")
    app.setOrganizationName("CallDesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


def preload() -> None:
    """Open the log file and import PRELOAD (in the background while the login window
    is up: neither is needed to draw it)."""
    setup_logging()
    for name in PRELOAD:
        importlib.import_module(name)


def ask_password(server: str, user: str, refused: bool = False) -> str | None:
    """The server password dialog (its module pulls in the keyring: imported when asked)."""
    from ui.password_dialog import ask_password as dialog

    return dialog(server, user, refused)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: list[tuple[str, str]],
    *,
    detail: str = "",
) -> str:
    """ui.message_dialog.ask, imported when a start-up problem is to be explained (it
    uses the Qt namespace, which the first window goes without: ui.widgets.centre)."""
    from ui.message_dialog import ask as dialog

    return dialog(parent, title, text, buttons, detail=detail)


def wait_for(fn: Callable[..., Any], *args: Any) -> Any:
    """Run `fn` in the background and wait for it with the event loop turning.

    Returns the result or raises the exception. The login window, already on
    screen, stays usable meanwhile.
    """
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    worker.run_in_background(fn, *args, on_result=done, on_error=failed)
    loop.exec()
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
        # Set when open() returned an unreachable central database that known users may
        # sign in to offline: its schema is checked (and migrated) on reconnection.
        self.offline = False

    def open(self) -> Database | None:
        """A migrated database, or None when the user chose to quit (or smoke-test failed).

        Call once PRELOAD is imported (run_gui does)."""
        from sqlalchemy.exc import DBAPIError, OperationalError

        from app.connection import describe_db_error, open_database
        from db import migrate
        from ui.app_messages import user_text

        while True:
            db: Database | None = None
            try:
                db = open_database(self.args.db, Settings.load(), self.password)
                if self._password_missing(db):
                    db.dispose()
                    if not self._prompt(db, refused=False):
                        return None
                    continue
                wait_for(migrate.upgrade, db)
                return db
            except (OperationalError, DBAPIError) as exc:
                if db is not None:
                    if self._can_start_offline(db, exc):
                        return db
                    db.dispose()
                    if self._password_refused(db, exc) and not self.smoke:
                        # The stored or typed password is wrong (or none was sent): ask,
                        # and use the answer instead of the keyring from now on.
                        if not self._prompt(db, refused=db.url.password is not None):
                            return None
                        continue
                message = user_text(describe_db_error(exc, db) if db is not None else exc)
            except (UserError, migrate.SchemaError) as exc:
                if db is not None:
                    db.dispose()
                message = user_text(exc)
            except Exception as exc:
                log.exception("cannot open the database")
                if db is not None:
                    db.dispose()
                message = f"{type(exc).__name__}: {exc}"
            if not self._offer_settings(message):
                return None

    def _can_start_offline(self, db: Database, exc: BaseException) -> bool:
        """The central server is unreachable but someone signed in here before: start
        in offline mode (app.offline_login) instead of stopping at the error."""
        from app import offline_login
        from app.outbox import state

        if (
            self.smoke
            or db.is_sqlite
            or self._password_refused(db, exc)
            or not offline_login.unreachable(exc)
        ):
            return False
        local = offline_login.local_store(db)
        try:
            if not offline_login.known_users(local):
                return False
        finally:
            local.dispose()
        log.warning("starting offline: %s", state.first_line(exc))
        state.of(db).went_offline(exc)
        self.offline = True
        return True

    def _password_missing(self, db: Database) -> bool:
        """PostgreSQL with no password anywhere and no keyring that could hold one."""
        from app import secrets

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
            from ui.settings_dialog import SettingsDialog

            SettingsDialog().exec()
            return True
        return choice == "retry"


def _announce_when_exposed(app: QApplication, window: QWidget) -> None:
    """Print "first window shown" once `window` is on screen (bench/startup.py times it)."""
    smoke_check.turn_until(app, lambda: smoke_check.exposed(window))
    print("first window shown", flush=True)


class SignInPops(QObject):
    """The pop socket from the login window on, so the workstation stays one instance
    and no ringing call is turned away while the agent signs in: a second launch
    brings the login window to the front, and the latest caller sent meanwhile is
    popped once the main window is up (earlier ones have stopped ringing)."""

    def __init__(self, login: QWidget) -> None:
        from ui.pop.server import PopServer  # QtNetwork: after the login window is up

        super().__init__()
        self.login = login
        self.waiting: PopMessage | None = None
        self.server = PopServer()
        self.server.popReceived.connect(self._keep)
        self.server.raiseRequested.connect(self._front)
        self.server.listen()

    def _keep(self, message: PopMessage, _arrived: float) -> None:
        self.waiting = message
        self._front()

    def _front(self) -> None:
        bring_forward(self.login)

    def close(self) -> None:
        self.server.close()

    def hand_over(self, window: QWidget) -> tuple[PopServer | None, PopMessage | None]:
        """The listening server (for the screen-pop) and the caller still waiting. A
        window without a screen-pop keeps the server only to come to the front."""
        self.server.popReceived.disconnect(self._keep)
        self.server.raiseRequested.disconnect(self._front)
        if not getattr(window, "sees_customers", False):
            self.server.setParent(window)
            self.server.raiseRequested.connect(lambda: bring_forward(window))
            return None, None
        return self.server, self.waiting


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
    smoke = bool(getattr(args, "smoke_test", False))
    if not smoke and hand_over_to_running_window():
        print("calldesk: CallDesk is already open on this workstation; switched to it")
        return 0

    # The login window first; the user types while the rest is imported and checked.
    app.setQuitOnLastWindowClosed(False)  # closing it must not end the loops below
    login = LoginDialog(None)
    login.show()
    if smoke:
        _announce_when_exposed(app, login)
    # The pop socket as soon as the event loop turns: after the login window (which
    # does not need QtNetwork) and before the background imports end, so a call rung or
    # a second launch made meanwhile is taken rather than turned away.
    pops: list[SignInPops] = []

    def open_pops() -> None:
        if not pops and login.isVisible():
            pops.append(SignInPops(login))

    if not smoke:
        QTimer.singleShot(0, open_pops)
    wait_for(preload)
    if not smoke:
        open_pops()  # in case the imports were done before the loop turned
    early = pops[0] if pops else None
    if not smoke and not login.isVisible():
        if early is not None:
            early.close()
        return 0  # closed before the database was even opened
    startup = Startup(args)
    db = startup.open()
    if db is None:
        login.close()
        if early is not None:
            early.close()
        return 2 if smoke else 1
    try:
        if smoke:
            login.close()
            return smoke_check.run(app, db)
        if not login.isVisible():
            return 0
        login.set_database(db)
        if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
            return 0
        from ui.main_window import MainWindow
        from ui.pop.controller import install as install_screen_pop

        window = MainWindow(db, login.user)
        if startup.offline:  # the start-up's schema check happens on reconnection
            window.offline.check_schema = True
        window.show()
        assert early is not None
        server, waiting = early.hand_over(window)
        # Supplier accounts get no screen-pop: they may not see the customer directory.
        screen_pop = (
            install_screen_pop(window, settings.phone_region or "VN", server)
            if window.sees_customers
            else None
        )
        pending = getattr(args, "pending_pop", None)  # `calldesk open tel:...` started us
        pending = waiting or pending
        if pending is not None and screen_pop is not None:
            QTimer.singleShot(0, lambda: screen_pop.pop(pending))
        app.setQuitOnLastWindowClosed(True)
        try:
            return int(app.exec())
        finally:
            if screen_pop is not None:
                screen_pop.close()
    finally:
        if early is not None:
            early.close()
        worker.wait_for_idle()
        db.dispose()
