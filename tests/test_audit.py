"""The audit trail records who viewed, changed, merged or exported customer data, on
both engines; views are written in the background."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import audit, caller_log, card, csv_customers, customers, merge, permissions, tickets
from app.permissions import PermissionDenied
from db.engine import Database
from tests.role_fixtures import Org, build


@pytest.fixture
def org(db: Database) -> Iterator[Org]:
    o = build(db)
    yield o
    audit.stop(db)


def _trail(db: Database, **kw: object) -> list[audit.Entry]:
    permissions.act_as(db, None)
    return audit.entries(db, audit.Filter(**kw))  # type: ignore[arg-type]


def test_views_changes_merges_and_exports_are_recorded(
    db: Database, org: Org, tmp_path: Path
) -> None:
    an, vy = org.customers["an"], org.customers["vy"]
    permissions.act_as(db, org.users["agent1"])
    card.build(db, an)
    customers.detail(db, vy)
    tickets.show(db, org.tickets["saomai"])
    new = caller_log.create_customer(db, "Trần Bình", "0901 234 567")
    caller_log.attach_number(db, an, "0933 111 222")
    permissions.act_as(db, org.users["lan"])
    merge.merge(db, an, new)
    csv_customers.export_customers(db, tmp_path / "out.csv")
    assert audit.flush(db)

    agent = _trail(db, username="agent1")
    seen = {(e.action, e.entity, e.customer_id) for e in agent}
    assert ("view", "customer", an) in seen  # the card
    assert ("view", "customer", vy) in seen  # the detail pane
    assert ("view", "ticket", an) in seen  # a ticket of An's opened
    assert ("create", "customer", new) in seen
    assert ("change", "customer", an) in seen
    screens = {e.detail.get("screen") for e in agent if e.action == "view"}
    assert {"card", "detail"} <= screens

    lan = _trail(db, username="lan")
    assert {e.action for e in lan} == {"merge", "export"}
    exported = next(e for e in lan if e.action == "export")
    assert exported.detail["rows"] == 2 and exported.username == "lan"

    about_an = _trail(db, customer=str(an))
    assert {e.action for e in about_an} >= {"view", "change", "merge"}
    assert all(e.customer_id == an for e in about_an)
    by_external_id = _trail(db, customer="C-1")
    assert [e.id for e in by_external_id] == [e.id for e in about_an]


def test_the_system_itself_is_not_a_viewer(db: Database, org: Org) -> None:
    permissions.act_as(db, None)
    card.build(db, org.customers["an"])
    assert audit.flush(db)
    assert _trail(db, action="view") == []


def test_view_records_do_not_wait_for_the_database(db: Database, org: Org) -> None:
    """`viewed` returns while the database is locked by another writer; the row lands
    once the lock is gone."""
    permissions.act_as(db, org.users["agent1"])
    release = threading.Event()
    locked = threading.Event()

    def hold_lock() -> None:
        with db.engine.connect() as conn:
            if db.is_sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.exec_driver_sql("LOCK TABLE audit_log IN EXCLUSIVE MODE")
            locked.set()
            release.wait(30)
            conn.rollback()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert locked.wait(30)
    try:
        audit.viewed(db, "customer", str(org.customers["an"]), customer_id=org.customers["an"])
        assert not audit.flush(db, timeout=0.2)  # still queued: nobody waited for it
    finally:
        release.set()
        holder.join()
    assert audit.flush(db)
    assert len(_trail(db, username="agent1", action="view")) == 1


def test_paging_and_dates(db: Database, org: Org) -> None:
    permissions.act_as(db, org.users["agent1"])
    base = datetime(2026, 11, 1, tzinfo=UTC)
    with db.session() as s:
        for i in range(25):
            audit.record_in(s, db, "view", "customer", str(i), at=base + timedelta(hours=i))
    permissions.act_as(db, org.users["admin"])
    first = audit.entries(db, audit.Filter(username="agent1"), limit=10)
    second = audit.entries(db, audit.Filter(username="agent1"), audit.key(first[-1]), limit=10)
    third = audit.entries(db, audit.Filter(username="agent1"), audit.key(second[-1]), limit=10)
    ids = [e.entity_id for e in first + second + third]
    assert ids == [str(i) for i in range(24, -1, -1)]  # newest first, nothing twice
    day = audit.entries(
        db, audit.Filter(username="agent1", since=base, until=base + timedelta(hours=5))
    )
    assert sorted(e.entity_id for e in day) == ["0", "1", "2", "3", "4"]


def test_only_supervisors_and_admins_read_the_trail(db: Database, org: Org) -> None:
    for name in ("agent1", "delivery1", "saomai"):
        permissions.act_as(db, org.users[name])
        with pytest.raises(PermissionDenied):
            audit.entries(db)
    permissions.act_as(db, org.users["lan"])
    audit.entries(db)


def test_cli_audit(db_url: str, org: Org, db: Database) -> None:
    permissions.act_as(db, org.users["agent1"])
    customers.detail(db, org.customers["an"])
    assert audit.flush(db)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", "audit", *args, "--db", db_url],
            capture_output=True,
            text=True,
            timeout=120,
        )

    by_customer = run("--customer", "C-1", "--json")
    assert by_customer.returncode == 0, by_customer.stderr
    rows = json.loads(by_customer.stdout)
    assert [(r["user"], r["action"], r["customer"]) for r in rows] == [
        ("agent1", "view", "Nguyễn Văn An")
    ]
    by_user = json.loads(run("--user", "agent1", "--json").stdout)
    assert [r["entity_id"] for r in by_user] == [str(org.customers["an"])]
    assert run("--user", "nobody").returncode == 2
    denied = run("--as", "agent1")
    assert denied.returncode == 2 and "may not read the audit log" in denied.stderr
    assert run("--since", "yesterday").returncode == 2
