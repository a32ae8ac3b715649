"""Date ranges and intervals in the business time zone.

Ranges are half-open [start, end) instants. A date means local midnight in the
business zone; a date-time with an offset means that instant; one without an offset
is read in the business zone. Grouping by hour, day or week follows local clocks
(including DST changes where a zone has them), built from the roll-ups' 15-minute
UTC buckets: every zone's hour starts on a quarter hour of UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.errors import UserError


class Grain(StrEnum):
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    QUEUE = "queue"
    AGENT = "agent"
    DEPARTMENT = "department"

    @property
    def is_time(self) -> bool:
        return self in (Grain.HOUR, Grain.DAY, Grain.WEEK)


def parse_instant(text: str, zone: ZoneInfo) -> datetime:
    """`2026-03-01`, `2026-03-01T08:00`, `2026-03-01T08:00+07:00`, `...Z` -> aware UTC."""
    raw = text.strip()
    if not raw:
        raise UserError("empty date")
    try:
        if len(raw) == 10:
            return datetime.combine(date.fromisoformat(raw), time(), zone).astimezone(UTC)
        value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise UserError(
            f"{text!r} is not a date (2026-03-01) or a date-time (2026-03-01T08:00+07:00)"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def parse_range(start: str, end: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    lo, hi = parse_instant(start, zone), parse_instant(end, zone)
    if hi <= lo:
        raise UserError(f"--to ({end}) must be after --from ({start})")
    return lo, hi


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone).astimezone(UTC)


def today_start(zone: ZoneInfo, now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return local_midnight(now.astimezone(zone).date(), zone)


def interval_start(instant: datetime, grain: Grain, zone: ZoneInfo) -> datetime:
    """The local interval (hour, day, ISO week from Monday) holding `instant`, as UTC."""
    local = instant.astimezone(zone)
    if grain is Grain.HOUR:
        # Wall-clock hour; fold keeps the repeated hour of a DST fall-back apart.
        return local.replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    day = local.date()
    if grain is Grain.WEEK:
        day -= timedelta(days=day.weekday())
    return local_midnight(day, zone)


def next_interval(start: datetime, grain: Grain, zone: ZoneInfo) -> datetime:
    if grain is Grain.HOUR:
        return start + timedelta(hours=1)
    local = start.astimezone(zone).date()
    return local_midnight(local + timedelta(days=7 if grain is Grain.WEEK else 1), zone)


def intervals(lo: datetime, hi: datetime, grain: Grain, zone: ZoneInfo) -> Iterator[datetime]:
    """Starts of the local intervals that overlap [lo, hi), in order."""
    cur = interval_start(lo, grain, zone)
    while cur < hi:
        yield cur
        cur = next_interval(cur, grain, zone)


def label(start: datetime, grain: Grain, zone: ZoneInfo) -> str:
    """How an interval is named in reports: local ISO date, or date-time with offset."""
    local = start.astimezone(zone)
    if grain is Grain.HOUR:
        return local.isoformat(timespec="minutes")
    return local.date().isoformat()
