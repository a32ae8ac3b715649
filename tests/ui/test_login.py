"""The login dialog: wrong password stays with an inline error, the first run creates
the administrator, and the last user name is remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app import auth
from app.config import Settings
from db.engine import Database
from ui.login import LoginDialog

from .factories import PASSWORD, add_user


def _open(qtbot: QtBot, db: Database) -> LoginDialog:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() != LoginDialog.PAGE_WAIT)
    return dialog


def test_wrong_password_shows_the_error_and_the_dialog_stays(qtbot: QtBot, ui_db: Database) -> None:
    add_user(ui_db, "lan")
    dialog = _open(qtbot, ui_db)
    assert dialog.pages.currentIndex() == LoginDialog.PAGE_LOGIN
    qtbot.keyClicks(dialog.username, "lan")
    qtbot.keyClicks(dialog.password, "not the password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.isVisible() and dialog.user is None
    assert dialog.password.text() == ""  # cleared for the next try

    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.user is not None and dialog.user.username == "lan"
    assert Settings.load().last_username == "lan"


def test_the_last_user_name_is_filled_in(qtbot: QtBot, ui_db: Database) -> None:
    add_user(ui_db, "minh")
    settings = Settings.load()
    settings.last_username = "minh"
    settings.save()
    dialog = _open(qtbot, ui_db)
    assert dialog.username.text() == "minh"
    assert dialog.password.hasFocus() or not dialog.isActiveWindow()


def test_first_run_creates_the_administrator(qtbot: QtBot, ui_db: Database) -> None:
    dialog = _open(qtbot, ui_db)
    assert dialog.pages.currentIndex() == LoginDialog.PAGE_CREATE
    assert dialog.submit.text() == "Create the administrator"

    qtbot.keyClicks(dialog.new_username, "admin")
    qtbot.keyClicks(dialog.new_password, "s3cret-pass")
    qtbot.keyClicks(dialog.confirm_password, "something else")
    qtbot.keyClick(dialog.confirm_password, Qt.Key.Key_Return)
    assert dialog.error.text() == "The two passwords differ."
    assert dialog.isVisible()

    qtbot.keyClicks(dialog.confirm_password, "s3cret-pass")
    qtbot.keyClick(dialog.confirm_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.user is not None and dialog.user.role == "admin"
    assert auth.authenticate(ui_db, "admin", "s3cret-pass").role == "admin"


def test_a_short_administrator_password_is_refused_inline(qtbot: QtBot, ui_db: Database) -> None:
    dialog = _open(qtbot, ui_db)
    qtbot.keyClicks(dialog.new_username, "admin")
    qtbot.keyClicks(dialog.new_password, "123")
    qtbot.keyClicks(dialog.confirm_password, "123")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "The password must have at least 6 characters."
    assert not auth.has_users(ui_db)


def test_sign_in_pressed_before_the_database_is_ready_goes_on_by_itself(
    qtbot: QtBot, ui_db: Database
) -> None:
    """The login window comes first; the database follows while the user types."""
    add_user(ui_db, "lan")
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pages.currentIndex() == LoginDialog.PAGE_LOGIN  # typing right away
    qtbot.keyClicks(dialog.username, "lan")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.submit.text() == "Connecting…"
    assert not dialog.submit.isEnabled() and not dialog.pages.isEnabled()
    assert dialog.result() != QDialog.DialogCode.Accepted

    dialog.set_database(ui_db)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.user is not None and dialog.user.username == "lan"


def test_a_first_run_found_late_turns_to_creating_the_administrator(
    qtbot: QtBot, ui_db: Database
) -> None:
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    dialog.set_database(ui_db)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == LoginDialog.PAGE_CREATE)
    assert dialog.submit.text() == "Create the administrator"
    assert dialog.new_username.text() == "admin"  # what was typed is kept
    assert ui_db.display_url() in dialog.database_label.text()
