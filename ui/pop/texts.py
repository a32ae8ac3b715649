"""Words the screen-pop screens share: value segments, durations, "how long ago", the
caller's number as an agent reads it. Built on call so they follow a language switch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from app import lookup, phones
from app.queues import SlaState
from ui import formatting


def segment(code: str | None) -> str:
    names = {
        "champions": QCoreApplication.translate("PopTexts", "Champions"),
        "loyal": QCoreApplication.translate("PopTexts", "Loyal"),
        "potential": QCoreApplication.translate("PopTexts", "Potential"),
        "new": QCoreApplication.translate("PopTexts", "New customer"),
        "needs_attention": QCoreApplication.translate("PopTexts", "Needs attention"),
        "at_risk": QCoreApplication.translate("PopTexts", "At risk"),
        "hibernating": QCoreApplication.translate("PopTexts", "Hibernating"),
        "lost": QCoreApplication.translate("PopTexts", "Lost"),
    }
    return names.get(code or "", (code or "").replace("_", " "))


SEGMENT_TONE = {
    "champions": "ok",
    "loyal": "ok",
    "potential": "info",
    "new": "info",
    "needs_attention": "gold",
    "at_risk": "danger",
    "hibernating": "subtle",
    "lost": "subtle",
}


def duration(span: timedelta) -> str:
    """ "2 days", "5 hours", "40 minutes": how late or how soon, roughly."""
    seconds = max(0, int(span.total_seconds()))
    days, hours, minutes = seconds // 86400, seconds // 3600, max(1, seconds // 60)
    if days >= 1:
        return (
            QCoreApplication.translate("PopTexts", "1 day")
            if days == 1
            else QCoreApplication.translate("PopTexts", "%1 days").replace("%1", str(days))
        )
    if hours >= 1:
        return (
            QCoreApplication.translate("PopTexts", "1 hour")
            if hours == 1
            else QCoreApplication.translate("PopTexts", "%1 hours").replace("%1", str(hours))
        )
    return (
        QCoreApplication.translate("PopTexts", "1 minute")
        if minutes == 1
        else QCoreApplication.translate("PopTexts", "%1 minutes").replace("%1", str(minutes))
    )


def ago(when: datetime | None, now: datetime | None = None) -> str:
    """ "just now", "5 minutes ago", "yesterday", else the date."""
    if when is None:
        return ""
    now = now or datetime.now(UTC)
    span = now - when
    if span < timedelta(minutes=1):
        return QCoreApplication.translate("PopTexts", "just now")
    if span < timedelta(hours=20):
        return QCoreApplication.translate("PopTexts", "%1 ago").replace("%1", duration(span))
    if formatting.local(when).date() == (formatting.local(now) - timedelta(days=1)).date():
        return QCoreApplication.translate("PopTexts", "yesterday")
    if span < timedelta(days=7):
        return QCoreApplication.translate("PopTexts", "%1 ago").replace("%1", duration(span))
    return formatting.date(when)


def complaint_flag(sla: SlaState, due: datetime | None, overdue_by: timedelta | None) -> str:
    """ "Complaint in progress, 2 days overdue" and its siblings."""
    if sla == SlaState.OVERDUE:
        if overdue_by is not None:
            return QCoreApplication.translate(
                "PopTexts", "Complaint in progress, %1 overdue"
            ).replace("%1", duration(overdue_by))
        return QCoreApplication.translate("PopTexts", "Complaint in progress, overdue")
    if sla == SlaState.PAUSED:
        return QCoreApplication.translate(
            "PopTexts", "Complaint in progress, waiting for the customer"
        )
    if due is not None and sla == SlaState.DUE_SOON:
        return QCoreApplication.translate("PopTexts", "Complaint in progress, due in %1").replace(
            "%1", duration(due - datetime.now(UTC))
        )
    if due is not None:
        return QCoreApplication.translate("PopTexts", "Complaint in progress, due %1").replace(
            "%1", formatting.date_time(due)
        )
    return QCoreApplication.translate("PopTexts", "Complaint in progress")


def number(raw: str, normalized: str | None) -> str:
    """The caller's number the way an agent reads it (national format when known)."""
    if normalized and normalized.startswith("+"):
        return phones.format_national(normalized)
    return raw.strip()


def caller_number(raw: str | None, region: str) -> str:
    """`number` for what the phone system sent as the caller ("" when it sent nothing)."""
    caller = raw or ""
    return number(caller, lookup.probe(caller, region).normalized)


def matched_on(code: str) -> str:
    names = {
        "e164": QCoreApplication.translate("PopTexts", "same number"),
        "legacy": QCoreApplication.translate("PopTexts", "number before renumbering"),
        "suffix": QCoreApplication.translate("PopTexts", "same number without area code"),
        "email": QCoreApplication.translate("PopTexts", "same email"),
        "handle": QCoreApplication.translate("PopTexts", "same account"),
    }
    return names.get(code, code)


def duplicate_reason(code: str) -> str:
    names = {
        "phone": QCoreApplication.translate("PopTexts", "Same phone"),
        "email": QCoreApplication.translate("PopTexts", "Same email"),
        "facebook": QCoreApplication.translate("PopTexts", "Same Facebook"),
        "zalo": QCoreApplication.translate("PopTexts", "Same Zalo"),
        "account": QCoreApplication.translate("PopTexts", "Same account"),
        "name": QCoreApplication.translate("PopTexts", "Same name"),
    }
    return names.get(code, code)
