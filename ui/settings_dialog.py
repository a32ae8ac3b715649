"""File → Settings: which database this workstation uses, how it signs in, and where
call events come from (ui.cti.settings_panel).

The settings file never holds the password: it goes to the OS keyring, and on a
machine without one it is not stored at all (CallDesk asks at each start).
Connection tests and keyring writes run in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from app import secrets
from app.config import Settings, default_sqlite_url
from app.connection import build_url, test_connection, url_key
from app.errors import UserError
from db.engine import Database
from ui.app_messages import user_line, user_text
from ui.cti.settings_panel import CtiSettingsPanel
from ui.widgets import grow_to_fit, make_label, set_style_props
from ui.worker import run_in_background


def probe(raw_url: str, user: str, password: str, tls: bool) -> str:
    """Connect once with the values typed (not yet saved); the server's version line."""
    db = Database(build_url(raw_url or default_sqlite_url(), user, password or None, tls))
    try:
        return test_connection(db)
    finally:
        db.dispose()


def store_server_password(raw_url: str, user: str, password: str, tls: bool) -> bool:
    """Put the password in the keyring under the server's key; False when not stored."""
    url = build_url(raw_url, user, "", tls)
    return secrets.store_password(url_key(url), url.username or user, password)


def _is_server(raw_url: str) -> bool:
    try:
        return bool(raw_url) and make_url(raw_url).get_backend_name() != "sqlite"
    except Exception:
        return bool(raw_url)


