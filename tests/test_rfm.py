"""RFM: quintile cut-offs over every buyer, per-customer scores and the segment names an
agent reads on the card, on a hand-made directory where each answer is known."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app import rfm
from app.rfm import Segment
from db.engine import Database
from tests.pop_fixtures import NOW, customer, orders

# name: (recency rank, frequency rank, monetary rank), ranks 0..9 (9 = best). Ten
# buyers, so each quintile holds exactly two and score = rank // 2 + 1.
RANKS = {
    "A": (9, 9, 9),
    "B": (8, 0, 0),
    "C": (5, 8, 8),
    "D": (7, 3, 3),
    "E": (1, 7, 7),
    "F": (0, 1, 1),
    "G": (2, 2, 2),
    "H": (4, 4, 4),
    "I": (6, 5, 5),
    "J": (3, 6, 6),
}
EXPECTED = {
    "A": (5, 5, 5, Segment.CHAMPIONS),
    "B": (5, 1, 1, Segment.NEW),
    "C": (3, 5, 5, Segment.LOYAL),
    "D": (4, 2, 2, Segment.POTENTIAL),
    "E": (1, 4, 4, Segment.AT_RISK),
    "F": (1, 1, 1, Segment.LOST),
    "G": (2, 2, 2, Segment.HIBERNATING),
    "H": (3, 3, 3, Segment.NEEDS_ATTENTION),
    "I": (4, 3, 3, Segment.POTENTIAL),
    "J": (2, 4, 4, Segment.AT_RISK),
}


def _directory(db: Database) -> dict[str, object]:
    ids: dict[str, object] = {}
    for name, (r, f, m) in RANKS.items():
        cid = customer(db, f"Khách {name}")
        n = f + 1
        total = (m + 1) * 1_000_000
        last_days = (10 - r) * 7
        items = [(last_days, total - (n - 1) * 1000)]
        items += [(last_days + 30 + k, 1000) for k in range(n - 1)]
        orders(db, cid, items)
        ids[name] = cid
    customer(db, "Chưa mua gì")  # no orders: no score, not counted
    return ids


def test_cutoffs_and_scores_on_a_known_directory(db: Database) -> None:
    _directory(db)
    cutoffs = rfm.compute_cutoffs(db, now=NOW)
    assert cutoffs.customers == 10
    assert cutoffs.computed_at == NOW
    assert cutoffs.frequency == (2, 4, 6, 8)
    assert cutoffs.monetary == (
        Decimal(2_000_000),
        Decimal(4_000_000),
        Decimal(6_000_000),
        Decimal(8_000_000),
    )
    assert len(cutoffs.recency) == 4 and list(cutoffs.recency) == sorted(cutoffs.recency)
    for name, (r, f, m) in RANKS.items():
        n, total = f + 1, Decimal((m + 1) * 1_000_000)
        last = NOW - timedelta(days=(10 - r) * 7)
        got = rfm.score(cutoffs, last, n, total)
        assert got is not None
        assert (got.recency, got.frequency, got.monetary, got.segment) == EXPECTED[name], name
    assert rfm.score(cutoffs, None, 0, 0) is None
    assert rfm.score(None, NOW, 3, 100) is None


def test_a_new_big_spender_scores_top_marks() -> None:
    cutoffs = rfm.Cutoffs(
        recency=tuple(NOW - timedelta(days=d) for d in (300, 200, 100, 30)),
        frequency=(1, 2, 3, 5),
        monetary=(Decimal(100), Decimal(200), Decimal(300), Decimal(500)),
        customers=100,
        computed_at=NOW,
    )
    top = rfm.score(cutoffs, NOW, 9, Decimal(10_000))
    assert top is not None and top.code == "R5 F5 M5" and top.segment == Segment.CHAMPIONS
    # A value equal to an edge belongs to the lower quintile.
    edge = rfm.score(cutoffs, NOW - timedelta(days=30), 1, Decimal(100))
    assert edge is not None and (edge.recency, edge.frequency, edge.monetary) == (4, 1, 1)
    assert edge.segment == Segment.NEW


@pytest.mark.parametrize(
    ("r", "f", "m", "segment"),
    [
        (5, 5, 4, Segment.CHAMPIONS),
        (4, 4, 3, Segment.LOYAL),
        (3, 5, 1, Segment.LOYAL),
        (4, 1, 5, Segment.NEW),
        (5, 3, 1, Segment.POTENTIAL),
        (3, 2, 2, Segment.NEEDS_ATTENTION),
        (2, 3, 5, Segment.AT_RISK),
        (2, 1, 1, Segment.HIBERNATING),
        (1, 2, 5, Segment.LOST),
    ],
)
def test_segment_rules(r: int, f: int, m: int, segment: Segment) -> None:
    assert rfm.segment(r, f, m) == segment


def test_cutoffs_are_cached_with_their_timestamp(db: Database) -> None:
    _directory(db)
    rfm.forget(db)
    assert rfm.cached(db) is None  # the pop path never computes
    first = rfm.refresh(db)
    assert rfm.cached(db) is first
    assert first.age() < timedelta(minutes=1)
    assert rfm.refresh_if_stale(db) is first  # fresh enough: not recomputed
    old = rfm.Cutoffs((), (), (), 0, datetime(2020, 1, 1, tzinfo=UTC))
    rfm._cache[db] = old
    again = rfm.refresh_if_stale(db, max_age=timedelta(hours=1))
    assert again is not old and again.customers == 10


def test_no_orders_no_cutoffs(db: Database) -> None:
    customer(db, "Chưa mua gì")
    cutoffs = rfm.compute_cutoffs(db)
    assert cutoffs.customers == 0 and cutoffs.recency == ()
    assert rfm.score(cutoffs, NOW, 1, 1) is None
