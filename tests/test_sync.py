"""Live sync: a committed change reaches another client (LISTEN/NOTIFY on PostgreSQL,
polling the change sequence on SQLite), also across killed connections."""

from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.sync.changes import Change, fetch_since, latest_seq, prune
from app.sync.cursor import SeqCursor
from app.sync.follower import LISTENING, POLLING, Follower
from app.sync.listener import Listener
from db.engine import Database
from db.models import Change as ChangeRow
from db.models import Customer, Department, TicketEvent

pg = pytest.mark.postgres


class Inbox:
    """What a following client received, waited for with a deadline (not a timing)."""

    def __init__(self) -> None:
        self.q: queue.Queue[Change] = queue.Queue()
        self.seen: list[Change] = []

    def __call__(self, changes: list[Change]) -> None:
        for c in changes:
            self.q.put(c)

    def wait_for(self, pred: Callable[[Change], bool], timeout: float = 15.0) -> Change:
        deadline = time.monotonic() + timeout
        for c in self.seen:
            if pred(c):
                return c
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never received; got {self.seen}")
            try:
                c = self.q.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(c)
            if pred(c):
                return c


def add_customer(db: Database, name: str) -> uuid.UUID:
    with db.session() as s:
        c = Customer(name=name, name_key=name.lower())
        s.add(c)
        s.flush()
        return c.id


def rename(db: Database, cid: uuid.UUID, name: str) -> int:
    with db.session() as s:
        c = s.get(Customer, cid)
        assert c is not None
        c.name = name
        s.flush()
        return c.version


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    d = Database(pg_url)
    yield d
    d.dispose()


Factory = Callable[..., tuple[Follower, "Inbox", Database]]


@pytest.fixture
def follower_factory() -> Iterator[Factory]:
    made: list[tuple[Follower, Database]] = []

    def make(db: Database, **kw: object) -> tuple[Follower, Inbox, Database]:
        other = Database(db.url)  # a second workstation: its own engine and connections
        inbox = Inbox()
        f = Follower(other, inbox, poll_interval=0.2, **kw)  # type: ignore[arg-type]
        f.start()
        made.append((f, other))
        return f, inbox, other

    yield make
    for f, other in made:
        f.stop()
        other.dispose()


def test_every_write_lands_in_the_change_sequence_in_its_transaction(db: Database) -> None:
    before = latest_seq(db)
    cid = add_customer(db, "An")
    version = rename(db, cid, "An Nguyen")
    with pytest.raises(RuntimeError), db.session() as s:  # rolled back: no change row
        s.add(Customer(name="Ghost", name_key="ghost"))
        s.flush()
        raise RuntimeError
    changes = [c for c in fetch_since(db, before) if c.table == "customers"]
    assert [(c.row_id, c.op) for c in changes] == [(cid, "insert"), (cid, "update")]
    assert changes[-1].version == version == 2
    # Raw SQL (the CLI, another program) is captured too: triggers, not ORM events.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE departments SET name = 'x' WHERE 1 = 0"))
        conn.execute(
            Department.__table__.insert().values(  # type: ignore[attr-defined]
                id=uuid.uuid4(), code="RAW", name="Raw", kind="internal", active=True,
                version=1, created_at=func.now(), updated_at=func.now(),
            )
        )  # fmt: skip
    assert fetch_since(db, changes[-1].seq)[-1].table == "departments"


def test_the_cursor_waits_for_late_commits_and_gives_up_on_rollbacks() -> None:
    now = [0.0]
    cur = SeqCursor(10, hole_timeout=5, clock=lambda: now[0])

    def ch(seq: int) -> Change:
        return Change(seq, "tickets", None, None, "update")

    assert [c.seq for c in cur.accept([ch(11), ch(13)])] == [11, 13]
    assert cur.low == 11  # 12 is a hole: a transaction that has not committed yet
    assert [c.seq for c in cur.accept([ch(12), ch(13)])] == [12]  # 13 not twice
    assert cur.low == 13
    cur.accept([ch(15)])
    now[0] = 6
    cur.expire()  # 14 never came (rolled back, or a very slow transaction)
    assert cur.low == 15
    assert [c.seq for c in cur.accept([ch(14), ch(15)])] == [14]  # late, still once
    assert cur.accept([ch(14)]) == []


def test_polling_client_sees_another_clients_write(db: Database, follower_factory: Factory) -> None:
    follower, inbox, _other = follower_factory(db, listen=False)
    assert follower.state == POLLING
    cid = add_customer(db, "Binh")
    got = inbox.wait_for(lambda c: c.row_id == cid)
    assert got.table == "customers" and got.op == "insert"


