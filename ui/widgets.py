"""Small building blocks shared by the windows: styled labels, cards, layout helpers.

Looks live in the QSS (resources/styles); widgets only carry a `role` property
(and sometimes a `tone`) that the style sheet selects on.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QVBoxLayout, QWidget

from ui.resources import resource_path


def set_style_props(widget: QWidget, **props: str) -> None:
    """Set QSS selector properties and re-polish so a change shows at once."""
    for key, value in props.items():
        widget.setProperty(key, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def make_label(
    text: str = "",
    role: str | None = None,
    *,
    selectable: bool = False,
    wrap: bool = False,
) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    if selectable:
        make_selectable(label)
    label.setWordWrap(wrap)
    return label


def make_selectable(label: QLabel) -> None:
    from PySide6.QtCore import Qt  # see centre()

    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setCursor(Qt.CursorShape.IBeamCursor)


def centre(label: QLabel) -> None:
    """Centre `label`'s text horizontally, by property name rather than Qt.AlignmentFlag.

    The first use of anything in PySide6's `Qt` namespace builds all of its ~90 Python
    enums (about 16 ms); the login window, CallDesk's first, is drawn without them.
    """
    label.setProperty("alignment", "AlignHCenter")


class Card(QFrame):
    """A white (dark: slate) panel with a title, the unit the customer card is built of."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 14)
        self.body.setSpacing(8)
        self.title = make_label("", "section")
        self.body.addWidget(self.title)


def grow_to_fit(window: QWidget) -> None:
    """Enlarge a top-level window whose content grew (a longer translation, an error
    line, another page). Windows here set an explicit minimum size instead of letting
    the layout change it, which some platforms (offscreen, some X11 managers) reject."""
    layout = window.layout()
    if layout is not None:
        layout.activate()
    hint = window.sizeHint()
    width, height = max(window.width(), hint.width()), max(window.height(), hint.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item (rebuilding a short, bounded list)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            child = item.layout()
            assert child is not None
            clear_layout(child)


@functools.cache
def app_icon() -> QIcon:
    """The window icon (read once: every window and the login logo share it)."""
    icon = QIcon()
    png = resource_path("icons", "calldesk.png")
    svg = resource_path("icons", "calldesk.svg")
    if png.exists():
        icon.addFile(str(png))
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def app_pixmap(size: int) -> QPixmap:
    return app_icon().pixmap(size, size)


def raise_window(window: QWidget) -> None:
    """raise_() where the platform stacks windows (offscreen and minimal do not, and warn)."""
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        window.raise_()


def bring_forward(window: QWidget) -> None:
    """Another `calldesk` launch asked for this window: restore, raise and focus it."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    raise_window(window)
    window.activateWindow()
