"""The processing log as one readable HTML timeline (oldest first, newest last).

One QTextBrowser instead of a widget per entry: a long-running complaint's log can
grow, and rich text also lets the agent select and copy from it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.tickets import EventView
from ui import formatting, labels, theme
from ui.tickets import texts

# kind -> accent per theme
_ACCENTS = {
    "light": {
        "created": "#1d64d8",
        "comment": "#5b6777",
        "reply": "#157f3c",
        "status": "#4f46e5",
        "assign": "#0e7490",
        "transfer": "#7c3aed",
        "priority": "#b7791f",
        "breach": "#b42318",
        "escalate": "#c2410c",
        "merge": "#5b6777",
    },
    "dark": {
        "created": "#60a5fa",
        "comment": "#a9b4c2",
        "reply": "#6fd49a",
        "status": "#a5b4fc",
        "assign": "#5eead4",
        "transfer": "#c4b5fd",
        "priority": "#f5c56a",
        "breach": "#ff9b8f",
        "escalate": "#fdba74",
        "merge": "#a9b4c2",
    },
}
_TINTS = {
    "light": {"reply": "#eef8f1", "comment": "#f5f7fa", "text": "#f7f9fb", "alert": "#fdf0ee"},
    "dark": {"reply": "#1a2f24", "comment": "#232b35", "text": "#232b35", "alert": "#3a2220"},
}
_MUTED = {"light": "#697586", "dark": "#97a3b3"}
_TEXT = {"light": "#1f2933", "dark": "#e3e8ee"}


def _e(text: str | None) -> str:
    return html.escape(text or "").replace("\n", "<br>")


def headline(
    e: EventView, department: Callable[[str | None], str | None]
) -> tuple[str, str, list[str]]:
    """(accent key, headline, extra detail lines) of one log entry, in words."""
    d: dict[str, Any] = e.data
    if e.kind == "created":
        what = QCoreApplication.translate("EventLog", "Ticket created · %1 · %2")
        return (
            "created",
            what.replace("%1", labels.ticket_kind(d.get("kind"))).replace(
                "%2", labels.channel(d.get("channel"))
            ),
            [],
        )
    if e.kind == "comment":
        if e.internal:
            return "comment", QCoreApplication.translate("EventLog", "Internal note"), []
        return "reply", QCoreApplication.translate("EventLog", "Reply to the customer"), []
    if e.kind == "status":
        text = (
            QCoreApplication.translate("EventLog", "Status: %1 → %2")
            .replace("%1", labels.ticket_status(d.get("from")))
            .replace("%2", labels.ticket_status(d.get("to")))
        )
        if d.get("reopen"):
            text += " · " + QCoreApplication.translate(
                "EventLog", "reopened: the customer contacted again"
            )
        return "status", text, []
    if e.kind == "assign":
        if not d.get("to"):
            return "assign", QCoreApplication.translate("EventLog", "Unassigned"), []
        text = QCoreApplication.translate("EventLog", "Assigned to %1").replace("%1", str(d["to"]))
        if d.get("policy"):
            text += f" · {texts.assign_policy(d['policy'])}"
        return "assign", text, []
    if e.kind == "transfer":
        to = department(d.get("to")) or "—"
        if "rule" in d:  # the routing decision made when the ticket was created
            rule = str(d["rule"])
            if rule.startswith("no rule matched"):
                text = QCoreApplication.translate(
                    "EventLog", "Routed to %1 · no rule matched, fallback desk"
                ).replace("%1", to)
            else:
                text = (
                    QCoreApplication.translate("EventLog", "Routed to %1 by rule “%2”")
                    .replace("%1", to)
                    .replace("%2", rule)
                )
            lines = []
            reasons = [texts.reason(r) for r in d.get("reasons") or []]
            if reasons:
                lines.append(
                    QCoreApplication.translate("EventLog", "Because %1").replace(
                        "%1", "; ".join(reasons)
                    )
                )
            if d.get("sla_policy"):
                lines.append(
                    QCoreApplication.translate("EventLog", "SLA policy: %1").replace(
                        "%1", str(d["sla_policy"])
                    )
                )
            return "transfer", text, lines
        src = department(d.get("from")) or "—"
        return (
            "transfer",
            QCoreApplication.translate("EventLog", "Transferred: %1 → %2")
            .replace("%1", src)
            .replace("%2", to),
            [],
        )
    if e.kind == "priority" and isinstance(d.get("sla_policy"), dict):
        change = d["sla_policy"]
        return (
            "priority",
            QCoreApplication.translate("EventLog", "SLA policy: %1 → %2")
            .replace("%1", str(change.get("from") or "—"))
            .replace("%2", str(change.get("to") or "—")),
            [],
        )
    if e.kind == "priority":
        return (
            "priority",
            QCoreApplication.translate("EventLog", "Priority: %1 → %2")
            .replace("%1", labels.priority(d.get("from")))
            .replace("%2", labels.priority(d.get("to"))),
            [],
        )
    if e.kind == "breach":
        target = (
            QCoreApplication.translate("EventLog", "first response")
            if d.get("target") == "first_response"
            else QCoreApplication.translate("EventLog", "resolution")
        )
        return (
            "breach",
            QCoreApplication.translate("EventLog", "SLA breached: the %1 deadline passed").replace(
                "%1", target
            ),
            [],
        )
    if e.kind == "escalate":
        lines = []
        if d.get("priority"):
            p = d["priority"]
            lines.append(
                QCoreApplication.translate("EventLog", "Priority raised: %1 → %2")
                .replace("%1", labels.priority(p.get("from")))
                .replace("%2", labels.priority(p.get("to")))
            )
        if d.get("notify"):
            who = ", ".join(labels.role(str(r)) for r in d["notify"])
            lines.append(QCoreApplication.translate("EventLog", "Notified: %1").replace("%1", who))
        if d.get("reassigned_to"):
            lines.append(
                QCoreApplication.translate("EventLog", "Reassigned to %1").replace(
                    "%1", str(d["reassigned_to"])
                )
            )
        return "escalate", QCoreApplication.translate("EventLog", "Escalated"), lines
    if e.kind == "merge":
        lines = []
        if d.get("into"):
            lines.append(
                QCoreApplication.translate("EventLog", "Merged into %1").replace("%1", d["into"])
            )
        if d.get("merged"):
            lines.append(
                QCoreApplication.translate("EventLog", "Merged %1 into this ticket").replace(
                    "%1", d["merged"]
                )
            )
        return "merge", QCoreApplication.translate("EventLog", "Merged"), lines
    return "comment", texts.event_kind(e.kind), []


def render(
    events: list[EventView],
    department: Callable[[str | None], str | None],
    actor_name: Callable[[str | None], str],
) -> str:
    """The whole log as HTML for a QTextBrowser, in the current theme's colours."""
    name = theme.current_theme()
    accents, tints = _ACCENTS.get(name, _ACCENTS["light"]), _TINTS.get(name, _TINTS["light"])
    muted, text_colour = _MUTED.get(name, "#697586"), _TEXT.get(name, "#1f2933")
    parts = [f'<div style="color:{text_colour}">']
    if not events:
        empty = QCoreApplication.translate("EventLog", "Nothing logged yet.")
        parts.append(f'<p style="color:{muted}">{_e(empty)}</p>')
    for e in events:
        key, title, lines = headline(e, department)
        accent = accents.get(key, accents["comment"])
        who = actor_name(e.actor)
        meta = f"{formatting.date_time(e.at)} · {_e(who)}"
        body = ""
        if e.text:
            tint = tints["reply"] if key == "reply" else tints["comment"]
            if e.kind == "transfer":
                label = _e(QCoreApplication.translate("EventLog", "Reason:")) + " "
                body_text = f"<b>{label}</b>{_e(e.text)}"
            else:
                body_text = _e(e.text)
            body = (
                f'<table width="100%" cellpadding="8" cellspacing="0" style="margin-top:4px">'
                f'<tr><td bgcolor="{tint}">{body_text}</td></tr></table>'
            )
        extra = "".join(f'<div style="color:{muted}">{_e(line)}</div>' for line in lines)
        parts.append(
            '<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom:12px">'
            f'<tr><td width="4" bgcolor="{accent}"></td><td width="12"></td><td>'
            f'<div style="color:{muted}; font-size:9pt">{meta}</div>'
            f'<div style="color:{accent}; font-weight:700">{_e(title)}</div>'
            f"{extra}{body}</td></tr></table>"
        )
    parts.append("</div>")
    return "".join(parts)


def actor_namer(users: dict[str, str]) -> Callable[[str | None], str]:
    """Usernames in the log shown by display name; no actor means the system did it."""

    def name(username: str | None) -> str:
        if not username:
            return QCoreApplication.translate("EventLog", "CallDesk (automatic)")
        return users.get(username, username)

    return name
