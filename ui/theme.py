"""Light and dark looks: the Fusion style, a matching palette, and a Qt style sheet.

The palette covers what style sheets do not reach (native dialogs' backgrounds,
disabled text); the QSS in resources/styles gives the product its look.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui.resources import resource_path

log = logging.getLogger(__name__)

THEMES = ("light", "dark")
STYLE = "fusion"
# Where the application records that it already uses STYLE. Asking Qt (app.style())
# or setting it from Python builds PySide6's QStyle type with its twenty-odd enums,
# about 8 ms that the first window need not wait for: CallDesk's own QApplication is
# created with `-style fusion` (qt_arguments) and marked instead.
STYLE_MARK = "calldesk-style"
_current = "light"


def qt_arguments(argv0: str) -> list[str]:
    """QApplication's argv: the style is then built in C++ alone (see STYLE_MARK)."""
    return [argv0, "-style", STYLE]


# window, base, alternate base, text, muted text, accent, accent text, border
_COLOURS: dict[str, dict[str, str]] = {
    "light": {
        "window": "#f3f5f8",
        "base": "#ffffff",
        "alt": "#f7f9fb",
        "text": "#1f2933",
        "muted": "#697586",
        "accent": "#1d64d8",
        "accent_text": "#ffffff",
        "button": "#ffffff",
        "border": "#d9dee5",
    },
    "dark": {
        "window": "#161b22",
        "base": "#1d242d",
        "alt": "#212933",
        "text": "#e3e8ee",
        "muted": "#97a3b3",
        "accent": "#3b82f6",
        "accent_text": "#ffffff",
        "button": "#252e39",
        "border": "#333e4b",
    },
}


def palette(theme: str) -> QPalette:
    c = {k: QColor(v) for k, v in _COLOURS[theme].items()}
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, c["window"])
    pal.setColor(role.WindowText, c["text"])
    pal.setColor(role.Base, c["base"])
    pal.setColor(role.AlternateBase, c["alt"])
    pal.setColor(role.Text, c["text"])
    pal.setColor(role.Button, c["button"])
    pal.setColor(role.ButtonText, c["text"])
    pal.setColor(role.Highlight, c["accent"])
    pal.setColor(role.HighlightedText, c["accent_text"])
    pal.setColor(role.ToolTipBase, c["base"])
    pal.setColor(role.ToolTipText, c["text"])
    pal.setColor(role.PlaceholderText, c["muted"])
    pal.setColor(role.Link, c["accent"])
    pal.setColor(role.Mid, c["border"])
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, c["muted"])
    return pal


def style_sheet(theme: str) -> str:
    path = resource_path("styles", f"{theme}.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet %s missing; using the plain style", path)
        return ""


def apply_theme(theme: str) -> str:
    """Switch the whole application to `theme`; returns the theme in use."""
    global _current
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    if theme not in THEMES:
        theme = "light"
    if app.property(STYLE_MARK) != STYLE:
        app.setStyle(STYLE)
        app.setProperty(STYLE_MARK, STYLE)
    sheet = style_sheet(theme)
    if theme != _current or app.styleSheet() != sheet:  # re-polishing everything is not free
        app.setPalette(palette(theme))
        app.setStyleSheet(sheet)
    _current = theme
    return theme


def current_theme() -> str:
    return _current
