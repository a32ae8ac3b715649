"""Screen-pop latency: how long from a caller id to the list of candidate customers.

    python bench/screen_pop.py [--db URL] [--customers N] [--seeder auto|demo|private]

Seeds the database when it holds fewer than N customers (app.seed.seed_demo; a small
private generator with `--seeder private` or when app.seed is not importable), then
times 1,000 known numbers in mixed formats (+84, 84, 0, 0084, separators, brackets,
the pre-2017/2018 forms) and 200 unknown numbers through app.lookup.lookup.

The floor is the same exact match written by hand: phonenumbers to E.164 and one
indexed query through the raw driver (sqlite3 / psycopg) with a prepared statement.
ratio_to_floor compares the p95s. pop_p95_ms is the card on screen: a real pop
message through the local socket until the card is painted offscreen
(ui.pop.bench_hook); card_data_p95_ms is the lookup plus card data without the widget.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import phonenumbers  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from app import legacy_numbers, lookup  # noqa: E402
from app.text import fold  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import (  # noqa: E402
    Call,
    ContactPoint,
    Customer,
    Interaction,
    Order,
    Ticket,
)

DEFAULT_DB = f"sqlite:///{ROOT / 'bench' / 'bench.sqlite'}"


# --- seeding -----------------------------------------------------------------------------


def count_customers(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Customer.__table__)) or 0)


def ensure_customers(db: Database, n: int, seeder: str = "auto") -> int:
    """Make sure the database holds at least `n` customers; returns how many it holds."""
    migrate.upgrade(db)
    have = count_customers(db)
    if have >= n:
        return have
    use_demo = seeder == "demo"
    if seeder == "auto":
        try:
            from app import seed

            use_demo = hasattr(seed, "seed_demo")
        except ImportError:
            use_demo = False
    progress = _progress
    if use_demo:
        from app.seed import seed_demo

        seed_no = 1 if have == 0 else _free_seed(db)
        progress(f"seeding {n - have} customers with app.seed (seed {seed_no})")
        seed_demo(db, customers=n - have, seed=seed_no, progress=progress)
    else:
        progress(f"seeding {n - have} customers with the private generator")
        private_seed(db, n - have, start=have)
    return count_customers(db)


def settle(db: Database) -> None:
    """Measure a database in its steady state: on PostgreSQL, VACUUM ANALYZE the
    directory tables (what autovacuum does after a bulk load), so index-only scans and
    the planner's statistics are what they will be in service."""
    if db.is_sqlite:
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        tables = ["customers", "contact_points", "orders", "interactions", "tickets", "calls"]
        if conn.exec_driver_sql("SELECT to_regclass('customer_words')").scalar() is not None:
            tables.append("customer_words")  # the name search's word table (0004)
        for table in tables:
            conn.exec_driver_sql(f"VACUUM ANALYZE {table}")


def _free_seed(db: Database) -> int:
    with db.engine.connect() as conn:
        for s in range(2, 1000):
            found = conn.scalar(
                select(Customer.external_id).where(Customer.external_id.like(f"C{s}-%")).limit(1)
            )
            if not found:
                return s
    raise SystemExit("no free demo seed")


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# Weights are rough population shares (four in ten Vietnamese are Nguyễn).
_FAMILY = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 5.1),
    ("Huỳnh", 5.1),
    ("Phan", 4.5),
    ("Vũ", 3.9),
    ("Võ", 3.9),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Trương", 0.5),
    ("Đinh", 0.5),
    ("Lâm", 0.4),
    ("Mai", 0.4),
)
_MIDDLE = (
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Ngọc",
    "Thanh",
    "Quốc",
    "Thu",
    "Hoàng",
    "Gia",
    "Kim",
)
_GIVEN = (
    "An", "Anh", "Bình", "Châu", "Chi", "Cường", "Dũng", "Dung", "Duy", "Giang", "Hà", "Hải",
    "Hạnh", "Hiếu", "Hoa", "Hòa", "Hùng", "Hương", "Huy", "Khánh", "Khoa", "Lan", "Linh",
    "Long", "Mai", "Minh", "My", "Nam", "Nga", "Ngân", "Nhung", "Phong", "Phúc", "Phương",
    "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Trang", "Trung", "Tú", "Tuấn",
    "Uyên", "Vân", "Việt", "Vinh", "Yến",
)  # fmt: skip
_ORG_WORDS = ("Sao Mai", "Hòa Bình", "Phú Quý", "Thành Công", "Đại Việt", "Hưng Thịnh", "An Phát")
_MOBILE = (
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "39",
    "70",
    "76",
    "77",
    "78",
    "79",
    "81",
    "82",
    "83",
    "84",
    "85",
    "86",
    "88",
    "89",
    "90",
    "91",
    "93",
    "94",
    "96",
    "97",
    "98",
)
_LANDLINE = ("24", "28", "236", "225", "292", "251", "203", "274", "258", "234")
_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "fpt.vn", "icloud.com")
_TIERS = ("standard",) * 14 + ("silver",) * 4 + ("gold", "vip")
_UNKNOWN_PREFIX = "87"  # a mobile prefix the private generator never hands out