class SettingsDialog(QDialog):
    """Accepted once the settings were written; `password_stored` says if the keyring took it."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setMinimumSize(560, 470)
        self.settings = Settings.load()
        self.keyring_ok = secrets.available()
        self.password_stored = False
        self._busy = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        self.heading = make_label("", "dialog-title")
        layout.addWidget(self.heading)
        self.intro = make_label("", "muted", wrap=True)
        layout.addWidget(self.intro)

        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.setHorizontalSpacing(14)
        self.url = QLineEdit(self.settings.database_url)
        self.url.setObjectName("SettingsUrl")
        self.url_hint = make_label("", "muted-small", selectable=True, wrap=True)
        self.user = QLineEdit(self.settings.database_user)
        self.user.setObjectName("SettingsUser")
        self.password = QLineEdit()
        self.password.setObjectName("SettingsPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keyring_note = make_label("", "muted-small", wrap=True)
        self.keyring_note.setObjectName("KeyringNote")
        self.tls = QCheckBox()
        self.tls.setObjectName("SettingsTls")
        self.tls.setChecked(self.settings.database_tls)
        self.url_label, self.user_label, self.password_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.url_label, self.url)
        form.addRow("", self.url_hint)
        form.addRow(self.user_label, self.user)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.keyring_note)
        form.addRow("", self.tls)
        layout.addLayout(form)

        test_row = QHBoxLayout()
        self.test_button = QPushButton()
        self.test_button.setObjectName("TestConnection")
        self.test_button.clicked.connect(self.test_connection)
        test_row.addWidget(self.test_button)
        self.result_label = make_label("", "result", selectable=True, wrap=True)
        self.result_label.setObjectName("TestResult")
        test_row.addWidget(self.result_label, 1)
        layout.addLayout(test_row)
        self.telephony = CtiSettingsPanel()
        layout.addWidget(self.telephony)
        layout.addStretch(1)

        self.restart_note = make_label("", "muted-small", wrap=True)
        layout.addWidget(self.restart_note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton()
        self.save_button.setObjectName("SettingsSave")
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self.url.textChanged.connect(self._url_changed)
        self.retranslate()
        self._url_changed()
        grow_to_fit(self)

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("CallDesk settings"))
        self.heading.setText(self.tr("Database connection"))
        self.intro.setText(
            self.tr(
                "Leave the address empty to work on this computer alone. To share customers "
                "and tickets with other workstations, enter the central PostgreSQL server."
            )
        )
        self.url_label.setText(self.tr("Database address"))
        self.url.setPlaceholderText(self.tr("Empty: the embedded database on this computer"))
        self.user_label.setText(self.tr("User"))
        self.password_label.setText(self.tr("Password"))
        self.tls.setText(self.tr("Require an encrypted connection (TLS)"))
        self.test_button.setText(self.tr("Test connection"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("Save"))
        self.restart_note.setText(
            self.tr("A changed database is used the next time CallDesk starts.")
        )
        if self.keyring_ok:
            self.keyring_note.setText(
                self.tr("Kept in the system keyring (%1), never in the settings file.").replace(
                    "%1", secrets.backend_name()
                )
            )
            self.password.setPlaceholderText(self.tr("Leave empty to keep the saved password"))
        else:
            self.keyring_note.setText(
                self.tr("No system keyring on this computer: the password will be asked each time")
            )
            self.password.setPlaceholderText(self.tr("Only used for “Test connection”"))
        self._url_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            grow_to_fit(self)
        super().changeEvent(event)

    def _url_changed(self, *_args: object) -> None:
        raw = self.url.text().strip()
        server = _is_server(raw)
        for widget in (self.user, self.password, self.tls):
            widget.setEnabled(server)
        if not raw:
            path = make_url(default_sqlite_url()).database or ""
            self.url_hint.setText(self.tr("Embedded database: %1").replace("%1", path))
        elif server:
            self.url_hint.setText(self.tr("For example: postgresql://db.example.vn:5432/calldesk"))
        else:
            self.url_hint.setText(self.tr("A database file on this computer."))

    # -- actions ----------------------------------------------------------------------

    def _values(self) -> tuple[str, str, str, bool]:
        return (
            self.url.text().strip(),
            self.user.text().strip(),
            self.password.text(),
            self.tls.isChecked(),
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.test_button, self.save_button):
            widget.setEnabled(not busy)

    def result_text(self) -> str:
        """What the last test or save attempt said (shown next to "Test connection")."""
        return self.result_label.text()

    def _show_result(self, text: str, tone: str) -> None:
        self.result_label.setText(text)
        set_style_props(self.result_label, tone=tone)

    def test_connection(self) -> None:
        if self._busy:
            return
        self._set_busy(True)
        self._show_result(self.tr("Connecting…"), "neutral")
        run_in_background(
            probe, *self._values(), on_result=self._test_ok, on_error=self._test_failed
        )

    def _test_ok(self, version: str) -> None:
        self._set_busy(False)
        self._show_result(self.tr("Connected: %1").replace("%1", version), "ok")

    def _test_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        reason = user_line(exc)
        self._show_result(self.tr("Could not connect: %1").replace("%1", reason), "error")

    def save(self) -> None:
        if self._busy:
            return
        raw, user, password, tls = self._values()
        try:
            if raw:
                build_url(raw, user, "", tls)
        except UserError as exc:
            self._show_result(
                self.tr("Not a database address: %1").replace("%1", user_text(exc)), "error"
            )
            return
        if password and _is_server(raw) and self.keyring_ok:
            self._set_busy(True)
            run_in_background(
                store_server_password,
                raw,
                user,
                password,
                tls,
                on_result=self._password_stored,
                on_error=self._store_failed,
            )
        else:
            self._write_settings()

    def _password_stored(self, stored: bool) -> None:
        self._set_busy(False)
        self.password_stored = bool(stored)
        self._write_settings()

    def _store_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_result(
            self.tr("The keyring refused the password: %1").replace("%1", user_text(exc)), "error"
        )

    def _write_settings(self) -> None:
        raw, user, _password, tls = self._values()
        settings = Settings.load()  # keep what other windows changed meanwhile
        settings.database_url = raw
        settings.database_user = user
        settings.database_tls = tls
        self.telephony.apply(settings)
        settings.save()
        self.settings = settings
        self.saved.emit()
        self.accept()
