"""Business-time arithmetic for SLA clocks: working hours, weekends and public holidays.

A calendar is evaluated in its own time zone, so a deadline set at 17:00 in Hanoi
lands on the next working morning in Hanoi whatever the agent's clock says.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

_MAX_DAYS = 3660  # ten years of searching for open hours is a broken calendar, not a deadline


class CalendarError(ValueError):
    """A calendar that can never be open, or hours that do not parse."""


@dataclass(frozen=True)
class Calendar:
    tz: ZoneInfo
    # ISO weekday 0=Monday -> sorted, non-overlapping (start, end) local times.
    hours: Mapping[int, tuple[tuple[time, time], ...]]
    holidays: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_data(
        cls, timezone: str, hours: Mapping[str, Any], holidays: Sequence[str] = ()
    ) -> Calendar:
        """Build from the stored JSON shape: {"0": [["08:00", "17:30"]], ...}."""
        parsed: dict[int, tuple[tuple[time, time], ...]] = {}
        for key, spans in hours.items():
            day = int(key)
            if not 0 <= day <= 6:
                raise CalendarError(f"weekday {key!r} is not 0 (Monday) to 6 (Sunday)")
            items = []
            for span in spans:
                start, end = time.fromisoformat(span[0]), _end_time(span[1])
                if end <= start and end != time.max:
                    raise CalendarError(f"working hours {span[0]}–{span[1]} end before they start")
                items.append((start, end))
            items.sort()
            for (_, e1), (s2, _) in itertools.pairwise(items):
                if s2 < e1:
                    raise CalendarError(f"working hours overlap on weekday {day}")
            parsed[day] = tuple(items)
        return cls(ZoneInfo(timezone), parsed, frozenset(date.fromisoformat(d) for d in holidays))

    @classmethod
    def always_open(cls, timezone: str = "UTC") -> Calendar:
        return cls(ZoneInfo(timezone), {d: ((time(0), time.max),) for d in range(7)})

    def spans(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals (aware, UTC-comparable) from `start` onwards, in order."""
        local = start.astimezone(self.tz)
        day = local.date()
        for _ in range(_MAX_DAYS):
            if day not in self.holidays:
                for s, e in self.hours.get(day.weekday(), ()):
                    s_dt = datetime.combine(day, s, self.tz)
                    e_dt = (
                        datetime.combine(day + timedelta(days=1), time(0), self.tz)
                        if e == time.max
                        else datetime.combine(day, e, self.tz)
                    )
                    if e_dt <= start:
                        continue
                    yield max(s_dt, start), e_dt
            day += timedelta(days=1)
        raise CalendarError("the calendar has no working hours in the next ten years")

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The moment `duration` of business time after `start`."""
        if duration < timedelta(0):
            raise ValueError("negative business durations are not supported")
        remaining = duration
        for s, e in self.spans(start):
            if remaining == timedelta(0):
                return s if s > start else start
            span = e - s
            if remaining <= span:
                return s + remaining
            remaining -= span
        raise AssertionError("unreachable")  # spans() raises first

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Business time elapsed from `a` to `b` (zero when b <= a)."""
        if b <= a:
            return timedelta(0)
        total = timedelta(0)
        for s, e in self.spans(a):
            if s >= b:
                break
            total += min(e, b) - s
        return total

    def is_open(self, t: datetime) -> bool:
        for s, _e in self.spans(t):
            return s <= t
        return False


def _end_time(text: str) -> time:
    return time.max if text in ("24:00", "24:00:00") else time.fromisoformat(text)
