"""What the fast ticket save must still get right: routing rules, SLA policies and
departments are cached per client but an edit is seen by the very next save (from this
client, another workstation or plain SQL); ticket numbers stay unique with many
clients at once; a connection the server dropped is replaced without an error."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text, update

from app import reference_cache, routing, rules_admin, sla_admin, tickets
from app.tickets import TicketInput
from db.engine import Database
from db.models import Department, SlaPolicy, Ticket
from tests.ticket_fixtures import reference

MON_9 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 09:00 in Hồ Chí Minh City
LATE = TicketInput(kind="complaint", text="giao hang tre, late")


@pytest.fixture
def ref_db(db: Database) -> Database:
    reference(db)
    return db


@pytest.fixture
def second_client(db_url: str, ref_db: Database) -> Iterator[Database]:
    """Another workstation on the same database: its own engine and cache."""
    other = Database(db_url)
    yield other
    other.dispose()


def _rules_sending_delivery_to(department: str) -> list[routing.Rule]:
    return [
        routing.Rule("Delivery", {"keywords": ["giao hang"]}, {"department": department}, 10),
        routing.Rule("Catch-all", {}, {"department": "CARE", "sla_policy": "48 hours"}, 20),
    ]


def test_saves_reuse_the_cached_rules_until_something_changes(ref_db: Database) -> None:
    tickets.create_ticket(ref_db, LATE, at=MON_9)
    loads = reference_cache.loads
    for _ in range(3):
        assert tickets.create_ticket(ref_db, LATE, at=MON_9).department == "DELIVERY"
    assert reference_cache.loads == loads  # nothing changed: no re-read


def test_a_rule_edit_applies_to_the_next_save(ref_db: Database) -> None:
    assert tickets.create_ticket(ref_db, LATE, at=MON_9).department == "DELIVERY"
    rules_admin.save_rules(ref_db, _rules_sending_delivery_to("QUALITY"))
    saved = tickets.create_ticket(ref_db, LATE, at=MON_9)
    assert saved.department == "QUALITY"
    assert saved.sla_policy is None  # the new rule names no policy


def test_another_workstations_rule_edit_applies_to_the_next_save(
    ref_db: Database, second_client: Database
) -> None:
    assert tickets.create_ticket(ref_db, LATE, at=MON_9).department == "DELIVERY"
    rules_admin.save_rules(second_client, _rules_sending_delivery_to("BILLING"))
    assert tickets.create_ticket(ref_db, LATE, at=MON_9).department == "BILLING"


def test_an_sla_policy_edit_elsewhere_changes_the_next_due_times(
    ref_db: Database, second_client: Database
) -> None:
    before = tickets.create_ticket(ref_db, LATE, at=MON_9)
    assert before.sla_policy == "24 hours"
    assert before.first_response_due == datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    sla_admin.save_policy(second_client, "24 hours", 30, 24 * 60)
    after = tickets.create_ticket(ref_db, LATE, at=MON_9)
    assert after.first_response_due == datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


def test_edits_by_plain_sql_are_seen_too(ref_db: Database, second_client: Database) -> None:
    """Another program (or an administrator at psql) bypasses the app entirely."""
    tickets.create_ticket(ref_db, LATE, at=MON_9)
    with second_client.session() as s:
        s.execute(
            update(SlaPolicy).where(SlaPolicy.name == "24 hours").values(first_response_minutes=15)
        )
        s.execute(update(Department).where(Department.code == "DELIVERY").values(name="Giao vận"))
    after = tickets.create_ticket(ref_db, LATE, at=MON_9)
    assert after.first_response_due == datetime(2026, 11, 23, 2, 15, tzinfo=UTC)
    assert after.department_name == "Giao vận"


def test_the_returned_ticket_matches_what_was_stored(ref_db: Database) -> None:
    made = tickets.create_ticket(ref_db, LATE, at=MON_9)
    shown = tickets.show(ref_db, made.number)
    assert made.as_dict() | {"routing": None} == shown.as_dict()


def test_ticket_numbers_move_past_a_bulk_load_and_never_back(ref_db: Database) -> None:
    first = tickets.create_ticket(ref_db, LATE).number
    with ref_db.session() as s:
        tickets.numbers_after(s, first + 500)
    assert tickets.create_ticket(ref_db, LATE).number == first + 501
    with ref_db.session() as s:
        tickets.numbers_after(s, 3)  # behind: ignored
    assert tickets.create_ticket(ref_db, LATE).number == first + 502


@pytest.mark.postgres
def test_numbers_stay_unique_with_many_clients_and_rolled_back_saves(pg_url: str) -> None:
    clients = [Database(pg_url, pool_size=3) for _ in range(4)]
    reference(clients[0])
    gate = threading.Barrier(12)
    made: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def work(d: Database, k: int) -> None:
        gate.wait()
        for i in range(10):
            try:
                if i % 4 == 3:  # a save that fails after drawing its number
                    with d.session() as s:
                        tickets.next_number(s)
                        raise RuntimeError("cancelled")
                n = tickets.create_ticket(d, TicketInput(text=f"hỏi {k}-{i}")).number
                with lock:
                    made.append(n)
            except RuntimeError:
                continue
            except BaseException as exc:  # collected, asserted below
                failures.append(exc)

    threads = [threading.Thread(target=work, args=(clients[k % 4], k)) for k in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not failures
        assert len(made) == 12 * 8 and len(set(made)) == len(made)
        assert max(made) > len(made)  # the cancelled saves left gaps, nothing else
        with clients[0].sessions() as s:
            stored = list(s.scalars(select(Ticket.number)))
        assert sorted(stored) == sorted(made)
    finally:
        for d in clients:
            d.dispose()


@pytest.mark.postgres
def test_a_connection_the_server_dropped_is_replaced_without_an_error(pg_url: str) -> None:
    d = Database(pg_url, pool_size=1, max_overflow=0)
    reference(d)
    try:
        with d.engine.connect() as conn:
            pid = conn.scalar(text("SELECT pg_backend_pid()"))
        other = Database(pg_url)
        with other.engine.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        gone = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
        for _ in range(200):  # until the server process has exited (its socket closed)
            with other.engine.connect() as conn:
                if conn.scalar(gone, {"pid": pid}) == 0:
                    break
            time.sleep(0.05)
        other.dispose()
        saved = tickets.create_ticket(d, LATE, at=MON_9)  # no error, no retry by the caller
        assert saved.department == "DELIVERY"
        with d.engine.connect() as conn:
            assert conn.scalar(text("SELECT pg_backend_pid()")) != pid
    finally:
        d.dispose()
