"""Small pieces the screen-pop windows share: keyboard-first buttons and badges."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ui.widgets import make_label


class KeyButton(QPushButton):
    """A button that shows the single key that does the same ("L  Log call"): agents
    on a call work from the keyboard, and the keycap teaches the key."""

    def __init__(self, key: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "pop-action")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the card, not the button
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 5, 10, 5)
        row.setSpacing(6)
        self.keycap = make_label(key, "keycap")
        self.keycap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = make_label(text, "pop-action-text")
        for label in (self.keycap, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            row.addWidget(label)
        row.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str) -> None:
        self.caption.setText(text)
        self.setToolTip(f"{text} ({self.keycap.text()})")
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def badge(text: str, tone: str = "neutral") -> QLabel:
    label = make_label(text, "badge")
    label.setProperty("tone", tone)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label
