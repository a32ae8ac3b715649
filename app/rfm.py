"""RFM value segments: recency, frequency and monetary value of purchases, each scored
1–5 by quintile over every customer who bought, and a segment name an agent can act on.

The quintile cut-offs need every customer's order aggregate (at a million customers
that takes seconds), so they are computed in the background now and then and cached
with their timestamp; scoring one customer against them is arithmetic, which is
what the screen-pop card does on every ring.

Recency is ranked on the date of the last order, so cut-offs stay meaningful for as
long as they are cached: a customer ranks against the others as of that moment.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select

from db.engine import Database
from db.models import Order

QUINTILES = 5
DEFAULT_MAX_AGE = timedelta(hours=6)


class Segment(StrEnum):
    CHAMPIONS = "champions"  # bought recently, often, and much
    LOYAL = "loyal"  # buys often
    POTENTIAL = "potential"  # recent, a few orders: could become loyal
    NEW = "new"  # recent first purchase
    NEEDS_ATTENTION = "needs_attention"  # middling recency, not frequent
    AT_RISK = "at_risk"  # used to buy often, not lately
    HIBERNATING = "hibernating"  # long ago, rarely
    LOST = "lost"  # longest ago, rarely


@dataclass(frozen=True)
class Cutoffs:
    """Upper edges of quintiles 1–4 per measure (ascending); above the last edge is 5."""

    recency: tuple[datetime, ...]  # last order time: later is better
    frequency: tuple[int, ...]  # number of orders
    monetary: tuple[Decimal, ...]  # total amount
    customers: int  # customers with at least one order when computed
    computed_at: datetime

    def age(self, now: datetime | None = None) -> timedelta:
        return (now or datetime.now(UTC)) - self.computed_at


@dataclass(frozen=True)
class RfmScore:
    recency: int
    frequency: int
    monetary: int
    segment: Segment

    @property
    def code(self) -> str:
        """ "R5 F4 M3": the compact form shown next to the segment."""
        return f"R{self.recency} F{self.frequency} M{self.monetary}"


def _quintile(value: Any, edges: tuple[Any, ...]) -> int:
    return 1 + sum(1 for edge in edges if value > edge)


def segment(r: int, f: int, m: int) -> Segment:
    """The segment of scores (r, f, m); rules in order, the first that fits wins."""
    if r >= 4 and f >= 4 and m >= 4:
        return Segment.CHAMPIONS
    if r >= 4 and f == 1:
        return Segment.NEW
    if r >= 3 and f >= 4:
        return Segment.LOYAL
    if r >= 4:
        return Segment.POTENTIAL
    if r <= 2 and f >= 3:
        return Segment.AT_RISK
    if r == 1:
        return Segment.LOST
    if r == 2:
        return Segment.HIBERNATING
    return Segment.NEEDS_ATTENTION


def score(
    cutoffs: Cutoffs | None, last_order_at: datetime | None, orders: int, total: Decimal | int
) -> RfmScore | None:
    """Scores of one customer's aggregates; None without cut-offs or without orders."""
    if cutoffs is None or cutoffs.customers == 0 or orders <= 0 or last_order_at is None:
        return None
    r = _quintile(last_order_at, cutoffs.recency)
    f = _quintile(orders, cutoffs.frequency)
    m = _quintile(Decimal(total), cutoffs.monetary)
    return RfmScore(r, f, m, segment(r, f, m))


def _as_utc(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def compute_cutoffs(db: Database, now: datetime | None = None) -> Cutoffs:
    """Quintile edges over every customer's orders: NTILE(5) in the database (both
    engines have it), so only 15 numbers come back however many customers there are."""
    agg = (
        select(
            Order.customer_id,
            func.max(Order.ordered_at).label("last"),
            func.count().label("n"),
            func.sum(Order.amount).label("total"),
        )
        .group_by(Order.customer_id)
        .subquery("agg")
    )
    edges: dict[str, list[Any]] = {}
    customers = 0
    with db.engine.connect() as conn:
        for name in ("last", "n", "total"):
            col = agg.c[name]
            tiles = select(
                col.label("v"), func.ntile(QUINTILES).over(order_by=col).label("b")
            ).subquery("tiles")
            rows = conn.execute(
                select(tiles.c.b, func.max(tiles.c.v), func.count())
                .group_by(tiles.c.b)
                .order_by(tiles.c.b)
            ).all()
            edges[name] = [row[1] for row in rows][: QUINTILES - 1]
            customers = sum(int(row[2]) for row in rows)
    return Cutoffs(
        recency=tuple(_as_utc(v) for v in edges["last"]),
        frequency=tuple(int(v) for v in edges["n"]),
        monetary=tuple(Decimal(str(v)) for v in edges["total"]),
        customers=customers,
        computed_at=now or datetime.now(UTC),
    )


# --- the cache --------------------------------------------------------------------------

_cache: weakref.WeakKeyDictionary[Database, Cutoffs] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def cached(db: Database) -> Cutoffs | None:
    """The last computed cut-offs for `db`, never computing (safe on the pop path)."""
    with _lock:
        return _cache.get(db)


def refresh(db: Database, now: datetime | None = None) -> Cutoffs:
    """Compute the cut-offs and keep them for `cached` (run in the background)."""
    cutoffs = compute_cutoffs(db, now)
    with _lock:
        _cache[db] = cutoffs
    return cutoffs


def refresh_if_stale(db: Database, max_age: timedelta = DEFAULT_MAX_AGE) -> Cutoffs:
    """The cached cut-offs if younger than `max_age`, else freshly computed ones."""
    current = cached(db)
    if current is not None and current.age() < max_age:
        return current
    return refresh(db)


def forget(db: Database) -> None:
    with _lock:
        _cache.pop(db, None)
