"""Screen-pop from the directory copy while the server is away."""

from __future__ import annotations

import pytest

from app import card, tickets
from app.offline_cache import OfflineCard
from app.outbox import state, writes
from app.tickets import TicketInput
from db.models import Customer
from tests import pop_fixtures
from tests.offline_fixtures import Offline, offline_fixture  # noqa: F401 (fixture)

pytestmark = pytest.mark.postgres


def test_pop_answers_from_the_copy_when_the_server_is_gone(offline: Offline) -> None:
    cid = pop_fixtures.customer(
        offline.direct, "Nguyễn Thị Hoa", ["0903 123 456"], ["hoa@example.vn"], tier="gold",
        vip=True, warning="Ask for the order number",
    )  # fmt: skip
    tickets.create_ticket(offline.direct, TicketInput(customer=str(cid), kind="complaint",
                                                      subject="Late"))  # fmt: skip
    first = offline.directory.refresh()
    assert first.full and first.customers >= 1 and first.contacts == 2

    offline.cut()
    result = card.for_caller(offline.central, "+84 903 123 456")
    assert state.is_offline(offline.central)
    assert [m.customer_id for m in result.matches] == [cid]
    data = result.card
    assert isinstance(data, OfflineCard)
    assert (data.name, data.tier, data.vip) == ("Nguyễn Thị Hoa", "gold", True)
    assert data.warning == "Ask for the order number"
    assert (data.open_ticket_count, data.open_complaint_count) == (1, 1)
    assert data.phones == ["0903 123 456"] and data.emails == ["hoa@example.vn"]
    # Email and an unknown number answer from the copy too.
    assert card.for_caller(offline.central, "HOA@example.vn").matches[0].customer_id == cid
    assert card.for_caller(offline.central, "0911 000 000").card is None


def test_refresh_is_incremental_and_follows_changes(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Old Name", ["0903 000 111"])
    offline.directory.refresh()
    before = offline.directory.size()
    with offline.direct.session() as s:
        c = s.get(Customer, cid)
        assert c is not None
        c.name, c.tier = "New Name", "vip"
    other = pop_fixtures.customer(offline.direct, "Second", ["0903 000 222"])
    t = tickets.create_ticket(offline.direct, TicketInput(customer=str(other), subject="x"))
    again = offline.directory.refresh()
    assert not again.full
    assert offline.directory.size() == before + 1
    offline.cut()
    assert card.for_caller(offline.central, "0903000111").card.name == "New Name"  # type: ignore[union-attr]
    data = card.for_caller(offline.central, "0903000222").card
    assert isinstance(data, OfflineCard) and data.open_ticket_count == 1
    offline.restore()
    state.of(offline.central).came_online()
    tickets.change_status(offline.direct, t.number, "resolved")
    offline.directory.refresh()
    offline.cut()
    data = card.for_caller(offline.central, "0903000222").card
    assert isinstance(data, OfflineCard) and data.open_ticket_count == 0


def test_customer_made_offline_pops_on_the_next_ring(offline: Offline) -> None:
    offline.directory.refresh()
    offline.cut()
    assert card.for_caller(offline.central, "0912 345 678").card is None
    cid = writes.create_customer(offline.central, "Khách Mới", "0912 345 678")
    result = card.for_caller(offline.central, "0912345678")
    assert result.card is not None and result.card.id == cid
    assert isinstance(result.card, OfflineCard) and result.card.local_only
    # Back online: replay stores them and the next refresh confirms them.
    offline.restore()
    assert offline.box.replay().applied == 1
    offline.directory.refresh()
    offline.cut()
    again = card.for_caller(offline.central, "0912345678").card
    assert isinstance(again, OfflineCard) and not again.local_only


def test_online_pop_is_the_full_card(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Online Card", ["0903 999 111"])
    data = card.for_caller(offline.central, "0903999111").card
    assert data is not None and data.id == cid and not isinstance(data, OfflineCard)
