"""The workstation's copy of the customer directory, for screen-pop while offline.

While the central database answers, `Directory.refresh` follows the change sequence
(app.sync.changes: every committed insert, update and delete of a synced row, written
by triggers in the writer's transaction) from where the copy last stopped: the
customers and contact points a change names are read again by id and upserted, or
deleted from the copy when the server no longer has them (a deleted customer, a
contact point an import or a merge removed), and the open-ticket counts of the
customers whose tickets changed are counted again. A batch of a CSV import is one
change without a row (app.csv_customers): the customers updated since its time are
read again with all their numbers. When the server answers nothing
else, app.card asks this copy instead: the same app.lookup code runs on it (the copy's
tables carry the columns it reads), and the card is a reduced one (OfflineCard: name,
kind, tier, flags, numbers, open-ticket count) that the screen marks "offline".

A full load (the first time, after a bulk load announced as table '*', or when the
copy was last refreshed so long ago that the changes it missed may have been pruned:
older than half of app.sync.changes.KEEP) walks both tables in id order and also
deletes, batch by batch, what the server no longer has. Customers made on this
workstation while offline (`local_only`) and their numbers stay until the server
confirms them. A ticket deleted outright on the server (nothing in CallDesk does)
leaves its customer's count until that customer's next change or full load.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, delete, func, not_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app import lookup, phones
from app.card import CardData, PopResult
from app.outbox import state
from app.outbox.local_schema import DirContact, DirCustomer, meta_get, meta_set
from app.sync import changes as sync_changes
from app.sync.changes import ALL_TABLES, Change
from app.sync.cursor import SeqCursor
from app.tickets import OPEN_STATES
from db.engine import Database
from db.enums import ContactKind, TicketKind
from db.models import ContactPoint, Customer, Ticket

BATCH = 5000  # rows per full-load batch (one local transaction each)
CHUNK = 1000  # ids per IN (...) query when re-reading what changes named
FULL_AFTER = sync_changes.KEEP / 2  # older copies may have missed pruned changes
SEQ, REFRESHED = "seq", "refreshed_at"  # meta keys


@dataclass
class OfflineCard(CardData):
    """A card built from the directory copy: what the copy knows, nothing more."""

    open_ticket_count: int = 0
    open_complaint_count: int = 0
    local_only: bool = False  # created on this workstation, not on the server yet


@dataclass(frozen=True)
class RefreshReport:
    customers: int  # customer rows read again (all of them on a full load)
    contacts: int
    counts: int  # customers whose open-ticket counts were counted again
    full: bool
    seconds: float
    removed: int = 0  # customers and contact points dropped from the copy


def _chunks(ids: Iterable[uuid.UUID], size: int = CHUNK) -> Iterator[list[uuid.UUID]]:
    items = list(ids)
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Directory:
    """The copy for one central database, kept in `local` (the outbox's file)."""

    def __init__(self, central: Database, local: Database) -> None:
        self.central = central
        self.local = local
        self._lock = threading.Lock()
        self._cursor: SeqCursor | None = None  # holes in the sequence are waited for

    def active(self) -> bool:
        return True

    def size(self) -> int:
        with self.local.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(DirCustomer)).scalar() or 0)

    # -- pulling from the server ----------------------------------------------------------

    def refresh(self, full: bool = False, now: datetime | None = None) -> RefreshReport:
        """Apply what the change sequence says happened since the last refresh (a full
        load the first time, or with `full`). Raises the server's error when it cannot
        be reached; what was applied before the error stays applied."""
        t0 = time.perf_counter()
        now = now or datetime.now(UTC)
        with self._lock:
            with self.local.engine.connect() as conn:
                seq, refreshed = meta_get(conn, SEQ), meta_get(conn, REFRESHED)
            stale = refreshed is None or now - datetime.fromisoformat(refreshed) > FULL_AFTER
            if full or seq is None or stale:
                return self._full(t0, now)
            if self._cursor is None:
                self._cursor = SeqCursor(int(seq))
            from app.sync.follower import catch_up

            found = catch_up(self.central, self._cursor)
            if any(c.table == ALL_TABLES or (c.row_id is None and c.at is None) for c in found):
                return self._full(t0, now)
            n_customers, n_contacts, n_counts, removed = self._apply(found)
            self._mark(self._cursor.low, now)
        return RefreshReport(
            n_customers, n_contacts, n_counts, False, time.perf_counter() - t0, removed
        )

    def _mark(self, seq: int, now: datetime) -> None:
        with self.local.engine.begin() as conn:
            meta_set(conn, SEQ, str(seq))
            meta_set(conn, REFRESHED, now.isoformat())

    def _apply(self, found: Sequence[Change]) -> tuple[int, int, int, int]:
        """Read again what `found` names; drop what the server no longer has."""
        ids: dict[str, set[uuid.UUID]] = {"customers": set(), "contact_points": set(),
                                          "tickets": set()}  # fmt: skip
        since: datetime | None = None  # a batch of an import: customers updated since
        for change in found:
            if change.row_id is not None and change.table in ids:
                ids[change.table].add(change.row_id)
            elif change.table in ("customers", "contact_points") and change.at is not None:
                since = change.at if since is None else min(since, change.at)
        whole: set[uuid.UUID] = set()  # customers whose numbers are all read again
        if since is not None:
            c = Customer.__table__.c
            with self.central.engine.connect() as conn:
                whole = {r[0] for r in conn.execute(select(c.id).where(c.updated_at >= since))}
            ids["customers"] |= whole
        n_customers, gone_customers = self._sync_rows(Customer, ids["customers"])
        n_contacts, gone_contacts = self._sync_rows(ContactPoint, ids["contact_points"])
        n_numbers, gone_numbers = self._sync_numbers_of(whole)
        n_contacts += n_numbers
        gone_contacts += gone_numbers
        touched = set(ids["customers"])
        t = Ticket.__table__.c
        for chunk in _chunks(ids["tickets"]):
            with self.central.engine.connect() as conn:
                touched.update(
                    r[0]
                    for r in conn.execute(
                        select(t.customer_id).where(t.id.in_(chunk), t.customer_id.is_not(None))
                    )
                )
        n_counts = self._recount(touched)
        return n_customers, n_contacts, n_counts, gone_customers + gone_contacts

    def _sync_rows(self, model: Any, wanted: set[uuid.UUID]) -> tuple[int, int]:
        """Upsert the rows of `model` with these ids as the server has them now, and
        delete the ones it no longer has. Returns (read, removed)."""
        read = removed = 0
        is_customer = model is Customer
        table = model.__table__
        columns = _CUSTOMER_COLUMNS if is_customer else _CONTACT_COLUMNS
        convert = _customer_row if is_customer else _contact_row
        for chunk in _chunks(sorted(wanted)):
            with self.central.engine.connect() as conn:
                rows = conn.execute(
                    select(*[table.c[c] for c in columns]).where(table.c.id.in_(chunk))
                ).all()
            values = [convert(r) for r in rows]
            missing = set(chunk) - {r.id for r in rows}
            with self.local.engine.begin() as conn:
                _upsert(conn, DirCustomer if is_customer else DirContact, values)
                if is_customer:
                    removed += _delete_customers(conn, missing)
                else:
                    _drop_placeholders(conn, values)
                    removed += _delete(conn, DirContact, DirContact.__table__.c.id.in_(missing))
            read += len(rows)
        return read, removed

    def _sync_numbers_of(self, customer_ids: set[uuid.UUID]) -> tuple[int, int]:
        """Every contact point of these customers as the server has it now (those it no
        longer has are deleted). Returns (read, removed)."""
        read = removed = 0
        cp = ContactPoint.__table__.c
        local = DirContact.__table__.c
        for chunk in _chunks(sorted(customer_ids)):
            with self.central.engine.connect() as conn:
                rows = conn.execute(
                    select(*[cp[c] for c in _CONTACT_COLUMNS]).where(cp.customer_id.in_(chunk))
                ).all()
            with self.local.engine.begin() as conn:
                _upsert(conn, DirContact, [_contact_row(r) for r in rows])
                removed += _delete(
                    conn,
                    DirContact,
                    and_(local.customer_id.in_(chunk), local.id.not_in([r.id for r in rows])),
                )
            read += len(rows)
        return read, removed

    def _recount(self, customer_ids: set[uuid.UUID]) -> int:
        """Open and complaint counts of these customers, counted again on the server."""
        done = 0
        for chunk in _chunks(sorted(customer_ids)):
            with self.central.engine.connect() as conn:
                rows = conn.execute(
                    _counts().where(Ticket.__table__.c.customer_id.in_(chunk))
                ).all()
            counted = {r[0]: (int(r[1] or 0), int(r[2] or 0)) for r in rows}
            c = DirCustomer.__table__.c
            with self.local.engine.begin() as conn:
                for cid in chunk:
                    n_open, n_complaints = counted.get(cid, (0, 0))
                    conn.execute(
                        update(DirCustomer)
                        .where(c.id == cid, not_(c.local_only))
                        .values(open_tickets=n_open, open_complaints=n_complaints)
                    )
            done += len(chunk)
        return done

    def _full(self, t0: float, now: datetime) -> RefreshReport:
        """Everything again, in id order, deleting what the server no longer has; the
        sequence is read first, so changes made during the load are applied next time
        (applying one twice is harmless: it re-reads the row)."""
        start = sync_changes.latest_seq(self.central)
        n_customers, gone_customers = self._load_all(Customer)
        n_contacts, gone_contacts = self._load_all(ContactPoint)
        n_counts = self._recount_all()
        self._mark(start, now)
        self._cursor = SeqCursor(start)
        return RefreshReport(
            n_customers, n_contacts, n_counts, True, time.perf_counter() - t0,
            gone_customers + gone_contacts,
        )  # fmt: skip

    def _load_all(self, model: Any) -> tuple[int, int]:
        is_customer = model is Customer
        table = model.__table__
        columns = _CUSTOMER_COLUMNS if is_customer else _CONTACT_COLUMNS
        convert = _customer_row if is_customer else _contact_row
        target: Any = DirCustomer if is_customer else DirContact
        local = target.__table__.c
        # What a range delete may remove: never what this workstation made offline.
        if is_customer:
            ours = not_(local.local_only)
        else:
            made_here = select(DirCustomer.__table__.c.id).where(DirCustomer.__table__.c.local_only)
            ours = local.customer_id.not_in(made_here)
        after: uuid.UUID | None = None
        total = removed = 0
        while True:
            stmt = select(*[table.c[c] for c in columns]).order_by(table.c.id).limit(BATCH)
            if after is not None:
                stmt = stmt.where(table.c.id > after)
            with self.central.engine.connect() as conn:
                rows = conn.execute(stmt).all()
            last = rows[-1].id if len(rows) == BATCH else None  # None: to the end
            span = [local.id > after] if after is not None else []
            if last is not None:
                span.append(local.id <= last)
            with self.local.engine.begin() as conn:
                _upsert(conn, target, [convert(r) for r in rows])
                where = and_(ours, local.id.not_in([r.id for r in rows]), *span)
                if is_customer:
                    gone = [r[0] for r in conn.execute(select(local.id).where(where))]
                    removed += _delete_customers(conn, set(gone))
                else:
                    removed += _delete(conn, target, where)
            total += len(rows)
            if last is None:
                return total, removed
            after = last

    def _recount_all(self) -> int:
        with self.central.engine.connect() as conn:
            rows = conn.execute(_counts()).all()
        c = DirCustomer.__table__.c
        with self.local.engine.begin() as conn:
            conn.execute(
                update(DirCustomer)
                .where(not_(c.local_only))
                .values(open_tickets=0, open_complaints=0)
            )
            for customer_id, n_open, n_complaints in rows:
                if n_open or n_complaints:
                    conn.execute(
                        update(DirCustomer)
                        .where(c.id == customer_id, not_(c.local_only))
                        .values(open_tickets=int(n_open or 0),
                                open_complaints=int(n_complaints or 0))
                    )  # fmt: skip
        return len(rows)

    # -- answering offline ------------------------------------------------------------

    def for_caller(
        self, value: str | None, region: str = phones.DEFAULT_REGION, now: datetime | None = None
    ) -> PopResult:
        t0 = time.perf_counter()
        found = lookup.lookup(self.local, value, region)
        t1 = time.perf_counter()
        best = found.best
        card = self.build(best.customer_id) if best is not None else None
        t2 = time.perf_counter()
        return PopResult(
            found.query, found.normalized, list(found.matches), card,
            (t1 - t0) * 1000, (t2 - t1) * 1000,
        )  # fmt: skip

    def build(self, customer_id: uuid.UUID, *_args: Any, **_kwargs: Any) -> OfflineCard | None:
        c = DirCustomer.__table__.c
        with self.local.engine.connect() as conn:
            row = _follow(conn, customer_id)
            if row is None:
                return None
            cp = DirContact.__table__.c
            contacts = conn.execute(
                select(cp.kind, cp.value_raw)
                .where(cp.customer_id == row.id)
                .order_by(cp.is_primary.desc(), cp.value_raw)
            ).all()
        _ = c
        return OfflineCard(
            id=row.id,
            name=row.name,
            kind=row.kind,
            tier=row.tier,
            vip=bool(row.vip),
            external_id=row.external_id,
            warning=row.warning,
            notes=None,
            requested_id=customer_id,
            phones=[v for k, v in contacts if k == ContactKind.PHONE][:12],
            emails=[v for k, v in contacts if k == ContactKind.EMAIL][:12],
            open_ticket_count=int(row.open_tickets or 0),
            open_complaint_count=int(row.open_complaints or 0),
            local_only=bool(row.local_only),
        )


