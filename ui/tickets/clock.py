"""The time the ticket screens count SLA from, replaceable in tests and screenshots."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_now() -> datetime:
    return datetime.now(UTC)


_clock: Clock = system_now


def now() -> datetime:
    return _clock()


def set_clock(clock: Clock | None) -> None:
    """Use `clock` for countdowns and escalation (None: the real time again)."""
    global _clock
    _clock = clock or system_now
