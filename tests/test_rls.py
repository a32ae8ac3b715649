"""PostgreSQL enforces the roles itself (migration 0009): plain SQL in a supplier's or a
department member's session sees only what the app would show it.

Superusers and the tables' owner bypass row-level security, so these tests act as a
throwaway login role that only has the privileges a workstation login would get.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from alembic import command
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app import audit, masking, permissions, queues, tickets
from app.errors import UserError
from app.sync.changes import (
    fetch_since,
    latest_seq,
    parse_payload,
    scope_channel,
    wake_channels,
)
from app.sync.follower import LISTENING, Follower
from db import migrate
from db.change_log import CHANNEL
from db.engine import Database
from db.models import Change, ContactPoint, Ticket, TicketEvent, User
from tests.role_fixtures import AN_EMAIL, Org, build, connect, workstation_login
from tests.test_sync import Inbox

pytestmark = pytest.mark.postgres


@pytest.fixture
def org(pg_url: str) -> Iterator[tuple[Database, Org]]:
    db = Database(pg_url)
    yield db, build(db)
    db.dispose()


@pytest.fixture
def login_role(pg_url: str) -> Iterator[str]:
    with workstation_login(pg_url) as name:
        yield name


class Session:
    """Plain SQL as `role` with the settings a client of `user` would carry."""

    def __init__(self, url: str, role: str, settings: dict[str, str]) -> None:
        self.conn = connect(url, autocommit=False)
        self.conn.execute(f'SET ROLE "{role}"'.encode())
        for k, v in settings.items():
            self.conn.execute("SELECT set_config(%s, %s, false)", (k, v))

    def all(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return list(self.conn.execute(sql.encode(), params).fetchall())

    def close(self) -> None:
        self.conn.rollback()
        self.conn.close()


def _settings(org: Org, username: str) -> dict[str, str]:
    ident = permissions.identity(org.users[username])
    assert ident is not None
    return {
        "calldesk.user_id": ident.user_id,
        "calldesk.role": ident.role,
        "calldesk.department_id": ident.department_id or "",
    }


def test_supplier_session_sees_only_its_complaints_and_masked_contacts(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    _db, o = org
    s = Session(pg_url, login_role, _settings(o, "saomai"))
    try:
        numbers = [r[0] for r in s.all("SELECT number FROM tickets ORDER BY number")]
        assert numbers == [o.tickets["saomai"]]
        other = o.tickets["hoabinh"]
        assert s.all("SELECT * FROM tickets WHERE number = %s", other) == []
        assert s.all(
            "SELECT e.* FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id"
            " WHERE t.number = %s", other
        ) == []  # fmt: skip
        # Only the customer of its complaint, and none of the raw contact rows.
        assert [r[0] for r in s.all("SELECT name FROM customers")] == ["Nguyễn Văn An"]
        assert s.all("SELECT value_raw, value_norm FROM contact_points") == []
        for table in ("interactions", "orders", "calls"):
            assert s.all(f"SELECT * FROM {table}") == []
        masked = {r[0]: r[1] for r in s.all("SELECT kind, value FROM contact_points_masked")}
        assert masked == {"phone": "09•• ••• 678", "email": "n•••@example.com"}
        # Writes outside its scope touch nothing; it inserts no tickets at all.
        assert s.conn.execute(
            "UPDATE tickets SET priority = 'low' WHERE number = %s", (other,)
        ).rowcount == 0  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            s.all(
                "INSERT INTO tickets (id, number, kind, channel, subject, priority, status,"
                " tags, breached, reopened_count, created_at, updated_at, version)"
                " VALUES (gen_random_uuid(), 999, 'complaint', 'phone', 'x', 'normal', 'new',"
                " '[]', false, 0, now(), now(), 1) RETURNING id"
            )
    finally:
        s.close()


def test_another_supplier_sees_another_slice(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    _db, o = org
    s = Session(pg_url, login_role, _settings(o, "hoabinh"))
    try:
        assert [r[0] for r in s.all("SELECT number FROM tickets")] == [o.tickets["hoabinh"]]
        assert [r[0] for r in s.all("SELECT name FROM customers")] == ["Lê Thị Vy"]
        values = [r[0] for r in s.all("SELECT value FROM contact_points_masked")]
        assert values == ["09•• ••• 321"]
        assert AN_EMAIL not in str(s.all("SELECT * FROM contact_points_masked"))
    finally:
        s.close()


def test_department_session_sees_its_desk_and_real_numbers(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    _db, o = org
    s = Session(pg_url, login_role, _settings(o, "delivery1"))
    try:
        assert [r[0] for r in s.all("SELECT number FROM tickets")] == [o.tickets["delivery"]]
        assert len(s.all("SELECT * FROM customers")) == 2
        assert len(s.all("SELECT * FROM contact_points")) == 3
        care = o.tickets["care"]
        assert s.conn.execute(
            "UPDATE tickets SET priority = 'low' WHERE number = %s", (care,)
        ).rowcount == 0  # fmt: skip
    finally:
        s.close()


def test_sessions_without_identity_are_the_system(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    """Migrations, the seed and the bulk loader set no identity and are not restricted."""
    _db, o = org
    s = Session(pg_url, login_role, {})
    try:
        assert len(s.all("SELECT * FROM tickets")) == len(o.tickets)
        assert len(s.all("SELECT * FROM contact_points")) == 3
        raw = {r[0] for r in s.all("SELECT value FROM contact_points_masked")}
        assert "0912 345 678" in raw  # not a supplier: nothing to mask
    finally:
        s.close()


def test_sql_masking_matches_the_app(pg_url: str, org: tuple[Database, Org]) -> None:
    _db, _o = org
    samples = ["+84 912 345 678", "0912345678", "+1 415 555 2671", "028 3823 4567", "12345"]
    with connect(pg_url) as conn:
        for value in samples:
            got = conn.execute("SELECT calldesk_mask_phone(%s)", (value,)).fetchone()
            assert got is not None and got[0] == masking.mask_phone(value), value
        got = conn.execute("SELECT calldesk_mask_email(%s)", ("lan.nguyen@example.com",)).fetchone()
        assert got is not None and got[0] == masking.mask_email("lan.nguyen@example.com")


def test_app_connections_carry_the_identity(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    """The app's own path: a workstation login acting for a supplier. Even a query that
    forgot the app's checks gets only the supplier's rows from the server."""
    _db, o = org
    url = make_url(pg_url).set(username=login_role)
    ws = Database(url)
    try:
        permissions.act_as(ws, o.users["saomai"])
        with ws.sessions() as s:
            assert s.scalars(select(Ticket.number)).all() == [o.tickets["saomai"]]
            assert s.scalars(select(ContactPoint.value_raw)).all() == []
        assert tickets.show(ws, o.tickets["saomai"]).customer_name == "Nguyễn Văn An"
        with pytest.raises(UserError, match="no ticket"):
            tickets.show(ws, o.tickets["hoabinh"])  # the server does not even admit it exists
        assert [r.number for r in queues.department_queue(ws, "SUP_SAOMAI")] == [
            o.tickets["saomai"]
        ]
        # Switching user re-tags every connection.
        permissions.act_as(ws, o.users["delivery1"])
        with ws.sessions() as s:
            assert s.scalars(select(Ticket.number)).all() == [o.tickets["delivery"]]
        # A department member's transfer out of its desk still logs correctly under RLS.
        moved = tickets.transfer(ws, o.tickets["delivery"], "CARE", "khách đổi ý")
        assert moved.department == "CARE"
        permissions.act_as(ws, o.users["admin"])
        log = tickets.show(ws, o.tickets["delivery"]).events
        assert [e.kind for e in log][-1] == "transfer" and log[-1].actor == "delivery1"
        assert audit.flush(ws)  # the views above were written with the login's privileges
    finally:
        audit.stop(ws)
        ws.dispose()


# --- the change sequence (migration 0012) ------------------------------------------


def _ticket_id(db: Database, number: int) -> uuid.UUID:
    with db.sessions() as s:
        tid = s.scalar(select(Ticket.id).where(Ticket.number == number))
    assert tid is not None
    return tid


def test_a_supplier_reads_only_its_slice_of_the_change_sequence(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    db, o = org
    mine = _ticket_id(db, o.tickets["saomai"])
    with db.sessions() as s:
        everything = s.execute(select(Change.tbl, Change.row_id)).all()
        my_events = set(s.scalars(select(TicketEvent.id).where(TicketEvent.ticket_id == mine)))
        my_desk = set(
            s.scalars(select(User.id).where(User.department_id == o.departments["SUP_SAOMAI"]))
        )
    sup = Session(pg_url, login_role, _settings(o, "saomai"))
    agent = Session(pg_url, login_role, _settings(o, "agent1"))
    try:
        seen: dict[str, set[object]] = {}
        for tbl, row_id in sup.all("SELECT tbl, row_id FROM changes"):
            seen.setdefault(tbl, set()).add(row_id)
        assert seen["tickets"] == {mine}
        assert seen["ticket_events"] and seen["ticket_events"] <= my_events
        assert seen["customers"] == {o.customers["an"]}
        assert seen["users"] and seen["users"] <= my_desk
        assert "departments" in seen and "categories" in seen  # what its screens show
        hidden = {"contact_points", "interactions", "orders", "calls", "routing_rules"}
        assert not hidden & set(seen)
        # An agent's client still follows everything.
        assert len(agent.all("SELECT seq FROM changes")) == len(everything)
    finally:
        sup.close()
        agent.close()


def test_a_ticket_transferred_away_leaves_the_suppliers_queue_through_sync(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    db, o = org
    mine, elsewhere = _ticket_id(db, o.tickets["saomai"]), _ticket_id(db, o.tickets["delivery"])
    url = make_url(pg_url).set(username=login_role)
    supplier, agent = Database(url), Database(url)
    permissions.act_as(supplier, o.users["saomai"])
    permissions.act_as(agent, o.users["agent1"])
    # The supplier's client starts at the head of the sequence, not at its last change.
    assert latest_seq(supplier) == latest_seq(db)
    sup_inbox, agent_inbox = Inbox(), Inbox()
    # The supplier's client reads the sequence only when woken (the fallback read is
    # pushed out of reach): what it receives below, a wake-up brought.
    sup_follow = Follower(supplier, sup_inbox, wake_fallback=3600).start()
    agent_follow = Follower(agent, agent_inbox, poll_interval=0.2).start()
    try:
        # NOTIFY payloads reach every listener: the supplier's client hears only its
        # desk's empty wake-ups.
        assert (sup_follow.state, agent_follow.state) == (LISTENING, LISTENING)
        assert sup_follow.channels == wake_channels(supplier) != (CHANNEL,)
        assert [r.number for r in queues.department_queue(supplier, "SUP_SAOMAI")] == [
            o.tickets["saomai"]
        ]
        # The supplier's own write is captured (the trigger runs as the owner) and
        # reaches both clients.
        tickets.comment(supplier, o.tickets["saomai"], "đang kiểm tra lô hàng")
        for inbox in (sup_inbox, agent_inbox):
            inbox.wait_for(lambda c: c.table == "ticket_events")
        permissions.act_as(db, o.users["admin"])
        mark = latest_seq(db)
        tickets.transfer(db, o.tickets["delivery"], "CARE", "khách đổi ý")
        tickets.transfer(db, o.tickets["saomai"], "QUALITY", "không phải lỗi nhà cung cấp")

        gone = sup_inbox.wait_for(
            lambda c: c.table == "tickets" and c.row_id == mine and c.seq > mark
        )
        assert gone.op == "update"
        assert queues.department_queue(supplier, "SUP_SAOMAI") == []
        # Committed before the change it received: had it been visible, it came with it.
        assert all(c.row_id != elsewhere for c in sup_inbox.seen)
        agent_inbox.wait_for(lambda c: c.table == "tickets" and c.row_id == elsewhere)
        agent_inbox.wait_for(lambda c: c.table == "tickets" and c.row_id == mine and c.seq > mark)
        # Nothing of it from now on: its later log entries belong to the quality desk.
        tickets.comment(db, o.tickets["saomai"], "đã nhận")
        agent_inbox.wait_for(lambda c: c.table == "ticket_events" and c.seq > gone.seq)
        assert fetch_since(supplier, gone.seq) == []
    finally:
        sup_follow.stop()
        agent_follow.stop()
        supplier.dispose()
        agent.dispose()


def test_a_deleted_complaint_is_still_announced_to_its_supplier(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    """A deleted row cannot be looked up any more: the change carries the desk it left."""
    db, o = org
    mine = _ticket_id(db, o.tickets["saomai"])
    before = latest_seq(db)
    with connect(pg_url) as conn:  # maintenance by hand: the app deletes no tickets
        conn.execute("DELETE FROM ticket_events WHERE ticket_id = %s", (mine,))
        conn.execute("DELETE FROM tickets WHERE id = %s", (mine,))
    sup = Session(pg_url, login_role, _settings(o, "saomai"))
    other = Session(pg_url, login_role, _settings(o, "hoabinh"))
    try:
        got = sup.all("SELECT tbl, row_id, op FROM changes WHERE seq > %s", before)
        assert ("tickets", mine, "delete") in got
        assert other.all("SELECT tbl, row_id, op FROM changes WHERE seq > %s", before) == []
    finally:
        sup.close()
        other.close()


# --- wake-ups per scope (migration 0013) -------------------------------------------


def test_a_suppliers_client_is_woken_by_a_change_to_its_complaint(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    """An agent's comment on the supplier's complaint reaches the supplier's client
    through its desk's wake-up: its fallback read of the sequence is an hour away."""
    db, o = org
    mine = _ticket_id(db, o.tickets["saomai"])
    supplier = Database(make_url(pg_url).set(username=login_role))
    permissions.act_as(supplier, o.users["saomai"])
    inbox = Inbox()
    follow = Follower(supplier, inbox, wake_fallback=3600).start()
    try:
        assert follow.state == LISTENING and follow.wake_only
        permissions.act_as(db, o.users["agent1"])
        mark = latest_seq(db)
        tickets.comment(db, o.tickets["saomai"], "nhà cung cấp vui lòng kiểm tra")
        got = inbox.wait_for(lambda c: c.table == "ticket_events" and c.seq > mark)
        with db.sessions() as s:
            event = s.get(TicketEvent, got.row_id)
        assert event is not None and event.ticket_id == mine
        tickets.change_status(db, o.tickets["saomai"], "pending_supplier")
        inbox.wait_for(lambda c: c.table == "tickets" and c.row_id == mine and c.seq > got.seq)
    finally:
        follow.stop()
        supplier.dispose()