class _Numbers:
    """Unique numbers per prefix without remembering them: an affine bijection of a counter."""

    def __init__(self, rng: random.Random, start: int) -> None:
        self.rng = rng
        self.count: dict[str, int] = {}
        self.start = start

    def next(self, prefix: str, digits: int) -> str:
        space = 10**digits
        c = self.count.get(prefix, self.start * 3)  # past every earlier run's numbers
        self.count[prefix] = c + 1
        return f"{prefix}{(7_654_321 * c + 1_234_567) % space:0{digits}d}"


def _typed_mobile(nsn: str, rng: random.Random) -> str:
    """How people type a mobile number; 3% in the pre-2018 11-digit form."""
    old = legacy_numbers.current_to_legacy(nsn)
    if old is not None and rng.random() < 0.03:
        return f"0{old[:4]} {old[4:7]} {old[7:]}"
    a, b, c = nsn[:3], nsn[3:6], nsn[6:]
    return rng.choice((f"0{nsn}", f"0{a} {b} {c}", f"0{a}.{b}.{c}", f"+84 {a} {b} {c}", f"84{nsn}"))


def private_seed(db: Database, n: int, start: int = 0, seed: int = 1, chunk: int = 20_000) -> None:
    """A quick directory for benchmarks: customers with 1.6 phones each on average (some
    shared, some landlines, some typed the old way), emails, and light history so
    ranking by last activity has something to rank."""
    rng = random.Random(seed * 1_000_003 + start)
    numbers = _Numbers(rng, start)
    fam_names = [f for f, _ in _FAMILY]
    fam_weights = [w for _, w in _FAMILY]
    now = datetime(2026, 11, 1, tzinfo=UTC)
    ticket_no = 10_000_000 + start
    tables = (Customer, ContactPoint, Interaction, Order, Ticket, Call)
    done = 0
    last_phone: tuple[str, str, str] | None = None
    while done < n:
        rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in tables}
        for _ in range(min(chunk, n - done)):
            i = start + done
            done += 1
            cid = uuid.UUID(int=rng.getrandbits(128), version=4)
            created = now - timedelta(days=rng.randrange(2000))
            if rng.random() < 0.05:
                name = f"Công ty TNHH {rng.choice(_ORG_WORDS)} {rng.randrange(1, 999)}"
                kind = "organization"
            else:
                family = rng.choices(fam_names, fam_weights)[0]
                name = f"{family} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
                kind = "person"
            name_key = fold(name)
            rows[Customer].append(
                {
                    "id": cid,
                    "external_id": f"KH{i:07d}",
                    "kind": kind,
                    "name": name,
                    "name_key": name_key,
                    "tier": rng.choice(_TIERS),
                    "created_at": created,
                    "updated_at": created,
                }
            )
            phones: list[tuple[str, str, str]] = []
            if last_phone is not None and rng.random() < 0.03:
                phones.append(last_phone)  # a family or office number
            extra = 1 + (rng.random() < 0.45) + (rng.random() < 0.1)
            for _k in range(extra):
                if rng.random() < 0.08:
                    area = rng.choice(_LANDLINE)
                    nsn = numbers.next(area, legacy_numbers.subscriber_digits(area))
                    raw = f"0{area} {nsn[len(area) : len(area) + 4]} {nsn[len(area) + 4 :]}"
                else:
                    nsn = numbers.next(rng.choice(_MOBILE), 7)
                    raw = _typed_mobile(nsn, rng)
                phones.append((raw, "+84" + nsn, nsn))
            last_phone = phones[-1]
            for k, (raw, e164, nsn) in enumerate(phones):
                rows[ContactPoint].append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "customer_id": cid,
                        "kind": "phone",
                        "value_raw": raw,
                        "value_norm": e164,
                        "match_key": nsn,
                        "is_primary": k == 0,
                    }
                )
            if rng.random() < 0.45:
                email = f"{fold(name).replace(' ', '.')}{i}@{rng.choice(_DOMAINS)}"
                rows[ContactPoint].append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "customer_id": cid,
                        "kind": "email",
                        "value_raw": email,
                        "value_norm": email.lower(),
                        "match_key": None,
                        "is_primary": True,
                    }
                )
            for _k in range(rng.choice((0, 0, 1, 1, 2, 3))):
                at = now - timedelta(minutes=rng.randrange(700 * 24 * 60))
                rows[Interaction].append(
                    {"customer_id": cid, "channel": "phone", "started_at": at, "ended_at": at}
                )
            if rng.random() < 0.4:
                rows[Order].append(
                    {
                        "customer_id": cid,
                        "ordered_at": now - timedelta(minutes=rng.randrange(700 * 24 * 60)),
                        "amount": rng.randrange(50, 5000) * 1000,
                        "product": "Demo product",
                    }
                )
            if rng.random() < 0.12:
                ticket_no += 1
                rows[Ticket].append(
                    {
                        "number": ticket_no,
                        "customer_id": cid,
                        "subject": "Demo ticket",
                        "created_at": now - timedelta(days=rng.randrange(700)),
                        "updated_at": now - timedelta(days=rng.randrange(30)),
                    }
                )
            if rng.random() < 0.1:
                rows[Call].append(
                    {
                        "call_ref": f"bench-{seed}-{i}",
                        "caller": phones[0][1],
                        "offered_at": now - timedelta(minutes=rng.randrange(90 * 24 * 60)),
                        "customer_id": cid,
                    }
                )
        with db.engine.begin() as conn:
            for table in tables:
                if rows[table]:
                    conn.execute(insert(table.__table__), rows[table])
        _progress(f"  {start + done} customers")
    if not db.is_sqlite:
        with db.engine.begin() as conn:
            for table in tables:
                conn.exec_driver_sql(f"ANALYZE {table.__tablename__}")


