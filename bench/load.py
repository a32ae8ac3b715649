"""Many agents at once on one database: look up the caller, save a ticket, repeat.

    python bench/load.py [--db URL] [--agents 100] [--seconds 120] [--processes P]
                         [--threads T] [--customers N] [--staff available|offline]

The simulated agents are served by P worker processes with T threads each (defaults 2
and 3). Agents run back to back with no think time (a closed loop), so at most P*T
turns are in flight and the figure is the most the server and clients sustain. The
machine has two cores shared by these clients and PostgreSQL: two processes use both
cores despite the GIL, and six turns in flight keep them busy. More only queue: each
extra turn in flight adds its own work to everybody's wait (Little's law) and costs
GIL and context switches (4 x 4 measured fewer tickets per second and a p95 several
times higher than 2 x 3 on the same code). Each process has its own engine with a
bounded pool (T connections for saves, no overflow; lookups share a few read
connections): 100 agents never open 100 connections.

An agent's turn: a caller id from the demo directory is looked up (app.lookup.lookup,
as the screen-pop does), then a ticket is saved for the best match through
app.tickets.create_ticket (routing, due times, number, log, change capture and NOTIFY).
The departments' staff are signed in and available for the run (--staff available, the
default; their heartbeats kept), so routing assigns every ticket and the least-loaded
policy takes its per-department lock, as on a working day; `assigned` counts them.

tickets_per_s counts saved tickets over the run; save_p95_ms is create_ticket's p95
(waiting for a pooled connection included); errors counts any failed turn. Where the
time goes: client_cpu_ms_per_ticket is the worker processes' CPU (lookup and save) per
saved ticket; server_cpu_ms_per_ticket the local PostgreSQL's (all its processes, so
other users of the server count too) over the measured window; load_average at the
end. Default database: a temporary SQLite file (one writer at a time there, so expect
less). If the database has no departments it is seeded with --customers demo customers.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import ContactPoint, Department, User  # noqa: E402

TEXTS = [
    ("complaint", "Giao hàng trễ 5 ngày, shipper không gọi"),
    ("complaint", "Sản phẩm bị hỏng khi mở hộp"),
    ("complaint", "Bị trừ tiền hai lần qua ví điện tử MoMo, xin hoàn tiền"),
    ("inquiry", "Hỏi giờ mở cửa cửa hàng Quận 1"),
    ("request", "Đổi địa chỉ giao hàng sang Hà Nội"),
    ("inquiry", "What is the warranty on the rice cooker?"),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def worker(
    url: str,
    agents: list[str],
    phones: list[str],
    threads: int,
    start_at: float,
    seconds: float,
    out: Any,
) -> None:
    """One process: `threads` threads take turns for `agents`."""
    import uuid

    from app import lookup, tickets
    from app.tickets import TicketInput

    db = Database(url, pool_size=threads, max_overflow=0, pool_timeout=30)
    saves: list[float] = []
    lookups: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def run(k: int) -> None:
        rng = random.Random(k * 7919 + len(agents))
        mine = agents[k::threads] or agents[:1]
        turn = 0
        while time.time() < start_at:
            time.sleep(0.005)
        end = start_at + seconds
        while time.time() < end:
            agent = uuid.UUID(mine[turn % len(mine)])
            turn += 1
            kind, text = TEXTS[rng.randrange(len(TEXTS))]
            try:
                t0 = time.perf_counter()
                found = lookup.lookup(db, rng.choice(phones))
                t1 = time.perf_counter()
                best = found.best
                inp = TicketInput(
                    customer=str(best.customer_id) if best else None,
                    kind=kind,
                    text=text,
                    channel="phone",
                )
                tickets.create_ticket(db, inp, actor_id=agent)
                t2 = time.perf_counter()
            except Exception as exc:  # counted and reported, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
                continue
            with lock:
                lookups.append((t1 - t0) * 1000)
                saves.append((t2 - t1) * 1000)

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    while time.time() < start_at:
        time.sleep(0.005)
    cpu0 = time.process_time()
    for t in pool:
        t.join()
    cpu = time.process_time() - cpu0
    out.put({"saves": saves, "lookups": lookups, "errors": errors, "cpu_s": cpu})
    lookup.close(db)
    db.dispose()


def postgres_cpu_s() -> float | None:
    """CPU seconds used so far by the local PostgreSQL's live processes (Linux /proc);
    None when it is not on this machine. Other clients' queries count too."""
    total, found = 0, False
    tick = os.sysconf("SC_CLK_TCK")
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        if name not in ("postgres", "postmaster"):
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
        found = True
    return total / tick if found else None