def test_a_supplier_is_not_woken_for_another_desks_complaint(
    pg_url: str, org: tuple[Database, Org], login_role: str
) -> None:
    """Notifications of one listening session arrive in commit order: on a connection
    that hears the payloads too, Sao Mai's wake-up comes with its own complaint's
    changes, never with Hoa Binh's committed just before."""
    db, o = org
    saomai, hoabinh = _ticket_id(db, o.tickets["saomai"]), _ticket_id(db, o.tickets["hoabinh"])
    channel = scope_channel(o.departments["SUP_SAOMAI"])
    assert channel != scope_channel(o.departments["SUP_HOABINH"]) and len(channel) <= 63
    with connect(pg_url, user=login_role) as conn:
        conn.execute(f'LISTEN "{channel}"'.encode())
        conn.execute(f'LISTEN "{CHANNEL}"'.encode())
        permissions.act_as(db, o.users["agent1"])
        tickets.comment(db, o.tickets["hoabinh"], "khách gọi lại lần hai")
        tickets.comment(db, o.tickets["saomai"], "khách gọi lại")
        heard: list[tuple[str, str]] = []
        for note in conn.notifies(timeout=15):
            heard.append((note.channel, note.payload))
            if note.channel == channel:
                break
    assert heard[-1] == (channel, "")  # it says nothing but "something changed"
    before = [parse_payload(p) for ch, p in heard[:-1] if ch == CHANNEL]
    events = {c.row_id for c in before if c is not None and c.table == "ticket_events"}
    with db.sessions() as s:
        owners = set(s.scalars(select(TicketEvent.ticket_id).where(TicketEvent.id.in_(events))))
    assert owners == {hoabinh, saomai}  # both comments came first, Hoa Binh's without it
    assert len([ch for ch, _p in heard if ch == channel]) == 1


