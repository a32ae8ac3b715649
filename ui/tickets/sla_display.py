"""How an SLA deadline looks: the state (reusing app.queues.QueueRow.sla_state so the
queue and the ticket agree), a countdown in words, and the state's colours per theme."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.queues import QueueRow, SlaState
from app.tickets import TicketView
from ui import theme

# state -> (background, text) per theme: green, amber, red, grey as the design asks.
_COLOURS: dict[str, dict[str, tuple[str, str]]] = {
    "light": {
        SlaState.OK: ("#e3f4e8", "#17693a"),
        SlaState.DUE_SOON: ("#fff1d6", "#8a5300"),
        SlaState.OVERDUE: ("#fde4e1", "#b42318"),
        SlaState.PAUSED: ("#eceff3", "#5b6777"),
        SlaState.NONE: ("#f3f5f8", "#7b8797"),
    },
    "dark": {
        SlaState.OK: ("#163a25", "#7bd8a1"),
        SlaState.DUE_SOON: ("#3f2f10", "#f5c56a"),
        SlaState.OVERDUE: ("#4a1f1b", "#ff9b8f"),
        SlaState.PAUSED: ("#2a323d", "#a9b4c2"),
        SlaState.NONE: ("#212933", "#97a3b3"),
    },
}


def colours(state: str) -> tuple[QColor, QColor]:
    """(background, text) for `state` in the current theme."""
    table = _COLOURS.get(theme.current_theme(), _COLOURS["light"])
    bg, fg = table.get(state, table[SlaState.NONE])
    return QColor(bg), QColor(fg)


def hex_colours(state: str) -> tuple[str, str]:
    bg, fg = colours(state)
    return bg.name(), fg.name()


def row_of(view: TicketView) -> QueueRow:
    """The queue's view of a ticket, so one rule decides its SLA state everywhere."""
    return QueueRow(
        view.id,
        view.number,
        view.display_number,
        view.kind,
        view.subject,
        view.status,
        view.priority,
        view.customer_name,
        view.assignee,
        view.department,
        view.created_at,
        view.resolution_due,
        view.breached,
        view.version,
    )


def duration(delta: timedelta, seconds: bool = False) -> str:
    """A span as an agent reads it: '2 d 4 h', '3 h 05 min', '12 min' (or '12 min 08 s')."""
    total = int(abs(delta).total_seconds())
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return (
            QCoreApplication.translate("SlaDisplay", "%1 d %2 h")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    if hours:
        return (
            QCoreApplication.translate("SlaDisplay", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{minutes:02d}")
        )
    if seconds:
        return (
            QCoreApplication.translate("SlaDisplay", "%1 min %2 s")
            .replace("%1", str(minutes))
            .replace("%2", f"{secs:02d}")
        )
    return QCoreApplication.translate("SlaDisplay", "%1 min").replace("%1", str(max(minutes, 0)))


def state_name(state: str) -> str:
    return {
        SlaState.OK: QCoreApplication.translate("SlaDisplay", "On time"),
        SlaState.DUE_SOON: QCoreApplication.translate("SlaDisplay", "Due soon"),
        SlaState.OVERDUE: QCoreApplication.translate("SlaDisplay", "Overdue"),
        SlaState.PAUSED: QCoreApplication.translate("SlaDisplay", "Paused"),
        SlaState.NONE: QCoreApplication.translate("SlaDisplay", "No SLA"),
    }.get(state, state)


def time_left_text(row: QueueRow, now: datetime, seconds: bool = False) -> str:
    """The queue's time-left cell and the ticket's countdown."""
    state = row.sla_state(now)
    if state == SlaState.PAUSED:
        if not seconds:  # the queue's narrow cell; the ticket window says why
            return QCoreApplication.translate("SlaDisplay", "Paused")
        return QCoreApplication.translate("SlaDisplay", "Paused (waiting for customer)")
    left = row.time_left(now)
    if left is None:
        return "—"
    if state == SlaState.OVERDUE:
        if left > timedelta(0):  # breached on first response, resolution still ahead
            return QCoreApplication.translate("SlaDisplay", "Overdue · %1 left").replace(
                "%1", duration(left, seconds)
            )
        return QCoreApplication.translate("SlaDisplay", "Overdue by %1").replace(
            "%1", duration(left, seconds)
        )
    return QCoreApplication.translate("SlaDisplay", "%1 left").replace(
        "%1", duration(left, seconds)
    )
