"""Live sync latency: one client's commit to another client's refreshed view.

    python bench/sync_latency.py [--db URL] [--samples N] [--login NAME [--role ROLE]]
                                 [--write customer|ticket]

Two clients, each with its own engine and connections: this process writes (renames a
customer, or with `--write ticket` retitles a complaint, and commits), a second
*process* follows the change sequence exactly as the GUI does (app.sync: LISTEN/NOTIFY
on PostgreSQL, polling on SQLite) and, for every change to a watched row, re-reads
that row as a view model would. The
figure per sample is from just before the writer's commit to the moment the second
client holds the re-read row with the new version (CLOCK_MONOTONIC is shared by all
processes on the machine). Default database: a temporary SQLite file.

`--login` (PostgreSQL) makes the follower connect as that login instead, acting as a
user of `--role` (default agent): a workstation login that does not own the tables is
bound by row-level security, as in a real deployment; the table owner is not. The
login needs the workstation grants (README, migration 0009's docstring).

A supplier sees no customers in general, only its department's complaints: for
`--role supplier` use `--write ticket`. The bench then makes a supplier department
(BENCH_SUPPLIER) whose complaints are the watched rows, and the follower acts for a
user of that department.

Prints one JSON object: p50_ms, p95_ms (and how it was measured).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import Customer, Department, Ticket  # noqa: E402

BENCH_DEPARTMENT = "BENCH_SUPPLIER"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def follower_process(
    url: str,
    ids: list[str],
    ready: Any,
    out: Any,
    stop: Any,
    role: str | None = None,
    write: str = "customer",
    department: str | None = None,
) -> None:
    """The second client: follow, re-read each changed watched row, report when."""
    from app.sync.changes import Change
    from app.sync.follower import Follower
    from db.engine import Identity

    db = Database(url)
    if role:
        db.set_identity(None, Identity(str(uuid.uuid4()), role, department))
    watched = {uuid.UUID(i) for i in ids}
    model: type[Customer] | type[Ticket] = Ticket if write == "ticket" else Customer
    table = model.__tablename__

    def refreshed(changes: list[Change]) -> None:
        hits = [c for c in changes if c.table == table and c.row_id in watched]
        if not hits:
            return
        with db.sessions() as s:  # the view model's re-query of the rows it shows
            rows = s.execute(
                select(model.id, model.version).where(model.id.in_({c.row_id for c in hits}))
            ).all()
        now = time.monotonic()
        for rid, version in rows:
            out.put((str(rid), int(version), now))

    f = Follower(db, refreshed, poll_interval=1.0)
    f.start()
    ready.put(f.state)
    stop.wait()
    f.stop()
    db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--rows", type=int, default=20, help="customers renamed in turn")
    ap.add_argument("--verbose", action="store_true", help="every latency on stderr")
    ap.add_argument("--login", help="PostgreSQL login the follower connects as")
    ap.add_argument("--role", default="agent", help="the follower's role with --login")
    ap.add_argument(
        "--write",
        choices=("customer", "ticket"),
        default="customer",
        help="what the writer changes: a customer's name or a complaint's subject",
    )
    args = ap.parse_args()
    tmp = None
    url = args.db
    if not url:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(tmp.name) / 'bench.sqlite'}"
    db = Database(url)
    migrate.upgrade(db)
    model: type[Customer] | type[Ticket] = Ticket if args.write == "ticket" else Customer
    department = None
    with db.session() as s:
        if args.write == "ticket":
            dept = s.scalar(select(Department).where(Department.code == BENCH_DEPARTMENT))
            if dept is None:
                dept = Department(code=BENCH_DEPARTMENT, name="Bench supplier", kind="supplier")
                s.add(dept)
                s.flush()
            department = str(dept.id)
            first = int(s.scalar(select(func.coalesce(func.max(Ticket.number), 0))) or 0) + 1
            rows: list[Customer] | list[Ticket] = [
                Ticket(
                    number=first + i,
                    kind="complaint",
                    subject=f"Sync bench {i}",
                    department_id=dept.id,
                )
                for i in range(args.rows)
            ]
        else:
            rows = [
                Customer(name=f"Sync bench {i}", name_key=f"sync bench {i}")
                for i in range(args.rows)
            ]
        s.add_all(rows)
        s.flush()
        ids = [r.id for r in rows]

    ctx = mp.get_context("spawn")
    ready, out, stop = ctx.Queue(), ctx.Queue(), ctx.Event()
    follower_url = db.url.set(username=args.login) if args.login else db.url
    proc = ctx.Process(
        target=follower_process,
        args=(
            follower_url.render_as_string(False),
            [str(i) for i in ids],
            ready,
            out,
            stop,
            args.role if args.login else None,
            args.write,
            department,
        ),
    )
    proc.start()
    mode = ready.get(timeout=60)

    committed: dict[tuple[str, int], float] = {}
    rng = random.Random(5)
    for n in range(args.samples):
        cid = ids[n % len(ids)]
        with db.sessions() as s:
            row = s.get(model, cid)
            assert row is not None
            if isinstance(row, Ticket):
                row.subject = f"Sync bench {n}·"
            else:
                row.name = f"Sync bench {n}·"
            s.flush()
            version = int(s.scalar(select(model.version).where(model.id == cid)) or 0)
            t0 = time.monotonic()
            s.commit()
        committed[(str(cid), version)] = t0
        time.sleep(rng.uniform(0.02, 0.08))

    seen: dict[tuple[str, int], float] = {}
    deadline = time.monotonic() + 15
    while len(seen) < len(committed) and time.monotonic() < deadline:
        try:
            rid, version, at = out.get(timeout=1)
        except Exception:
            continue
        seen.setdefault((rid, version), at)
    stop.set()
    proc.join(20)
    lat = [(seen[k] - t0) * 1000 for k, t0 in committed.items() if k in seen]
    # A row renamed twice before the follower re-read it shows the later version only:
    # the earlier sample is covered by the later one and counted as seen at that time.
    missing = [k for k in committed if k not in seen]
    for rid, version in missing:
        later = [at for (r, v), at in seen.items() if r == rid and v > version]
        if later:
            lat.append((min(later) - committed[(rid, version)]) * 1000)
    result = {
        "p50_ms": round(percentile(lat, 50), 1) if lat else None,
        "p95_ms": round(percentile(lat, 95), 1) if lat else None,
        "max_ms": round(max(lat), 1) if lat else None,
        "samples": len(committed),
        "received": len(lat),
        "engine": db.dialect,
        "mode": mode,
        "write": args.write,
    }
    if args.login:
        result["follower"] = f"{args.login} as {args.role}"
    if "--verbose" in sys.argv:
        print(sorted(round(x) for x in lat), file=sys.stderr)
        print("missing", sorted(missing, key=lambda k: k[1]), file=sys.stderr)
    print(json.dumps(result))
    db.dispose()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
