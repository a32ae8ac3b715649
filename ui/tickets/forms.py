"""Form pieces the ticket dialogs share: code-carrying combos, an inline error line,
the dialog's header, and a button row. Errors are shown inside the dialog, never in a
blocking message box, so the agent's typing is never lost behind a modal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import make_label, set_style_props


def fill_combo(
    combo: QComboBox,
    items: Iterable[tuple[str, Any]],
    keep: Any = None,
) -> None:
    """Replace the entries (text, data); re-select `keep` (or the current data) if present."""
    wanted = keep if keep is not None else combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(wanted) if wanted is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def relabel(combo: QComboBox, label: Callable[[Any], str]) -> None:
    """Re-translate the texts of a combo whose data are codes."""
    for i in range(combo.count()):
        combo.setItemText(i, label(combo.itemData(i)))


class ErrorLine(QLabel):
    """A red line under a form saying what is wrong; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class Banner(QLabel):
    """A hint/notice line (blue) or a success line (green) inside a dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "hint")
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str, tone: str = "hint") -> None:
        self.setText(text)
        if self.property("role") != tone:
            set_style_props(self, role=tone)
        self.setVisible(bool(text))


def header(title: QLabel, subtitle: QLabel | None = None) -> QFrame:
    """The white title strip at the top of the ticket dialogs."""
    frame = QFrame()
    frame.setProperty("role", "card-header")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 12, 18, 12)
    layout.setSpacing(4)
    layout.addWidget(title)
    if subtitle is not None:
        layout.addWidget(subtitle)
    return frame


def button_row(*buttons: QPushButton, stretch_first: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(8)
    if stretch_first:
        row.addStretch(1)
    for b in buttons:
        row.addWidget(b)
    return row


def primary(button: QPushButton) -> QPushButton:
    button.setProperty("role", "primary")
    button.setDefault(True)
    return button


def field_label(text: str = "") -> QLabel:
    return make_label(text, "field")


def split_list(text: str) -> list[str]:
    """'a, b,  c' -> ['a', 'b', 'c'] (how list fields are typed)."""
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


class _CtrlEnter(QObject):
    def __init__(self, parent: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._callback()
            return True
        return super().eventFilter(watched, event)


def submit_on_ctrl_enter(
    window: QWidget, callback: Callable[[], object], *editors: QWidget
) -> None:
    """Ctrl+Enter anywhere in `window` runs `callback`: a window shortcut, plus a filter on
    multi-line editors, which would otherwise take the key as a line break."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), window, callback)
    for editor in editors:
        editor.installEventFilter(_CtrlEnter(editor, callback))
