"""Call KPIs over any range: service level, ASA, AHT, abandonment, by interval, queue,
agent or the agent's department.

Definitions (DESIGN.md), counting inbound calls offered in [start, end):
- answered: answered_at set; abandoned: never answered and ended (short abandons
  included); short abandoned: abandoned within the short-abandon threshold (<= T);
- service level = answered within T (wait <= T) / (answered + abandoned - short);
- ASA = queue wait (offered -> answered) of answered calls / answered calls;
- AHT = (talk + hold + after-call work) / handled calls, where handled = answered and
  ended, and talk + hold is the connected span answered -> ended (hold happens inside
  it, so it is not added twice);
- abandonment rate = (abandoned - short) / (offered - short).
A ratio whose denominator is 0 is None.

Sums come from the roll-ups (db.models.kpi) for whole 15-minute buckets (per UTC day
for per-agent figures) and from `calls` itself for the minutes at either end of a
range that does not start or stop on a quarter hour. Thresholds without a stored
count (say 25 s) are summed from `calls` over the whole range: right, only slower.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, select, text

from app.kpi.periods import Grain, interval_start, intervals, label
from app.kpi.settings import KpiSettings
from db import kpi_sql
from db.engine import Database
from db.models import Department, User
from db.models.kpi import SHORT_ABANDON_THRESHOLDS, SL_THRESHOLDS
from db.types import UTCDateTime

BUCKET = kpi_sql.BUCKET_SECONDS
DAY = kpi_sql.DAY_SECONDS
BASE = (
    "offered",
    "answered",
    "abandoned",
    "handled",
    "wait_ms",
    "abandon_wait_ms",
    "talk_ms",
    "hold_ms",
    "acw_ms",
)
NONE_KEY = ""


def _ratio(num: float, den: float) -> float | None:
    return None if den <= 0 else num / den


@dataclass
class CallTotals:
    """Additive sums of a set of calls; the KPIs are ratios of them."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    handled: int = 0
    wait_ms: int = 0
    abandon_wait_ms: int = 0
    talk_ms: int = 0
    hold_ms: int = 0
    acw_ms: int = 0
    answered_in_sl: int = 0
    short_abandoned: int = 0

    def add(self, other: CallTotals) -> None:
        # spelled out: this runs for every interval of a long range
        self.offered += other.offered
        self.answered += other.answered
        self.abandoned += other.abandoned
        self.handled += other.handled
        self.wait_ms += other.wait_ms
        self.abandon_wait_ms += other.abandon_wait_ms
        self.talk_ms += other.talk_ms
        self.hold_ms += other.hold_ms
        self.acw_ms += other.acw_ms
        self.answered_in_sl += other.answered_in_sl
        self.short_abandoned += other.short_abandoned

    @property
    def service_level(self) -> float | None:
        return _ratio(self.answered_in_sl, self.answered + self.abandoned - self.short_abandoned)

    @property
    def asa_seconds(self) -> float | None:
        return _ratio(self.wait_ms / 1000, self.answered)

    @property
    def aht_seconds(self) -> float | None:
        return _ratio((self.talk_ms + self.acw_ms) / 1000, self.handled)

    @property
    def abandonment_rate(self) -> float | None:
        return _ratio(self.abandoned - self.short_abandoned, self.offered - self.short_abandoned)

    @property
    def waiting(self) -> int:
        """Offered, neither answered nor ended (still in the queue when summed)."""
        return self.offered - self.answered - self.abandoned

    def as_dict(self) -> dict[str, Any]:
        def r(value: float | None, digits: int) -> float | None:
            return None if value is None else round(value, digits)

        return {
            "offered": self.offered,
            "answered": self.answered,
            "abandoned": self.abandoned,
            "short_abandoned": self.short_abandoned,
            "answered_in_sl": self.answered_in_sl,
            "handled": self.handled,
            "service_level": r(self.service_level, 6),
            "asa_seconds": r(self.asa_seconds, 3),
            "aht_seconds": r(self.aht_seconds, 3),
            "abandonment_rate": r(self.abandonment_rate, 6),
            "avg_talk_seconds": r(_ratio(self.talk_ms / 1000, self.handled), 3),
            "avg_acw_seconds": r(_ratio(self.acw_ms / 1000, self.handled), 3),
            "avg_hold_seconds": r(_ratio(self.hold_ms / 1000, self.handled), 3),
        }


@dataclass
class Row:
    key: str  # interval start (ISO, UTC), queue name, user id hex, department code
    label: str
    totals: CallTotals
    start: datetime | None = None  # interval rows


