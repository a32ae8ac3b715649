"""Ticket, contact, agent, customer, live and staffing KPIs against hand-computed
fixtures (local times in Asia/Ho_Chi_Minh), on both engines."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app import rfm
from app.kpi import agents, customers, erlang, live, service, staffing
from app.kpi.settings import KpiSettings
from db.engine import Database
from db.models import AgentStatusLog, Call, Category, Customer, Interaction, Order, Ticket
from tests.kpi_fixtures import add_day, add_people, at

S = KpiSettings(timezone="Asia/Ho_Chi_Minh")
LO, HI = at("2026-03-02T00:00:00"), at("2026-03-09T00:00:00")
NOW = at("2026-03-10T12:00:00")


def _customer(s: object, name: str) -> uuid.UUID:
    c = Customer(name=name, name_key=name.lower())
    s.add(c)  # type: ignore[attr-defined]
    s.flush()  # type: ignore[attr-defined]
    return c.id


@pytest.fixture
def world(db: Database) -> dict[str, uuid.UUID]:
    """Tickets t1-t5 and four rated contacts (see the module docstring of each test)."""
    ids = add_people(db)
    with db.session() as s:
        from db.models import Department

        deps = {d.code: d.id for d in s.query(Department)}
        cat1, cat2 = Category(code="cat1", name="One"), Category(code="cat2", name="Two")
        s.add_all([cat1, cat2])
        s.flush()
        x, y = _customer(s, "X"), _customer(s, "Y")
        ids.update(x=x, y=y)

        def ticket(n: int, cust: uuid.UUID, cat: Category, dep: str, created: str, due: str,
                   resolved: str | None, status: str, who: str, kind: str = "inquiry",
                   reopened: int = 0) -> None:  # fmt: skip
            s.add(Ticket(number=n, customer_id=cust, category_id=cat.id, department_id=deps[dep],
                         subject=f"t{n}", created_at=at(created), resolution_due=at(due),
                         resolved_at=at(resolved) if resolved else None, status=status,
                         assignee_id=ids[who], kind=kind, reopened_count=reopened))  # fmt: skip

        ticket(1, x, cat1, "CARE", "2026-03-02T09:00", "2026-03-03T09:00", "2026-03-02T15:00",
               "resolved", "a1")  # fmt: skip
        ticket(2, y, cat1, "CARE", "2026-03-02T10:00", "2026-03-02T18:00", "2026-03-03T10:00",
               "resolved", "a2")  # fmt: skip
        ticket(3, x, cat1, "SALES", "2026-03-05T09:00", "2026-03-06T09:00", None, "open", "a1")
        ticket(4, y, cat2, "SALES", "2026-03-02T11:00", "2026-03-20T09:00", None, "new", "a2",
               kind="complaint")  # fmt: skip
        ticket(5, x, cat2, "CARE", "2026-03-01T09:00", "2026-03-02T12:00", "2026-03-02T09:00",
               "closed", "a1", reopened=1)  # fmt: skip
        for i, (cust, who, sat) in enumerate(
            [(x, "a1", 5), (y, "a2", 4), (x, "a1", 2), (y, "a2", None)]
        ):
            when = at(f"2026-03-0{3 + i}T10:00")
            s.add(Interaction(customer_id=cust, channel="phone", agent_id=ids[who],
                              started_at=when, satisfaction=sat))  # fmt: skip
    return ids


def test_sla_compliance_by_department(db: Database, world: dict[str, uuid.UUID]) -> None:
    # due in the period and passed by now: t1 met, t2 late, t3 unresolved, t5 met; t4 later
    summ = service.summary(db, LO, HI, S, NOW)
    assert (summ.sla.num, summ.sla.den) == (2, 4)
    rows = {r.code: r for r in service.departments(db, LO, HI, NOW)}
    assert rows["CARE"].sla is not None and rows["CARE"].sla.value == pytest.approx(2 / 3)
    assert rows["SALES"].sla is not None and rows["SALES"].sla.value == 0.0


def test_department_table(db: Database, world: dict[str, uuid.UUID]) -> None:
    rows = {r.code: r.as_dict() for r in service.departments(db, LO, HI, NOW)}
    assert (rows["SALES"]["open"], rows["SALES"]["overdue"]) == (2, 1)  # t3 overdue, t4 not
    assert (rows["CARE"]["open"], rows["CARE"]["resolved"]) == (0, 3)
    assert rows["CARE"]["avg_resolution_hours"] == pytest.approx((6 + 24 + 24) / 3)


def test_fcr(db: Database, world: dict[str, uuid.UUID]) -> None:
    # resolved in the period: t1 (X came back on cat1 with t3 within 7 days), t2 (no repeat),
    # t5 (reopened) -> 1 / 3
    f = service.fcr(db, LO, HI, S)
    assert (f.num, f.den) == (1, 3)
    # a 1-day window: t3 came 2.75 days after t1 was resolved, so t1 counts as resolved
    short = KpiSettings(fcr_days=1, timezone="Asia/Ho_Chi_Minh")
    assert service.fcr(db, LO, HI, short).num == 2


def test_complaint_rate_and_csat(db: Database, world: dict[str, uuid.UUID]) -> None:
    summ = service.summary(db, LO, HI, S, NOW).as_dict()
    assert (summ["complaints"], summ["interactions"]) == (1, 4)
    assert summ["complaint_rate"] == 0.25
    assert summ["csat"] == pytest.approx(2 / 3, abs=1e-6) and summ["ratings"] == 3


def test_nothing_in_range(db: Database, world: dict[str, uuid.UUID]) -> None:
    lo, hi = at("2025-01-01T00:00"), at("2025-02-01T00:00")
    summ = service.summary(db, lo, hi, S, NOW).as_dict()
    assert (summ["fcr"], summ["sla_compliance"], summ["complaint_rate"], summ["csat"]) == (
        None, None, None, None)  # fmt: skip


def _status(s: object, user: uuid.UUID, status: str, start: str, end: str | None) -> None:
    s.add(AgentStatusLog(user_id=user, status=status, started_at=at(start),  # type: ignore[attr-defined]
                         ended_at=at(end) if end else None))  # fmt: skip


def test_agent_table_occupancy_fcr_csat(db: Database, world: dict[str, uuid.UUID]) -> None:
    a1 = world["a1"]
    with db.session() as s:
        _status(s, a1, "available", "2026-03-02T08:00", "2026-03-02T09:00")
        _status(s, a1, "on_call", "2026-03-02T09:00", "2026-03-02T09:30")
        _status(s, a1, "wrap_up", "2026-03-02T09:30", "2026-03-02T09:40")
        _status(s, a1, "away", "2026-03-02T09:40", "2026-03-02T10:00")
        _status(s, a1, "available", "2026-03-02T10:00", None)  # still open
    add_day(db, world)
    # up to 10:30: handling 40 min, available 60 + 30 min -> 2400 / 7800
    rows = {r.username: r for r in agents.table(db, LO, at("2026-03-02T10:30"), S, NOW)}
    assert rows["a1"].occupancy == pytest.approx(2400 / 7800)
    # the open row counts up to now only
    now = at("2026-03-02T10:15")
    rows = {r.username: r for r in agents.table(db, LO, HI, S, now)}
    assert rows["a1"].occupancy == pytest.approx(2400 / (2400 + 3600 + 900))
    rows = {r.username: r.as_dict() for r in agents.table(db, LO, HI, S, NOW)}
    assert (rows["a1"]["handled"], rows["a2"]["handled"]) == (3, 2)  # c1, c3, c10 / c2, c7
    assert (rows["a1"]["fcr"], rows["a2"]["fcr"]) == (0.0, 1.0)
    assert (rows["a1"]["csat"], rows["a2"]["csat"]) == (0.5, 1.0)
    assert rows["a2"]["occupancy"] is None  # no status rows


def test_live_snapshot(db: Database) -> None:
    ids = add_people(db)
    add_day(db, ids)
    with db.session() as s:
        _status(s, ids["a1"], "available", "2026-03-02T08:00", "2026-03-02T09:00")
        _status(s, ids["a1"], "on_call", "2026-03-02T09:00", None)
        _status(s, ids["a2"], "available", "2026-03-02T08:00", None)
        _status(s, ids["sup"], "offline", "2026-03-01T18:00", None)
    snap = live.snapshot(db, S, at("2026-03-02T10:05:00"))
    q = {x.queue: x for x in snap.queues}
    assert (q["support"].waiting, q["support"].longest_wait_seconds) == (1, 300.0)
    assert q["sales"].waiting == 0
    assert (q["sales"].today.offered, q["support"].today.offered) == (6, 2)  # c7 not yet
    assert q["sales"].today.service_level == 0.5
    assert snap.agents == {"available": 1, "on_call": 1, "wrap_up": 0, "away": 0}
    assert snap.logged_in == 2
    assert snap.total.today.offered == 8 and snap.total.waiting == 1


def test_live_with_nothing(db: Database) -> None:
    snap = live.snapshot(db, S, NOW)
    assert snap.queues == [] and snap.logged_in == 0 and snap.total.today.service_level is None


def test_staffing_plan(db: Database) -> None:
    ids = add_people(db)
    with db.session() as s:  # 10 calls 09:00-09:30 on each of the 4 Mondays before 03-30
        for w in range(1, 5):
            day = datetime(2026, 3, 30) - timedelta(weeks=w)
            for i in range(10):
                o = at(day.strftime("%Y-%m-%d") + f"T09:{i * 2:02d}:00")
                s.add(Call(call_ref=f"w{w}-{i}", queue="sales", offered_at=o,
                           answered_at=o + timedelta(seconds=5),
                           ended_at=o + timedelta(seconds=155), acw_seconds=30))  # fmt: skip
        _status(s, ids["a1"], "available", "2026-03-30T08:00", "2026-03-30T12:00")
        _status(s, ids["a2"], "away", "2026-03-30T09:10", "2026-03-30T09:20")
    plan = staffing.plan(db, datetime(2026, 3, 30).date(), S, now=at("2026-03-30T09:45"))
    slot = {i.label: i for i in plan}
    assert slot["09:00"].forecast_calls == 10 and slot["09:00"].aht_seconds == 180
    assert slot["09:00"].erlangs == pytest.approx(1.0)
    assert slot["09:00"].agents_needed == erlang.agents_needed(10, 180, 1800, 0.8, 20).agents
    assert slot["09:00"].logged_in == 2 and slot["08:30"].logged_in == 1
    assert slot["10:00"].logged_in is None  # not begun
    assert slot["10:00"].agents_needed == 0 and len(plan) == 48


def test_rfm_segments_match_card_scoring(db: Database) -> None:
    now = datetime(2026, 3, 10, tzinfo=UTC)
    with db.session() as s:
        for n in range(12):
            cid = _customer(s, f"C{n}")
            for k in range(n % 4 + 1):
                s.add(Order(customer_id=cid, ordered_at=now - timedelta(days=n * 20 + k),
                            amount=Decimal(100 * (n + 1)), product="p"))  # fmt: skip
        _customer(s, "Never bought")
    cut = rfm.compute_cutoffs(db, now)
    rows = {r.segment: r for r in customers.segments(db, LO, HI, cut)}
    expected: dict[str, tuple[int, Decimal]] = {}
    with db.session() as s:
        for c in s.query(Customer):
            orders = s.query(Order).filter_by(customer_id=c.id).all()
            if not orders:
                continue
            sc = rfm.score(cut, max(o.ordered_at for o in orders), len(orders),
                           sum((o.amount for o in orders), Decimal(0)))  # fmt: skip
            assert sc is not None
            n, v = expected.get(sc.segment.value, (0, Decimal(0)))
            expected[sc.segment.value] = (n + 1, v + sum(o.amount for o in orders))
    got = {k: (r.customers, r.value) for k, r in rows.items() if r.customers and k != "no_orders"}
    assert got == expected
    assert rows["no_orders"].customers == 1


def test_complaint_rate_by_segment(db: Database, world: dict[str, uuid.UUID]) -> None:
    with db.session() as s:
        s.add(Order(customer_id=world["y"], ordered_at=at("2026-02-01T10:00"),
                    amount=Decimal(500), product="p"))  # fmt: skip
    rows = {r.segment: r for r in customers.segments(db, LO, HI)}
    y_seg = next(r for k, r in rows.items() if k != "no_orders" and r.customers)
    assert (y_seg.complaints, y_seg.interactions) == (1, 2)  # Y: t4; two contacts
    assert (rows["no_orders"].complaints, rows["no_orders"].interactions) == (0, 2)  # X


def test_retention_by_month(db: Database) -> None:
    with db.session() as s:
        x, y, z = _customer(s, "X"), _customer(s, "Y"), _customer(s, "Z")
        for cust, when in ((x, "2026-02-10"), (y, "2026-02-28T23:30"), (x, "2026-03-05"),
                           (z, "2026-03-01T00:10")):  # fmt: skip
            s.add(Interaction(customer_id=cust, channel="email", started_at=at(when + ("T09:00"
                              if "T" not in when else ""))))  # fmt: skip
        s.add(Order(customer_id=y, ordered_at=at("2026-04-02T10:00"), amount=1, product="p"))
    rows = customers.retention(db, at("2026-03-01T00:00"), at("2026-05-01T00:00"), S.zone)
    got = [(r.label, r.previous_active, r.retained, r.active, r.retention) for r in rows]
    assert got == [("2026-03", 2, 1, 2, 0.5), ("2026-04", 2, 0, 1, 0.0)]
    assert rows[0].churn == 0.5