@pg
def test_listening_client_sees_another_clients_write(
    pg_db: Database, follower_factory: Factory
) -> None:
    follower, inbox, _other = follower_factory(pg_db)
    assert follower.state == LISTENING
    cid = add_customer(pg_db, "Chi")
    version = rename(pg_db, cid, "Chi Tran")
    got = inbox.wait_for(lambda c: c.row_id == cid and c.op == "update")
    assert got.version == version


@pg
def test_client_recovers_when_its_connections_are_killed_and_catches_up(
    pg_db: Database, follower_factory: Factory
) -> None:
    follower, inbox, other = follower_factory(pg_db)
    assert follower.listener is not None
    pid = follower.listener.backend_pid
    # Writers keep working while the listener is killed, again and again.
    ids: list[uuid.UUID] = []
    stop = threading.Event()

    def writer() -> None:
        n = 0
        while not stop.is_set() and n < 60:
            ids.append(add_customer(pg_db, f"Dung {n}"))
            n += 1
            time.sleep(0.02)

    t = threading.Thread(target=writer)
    t.start()
    for _ in range(3):
        with pg_db.engine.begin() as conn:  # kill every connection of the second client
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " AND application_name = 'calldesk-listener'"
                )
            )
        time.sleep(0.3)
    stop.set()
    t.join()
    for cid in ids:
        inbox.wait_for(lambda c, cid=cid: c.row_id == cid)
    assert follower.reconnects >= 1
    deadline = time.monotonic() + 15
    while follower.state != LISTENING and time.monotonic() < deadline:
        time.sleep(0.05)
    assert follower.state == LISTENING
    assert follower.listener is not None and follower.listener.backend_pid != pid
    # Each change delivered once.
    delivered = [c.seq for c in inbox.seen]
    assert len(delivered) == len(set(delivered))
    del other


@pg
def test_listener_never_blocks_when_nothing_is_announced(pg_db: Database) -> None:
    listener = Listener(pg_db.url)
    listener.open()
    try:
        t0 = time.monotonic()
        assert listener.drain() == []
        assert time.monotonic() - t0 < 5  # returns at once (generous bound, not a timing)
        add_customer(pg_db, "Em")
        deadline = time.monotonic() + 10
        got: list[Change] = []
        while not got and time.monotonic() < deadline:
            got = listener.drain()
            time.sleep(0.05)
        assert got and got[0].table == "customers"
    finally:
        listener.close()


def test_bulk_load_records_one_change_not_millions(db: Database) -> None:
    from app.seed import seed_demo

    before = latest_seq(db)
    seed_demo(db, 50)
    changes = fetch_since(db, before)
    assert [(c.table, c.op) for c in changes] == [("*", "bulk")]
    # Capture is back on after the load.
    cid = add_customer(db, "After")
    assert fetch_since(db, changes[-1].seq)[0].row_id == cid
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(TicketEvent)) > 0


def test_old_changes_are_pruned(db: Database) -> None:
    add_customer(db, "Old")
    from datetime import timedelta

    from db.types import utcnow

    assert prune(db, now=utcnow() + timedelta(days=3)) >= 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ChangeRow)) == 0


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text("external_id,name,phones\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _capture_triggers(db: Database) -> int:
    with db.session() as s:
        if db.is_sqlite:
            sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"
        else:
            sql = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE :p"
        return int(s.scalar(text(sql), {"p": "calldesk_capture%"}) or 0)


def test_a_csv_import_is_one_change_per_batch_and_clients_still_refresh(
    db: Database, follower_factory: Factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import csv_customers

    monkeypatch.setattr(csv_customers, "BATCH_SIZE", 2)
    triggers = _capture_triggers(db)
    _follower, inbox, _other = follower_factory(db)
    before = latest_seq(db)
    rows = [f"KH{i},Khách {i},0912 000 00{i};0912 000 10{i}" for i in range(5)]
    report = csv_customers.import_customers(db, _csv(tmp_path / "a.csv", rows))
    assert report.inserted == 5

    # Five customers and ten numbers: three batches, three changes, not fifteen.
    changes = fetch_since(db, before)
    assert [(c.table, c.row_id, c.op) for c in changes] == [("customers", None, "bulk")] * 3
    assert all(c.at is not None for c in changes)
    got = inbox.wait_for(lambda c: c.table == "customers" and c.op == "bulk")
    assert got.seq in {c.seq for c in changes}

    # Nothing changed: nothing announced. Capture is back for everyone else's writes.
    csv_customers.import_customers(db, _csv(tmp_path / "b.csv", rows))
    assert fetch_since(db, changes[-1].seq) == []
    assert _capture_triggers(db) == triggers
    cid = add_customer(db, "After the import")
    assert [c.row_id for c in fetch_since(db, changes[-1].seq)] == [cid]
    inbox.wait_for(lambda c: c.row_id == cid)
