"""Tickets on both engines: routing on save, life cycle, processing log, SLA, escalation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app import tickets
from app.auth import create_user
from app.errors import UserError
from app.tickets import TicketInput
from db.engine import Database
from db.models import AgentStatusLog
from tests.ticket_fixtures import reference

MON_9 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 09:00 in Ho Chi Minh City


@pytest.fixture
def ref_db(db: Database) -> Database:
    reference(db)
    return db


def test_complaint_is_routed_with_deadlines(ref_db: Database) -> None:
    t = tickets.create_ticket(
        ref_db,
        TicketInput(customer="C-1", kind="complaint", text="Giao hàng trễ 3 ngày", channel="phone"),
        at=MON_9,
    )
    assert t.department == "DELIVERY" and t.sla_policy == "24 hours"
    assert t.number == 1 and t.display_number == "T-000001"
    assert t.status == "new" and t.customer_name == "Nguyễn Văn An"
    # 24 business hours from Monday 09:00 with 8 h days -> Thursday 09:00 local.
    assert t.resolution_due == datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    assert t.first_response_due == MON_9 + timedelta(hours=1)
    kinds = [e.kind for e in t.events]
    assert kinds == ["created", "transfer"]
    assert t.events[1].data["rule"] == "Delivery"
    assert "text mentions 'giao hang'" in t.events[1].data["reasons"]


def test_numbers_are_consecutive(ref_db: Database) -> None:
    nums = [tickets.create_ticket(ref_db, TicketInput(text=f"q {i}")).number for i in range(5)]
    assert nums == [1, 2, 3, 4, 5]


def test_vip_gets_high_priority_and_supplier_routing(ref_db: Database) -> None:
    t = tickets.create_ticket(
        ref_db,
        TicketInput(
            customer="C-VIP",
            kind="complaint",
            category="supplier_product",
            supplier="SUP_SAOMAI",
            text="Sữa bị hỏng",
        ),
    )
    assert t.priority == "high" and t.department == "SUP_SAOMAI"
    assert t.sla_policy == "3 business days"


def test_unrouted_goes_to_fallback_loudly(ref_db: Database) -> None:
    from sqlalchemy import delete

    from db.models import RoutingRule

    with ref_db.session() as s:
        s.execute(delete(RoutingRule))
    t = tickets.create_ticket(ref_db, TicketInput(text="hello"))
    assert t.department == "CARE"
    assert "no rule matched" in t.events[1].data["rule"]


def test_life_cycle_and_log(ref_db: Database) -> None:
    user = create_user(ref_db, "agent1", "agent123")
    t = tickets.create_ticket(ref_db, TicketInput(customer="C-1", text="where is my order"))
    n = t.number
    tickets.comment(ref_db, n, "Called the courier", actor_id=user.id)
    assert tickets.show(ref_db, n).status == "open"
    tickets.change_status(ref_db, n, "pending_supplier", actor_id=user.id)
    tickets.change_status(ref_db, n, "resolved", actor_id=user.id, note="Delivered")
    with pytest.raises(UserError, match="cannot become"):
        tickets.change_status(ref_db, n, "pending_customer")
    tickets.change_status(ref_db, n, "closed")
    tickets.change_status(ref_db, n, "open", note="customer says it never came")
    v = tickets.show(ref_db, n)
    assert v.status == "open"
    kinds = [e.kind for e in v.events]
    assert kinds == ["created", "transfer", "comment", "status", "status", "status", "status"]
    assert v.events[2].actor == "agent1"
    assert [e.data.get("to") for e in v.events if e.kind == "status"] == [
        "pending_supplier",
        "resolved",
        "closed",
        "open",
    ]


def test_transfer_needs_a_reason_and_shows_in_the_log(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(text="parcel late", kind="complaint"))
    with pytest.raises(UserError, match="reason"):
        tickets.transfer(ref_db, t.number, "QUALITY", "  ")
    v = tickets.transfer(ref_db, t.number, "QUALITY", "item was damaged, not late")
    assert v.department == "QUALITY"
    last = v.events[-1]
    assert last.kind == "transfer" and last.text == "item was damaged, not late"
    assert last.data == {"from": "DELIVERY", "to": "QUALITY"}


def test_stale_version_is_a_conflict(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(text="x"))
    tickets.comment(ref_db, t.number, "bump")  # new -> open bumps the version
    with pytest.raises(tickets.ConflictError, match="changed by someone else"):
        tickets.change_status(ref_db, t.number, "resolved", expected_version=t.version)


def test_sla_clock_pauses_while_pending_on_customer(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(text="late", kind="complaint"), at=MON_9)
    due = t.resolution_due
    assert due is not None
    tickets.change_status(ref_db, t.number, "pending_customer", at=MON_9 + timedelta(hours=1))
    # Paused from Monday 10:00 to Tuesday 10:00 local: 8 business hours.
    v = tickets.change_status(ref_db, t.number, "open", at=MON_9 + timedelta(days=1, hours=1))
    assert v.resolution_due == datetime(2026, 11, 27, 2, 0, tzinfo=UTC)  # Thu 09:00 -> Fri 09:00


def test_escalation_marks_breaches_once(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(text="late", kind="complaint"), at=MON_9)
    assert tickets.escalate(ref_db, at=MON_9 + timedelta(minutes=30)) == []
    assert tickets.escalate(ref_db, at=MON_9 + timedelta(days=7)) == [t.number]
    assert tickets.escalate(ref_db, at=MON_9 + timedelta(days=8)) == []
    v = tickets.show(ref_db, t.number)
    assert v.breached and v.priority == "high"
    assert [e.kind for e in v.events][-2:] == ["breach", "escalate"]
    assert v.events[-1].data["notify"] == ["supervisor"]


def test_pending_customer_never_breaches(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(text="late"), at=MON_9)
    tickets.change_status(ref_db, t.number, "pending_customer", at=MON_9)
    assert tickets.escalate(ref_db, at=MON_9 + timedelta(days=30)) == []


def test_least_loaded_assignment_among_available_members(ref_db: Database) -> None:
    from sqlalchemy import select

    from db.models import Department, User

    a = create_user(ref_db, "deliv_a", "pass123")
    b = create_user(ref_db, "deliv_b", "pass123")
    create_user(ref_db, "deliv_away", "pass123")
    with ref_db.session() as s:
        dep = s.scalar(select(Department).where(Department.code == "DELIVERY"))
        assert dep is not None
        for u in s.scalars(select(User).where(User.username.startswith("deliv"))):
            u.department_id = dep.id
        for uid in (a.id, b.id):
            s.add(AgentStatusLog(user_id=uid, status="available", started_at=MON_9))
    got = [
        tickets.create_ticket(ref_db, TicketInput(category="delivery", text=f"late {i}")).assignee
        for i in range(4)
    ]
    assert sorted(got) == ["deliv_a", "deliv_a", "deliv_b", "deliv_b"]


def test_reopen_when_customer_contacts_again(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(customer="C-1", text="late"), at=MON_9)
    tickets.change_status(ref_db, t.number, "resolved", at=MON_9 + timedelta(hours=2))
    assert t.customer_id is not None
    later = MON_9 + timedelta(days=2)
    assert tickets.reopen_on_contact(ref_db, t.customer_id, None, at=later) == [t.number]
    v = tickets.show(ref_db, t.number)
    assert v.status == "open" and v.resolution_due is not None and v.resolution_due > later
    # Outside the window nothing reopens.
    tickets.change_status(ref_db, t.number, "resolved", at=later)
    assert (
        tickets.reopen_on_contact(ref_db, t.customer_id, None, at=later + timedelta(days=30)) == []
    )


def test_route_preview_stores_nothing(ref_db: Database) -> None:
    out = tickets.route_preview(ref_db, TicketInput(customer="C-VIP", text="sản phẩm bị hỏng"))
    assert out["department"] == "QUALITY" and out["priority"] == "high"
    assert out["rule"] == "Quality"
    with pytest.raises(UserError, match="no ticket"):
        tickets.show(ref_db, 1)


def test_bad_input_is_explained(ref_db: Database) -> None:
    with pytest.raises(UserError, match="kind must be"):
        tickets.create_ticket(ref_db, TicketInput(kind="rant", text="x"))
    with pytest.raises(UserError, match="no category"):
        tickets.create_ticket(ref_db, TicketInput(category="nope", text="x"))
    with pytest.raises(UserError, match="no customer"):
        tickets.create_ticket(ref_db, TicketInput(customer="C-404", text="x"))
    with pytest.raises(UserError, match="subject or a text"):
        tickets.create_ticket(ref_db, TicketInput())


def test_rules_export_import_keeps_history(ref_db: Database) -> None:
    from app import rules_admin
    from app.routing import load_rules

    t = tickets.create_ticket(ref_db, TicketInput(category="delivery", text="late"))
    text = rules_admin.export_rules(ref_db)
    rules = load_rules(text)
    assert [r.name for r in rules][-1] == "Catch-all"
    # Re-importing replaces the set; tickets routed by old rules keep their log.
    assert rules_admin.import_rules(ref_db, text) == len(rules)
    assert tickets.show(ref_db, t.number).events[1].data["rule"] == "Delivery"
    with pytest.raises(UserError, match="catch-all"):
        rules_admin.import_rules(
            ref_db,
            text.replace('"name": "Catch-all"', '"name": "x"').replace(
                '"conditions": {}', '"conditions": {"tiers": ["vip"]}'
            ),
        )
    assert len(rules_admin.rules(ref_db)) == len(rules)  # nothing changed by the failed import


def test_cli_ticket_round_trip(
    ref_db: Database,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import json

    from app.cli.main import main

    assert (
        main(
            [
                "ticket",
                "create",
                "--db",
                db_url,
                "--customer",
                "C-1",
                "--kind",
                "complaint",
                "--channel",
                "phone",
                "--text",
                "Hàng bị hỏng khi nhận",
                "--json",
            ]
        )
        == 0
    )
    created = json.loads(capsys.readouterr().out)
    assert created["department"] == "QUALITY" and created["resolution_due"]
    assert main(["ticket", "show", created["display_number"], "--db", db_url, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [e["kind"] for e in shown["events"]] == ["created", "transfer"]
    monkeypatch.setattr("sys.stdin", io.StringIO('{"text": "giao hàng trễ", "customer": "C-VIP"}'))
    assert main(["route", "--db", db_url, "--json"]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["department"] == "DELIVERY" and decision["priority"] == "high"
    assert decision["rule"] == "Delivery"
    monkeypatch.setattr("sys.stdin", io.StringIO("not json"))
    assert main(["route", "--db", db_url]) == 2
    assert "not JSON" in capsys.readouterr().err
    assert main(["ticket", "show", "T-999999", "--db", db_url]) == 2


def test_merging_a_duplicate_ticket_keeps_both_logs(ref_db: Database) -> None:
    a = tickets.create_ticket(ref_db, TicketInput(customer="C-1", text="late parcel"))
    b = tickets.create_ticket(ref_db, TicketInput(customer="C-1", text="parcel still late"))
    kept = tickets.merge_tickets(ref_db, a.number, b.display_number)
    assert kept.events[-1].kind == "merge" and kept.events[-1].data["merged"] == b.display_number
    dup = tickets.show(ref_db, b.number)
    assert dup.status == "closed" and dup.events[-1].data["into"] == a.display_number
    with pytest.raises(UserError, match="already merged"):
        tickets.merge_tickets(ref_db, a.number, b.number)
    with pytest.raises(UserError, match="into itself"):
        tickets.merge_tickets(ref_db, a.number, a.number)


def test_changing_the_policy_recounts_the_deadline(ref_db: Database) -> None:
    t = tickets.create_ticket(ref_db, TicketInput(category="delivery", text="late"), at=MON_9)
    assert t.sla_policy == "24 hours"
    v = tickets.set_policy(ref_db, t.number, "48 hours")
    assert v.sla_policy == "48 hours"
    assert v.resolution_due == datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 6 working days on
    assert v.events[-1].data["sla_policy"] == {"from": "24 hours", "to": "48 hours"}
    with pytest.raises(UserError, match="no SLA policy"):
        tickets.set_policy(ref_db, t.number, "forever")


def test_reopen_window_comes_from_the_policy(ref_db: Database) -> None:
    from app import sla_admin

    sla_admin.save_policy(ref_db, "48 hours", 120, 48 * 60, reopen_within_days=30)
    assert {p.name: p.reopen_days for p in sla_admin.policies(ref_db)}["48 hours"] == 30
    t = tickets.create_ticket(ref_db, TicketInput(customer="C-1", text="hello"), at=MON_9)
    assert t.sla_policy == "48 hours"
    tickets.change_status(ref_db, t.number, "resolved", at=MON_9)
    assert t.customer_id is not None
    # 20 days later is outside the default week but inside this policy's 30 days.
    later = MON_9 + timedelta(days=20)
    assert tickets.reopen_on_contact(ref_db, t.customer_id, None, at=later) == [t.number]
    with pytest.raises(UserError, match="0 to 365"):
        sla_admin.save_policy(ref_db, "48 hours", 120, 48 * 60, reopen_within_days=999)
