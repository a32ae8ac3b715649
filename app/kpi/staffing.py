"""Staffing plan for one day: Erlang C agents per interval for the forecast volume,
next to the agents actually logged in.

Forecast = the average offered calls of the same interval on the same weekday over the
previous `weeks` weeks; AHT = that interval's AHT over those weeks (the weeks' overall
AHT when the interval had no handled call). "Logged in" = agents whose status during
the interval was anything but offline (read from agent_status_log).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from app.kpi import calls, erlang, periods, service
from app.kpi.calls import CallTotals
from app.kpi.service import _stmt
from app.kpi.settings import KpiSettings
from db.engine import Database
from db.enums import AgentStatus


@dataclass
class Interval:
    start: datetime
    label: str  # local HH:MM
    forecast_calls: float
    aht_seconds: float | None
    erlangs: float
    agents_needed: int
    logged_in: int | None  # None for intervals not begun yet
    offered: int  # actually offered so far on the day

    def as_dict(self) -> dict[str, Any]:
        return {
            "interval": self.label,
            "forecast_calls": round(self.forecast_calls, 2),
            "aht_seconds": None if self.aht_seconds is None else round(self.aht_seconds, 1),
            "erlangs": round(self.erlangs, 3),
            "agents_needed": self.agents_needed,
            "logged_in": self.logged_in,
            "offered": self.offered,
        }


def _bucketed(
    conn: Connection, lo: datetime, hi: datetime, queue: str | None, settings: KpiSettings
) -> dict[int, CallTotals]:
    merged = calls._merge(calls.sums(conn, lo, hi, ["bucket"], queue, settings))
    return {int(k[0]): t for k, t in merged.items()}


def logged_in(
    conn: Connection, slots: list[tuple[datetime, datetime]], now: datetime
) -> list[int | None]:
    """Distinct agents not offline at some point of each slot (None for future slots)."""
    if not slots:
        return []
    lo, hi = slots[0][0], slots[-1][1]
    user = service.agent_hex(conn.dialect.name, "user_id")
    sql = (
        f"SELECT {user}, started_at, ended_at FROM agent_status_log WHERE status <> :off "
        "AND started_at < :hi AND (ended_at IS NULL OR ended_at > :lo)"
    )
    rows = conn.execute(
        _stmt(sql, "lo", "hi"), {"lo": lo, "hi": hi, "off": AgentStatus.OFFLINE.value}
    ).all()
    spans = [(u, service.instant(a), service.instant(b)) for u, a, b in rows]
    out: list[int | None] = []
    for s0, s1 in slots:
        if s0 > now:
            out.append(None)
            continue
        cap = min(s1, now)
        who = {u for u, a, b in spans if a is not None and a < cap and (b is None or b > s0)}
        out.append(len(who))
    return out


def plan(
    db: Database,
    day: date,
    settings: KpiSettings,
    *,
    interval_minutes: int = 30,
    weeks: int = 4,
    queue: str | None = None,
    now: datetime | None = None,
) -> list[Interval]:
    if interval_minutes not in (15, 30, 60):
        raise ValueError("interval must be 15, 30 or 60 minutes")
    now = now or datetime.now(UTC)
    zone = settings.zone
    start = periods.local_midnight(day, zone)
    end = periods.local_midnight(day + timedelta(days=1), zone)
    step = timedelta(minutes=interval_minutes)
    slots: list[tuple[datetime, datetime]] = []
    t = start
    while t < end:
        slots.append((t, min(t + step, end)))
        t += step
    with db.engine.connect() as conn:
        past = [
            _bucketed(
                conn,
                periods.local_midnight(day - timedelta(weeks=w), zone),
                periods.local_midnight(day - timedelta(weeks=w) + timedelta(days=1), zone),
                queue,
                settings,
            )
            for w in range(1, weeks + 1)
        ]
        today = _bucketed(conn, start, end, queue, settings)
        present = logged_in(conn, slots, now)
    overall = CallTotals()
    for week in past:
        for tot in week.values():
            overall.add(tot)
    out: list[Interval] = []
    for i, (s0, s1) in enumerate(slots):
        same = CallTotals()
        local = s0.astimezone(zone)
        for w, week in enumerate(past, start=1):
            ref_day = day - timedelta(weeks=w)
            ref0 = datetime.combine(ref_day, local.time(), zone).timestamp()
            ref1 = ref0 + (s1 - s0).total_seconds()
            for bucket, tot in week.items():
                if ref0 <= bucket < ref1:
                    same.add(tot)
        forecast = same.offered / weeks if weeks else 0.0
        aht = same.aht_seconds or overall.aht_seconds
        staff = erlang.agents_needed(
            forecast,
            aht or 0.0,
            (s1 - s0).total_seconds(),
            settings.sl_target,
            settings.sl_seconds,
        )
        offered = sum(t.offered for b, t in today.items() if s0.timestamp() <= b < s1.timestamp())
        out.append(
            Interval(
                s0,
                local.strftime("%H:%M"),
                forecast,
                aht,
                staff.erlangs,
                staff.agents,
                present[i],
                offered,
            )
        )
    return out
