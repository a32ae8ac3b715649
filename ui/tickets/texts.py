"""Words for ticket vocabularies (wrap-up codes, log entries, routing reasons) in the
interface language. The services speak short English codes; the screens show these."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ui import labels
from ui.app_messages import user_line


def wrapup(code: str | None) -> str:
    table = {
        "resolved": QCoreApplication.translate("TicketTexts", "Resolved on the call"),
        "information_given": QCoreApplication.translate("TicketTexts", "Information given"),
        "ticket_opened": QCoreApplication.translate("TicketTexts", "Ticket opened"),
        "complaint_filed": QCoreApplication.translate("TicketTexts", "Complaint filed"),
        "callback_promised": QCoreApplication.translate("TicketTexts", "Callback promised"),
        "transferred": QCoreApplication.translate("TicketTexts", "Transferred"),
        "wrong_number": QCoreApplication.translate("TicketTexts", "Wrong number"),
        "no_answer": QCoreApplication.translate("TicketTexts", "No answer"),
    }
    return table.get(code or "", (code or "").replace("_", " "))


def event_kind(code: str) -> str:
    table = {
        "created": QCoreApplication.translate("TicketTexts", "Created"),
        "comment": QCoreApplication.translate("TicketTexts", "Comment"),
        "status": QCoreApplication.translate("TicketTexts", "Status"),
        "assign": QCoreApplication.translate("TicketTexts", "Assignment"),
        "transfer": QCoreApplication.translate("TicketTexts", "Transfer"),
        "escalate": QCoreApplication.translate("TicketTexts", "Escalated"),
        "breach": QCoreApplication.translate("TicketTexts", "SLA breached"),
        "merge": QCoreApplication.translate("TicketTexts", "Merged"),
        "priority": QCoreApplication.translate("TicketTexts", "Priority"),
    }
    return table.get(code, code)


def assign_policy(code: str | None) -> str:
    table = {
        "round_robin": QCoreApplication.translate("TicketTexts", "round robin"),
        "least_loaded": QCoreApplication.translate("TicketTexts", "least loaded"),
    }
    return table.get(code or "", code or "")


_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^category (.+)$"), "category %1"),
    (re.compile(r"^text mentions (.+)$"), "text mentions %1"),
    (re.compile(r"^tier (.+)$"), "tier %1"),
    (re.compile(r"^segment (.+)$"), "segment %1"),
    (re.compile(r"^channel (.+)$"), "channel %1"),
    (re.compile(r"^kind (.+)$"), "kind %1"),
    (re.compile(r"^supplier (.+)$"), "supplier %1"),
    (re.compile(r"^product (.+)$"), "product %1"),
    (re.compile(r"^time (.+)$"), "time %1"),
]


def reason(text: str, category: Callable[[str], str] | None = None) -> str:
    """One routing reason from app.routing ("text mentions 'giao hang'") translated;
    `category` turns a category code into its name."""
    if text == "catch-all":
        return QCoreApplication.translate("TicketTexts", "no specific rule applies (catch-all)")
    words = {
        "tier %1": labels.tier,
        "channel %1": labels.channel,
        "kind %1": labels.ticket_kind,
    }
    for pattern, template in _REASONS:
        m = pattern.match(text)
        if m:
            value = m.group(1)
            if template in words:
                value = words[template](value)
            elif template == "category %1" and category is not None:
                value = category(value)
            return _translate_template(template).replace("%1", value)
    return text


def _translate_template(template: str) -> str:
    # Spelled out so lupdate sees every string.
    table = {
        "category %1": QCoreApplication.translate("TicketTexts", "category %1"),
        "text mentions %1": QCoreApplication.translate("TicketTexts", "text mentions %1"),
        "tier %1": QCoreApplication.translate("TicketTexts", "tier %1"),
        "segment %1": QCoreApplication.translate("TicketTexts", "segment %1"),
        "channel %1": QCoreApplication.translate("TicketTexts", "channel %1"),
        "kind %1": QCoreApplication.translate("TicketTexts", "kind %1"),
        "supplier %1": QCoreApplication.translate("TicketTexts", "supplier %1"),
        "product %1": QCoreApplication.translate("TicketTexts", "product %1"),
        "time %1": QCoreApplication.translate("TicketTexts", "time %1"),
    }
    return table[template]


def first_line(exc: BaseException) -> str:
    """What an error says, in one line and the user's language (services raise UserError
    with a sentence)."""
    line = user_line(exc)
    return line[:1].upper() + line[1:]
