"""What a change is and how to read the sequence the capture triggers write."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from db.change_log import CHANNEL, SCOPE_CHANNEL_PREFIX
from db.engine import Database
from db.models import Change as ChangeRow
from db.types import utcnow

ALL_TABLES = "*"  # a bulk load: every table may have changed
KEEP = timedelta(days=2)  # how long `prune` keeps changes (what a catch-up can rely on)


BULK = "bulk"  # op of a change that stands for many rows (row_id None)


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the sequence. `op` BULK with no `row_id` stands for many rows of
    `table` (a whole table for ALL_TABLES, e.g. a seed; the customers a batch of a CSV
    import wrote, whose rows carry updated_at >= `at`). `at` is known when read from
    the table, not from a NOTIFY payload."""

    seq: int
    table: str
    row_id: uuid.UUID | None
    version: int | None
    op: str
    at: datetime | None = None

    def touches(self, table: str) -> bool:
        return self.table == table or self.table == ALL_TABLES


def parse_payload(payload: str) -> Change | None:
    """A NOTIFY payload written by the trigger; None for anything else on the channel."""
    try:
        data = json.loads(payload)
        raw_id = data.get("id")
        return Change(
            seq=int(data["s"]),
            table=str(data["t"]),
            row_id=uuid.UUID(raw_id) if raw_id else None,
            version=int(data["v"]) if data.get("v") is not None else None,
            op=str(data.get("op") or "update"),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


# A supplier session reads only its slice of `changes` (migration 0012).
RESTRICTED_ROLES = frozenset({"supplier"})


def is_restricted(db: Database) -> bool:
    """Whether PostgreSQL shows this client only part of the change sequence."""
    return not db.is_sqlite and db.identity is not None and db.identity.role in RESTRICTED_ROLES


# How often a client woken per scope reads the sequence anyway. A wake-up covers the
# changes stamped with its department (its tickets and their log), not those a
# supplier sees without a scope: the customers of its complaints, its desk's users,
# the reference tables, bulk markers. Those are rare and secondary on a supplier's
# screens, and are announced by payloads no supplier may hear; 5 s bounds their delay
# (and that of a wake-up lost with a silently dropped connection) at a fifth of the
# load the 1 s polling of 0012 put on the server per idle supplier client.
WAKE_FALLBACK_POLL = 5.0


def may_listen(db: Database) -> bool:
    """Whether this client should LISTEN to the payloads. A NOTIFY payload names the
    changed row and reaches every listener, row-level security or not: a restricted
    client hears only its scope's empty wake-ups (`wake_channels`) and reads the
    sequence, which the server filters for it."""
    return not db.is_sqlite and not is_restricted(db)


def scope_channel(department_id: str | uuid.UUID) -> str:
    """The channel a change stamped with this scope wakes (migration 0013)."""
    return SCOPE_CHANNEL_PREFIX + uuid.UUID(str(department_id)).hex


def wake_channels(db: Database) -> tuple[str, ...]:
    """A restricted client's own department's channel: an empty NOTIFY there says only
    that something in its scope changed. None without a department (it polls)."""
    if not is_restricted(db) or db.identity is None or not db.identity.department_id:
        return ()
    return (scope_channel(db.identity.department_id),)


def listen_channels(db: Database) -> tuple[str, ...]:
    """What this client LISTENs on: the payloads, its scope's wake-ups, or nothing."""
    return (CHANNEL,) if may_listen(db) else wake_channels(db)


def latest_seq(db: Database) -> int:
    """Where a client starts following: what it shows was read after this point. A
    restricted client asks the server for the head (its own latest visible change may
    be days old, and every number after it would be waited for as a late commit)."""
    with db.session() as s:
        if is_restricted(db):
            return int(s.scalar(select(func.calldesk_changes_head())) or 0)
        return int(s.scalar(select(func.coalesce(func.max(ChangeRow.seq), 0))) or 0)


def fetch_since(db: Database, after: int, limit: int = 5000) -> list[Change]:
    """Changes with seq > `after`, oldest first (on PostgreSQL, those this session may
    see: a supplier's numbers have gaps, which its cursor gives up like rollbacks)."""
    with db.session() as s:
        rows = s.execute(
            select(
                ChangeRow.seq,
                ChangeRow.tbl,
                ChangeRow.row_id,
                ChangeRow.version,
                ChangeRow.op,
                ChangeRow.at,
            )
            .where(ChangeRow.seq > after)
            .order_by(ChangeRow.seq)
            .limit(limit)
        ).all()
    return [Change(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


def prune(db: Database, keep: timedelta = KEEP, now: datetime | None = None) -> int:
    """Forget changes older than `keep`: a client away longer re-reads its views anyway."""
    cutoff = (now or utcnow()) - keep
    with db.session() as s:
        result = s.execute(delete(ChangeRow).where(ChangeRow.at < cutoff))
        return int(getattr(result, "rowcount", 0) or 0)
