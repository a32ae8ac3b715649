"""How KPI figures read on screen, and the colour a figure's threshold gives it.

Ratios show as percentages, durations as m:ss; a figure whose denominator was zero
shows as an en dash, never as 0 %. Tones: "ok" (meets the target), "warn" (within
10 points / twice the threshold), "bad".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

DASH = "–"


def tr(text: str) -> str:
    return QCoreApplication.translate("Kpi", text)


def pct(value: float | None, digits: int = 1) -> str:
    if value is None:
        return DASH
    return QLocale().toString(value * 100, "f", digits) + " %"


def num(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return DASH
    if isinstance(value, int) or digits == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", digits)


def duration(seconds: float | None) -> str:
    """m:ss under an hour, h:mm:ss above."""
    if seconds is None:
        return DASH
    s = round(seconds)
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def hours(value: float | None) -> str:
    return DASH if value is None else QLocale().toString(value, "f", 1) + " h"


def sl_tone(value: float | None, target: float) -> str:
    if value is None:
        return "none"
    if value >= target:
        return "ok"
    return "warn" if value >= target - 0.10 else "bad"


def wait_tone(seconds: float, sl_seconds: int) -> str:
    if seconds <= sl_seconds:
        return "ok"
    return "warn" if seconds <= 3 * sl_seconds else "bad"


def abandon_tone(rate: float | None) -> str:
    if rate is None:
        return "none"
    if rate <= 0.05:
        return "ok"
    return "warn" if rate <= 0.10 else "bad"


def waiting_tone(waiting: int, available: int) -> str:
    if waiting == 0:
        return "ok"
    return "warn" if waiting <= max(available, 2) else "bad"


def status(code: str) -> str:
    return {
        "available": QCoreApplication.translate("Kpi", "Available"),
        "on_call": QCoreApplication.translate("Kpi", "On call"),
        "wrap_up": QCoreApplication.translate("Kpi", "Wrap-up"),
        "away": QCoreApplication.translate("Kpi", "Away"),
        "offline": QCoreApplication.translate("Kpi", "Offline"),
    }.get(code, code)


def queue(name: str) -> str:
    return name or QCoreApplication.translate("Kpi", "(no queue)")


def segment(code: str) -> str:
    return {
        "champions": QCoreApplication.translate("Kpi", "Champions"),
        "loyal": QCoreApplication.translate("Kpi", "Loyal"),
        "potential": QCoreApplication.translate("Kpi", "Potential loyalists"),
        "new": QCoreApplication.translate("Kpi", "New customers"),
        "needs_attention": QCoreApplication.translate("Kpi", "Needs attention"),
        "at_risk": QCoreApplication.translate("Kpi", "At risk"),
        "hibernating": QCoreApplication.translate("Kpi", "Hibernating"),
        "lost": QCoreApplication.translate("Kpi", "Lost"),
        "no_orders": QCoreApplication.translate("Kpi", "No orders"),
    }.get(code, code)


# Tone colours readable on light and dark themes (white text on a saturated fill).
TONE_COLOURS = {"ok": "#1b873f", "warn": "#b7791f", "bad": "#c53030", "none": "#5a6b7d"}

TILE_STYLE = """
QFrame[role="kpi-tile"] {{ border-radius: 10px; background: {none}; }}
QFrame[role="kpi-tile"][tone="ok"] {{ background: {ok}; }}
QFrame[role="kpi-tile"][tone="warn"] {{ background: {warn}; }}
QFrame[role="kpi-tile"][tone="bad"] {{ background: {bad}; }}
QFrame[role="kpi-tile"] QLabel {{ color: white; background: transparent; }}
QLabel[role="kpi-tile-title"] {{ font-weight: 600; }}
""".format(**TONE_COLOURS)
