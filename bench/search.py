"""Directory search latency: the search box at scale.

    python bench/search.py [--db URL] [--customers N] [--seeder auto|demo|private]

Seeds like bench/screen_pop.py when the database holds fewer than N customers, then
times app.customers.page (what the GUI's search box calls: the first page of 200)
over a mix drawn from the data: full folded names, names in another word order,
name prefixes as typed ("nguyen van h"), single words, phone fragments (last
digits, national beginnings), the shortest number beginnings ("0912": thousands of
customers each at 1M; a kind added with migration 0011, which moved the overall
figures), emails and their beginnings, external ids and ticket numbers. Prints one
JSON object with p50/p95 overall and p95 per kind.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app import customers  # noqa: E402
from bench.screen_pop import DEFAULT_DB, ensure_customers, percentile, settle  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import ContactPoint, Customer, Ticket  # noqa: E402


def _sample(db: Database, n: int, seed: int = 11) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the data; random UUID order is a uniform sample."""
    rng = random.Random(seed)
    with db.engine.connect() as conn:
        names = [
            r[0] for r in conn.execute(select(Customer.name_key).order_by(Customer.id).limit(n * 4))
        ]
        phones = [
            r[0]
            for r in conn.execute(
                select(ContactPoint.value_norm)
                .where(ContactPoint.kind == "phone", ContactPoint.value_norm.like("+84%"))
                .order_by(ContactPoint.id)
                .limit(n * 2)
            )
        ]
        emails = [
            r[0]
            for r in conn.execute(
                select(ContactPoint.value_norm)
                .where(ContactPoint.kind == "email")
                .order_by(ContactPoint.id)
                .limit(n)
            )
        ]
        externals = [
            r[0]
            for r in conn.execute(
                select(Customer.external_id)
                .where(Customer.external_id.is_not(None))
                .order_by(Customer.id)
                .limit(n)
            )
        ]
        tickets = [r[0] for r in conn.execute(select(Ticket.number).order_by(Ticket.id).limit(n))]
    rng.shuffle(names)
    out: list[tuple[str, str]] = []
    multi = [k for k in names if len(k.split()) >= 3]
    for k in multi[:n]:
        out.append(("name", k))
    for k in multi[n : 2 * n]:
        words = k.split()
        out.append(("name_prefix", " ".join([*words[:-1], words[-1][: rng.randint(1, 2)]])))
    for k in multi[2 * n : 2 * n + n // 2]:
        words = k.split()
        out.append(("name_any_order", " ".join([words[-1], *words[:-1]])))
    for k in names[3 * n : 3 * n + n // 2]:
        out.append(("word", rng.choice(k.split())))
    for e164 in phones[:n]:
        nsn = e164[3:]
        out.append(("phone_tail", nsn[-rng.randint(6, 8) :]))
    for e164 in phones[n : 2 * n]:
        nsn = e164[3:]
        cut = rng.randint(5, len(nsn))
        out.append(("phone_start", f"0{nsn[:3]} {nsn[3:cut]}".strip()))
    for e164 in phones[: n // 2]:
        out.append(("number_start", f"0{e164[3:6]}"))  # "0912": thousands of matches
    for e in emails[: n // 2]:
        out.append(("email", e))
    for e in emails[n // 2 : n]:
        out.append(("email_start", e[: e.index("@") + 1]))
    out += [("external_id", x) for x in externals[: n // 2]]
    out += [("ticket", f"#{t}") for t in tickets[: n // 2]]
    rng.shuffle(out)
    return out


def run(db: Database, n_customers: int, seeder: str, per_kind: int) -> dict[str, Any]:
    total = ensure_customers(db, n_customers, seeder)
    settle(db)
    queries = _sample(db, per_kind)
    # A directory in service is hot: one untimed pass so pages come from the cache.
    for _kind, q in queries:
        customers.page(db, q)
    times: dict[str, list[float]] = defaultdict(list)
    hits = 0
    for kind, q in queries:
        t0 = time.perf_counter()
        rows = customers.page(db, q)
        times[kind].append(time.perf_counter() - t0)
        hits += bool(rows)
    every = [t for ts in times.values() for t in ts]
    return {
        "customers": total,
        "engine": db.dialect,
        "queries": len(every),
        "with_results": hits,
        "p50_ms": round(statistics.median(every) * 1000, 2),
        "p95_ms": round(percentile(every, 95) * 1000, 2),
        "p95_ms_by_kind": {k: round(percentile(v, 95) * 1000, 2) for k, v in sorted(times.items())},
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--db", default=DEFAULT_DB, help=f"database URL (default {DEFAULT_DB})")
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--seeder", choices=("auto", "demo", "private"), default="auto")
    ap.add_argument("--per-kind", type=int, default=100, help="queries per kind (default 100)")
    args = ap.parse_args(argv)
    db = Database(args.db)
    try:
        print(json.dumps(run(db, args.customers, args.seeder, args.per_kind)))
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