def staff_on_duty(db: Database) -> list[Any]:
    """Department staff signed in and available, as on a working day."""
    from app import presence

    with db.sessions() as s:
        staff = list(s.scalars(select(User.id).where(User.department_id.is_not(None), User.active)))
    for user_id in staff:
        presence.set_status(db, user_id, "available", client="bench/load.py")
    return staff


def keep_alive(db: Database, staff: list[Any], done: threading.Event) -> None:
    """Their clients' heartbeats, so the presence sweep does not take them offline."""
    from app import presence

    while not done.wait(presence.HEARTBEAT.total_seconds()):
        for user_id in staff:
            presence.heartbeat(db, user_id)


def off_duty(db: Database, staff: list[Any]) -> None:
    from app import presence

    for user_id in staff:
        presence.set_status(db, user_id, "offline", client="bench/load.py")


def count_assigned(db: Database, since: float) -> int:
    """Tickets saved during the run that routing gave to a staff member."""
    from datetime import UTC, datetime

    from db.models import Ticket

    start = datetime.fromtimestamp(since, UTC)
    with db.sessions() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Ticket)
                .where(Ticket.created_at >= start, Ticket.assignee_id.is_not(None))
            )
            or 0
        )


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--agents", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--threads", type=int, default=3)
    ap.add_argument("--customers", type=int, default=5_000)
    ap.add_argument(
        "--staff",
        choices=("available", "offline"),
        default="available",
        help="department staff during the run: available (a working day: routing assigns "
        "every ticket, least-loaded takes its per-department lock) or offline",
    )
    args = ap.parse_args()
    tmp = None
    url = args.db
    if not url:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(tmp.name) / 'bench.sqlite'}"
    db = Database(url)
    migrate.upgrade(db)
    with db.sessions() as s:
        seeded = s.scalar(select(func.count()).select_from(Department))
    if not seeded:
        from app import seed

        seed.seed_demo(db, customers=args.customers, seed=42)
    with db.sessions() as s:
        phones = list(
            s.scalars(
                select(ContactPoint.value_raw).where(ContactPoint.kind == "phone").limit(5000)
            )
        )
        users = [str(u) for u in s.scalars(select(User.id).order_by(User.username))]
    if not phones or not users:
        sys.exit("bench/load.py: the database has no customers' phones or no users")
    agents = [users[i % len(users)] for i in range(args.agents)]
    staff = staff_on_duty(db) if args.staff == "available" else []
    raw_url = db.url.render_as_string(hide_password=False)

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 8  # every process imported and connected before the start
    procs = [
        ctx.Process(
            target=worker,
            args=(
                raw_url,
                agents[p :: args.processes],
                phones,
                args.threads,
                start_at,
                args.seconds,
                out,
            ),
        )
        for p in range(args.processes)
    ]
    for p in procs:
        p.start()
    server: dict[str, Any] = {}

    def watch() -> None:  # the server's CPU over the measured window only
        time.sleep(max(0.0, start_at - time.time()))
        server["cpu0"] = postgres_cpu_s()
        time.sleep(args.seconds)
        server["cpu1"] = postgres_cpu_s()
        server["load"] = load_average()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    done = threading.Event()
    beating = threading.Thread(target=keep_alive, args=(db, staff, done), daemon=True)
    beating.start()
    results = [out.get() for _ in procs]
    watcher.join()
    for p in procs:
        p.join()
    done.set()
    beating.join()
    off_duty(db, staff)
    assigned = count_assigned(db, start_at)
    db.dispose()
    saves = [x for r in results for x in r["saves"]]
    lookups = [x for r in results for x in r["lookups"]]
    errors = [e for r in results for e in r["errors"]]
    result = {
        "tickets_per_s": round(len(saves) / args.seconds, 1),
        "save_p95_ms": round(percentile(saves, 95), 1) if saves else None,
        "errors": len(errors),
        "save_p50_ms": round(percentile(saves, 50), 1) if saves else None,
        "lookup_p95_ms": round(percentile(lookups, 95), 2) if lookups else None,
        "tickets": len(saves),
        "assigned": assigned,
        "staff_available": len(staff),
        "agents": args.agents,
        "processes": args.processes,
        "threads_per_process": args.threads,
        "seconds": args.seconds,
        "engine": "sqlite" if url.startswith("sqlite") else "postgresql",
        "load_average": server.get("load"),
    }
    if saves:
        client_cpu = sum(r["cpu_s"] for r in results)
        result["client_cpu_ms_per_ticket"] = round(client_cpu * 1000 / len(saves), 2)
        if server.get("cpu0") is not None and server.get("cpu1") is not None:
            server_cpu = server["cpu1"] - server["cpu0"]
            result["server_cpu_ms_per_ticket"] = round(server_cpu * 1000 / len(saves), 2)
    if errors:
        result["first_errors"] = sorted(set(errors))[:5]
    print(json.dumps(result))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
