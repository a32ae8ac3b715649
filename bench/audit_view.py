"""What auditing costs the screen-pop: card data with and without the "viewed" record.

    python bench/audit_view.py [--db URL] [--customers N] [--cards 400]

Seeds the database with the demo seeder when it holds fewer than N customers, then
builds the cards of the same random customers twice, alternating: as the system
(no audit row) and as an agent (app.audit.viewed queues a row; a background thread
writes them in batches). Prints one JSON object: p50/p95 of app.card.build in each
mode, their ratio, and how many view rows were written by the end.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app import audit, auth, card, seed  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import AuditLog, Customer, User  # noqa: E402

DEFAULT_DB = f"sqlite:///{ROOT / 'bench' / 'audit.sqlite'}"


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=DEFAULT_DB)
    ap.add_argument("--customers", type=int, default=5000)
    ap.add_argument("--cards", type=int, default=400)
    args = ap.parse_args()

    db = Database(args.db)
    migrate.upgrade(db)
    with db.sessions() as s:
        have = int(s.scalar(select(func.count()).select_from(Customer)) or 0)
    if have < args.customers:
        seed.seed_demo(db, customers=args.customers, seed=7)
    with db.sessions() as s:
        ids = list(s.scalars(select(Customer.id).where(Customer.merged_into_id.is_(None))))
        agent_name = s.scalar(select(User.username).where(User.role == "agent").limit(1))
        before = int(s.scalar(select(func.count()).select_from(AuditLog)) or 0)
    assert agent_name is not None, "the seed makes agents"
    agent = auth.load_user(db, agent_name)
    rnd = random.Random(11)
    sample = [rnd.choice(ids) for _ in range(args.cards)]

    timings: dict[str, list[float]] = {"system": [], "agent": []}
    for cid in sample[:20]:  # warm caches and connections
        card.build(db, cid)
    # The agent is handed to the service, not made the database's user: on PostgreSQL
    # switching the database's user re-opens its connections.
    for i, cid in enumerate(sample):
        for mode in ("system", "agent") if i % 2 else ("agent", "system"):
            t0 = time.perf_counter()
            card.build(db, cid, actor=agent if mode == "agent" else None)
            timings[mode].append((time.perf_counter() - t0) * 1000)
    audit.flush(db, 30)
    with db.sessions() as s:
        written = int(s.scalar(select(func.count()).select_from(AuditLog)) or 0) - before
    out = {
        "engine": db.dialect,
        "cards": len(sample),
        "card_p50_ms_no_audit": _p(timings["system"], 0.5),
        "card_p95_ms_no_audit": _p(timings["system"], 0.95),
        "card_p50_ms_audited": _p(timings["agent"], 0.5),
        "card_p95_ms_audited": _p(timings["agent"], 0.95),
        "p95_ratio": round(_p(timings["agent"], 0.95) / max(_p(timings["system"], 0.95), 1e-9), 3),
        "mean_ms_no_audit": round(statistics.fmean(timings["system"]), 3),
        "mean_ms_audited": round(statistics.fmean(timings["agent"]), 3),
        "view_rows_written": written,
    }
    print(json.dumps(out))
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
