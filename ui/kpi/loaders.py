"""What the panel's tabs read, each in one background call (plain data, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.kpi import agents, calls, customers, service, staffing
from app.kpi import settings as kpi_settings
from app.kpi.calls import CallReport
from app.kpi.periods import Grain
from app.kpi.service import Ratio, ServiceSummary
from app.kpi.settings import KpiSettings
from db.engine import Database


@dataclass
class Query:
    start: datetime
    end: datetime
    grain: Grain
    queue: str | None
    staffing_day: date


@dataclass
class CallsResult:
    settings: KpiSettings
    series: CallReport
    summary: ServiceSummary


def load_calls(db: Database, q: Query) -> CallsResult:
    s = kpi_settings.load(db)
    now = datetime.now(UTC)
    return CallsResult(
        s,
        calls.report(db, q.start, q.end, s, grain=q.grain, queue=q.queue),
        service.summary(db, q.start, q.end, s, now),
    )


@dataclass
class ServiceResult:
    departments: list[dict[str, Any]]
    complaints: list[tuple[datetime, Ratio]]
    csat: list[tuple[datetime, Ratio]]
    agents: list[dict[str, Any]]


def load_service(db: Database, q: Query) -> ServiceResult:
    s = kpi_settings.load(db)
    now = datetime.now(UTC)
    grain = q.grain if q.grain is not Grain.HOUR else Grain.DAY
    with db.engine.connect() as conn:
        comp = service.complaint_series(conn, q.start, q.end, grain, s.zone)
        csat = service.csat_series(conn, q.start, q.end, grain, s.zone)
    return ServiceResult(
        [r.as_dict() for r in service.departments(db, q.start, q.end, now)],
        comp,
        csat,
        [r.as_dict() for r in agents.table(db, q.start, q.end, s, now)],
    )


@dataclass
class CustomersResult:
    segments: list[dict[str, Any]]
    retention: list[dict[str, Any]]


def load_customers(db: Database, q: Query) -> CustomersResult:
    s = kpi_settings.load(db)
    return CustomersResult(
        [r.as_dict() for r in customers.segments(db, q.start, q.end)],
        [r.as_dict() for r in customers.retention(db, q.start, q.end, s.zone)],
    )


def load_staffing(db: Database, q: Query) -> list[dict[str, Any]]:
    s = kpi_settings.load(db)
    return [i.as_dict() for i in staffing.plan(db, q.staffing_day, s, queue=q.queue)]
