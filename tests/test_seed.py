"""Demo data: deterministic, consistent with the app's own rules, and loadable twice only
on purpose. Engine tests use the `db` fixture (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import random
import re
import uuid
from collections import Counter as Tally
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.dialects import sqlite as sqlite_dialect

from app import routing, seed_data
from app.auth import authenticate
from app.bulk import sqlite_timestamp, stamp_function
from app.errors import UserError
from app.phones import parse
from app.seed import (
    BASE,
    LANDLINE_SHAPE_COUNT,
    MOBILE_SHAPE_COUNT,
    format_landline,
    format_mobile,
    seed_demo,
    uuid_hex,
)
from db import migrate
from db.engine import Database
from db.enums import Channel, Role, TicketKind, TicketStatus
from db.models import (
    AgentStatusLog,
    BusinessCalendar,
    Call,
    Category,
    ContactPoint,
    Counter,
    Customer,
    Department,
    Interaction,
    Order,
    RoutingRule,
    SlaPolicy,
    Ticket,
    TicketEvent,
    User,
)

N = 300

TABLES = {
    "customers": Customer,
    "contact_points": ContactPoint,
    "orders": Order,
    "interactions": Interaction,
    "tickets": Ticket,
    "ticket_events": TicketEvent,
    "calls": Call,
    "agent_status_log": AgentStatusLog,
}


def _count(db: Database, model: Any) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _fresh_sqlite(path: Path) -> Database:
    d = Database(f"sqlite:///{path}")
    migrate.upgrade(d)
    return d


def _orphans(db: Database) -> int:
    """Rows whose foreign keys point nowhere (PostgreSQL may load without FK triggers)."""
    checks = [
        ("contact_points", "customer_id", "customers"),
        ("orders", "customer_id", "customers"),
        ("orders", "supplier_id", "departments"),
        ("interactions", "customer_id", "customers"),
        ("interactions", "call_id", "calls"),
        ("interactions", "ticket_id", "tickets"),
        ("interactions", "agent_id", "users"),
        ("tickets", "customer_id", "customers"),
        ("tickets", "department_id", "departments"),
        ("tickets", "assignee_id", "users"),
        ("tickets", "category_id", "categories"),
        ("tickets", "subcategory_id", "categories"),
        ("tickets", "sla_policy_id", "sla_policies"),
        ("tickets", "routing_rule_id", "routing_rules"),
        ("ticket_events", "ticket_id", "tickets"),
        ("ticket_events", "actor_id", "users"),
        ("calls", "customer_id", "customers"),
        ("calls", "agent_id", "users"),
        ("agent_status_log", "user_id", "users"),
        ("customers", "organization_id", "customers"),
        ("users", "department_id", "departments"),
        ("categories", "parent_id", "categories"),
    ]
    total = 0
    with db.engine.connect() as conn:
        for table, col, parent in checks:
            total += conn.scalar(
                text(
                    f"SELECT count(*) FROM {table} c WHERE c.{col} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {parent} p WHERE p.id = c.{col})"
                )
            )
    return total


# --- on both engines -------------------------------------------------------------------


def test_seed_fills_every_table_consistently(db: Database) -> None:
    messages: list[str] = []
    counts = seed_demo(db, N, seed=3, progress=messages.append)

    for name, model in TABLES.items():
        assert counts[name] == _count(db, model), name
    assert counts["customers"] == N
    assert 1.3 * N < counts["contact_points"] < 4 * N
    assert counts["orders"] > N and counts["tickets"] > 0 and counts["calls"] > 0
    assert any(m.startswith("customers ") and m.endswith(f"/{N}") for m in messages)
    assert _orphans(db) == 0

    with db.sessions() as s:
        customers = s.scalars(select(Customer)).all()
        phones = Tally(
            s.scalars(
                select(ContactPoint.customer_id).where(
                    ContactPoint.kind == "phone", ContactPoint.is_primary
                )
            )
        )
        # every customer has exactly one primary phone; one primary per kind at most
        assert all(phones[c.id] == 1 for c in customers)
        per_kind = s.execute(
            select(ContactPoint.customer_id, ContactPoint.kind, func.count())
            .where(ContactPoint.is_primary)
            .group_by(ContactPoint.customer_id, ContactPoint.kind)
        ).all()
        assert all(n == 1 for _c, _k, n in per_kind)
        assert all(c.external_id == f"C3-{i:07d}" for i, c in enumerate(
            sorted(customers, key=lambda c: c.external_id or ""), 1))  # fmt: skip

        # ticket numbers 1..n in creation order, and the counter knows the last one
        tickets = s.scalars(select(Ticket).order_by(Ticket.number)).all()
        assert [t.number for t in tickets] == list(range(1, len(tickets) + 1))
        assert [t.created_at for t in tickets] == sorted(t.created_at for t in tickets)
        assert s.scalar(select(Counter.value).where(Counter.name == "ticket")) == len(tickets)

        # timestamps come back timezone-aware and lie before the demo's "now"
        stamps = [
            customers[0].created_at,
            tickets[0].created_at,
            s.scalars(select(Call.offered_at)).first(),
            s.scalars(select(TicketEvent.at)).first(),
            s.scalars(select(Order.ordered_at)).first(),
        ]
        assert all(t is not None and t.tzinfo is not None and t < BASE for t in stamps)

        # every ticket's log starts with its creation and is numbered without gaps
        logs: dict[uuid.UUID, list[TicketEvent]] = {}
        for e in s.scalars(select(TicketEvent).order_by(TicketEvent.ticket_id, TicketEvent.seq)):
            logs.setdefault(e.ticket_id, []).append(e)
        for t in tickets:
            log = logs[t.id]
            assert log[0].kind == "created" and log[0].at == t.created_at
            assert [e.seq for e in log] == list(range(1, len(log) + 1))
            assert [e.at for e in log] == sorted(e.at for e in log)
            assert t.department_id is not None and t.resolution_due is not None


def test_reference_data_and_demo_logins(db: Database) -> None:
    seed_demo(db, 20, seed=1)
    with db.sessions() as s:
        roles = set(s.scalars(select(User.role)))
        assert roles == {str(r) for r in Role}
        codes = dict(s.execute(select(Department.code, Department.kind)).all())
        assert {c: k for c, _n, k in seed_data.DEPARTMENTS}.items() <= codes.items()
        agents = s.scalars(select(User).where(User.role == "agent").order_by(User.username)).all()
        assert len(agents) >= 8 and {a.extension for a in agents} >= {"101", "102", "108"}
        supplier_users = s.execute(
            select(User.username, Department.kind)
            .join(Department, Department.id == User.department_id)
            .where(User.role == "supplier")
        ).all()
        assert {k for _u, k in supplier_users} == {"supplier", "partner"}
        parents = dict(s.execute(select(Category.code, Category.parent_id)).all())
        assert parents["delivery"] is None and parents["delivery.late"] is not None
        assert {"payment.ewallet", "supplier_product", "agent_conduct", "account", "other"} <= set(
            parents
        )
        cal = s.scalar(select(BusinessCalendar).where(BusinessCalendar.name == "Vietnam"))
        assert cal is not None and cal.timezone == "Asia/Ho_Chi_Minh"
        assert {"2026-02-17", "2026-04-30", "2026-09-02", "2027-01-01"} <= set(cal.holidays)
        assert cal.hours["0"] == [["08:00", "17:30"]] and "6" not in cal.hours
        policies = {p.name: p for p in s.scalars(select(SlaPolicy))}
        assert policies["3 business days"].resolution_minutes == int(3 * 9.5 * 60)
        assert policies["3 business days"].calendar_id == cal.id
        assert policies["24 hours"].first_response_minutes == 60
        rules = [
            routing.Rule(r.name, r.conditions, r.actions, r.position, r.enabled)
            for r in s.scalars(select(RoutingRule).order_by(RoutingRule.position))
        ]
    routing.validate(rules, codes, policies)  # the app accepts the demo rule set as it is
    for username, password in [
        ("admin", "admin123"),
        ("supervisor", "super123"),
        ("agent1", "agent123"),
        ("quality1", "dept123"),
        ("saomai", "supplier123"),
    ]:
        assert authenticate(db, username, password).username == username
    with pytest.raises(UserError):
        authenticate(db, "admin", "agent123")


def test_routing_rules_send_complaints_where_the_readme_says(db: Database) -> None:
    seed_demo(db, 0, seed=1)
    with db.sessions() as s:
        rules = [
            routing.Rule(r.name, r.conditions, r.actions, r.position, r.enabled)
            for r in s.scalars(select(RoutingRule).order_by(RoutingRule.position))
        ]
    cases = [
        (routing.Facts(category="delivery", subcategory="delivery.late"), "DELIVERY", "normal"),
        (routing.Facts(category="product"), "QUALITY", "normal"),
        (routing.Facts(category="payment"), "BILLING", "normal"),
        (routing.Facts(category="supplier_product", supplier="SUP_SAOMAI"), "SUP_SAOMAI", "normal"),
        (routing.Facts(category="supplier_product"), "QUALITY", "normal"),
        (routing.Facts(category="agent_conduct"), "CS_SUP", "normal"),
        (routing.Facts(category="account"), "CARE", "normal"),
        (routing.Facts(text="Giao hàng trễ 3 ngày"), "DELIVERY", "normal"),
        (routing.Facts(text="hoàn tiền qua ví điện tử MoMo"), "BILLING", "normal"),
        (routing.Facts(text="the parcel arrived damaged"), "DELIVERY", "normal"),
        (routing.Facts(text="nhân viên thái độ bất lịch sự"), "CS_SUP", "normal"),
        (routing.Facts(tier="vip", category="delivery"), "DELIVERY", "high"),
        (routing.Facts(tier="vip", category="account"), "CARE", "high"),
        (routing.Facts(category="other"), "CARE", "normal"),
    ]
    for facts, department, priority in cases:
        d = routing.decide(rules, facts)
        assert (d.department, d.priority) == (department, priority), facts
    vip = routing.decide(rules, routing.Facts(tier="vip", category="account"))
    assert vip.sla_policy == "VIP 8 hours" and "vip" in vip.tags
    assert routing.decide(rules, routing.Facts(category="other")).sla_policy == "48 hours"


def test_stored_phones_are_what_app_phones_makes_of_them(db: Database) -> None:
    seed_demo(db, N, seed=5)
    with db.sessions() as s:
        rows = s.execute(
            select(ContactPoint.value_raw, ContactPoint.value_norm, ContactPoint.match_key).where(
                ContactPoint.kind == "phone"
            )
        ).all()
        emails = s.execute(
            select(ContactPoint.value_raw, ContactPoint.value_norm).where(
                ContactPoint.kind == "email"
            )
        ).all()
    assert len(rows) > N
    for raw, norm, key in rows:
        p = parse(raw)
        assert p is not None, raw
        assert (p.e164, p.national) == (norm, key), raw
    assert any(not r.startswith("0") for r, _n, _k in rows)  # not only one shape
    assert all(n == r.lower() and "@" in n for r, n in emails)


def test_seeding_the_same_seed_twice_is_a_clear_error(db: Database) -> None:
    first = seed_demo(db, 40, seed=9)
    with pytest.raises(UserError, match="seed 9 are already"):
        seed_demo(db, 40, seed=9)
    assert _count(db, Customer) == 40  # nothing half-written
    again = seed_demo(db, 30, seed=10)  # another seed adds to the same database
    assert again["departments"] == again["users"] == again["routing_rules"] == 0
    assert _count(db, Customer) == 70 and _count(db, Department) == first["departments"]
    with db.sessions() as s:
        numbers = s.scalars(select(Ticket.number).order_by(Ticket.number)).all()
        assert numbers == list(range(1, len(numbers) + 1))
        assert s.scalar(select(Counter.value).where(Counter.name == "ticket")) == numbers[-1]
    assert _orphans(db) == 0


def test_bulk_loader_stores_python_values_as_the_orm_does(db: Database) -> None:
    from app.bulk import BulkLoader, loading_connection

    dept, cid = uuid.uuid4(), uuid.uuid4()
    when = datetime(2026, 3, 1, 9, 15, 30, 123456, tzinfo=BASE.tzinfo)
    with loading_connection(db) as conn:
        loader = BulkLoader(conn)
        loader.begin()
        loader.insert(
            Department.__table__,
            ("id", "code", "name", "kind", "active", "version", "created_at", "updated_at"),
            [(dept, "X", "X desk", "internal", True, 1, when, when)],
        )
        loader.insert(
            Customer.__table__,
            ("id", "external_id", "kind", "name", "name_key", "tier", "vip", "version",
             "created_at", "updated_at"),
            [(cid, "B-1", "person", "Lê Văn Bé", "le van be", "gold", False, 1, when, when)],
        )  # fmt: skip
        loader.finish()
    with db.sessions() as s:
        c = s.get(Customer, cid)
        assert c is not None and c.name == "Lê Văn Bé" and c.created_at == when
        d = s.get(Department, dept)
        assert d is not None and d.active is True
        assert s.scalar(select(Customer.id).where(Customer.created_at == when)) == cid


# --- SQLite only -----------------------------------------------------------------------


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.sessions() as s:
        return {
            "customers": s.execute(
                select(Customer.id, Customer.external_id, Customer.name, Customer.name_key,
                       Customer.tier, Customer.created_at).order_by(Customer.external_id)
            ).all(),
            "contacts": s.execute(
                select(ContactPoint.id, ContactPoint.value_raw, ContactPoint.value_norm)
                .order_by(ContactPoint.id)
            ).all(),
            "orders": s.execute(
                select(Order.id, Order.external_id, Order.amount, Order.ordered_at)
                .order_by(Order.id)
            ).all(),
            "tickets": s.execute(
                select(Ticket.number, Ticket.id, Ticket.subject, Ticket.status,
                       Ticket.resolution_due, Ticket.priority).order_by(Ticket.number)
            ).all(),
            "events": s.execute(
                select(TicketEvent.id, TicketEvent.at, TicketEvent.kind, TicketEvent.data)
                .order_by(TicketEvent.id)
            ).all(),
            "calls": s.execute(
                select(Call.call_ref, Call.id, Call.offered_at, Call.answered_at, Call.agent_id)
                .order_by(Call.call_ref)
            ).all(),
        }  # fmt: skip


def test_same_seed_same_data(tmp_path: Path) -> None:
    a, b, c = (_fresh_sqlite(tmp_path / f"{x}.sqlite") for x in "abc")
    seed_demo(a, 200, seed=7)
    seed_demo(b, 200, seed=7)
    seed_demo(c, 200, seed=8)
    snap_a, snap_b, snap_c = _snapshot(a), _snapshot(b), _snapshot(c)
    assert snap_a == snap_b
    assert snap_a["customers"] != snap_c["customers"]
    for d in (a, b, c):
        d.dispose()


def test_sqlite_integrity_and_search_index(tmp_path: Path) -> None:
    d = _fresh_sqlite(tmp_path / "x.sqlite")
    seed_demo(d, 500, seed=2)
    with d.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # pool untouched
        triggers = {
            r[0]
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        tables = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
        names = conn.exec_driver_sql("SELECT rowid, name_key FROM customers").all()
        values = conn.exec_driver_sql("SELECT rowid, value_norm FROM contact_points").all()
        # The search tables were filled although their insert triggers were set aside.
        if "contact_points_fts" in tables:
            assert "contact_points_fts_ai" in triggers
            digits = values[0][1][-3:]  # one trigram
            found = conn.exec_driver_sql(
                "SELECT rowid FROM contact_points_fts WHERE contact_points_fts MATCH ?",
                (f'"{digits}"',),
            ).scalars()
            assert set(found) == {r for r, v in values if digits in v}
        if "customers_fts" in tables:
            assert "customers_fts_ai" in triggers
            word = names[0][1].split()[-1]
            found = conn.exec_driver_sql(
                "SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?", (f'"{word}"',)
            ).scalars()
            assert set(found) == {r for r, n in names if word in n.split()}
    assert len(names) == 500
    d.dispose()


def test_demo_world_has_every_kind_of_thing(tmp_path: Path) -> None:
    d = _fresh_sqlite(tmp_path / "big.sqlite")
    seed_demo(d, 20000, seed=1)  # big enough that rare states (new, pending_supplier) occur
    with d.sessions() as s:
        customers = s.execute(select(Customer.kind, Customer.tier, Customer.vip, Customer.name,
                                     Customer.organization_id, Customer.warning)).all()  # fmt: skip
        kinds = Tally(k for k, *_ in customers)
        assert 0.05 < kinds["organization"] / len(customers) < 0.11
        assert 0.004 < sum(v for _k, _t, v, *_ in customers) / len(customers) < 0.02
        assert all(v == (t == "vip") for _k, t, v, *_ in customers)
        assert {"standard", "silver", "gold", "vip"} == {t for _k, t, *_ in customers}
        assert sum(1 for c in customers if c[4] is not None) > 10  # people at companies
        assert any(c[5] for c in customers)  # a few warnings
        names = [c[3] for c in customers if c[0] == "person"]
        assert sum(n.startswith("Nguyễn ") for n in names) / len(names) > 0.25
        assert any(re.search(r"[A-Z][a-z]+ [A-Z]", n) and not re.search(r"[^\x00-\x7f]", n)
                   for n in names)  # fmt: skip

        shared = s.execute(
            select(ContactPoint.value_norm, func.count(func.distinct(ContactPoint.customer_id)))
            .where(ContactPoint.kind == "phone")
            .group_by(ContactPoint.value_norm)
            .having(func.count(func.distinct(ContactPoint.customer_id)) > 1)
        ).all()
        assert shared  # family and office lines
        with_email = s.scalar(
            select(func.count(func.distinct(ContactPoint.customer_id))).where(
                ContactPoint.kind == "email"
            )
        )
        assert 0.6 < (with_email or 0) / len(customers) < 0.85
        contact_kinds = set(s.scalars(select(ContactPoint.kind).distinct()))
        assert {"phone", "email", "facebook", "zalo"} <= contact_kinds

        assert set(s.scalars(select(Interaction.channel).distinct())) == {str(c) for c in Channel}
        sats = set(s.scalars(select(Interaction.satisfaction).distinct()))
        assert {1, 2, 3, 4, 5, None} == sats
        from app.interactions import WRAPUP_CODES

        assert set(s.scalars(select(Interaction.wrapup_code).distinct())) <= set(WRAPUP_CODES)
        summaries = s.scalars(select(Interaction.summary)).all()
        assert any("đơn" in (x or "") for x in summaries) and any(
            "order" in (x or "") for x in summaries
        )

        tickets = s.execute(
            select(
                Ticket.kind, Ticket.status, Ticket.priority, Department.kind, Ticket.breached
            ).join(Department, Department.id == Ticket.department_id)
        ).all()
        assert {k for k, *_ in tickets} == {str(k) for k in TicketKind}
        assert {st for _k, st, *_ in tickets} == {str(x) for x in TicketStatus}
        assert {p for _k, _s, p, *_ in tickets} == {"low", "normal", "high", "urgent"}
        assert {dk for *_x, dk, _b in tickets} == {"internal", "supplier", "partner"}
        breached = sum(b for *_x, b in tickets) / len(tickets)
        assert 0.03 < breached < 0.35
        departments = set(
            s.scalars(
                select(Department.code)
                .join(Ticket, Ticket.department_id == Department.id)
                .distinct()
            )
        )
        assert {"CARE", "DELIVERY", "QUALITY", "BILLING"} <= departments
        event_kinds = set(s.scalars(select(TicketEvent.kind).distinct()))
        assert {"created", "comment", "status", "assign", "transfer", "breach", "escalate"} <= (
            event_kinds
        )

        calls = s.execute(select(Call.queue, Call.direction, Call.answered_at, Call.agent_id,
                                 Call.customer_id, Call.offered_at, Call.ended_at,
                                 Call.acw_seconds)).all()  # fmt: skip
        assert {q for q, *_ in calls} == {"sales", "support", "complaints", None}
        inbound = [c for c in calls if c[1] == "inbound"]
        abandoned = sum(c[2] is None for c in inbound) / len(inbound)
        assert 0.01 < abandoned < 0.3
        assert all(c[3] is not None for c in inbound if c[2] is not None)
        assert (
            any(c[4] is None for c in calls)
            and sum(c[4] is not None for c in calls) > len(calls) * 0.8
        )
        window = BASE - timedelta(days=90)
        assert all(window <= c[5] < BASE and c[6] >= c[5] for c in calls)
        # no agent is on two answered calls at once
        by_agent: dict[Any, list[tuple[datetime, datetime]]] = {}
        for _q, _d, ans, agent, _c, _o, end, acw in calls:
            if agent is not None and ans is not None:
                by_agent.setdefault(agent, []).append((ans, end + timedelta(seconds=acw)))
        for spans in by_agent.values():
            spans.sort()
            assert all(b[0] >= a[1] for a, b in pairwise(spans))
        statuses = set(s.scalars(select(AgentStatusLog.status).distinct()))
        assert statuses == {"available", "on_call", "wrap_up", "away", "offline"}
        suppliers = s.scalar(
            select(func.count()).select_from(Order).where(Order.supplier_id.is_not(None))
        )
        assert suppliers and suppliers > 0
    d.dispose()


# --- pure functions --------------------------------------------------------------------


def test_formatted_numbers_parse_to_what_is_stored() -> None:
    rng = random.Random(1)
    for prefix, _w in seed_data.MOBILE_PREFIXES:
        for shape in range(MOBILE_SHAPE_COUNT):
            nsn = f"{prefix}{rng.randrange(10**7):07d}"
            p = parse(format_mobile(nsn, shape))
            assert p is not None and (p.e164, p.national) == ("+84" + nsn, nsn), (nsn, shape)
    for area, lo, hi, digits, _w in seed_data.LANDLINE_AREAS:
        for shape in range(LANDLINE_SHAPE_COUNT):
            sub = f"{rng.randint(lo, hi)}{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"
            nsn = area + sub
            p = parse(format_landline(nsn, shape))
            assert p is not None and (p.e164, p.national) == ("+84" + nsn, nsn), (nsn, shape)


def test_stamps_are_stored_as_sqlalchemy_stores_them() -> None:
    proc = Customer.__table__.c.created_at.type._cached_bind_processor(sqlite_dialect.dialect())
    assert proc is not None
    sqlite_stamp, pg_stamp = stamp_function(), stamp_function("+00")
    rng = random.Random(2)
    for _ in range(2000):
        ts = rng.randrange(0, 4_000_000_000)
        dt = datetime.fromtimestamp(ts, UTC)
        assert sqlite_stamp(ts) == proc(dt) == sqlite_timestamp(dt)
        assert datetime.fromisoformat(pg_stamp(ts)) == dt
    local = datetime(2026, 5, 1, 9, 30, tzinfo=BASE.tzinfo)
    assert sqlite_timestamp(local) == proc(local) == "2026-05-01 02:30:00.000000"
    with pytest.raises(ValueError):
        sqlite_timestamp(datetime(2026, 1, 1))


def test_uuid_hex_is_a_version_4_uuid_of_the_bits() -> None:
    rng = random.Random(3)
    for _ in range(1000):
        bits = rng.getrandbits(128)
        assert uuid_hex(bits) == uuid.UUID(int=bits, version=4).hex


# --- command line ----------------------------------------------------------------------


def test_cli_db_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert main(["db", "seed", "--db", url, "--customers", "50", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["customers"] == 50 and out["users"] > 0
    assert main(["db", "seed", "--db", url, "--customers", "50"]) == 2
    assert "already" in capsys.readouterr().err
