"""Editing SLA targets and business calendars (the administration screen).

Kept apart from app.sla, which only reads them: every save here is validated the way
the SLA clock will read it (Calendar.from_data), so a calendar that could never be
open, or hours that end before they start, are refused before they are stored.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from app import permissions
from app.business_time import Calendar, CalendarError
from app.errors import UserError
from app.sla import DEFAULT_REOPEN_DAYS
from app.tickets import ConflictError
from db.engine import Database
from db.models import BusinessCalendar, SlaPolicy

WEEKDAYS = range(7)  # ISO weekday 0=Monday, as the calendars store them
_SPAN = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$")

Spans = list[tuple[str, str]]


@dataclass(frozen=True)
class PolicyRow:
    id: uuid.UUID
    name: str
    first_response_minutes: int
    resolution_minutes: int
    calendar: str | None
    version: int
    reopen_days: int = 7


@dataclass(frozen=True)
class CalendarRow:
    id: uuid.UUID
    name: str
    timezone: str
    hours: dict[int, Spans]
    holidays: list[date]
    version: int


def reopen_days(actions: dict[str, Any] | None) -> int:
    """How long after a resolution a repeat contact reopens the ticket (per policy)."""
    return int((actions or {}).get("reopen_days", DEFAULT_REOPEN_DAYS))


def policies(db: Database) -> list[PolicyRow]:
    with db.sessions() as s:
        names = {
            cid: name for cid, name in s.execute(select(BusinessCalendar.id, BusinessCalendar.name))
        }
        return [
            PolicyRow(
                p.id,
                p.name,
                p.first_response_minutes,
                p.resolution_minutes,
                names.get(p.calendar_id) if p.calendar_id else None,
                p.version,
                reopen_days(p.actions),
            )
            for p in s.scalars(select(SlaPolicy).order_by(SlaPolicy.name))
        ]


def calendars(db: Database) -> list[CalendarRow]:
    with db.sessions() as s:
        return [
            _calendar_row(c)
            for c in s.scalars(select(BusinessCalendar).order_by(BusinessCalendar.name))
        ]


def _calendar_row(c: BusinessCalendar) -> CalendarRow:
    hours: dict[int, Spans] = {d: [] for d in WEEKDAYS}
    for key, spans in (c.hours or {}).items():
        hours[int(key)] = [(str(a), str(b)) for a, b in spans]
    return CalendarRow(
        c.id,
        c.name,
        c.timezone,
        hours,
        sorted(date.fromisoformat(str(d)) for d in c.holidays or []),
        c.version,
    )


def save_policy(
    db: Database,
    name: str,
    first_response_minutes: int,
    resolution_minutes: int,
    expected_version: int | None = None,
    reopen_within_days: int | None = None,
) -> PolicyRow:
    """Change a policy's targets. New tickets get the new targets; open ones keep theirs."""
    permissions.require(db, permissions.Action.ADMIN_SLA)
    if reopen_within_days is not None and not 0 <= reopen_within_days <= 365:
        raise UserError(f"SLA policy {name!r}: the reopen window is 0 to 365 days")
    if first_response_minutes <= 0 or resolution_minutes <= 0:
        raise UserError(f"SLA policy {name!r}: targets must be at least one minute")
    if first_response_minutes > resolution_minutes:
        raise UserError(
            f"SLA policy {name!r}: the first response cannot be due after the resolution"
        )
    with db.session() as s:
        p = s.scalar(select(SlaPolicy).where(SlaPolicy.name == name))
        if p is None:
            raise UserError(f"no SLA policy named {name!r}")
        if expected_version is not None and p.version != expected_version:
            raise ConflictError(
                f"SLA policy {name!r} was changed by someone else "
                f"(you had version {expected_version}, it is now {p.version})"
            )
        p.first_response_minutes = first_response_minutes
        p.resolution_minutes = resolution_minutes
        if reopen_within_days is not None:
            p.actions = {**(p.actions or {}), "reopen_days": reopen_within_days}
        s.flush()
        cal = s.get(BusinessCalendar, p.calendar_id) if p.calendar_id else None
        return PolicyRow(
            p.id,
            p.name,
            p.first_response_minutes,
            p.resolution_minutes,
            cal.name if cal else None,
            p.version,
            reopen_days(p.actions),
        )


def parse_spans(text: str) -> Spans:
    """'08:00-12:00, 13:30-17:30' -> [("08:00", "12:00"), ("13:30", "17:30")]; '' is closed."""
    spans: Spans = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;]", text))):
        m = _SPAN.match(part)
        if m is None:
            raise UserError(f"working hours {part!r}: write them as HH:MM-HH:MM")
        spans.append((_pad(m.group(1)), _pad(m.group(2))))
    return spans


def format_spans(spans: Spans) -> str:
    return ", ".join(f"{a}–{b}" for a, b in spans)


def _pad(hhmm: str) -> str:
    h, m = hhmm.split(":")
    return f"{int(h):02d}:{m}"


def save_calendar(
    db: Database,
    name: str,
    timezone: str,
    hours: dict[int, Spans],
    holidays: list[date],
    expected_version: int | None = None,
) -> CalendarRow:
    """Replace a calendar's hours and holidays after checking the SLA clock can use them."""
    permissions.require(db, permissions.Action.ADMIN_SLA)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(f"unknown time zone {timezone!r}") from exc
    stored: dict[str, Any] = {str(d): [list(span) for span in hours.get(d, [])] for d in WEEKDAYS}
    stored = {k: v for k, v in stored.items() if v}
    if not stored:
        raise UserError(f"calendar {name!r}: a calendar needs working hours on at least one day")
    days = sorted({d.isoformat() for d in holidays})
    try:
        Calendar.from_data(timezone, stored, days)
    except (CalendarError, ValueError) as exc:
        raise UserError(f"calendar {name!r}: {exc}") from exc
    with db.session() as s:
        c = s.scalar(select(BusinessCalendar).where(BusinessCalendar.name == name))
        if c is None:
            raise UserError(f"no business calendar named {name!r}")
        if expected_version is not None and c.version != expected_version:
            raise ConflictError(
                f"calendar {name!r} was changed by someone else "
                f"(you had version {expected_version}, it is now {c.version})"
            )
        c.timezone = timezone
        c.hours = stored
        c.holidays = days
        s.flush()
        return _calendar_row(c)
