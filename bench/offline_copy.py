"""What the workstation's offline directory copy costs: a full load, then a refresh
from the change sequence with nothing new, into a throwaway local file.

    python bench/offline_copy.py --db postgresql://postgres@127.0.0.1:5432/bench_final

Only reads the central database (safe on a database that is not yours). Prints
{"customers", "contacts", "full_s", "incremental_s", "file_mb"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.offline_cache import Directory  # noqa: E402
from app.outbox.local_schema import open_local  # noqa: E402
from db.engine import Database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the central PostgreSQL database")
    args = parser.parse_args()
    central = Database(args.db)
    with tempfile.TemporaryDirectory(prefix="calldesk-copy-") as tmp:
        path = Path(tmp) / "offline.sqlite"
        local = open_local(path)
        try:
            directory = Directory(central, local)
            full = directory.refresh()
            t0 = time.perf_counter()
            again = directory.refresh()
            incremental = time.perf_counter() - t0
            assert full.full and not again.full
            print(
                json.dumps(
                    {
                        "customers": full.customers,
                        "contacts": full.contacts,
                        "full_s": round(full.seconds, 1),
                        "incremental_s": round(incremental, 3),
                        "file_mb": round(path.stat().st_size / 1e6, 1),
                    }
                )
            )
        finally:
            local.dispose()
            central.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
