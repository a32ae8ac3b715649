"""Ticket save with routing, and opening a department queue, at scale.

    python bench/tickets.py [--db URL] [--tickets N] [--saves K]

Defaults: a fresh temporary SQLite file, 1,000,000 tickets, 300 saves. The database
gets the demo reference data (departments, SLA policies, rules) and a few thousand
demo customers, then tickets are bulk-loaded up to N (about 3% still open, spread
over every desk). Saves go through app.tickets.create_ticket: routing, due times in
business time, numbering and the log. queue_open_ms is the p95 of fetching the first
page of each department's queue (app.queues.department_queue), five times each.

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
from datetime import UTC, datetime, timedelta
from pathlib import Path

HOUR = timedelta(hours=1)
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app import queues, seed, tickets  # noqa: E402
from app.bulk import BulkLoader, loading_connection  # noqa: E402
from app.tickets import TicketInput  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import Customer, Department, SlaPolicy, Ticket  # noqa: E402

TEXTS = [
    ("complaint", None, "Giao hàng trễ 5 ngày, shipper không gọi"),
    ("complaint", None, "giao hang tre, chua nhan duoc"),
    ("complaint", None, "Sản phẩm bị hỏng khi mở hộp"),
    ("complaint", None, "The blender arrived broken"),
    ("complaint", None, "Bị trừ tiền hai lần qua ví điện tử MoMo, xin hoàn tiền"),
    ("complaint", None, "Nhân viên tổng đài thái độ không tốt"),
    ("inquiry", None, "Hỏi giờ mở cửa cửa hàng Quận 1"),
    ("request", None, "Đổi địa chỉ giao hàng sang Hà Nội"),
    ("inquiry", None, "What is the warranty on the rice cooker?"),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def bulk_tickets(db: Database, target: int, rng: random.Random) -> int:
    with db.sessions() as s:
        have = int(s.scalar(select(func.count()).select_from(Ticket)) or 0)
        start = int(s.scalar(select(func.coalesce(func.max(Ticket.number), 0))) or 0)
        deps = list(s.scalars(select(Department.id)))
        pols = list(s.scalars(select(SlaPolicy.id)))
        custs = list(s.scalars(select(Customer.id).limit(50_000)))
    missing = target - have
    if missing <= 0:
        return have
    cols = ("id", "number", "customer_id", "kind", "channel", "subject", "priority", "status",
            "department_id", "sla_policy_id", "tags", "first_response_due", "resolution_due",
            "breached", "reopened_count", "version", "created_at", "updated_at")  # fmt: skip
    now = int(datetime.now(UTC).timestamp())
    table = Ticket.__table__
    with loading_connection(db) as conn:
        loader = BulkLoader(conn)
        loader.begin()
        batch: list[tuple[object, ...]] = []
        for i in range(missing):
            created_s = now - rng.randrange(0, 730 * 86400)
            created = datetime.fromtimestamp(created_s, UTC)
            is_open = rng.random() < 0.03
            status = rng.choice(("new", "open", "pending_supplier")) if is_open else "closed"
            due_s = created_s + rng.choice((1, 2, 3)) * 86400
            due = datetime.fromtimestamp(due_s, UTC)
            batch.append((
                uuid.UUID(int=rng.getrandbits(128), version=4), start + i + 1, rng.choice(custs),
                rng.choice(("inquiry", "request", "complaint")), "phone", "bench ticket",
                "normal", status, rng.choice(deps), rng.choice(pols), [], created + HOUR, due,
                is_open and due_s < now, 0, 1, created, created,
            ))  # fmt: skip
            if len(batch) >= 20_000:
                loader.insert(table, cols, batch)  # type: ignore[arg-type]
                batch = []
        loader.insert(table, cols, batch)  # type: ignore[arg-type]
        loader.finish(analyze=[table])  # type: ignore[list-item]
    db.analyze()
    with db.session() as s:
        tickets.numbers_after(s, start + missing)  # new tickets are numbered past the load
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--tickets", type=int, default=1_000_000)
    ap.add_argument("--saves", type=int, default=300)
    ap.add_argument("--customers", type=int, default=5_000)
    args = ap.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='calldesk-bench-')}/bench.sqlite"
    db = Database(url)
    migrate.upgrade(db)
    rng = random.Random(7)
    with db.sessions() as s:
        seeded = s.scalar(select(func.count()).select_from(Department))
    if not seeded:
        seed.seed_demo(db, customers=args.customers, seed=99)
    t0 = time.perf_counter()
    total = bulk_tickets(db, args.tickets, rng)
    load_s = time.perf_counter() - t0
    with db.sessions() as s:
        externals = list(s.scalars(select(Customer.external_id).limit(2000)))
        codes = list(s.scalars(select(Department.code)))

    saves: list[float] = []
    for i in range(args.saves):
        kind, cat, text = TEXTS[i % len(TEXTS)]
        inp = TicketInput(customer=rng.choice(externals), kind=kind, category=cat, text=text,
                          channel=rng.choice(("phone", "email", "zalo", "web")))  # fmt: skip
        t = time.perf_counter()
        tickets.create_ticket(db, inp)
        saves.append((time.perf_counter() - t) * 1000)

    opens: list[float] = []
    rows = 0
    for _ in range(5):
        for code in codes:
            t = time.perf_counter()
            page = queues.department_queue(db, code)
            opens.append((time.perf_counter() - t) * 1000)
            rows = max(rows, len(page))
    with db.sessions() as s:
        open_total = s.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.status.in_(tickets.OPEN_STATES))
        )
    print(json.dumps({
        "db": db.dialect,
        "tickets": total + args.saves,
        "open_tickets": open_total,
        "departments": len(codes),
        "load_seconds": round(load_s, 1),
        "save_p50_ms": round(statistics.median(saves), 2),
        "save_p95_ms": round(percentile(saves, 95), 2),
        "queue_open_ms": round(percentile(opens, 95), 2),
        "queue_page_rows": rows,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
