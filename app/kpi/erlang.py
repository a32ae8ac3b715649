"""Erlang C staffing: how many agents an interval needs for a forecast volume, AHT
and service-level target.

M/M/N queue: calls arrive at random (Poisson), handle times are exponential, nobody
hangs up. Traffic A = calls x AHT / interval length (Erlangs). The probability that a
call waits is Erlang C, computed through the Erlang B recursion (no factorials, so a
thousand agents are fine):
    B(0) = 1,  B(k) = A B(k-1) / (k + A B(k-1)),  C = N B(N) / (N - A (1 - B(N)))
Service level (answered within t) = 1 - C e^(-(N - A) t / AHT); ASA = C AHT / (N - A).
Checked against Call Centre Helper's worked example (100 calls per half hour, AHT
180 s, 80/20: 10 Erlangs, 14 agents, tests/test_kpi_erlang.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_AGENTS = 10_000


def traffic(calls: float, aht_seconds: float, interval_seconds: float) -> float:
    """Offered load in Erlangs."""
    return calls * aht_seconds / interval_seconds


def erlang_c(agents: int, erlangs: float) -> float:
    """Probability that a call has to wait (1.0 when the agents cannot keep up)."""
    if erlangs <= 0:
        return 0.0
    if agents <= erlangs:
        return 1.0
    b = 1.0
    for k in range(1, agents + 1):
        b = erlangs * b / (k + erlangs * b)
    return agents * b / (agents - erlangs * (1 - b))


def service_level(agents: int, erlangs: float, aht_seconds: float, target_seconds: float) -> float:
    """Share of calls answered within `target_seconds`."""
    if erlangs <= 0:
        return 1.0
    if agents <= erlangs:
        return 0.0
    c = erlang_c(agents, erlangs)
    return 1 - c * math.exp(-(agents - erlangs) * target_seconds / aht_seconds)


def asa(agents: int, erlangs: float, aht_seconds: float) -> float:
    """Average speed of answer in seconds (infinite when overloaded)."""
    if erlangs <= 0:
        return 0.0
    if agents <= erlangs:
        return math.inf
    return erlang_c(agents, erlangs) * aht_seconds / (agents - erlangs)


@dataclass(frozen=True)
class Staffing:
    calls: float
    aht_seconds: float
    erlangs: float
    agents: int  # on the phones, before shrinkage
    service_level: float
    asa_seconds: float
    occupancy: float
    scheduled: int  # agents to schedule once shrinkage is allowed for


def agents_needed(
    calls: float,
    aht_seconds: float,
    interval_seconds: float,
    target_sl: float,
    target_seconds: float,
    *,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> Staffing:
    """The fewest agents that meet `target_sl` within `target_seconds` (and keep
    occupancy at or under `max_occupancy` when given)."""
    if calls < 0 or aht_seconds < 0 or interval_seconds <= 0:
        raise ValueError("calls and AHT must be >= 0 and the interval > 0")
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be in [0, 1)")
    a = traffic(calls, aht_seconds, interval_seconds)
    if a <= 0:
        return Staffing(calls, aht_seconds, 0.0, 0, 1.0, 0.0, 0.0, 0)
    n = max(1, math.floor(a) + 1)
    while n < MAX_AGENTS:
        sl = service_level(n, a, aht_seconds, target_seconds)
        if sl >= target_sl and (max_occupancy is None or a / n <= max_occupancy):
            break
        n += 1
    sl = service_level(n, a, aht_seconds, target_seconds)
    return Staffing(
        calls=calls,
        aht_seconds=aht_seconds,
        erlangs=a,
        agents=n,
        service_level=sl,
        asa_seconds=asa(n, a, aht_seconds),
        occupancy=a / n,
        scheduled=math.ceil(n / (1 - shrinkage) - 1e-9),
    )