@dataclass
class CallReport:
    start: datetime
    end: datetime
    settings: KpiSettings
    queue: str | None
    grain: Grain | None
    total: CallTotals
    rows: list[Row] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        zone = self.settings.zone
        out: dict[str, Any] = {
            "from": self.start.astimezone(zone).isoformat(),
            "to": self.end.astimezone(zone).isoformat(),
            "timezone": self.settings.timezone,
            "queue": self.queue,
            "sl_seconds": self.settings.sl_seconds,
            "short_abandon_seconds": self.settings.short_abandon_seconds,
            **self.total.as_dict(),
        }
        if self.grain is not None:
            out["by"] = self.grain.value
            out["rows"] = [
                {"group": r.label, "key": r.key, **r.totals.as_dict()} for r in self.rows
            ]
        return out


# --- the sums --------------------------------------------------------------------------


def _fast(settings: KpiSettings) -> bool:
    return (
        settings.sl_seconds in SL_THRESHOLDS
        and settings.short_abandon_seconds in SHORT_ABANDON_THRESHOLDS
    )


def _totals(values: Sequence[Any]) -> CallTotals:
    """A CallTotals from BASE + (answered_in_sl, short_abandoned) values in that order."""
    return CallTotals(*(int(v or 0) for v in values))


# (period, UTC offset, phase) seconds: a bucket's local interval is
# ((bucket + offset - phase) // period) * period + phase - offset (phase: Monday for weeks).
TimeKey = tuple[int, int, int]


