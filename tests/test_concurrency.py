"""Several workstations on one PostgreSQL at once: nothing overwritten silently, ticket
numbers unique and gapless, assignment and escalation correct. Each client is its own
Database (engine and connection pool), as on separate machines."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from app import customers, presence, tickets
from app.auth import create_user
from app.errors import ConflictError
from app.tickets import TicketInput
from db.engine import Database
from db.models import Customer, Department, RoutingRule, TicketEvent, User
from tests.ticket_fixtures import reference

pytestmark = pytest.mark.postgres
MON_9 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture
def clients(pg_url: str) -> Iterator[list[Database]]:
    """Four workstations on the same database."""
    dbs = [Database(pg_url, pool_size=4) for _ in range(4)]
    reference(dbs[0])
    yield dbs
    for d in dbs:
        d.dispose()


def run_all(workers: list[Callable[[], Any]]) -> list[Any]:
    """Start every worker at the same instant; results (or exceptions) in order."""
    gate = threading.Barrier(len(workers))
    out: list[Any] = [None] * len(workers)

    def run(i: int, fn: Callable[[], Any]) -> None:
        gate.wait()
        try:
            out[i] = fn()
        except Exception as exc:  # collected, asserted by the test
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_two_clients_save_one_ticket_the_second_gets_a_conflict(clients: list[Database]) -> None:
    a, b = clients[:2]
    t = tickets.create_ticket(a, TicketInput(text="giao hàng trễ"))
    seen_a = tickets.show(a, t.number)
    seen_b = tickets.show(b, t.number)
    tickets.change_status(a, t.number, "open", expected_version=seen_a.version)
    with pytest.raises(ConflictError, match="changed by someone else"):
        tickets.set_priority(b, t.number, "high", expected_version=seen_b.version)
    assert tickets.show(b, t.number).priority == "normal"


def test_two_clients_save_one_customer_at_once_exactly_one_wins(clients: list[Database]) -> None:
    with clients[0].session() as s:
        c = Customer(name="Đỗ Hùng", name_key="do hung")
        s.add(c)
        s.flush()
        cid = c.id
    results = run_all(
        [
            lambda d=d, i=i: customers.update_customer(d, cid, {"notes": f"ghi chú {i}"}, 1)
            for i, d in enumerate(clients)
        ]
    )
    won = [r for r in results if not isinstance(r, Exception)]
    lost = [r for r in results if isinstance(r, ConflictError)]
    assert len(won) == 1 and len(lost) == len(clients) - 1
    with clients[1].sessions() as s:
        stored = s.get(Customer, cid)
        assert stored is not None and stored.version == 2 and stored.notes == won[0].notes


def test_tickets_created_at_once_get_unique_gapless_numbers(clients: list[Database]) -> None:
    per_client = 15

    def burst(d: Database, k: int) -> list[int]:
        return [
            tickets.create_ticket(d, TicketInput(text=f"câu hỏi {k}-{i}")).number
            for i in range(per_client)
        ]

    results = run_all([lambda d=d, k=k: burst(d, k) for k in range(3) for d in clients])
    assert not [r for r in results if isinstance(r, Exception)]
    numbers = sorted(n for r in results for n in r)
    assert numbers == list(range(1, len(numbers) + 1))


def _members(db: Database, names: list[str], policy: str) -> None:
    users = [create_user(db, n, "pass123") for n in names]
    with db.session() as s:
        dep = s.scalar(select(Department).where(Department.code == "DELIVERY"))
        assert dep is not None
        for u in s.scalars(select(User).where(User.username.in_(names))):
            u.department_id = dep.id
        rule = s.scalar(select(RoutingRule).where(RoutingRule.name == "Delivery"))
        assert rule is not None
        rule.actions = {**rule.actions, "assign": policy}
    for u in users:
        presence.set_status(db, u.id, "available")


@pytest.mark.parametrize("policy", ["round_robin", "least_loaded"])
def test_assignment_stays_even_with_several_clients(clients: list[Database], policy: str) -> None:
    names = ["giao_a", "giao_b", "giao_c"]
    _members(clients[0], names, policy)
    per_client = 6

    def burst(d: Database) -> list[str | None]:
        return [
            tickets.create_ticket(
                d, TicketInput(category="delivery", text=f"giao trễ {i}")
            ).assignee
            for i in range(per_client)
        ]

    results = run_all([lambda d=d: burst(d) for d in clients])
    assert not [r for r in results if isinstance(r, Exception)]
    counts = Counter(a for r in results for a in r)
    total = per_client * len(clients)
    assert set(counts) == set(names)
    assert sum(counts.values()) == total
    assert max(counts.values()) - min(counts.values()) <= (0 if total % 3 == 0 else 1)


def test_an_agent_whose_client_died_gets_no_new_tickets(clients: list[Database]) -> None:
    _members(clients[0], ["giao_a", "giao_b"], "round_robin")
    with clients[0].sessions() as s:
        dead = s.scalar(select(User.id).where(User.username == "giao_b"))
    assert dead is not None
    # giao_b's client stopped beating a minute ago.
    presence.heartbeat(clients[1], dead, at=datetime.now(UTC) - timedelta(minutes=1))
    got = {
        tickets.create_ticket(
            clients[2], TicketInput(category="delivery", text=f"trễ {i}")
        ).assignee
        for i in range(4)
    }
    assert got == {"giao_a"}


def test_escalators_on_every_client_escalate_each_ticket_once(clients: list[Database]) -> None:
    made = [
        tickets.create_ticket(clients[0], TicketInput(text=f"trễ {i}", kind="complaint"), at=MON_9)
        for i in range(5)
    ]
    later = MON_9 + timedelta(days=7)
    results = run_all(
        [lambda d=d: tickets.escalate(d, at=later) for d in clients for _ in range(2)]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    escalated = sorted(n for r in results for n in r)
    assert escalated == sorted(t.number for t in made)
    with clients[0].sessions() as s:
        breaches = s.scalar(
            select(func.count()).select_from(TicketEvent).where(TicketEvent.kind == "breach")
        )
    assert breaches == len(made)