def test_downgrading_0013_stops_the_wake_ups_and_keeps_0012s_stamps(
    pg_url: str, org: tuple[Database, Org]
) -> None:
    db, o = org
    channel = scope_channel(o.departments["SUP_SAOMAI"])
    permissions.act_as(db, o.users["agent1"])

    def comment_and_listen(text: str) -> tuple[list[str], int]:
        """The channels heard for one comment on Sao Mai's complaint, and its seq."""
        with connect(pg_url) as conn:
            for ch in (channel, CHANNEL, "calldesk_test_marker"):
                conn.execute(f'LISTEN "{ch}"'.encode())
            tickets.comment(db, o.tickets["saomai"], text)
            # Delivered in commit order: everything of the comment comes before it.
            conn.execute(b"NOTIFY calldesk_test_marker")
            heard = []
            for note in conn.notifies(timeout=15):
                if note.channel == "calldesk_test_marker":
                    break
                heard.append(note.channel)
        return heard, latest_seq(db)

    heard, _seq = comment_and_listen("trước")
    assert channel in heard
    command.downgrade(migrate.alembic_config(db), "0012")
    heard, seq = comment_and_listen("sau khi hạ cấp")
    assert CHANNEL in heard and channel not in heard
    with db.sessions() as s:
        scopes = {r.scope for r in s.scalars(select(Change).where(Change.seq > seq - 2))}
    assert scopes == {o.departments["SUP_SAOMAI"]}  # 0012's stamps still written
    migrate.upgrade(db)
    heard, _seq = comment_and_listen("nâng cấp lại")
    assert channel in heard