def _follow(conn: Connection, customer_id: uuid.UUID) -> Any:
    c = DirCustomer.__table__.c
    row = conn.execute(select(DirCustomer.__table__).where(c.id == customer_id)).first()
    for _hop in range(8):
        if row is None or row.merged_into_id is None:
            break
        row = conn.execute(select(DirCustomer.__table__).where(c.id == row.merged_into_id)).first()
    return row


_CUSTOMER_COLUMNS = (
    "id", "external_id", "name", "kind", "tier", "vip", "warning", "merged_into_id", "updated_at",
)  # fmt: skip
_CONTACT_COLUMNS = (
    "id", "customer_id", "kind", "value_raw", "value_norm", "match_key", "is_primary",
    "updated_at",
)  # fmt: skip


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _customer_row(r: Any) -> dict[str, Any]:
    return {
        "id": r.id, "external_id": r.external_id, "name": r.name, "kind": r.kind,
        "tier": r.tier, "vip": bool(r.vip), "warning": r.warning,
        "merged_into_id": r.merged_into_id, "updated_at": _aware(r.updated_at),
        "local_only": False,
    }  # fmt: skip


def _contact_row(r: Any) -> dict[str, Any]:
    return {
        "id": r.id, "customer_id": r.customer_id, "kind": r.kind, "value_raw": r.value_raw,
        "value_norm": r.value_norm, "match_key": r.match_key, "is_primary": bool(r.is_primary),
        "updated_at": _aware(r.updated_at),
    }  # fmt: skip


