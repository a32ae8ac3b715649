"""How fast `calldesk db seed` fills a database.

    python bench/seed.py [--db URL] [--customers N] [--seed S]

Without --db it migrates and fills a fresh temporary SQLite file (deleted afterwards).
Prints one JSON object: {"db", "customers", "seconds", "rows", "rows_per_s", ...}; the
seconds cover seeding only, not the migration. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.seed import seed_demo  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402

REFERENCE = {
    "departments",
    "users",
    "categories",
    "business_calendars",
    "sla_policies",
    "routing_rules",
}


def run(url: str, customers: int, seed: int) -> dict[str, object]:
    db = Database(url)
    try:
        migrate.upgrade(db)
        t0 = time.perf_counter()

        def progress(message: str) -> None:
            print(f"[{time.perf_counter() - t0:7.1f} s] {message}", file=sys.stderr, flush=True)

        counts = seed_demo(db, customers=customers, seed=seed, progress=progress)
        seconds = time.perf_counter() - t0
    finally:
        db.dispose()
    rows = sum(n for name, n in counts.items() if name not in REFERENCE)
    return {
        "db": db.dialect,
        "customers": customers,
        "seconds": round(seconds, 1),
        "rows": rows,
        "rows_per_s": round(rows / seconds) if seconds else None,
        "tables": counts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", metavar="URL", help="an empty migrated-or-new database")
    parser.add_argument("--customers", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    args = parser.parse_args(argv)
    if args.db:
        result = run(args.db, args.customers, args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="calldesk-bench-") as tmp:
            path = Path(tmp) / "seed.sqlite"
            result = run(f"sqlite:///{path}", args.customers, args.seed)
            result["file_mb"] = round(path.stat().st_size / 2**20)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
