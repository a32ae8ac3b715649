"""KPI queries and the live panel's refresh at scale.

    python bench/kpi.py [--db URL] [--calls N] [--tickets N] [--days D] [--runs K]

Defaults: a SQLite file kept in the temp folder (calldesk-bench-kpi.sqlite) and reused
by later runs, 1,000,000 calls over the last 90 days and 1,000,000 tickets. The
database gets the demo reference data and a few thousand demo customers (app.seed),
then calls are bulk-loaded (app.bulk; the roll-up triggers run as they would for any
writer) up to N, and tickets through bench/tickets.py's loader.

kpi_p95_ms: p95 of `calldesk kpi` reports over the last `--days` days (app.kpi.calls:
total, by hour, day, week, queue, agent, department, one queue), `--runs` times each.
panel_refresh_ms: p95 of the live query the panel runs every second
(app.kpi.live.snapshot: waiting calls, longest wait, today's figures per queue, agents
by status). The other *_ms figures are the panel's history tabs, reported as measured.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from sqlalchemy import func, select  # noqa: E402

from app import seed  # noqa: E402
from app.bulk import BulkLoader, loading_connection  # noqa: E402
from app.kpi import agents, calls, live, service  # noqa: E402
from app.kpi import settings as kpi_settings  # noqa: E402
from app.kpi.periods import Grain  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import Call, Department, User  # noqa: E402

QUEUES = ("sales", "support", "complaints", "vip")
COLS = ("id", "call_ref", "queue", "direction", "caller", "callee", "offered_at", "answered_at",
        "ended_at", "hold_seconds", "acw_seconds", "agent_id", "version", "created_at",
        "updated_at")  # fmt: skip


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def bulk_calls(db: Database, target: int, days: int, rng: random.Random) -> int:
    with db.sessions() as s:
        have = int(s.scalar(select(func.count()).select_from(Call)) or 0)
        agent_ids = list(s.scalars(select(User.id).where(User.role == "agent")))
    missing = target - have
    if missing <= 0:
        return have
    now = int(datetime.now(UTC).timestamp())
    start = now - days * 86400
    table = Call.__table__
    with loading_connection(db) as conn:
        loader = BulkLoader(conn)
        loader.begin()
        batch: list[tuple[Any, ...]] = []
        for i in range(missing):
            # business hours 07:00-21:00 in UTC+7 = 00:00-14:00 UTC
            day = start + rng.randrange(days) * 86400
            day -= day % 86400
            o = day + rng.randrange(14 * 3600)
            if o >= now:
                o -= 86400
            offered = datetime.fromtimestamp(o, UTC)
            r = rng.random()
            if r < 0.9:
                wait = int(rng.lognormvariate(2.3, 1.0))
                answered: datetime | None = offered + timedelta(seconds=wait)
                ended = answered + timedelta(seconds=20 + int(rng.lognormvariate(5.2, 0.6)))
                agent = rng.choice(agent_ids)
                acw = 10 + int(rng.lognormvariate(3.3, 0.5))
            else:
                answered, agent, acw = None, None, 0
                ended = offered + timedelta(seconds=1 + int(rng.lognormvariate(3.0, 1.0)))
            batch.append((uuid.UUID(int=rng.getrandbits(128), version=4), f"bench-{have + i}",
                          rng.choice(QUEUES), "inbound", "0901234567", "1900", offered, answered,
                          ended, 0, acw, agent, 1, offered, ended))  # fmt: skip
            if len(batch) >= 20_000:
                loader.insert(table, COLS, batch)  # type: ignore[arg-type]
                batch = []
        loader.insert(table, COLS, batch)  # type: ignore[arg-type]
        loader.finish(analyze=[table])  # type: ignore[list-item]
    db.analyze()
    return target


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(tempfile.gettempdir()) / "calldesk-bench-kpi.sqlite"
    ap.add_argument("--db", help=f"database URL (default: sqlite:///{default}, reused)")
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--tickets", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--customers", type=int, default=3_000)
    args = ap.parse_args()
    db = Database(args.db or f"sqlite:///{default}")
    migrate.upgrade(db)
    rng = random.Random(11)
    with db.sessions() as s:
        seeded = s.scalar(select(func.count()).select_from(Department))
    t0 = time.perf_counter()
    if not seeded:
        seed.seed_demo(db, customers=args.customers, seed=77)
    total_calls = bulk_calls(db, args.calls, args.days, rng)
    import tickets as ticket_bench  # bench/tickets.py

    total_tickets = ticket_bench.bulk_tickets(db, args.tickets, rng)
    load_s = time.perf_counter() - t0

    settings = kpi_settings.load(db)
    now = datetime.now(UTC)
    lo, hi = now - timedelta(days=args.days), now
    kpi_times: list[float] = []
    for grain in (None, Grain.HOUR, Grain.DAY, Grain.WEEK, Grain.QUEUE, Grain.AGENT,
                  Grain.DEPARTMENT):  # fmt: skip
        kpi_times += timed(lambda g=grain: calls.report(db, lo, hi, settings, grain=g), args.runs)
    kpi_times += timed(lambda: calls.report(db, lo, hi, settings, queue="support"), args.runs)
    live_times = timed(lambda: live.snapshot(db, settings), max(30, args.runs * 3))
    service_times = timed(lambda: service.summary(db, lo, hi, settings, now), 3)
    agents_times = timed(lambda: agents.table(db, lo, hi, settings, now), 3)
    dep_times = timed(lambda: service.departments(db, lo, hi, now), 3)
    print(json.dumps({
        "calls": total_calls,
        "tickets": total_tickets,
        "range_days": args.days,
        "kpi_p95_ms": round(percentile(kpi_times, 95), 1),
        "kpi_p50_ms": round(statistics.median(kpi_times), 1),
        "panel_refresh_ms": round(percentile(live_times, 95), 1),
        "panel_refresh_p50_ms": round(statistics.median(live_times), 1),
        "service_kpis_ms": round(statistics.median(service_times), 1),
        "agent_table_ms": round(statistics.median(agents_times), 1),
        "department_table_ms": round(statistics.median(dep_times), 1),
        "engine": db.engine.dialect.name,
        "load_s": round(load_s, 1),
    }))  # fmt: skip
    db.dispose()


if __name__ == "__main__":
    main()
