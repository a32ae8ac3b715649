"""Hand-computed call fixtures for the KPI tests (times in Asia/Ho_Chi_Minh, UTC+7).

Monday 2026-03-02, thresholds 20 s / 5 s:
  sales    c1  09:00:00 answered +10 s, talk 300 s, acw 30, agent a1
           c2  09:01:00 answered +20 s (on the threshold), talk 120, acw 60, a2
           c3  09:02:00 answered +45 s, talk 120, acw 0, a1
           c4  09:10:00 hung up after 4 s (short abandon)
           c5  09:20:00 hung up after 5 s (short abandon: on the threshold)
           c6  09:30:00 hung up after 60 s
  support  c7  23:59:50 answered 00:00:05 next day (+15 s), talk 600, acw 20, a2
           c9  10:00:00 still waiting (neither answered nor ended)
           c10 06:30:00 (23:30 UTC the day before) +5 s, talk 60, acw 10, a1
  outbound c8  ignored by every call KPI
Totals: offered 9, answered 5, abandoned 3 (2 short), within 20 s 4:
  SL = 4 / (5 + 3 - 2) = 0.666667; ASA = 95 / 5 = 19 s;
  AHT = (1200 talk + 120 acw) / 5 = 264 s; abandonment = 1 / (9 - 2) = 0.142857.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from db.engine import Database
from db.models import BusinessCalendar, Call, Department, User

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VN).astimezone(UTC)


def add_people(db: Database) -> dict[str, uuid.UUID]:
    ids: dict[str, uuid.UUID] = {}
    with db.session() as s:
        s.add(BusinessCalendar(name="Vietnam", timezone="Asia/Ho_Chi_Minh", hours={}))
        care = Department(code="CARE", name="Customer care")
        sales = Department(code="SALES", name="Sales desk")
        s.add_all([care, sales])
        s.flush()
        for name, dep in (("a1", care), ("a2", sales), ("sup", None)):
            u = User(
                username=name,
                display_name=name.upper(),
                password_hash="x",
                role="supervisor" if name == "sup" else "agent",
                department_id=dep.id if dep else None,
            )
            s.add(u)
            s.flush()
            ids[name] = u.id
    return ids


def call(
    ref: str,
    queue: str | None,
    offered: str,
    wait: int | None,
    talk: int | None = None,
    acw: int = 0,
    agent: uuid.UUID | None = None,
    gone_after: int | None = None,
    direction: str = "inbound",
) -> Call:
    """A call offered at local time `offered`; answered after `wait` s and talked `talk`
    s, or hung up after `gone_after` s, or neither (still waiting)."""
    o = at(offered)
    answered = o + timedelta(seconds=wait) if wait is not None else None
    if answered is not None and talk is not None:
        ended: datetime | None = answered + timedelta(seconds=talk)
    elif gone_after is not None:
        ended = o + timedelta(seconds=gone_after)
    else:
        ended = None
    return Call(
        call_ref=ref,
        queue=queue,
        direction=direction,
        offered_at=o,
        answered_at=answered,
        ended_at=ended,
        acw_seconds=acw,
        agent_id=agent,
    )


def add_day(db: Database, ids: dict[str, uuid.UUID]) -> None:
    a1, a2 = ids["a1"], ids["a2"]
    d = "2026-03-02T"
    with db.session() as s:
        s.add_all(
            [
                call("c1", "sales", d + "09:00:00", 10, 300, 30, a1),
                call("c2", "sales", d + "09:01:00", 20, 120, 60, a2),
                call("c3", "sales", d + "09:02:00", 45, 120, 0, a1),
                call("c4", "sales", d + "09:10:00", None, gone_after=4),
                call("c5", "sales", d + "09:20:00", None, gone_after=5),
                call("c6", "sales", d + "09:30:00", None, gone_after=60),
                call("c7", "support", d + "23:59:50", 15, 600, 20, a2),
                call("c8", None, d + "11:00:00", 5, 100, 10, a1, direction="outbound"),
                call("c9", "support", d + "10:00:00", None),
                call("c10", "support", d + "06:30:00", 5, 60, 10, a1),
            ]
        )
