"""Customer analytics: RFM segments with counts and value, complaint rate by segment,
retention and churn per period.

Segments use app.rfm's quintile cut-offs and rules; scoring happens in SQL (CASE over
the 15 cut-off values), so only one row per score combination leaves the database.
Retention for a period = customers active in the previous period (an order or any
interaction) who are active again in this one / customers active in the previous
period; churn = 1 - retention.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.types import Numeric

from app import rfm
from app.kpi import periods
from app.kpi.service import _stmt
from db.engine import Database
from db.types import UTCDateTime

NO_ORDERS = "no_orders"
SEGMENTS = [s.value for s in rfm.Segment] + [NO_ORDERS]


@dataclass
class SegmentRow:
    segment: str
    customers: int = 0
    value: Decimal = Decimal(0)
    complaints: int = 0
    interactions: int = 0

    @property
    def avg_value(self) -> Decimal | None:
        return (
            None if not self.customers else (self.value / self.customers).quantize(Decimal("0.01"))
        )

    @property
    def complaint_rate(self) -> float | None:
        return None if not self.interactions else self.complaints / self.interactions

    def as_dict(self) -> dict[str, Any]:
        rate = self.complaint_rate
        return {
            "segment": self.segment,
            "customers": self.customers,
            "value": str(self.value),
            "avg_value": None if self.avg_value is None else str(self.avg_value),
            "complaints": self.complaints,
            "interactions": self.interactions,
            "complaint_rate": None if rate is None else round(rate, 6),
        }


def _score(col: str, n: int) -> str:
    if n == 0:
        return "1"
    return (
        "(1 + "
        + " + ".join(f"CASE WHEN {col} > :{col}_{i} THEN 1 ELSE 0 END" for i in range(n))
        + ")"
    )


def segments(
    db: Database, lo: datetime, hi: datetime, cutoffs: rfm.Cutoffs | None = None
) -> list[SegmentRow]:
    """Customers and order value per RFM segment (all orders to date), with complaints
    and interactions of [lo, hi) per segment; customers who never ordered are `no_orders`."""
    cutoffs = cutoffs or rfm.refresh_if_stale(db)
    rows = {s: SegmentRow(s) for s in SEGMENTS}
    n = min(len(cutoffs.recency), len(cutoffs.frequency), len(cutoffs.monetary))
    with db.engine.connect() as conn:
        if cutoffs.customers:
            sql = f"""
            WITH agg AS (
              SELECT customer_id, max(ordered_at) AS last, count(*) AS n, sum(amount) AS total
              FROM orders GROUP BY customer_id),
            cmp AS (
              SELECT customer_id, count(*) AS c FROM tickets WHERE kind = 'complaint'
              AND created_at >= :lo AND created_at < :hi AND merged_into_id IS NULL
              GROUP BY customer_id),
            itr AS (
              SELECT customer_id, count(*) AS c FROM interactions
              WHERE started_at >= :lo AND started_at < :hi GROUP BY customer_id)
            SELECT {_score("last", n)} AS r, {_score("n", n)} AS f, {_score("total", n)} AS m,
                   count(*), sum(agg.total), sum(coalesce(cmp.c, 0)), sum(coalesce(itr.c, 0))
            FROM agg LEFT JOIN cmp ON cmp.customer_id = agg.customer_id
                     LEFT JOIN itr ON itr.customer_id = agg.customer_id
            GROUP BY 1, 2, 3"""
            binds: list[Any] = [
                bindparam("lo", type_=UTCDateTime()),
                bindparam("hi", type_=UTCDateTime()),
            ]
            params: dict[str, Any] = {"lo": lo, "hi": hi}
            for i in range(n):
                binds.append(bindparam(f"last_{i}", type_=UTCDateTime()))
                binds.append(bindparam(f"total_{i}", type_=Numeric(14, 2)))
                params[f"last_{i}"] = cutoffs.recency[i]
                params[f"n_{i}"] = cutoffs.frequency[i]
                params[f"total_{i}"] = cutoffs.monetary[i]
            for r, f, m, count, total, comp, inter in conn.execute(
                text(sql).bindparams(*binds), params
            ):
                seg = rfm.segment(int(r), int(f), int(m)).value
                row = rows[seg]
                row.customers += int(count)
                row.value += Decimal(str(total or 0))
                row.complaints += int(comp or 0)
                row.interactions += int(inter or 0)
        _no_orders(conn, lo, hi, rows)
    return [rows[s] for s in SEGMENTS]


def _no_orders(conn: Connection, lo: datetime, hi: datetime, rows: dict[str, SegmentRow]) -> None:
    """Customers without orders, and the contacts of customers without orders (or none)."""
    none = rows[NO_ORDERS]
    none.customers = int(
        conn.execute(
            text("SELECT count(*) FROM customers c WHERE c.merged_into_id IS NULL AND NOT EXISTS "
                 "(SELECT 1 FROM orders o WHERE o.customer_id = c.id)")
        ).scalar() or 0
    )  # fmt: skip
    params = {"lo": lo, "hi": hi}
    comp = conn.execute(
        _stmt("SELECT count(*) FROM tickets t WHERE kind = 'complaint' AND created_at >= :lo "
              "AND created_at < :hi AND merged_into_id IS NULL AND (customer_id IS NULL OR NOT "
              "EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = t.customer_id))", "lo", "hi"),
        params,
    ).scalar()  # fmt: skip
    inter = conn.execute(
        _stmt("SELECT count(*) FROM interactions i WHERE started_at >= :lo AND started_at < :hi "
              "AND (customer_id IS NULL OR NOT EXISTS (SELECT 1 FROM orders o "
              "WHERE o.customer_id = i.customer_id))", "lo", "hi"),
        params,
    ).scalar()  # fmt: skip
    none.complaints, none.interactions = int(comp or 0), int(inter or 0)


@dataclass
class RetentionRow:
    start: datetime
    label: str
    previous_active: int = 0
    retained: int = 0
    active: int = 0

    @property
    def retention(self) -> float | None:
        return None if not self.previous_active else self.retained / self.previous_active

    @property
    def churn(self) -> float | None:
        r = self.retention
        return None if r is None else 1 - r

    def as_dict(self) -> dict[str, Any]:
        def rnd(v: float | None) -> float | None:
            return None if v is None else round(v, 6)

        return {
            "period": self.label,
            "active": self.active,
            "previous_active": self.previous_active,
            "retained": self.retained,
            "retention": rnd(self.retention),
            "churn": rnd(self.churn),
        }


_ACTIVE = (
    "SELECT customer_id FROM interactions WHERE customer_id IS NOT NULL "
    "AND started_at >= :{a} AND started_at < :{b} "
    "UNION SELECT customer_id FROM orders WHERE ordered_at >= :{a} AND ordered_at < :{b}"
)


def _month_start(day: datetime, zone: ZoneInfo) -> datetime:
    local = day.astimezone(zone).date().replace(day=1)
    return periods.local_midnight(local, zone)


def _next_month(start: datetime, zone: ZoneInfo) -> datetime:
    d = start.astimezone(zone).date()
    d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return periods.local_midnight(d, zone)


def retention(db: Database, lo: datetime, hi: datetime, zone: ZoneInfo) -> list[RetentionRow]:
    """Retention and churn per calendar month (local) overlapping [lo, hi)."""
    out: list[RetentionRow] = []
    cur = _month_start(lo, zone)
    prev = _month_start(cur - timedelta(days=1), zone)
    with db.engine.connect() as conn:
        while cur < hi:
            nxt = _next_month(cur, zone)
            params = {"p0": prev, "p1": cur, "c0": cur, "c1": nxt}
            prev_set = _ACTIVE.format(a="p0", b="p1")
            cur_set = _ACTIVE.format(a="c0", b="c1")
            sql = (
                f"SELECT (SELECT count(*) FROM ({prev_set}) p), "
                f"(SELECT count(*) FROM ({cur_set}) c), "
                f"(SELECT count(*) FROM ({prev_set}) p2 WHERE p2.customer_id IN ({cur_set}))"
            )
            row = conn.execute(_stmt(sql, "p0", "p1", "c0", "c1"), params).one()
            out.append(
                RetentionRow(
                    cur,
                    cur.astimezone(zone).strftime("%Y-%m"),
                    previous_active=int(row[0] or 0),
                    active=int(row[1] or 0),
                    retained=int(row[2] or 0),
                )
            )
            prev, cur = cur, nxt
    return out
