"""Per-agent figures: calls handled and AHT (from the call roll-ups), occupancy from
agent_status_log, FCR of the tickets they resolved, CSAT of their contacts.

Occupancy = time handling (on call + wrap-up) / (handling + available idle time), from
status rows clipped to the period; a row still open counts up to `now`. Away and
offline time count for neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from app.kpi import calls, service
from app.kpi.calls import CallTotals
from app.kpi.service import Ratio, _stmt
from app.kpi.settings import KpiSettings
from db import kpi_sql
from db.engine import Database
from db.enums import AgentStatus

HANDLING = (AgentStatus.ON_CALL.value, AgentStatus.WRAP_UP.value)


def status_seconds(
    conn: Connection, lo: datetime, hi: datetime, now: datetime
) -> dict[str, dict[str, float]]:
    """Seconds per agent (id hex) per status within [lo, hi), open rows up to `now`."""
    dialect = conn.dialect.name
    end = "CASE WHEN s.ended_at IS NULL OR s.ended_at > :cap THEN :cap ELSE s.ended_at END"
    start = "CASE WHEN s.started_at < :lo THEN :lo ELSE s.started_at END"
    secs = f"({kpi_sql.millis_between(dialect, start, end)} / 1000.0)"
    user = service.agent_hex(dialect, "s.user_id")
    sql = (
        f"SELECT {user}, s.status, sum({secs}) FROM agent_status_log s "
        "WHERE s.started_at < :cap AND (s.ended_at IS NULL OR s.ended_at > :lo) "
        "GROUP BY 1, 2"
    )
    cap = min(hi, now)
    out: dict[str, dict[str, float]] = {}
    if cap <= lo:
        return out
    for user_key, status, total in conn.execute(_stmt(sql, "lo", "cap"), {"lo": lo, "cap": cap}):
        if total and total > 0:
            out.setdefault(str(user_key), {})[str(status)] = float(total)
    return out


def occupancy_of(seconds: dict[str, float]) -> float | None:
    handling = sum(seconds.get(s, 0.0) for s in HANDLING)
    idle = seconds.get(AgentStatus.AVAILABLE.value, 0.0)
    return None if handling + idle <= 0 else handling / (handling + idle)


@dataclass
class AgentRow:
    key: str
    username: str
    name: str
    department: str
    calls: CallTotals = field(default_factory=CallTotals)
    status: dict[str, float] = field(default_factory=dict)
    fcr: Ratio = field(default_factory=Ratio)
    csat: Ratio = field(default_factory=Ratio)

    @property
    def occupancy(self) -> float | None:
        return occupancy_of(self.status)

    def as_dict(self) -> dict[str, Any]:
        def r(v: float | None, n: int = 6) -> float | None:
            return None if v is None else round(v, n)

        return {
            "agent": self.username,
            "name": self.name,
            "department": self.department,
            "handled": self.calls.handled,
            "aht_seconds": r(self.calls.aht_seconds, 3),
            "occupancy": r(self.occupancy),
            "fcr": r(self.fcr.value),
            "fcr_resolved": self.fcr.den,
            "csat": r(self.csat.value),
            "ratings": self.csat.den,
        }


def table(
    db: Database, lo: datetime, hi: datetime, settings: KpiSettings, now: datetime
) -> list[AgentRow]:
    """Every agent with calls, status time, resolved tickets or ratings in the period."""
    with db.engine.connect() as conn:
        dialect = conn.dialect.name
        people = calls.agents(conn)
        rows: dict[str, AgentRow] = {}

        def row(key: str) -> AgentRow:
            if key not in rows:
                who = people.get(key)
                rows[key] = AgentRow(
                    key,
                    who.username if who else key,
                    who.display_name if who else key,
                    (who.department_name or who.department) if who else "",
                )
            return rows[key]

        for (key,), totals in calls._merge(
            calls.sums(conn, lo, hi, ["agent"], None, settings)
        ).items():
            if key:
                row(key).calls = totals
        for key, seconds in status_seconds(conn, lo, hi, now).items():
            row(key).status = seconds
        for key, ratio in service.fcr_by(
            conn, lo, hi, settings, service.agent_hex(dialect, "t.assignee_id")
        ).items():
            if key:
                row(key).fcr = ratio
        for key, ratio in service.csat_by(
            conn, lo, hi, service.agent_hex(dialect, "agent_id")
        ).items():
            if key:
                row(key).csat = ratio
    return sorted(rows.values(), key=lambda r: r.username)