def _counts() -> Any:
    """Open and open-complaint tickets per customer (grouped; callers add a filter)."""
    t = Ticket.__table__.c
    is_open = t.status.in_([str(s) for s in OPEN_STATES])
    return (
        select(
            t.customer_id,
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((and_(is_open, t.kind == TicketKind.COMPLAINT.value), 1), else_=0)),
        )
        .where(t.customer_id.is_not(None))
        .group_by(t.customer_id)
    )


def _upsert(conn: Connection, target: Any, values: list[dict[str, Any]]) -> None:
    if not values:
        return
    insert = sqlite_insert(target)
    keep = {k: insert.excluded[k] for k in values[0] if k != "id"}
    conn.execute(insert.on_conflict_do_update(index_elements=["id"], set_=keep), values)


def _delete(conn: Connection, target: Any, where: Any) -> int:
    result = conn.execute(delete(target).where(where))
    return int(getattr(result, "rowcount", 0) or 0)


def _delete_customers(conn: Connection, ids: set[uuid.UUID]) -> int:
    """Customers the server no longer has, with their numbers."""
    removed = 0
    for chunk in _chunks(sorted(ids)):
        removed += _delete(conn, DirContact, DirContact.__table__.c.customer_id.in_(chunk))
        c = DirCustomer.__table__.c
        removed += _delete(conn, DirCustomer, and_(c.id.in_(chunk), not_(c.local_only)))
    return removed


def _drop_placeholders(conn: Connection, values: list[dict[str, Any]]) -> None:
    """A number attached offline got an id of this workstation's making; the server's
    own row for it replaces it (same customer, same normalised value)."""
    if not values:
        return
    cp = DirContact.__table__.c
    conn.execute(
        delete(DirContact).where(
            cp.customer_id == bindparam("b_customer"),
            cp.value_norm == bindparam("b_norm"),
            cp.id != bindparam("b_id"),
        ),
        [{"b_customer": v["customer_id"], "b_norm": v["value_norm"], "b_id": v["id"]}
         for v in values],
    )  # fmt: skip


def install(central: Database, local: Database) -> Directory:
    """Answer app.card's reads for `central` from the copy whenever it is away."""
    directory = Directory(central, local)
    state.set_fallback(central, directory)
    return directory


def uninstall(central: Database) -> None:
    state.set_fallback(central, None)
