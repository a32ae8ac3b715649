"""Help → About: which CallDesk this is, for support calls and bug reports."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import __version__
from ui.widgets import app_pixmap, grow_to_fit, make_label


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setMinimumSize(420, 260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(8)
        logo = QLabel()
        logo.setPixmap(app_pixmap(64))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(logo)
        self.name = make_label(f"CallDesk {__version__}", "brand")
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.name)
        self.blurb = make_label("", "subtitle", wrap=True)
        self.blurb.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.blurb)
        self.versions = make_label("", "muted-small", selectable=True)
        self.versions.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.versions)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = QPushButton()
        self.close_button.setProperty("role", "primary")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.retranslate()
        grow_to_fit(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About CallDesk"))
        self.blurb.setText(
            self.tr("Contact-center desktop: screen-pop, tickets, complaint routing and KPIs.")
        )
        self.versions.setText(
            self.tr("Version %1 · Qt for Python %2 · Python %3")
            .replace("%1", __version__)
            .replace("%2", pyside_version)
            .replace("%3", platform.python_version())
        )
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