def _interval_of(bucket: int, key: TimeKey) -> int:
    period, offset, phase = key
    return ((bucket + offset - phase) // period) * period + phase - offset


def time_key(lo: datetime, hi: datetime, grain: Grain, zone: Any) -> TimeKey | None:
    """The arithmetic form of `grain` when the zone keeps one UTC offset over the range
    (no DST change in it), so intervals can be grouped in SQL; None otherwise."""
    offsets = set()
    t = lo - timedelta(days=8)
    while t <= hi + timedelta(days=8):
        offsets.add(t.astimezone(zone).utcoffset())
        t += timedelta(hours=6)
    if len(offsets) != 1:
        return None
    off = offsets.pop()
    if off is None or off.total_seconds() % BUCKET:
        return None
    offset = int(off.total_seconds())
    if grain is Grain.HOUR:
        return (3600, offset, 0)
    if grain is Grain.DAY:
        return (DAY, offset, 0)
    return (7 * DAY, offset, 4 * DAY)  # 1970-01-05 was a Monday


def _rollup_sums(
    conn: Connection,
    rollup: kpi_sql.Rollup,
    lo: int,
    hi: int,
    groups: Sequence[str],
    queue: str | None,
    settings: KpiSettings,
    tkey_: TimeKey | None = None,
) -> list[tuple[tuple[str, ...], CallTotals]]:
    """Sums of a roll-up over time keys in [lo, hi), grouped by `groups` columns; with
    `tkey_`, `bucket` groups by local interval instead."""
    if hi <= lo:
        return []
    tkey = rollup.keys[0]
    sums = [f"sum({m})" for m in BASE] + [
        f"sum(ans_le_{settings.sl_seconds})",
        f"sum(abn_le_{settings.short_abandon_seconds})",
    ]
    where = f"{tkey} >= :lo AND {tkey} < :hi" + (" AND queue = :q" if queue is not None else "")
    exprs = list(groups)
    if tkey_ is not None and "bucket" in exprs:
        p, off, phase = (int(v) for v in tkey_)
        exprs[exprs.index("bucket")] = f"((bucket + {off - phase}) / {p}) * {p} + {phase - off}"
    cols = ", ".join(exprs)
    sql = f"SELECT {cols + ', ' if cols else ''}{', '.join(sums)} FROM {rollup.table} WHERE {where}"
    if groups:
        sql += " GROUP BY " + ", ".join(str(i + 1) for i in range(len(groups)))
    params: dict[str, Any] = {"lo": lo, "hi": hi}
    if queue is not None:
        params["q"] = queue
    out = []
    for row in conn.execute(text(sql), params):
        n = len(groups)
        if not groups and row[0] is None:
            continue  # no rows at all
        out.append((tuple(str(v) for v in row[:n]), _totals(row[n:])))
    return out


_RAW_GROUPS = {"bucket", "queue", "agent"}


def _raw_sums(
    conn: Connection,
    lo: datetime,
    hi: datetime,
    groups: Sequence[str],
    queue: str | None,
    settings: KpiSettings,
) -> list[tuple[tuple[str, ...], CallTotals]]:
    """The same sums straight from `calls` offered in [lo, hi)."""
    if hi <= lo:
        return []
    dialect = conn.dialect.name
    m = kpi_sql.measure_exprs(dialect, "r")
    answered = "r.answered_at IS NOT NULL"
    abandoned = "r.answered_at IS NULL AND r.ended_at IS NOT NULL"
    wait = kpi_sql.millis_between(dialect, "r.offered_at", "r.answered_at")
    gone = kpi_sql.millis_between(dialect, "r.offered_at", "r.ended_at")
    in_sl = f"CASE WHEN {answered} AND {wait} <= {settings.sl_seconds * 1000} THEN 1 ELSE 0 END"
    short = (
        f"CASE WHEN {abandoned} AND {gone} <= {settings.short_abandon_seconds * 1000} "
        "THEN 1 ELSE 0 END"
    )
    key_sql = {
        "bucket": kpi_sql.period_start(dialect, "r", BUCKET),
        "queue": "coalesce(r.queue, '')",
        "agent": kpi_sql.agent_key(dialect, "r"),
    }
    assert set(groups) <= _RAW_GROUPS
    keys = [key_sql[g] for g in groups]
    sums = [f"sum({m[name]})" for name in BASE] + [f"sum({in_sl})", f"sum({short})"]
    sql = (
        f"SELECT {', '.join(keys + sums)} FROM calls r WHERE r.direction = 'inbound' "
        "AND r.offered_at >= :lo AND r.offered_at < :hi"
    )
    if queue is not None:
        sql += " AND coalesce(r.queue, '') = :q"
    if keys:
        sql += " GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys)))
    stmt = text(sql).bindparams(
        bindparam("lo", type_=UTCDateTime()), bindparam("hi", type_=UTCDateTime())
    )
    params: dict[str, Any] = {"lo": lo, "hi": hi}
    if queue is not None:
        params["q"] = queue
    out = []
    n = len(groups)
    for row in conn.execute(stmt, params):
        if not groups and row[0] is None:
            continue
        out.append((tuple(str(v) for v in row[:n]), _totals(row[n:])))
    return out


def _epoch(value: datetime) -> int:
    return int(value.timestamp())


def _ceil(ts: float, step: int) -> int:
    return math.ceil(ts / step) * step


def _floor(ts: float, step: int) -> int:
    return math.floor(ts / step) * step


def sums(
    conn: Connection,
    start: datetime,
    end: datetime,
    groups: Sequence[str],
    queue: str | None,
    settings: KpiSettings,
    tkey_: TimeKey | None = None,
) -> list[tuple[tuple[str, ...], CallTotals]]:
    """Grouped sums over [start, end) by any of bucket, queue, agent (in that order of
    the `groups` given), combining roll-ups and raw edges. `bucket` keys are epoch
    seconds (as text) of the 15-minute UTC bucket, or of the local interval `tkey_`
    describes."""
    if tkey_ is not None and "bucket" in groups:
        i = list(groups).index("bucket")
        out = []
        for key, totals in _sums(conn, start, end, groups, queue, settings, tkey_):
            k = list(key)
            k[i] = str(_interval_of(int(k[i]), tkey_))
            out.append((tuple(k), totals))
        return out
    return _sums(conn, start, end, groups, queue, settings, None)


def _sums(
    conn: Connection,
    start: datetime,
    end: datetime,
    groups: Sequence[str],
    queue: str | None,
    settings: KpiSettings,
    tkey_: TimeKey | None,
) -> list[tuple[tuple[str, ...], CallTotals]]:
    if not _fast(settings):
        return _raw_sums(conn, start, end, groups, queue, settings)
    lo, hi = start.timestamp(), end.timestamp()
    a, b = _ceil(lo, BUCKET), _floor(hi, BUCKET)
    if b <= a:  # less than one whole bucket
        return _raw_sums(conn, start, end, groups, queue, settings)
    out = _raw_sums(conn, start, datetime.fromtimestamp(a, UTC), groups, queue, settings)
    out += _raw_sums(conn, datetime.fromtimestamp(b, UTC), end, groups, queue, settings)
    fine = kpi_sql.ROLLUPS[1] if "agent" in groups else kpi_sql.ROLLUPS[0]
    if "bucket" not in groups:
        # whole UTC days from the daily roll-up (a few rows a day), the quarter hours
        # around them from the 15-minute one
        da, db_ = _ceil(a, DAY), _floor(b, DAY)
        if db_ > da:
            day_groups = list(groups)
            out += _rollup_sums(conn, kpi_sql.ROLLUPS[2], da, db_, day_groups, queue, settings)
            out += _rollup_sums(conn, fine, a, da, groups, queue, settings)
            out += _rollup_sums(conn, fine, db_, b, groups, queue, settings)
            return out
    out += _rollup_sums(conn, fine, a, b, groups, queue, settings, tkey_)
    return out


def _merge(
    parts: Iterable[tuple[tuple[str, ...], CallTotals]],
) -> dict[tuple[str, ...], CallTotals]:
    merged: dict[tuple[str, ...], CallTotals] = {}
    for key, totals in parts:
        merged.setdefault(key, CallTotals()).add(totals)
    return merged


# --- reports ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentInfo:
    key: str  # id hex
    username: str
    display_name: str
    department: str  # department code, '' for none
    department_name: str


def agents(conn: Connection) -> dict[str, AgentInfo]:
    """Every user by id hex, with the department's code and name."""
    rows = conn.execute(
        select(User.id, User.username, User.display_name, Department.code, Department.name)
        .select_from(User)
        .outerjoin(Department, Department.id == User.department_id)
    ).all()
    return {
        uid.hex: AgentInfo(uid.hex, username, display or username, code or "", dname or "")
        for uid, username, display, code, dname in rows
    }


def report(
    db: Database,
    start: datetime,
    end: datetime,
    settings: KpiSettings,
    *,
    grain: Grain | None = None,
    queue: str | None = None,
) -> CallReport:
    """Call KPIs over [start, end), in total and grouped by `grain`."""
    zone = settings.zone
    with db.engine.connect() as conn:
        if grain is None:
            parts = sums(conn, start, end, [], queue, settings)
            total = CallTotals()
            for _k, t in parts:
                total.add(t)
            return CallReport(start, end, settings, queue, None, total)
        if grain.is_time:
            tk = time_key(start, end, grain, zone)
            merged = _merge(sums(conn, start, end, ["bucket"], queue, settings, tk))
            if tk is not None:  # one offset: intervals are arithmetic on epoch seconds
                period = tk[0]
                first = _interval_of(int(start.timestamp()) // BUCKET * BUCKET, tk)
                found = {int(k[0]): t for k, t in merged.items()}
                keys = sorted(set(range(first, math.ceil(end.timestamp()), period)) | set(found))
                rows = []
                for k in keys:
                    at = datetime.fromtimestamp(k, UTC)
                    rows.append(
                        Row(
                            at.isoformat(), label(at, grain, zone), found.get(k) or CallTotals(), at
                        )
                    )
            else:
                by_interval: dict[datetime, CallTotals] = {
                    s: CallTotals() for s in intervals(start, end, grain, zone)
                }
                for (bucket,), totals in merged.items():
                    at = interval_start(datetime.fromtimestamp(int(bucket), UTC), grain, zone)
                    by_interval.setdefault(at, CallTotals()).add(totals)
                rows = [
                    Row(s.isoformat(), label(s, grain, zone), t, s)
                    for s, t in sorted(by_interval.items())
                ]
        elif grain is Grain.QUEUE:
            merged = _merge(sums(conn, start, end, ["queue"], queue, settings))
            rows = [Row(k[0], k[0], t) for k, t in sorted(merged.items())]
        else:
            merged = _merge(sums(conn, start, end, ["agent"], queue, settings))
            people = agents(conn)
            if grain is Grain.AGENT:
                rows = []
                for (key,), t in merged.items():
                    who = people.get(key)
                    rows.append(Row(key, who.username if who else key, t))
            else:
                by_dep: dict[str, tuple[str, CallTotals]] = {}
                for (key,), t in merged.items():
                    who = people.get(key)
                    code = who.department if who else ""
                    name = (who.department_name or who.department) if who else ""
                    by_dep.setdefault(code, (name, CallTotals()))[1].add(t)
                rows = [Row(code, name, t) for code, (name, t) in by_dep.items()]
            rows.sort(key=lambda r: (r.key == NONE_KEY, r.label))
    total = CallTotals()
    for r in rows:
        total.add(r.totals)
    return CallReport(start, end, settings, queue, grain, total, rows)


def agent_id_of(key: str) -> uuid.UUID | None:
    return uuid.UUID(hex=key) if key else None