# --- the numbers to look up -----------------------------------------------------------


def _formats(nsn: str, rng: random.Random) -> str:
    """One number in one of the shapes caller ids and agents produce."""
    seps = [" ", ".", "-", "/", ""]
    shape = rng.randrange(8)
    old = legacy_numbers.current_to_legacy(nsn)
    if shape == 7 and old is not None:
        body = old  # the pre-renumbering form
    else:
        body = nsn
        shape = shape % 7
    cut = [body[:3], body[3:6], body[6:]]
    sep = rng.choice(seps)
    grouped = sep.join(cut)
    return (
        f"+84{grouped}",
        f"84{body}",
        f"0{grouped}",
        f"0084 {grouped}",
        f"(0{cut[0]}) {cut[1]}{sep}{cut[2]}",
        f"+84 ({cut[0]}) {cut[1]}-{cut[2]}",
        f"0{body}",
        f"0{grouped}",
    )[shape]


def sample_numbers(db: Database, known: int, unknown: int, seed: int = 7) -> list[tuple[str, str]]:
    """(as dialled, E.164 stored) for `known` stored numbers and `unknown` absent ones."""
    rng = random.Random(seed)
    with db.engine.connect() as conn:
        stored = [
            r[0]
            for r in conn.execute(
                select(ContactPoint.value_norm)
                .where(ContactPoint.kind == "phone", ContactPoint.value_norm.like("+84%"))
                .order_by(ContactPoint.id)  # random UUIDs: a uniform sample
                .limit(known * 3)
            )
        ]
    rng.shuffle(stored)
    out = [(_formats(e164[3:], rng), e164) for e164 in stored[:known]]
    for _ in range(unknown):
        nsn = f"{_UNKNOWN_PREFIX}{rng.randrange(10**7):07d}"
        out.append((_formats(nsn, rng), "+84" + nsn))
    rng.shuffle(out)
    return out


