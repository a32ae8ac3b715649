"""Business-time arithmetic across nights, weekends and holidays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.business_time import Calendar, CalendarError

VN = Calendar.from_data(
    "Asia/Ho_Chi_Minh",
    {
        "0": [["08:00", "12:00"], ["13:30", "17:30"]],
        "1": [["08:00", "12:00"], ["13:30", "17:30"]],
        "2": [["08:00", "12:00"], ["13:30", "17:30"]],
        "3": [["08:00", "12:00"], ["13:30", "17:30"]],
        "4": [["08:00", "12:00"], ["13:30", "17:30"]],
        "5": [["08:00", "12:00"]],
    },
    ["2026-04-30", "2026-05-01", "2026-09-02"],
)
ICT = VN.tz


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=ICT)  # type: ignore[misc]


def test_within_a_day() -> None:
    assert VN.add(local(2026, 11, 23, 9, 0), timedelta(hours=2)) == local(2026, 11, 23, 11, 0)


def test_lunch_break_is_not_counted() -> None:
    assert VN.add(local(2026, 11, 23, 11, 0), timedelta(hours=2)) == local(2026, 11, 23, 14, 30)


def test_overnight() -> None:
    # Monday 17:00 + 1 h -> Tuesday 08:30
    assert VN.add(local(2026, 11, 23, 17, 0), timedelta(hours=1)) == local(2026, 11, 24, 8, 30)


def test_weekend() -> None:
    # Saturday 11:00 + 2 h: 1 h on Saturday morning, then Monday 08:00 + 1 h
    assert VN.add(local(2026, 11, 28, 11, 0), timedelta(hours=2)) == local(2026, 11, 30, 9, 0)


def test_holidays_are_skipped() -> None:
    # Wed 29 April 17:00 + 1 h: Thu 30/4 and Fri 1/5 are holidays -> Sat 2 May 08:30
    assert VN.add(local(2026, 4, 29, 17, 0), timedelta(hours=1)) == local(2026, 5, 2, 8, 30)


def test_starting_outside_hours() -> None:
    assert VN.add(local(2026, 11, 22, 3, 0), timedelta(minutes=30)) == local(2026, 11, 23, 8, 30)
    assert VN.add(local(2026, 11, 22, 3, 0), timedelta(0)) == local(2026, 11, 23, 8, 0)


def test_time_zone_of_the_calendar_rules() -> None:
    # 01:00 UTC Monday is 08:00 in Ho Chi Minh City.
    start = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    assert VN.add(start, timedelta(hours=1)) == local(2026, 11, 23, 9, 0)


def test_between() -> None:
    assert VN.between(local(2026, 11, 27, 17, 0), local(2026, 11, 30, 9, 0)) == timedelta(
        hours=5, minutes=30
    )  # Fri 30 min + Sat 4 h + Mon 1 h
    assert VN.between(local(2026, 11, 30, 9, 0), local(2026, 11, 27, 17, 0)) == timedelta(0)


def test_is_open() -> None:
    assert VN.is_open(local(2026, 11, 23, 9, 0))
    assert not VN.is_open(local(2026, 11, 23, 12, 30))
    assert not VN.is_open(local(2026, 11, 22, 9, 0))  # Sunday


def test_broken_calendars_are_reported() -> None:
    with pytest.raises(CalendarError):
        Calendar.from_data("UTC", {"0": [["17:00", "08:00"]]})
    with pytest.raises(CalendarError):
        Calendar.from_data("UTC", {"0": [["08:00", "12:00"], ["11:00", "13:00"]]})
    never = Calendar.from_data("UTC", {})
    with pytest.raises(CalendarError):
        never.add(datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=1))


def test_always_open_is_wall_clock() -> None:
    cal = Calendar.always_open()
    t = datetime(2026, 1, 1, 23, 0, tzinfo=UTC)
    assert cal.add(t, timedelta(hours=50)) == t + timedelta(hours=50)


starts = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 1), timezones=st.just(UTC)
)
durations = st.integers(min_value=0, max_value=60 * 24 * 20).map(lambda m: timedelta(minutes=m))


@settings(max_examples=200, deadline=None)
@given(starts, durations)
def test_add_then_between_gives_back_the_duration(start: datetime, d: timedelta) -> None:
    end = VN.add(start, d)
    assert end >= start
    assert VN.between(start, end) == d


@settings(max_examples=200, deadline=None)
@given(starts, durations, durations)
def test_adding_in_two_steps_is_adding_once(start: datetime, a: timedelta, b: timedelta) -> None:
    assert VN.add(VN.add(start, a), b) == VN.add(start, a + b) or b == timedelta(0)


@settings(max_examples=200, deadline=None)
@given(starts, durations.filter(lambda d: d > timedelta(0)))
def test_deadlines_fall_in_working_hours(start: datetime, d: timedelta) -> None:
    end = VN.add(start, d)
    just_before = end - timedelta(microseconds=1)
    assert VN.is_open(just_before)
    assert just_before.astimezone(ICT).date().isoformat() not in {"2026-04-30", "2026-05-01"}
