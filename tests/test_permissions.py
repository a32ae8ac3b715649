"""Each role sees and changes only what it may, checked in the app/ services on both
engines (PostgreSQL also enforces it itself: tests/test_rls.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import (
    card,
    csv_customers,
    customers,
    interactions,
    lookup,
    merge,
    permissions,
    queues,
    rules_admin,
    search,
    sla_admin,
    tickets,
    users,
)
from app.auth import CurrentUser
from app.masking import DOT, mask_email, mask_phone, mask_text
from app.permissions import Action, PermissionDenied
from db.engine import Database
from db.enums import Role
from tests.role_fixtures import AN_EMAIL, AN_PHONE, Org, build


@pytest.fixture
def org(db: Database) -> Org:
    return build(db)


def as_user(db: Database, org: Org, name: str) -> CurrentUser:
    user = org.users[name]
    permissions.act_as(db, user)
    return user


def test_supplier_account_is_derived_from_its_department(org: Org) -> None:
    assert permissions.effective_role(org.users["saomai"]) == Role.SUPPLIER
    assert permissions.effective_role(org.users["saomai2"]) == Role.SUPPLIER
    assert permissions.effective_role(org.users["delivery1"]) == Role.DEPARTMENT
    assert permissions.effective_role(org.users["lan"]) == Role.SUPERVISOR


def test_supplier_sees_only_its_own_complaints_masked(db: Database, org: Org) -> None:
    as_user(db, org, "saomai")
    mine = tickets.show(db, org.tickets["saomai"])
    assert mine.department == "SUP_SAOMAI" and mine.customer_name == "Nguyễn Văn An"
    assert mine.description is not None
    assert "0912 345 678" not in mine.description and AN_EMAIL not in mine.description
    assert "09•• ••• 678" in mine.description and "n•••@example.com" in mine.description
    assert all("345 678" not in (e.text or "") for e in mine.events)
    for other in ("hoabinh", "delivery", "care"):
        with pytest.raises(PermissionDenied, match="another department"):
            tickets.show(db, org.tickets[other])
    # Its queue holds its complaints only; another supplier's queue is closed to it.
    rows = queues.department_queue(db, "SUP_SAOMAI")
    assert [r.number for r in rows] == [org.tickets["saomai"]]
    assert "345 678" not in rows[0].subject and "09•• ••• 678" in rows[0].subject
    with pytest.raises(PermissionDenied):
        queues.department_queue(db, "SUP_HOABINH")
    assert [q.code for q in queues.summaries(db)] == ["SUP_SAOMAI"]


def test_supplier_cannot_reach_customer_data(db: Database, org: Org) -> None:
    as_user(db, org, "hoabinh")
    an = org.customers["an"]
    for denied in (
        lambda: customers.page(db),
        lambda: customers.page(db, "nguyen"),
        lambda: customers.detail(db, an),
        lambda: customers.count(db),
        lambda: search.search(db, "0912345678"),
        lambda: lookup.lookup(db, AN_PHONE),
        lambda: card.build(db, an),
        lambda: card.for_caller(db, AN_PHONE),
        lambda: card.summaries(db, [an]),
        lambda: interactions.timeline(db, an),
        lambda: merge.duplicates_of(db, an),
    ):
        with pytest.raises(PermissionDenied):
            denied()


def test_supplier_works_its_complaint_but_not_another(db: Database, org: Org) -> None:
    as_user(db, org, "saomai")
    view = tickets.comment(db, org.tickets["saomai"], "Đã liên hệ 0912 345 678")
    assert view.events[-1].actor == "saomai"
    assert view.events[-1].text == "Đã liên hệ 09•• ••• 678"  # even its own text comes back masked
    tickets.change_status(db, org.tickets["saomai"], "pending_supplier")
    with pytest.raises(PermissionDenied):
        tickets.comment(db, org.tickets["hoabinh"], "không phải của tôi")
    with pytest.raises(PermissionDenied):
        tickets.change_status(db, org.tickets["hoabinh"], "resolved")
    with pytest.raises(PermissionDenied):
        tickets.create_ticket(db, tickets.TicketInput(text="new"))
    # Sending a complaint back to customer care with a reason is allowed.
    moved = tickets.transfer(db, org.tickets["saomai"], "CARE", "không phải sản phẩm của chúng tôi")
    assert moved.department == "CARE"
    with pytest.raises(PermissionDenied):
        tickets.show(db, org.tickets["saomai"])  # gone from its desk, gone from its sight


def test_department_member_acts_only_on_its_department(db: Database, org: Org) -> None:
    as_user(db, org, "delivery1")
    n = org.tickets["delivery"]
    assert tickets.comment(db, n, "Đã gọi bưu tá").events[-1].actor == "delivery1"
    for other in ("care", "saomai"):
        with pytest.raises(PermissionDenied, match="another department"):
            tickets.comment(db, org.tickets[other], "x")
        with pytest.raises(PermissionDenied):
            tickets.change_status(db, org.tickets[other], "resolved")
        with pytest.raises(PermissionDenied):
            tickets.transfer(db, org.tickets[other], "DELIVERY", "mine now")
        with pytest.raises(PermissionDenied):
            tickets.assign(db, org.tickets[other], "delivery1")
    with pytest.raises(PermissionDenied):
        queues.department_queue(db, "CARE")
    assert [r.number for r in queues.department_queue(db, "DELIVERY")] == [n]
    # It may still look a customer up to call back (numbers unmasked: not a supplier).
    d = customers.detail(db, org.customers["vy"])
    assert d is not None and any(c.value == "0987 654 321" for c in d.contacts)


def test_agent_may_not_administer(db: Database, org: Org, tmp_path: Path) -> None:
    as_user(db, org, "agent1")
    assert tickets.show(db, org.tickets["saomai"]).description  # agents see every desk
    assert len(queues.summaries(db)) > 1
    with pytest.raises(PermissionDenied):
        rules_admin.save_rules(db, rules_admin.rules(db))
    with pytest.raises(PermissionDenied):
        sla_admin.save_policy(db, "24 hours", 60, 1440)
    with pytest.raises(PermissionDenied):
        csv_customers.export_customers(db, tmp_path / "all.csv")
    assert not (tmp_path / "all.csv").exists()
    with pytest.raises(PermissionDenied):
        users.create(db, "mallory", "secret123", role="admin")
    with pytest.raises(PermissionDenied):
        tickets.set_policy(db, org.tickets["care"], "24 hours")


def test_admin_and_system_may_do_everything(db: Database, org: Org, tmp_path: Path) -> None:
    as_user(db, org, "admin")
    assert csv_customers.export_customers(db, tmp_path / "all.csv").rows == 2
    permissions.act_as(db, None)  # the system itself: seed, escalation
    assert permissions.can(None, Action.MANAGE_USERS)
    assert tickets.show(db, org.tickets["hoabinh"]).description == "Quạt hỏng sau 2 ngày"


def test_explicit_actor_wins_over_the_database_user(db: Database, org: Org) -> None:
    as_user(db, org, "admin")
    with pytest.raises(PermissionDenied):
        tickets.show(db, org.tickets["hoabinh"], actor=org.users["saomai"])


def test_user_admin_changes_roles_and_refuses_self_demotion(db: Database, org: Org) -> None:
    admin = as_user(db, org, "admin")
    row = users.create(db, "billing1", "secret123", "Linh", "department", "BILLING")
    assert (row.role, row.department, row.active) == ("department", "BILLING", True)
    row = users.update(db, row.id, role="supplier", department="SUP_SAOMAI")
    assert (row.role, row.department_kind) == ("supplier", "supplier")
    row = users.update(db, row.id, active=False)
    assert not row.active
    with pytest.raises(Exception, match="wrong user name or password"):
        __import__("app.auth").auth.authenticate(db, "billing1", "secret123")
    users.update(db, row.id, active=True)
    users.reset_password(db, row.id, "another1")
    assert (
        __import__("app.auth").auth.authenticate(db, "billing1", "another1").username == "billing1"
    )
    with pytest.raises(Exception, match="yourself"):
        users.update(db, admin.id, active=False)
    with pytest.raises(Exception, match="needs a department"):
        users.create(db, "x1", "secret123", role="supplier")


def test_cli_acts_as_user(db_url: str, org: Org, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args, "--db", db_url],
            capture_output=True,
            text=True,
            timeout=120,
        )

    denied = run("ticket", "show", str(org.tickets["hoabinh"]), "--user", "saomai")
    assert denied.returncode == 2
    assert denied.stderr.strip().count("\n") == 0 and "may not" in denied.stderr
    ok = run("ticket", "show", str(org.tickets["saomai"]), "--user", "saomai", "--json")
    assert ok.returncode == 0 and "0912 345 678" not in ok.stdout
    as_admin = run("ticket", "show", str(org.tickets["hoabinh"]), "--json")
    assert as_admin.returncode == 0, as_admin.stderr
    nobody = run("ticket", "show", "1", "--user", "ghost")
    assert nobody.returncode == 2 and "no active user 'ghost'" in nobody.stderr
    assert "--user NAME" in run("ticket", "show", "--help").stdout


@given(st.from_regex(r"\+84(3|5|7|8|9)\d{8}", fullmatch=True))
def test_masked_phone_keeps_only_the_ends(number: str) -> None:
    masked = mask_phone(number)
    assert masked.startswith("+84 " + number[3]) and masked.endswith(number[-3:])
    assert sum(ch.isdigit() for ch in masked) == 2 + 1 + 3
    assert mask_phone(masked) == masked  # idempotent: a masked view's value stays masked


@given(st.emails())
def test_masked_email_hides_the_local_part(address: str) -> None:
    local, _, domain = address.rpartition("@")
    masked = mask_email(address)
    assert masked.endswith("@" + domain) and DOT in masked
    assert len(local) == 1 or local not in masked.split("@")[0]


def test_mask_text_examples() -> None:
    assert mask_phone("+84 912 345 678") == "+84 9•• ••• 678"
    assert mask_email("nguyen.lan@example.com") == "n•••@example.com"
    assert mask_text("đơn 12345, gọi 0912.345.678") == "đơn 12345, gọi 09•• ••• 678"
