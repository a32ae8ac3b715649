"""The live picture a wallboard shows: per queue the calls waiting now and the longest
wait, today's offered/answered/abandoned, service level and ASA; agents by status.

Waiting = inbound calls offered in the last `WAITING_WINDOW`, neither answered nor
ended (an older call without an end is a lost event, not a caller still on hold).
Agents by status come from app.presence (heartbeat first, else the latest open
agent_status_log row), counting agents and department staff; offline agents are not
counted as logged in. "Today" is the local day of the business zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app import presence
from app.kpi import calls, periods
from app.kpi.calls import CallTotals
from app.kpi.service import _stmt
from app.kpi.settings import KpiSettings
from db import kpi_sql
from db.engine import Database
from db.enums import AgentStatus, Role

WAITING_WINDOW = timedelta(hours=12)
_TAKES_CALLS = frozenset({Role.AGENT.value, Role.DEPARTMENT.value})
STATUSES = (AgentStatus.AVAILABLE.value, AgentStatus.ON_CALL.value,
            AgentStatus.WRAP_UP.value, AgentStatus.AWAY.value)  # fmt: skip


@dataclass
class QueueLive:
    queue: str
    waiting: int = 0
    longest_wait_seconds: float = 0.0
    today: CallTotals = field(default_factory=CallTotals)

    def as_dict(self) -> dict[str, Any]:
        t = self.today.as_dict()
        return {
            "queue": self.queue,
            "waiting": self.waiting,
            "longest_wait_seconds": round(self.longest_wait_seconds, 1),
            "offered": t["offered"],
            "answered": t["answered"],
            "abandoned": t["abandoned"],
            "short_abandoned": t["short_abandoned"],
            "service_level": t["service_level"],
            "asa_seconds": t["asa_seconds"],
            "aht_seconds": t["aht_seconds"],
            "abandonment_rate": t["abandonment_rate"],
        }


@dataclass
class LiveSnapshot:
    at: datetime
    queues: list[QueueLive]
    total: QueueLive
    agents: dict[str, int]  # status -> agents whose open status it is

    @property
    def logged_in(self) -> int:
        return sum(n for s, n in self.agents.items() if s != AgentStatus.OFFLINE.value)

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "queues": [q.as_dict() for q in self.queues],
            "total": self.total.as_dict(),
            "agents": self.agents,
            "logged_in": self.logged_in,
        }


def snapshot(db: Database, settings: KpiSettings, now: datetime | None = None) -> LiveSnapshot:
    now = now or datetime.now(UTC)
    start = periods.today_start(settings.zone, now)
    by_queue: dict[str, QueueLive] = {}
    with db.engine.connect() as conn:
        wait_ms = kpi_sql.millis_between(conn.dialect.name, "min(offered_at)", ":now")
        rows = conn.execute(
            _stmt(
                f"SELECT coalesce(queue, ''), count(*), {wait_ms} FROM calls "
                "WHERE direction = 'inbound' AND answered_at IS NULL AND ended_at IS NULL "
                "AND offered_at >= :since AND offered_at <= :now GROUP BY 1",
                "since",
                "now",
            ),
            {"since": now - WAITING_WINDOW, "now": now},
        )
        for queue, n, ms in rows:
            q = by_queue.setdefault(str(queue), QueueLive(str(queue)))
            q.waiting, q.longest_wait_seconds = int(n), max(0.0, float(ms or 0) / 1000)
        for (queue,), totals in calls._merge(
            calls.sums(conn, start, now + timedelta(microseconds=1), ["queue"], None, settings)
        ).items():
            by_queue.setdefault(queue, QueueLive(queue)).today = totals
    # Presence: a client whose heartbeat stopped reads offline. Supervisors and
    # administrators watching the panel are not agents taking calls.
    agents = {s: 0 for s in STATUSES}
    for state in presence.current_statuses(db, now):
        if state.role in _TAKES_CALLS and state.status != AgentStatus.OFFLINE.value:
            agents[state.status] = agents.get(state.status, 0) + 1
    queues = sorted(by_queue.values(), key=lambda q: (q.queue == "", q.queue))
    total = QueueLive("")
    for q in queues:
        total.waiting += q.waiting
        total.longest_wait_seconds = max(total.longest_wait_seconds, q.longest_wait_seconds)
        total.today.add(q.today)
    return LiveSnapshot(now, queues, total, agents)
