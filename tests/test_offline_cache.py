"""Screen-pop from the directory copy while the server is away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app import card, merge, tickets
from app.csv_customers import import_customers
from app.offline_cache import FULL_AFTER, OfflineCard
from app.outbox import state, writes
from app.outbox.local_schema import DirContact
from app.seed import seed_demo
from app.sync.changes import prune
from app.tickets import TicketInput
from db.models import ContactPoint, Customer
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


def _pop_id(o: Offline, value: str) -> object:
    found = card.for_caller(o.central, value)
    return None if found.card is None else found.card.id


def test_deletions_merges_and_removed_numbers_leave_the_copy(offline: Offline) -> None:
    keep = pop_fixtures.customer(offline.direct, "Kept Customer", ["0903 100 001"])
    dup = pop_fixtures.customer(offline.direct, "Duplicate", ["0903 100 002"])
    gone = pop_fixtures.customer(offline.direct, "Deleted Customer", ["0903 100 003"])
    two = pop_fixtures.customer(offline.direct, "Two Numbers", ["0903 100 004", "0903 100 005"])
    assert offline.directory.refresh().full
    size = offline.directory.size()

    merge.merge(offline.direct, keep, dup)
    with offline.direct.session() as s:
        s.execute(delete(ContactPoint).where(ContactPoint.customer_id == gone))
        s.execute(delete(Customer).where(Customer.id == gone))
        s.execute(delete(ContactPoint).where(ContactPoint.value_raw == "0903 100 005"))
    report = offline.directory.refresh()
    assert not report.full and report.removed >= 3

    offline.cut()
    # The merged customer's number now pops the customer it was merged into, alone.
    merged = card.for_caller(offline.central, "0903100002")
    assert [m.customer_id for m in merged.matches] == [keep]
    assert merged.card is not None and merged.card.name == "Kept Customer"
    assert _pop_id(offline, "0903100003") is None  # deleted: gone from the copy
    assert _pop_id(offline, "0903100005") is None  # the removed number
    assert _pop_id(offline, "0903100004") == two
    assert offline.directory.size() == size - 1  # the redirect row stays, like the server's


def test_a_bulk_load_or_a_long_absence_reloads_everything(offline: Offline) -> None:
    first = pop_fixtures.customer(offline.direct, "First", ["0903 200 001"])
    offline.directory.refresh()
    offline.cut()
    made_here = writes.create_customer(offline.central, "Made Offline", "0903 200 009")
    offline.restore()
    state.of(offline.central).came_online()

    # Deleted on the server, and the change that said so pruned meanwhile.
    with offline.direct.session() as s:
        s.execute(delete(Customer).where(Customer.id == first))
    prune(offline.direct, keep=timedelta(0))
    later = datetime.now(UTC) + FULL_AFTER + timedelta(minutes=1)
    report = offline.directory.refresh(now=later)
    assert report.full and report.removed >= 1
    offline.cut()
    assert _pop_id(offline, "0903200001") is None
    assert _pop_id(offline, "0903200009") == made_here  # still waiting: kept
    offline.restore()
    state.of(offline.central).came_online()

    # A bulk load announces itself as one change: the copy reloads in full.
    seed_demo(offline.direct, 5)
    assert offline.directory.refresh(now=later).full
    assert offline.directory.size() >= 5


def test_a_number_attached_offline_is_replaced_by_the_servers_row(offline: Offline) -> None:
    cid = pop_fixtures.customer(offline.direct, "Attach Later", ["0903 300 001"])
    offline.directory.refresh()
    offline.cut()
    writes.attach_number(offline.central, cid, "0903 300 002")
    assert _pop_id(offline, "0903300002") == cid
    offline.restore()
    assert offline.box.replay().applied == 1
    offline.directory.refresh()
    with offline.box.local.engine.connect() as conn:
        rows = conn.execute(
            select(DirContact.__table__.c.id).where(DirContact.__table__.c.customer_id == cid)
        ).all()
    assert len(rows) == 2  # the placeholder gave way to the server's row


def test_an_import_reaches_the_copy_through_its_one_change_per_batch(
    offline: Offline, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    first.write_text(
        "external_id,name,phones\nKH1,Lý Văn Một,0903 400 001;0903 400 002\n", encoding="utf-8"
    )
    import_customers(offline.direct, first)
    offline.directory.refresh()
    again = tmp_path / "again.csv"
    again.write_text(
        "external_id,name,phones\n"
        "KH1,Lý Văn Một,0903 400 002;0903 400 003\n"  # one number removed, one added
        "KH2,Lý Thị Hai,0903 400 004\n",
        encoding="utf-8",
    )
    import_customers(offline.direct, again)
    report = offline.directory.refresh()
    assert not report.full and report.removed == 1
    offline.cut()
    one = _pop_id(offline, "0903400003")
    assert one is not None and _pop_id(offline, "0903400002") == one
    assert _pop_id(offline, "0903400001") is None
    two = card.for_caller(offline.central, "0903400004").card
    assert two is not None and two.name == "Lý Thị Hai"
