"""Routing rules, SLA policies (with their calendars) and departments, kept in memory.

Every ticket save needs them and they change a few times a year, so reading them per
save cost four round trips for nothing. They are cached per Database and checked
against the reference stamp (`counters.name = 'reference'`), which triggers bump in
the same transaction as any edit of those tables (migration 0010), whoever makes it:
this client, another workstation, the CLI or raw SQL. A save reads the stamp inside
its own transaction (on PostgreSQL together with its ticket number, so it costs no
extra round trip) and reloads when it moved: an edit committed before the save's
stamp read is always seen, so stale rules are never used after an admin edits them.

Without a stamp row (a database not migrated to 0010) nothing is cached.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import routing
from app.sla import Policy, load_policy
from db.engine import Database
from db.models import Counter, Department, RoutingRule, SlaPolicy

STAMP = "reference"


@dataclass(frozen=True)
class DepartmentRef:
    id: uuid.UUID
    code: str
    name: str


@dataclass(frozen=True)
class PolicyRef:
    id: uuid.UUID
    name: str
    policy: Policy


@dataclass(frozen=True)
class Reference:
    """One consistent read of the reference tables, valid while the stamp is unchanged."""

    stamp: int | None
    rules: tuple[routing.Rule, ...]
    departments: dict[str, DepartmentRef]
    policies: dict[str, PolicyRef]


_cache: weakref.WeakKeyDictionary[Database, Reference] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
loads = 0  # how many times the tables were read (tests and benchmarks look)


def stamp_sql() -> Any:
    """The stamp as a scalar subquery, to ride along in another statement."""
    return select(Counter.value).where(Counter.name == STAMP).scalar_subquery()


def read_stamp(s: Session) -> int | None:
    value = s.scalar(select(Counter.value).where(Counter.name == STAMP))
    return int(value) if value is not None else None


def load_rules(s: Session) -> list[routing.Rule]:
    return [
        routing.Rule(r.name, r.conditions, r.actions, r.position, r.enabled, str(r.id))
        for r in s.scalars(select(RoutingRule).order_by(RoutingRule.position))
    ]


def _load(s: Session, stamp: int | None) -> Reference:
    global loads
    loads += 1
    rules = tuple(load_rules(s))
    deps = {
        d.code: DepartmentRef(d.id, d.code, d.name) for d in s.scalars(select(Department)).all()
    }
    policies: dict[str, PolicyRef] = {}
    for p in s.scalars(select(SlaPolicy)).all():
        pol = load_policy(s, p)
        assert pol is not None
        policies[p.name] = PolicyRef(p.id, p.name, pol)
    return Reference(stamp, rules, deps, policies)


def get(s: Session, db: Database, stamp: int | None) -> Reference:
    """The reference data as of `stamp` (read by the caller in `s`'s transaction)."""
    cached = _cache.get(db)
    if stamp is not None and cached is not None and cached.stamp == stamp:
        return cached
    fresh = _load(s, stamp)
    with _lock:  # a copy kept under an older stamp is only re-read by the next save
        if stamp is None:  # no stamp to check against: nothing may be kept
            _cache.pop(db, None)
        else:
            _cache[db] = fresh
    return fresh
