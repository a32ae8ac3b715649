"""A plain message dialog with buttons named in the user's language.

Used instead of QMessageBox so every button text goes through our translations
(Qt ships no Vietnamese for its standard buttons) and the dialog keeps a fixed
minimum size (offscreen and some window managers complain when it changes).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.widgets import grow_to_fit, make_label


class MessageDialog(QDialog):
    """Title, message, optional detail; `choice` is the key of the button pressed."""

    def __init__(
        self,
        title: str,
        text: str,
        buttons: list[tuple[str, str]],
        *,
        detail: str = "",
        level: str = "error",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MessageDialog")
        self.setWindowTitle(title)
        self.setMinimumSize(460, 180)
        self.choice = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        heading = make_label(title, "dialog-title")
        heading.setProperty("tone", level)
        layout.addWidget(heading)
        body = make_label(text, None, selectable=True, wrap=True)
        layout.addWidget(body)
        if detail:
            extra = make_label(detail, "muted", selectable=True, wrap=True)
            layout.addWidget(extra)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        for index, (key, label) in enumerate(buttons):
            button = QPushButton(label)
            button.setObjectName(f"button_{key}")
            if index == len(buttons) - 1:
                button.setProperty("role", "primary")
                button.setDefault(True)
            button.clicked.connect(lambda _=False, k=key: self._choose(k))
            row.addWidget(button)
        layout.addLayout(row)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        grow_to_fit(self)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: list[tuple[str, str]],
    *,
    detail: str = "",
    level: str = "error",
) -> str:
    """Show the dialog modally; the key of the chosen button, or "" when closed."""
    dialog = MessageDialog(title, text, buttons, detail=detail, level=level, parent=parent)
    dialog.exec()
    return dialog.choice