# --- timing ------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def time_calls(fn: Callable[[str], Any], values: Sequence[str]) -> list[float]:
    out = []
    for v in values:
        t0 = time.perf_counter()
        fn(v)
        out.append(time.perf_counter() - t0)
    return out


def floor_fn(db: Database) -> tuple[Callable[[str], Any], Callable[[], None]]:
    """The hand-written floor: E.164 via phonenumbers, one indexed query, raw driver."""
    sql = (
        "SELECT c.id, c.external_id, c.name, c.kind, c.tier FROM contact_points cp "
        "JOIN customers c ON c.id = cp.customer_id WHERE cp.value_norm = ?"
    )
    if db.is_sqlite:
        import sqlite3

        conn: Any = sqlite3.connect(db.url.database or "")
    else:
        import psycopg

        u = db.url
        conn = psycopg.connect(
            host=u.host, port=u.port, user=u.username, password=u.password,
            dbname=u.database, autocommit=True,
        )  # fmt: skip
        sql = sql.replace("?", "%s")

    def run(raw: str) -> Any:
        try:
            num = phonenumbers.parse(raw, "VN")
        except phonenumbers.NumberParseException:
            return []
        e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
        cur = conn.cursor()
        cur.execute(sql, (e164,))
        rows = cur.fetchall()
        cur.close()
        return rows

    return run, conn.close


def pop_builder(db: Database) -> Callable[[str], Any] | None:
    """Hook for the screen-pop: a function that takes a caller id and builds what a
    ringing call shows (lookup plus the best candidate's card data), or None while
    there is no card builder. app.card.for_caller is used when it is there; the
    single-instance `pop` socket and the widget are not part of this timing."""
    try:
        from app import card
    except ImportError:
        return None
    build = getattr(card, "for_caller", None)
    if build is None:
        return None
    return lambda value: build(db, value)


def run(db: Database, customers: int, seeder: str) -> dict[str, Any]:
    total = ensure_customers(db, customers, seeder)
    settle(db)
    numbers = sample_numbers(db, 1000, 200)
    dialled = [d for d, _ in numbers]
    floor, close_floor = floor_fn(db)
    # A call center's directory is hot: one untimed pass each, so both the lookup and
    # the floor are timed on cached pages and prepared statements.
    for v in dialled:
        lookup.lookup(db, v)
        floor(v)
    lookup_times = time_calls(lambda v: lookup.lookup(db, v), dialled)
    floor_times = time_calls(floor, dialled)
    close_floor()
    found = sum(1 for d, e in numbers if not e.startswith("+84" + _UNKNOWN_PREFIX)
                and lookup.lookup(db, d).matches)  # fmt: skip
    result: dict[str, Any] = {
        "customers": total,
        "engine": db.dialect,
        "lookups": len(dialled),
        "known_found": found,
        "lookup_p50_ms": _ms(statistics.median(lookup_times)),
        "lookup_p95_ms": _ms(percentile(lookup_times, 95)),
        "lookup_p99_ms": _ms(percentile(lookup_times, 99)),
        "pop_p95_ms": None,
        "floor_p95_ms": _ms(percentile(floor_times, 95)),
        "ratio_to_floor": round(percentile(lookup_times, 95) / percentile(floor_times, 95), 2),
    }
    card_data = pop_builder(db)
    if card_data is not None:
        for v in dialled:
            card_data(v)
        result["card_data_p95_ms"] = _ms(percentile(time_calls(card_data, dialled), 95))
    # The agent's view: a real `calldesk pop` message through the local socket to the
    # card painted offscreen (ui.pop.bench_hook), over a sample of the dialled numbers.
    from ui.pop.bench_hook import measure_pop

    sample = dialled[::6]
    pops = measure_pop(db, sample)
    result["pop_p50_ms"] = _ms(statistics.median(pops) / 1000)
    result["pop_p95_ms"] = _ms(percentile(pops, 95) / 1000)
    result["pops"] = len(pops)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--db", default=DEFAULT_DB, help=f"database URL (default {DEFAULT_DB})")
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--seeder", choices=("auto", "demo", "private"), default="auto")
    args = ap.parse_args(argv)
    db = Database(args.db)
    try:
        print(json.dumps(run(db, args.customers, args.seeder)))
    finally:
        lookup.close(db)
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
