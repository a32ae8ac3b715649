"""SLA due times: policies counted in business time, paused while waiting on the customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from app.business_time import Calendar
from db.models import BusinessCalendar, SlaPolicy

DEFAULT_REOPEN_DAYS = 7  # a repeat contact this soon after a resolution reopens the ticket
DEFAULT_PRIORITY_FACTORS = {"low": 1.0, "normal": 1.0, "high": 1.0, "urgent": 1.0}


@dataclass(frozen=True)
class Policy:
    name: str
    first_response: timedelta
    resolution: timedelta
    calendar: Calendar
    actions: dict[str, Any]

    def factor(self, priority: str) -> float:
        """A policy may shorten targets by priority: {"priority_factors": {"urgent": 0.25}}."""
        factors = {**DEFAULT_PRIORITY_FACTORS, **(self.actions.get("priority_factors") or {})}
        return float(factors.get(priority, 1.0))

    @property
    def reopen_window(self) -> timedelta:
        return timedelta(days=int(self.actions.get("reopen_days", DEFAULT_REOPEN_DAYS)))

    def dues(self, start: datetime, priority: str) -> tuple[datetime, datetime]:
        f = self.factor(priority)
        return (
            self.calendar.add(start, self.first_response * f),
            self.calendar.add(start, self.resolution * f),
        )


@lru_cache(maxsize=64)
def _calendar(tz: str, hours_json: str, holidays_json: str) -> Calendar:
    import json

    return Calendar.from_data(tz, json.loads(hours_json), json.loads(holidays_json))


def calendar_of(cal: BusinessCalendar | None) -> Calendar:
    import json

    if cal is None:
        return Calendar.always_open()
    return _calendar(
        cal.timezone, json.dumps(cal.hours, sort_keys=True), json.dumps(list(cal.holidays))
    )


def load_policy(s: Session, policy: SlaPolicy | None) -> Policy | None:
    if policy is None:
        return None
    cal = s.get(BusinessCalendar, policy.calendar_id) if policy.calendar_id else None
    return Policy(
        policy.name,
        timedelta(minutes=policy.first_response_minutes),
        timedelta(minutes=policy.resolution_minutes),
        calendar_of(cal),
        dict(policy.actions or {}),
    )
