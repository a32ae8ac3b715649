"""Ask for the database password when there is no keyring to keep it.

The password lives in memory for this session only: it is never written to the
settings file, the log, or anywhere else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import secrets
from ui.widgets import grow_to_fit, make_label


class PasswordDialog(QDialog):
    """`password` is set when the user pressed Connect."""

    def __init__(
        self, server: str, user: str, refused: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PasswordDialog")
        self.setMinimumSize(480, 250)
        self.password: str | None = None
        self._server, self._user, self._refused = server, user, refused
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        self.heading = make_label("", "dialog-title")
        layout.addWidget(self.heading)
        self.server_label = make_label("", "muted", selectable=True, wrap=True)
        layout.addWidget(self.server_label)
        self.field = QLineEdit()
        self.field.setObjectName("DatabasePassword")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.returnPressed.connect(self._connect)
        layout.addWidget(self.field)
        self.note = make_label("", "muted-small", wrap=True)
        layout.addWidget(self.note)
        self.error = make_label("", "error", wrap=True)
        self.error.setVisible(refused)
        layout.addWidget(self.error)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.quit_button = QPushButton()
        self.quit_button.clicked.connect(self.reject)
        self.connect_button = QPushButton()
        self.connect_button.setProperty("role", "primary")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self._connect)
        row.addWidget(self.quit_button)
        row.addWidget(self.connect_button)
        layout.addLayout(row)
        self.retranslate()
        self.field.setFocus()
        grow_to_fit(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Database password"))
        self.heading.setText(self.tr("Password for the database"))
        self.server_label.setText(
            self.tr("Server: %1\nUser: %2").replace("%1", self._server).replace("%2", self._user)
        )
        self.note.setText(
            self.tr("To keep the password in the system keyring, save it in File → Settings.")
            if secrets.available()
            else self.tr(
                "There is no system keyring on this computer, so CallDesk keeps the password "
                "only until it closes."
            )
        )
        self.error.setText(self.tr("The server refused this password. Try again."))
        self.quit_button.setText(self.tr("Quit"))
        self.connect_button.setText(self.tr("Connect"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _connect(self) -> None:
        if not self.field.text():
            return
        self.password = self.field.text()
        self.accept()


def ask_password(server: str, user: str, refused: bool = False) -> str | None:
    dialog = PasswordDialog(server, user, refused)
    dialog.exec()
    return dialog.password
