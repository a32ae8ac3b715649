"""How long the server remembers applied operations, and why forgetting is safe.

Every outbox operation leaves an applied_operations row (its id, when the client made
it); that row is what makes a replay after a crash apply nothing twice. Kept forever,
the table grows by a row per write. `prune` drops rows older than the retention (the
`outbox_retention_days` setting, 30 days by default): set it longer than any
workstation could stay offline with changes waiting.

Why a prune can never make a replay apply twice, whatever the retention:

- `prune` raises a horizon (the `counters` row HORIZON, microseconds since the epoch)
  to its cutoff and deletes only rows whose operation was made (`created_at`, the
  client's own stamp copied from the operation) before that cutoff, in ONE transaction.
- An operation keeps its `created_at` from the moment it is made to its last replay,
  and its applied row carries the same value.
- `Outbox._apply_central` first looks for the operation's applied row ("done before"),
  then reads the horizon. Because the delete and the horizon commit together, a
  replay that finds the row gone also sees the raised horizon (a later statement of
  the same or a later snapshot). An operation made before the horizon and without a
  row may therefore have been applied and forgotten: it is refused (kept in the
  outbox as a conflict the agent discards after checking), never applied. An
  operation made at or after the horizon cannot have lost its row, so "no row"
  really means "never applied".

The retention only decides how rarely that refusal happens (a change that waited
longer than the retention), never whether a change is doubled; workstations set to
different retentions are safe too (the shortest one prunes first, the horizon says
so). Clock skew between workstations does not matter: the comparison is between one
operation's own stamp and the cutoff its row was pruned by.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.config import Settings
from db.engine import Database
from db.models import AppliedOperation, Counter
from db.types import utcnow

HORIZON = "applied_ops_horizon"
DEFAULT_DAYS = 30
MIN_DAYS = 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def retention(settings: Settings | None = None) -> timedelta:
    """The configured retention (at least MIN_DAYS; the default when unset or bad)."""
    raw = (settings or Settings.load()).outbox_retention_days
    try:
        days = int(raw)
    except (TypeError, ValueError):
        days = DEFAULT_DAYS
    return timedelta(days=max(MIN_DAYS, days))


def _micros(at: datetime) -> int:
    return (at - _EPOCH) // timedelta(microseconds=1)


def _instant(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def horizon(s: Session) -> datetime | None:
    """Operations made before this instant may have had their applied row pruned."""
    value = s.scalar(select(Counter.value).where(Counter.name == HORIZON))
    return None if value is None else _instant(int(value))


def may_be_forgotten(s: Session, created_at: datetime | None) -> bool:
    """True when an operation without an applied row might still have been applied
    (its row pruned): it must not be applied again (see the module docstring)."""
    cutoff = horizon(s)
    return cutoff is not None and (created_at is None or created_at < cutoff)


def prune(db: Database, keep: timedelta | None = None, now: datetime | None = None) -> int:
    """Forget applied operations made more than `keep` ago; returns how many rows went."""
    keep = keep if keep is not None else retention()
    cutoff = (now or utcnow()) - keep
    row = AppliedOperation.__table__.c
    with db.session() as s:
        # The horizon first (its row lock orders concurrent prunes); never lowered.
        s.execute(
            update(Counter)
            .where(Counter.name == HORIZON, Counter.value < _micros(cutoff))
            .values(value=_micros(cutoff))
        )
        if horizon(s) is None:  # the first prune; a concurrent first one wins the row
            make = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
            s.execute(
                make(Counter)
                .values(name=HORIZON, value=_micros(cutoff))
                .on_conflict_do_nothing(index_elements=["name"])
            )
            s.execute(
                update(Counter)
                .where(Counter.name == HORIZON, Counter.value < _micros(cutoff))
                .values(value=_micros(cutoff))
            )
        gone = s.execute(
            delete(AppliedOperation).where(
                row.applied_at < cutoff,
                or_(row.created_at < cutoff, row.created_at.is_(None)),
            )
        )
        return int(getattr(gone, "rowcount", 0) or 0)
