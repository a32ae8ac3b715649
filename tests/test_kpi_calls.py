"""Call KPIs against hand-computed fixtures (tests/kpi_fixtures.py), on both engines."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, update

from app.kpi import calls, periods
from app.kpi.calls import CallTotals
from app.kpi.periods import Grain
from app.kpi.settings import KpiSettings
from db.engine import Database
from db.models import Call
from tests.kpi_fixtures import add_day, add_people, at, call

S = KpiSettings(timezone="Asia/Ho_Chi_Minh")
DAY_LO, DAY_HI = at("2026-03-02T00:00:00"), at("2026-03-03T00:00:00")


@pytest.fixture
def ids(db: Database) -> dict[str, uuid.UUID]:
    people = add_people(db)
    add_day(db, people)
    return people


def figures(t: CallTotals) -> dict[str, object]:
    d = t.as_dict()
    keys = ("offered", "answered", "abandoned", "short_abandoned", "service_level",
            "asa_seconds", "aht_seconds", "abandonment_rate")  # fmt: skip
    return {k: d[k] for k in keys}


def test_day_totals(db: Database, ids: dict[str, uuid.UUID]) -> None:
    rep = calls.report(db, DAY_LO, DAY_HI, S)
    assert figures(rep.total) == {
        "offered": 9,
        "answered": 5,
        "abandoned": 3,
        "short_abandoned": 2,
        "service_level": round(4 / 6, 6),
        "asa_seconds": 19.0,
        "aht_seconds": 264.0,
        "abandonment_rate": round(1 / 7, 6),
    }
    assert rep.total.waiting == 1


def test_by_queue(db: Database, ids: dict[str, uuid.UUID]) -> None:
    rep = calls.report(db, DAY_LO, DAY_HI, S, grain=Grain.QUEUE)
    rows = {r.label: figures(r.totals) for r in rep.rows}
    assert rows["sales"] == {
        "offered": 6, "answered": 3, "abandoned": 3, "short_abandoned": 2,
        "service_level": 0.5, "asa_seconds": 25.0, "aht_seconds": 210.0,
        "abandonment_rate": 0.25,
    }  # fmt: skip
    assert rows["support"] == {
        "offered": 3, "answered": 2, "abandoned": 0, "short_abandoned": 0,
        "service_level": 1.0, "asa_seconds": 10.0, "aht_seconds": 345.0,
        "abandonment_rate": 0.0,
    }  # fmt: skip
    assert figures(rep.total) == figures(calls.report(db, DAY_LO, DAY_HI, S).total)


def test_queue_filter(db: Database, ids: dict[str, uuid.UUID]) -> None:
    rep = calls.report(db, DAY_LO, DAY_HI, S, queue="support")
    assert (rep.total.offered, rep.total.answered) == (3, 2)


def test_by_agent_and_department(db: Database, ids: dict[str, uuid.UUID]) -> None:
    rep = calls.report(db, DAY_LO, DAY_HI, S, grain=Grain.AGENT)
    rows = {r.label: r.totals for r in rep.rows}
    assert rows["a1"].handled == 3 and rows["a1"].aht_seconds == pytest.approx(520 / 3)
    assert rows["a2"].handled == 2 and rows["a2"].aht_seconds == 400.0
    assert rows[""].offered == 4  # abandoned and waiting calls have no agent
    deps = calls.report(db, DAY_LO, DAY_HI, S, grain=Grain.DEPARTMENT)
    by = {r.label: r.totals.handled for r in deps.rows}
    assert by == {"Customer care": 3, "Sales desk": 2, "": 0}


def test_agent_over_many_days_uses_day_rollup(db: Database, ids: dict[str, uuid.UUID]) -> None:
    lo, hi = at("2026-02-20T08:07:00"), at("2026-03-10T17:00:00")
    rep = calls.report(db, lo, hi, S, grain=Grain.AGENT)
    rows = {r.label: r.totals for r in rep.rows}
    assert rows["a1"].handled == 3 and rows["a2"].handled == 2
    assert rep.total.offered == 9


def test_by_day_in_business_zone_with_call_across_midnight(
    db: Database, ids: dict[str, uuid.UUID]
) -> None:
    rep = calls.report(db, DAY_LO, at("2026-03-04T00:00:00"), S, grain=Grain.DAY)
    assert [(r.label, r.totals.offered) for r in rep.rows] == [
        ("2026-03-02", 9),  # c10 at 06:30 local is 23:30 UTC on the 1st; c7 23:59:50
        ("2026-03-03", 0),
    ]
    assert rep.rows[1].totals.service_level is None


def test_days_follow_the_time_zone_setting(db: Database, ids: dict[str, uuid.UUID]) -> None:
    utc = KpiSettings(timezone="UTC")
    lo, hi = periods.parse_range("2026-03-01", "2026-03-04", utc.zone)
    rep = calls.report(db, lo, hi, utc, grain=Grain.DAY)
    assert [(r.label, r.totals.offered) for r in rep.rows] == [
        ("2026-03-01", 1),  # c10
        ("2026-03-02", 8),  # c7 at 16:59:50 UTC
        ("2026-03-03", 0),
    ]


def test_by_hour(db: Database, ids: dict[str, uuid.UUID]) -> None:
    rep = calls.report(
        db, at("2026-03-02T09:00:00"), at("2026-03-02T11:00:00"), S, grain=Grain.HOUR
    )
    assert [(r.label, r.totals.offered) for r in rep.rows] == [
        ("2026-03-02T09:00+07:00", 6),
        ("2026-03-02T10:00+07:00", 1),
    ]


def test_range_inside_a_quarter_hour(db: Database, ids: dict[str, uuid.UUID]) -> None:
    rep = calls.report(db, at("2026-03-02T09:01:00"), at("2026-03-02T09:20:00"), S)
    assert (rep.total.offered, rep.total.answered, rep.total.short_abandoned) == (3, 2, 1)
    rep = calls.report(db, at("2026-03-02T09:00:30"), at("2026-03-02T09:30:01"), S)
    assert rep.total.offered == 5  # c2..c6


def test_thresholds_are_settings(db: Database, ids: dict[str, uuid.UUID]) -> None:
    binned = KpiSettings(sl_seconds=45, short_abandon_seconds=3, timezone="Asia/Ho_Chi_Minh")
    t = calls.report(db, DAY_LO, DAY_HI, binned).total
    assert (t.answered_in_sl, t.short_abandoned) == (5, 0)
    assert t.service_level == pytest.approx(5 / 8)
    assert t.abandonment_rate == pytest.approx(3 / 9)
    odd = KpiSettings(sl_seconds=12, short_abandon_seconds=4, timezone="Asia/Ho_Chi_Minh")
    t = calls.report(db, DAY_LO, DAY_HI, odd).total  # not stored: summed from calls
    assert (t.answered_in_sl, t.short_abandoned) == (2, 1)


def test_no_calls(db: Database) -> None:
    t = calls.report(db, DAY_LO, DAY_HI, S).total
    assert figures(t) == {
        "offered": 0, "answered": 0, "abandoned": 0, "short_abandoned": 0,
        "service_level": None, "asa_seconds": None, "aht_seconds": None,
        "abandonment_rate": None,
    }  # fmt: skip


def test_all_abandoned(db: Database) -> None:
    with db.session() as s:
        s.add_all([call(f"x{i}", "sales", f"2026-03-02T10:0{i}:00", None, gone_after=30)
                   for i in range(3)])  # fmt: skip
    t = calls.report(db, DAY_LO, DAY_HI, S).total
    assert figures(t) == {
        "offered": 3, "answered": 0, "abandoned": 3, "short_abandoned": 0,
        "service_level": 0.0, "asa_seconds": None, "aht_seconds": None,
        "abandonment_rate": 1.0,
    }  # fmt: skip


def test_only_short_abandons(db: Database) -> None:
    with db.session() as s:
        s.add(call("x", "sales", "2026-03-02T10:00:00", None, gone_after=2))
    t = calls.report(db, DAY_LO, DAY_HI, S).total
    assert (t.service_level, t.abandonment_rate) == (None, None)


def test_rollups_follow_updates_and_deletes(db: Database, ids: dict[str, uuid.UUID]) -> None:
    with db.session() as s:  # the waiting call is answered after 8 s and ends
        c9 = s.query(Call).filter_by(call_ref="c9").one()
        c9.answered_at = c9.offered_at + timedelta(seconds=8)
        c9.ended_at = c9.answered_at + timedelta(seconds=100)
        c9.agent_id = ids["a2"]
    t = calls.report(db, DAY_LO, DAY_HI, S).total
    assert (t.answered, t.answered_in_sl, t.handled) == (6, 5, 6)
    with db.session() as s:  # moved to the next day
        moved = {
            "offered_at": at("2026-03-03T09:00:00"),
            "answered_at": at("2026-03-03T09:00:10"),
            "ended_at": at("2026-03-03T09:05:10"),
        }
        s.execute(update(Call).where(Call.call_ref == "c1").values(**moved))
        s.execute(delete(Call).where(Call.call_ref == "c6"))
    t = calls.report(db, DAY_LO, DAY_HI, S).total
    assert (t.offered, t.answered, t.abandoned) == (7, 5, 2)
    nxt = calls.report(db, DAY_HI, at("2026-03-04T00:00:00"), S).total
    assert (nxt.offered, nxt.aht_seconds) == (1, 330.0)


def test_rollups_equal_the_calls(db: Database, ids: dict[str, uuid.UUID]) -> None:
    """Random calls: sums from the roll-ups equal sums straight from the calls."""
    rng = random.Random(5)
    base = datetime(2026, 2, 1, tzinfo=UTC)
    agents = [ids["a1"], ids["a2"], None]
    with db.session() as s:
        for i in range(400):
            o = base + timedelta(seconds=rng.randrange(0, 20 * 86400))
            wait = rng.randrange(0, 200) + rng.random()
            ans = o + timedelta(seconds=wait) if rng.random() < 0.7 else None
            end = (
                (ans or o) + timedelta(seconds=rng.randrange(1, 500))
                if rng.random() < 0.95
                else None
            )
            s.add(Call(call_ref=f"r{i}", queue=rng.choice(["a", "b", None]),
                       direction=rng.choice(["inbound"] * 5 + ["outbound"]), offered_at=o,
                       answered_at=ans, ended_at=end, acw_seconds=rng.randrange(0, 60),
                       hold_seconds=rng.randrange(0, 30), agent_id=rng.choice(agents)))  # fmt: skip
    lo, hi = base + timedelta(hours=5, minutes=7), base + timedelta(days=17, minutes=3)
    with db.engine.connect() as conn:
        for groups in ([], ["queue"], ["agent"], ["bucket"], ["queue", "agent"]):
            fast = calls._merge(calls.sums(conn, lo, hi, groups, None, S))
            raw = calls._merge(calls._raw_sums(conn, lo, hi, groups, None, S))
            assert fast == raw, groups


def _utc_call(ref: str, when: datetime) -> Call:
    return Call(call_ref=ref, queue="q", offered_at=when, answered_at=when + timedelta(seconds=3),
                ended_at=when + timedelta(seconds=63))  # fmt: skip


def test_days_across_a_daylight_saving_change(db: Database) -> None:
    """London moves to BST at 01:00 UTC on 2026-03-29: that local day has 23 hours."""
    with db.session() as s:
        s.add(_utc_call("gmt", datetime(2026, 3, 29, 0, 30, tzinfo=UTC)))  # 00:30 GMT, 29th
        s.add(_utc_call("bst", datetime(2026, 3, 29, 23, 30, tzinfo=UTC)))  # 00:30 BST, 30th
    london = KpiSettings(timezone="Europe/London")
    lo, hi = periods.parse_range("2026-03-29", "2026-03-31", london.zone)
    rep = calls.report(db, lo, hi, london, grain=Grain.DAY)
    assert [(r.label, r.totals.offered) for r in rep.rows] == [
        ("2026-03-29", 1),
        ("2026-03-30", 1),
    ]
    hours = calls.report(db, lo, hi, london, grain=Grain.HOUR)
    assert len(hours.rows) == 47  # 23 + 24 local hours
    assert [r.label for r in hours.rows if r.totals.offered] == [
        "2026-03-29T00:00+00:00",
        "2026-03-30T00:00+01:00",
    ]


def test_hours_in_a_half_hour_zone(db: Database) -> None:
    """India is UTC+5:30: local hours start at half past in UTC."""
    with db.session() as s:
        s.add(_utc_call("a", datetime(2026, 3, 2, 4, 40, tzinfo=UTC)))  # 10:10 IST
        s.add(_utc_call("b", datetime(2026, 3, 2, 5, 20, tzinfo=UTC)))  # 10:50 IST
        s.add(_utc_call("c", datetime(2026, 3, 2, 5, 35, tzinfo=UTC)))  # 11:05 IST
    india = KpiSettings(timezone="Asia/Kolkata")
    lo, hi = periods.parse_range("2026-03-02T10:00", "2026-03-02T12:00", india.zone)
    rep = calls.report(db, lo, hi, india, grain=Grain.HOUR)
    assert [(r.label, r.totals.offered) for r in rep.rows] == [
        ("2026-03-02T10:00+05:30", 2),
        ("2026-03-02T11:00+05:30", 1),
    ]
