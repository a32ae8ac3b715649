"""Ticket and contact KPIs: SLA compliance, FCR, complaint rate, CSAT, and the
per-department table (open, overdue, average resolution time, SLA compliance).

Definitions (DESIGN.md):
- SLA compliance = tickets resolved by their resolution deadline / tickets whose
  deadline fell in the period (deadlines still ahead of `now` are not counted yet;
  merged tickets are left out);
- FCR = tickets resolved in the period that were never reopened and got no further
  ticket from the same customer in the same category between their creation and
  `fcr_days` after their resolution / tickets resolved in the period;
- complaint rate = complaints created in the period / interactions (every channel)
  started in the period;
- CSAT = interactions rated 4 or 5 / interactions rated (1-5), by contact start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.sql.elements import TextClause

from app.kpi import periods
from app.kpi.periods import Grain
from app.kpi.settings import KpiSettings
from db import kpi_sql
from db.engine import Database
from db.types import UTCDateTime

OPEN_STATES = ("new", "open", "pending_customer", "pending_supplier")


def _ratio(num: float, den: float) -> float | None:
    return None if den <= 0 else num / den


def _stmt(sql: str, *times: str) -> TextClause:
    return text(sql).bindparams(*(bindparam(t, type_=UTCDateTime()) for t in times))


def instant(value: Any) -> datetime | None:
    """A timestamp read through text(): text on SQLite (UTC), aware on PostgreSQL."""
    if value is None:
        return None
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _seconds(dialect: str, start: str, end: str) -> str:
    return f"({kpi_sql.millis_between(dialect, start, end)} / 1000.0)"


@dataclass
class Ratio:
    """A count of successes over a count, with the ratio (None over 0)."""

    num: int = 0
    den: int = 0

    @property
    def value(self) -> float | None:
        return _ratio(self.num, self.den)

    def add(self, other: Ratio) -> None:
        self.num += other.num
        self.den += other.den


def _time_series(
    rows: Iterable[tuple[Any, int, int]],
    lo: datetime,
    hi: datetime,
    grain: Grain,
    zone: Any,
) -> list[tuple[datetime, Ratio]]:
    """(bucket epoch, num, den) rows summed into the local intervals of [lo, hi)."""
    out: dict[datetime, Ratio] = {s: Ratio() for s in periods.intervals(lo, hi, grain, zone)}
    for bucket, num, den in rows:
        at = periods.interval_start(datetime.fromtimestamp(int(bucket), UTC), grain, zone)
        out.setdefault(at, Ratio()).add(Ratio(int(num or 0), int(den or 0)))
    return sorted(out.items())


def _bucket(dialect: str, col: str) -> str:
    e = kpi_sql.epoch(dialect, col)
    step = kpi_sql.BUCKET_SECONDS
    if dialect == "sqlite":
        return f"(({e}) / {step}) * {step}"
    return f"(floor(({e}) / {step}.0) * {step})::bigint"


# --- SLA compliance ----------------------------------------------------------------------


def _sla_sql(dialect: str, group: str) -> str:
    return (
        f"SELECT {group} AS g, "
        "sum(CASE WHEN t.resolved_at IS NOT NULL AND t.resolved_at <= t.resolution_due "
        "THEN 1 ELSE 0 END), count(*) "
        "FROM tickets t LEFT JOIN departments d ON d.id = t.department_id "
        "WHERE t.resolution_due >= :lo AND t.resolution_due < :hi AND t.resolution_due <= :now "
        "AND t.merged_into_id IS NULL GROUP BY 1"
    )


def sla_by_department(
    conn: Connection, lo: datetime, hi: datetime, now: datetime
) -> dict[str, Ratio]:
    sql = _sla_sql(conn.dialect.name, "coalesce(d.code, '')")
    rows = conn.execute(_stmt(sql, "lo", "hi", "now"), {"lo": lo, "hi": hi, "now": now})
    return {str(g): Ratio(int(n or 0), int(d or 0)) for g, n, d in rows}


def sla_series(
    conn: Connection, lo: datetime, hi: datetime, now: datetime, grain: Grain, zone: Any
) -> list[tuple[datetime, Ratio]]:
    sql = _sla_sql(conn.dialect.name, _bucket(conn.dialect.name, "t.resolution_due"))
    rows = conn.execute(_stmt(sql, "lo", "hi", "now"), {"lo": lo, "hi": hi, "now": now})
    return _time_series([(r[0], r[1], r[2]) for r in rows], lo, hi, grain, zone)


# --- departments -----------------------------------------------------------------------


@dataclass
class DepartmentRow:
    code: str
    name: str
    open: int = 0
    overdue: int = 0
    resolved: int = 0
    resolution_seconds: float = 0.0
    sla: Ratio | None = None

    @property
    def avg_resolution_hours(self) -> float | None:
        r = _ratio(self.resolution_seconds, self.resolved)
        return None if r is None else r / 3600

    def as_dict(self) -> dict[str, Any]:
        sla = self.sla or Ratio()
        avg = self.avg_resolution_hours
        return {
            "department": self.code,
            "name": self.name,
            "open": self.open,
            "overdue": self.overdue,
            "resolved": self.resolved,
            "avg_resolution_hours": None if avg is None else round(avg, 3),
            "sla_due": sla.den,
            "sla_met": sla.num,
            "sla_compliance": None if sla.value is None else round(sla.value, 6),
        }


def departments(db: Database, lo: datetime, hi: datetime, now: datetime) -> list[DepartmentRow]:
    """Per department: open and overdue now; resolved in the period with the average time
    from creation to resolution; SLA compliance of deadlines in the period."""
    with db.engine.connect() as conn:
        dialect = conn.dialect.name
        rows = {
            str(code): DepartmentRow(str(code), str(name))
            for code, name in conn.execute(
                text("SELECT code, name FROM departments WHERE active ORDER BY name")
                if dialect == "postgresql"
                else text("SELECT code, name FROM departments WHERE active = 1 ORDER BY name")
            )
        }

        def row(code: Any) -> DepartmentRow:
            key = str(code or "")
            return rows.setdefault(key, DepartmentRow(key, key))

        states = ", ".join(f"'{s}'" for s in OPEN_STATES)
        sql = (
            "SELECT coalesce(d.code, ''), count(*), "
            "sum(CASE WHEN t.resolution_due < :now THEN 1 ELSE 0 END) "
            "FROM tickets t LEFT JOIN departments d ON d.id = t.department_id "
            f"WHERE t.status IN ({states}) AND t.merged_into_id IS NULL GROUP BY 1"
        )
        for code, n, late in conn.execute(_stmt(sql, "now"), {"now": now}):
            r = row(code)
            r.open, r.overdue = int(n or 0), int(late or 0)
        secs = _seconds(dialect, "t.created_at", "t.resolved_at")
        sql = (
            f"SELECT coalesce(d.code, ''), count(*), sum({secs}) "
            "FROM tickets t LEFT JOIN departments d ON d.id = t.department_id "
            "WHERE t.resolved_at >= :lo AND t.resolved_at < :hi AND t.merged_into_id IS NULL "
            "GROUP BY 1"
        )
        for code, n, total in conn.execute(_stmt(sql, "lo", "hi"), {"lo": lo, "hi": hi}):
            r = row(code)
            r.resolved, r.resolution_seconds = int(n or 0), float(total or 0)
        for code, ratio in sla_by_department(conn, lo, hi, now).items():
            row(code).sla = ratio
    return [r for r in rows.values() if r.code or r.open or r.resolved or r.sla]


# --- FCR ---------------------------------------------------------------------------------


def _window_end(dialect: str, col: str) -> str:
    """`col` plus :days days, comparable with stored instants."""
    if dialect == "sqlite":
        # stored text has 6 decimals, strftime gives 3: pad so the boundary is included
        return f"(strftime('%Y-%m-%d %H:%M:%f', {col}, '+' || :days || ' days') || '999')"
    return f"({col} + make_interval(days => :days))"


def _fcr_sql(dialect: str, group: str) -> str:
    return (
        f"SELECT {group} AS g, sum(CASE WHEN t.reopened_count = 0 AND NOT EXISTS ("
        "SELECT 1 FROM tickets r WHERE r.customer_id = t.customer_id "
        "AND r.category_id = t.category_id AND r.id <> t.id AND r.created_at > t.created_at "
        f"AND r.created_at <= {_window_end(dialect, 't.resolved_at')}) THEN 1 ELSE 0 END), "
        "count(*) FROM tickets t "
        "WHERE t.resolved_at >= :lo AND t.resolved_at < :hi AND t.merged_into_id IS NULL "
        "GROUP BY 1"
    )


def fcr_by(
    conn: Connection, lo: datetime, hi: datetime, settings: KpiSettings, group: str
) -> dict[str, Ratio]:
    """FCR grouped by a SQL expression over tickets `t` ('' for all)."""
    sql = _fcr_sql(conn.dialect.name, group)
    params = {"lo": lo, "hi": hi, "days": settings.fcr_days}
    rows = conn.execute(_stmt(sql, "lo", "hi"), params)
    return {str(g or ""): Ratio(int(n or 0), int(d or 0)) for g, n, d in rows}


def fcr(db: Database, lo: datetime, hi: datetime, settings: KpiSettings) -> Ratio:
    with db.engine.connect() as conn:
        return fcr_by(conn, lo, hi, settings, "''").get("", Ratio())


# --- complaints and CSAT -------------------------------------------------------------------


def complaint_counts(conn: Connection, lo: datetime, hi: datetime) -> Ratio:
    """Complaints created in [lo, hi) over interactions started in it."""
    c = conn.execute(
        _stmt("SELECT count(*) FROM tickets WHERE kind = 'complaint' AND created_at >= :lo "
              "AND created_at < :hi AND merged_into_id IS NULL", "lo", "hi"),
        {"lo": lo, "hi": hi},
    ).scalar()  # fmt: skip
    i = conn.execute(
        _stmt("SELECT count(*) FROM interactions WHERE started_at >= :lo AND started_at < :hi",
              "lo", "hi"),
        {"lo": lo, "hi": hi},
    ).scalar()  # fmt: skip
    return Ratio(int(c or 0), int(i or 0))


def complaint_series(
    conn: Connection, lo: datetime, hi: datetime, grain: Grain, zone: Any
) -> list[tuple[datetime, Ratio]]:
    dialect = conn.dialect.name
    b1, b2 = _bucket(dialect, "created_at"), _bucket(dialect, "started_at")
    rows: list[tuple[Any, int, int]] = []
    for b, n in conn.execute(
        _stmt(f"SELECT {b1}, count(*) FROM tickets WHERE kind = 'complaint' AND created_at >= :lo"
              " AND created_at < :hi AND merged_into_id IS NULL GROUP BY 1", "lo", "hi"),
        {"lo": lo, "hi": hi},
    ):  # fmt: skip
        rows.append((b, int(n), 0))
    for b, n in conn.execute(
        _stmt(f"SELECT {b2}, count(*) FROM interactions WHERE started_at >= :lo "
              "AND started_at < :hi GROUP BY 1", "lo", "hi"),
        {"lo": lo, "hi": hi},
    ):  # fmt: skip
        rows.append((b, 0, int(n)))
    return _time_series(rows, lo, hi, grain, zone)


def _csat_sql(group: str) -> str:
    return (
        f"SELECT {group} AS g, sum(CASE WHEN satisfaction >= 4 THEN 1 ELSE 0 END), count(*) "
        "FROM interactions WHERE satisfaction BETWEEN 1 AND 5 "
        "AND started_at >= :lo AND started_at < :hi GROUP BY 1"
    )


def csat_by(conn: Connection, lo: datetime, hi: datetime, group: str) -> dict[str, Ratio]:
    rows = conn.execute(_stmt(_csat_sql(group), "lo", "hi"), {"lo": lo, "hi": hi})
    return {str(g or ""): Ratio(int(n or 0), int(d or 0)) for g, n, d in rows}


def csat_series(
    conn: Connection, lo: datetime, hi: datetime, grain: Grain, zone: Any
) -> list[tuple[datetime, Ratio]]:
    sql = _csat_sql(_bucket(conn.dialect.name, "started_at"))
    rows = conn.execute(_stmt(sql, "lo", "hi"), {"lo": lo, "hi": hi})
    return _time_series([(r[0], r[1], r[2]) for r in rows], lo, hi, grain, zone)


def agent_hex(dialect: str, col: str) -> str:
    """A users.id column as 32 hex digits (how calls.agent keys are written)."""
    if dialect == "sqlite":
        return f"coalesce({col}, '')"
    return f"coalesce(replace({col}::text, '-', ''), '')"


@dataclass
class ServiceSummary:
    fcr: Ratio
    sla: Ratio
    complaints: Ratio
    csat: Ratio

    def as_dict(self) -> dict[str, Any]:
        def v(r: Ratio) -> float | None:
            return None if r.value is None else round(r.value, 6)

        return {
            "fcr": v(self.fcr),
            "fcr_resolved": self.fcr.den,
            "sla_compliance": v(self.sla),
            "sla_due": self.sla.den,
            "complaint_rate": v(self.complaints),
            "complaints": self.complaints.num,
            "interactions": self.complaints.den,
            "csat": v(self.csat),
            "ratings": self.csat.den,
        }


def summary(
    db: Database, lo: datetime, hi: datetime, settings: KpiSettings, now: datetime
) -> ServiceSummary:
    with db.engine.connect() as conn:
        sla = Ratio()
        for r in sla_by_department(conn, lo, hi, now).values():
            sla.add(r)
        return ServiceSummary(
            fcr=fcr_by(conn, lo, hi, settings, "''").get("", Ratio()),
            sla=sla,
            complaints=complaint_counts(conn, lo, hi),
            csat=csat_by(conn, lo, hi, "''").get("", Ratio()),
        )


def keys(rows: Sequence[tuple[datetime, Ratio]]) -> list[datetime]:
    return [r[0] for r in rows]
