"""The workstation's copy of the customer directory, for screen-pop while offline.

While the central database answers, `Directory.refresh` pulls what changed since the
last pull (watermarks on customers.updated_at and contact_points.updated_at, and on
tickets.updated_at for the open-ticket counts) into the local SQLite file the outbox
lives in. When the central database is away, app.card asks this copy instead: the
same app.lookup code runs on it (the copy's tables carry the columns it reads), and
the card is a reduced one (OfflineCard: name, kind, tier, flags, numbers, open-ticket
count) that the screen marks "offline".

Watermarks are client clocks written by many workstations, and a transaction may
commit after a later-stamped one, so each pull starts OVERLAP before the watermark;
upserts make the overlap harmless. Contact points deleted on the server (an import
that is authoritative for a customer's numbers) stay in the copy until the next full
load (`refresh(full=True)`).
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, case, func, select, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app import lookup, phones
from app.card import CardData, PopResult
from app.outbox import state
from app.outbox.local_schema import DirContact, DirCustomer, meta_get, meta_set
from app.tickets import OPEN_STATES
from db.engine import Database
from db.enums import ContactKind, TicketKind
from db.models import ContactPoint, Customer, Ticket

BATCH = 5000
OVERLAP = timedelta(minutes=5)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class OfflineCard(CardData):
    """A card built from the directory copy: what the copy knows, nothing more."""

    open_ticket_count: int = 0
    open_complaint_count: int = 0
    local_only: bool = False  # created on this workstation, not on the server yet


@dataclass(frozen=True)
class RefreshReport:
    customers: int
    contacts: int
    counts: int
    full: bool
    seconds: float


class Directory:
    """The copy for one central database, kept in `local` (the outbox's file)."""

    def __init__(self, central: Database, local: Database) -> None:
        self.central = central
        self.local = local
        self._lock = threading.Lock()

    def active(self) -> bool:
        return True

    def size(self) -> int:
        with self.local.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(DirCustomer)).scalar() or 0)

    # -- pulling from the server ----------------------------------------------------------

    def refresh(self, full: bool = False) -> RefreshReport:
        """Pull what changed on the server since the last pull (everything the first
        time, or with `full`). Raises the server's error when it cannot be reached."""
        t0 = time.perf_counter()
        with self._lock:
            with self.local.engine.connect() as conn:
                marks = {k: meta_get(conn, k) for k in ("customers", "contacts", "tickets")}
            full = full or marks["customers"] is None
            since = {
                k: (_EPOCH if full or v is None else datetime.fromisoformat(v) - OVERLAP)
                for k, v in marks.items()
            }
            n_customers = self._pull(Customer, since["customers"], "customers", _customer_row)
            n_contacts = self._pull(ContactPoint, since["contacts"], "contacts", _contact_row)
            n_counts = self._pull_counts(since["tickets"], full)
        return RefreshReport(n_customers, n_contacts, n_counts, full, time.perf_counter() - t0)

    def _pull(self, model: Any, since: datetime, mark: str, convert: Any) -> int:
        table = model.__table__
        columns = _CUSTOMER_COLUMNS if model is Customer else _CONTACT_COLUMNS
        target: Any = DirCustomer if model is Customer else DirContact
        after: tuple[datetime, uuid.UUID] | None = None
        total = 0
        newest = since
        while True:
            stmt = select(*[table.c[c] for c in columns]).where(table.c.updated_at > since)
            if after is not None:
                stmt = stmt.where(tuple_(table.c.updated_at, table.c.id) > tuple_(*after))
            stmt = stmt.order_by(table.c.updated_at, table.c.id).limit(BATCH)
            with self.central.engine.connect() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                break
            values = [convert(r) for r in rows]
            insert = sqlite_insert(target)
            keep = {k: insert.excluded[k] for k in values[0] if k != "id"}
            with self.local.engine.begin() as conn:
                conn.execute(insert.on_conflict_do_update(index_elements=["id"], set_=keep), values)
                newest = max(newest, rows[-1].updated_at)
                meta_set(conn, mark, newest.isoformat())
            after = (rows[-1].updated_at, rows[-1].id)
            total += len(rows)
            if len(rows) < BATCH:
                break
        return total

    def _pull_counts(self, since: datetime, full: bool) -> int:
        """Open and complaint counts of the customers whose tickets changed."""
        t = Ticket.__table__.c
        is_open = t.status.in_([str(s) for s in OPEN_STATES])
        counts = select(
            t.customer_id,
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((and_(is_open, t.kind == TicketKind.COMPLAINT.value), 1), else_=0)),
            func.max(t.updated_at),
        ).where(t.customer_id.is_not(None))
        if not full:
            touched = select(t.customer_id).where(t.updated_at > since).distinct()
            counts = counts.where(t.customer_id.in_(touched))
        counts = counts.group_by(t.customer_id)
        with self.central.engine.connect() as conn:
            rows = conn.execute(counts).all()
        c = DirCustomer.__table__.c
        newest = since
        with self.local.engine.begin() as conn:
            for customer_id, n_open, n_complaints, last in rows:
                conn.execute(
                    update(DirCustomer)
                    .where(c.id == customer_id)
                    .values(open_tickets=int(n_open or 0), open_complaints=int(n_complaints or 0))
                )
                if last is not None:
                    newest = max(newest, _aware(last))
            meta_set(conn, "tickets", newest.isoformat())
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


def install(central: Database, local: Database) -> Directory:
    """Answer app.card's reads for `central` from the copy whenever it is away."""
    directory = Directory(central, local)
    state.set_fallback(central, directory)
    return directory


def uninstall(central: Database) -> None:
    state.set_fallback(central, None)
