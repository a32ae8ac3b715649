"""File → Settings: saved to the settings file, password to the keyring (or nowhere)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app import secrets
from app.config import Settings
from app.connection import build_url, url_key
from tests.conftest import MemoryKeyring
from ui.settings_dialog import SettingsDialog

SERVER = "postgresql://db.example.vn:5432/calldesk"
NO_KEYRING = "No system keyring on this computer: the password will be asked each time"


def _dialog(qtbot: QtBot) -> SettingsDialog:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot: QtBot, dialog: SettingsDialog, url: str, user: str, password: str) -> None:
    dialog.url.clear()
    qtbot.keyClicks(dialog.url, url)
    qtbot.keyClicks(dialog.user, user)
    qtbot.keyClicks(dialog.password, password)


def test_save_writes_settings_and_puts_the_password_in_the_keyring(
    qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot)
    assert "keyring" in dialog.keyring_note.text() and dialog.keyring_note.text() != NO_KEYRING
    _fill(qtbot, dialog, SERVER, "agent1", "s3cret-pw")
    dialog.tls.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)

    saved = Settings.load()
    assert (saved.database_url, saved.database_user, saved.database_tls) == (SERVER, "agent1", True)
    assert "s3cret-pw" not in Settings.path().read_text(encoding="utf-8")
    assert dialog.password_stored
    key = url_key(build_url(SERVER, "agent1", "", True))
    assert secrets.get_password(key, "agent1") == "s3cret-pw"
    assert "s3cret-pw" in memory_keyring.store.values()


def test_without_a_keyring_the_password_is_not_stored(
    qtbot: QtBot, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secrets, "available", lambda: False)
    dialog = _dialog(qtbot)
    assert dialog.keyring_note.text() == NO_KEYRING
    assert dialog.keyring_note.isVisible()
    _fill(qtbot, dialog, SERVER, "agent1", "s3cret-pw")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert Settings.load().database_url == SERVER
    assert not dialog.password_stored
    assert memory_keyring.store == {}
    assert "s3cret-pw" not in Settings.path().read_text(encoding="utf-8")


def test_empty_address_means_the_embedded_database(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.url.text() == ""
    assert dialog.url_hint.text().startswith("Embedded database: ")
    assert dialog.url_hint.text().endswith("calldesk.sqlite")
    assert not dialog.user.isEnabled() and not dialog.password.isEnabled()
    qtbot.keyClicks(dialog.url, SERVER)
    assert dialog.user.isEnabled() and dialog.password.isEnabled()


def test_test_connection_shows_the_server_version(qtbot: QtBot, sqlite_url: str) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.url, sqlite_url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_text().startswith("Connected: SQLite "))


def test_test_connection_explains_a_failure_in_words(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.url, "postgresql://127.0.0.1:1/calldesk")
    qtbot.keyClicks(dialog.user, "agent1")
    qtbot.keyClicks(dialog.password, "pw-never-shown")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_text().startswith("Could not connect: "), timeout=15_000)
    assert "cannot reach the database" in dialog.result_text()
    assert "pw-never-shown" not in dialog.result_text()
    assert Settings.load().database_url == ""  # testing saves nothing


def test_a_malformed_address_is_refused_without_saving(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.url, "not a url at all")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result_text().startswith("Not a database address")
    assert dialog.isVisible()
    assert Settings.load().database_url == ""
