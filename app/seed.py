"""Deterministic demo data: `calldesk db seed --customers N --seed S`.

Everything comes from one `random.Random(seed)` and a fixed base date, so the same
seed gives the same rows, ids and timestamps on every machine and on both engines
(only password hashes differ: their salts are random by design). Reference data
(departments, users, categories, calendar, SLA policies, routing rules; see
resources/demo/README.md) is inserted only where missing, so seeding a database that
already has its own adds to it, and generated tickets follow the rules actually stored.

A million customers must load in minutes: rows are plain tuples in their stored form,
handed to app.bulk's writer thread (executemany on SQLite, COPY on PostgreSQL) while
the next batch is generated, all in one transaction. The work runs in passes:

1. reference data;
2. customers with contact points, orders and non-call interactions, in chunks; calls
   and tickets are only planned here;
3. the planned calls of the last 90 days, replayed in time order through a queue of
   agents (earliest free first), so no agent takes two calls at once and service
   level, abandonment and occupancy come out plausible; answered calls become
   interactions and the agents' status history follows from the replay;
4. tickets, sorted by creation time so numbers rise with time, routed by
   app.routing, with due times from app.sla and a processing log shaped like the one
   app.tickets writes.
"""

from __future__ import annotations

import heapq
import math
import random
import re
import uuid
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate, pairwise
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, func, insert, select, update

from app import auth, routing
from app import seed_data as data
from app.bulk import BackgroundWriter, BulkLoader, Row, json_text, loading_connection
from app.business_time import Calendar
from app.errors import UserError
from app.phones import parse as parse_phone
from app.sla import Policy
from app.text import fold
from app.tickets import PG_NUMBERS_AFTER
from db.engine import Database
from db.models import (
    AgentStatusLog,
    Base,
    BusinessCalendar,
    Call,
    Category,
    ContactPoint,
    Counter,
    Customer,
    Department,
    Interaction,
    Order,
    RoutingRule,
    SlaPolicy,
    Ticket,
    TicketEvent,
    User,
)

Progress = Callable[[str], None]

ICT = ZoneInfo(data.CALENDAR_TZ)
BASE = datetime(2026, 11, 1, tzinfo=ICT)  # "now" of the demo world
BASE_TS = int(BASE.timestamp())
LOCAL = 7 * 3600  # Vietnam has kept UTC+7 without daylight saving since 1975
DAY = 86400
ORDER_DAYS = 730
INTERACTION_DAYS = 365
CALL_DAYS = 90
CHUNK = 10000  # customers per batch handed to the writer
BATCH = 20000  # calls per written batch; tickets go in quarters of it
MIN_AGENTS = 8
CALLS_PER_CUSTOMER = 0.3
ANON_CALLS_PER_CUSTOMER = 0.025
OUTBOUND_SHARE = 0.05
AHT_SECONDS = 330  # what the replay's talk, hold and wrap-up times average to

REF_NS = uuid.UUID("6f1d8c52-58a4-4b8e-9a61-3c0de5ca11de")
REF_CREATED = datetime(2024, 11, 1, 8, 0, tzinfo=ICT).astimezone(UTC)

# Plain strings, not the StrEnums: drivers bind them without a lookup per value.
PERSON, ORGANIZATION = "person", "organization"
PHONE, EMAIL, FACEBOOK, ZALO = "phone", "email", "facebook", "zalo"
INBOUND, OUTBOUND = "inbound", "outbound"
AVAILABLE, ON_CALL, WRAP_UP, AWAY, OFFLINE = "available", "on_call", "wrap_up", "away", "offline"
COMPLAINT, REQUEST, INQUIRY = "complaint", "request", "inquiry"
NEW, OPEN, PENDING_CUSTOMER, PENDING_SUPPLIER, RESOLVED, CLOSED = (
    "new",
    "open",
    "pending_customer",
    "pending_supplier",
    "resolved",
    "closed",
)
PRIORITIES = ("low", "normal", "high", "urgent")

# What uuid.UUID(int=bits, version=4) does to the bits, done on the int for speed.
_UUID_AND = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_OR = (0x8000 << 48) | (4 << 76)


def uuid_hex(bits: int) -> str:
    """`uuid.UUID(int=bits, version=4).hex`, without building the object."""
    return "%032x" % ((bits & _UUID_AND) | _UUID_OR)


def _ref_id(kind: str, key: str) -> uuid.UUID:
    """Reference rows get name-based ids: the same on every database and for every seed."""
    return uuid.uuid5(REF_NS, f"{kind}:{key}")


def _cum(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


# --------------------------------------------------------------------------------------
# When calls happen
# --------------------------------------------------------------------------------------

_HOLIDAYS = frozenset(data.HOLIDAYS)
# Calls per half hour from 08:00, relative to the mean, and per weekday.
_INTRADAY = (0.6, 0.9, 1.2, 1.3, 1.3, 1.2, 1.1, 0.9, 0.6, 0.6, 0.8, 1.0, 1.1, 1.1, 1.0, 0.9, 0.8,
             0.7, 0.5)  # fmt: skip
_WEEKDAY_W = (1.2, 1.05, 1.0, 1.0, 0.95, 0.8, 0.0)


def _weekday(ts: int) -> int:
    return datetime.fromtimestamp(ts + LOCAL, UTC).weekday()


def _call_days() -> list[tuple[int, int, int]]:
    """(local midnight, open, close) of each working day in the call window, oldest first."""
    out = []
    for i in range(CALL_DAYS, 0, -1):
        day = BASE_TS - i * DAY
        d = datetime.fromtimestamp(day + LOCAL, UTC).date()
        spans = data.CALENDAR_HOURS.get(str(d.weekday()))
        if d.isoformat() in _HOLIDAYS or not spans:
            continue
        (a, b) = spans[0]
        out.append((day, day + _secs(a), day + _secs(b)))
    return out


def _secs(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 3600 + int(m) * 60


def _call_slots() -> list[tuple[int, float]]:
    """(start, weight) of every open half hour in the call window."""
    out = []
    for day, open_, close in _call_days():
        wd = _weekday(day)
        for t in range(open_, close, 1800):
            idx = (t - day - 8 * 3600) // 1800
            w = _INTRADAY[idx] if 0 <= idx < len(_INTRADAY) else 0.5
            out.append((t, w * _WEEKDAY_W[wd]))
    return out


def agents_needed(customers: int) -> int:
    """Agents for the busiest half hour of the planned calls at about 85% load."""
    slots = _call_slots()
    total = sum(w for _t, w in slots) or 1.0
    peak = max((w for _t, w in slots), default=0.0) / total
    erlangs = customers * (CALLS_PER_CUSTOMER + ANON_CALLS_PER_CUSTOMER) * peak * AHT_SECONDS / 1800
    return max(MIN_AGENTS, math.ceil(erlangs / 0.85) + 1)


# --------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _stamp(row: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "created_at": REF_CREATED, "updated_at": REF_CREATED, **row}


def _insert_missing(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> int:
    """Insert the rows whose `key` value is not stored yet; returns how many."""
    present = set(
        conn.scalars(select(table.c[key]).where(table.c[key].in_([r[key] for r in rows])))
    )
    new = [r for r in rows if r[key] not in present]
    if new:
        conn.execute(insert(table), new)
    return len(new)


def _id_map(conn: Connection, table: Table, key: str) -> dict[str, uuid.UUID]:
    return {k: i for k, i in conn.execute(select(table.c[key], table.c.id))}


def seed_reference(conn: Connection, agents: int) -> dict[str, int]:
    """Departments, users, categories, calendar, SLA policies and rules, where missing."""
    created: dict[str, int] = {}
    created["departments"] = _insert_missing(
        conn,
        _table(Department),
        "code",
        [
            _stamp(
                {"id": _ref_id("department", c), "code": c, "name": n, "kind": k, "active": True}
            )
            for c, n, k in data.DEPARTMENTS
        ],
    )
    depts = _id_map(conn, _table(Department), "code")
    staff = list(data.STAFF)
    for i in range(1, agents + 1):
        name = data.AGENT_NAMES[(i - 1) % len(data.AGENT_NAMES)]
        if i > len(data.AGENT_NAMES):
            name = f"{name} {i}"
        staff.append((f"agent{i}", name, "agent", "CARE"))
    present = set(
        conn.scalars(select(User.username).where(User.username.in_([s[0] for s in staff])))
    )
    hashes: dict[str, str] = {}  # scrypt is slow on purpose: one hash per distinct password
    users = []
    for username, display, role, dept in staff:
        if username in present:
            continue
        if role not in hashes:
            hashes[role] = auth.hash_password(data.PASSWORDS[role])
        ext = username[5:] if role == "agent" else None
        users.append(
            _stamp(
                {
                    "id": _ref_id("user", username),
                    "username": username,
                    "display_name": display,
                    "password_hash": hashes[role],
                    "role": role,
                    "extension": str(100 + int(ext)) if ext else None,
                    "department_id": depts.get(dept) if dept else None,
                    "active": True,
                }
            )
        )
    if users:
        conn.execute(insert(_table(User)), users)
    created["users"] = len(users)

    cats = _id_map(conn, _table(Category), "code")
    new_cats = 0
    for pos, (code, name, parent) in enumerate(data.CATEGORIES):
        if code in cats:
            continue
        cid = _ref_id("category", code)
        row = {"id": cid, "code": code, "name": name, "parent_id": cats.get(parent or ""),
               "position": pos * 10, "active": True}  # fmt: skip
        conn.execute(insert(_table(Category)), [_stamp(row)])
        cats[code] = cid
        new_cats += 1
    created["categories"] = new_cats

    cal = {
        "id": _ref_id("calendar", data.CALENDAR_NAME),
        "name": data.CALENDAR_NAME,
        "timezone": data.CALENDAR_TZ,
        "hours": data.CALENDAR_HOURS,
        "holidays": data.HOLIDAYS,
    }
    created["business_calendars"] = _insert_missing(
        conn, _table(BusinessCalendar), "name", [_stamp(cal)]
    )
    cal_id = _id_map(conn, _table(BusinessCalendar), "name")[data.CALENDAR_NAME]
    created["sla_policies"] = _insert_missing(
        conn,
        _table(SlaPolicy),
        "name",
        [
            _stamp(
                {
                    "id": _ref_id("sla", name),
                    "name": name,
                    "first_response_minutes": first,
                    "resolution_minutes": res,
                    "calendar_id": cal_id if business else None,
                    "actions": actions,
                }
            )
            for name, first, res, business, actions in data.SLA_POLICIES
        ],
    )
    # The rule set goes in whole or not at all: mixing demo rules into an
    # administrator's ordered set would change where complaints go.
    created["routing_rules"] = 0
    if not conn.scalar(select(func.count()).select_from(RoutingRule)):
        rows = [
            _stamp(
                {
                    "id": _ref_id("routing_rule", name),
                    "position": (i + 1) * 10,
                    "name": name,
                    "enabled": True,
                    "conditions": cond,
                    "actions": act,
                }
            )
            for i, (name, cond, act) in enumerate(data.ROUTING_RULES)
        ]
        conn.execute(insert(_table(RoutingRule)), rows)
        created["routing_rules"] = len(rows)
    return created


@dataclass
class _Ref:
    """The stored reference data generated rows point at (ids as 32-digit hex)."""

    departments: dict[str, str] = field(default_factory=dict)  # code -> id
    kinds: dict[str, str] = field(default_factory=dict)  # code -> internal/supplier/partner
    users: dict[str, str] = field(default_factory=dict)  # username -> id
    members: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # code -> users
    agents: list[tuple[str, str]] = field(default_factory=list)  # (id, extension)
    categories: dict[str, str] = field(default_factory=dict)  # code -> id
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> ancestors
    policies: dict[str, tuple[str, Policy]] = field(default_factory=dict)
    rules: list[routing.Rule] = field(default_factory=list)


def load_reference(conn: Connection, agents: int) -> _Ref:
    ref = _Ref()
    dept_code = {}
    for code, did, kind in conn.execute(select(Department.code, Department.id, Department.kind)):
        ref.departments[code] = did.hex
        ref.kinds[code] = kind
        dept_code[did] = code
    users = conn.execute(
        select(User.username, User.id, User.department_id, User.extension)
        .where(User.active)
        .order_by(User.username)
    ).all()
    for username, uid, dept_id, _ext in users:
        ref.users[username] = uid.hex
        if dept_id is not None and dept_id in dept_code:
            ref.members.setdefault(dept_code[dept_id], []).append((uid.hex, username))
    ext_of = {u: e for u, _i, _d, e in users}
    ref.agents = [
        (ref.users[f"agent{i}"], ext_of[f"agent{i}"] or str(100 + i))
        for i in range(1, agents + 1)
        if f"agent{i}" in ref.users
    ]
    if not ref.agents:
        raise UserError("the demo agents agent1... are missing or inactive")
    cats = conn.execute(select(Category.code, Category.id, Category.parent_id)).all()
    code_of = {cid: code for code, cid, _p in cats}
    parent_of = {code: code_of.get(pid) if pid else None for code, _c, pid in cats}
    for code, cid, _p in cats:
        ref.categories[code] = cid.hex
        chain: list[str] = []
        node = parent_of.get(code)
        while node and node not in chain:
            chain.append(node)
            node = parent_of.get(node)
        ref.parents[code] = tuple(chain)
    calendars = {
        cid: Calendar.from_data(tz, hours, holidays)
        for cid, tz, hours, holidays in conn.execute(
            select(
                BusinessCalendar.id,
                BusinessCalendar.timezone,
                BusinessCalendar.hours,
                BusinessCalendar.holidays,
            )
        )
    }
    for pid, name, first, res, cal_id, actions in conn.execute(
        select(
            SlaPolicy.id,
            SlaPolicy.name,
            SlaPolicy.first_response_minutes,
            SlaPolicy.resolution_minutes,
            SlaPolicy.calendar_id,
            SlaPolicy.actions,
        )
    ):
        cal = calendars.get(cal_id) or Calendar.always_open()
        policy = Policy(
            name, timedelta(minutes=first), timedelta(minutes=res), cal, dict(actions or {})
        )
        ref.policies[name] = (pid.hex, policy)
    ref.rules = [
        routing.Rule(name, cond, act, pos, enabled, str(rid))
        for rid, name, cond, act, pos, enabled in conn.execute(
            select(
                RoutingRule.id,
                RoutingRule.name,
                RoutingRule.conditions,
                RoutingRule.actions,
                RoutingRule.position,
                RoutingRule.enabled,
            ).order_by(RoutingRule.position)
        )
    ]
    return ref


# --------------------------------------------------------------------------------------
# Phone numbers: unique by construction, formatted without phonenumbers
# --------------------------------------------------------------------------------------


def _coprime_multiplier(space: int, rng: random.Random) -> int:
    while True:
        a = rng.randrange(space // 3, space - 1)
        if math.gcd(a, space) == 1:
            return a


class _Numbers:
    """Hands out phone numbers that never repeat: per prefix a counter goes through an
    affine bijection of the subscriber range, so no set of millions of numbers is kept."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.prefixes = [p for p, _w in data.MOBILE_PREFIXES]
        self.mobile_cum = _cum([w for _p, w in data.MOBILE_PREFIXES])
        self.area_cum = _cum([a[4] for a in data.LANDLINE_AREAS])
        self.count: dict[str, int] = {}
        self.affine: dict[str, tuple[int, int, int, int, int]] = {}
        for p in self.prefixes:
            self._bijection(p, 0, 9, 7)
        for area, lo, hi, digits, _w in data.LANDLINE_AREAS:
            self._bijection(area, lo, hi, digits)

    def _bijection(self, prefix: str, lo: int, hi: int, digits: int) -> None:
        unit = 10 ** (digits - 1)
        space = (hi - lo + 1) * unit
        a = _coprime_multiplier(space, self.rng)
        self.affine[prefix] = (a, self.rng.randrange(space), space, lo * unit, digits)

    def _next(self, prefix: str) -> str:
        a, b, space, offset, digits = self.affine[prefix]
        c = self.count.get(prefix, 0)
        if c >= space:
            raise UserError(f"the demo ran out of phone numbers with prefix 0{prefix}")
        self.count[prefix] = c + 1
        return f"{prefix}{offset + (a * c + b) % space:0{digits}d}"

    def mobile_nsn(self) -> str:
        r = self.rng.random() * self.mobile_cum[-1]
        return self._next(self.prefixes[bisect(self.mobile_cum, r)])

    def landline_nsn(self) -> str:
        r = self.rng.random() * self.area_cum[-1]
        return self._next(data.LANDLINE_AREAS[bisect(self.area_cum, r)][0])

    def mobile(self) -> tuple[str, str, str]:
        """(as typed, E.164, national number) of a new Vietnamese mobile."""
        nsn = self.mobile_nsn()
        shape = bisect(_MOBILE_SHAPES, self.rng.random() * _MOBILE_SHAPES[-1])
        return format_mobile(nsn, shape), "+84" + nsn, nsn

    def landline(self) -> tuple[str, str, str]:
        nsn = self.landline_nsn()
        shape = bisect(_LANDLINE_SHAPES, self.rng.random() * _LANDLINE_SHAPES[-1])
        return format_landline(nsn, shape), "+84" + nsn, nsn

    def international(self) -> tuple[str, str, str]:
        """A foreign number, checked by app.phones (rare, so the parse is affordable)."""
        rng = self.rng
        while True:
            pattern = data.INTL_PHONES[rng.randrange(len(data.INTL_PHONES))]
            raw = "".join(str(rng.randrange(10)) if ch == "x" else ch for ch in pattern)
            parsed = parse_phone(raw)
            if parsed is not None:
                return raw, parsed.e164, parsed.national


def format_mobile(nsn: str, shape: int) -> str:
    """A 9-digit Vietnamese mobile number (no trunk 0) in one of the ways people type it."""
    a, b, c = nsn[:3], nsn[3:6], nsn[6:]
    return (
        f"0{nsn}",
        f"0{a} {b} {c}",
        f"0{a}.{b}.{c}",
        f"0{a}-{b}-{c}",
        f"+84 {a} {b} {c}",
        f"+84{nsn}",
        f"84{nsn}",
        f"(+84) {a} {b} {c}",
        f"0{a} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}",
        f"0{nsn[:2]} {nsn[2:5]} {nsn[5:]}",
        f"0084 {a} {b} {c}",
    )[shape]


def format_landline(nsn: str, shape: int) -> str:
    """A Vietnamese fixed-line number (area code + subscriber, no trunk 0) as typed."""
    area = nsn[:2] if nsn[:2] in ("28", "24") else nsn[:3]
    sub = nsn[len(area) :]
    s1, s2 = sub[: len(sub) // 2], sub[len(sub) // 2 :]
    return (
        f"0{area} {s1} {s2}",
        f"(0{area}) {s1} {s2}",
        f"0{area}.{s1}.{s2}",
        f"0{nsn}",
        f"+84 {area} {s1} {s2}",
        f"(+84) {area} {sub}",
    )[shape]


# Cumulative weights of the shapes above (the plain and the spaced form dominate).
_MOBILE_SHAPES = _cum((30, 25, 8, 6, 8, 6, 3, 3, 5, 5, 1))
_LANDLINE_SHAPES = _cum((40, 20, 10, 15, 10, 5))
MOBILE_SHAPE_COUNT = len(_MOBILE_SHAPES)
LANDLINE_SHAPE_COUNT = len(_LANDLINE_SHAPES)

_SLUG = re.compile(r"[^a-z0-9]")


def _slug(text: str) -> str:
    return _SLUG.sub("", fold(text))


# --------------------------------------------------------------------------------------
# Row layouts
# --------------------------------------------------------------------------------------

CUSTOMER_COLS = ("id", "external_id", "kind", "name", "name_key", "tier", "vip", "warning",
                 "notes", "organization_id", "merged_into_id", "version", "created_at",
                 "updated_at")  # fmt: skip
CONTACT_COLS = ("id", "customer_id", "kind", "value_raw", "value_norm", "match_key",
                "is_primary", "version", "created_at", "updated_at")  # fmt: skip
ORDER_COLS = ("id", "customer_id", "external_id", "ordered_at", "amount", "currency", "product",
              "supplier_id", "status", "created_at", "updated_at")  # fmt: skip
INTERACTION_COLS = ("id", "customer_id", "channel", "direction", "started_at", "ended_at",
                    "agent_id", "call_id", "ticket_id", "summary", "wrapup_code",
                    "satisfaction", "version", "created_at", "updated_at")  # fmt: skip
CALL_COLS = ("id", "call_ref", "queue", "direction", "caller", "callee", "offered_at",
             "answered_at", "ended_at", "hold_seconds", "acw_seconds", "agent_id",
             "customer_id", "version", "created_at", "updated_at")  # fmt: skip
STATUS_COLS = ("id", "user_id", "status", "started_at", "ended_at", "created_at", "updated_at")
TICKET_COLS = ("id", "number", "customer_id", "kind", "category_id", "subcategory_id", "channel",
               "subject", "description", "priority", "status", "department_id", "assignee_id",
               "sla_policy_id", "routing_rule_id", "tags", "first_response_due",
               "resolution_due", "first_responded_at", "resolved_at", "closed_at", "breached",
               "sla_paused_at", "reopened_count", "merged_into_id", "version", "created_at",
               "updated_at")  # fmt: skip
EVENT_COLS = ("id", "ticket_id", "seq", "at", "kind", "actor_id", "text", "internal", "data")

TABLES: dict[str, tuple[Table, Sequence[str]]] = {
    "customers": (_table(Customer), CUSTOMER_COLS),
    "contact_points": (_table(ContactPoint), CONTACT_COLS),
    "orders": (_table(Order), ORDER_COLS),
    "interactions": (_table(Interaction), INTERACTION_COLS),
    "calls": (_table(Call), CALL_COLS),
    "agent_status_log": (_table(AgentStatusLog), STATUS_COLS),
    "tickets": (_table(Ticket), TICKET_COLS),
    "ticket_events": (_table(TicketEvent), EVENT_COLS),
}

_QUEUE_CUM = _cum((30, 50, 20))
_CHANNELS = ("email", "chat", "zalo", "facebook", "web", "walk_in", "phone")
_CHANNEL_CUM = _cum((25, 20, 15, 12, 10, 6, 12))
_SATISFACTION_CUM = _cum((7, 8, 15, 30, 40))  # ratings 1..5
_TICKET_ODDS = {"complaints": 0.55, "support": 0.15, "sales": 0.03}
# kind -> cumulative (share, category) of what tickets are about
_CATEGORY_SHARES: dict[str, tuple[tuple[float, str], ...]] = {
    "complaint": ((0.30, "delivery"), (0.50, "product"), (0.67, "payment"),
                  (0.79, "supplier_product"), (0.83, "agent_conduct"), (0.88, "account")),
    "request": ((0.30, "account"), (0.55, "payment"), (0.75, "delivery")),
    "inquiry": ((0.40, "other"), (0.60, "account"), (0.80, "delivery"), (1.0, "payment")),
}  # fmt: skip
_TRANSFERS = {"DELIVERY": "PARTNER_FASTSHIP", "QUALITY": "@supplier", "CARE": "BILLING"}
_SELF_SERVICE = ("web", "email", "facebook", "zalo")


@dataclass
class _Customer:
    """What later passes need to know about a customer with planned calls or tickets."""

    id: str
    tier: str
    lang: str
    orders: tuple[tuple[str, str, str | None], ...]  # (external id, product, supplier code)


@dataclass
class _PlannedTicket:
    created: int
    id: str
    customer: _Customer
    kind: str
    channel: str
    creator: int  # agent index, -1 for self-service
    interaction: list[Any]  # the interaction row that opened it (ticket id filled in later)


@dataclass
class _Log:
    """A ticket's processing log being written: events sorted by time at the end."""

    events: list[tuple[int, int, str, str | None, str | None, bool, dict[str, Any]]] = field(
        default_factory=list
    )
    changes: int = 0

    def add(
        self,
        at: int,
        kind: str,
        actor: str | None,
        text: str | None = None,
        internal: bool = True,
        data: dict[str, Any] | None = None,
    ) -> None:
        clean = {k: v for k, v in (data or {}).items() if v is not None}
        self.events.append((at, len(self.events), kind, actor, text, internal, clean))
        if kind not in ("created", "comment"):
            self.changes += 1


class _Generator:
    """One pass over the demo world; every random draw comes from `self.rng`, in an
    order that depends only on the seed and the customer count."""

    def __init__(
        self, seed: int, customers: int, ref: _Ref, first_number: int, writer: BackgroundWriter
    ) -> None:
        self.seed = seed
        self.writer = writer
        self.stamp = writer.loader.stamp
        self.n_customers = customers
        self.rng = random.Random(seed)
        bits = self.rng.getrandbits

        def uid() -> str:  # uuid_hex inlined: called for every row
            return "%032x" % ((bits(128) & _UUID_AND) | _UUID_OR)

        self.uid = uid
        self.ref = ref
        self.numbers = _Numbers(self.rng)
        self.next_number = first_number
        self.counts = dict.fromkeys(TABLES, 0)
        self.order_seq = 0
        self.email_seq = 0
        self.email_affine = (_coprime_multiplier(10**7, self.rng), self.rng.randrange(10**7))
        self.social_seq = 0
        self.orgs: list[tuple[str, tuple[str, str, str]]] = []  # recent (id, landline)
        self.family_lines: list[list[Any]] = []  # [phone, family name, times shared]
        self.planned_calls: list[tuple[int, int, bool, str | None, str, _Customer | None]] = []
        self.planned_tickets: list[_PlannedTicket] = []
        slots = _call_slots()
        self.slot_ts = [t for t, _w in slots]
        self.slot_cum = _cum([w for _t, w in slots])
        self.decisions: dict[tuple[Any, ...], routing.Decision] = {}
        self.cacheable = not any(
            r.conditions.get("products") or r.conditions.get("hours") for r in ref.rules
        )
        self.fam = [f for f, _w in data.VN_FAMILY]
        self.fam_cum = _cum([w for _f, w in data.VN_FAMILY])
        words = sorted({*self.fam, *data.VN_MIDDLE_MALE, *data.VN_MIDDLE_FEMALE,
                        *data.VN_GIVEN_MALE, *data.VN_GIVEN_FEMALE, *data.INTL_GIVEN,
                        *data.INTL_FAMILY})  # fmt: skip
        self.folded = {w: fold(w) for w in words}
        self.slugs = {w: _slug(w) for w in words}
        self.domains = [x for x, _w in data.EMAIL_DOMAINS]
        self.domain_cum = _cum([w for _x, w in data.EMAIL_DOMAINS])
        self.products = [
            (name, price, sup, ref.departments.get(sup) if sup else None)
            for name, price, sup in data.PRODUCTS
        ]
        self.product_cum = _cum([1 / math.sqrt(p) for _n, p, _s in data.PRODUCTS])
        self.orderless = {
            code
            for code, texts in data.TICKET_TEXTS.items()
            if not any("{o}" in "".join(t) or "{p}" in "".join(t) for t in texts)
        }
        self.subcategories: dict[str, list[str | None]] = {
            code: [c for c, _n, p in data.CATEGORIES if p == code and c in ref.categories]
            for code, _n, parent in data.CATEGORIES
            if parent is None
        }

    # -- small helpers -----------------------------------------------------------------

    @staticmethod
    def dt(ts: int) -> datetime:
        return datetime.fromtimestamp(ts, UTC)

    def poisson(self, lam: float) -> int:
        rnd = self.rng.random
        limit = math.exp(-lam)
        k = 0
        p = rnd()
        while p > limit:
            k += 1
            p *= rnd()
        return k

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    def call_time(self) -> int:
        i = bisect(self.slot_cum, self.rng.random() * self.slot_cum[-1])
        return self.slot_ts[min(i, len(self.slot_ts) - 1)] + int(self.rng.random() * 1800)

    def agent(self) -> int:
        return int(self.rng.random() * len(self.ref.agents))

    def email_number(self) -> int:
        """Distinct for every address (an affine bijection), so addresses never collide."""
        self.email_seq += 1
        a, b = self.email_affine
        return (a * self.email_seq + b) % 10**7

    # -- customers -----------------------------------------------------------------------

    def customer(self, n: int, out: dict[str, list[Row]]) -> None:
        """Customer number `n` with contacts, orders, planned calls and other contacts."""
        rng = self.rng
        rnd = rng.random
        cid = self.uid()
        created = BASE_TS - 30 * DAY - int(rnd() * (6 * 365 - 30) * DAY)
        stamp = self.stamp(created)
        r = rnd()
        tier = "vip" if r < 0.01 else "gold" if r < 0.07 else "silver" if r < 0.19 else "standard"
        org_id: str | None = None
        r = rnd()
        if r < 0.08:
            kind = ORGANIZATION
            name, name_key, lang, phones, emails = self.organization(cid)
            socials: list[tuple[str, str, str]] = []
        else:
            kind = PERSON
            name, name_key, lang, phones, emails, socials, org_id = self.person(r < 0.12)
        if lang == "vi" and rnd() < 0.08:
            lang = "en"  # some Vietnamese customers write in English
        warning = self.pick(data.WARNINGS) if rnd() < 0.005 else None
        notes = self.pick(data.NOTES) if rnd() < 0.03 else None
        out["customers"].append(
            (cid, f"C{self.seed}-{n:07d}", kind, name, name_key, tier, tier == "vip", warning,
             notes, org_id, None, 1, stamp, stamp)
        )  # fmt: skip
        contacts = out["contact_points"]
        uid = self.uid
        for i, (raw, e164, key) in enumerate(phones):
            contacts.append((uid(), cid, PHONE, raw, e164, key, i == 0, 1, stamp, stamp))
        for i, email in enumerate(emails):
            raw_email = email if rnd() < 0.9 else email[:1].upper() + email[1:]
            contacts.append((uid(), cid, EMAIL, raw_email, email, None, i == 0, 1, stamp, stamp))
        for ckind, raw, norm in socials:
            contacts.append((uid(), cid, ckind, raw, norm, None, True, 1, stamp, stamp))

        orders = self.orders(cid, kind, tier, created, out)
        info: _Customer | None = None

        def ctx() -> _Customer:
            nonlocal info
            if info is None:
                info = _Customer(cid, tier, lang, tuple(orders[-3:]))
            return info

        # calls of the last 90 days, replayed later in time order
        for _ in range(self.poisson(CALLS_PER_CUSTOMER * (2.0 if tier == "vip" else 1.0))):
            phone = phones[0] if len(phones) == 1 or rnd() < 0.85 else self.pick(phones)
            outbound = rnd() < OUTBOUND_SHARE
            queue = None if outbound else data.QUEUES[bisect(_QUEUE_CUM, rnd() * 100)]
            ts = self.call_time()
            if ts > created:  # not before they became a customer
                self.plan_call(ts, outbound, queue, phone[1], ctx())
        if rnd() < ANON_CALLS_PER_CUSTOMER:  # someone not in the directory
            queue = data.QUEUES[bisect(_QUEUE_CUM, rnd() * 100)]
            self.plan_call(self.call_time(), False, queue, "+84" + self.numbers.mobile_nsn(), None)

        # contacts on the other channels over the last year
        first = max(created, BASE_TS - INTERACTION_DAYS * DAY)
        for _ in range(self.poisson(0.25)):
            channel = _CHANNELS[bisect(_CHANNEL_CUM, rnd() * 100)]
            ts = first + int(rnd() * (BASE_TS - 2 * DAY - first))
            day = ts - (ts + LOCAL) % DAY
            if channel == "phone" and ts > BASE_TS - CALL_DAYS * DAY:
                channel = "chat"  # recent calls come from the call log instead
            if channel in ("walk_in", "phone"):
                ts = day + 8 * 3600 + int(rnd() * 9 * 3600)
            else:
                ts = day + 7 * 3600 + int(rnd() * 16 * 3600)
            self.interaction(out, ctx(), channel, max(ts, created + 3600), rnd() < 0.2)

    def plan_call(
        self, ts: int, outbound: bool, queue: str | None, caller: str, cust: _Customer | None
    ) -> None:
        self.planned_calls.append((ts, len(self.planned_calls), outbound, queue, caller, cust))

    def organization(self, cid: str) -> tuple[str, str, str, list[tuple[str, str, str]], list[str]]:
        rnd = self.rng.random
        if rnd() < 0.8:
            brand = self.pick(data.VN_COMPANY_BRAND)
            parts = (
                self.pick(data.VN_COMPANY_FORM),
                self.pick(data.VN_COMPANY_SECTOR),
                brand,
            )
            name, lang, tld = " ".join(p for p in parts if p), "vi", "com.vn"
        else:
            brand = self.pick(data.INTL_COMPANY_BRAND)
            name = f"{brand} {self.pick(data.INTL_COMPANY_FORM)}"
            lang, tld = "en", "com"
        phones = [self.numbers.landline()]
        if rnd() < 0.4:
            phones.append(self.numbers.mobile())
        domain = f"{_slug(brand)}{self.email_number()}.{tld}"
        emails = [f"{self.pick(('info', 'lienhe', 'sales', 'contact'))}@{domain}"]
        if rnd() < 0.4:
            emails.append(f"ketoan@{domain}")
        self.orgs.append((cid, phones[0]))
        if len(self.orgs) > 300:
            del self.orgs[:100]
        return name, fold(name), lang, phones, emails

    def person(
        self, international: bool
    ) -> tuple[
        str,
        str,
        str,
        list[tuple[str, str, str]],
        list[str],
        list[tuple[str, str, str]],
        str | None,
    ]:
        rnd = self.rng.random
        numbers = self.numbers
        phones: list[tuple[str, str, str]] = []
        org_id: str | None = None
        shared: list[Any] | None = None
        if international:
            lang = "en"
            given, family = self.pick(data.INTL_GIVEN), self.pick(data.INTL_FAMILY)
            name = f"{given} {family}"
            name_key = f"{self.folded[given]} {self.folded[family]}"
            m_slug = ""
            phones.append(numbers.international() if rnd() < 0.7 else numbers.mobile())
        else:
            lang = "vi"
            if self.family_lines and rnd() < 0.03:  # a relative: same family, shared line
                shared = self.pick(self.family_lines)
                family = shared[1]
            else:
                family = self.fam[bisect(self.fam_cum, rnd() * self.fam_cum[-1])]
            if rnd() < 0.5:
                middle, given = self.pick(data.VN_MIDDLE_MALE), self.pick(data.VN_GIVEN_MALE)
            else:
                middle, given = self.pick(data.VN_MIDDLE_FEMALE), self.pick(data.VN_GIVEN_FEMALE)
            m_key = self.folded[middle]
            if rnd() < 0.1:
                middle2 = self.pick(data.VN_MIDDLE_FEMALE[3:])
                if middle2 != middle:
                    middle = f"{middle} {middle2}"
                    m_key = f"{m_key} {self.folded[middle2]}"
            name = f"{family} {middle} {given}"
            name_key = f"{self.folded[family]} {m_key} {self.folded[given]}"
            m_slug = m_key.replace(" ", "")
            phones.append(numbers.landline() if rnd() < 0.06 else numbers.mobile())
            if self.orgs and rnd() < 0.04:  # works for a customer company
                org_id, office = self.pick(self.orgs)
                if rnd() < 0.6:
                    phones.append(office)
        g_slug, f_slug = self.slugs[given], self.slugs[family]
        r = rnd()
        extra = 2 if r < 0.1 else 1 if r < 0.45 else 0
        if shared is not None:
            phones.append(shared[0])
            shared[2] += 1
            if shared[2] >= 2:  # shared by three customers at most
                self.family_lines.remove(shared)
            extra = max(0, extra - 1)
        for _ in range(extra):
            if lang == "vi" and rnd() < 0.35:
                line = numbers.landline()
                phones.append(line)
                if len(self.family_lines) < 60:
                    self.family_lines.append([line, family, 0])
            else:
                phones.append(numbers.mobile())
        emails = []
        r = rnd()
        for _ in range(2 if r < 0.2 else 1 if r < 0.7 else 0):
            num = self.email_number()
            local = (
                f"{g_slug}{f_slug}{num}",
                f"{g_slug}.{f_slug}{num}",
                f"{f_slug}{m_slug}{g_slug}{num}",
                f"{f_slug}.{g_slug}{num}",
            )[int(rnd() * 4)]
            emails.append(f"{local}@{self.domains[bisect(self.domain_cum, rnd() * 100)]}")
        socials: list[tuple[str, str, str]] = []
        if rnd() < 0.1:
            self.social_seq += 1
            handle = f"{g_slug}.{f_slug}.{self.social_seq}"
            socials.append((FACEBOOK, f"facebook.com/{handle}", handle))
        if lang == "vi" and rnd() < 0.15:  # Zalo accounts are phone numbers
            mobile = next((p for p in phones if len(p[2]) == 9 and p[1].startswith("+84")), None)
            if mobile is not None:
                socials.append((ZALO, mobile[0], mobile[1]))
        return name, name_key, lang, phones, emails, socials, org_id

    def orders(
        self, cid: str, kind: str, tier: str, created: int, out: dict[str, list[Row]]
    ) -> list[tuple[str, str, str | None]]:
        """Purchases over the last 24 months: gamma-Poisson counts, so a few buy a lot."""
        rng = self.rng
        rnd = rng.random
        lam = rng.gammavariate(0.7, 2.9) * {"vip": 3.0, "gold": 1.8, "silver": 1.3}.get(tier, 1.0)
        if kind == ORGANIZATION:
            lam *= 1.5
        start = max(created, BASE_TS - ORDER_DAYS * DAY)
        span = BASE_TS - 3600 - start
        mine: list[tuple[str, str, str | None]] = []
        rows = out["orders"]
        S = self.stamp
        count = min(self.poisson(min(lam, 40.0)), 60)
        products, cum, total = self.products, self.product_cum, self.product_cum[-1]
        for ts in sorted(start + int(rnd() * span) for _ in range(count)):
            pname, price, supplier, supplier_id = products[bisect(cum, rnd() * total)]
            qty = 1 if price > 1_000_000 or rnd() < 0.6 else 1 + int(rnd() * 4)
            if kind == ORGANIZATION and rnd() < 0.5:
                qty *= 5 + int(rnd() * 20)
            amount = int(price * qty * (0.85 + 0.15 * rnd()) / 1000) * 1000
            age = BASE_TS - ts
            r = rnd()
            if age < 2 * DAY:
                status = "processing" if r < 0.6 else "shipping"
            elif age < 6 * DAY and r < 0.5:
                status = "shipping"
            else:
                status = "delivered" if r < 0.9 else "cancelled" if r < 0.96 else "returned"
            self.order_seq += 1
            ext = f"O{self.seed}-{self.order_seq:08d}"
            updated = min(ts + int((1 + 3 * rnd()) * DAY), BASE_TS - 60)
            at = S(ts)
            rows.append(
                (
                    self.uid(),
                    cid,
                    ext,
                    at,
                    amount,
                    "VND",
                    pname,
                    supplier_id,
                    status,
                    at,
                    S(updated),
                )
            )
            mine.append((ext, pname, supplier))
        return mine

    def interaction(
        self, out: dict[str, list[Row]], c: _Customer, channel: str, ts: int, opens_ticket: bool
    ) -> None:
        """A contact on a channel other than a logged call; some open a ticket."""
        rnd = self.rng.random
        direction = OUTBOUND if channel == "email" and rnd() < 0.2 else INBOUND
        agent = -1 if channel == "web" and rnd() < 0.5 else self.agent()
        if channel == "chat":
            dur = 180 + int(rnd() * 900)
        elif channel == "walk_in":
            dur = 300 + int(rnd() * 1500)
        elif channel == "phone":
            dur = 90 + int(self.rng.lognormvariate(5.3, 0.6))
        else:
            dur = 60 + int(rnd() * 600)
        kind = self.ticket_kind(0.5) if opens_ticket else None
        self.contact(out, c, channel, direction, ts, ts + dur, agent, None, kind, ts + dur)

    def ticket_kind(self, complaint_share: float) -> str:
        r = self.rng.random()
        if r < complaint_share:
            return COMPLAINT
        return REQUEST if r < complaint_share + (1 - complaint_share) / 2 else INQUIRY

    def contact(
        self,
        out: dict[str, list[Row]],
        c: _Customer,
        channel: str,
        direction: str,
        start: int,
        end: int,
        agent: int,
        call_id: str | None,
        ticket_kind: str | None,
        updated: int,
    ) -> None:
        """One interaction row; when it opens a ticket the row waits for the ticket."""
        rnd = self.rng.random
        if ticket_kind is not None:
            summary = data.COMPLAINT_SUMMARY if ticket_kind == COMPLAINT else data.REQUEST_SUMMARY
        elif direction == OUTBOUND and channel == PHONE:
            summary = data.CALLBACK_SUMMARY
        elif channel == PHONE and rnd() < 0.04:
            summary = data.TRANSFERRED_SUMMARY
        else:
            summary = self.pick(data.SUMMARIES)
        wrap, vi, en = summary
        sat = bisect(_SATISFACTION_CUM, rnd() * 100) + 1 if rnd() < 0.3 else None
        S = self.stamp
        row = [self.uid(), c.id, channel, direction, S(start), S(end),
               self.ref.agents[agent][0] if agent >= 0 else None, call_id, None,
               vi if c.lang == "vi" else en, wrap, sat, 1, S(start), S(updated)]  # fmt: skip
        if ticket_kind is None:
            out["interactions"].append(tuple(row))
        else:
            self.planned_tickets.append(
                _PlannedTicket(end, self.uid(), c, ticket_kind, channel, agent, row)
            )

    # -- calls -----------------------------------------------------------------------------

    def calls(self, progress: Progress | None) -> None:
        """Replay the planned calls day by day through a queue of agents."""
        rng = self.rng
        rnd = rng.random
        n_agents = len(self.ref.agents)
        planned = sorted(self.planned_calls, key=lambda c: (c[0], c[1]))
        self.planned_calls = []
        days = _call_days()
        out: dict[str, list[Row]] = {"calls": [], "interactions": [], "agent_status_log": []}
        pi = 0
        for di, (day, open_, close) in enumerate(days):
            heap = [(open_, a) for a in range(n_agents)]
            timeline: list[list[tuple[int, str]]] = [[(open_, AVAILABLE)] for _ in range(n_agents)]
            # staggered 45-minute lunch breaks from 11:00 on weekdays, none on Saturday
            break_at = [day + 11 * 3600 + (a % 7) * 1200 for a in range(n_agents)]
            break_done = [_weekday(day) >= 5] * n_agents
            while pi < len(planned) and planned[pi][0] < close:
                ts, _seq, outbound, queue, caller, cust = planned[pi]
                pi += 1
                if ts < open_:
                    continue
                if not outbound and rnd() < 0.03:  # hung up while the IVR was still talking
                    self.call(out, queue, False, caller, ts, None, ts + 1 + int(rnd() * 4), cust)
                    continue
                patience = rng.lognormvariate(3.9, 0.9)
                while True:
                    free, a = heapq.heappop(heap)
                    start = max(ts, free)
                    if break_done[a] or start < break_at[a]:
                        break
                    b0 = max(free, break_at[a])
                    timeline[a] += [(b0, AWAY), (b0 + 2700, AVAILABLE)]
                    break_done[a] = True
                    heapq.heappush(heap, (b0 + 2700, a))
                if outbound:  # a callback the agent dials
                    answered = start + 5 + int(rnd() * 20) if rnd() < 0.75 else None
                    talk = int(rng.lognormvariate(4.8, 0.6)) if answered else 0
                    end = (answered or start + 25 + int(rnd() * 15)) + talk
                    acw = 10 + int(rnd() * 60) if answered else 5
                    timeline[a] += [(start, ON_CALL), (end, WRAP_UP), (end + acw, AVAILABLE)]
                    heapq.heappush(heap, (end + acw, a))
                    ext = self.ref.agents[a][1]
                    self.call(out, None, True, ext, start, answered, end, cust, 0, acw, a, caller)
                    continue
                wait = start - ts + 3 + int(rnd() * 6)
                if wait > patience:  # gave up in the queue
                    heapq.heappush(heap, (free, a))
                    self.call(out, queue, False, caller, ts, None, ts + int(patience) + 1, cust)
                    continue
                answered = ts + wait
                hold = 10 + int(rnd() * 110) if rnd() < 0.3 else 0
                end = answered + 20 + int(rng.lognormvariate(5.2, 0.65)) + hold
                acw = 15 + int(rng.lognormvariate(3.4, 0.6))
                timeline[a] += [(answered, ON_CALL), (end, WRAP_UP), (end + acw, AVAILABLE)]
                heapq.heappush(heap, (end + acw, a))
                self.call(out, queue, False, caller, ts, answered, end, cust, hold, acw, a)
            next_open = days[di + 1][1] if di + 1 < len(days) else None
            self.status_log(out, timeline, close, next_open)
            if len(out["calls"]) >= BATCH or di == len(days) - 1:
                self.flush(out)
                if progress:
                    progress(f"calls {self.counts['calls']}")

    def status_log(
        self,
        out: dict[str, list[Row]],
        timeline: list[list[tuple[int, str]]],
        close: int,
        next_open: int | None,
    ) -> None:
        """Each agent's day as status rows; the night's offline row ends at the next open."""
        rows = out["agent_status_log"]
        uid, S = self.uid, self.stamp
        for a, events in enumerate(timeline):
            events.sort(key=lambda e: e[0])
            events.append((max(close, events[-1][0]), OFFLINE))
            user = self.ref.agents[a][0]
            for (t0, st), (t1, _next) in pairwise(events):
                if t1 > t0:
                    rows.append((uid(), user, st, S(t0), S(t1), S(t0), S(t1)))
            off = events[-1][0]
            end = S(next_open) if next_open else None
            rows.append((uid(), user, OFFLINE, S(off), end, S(off), end or S(off)))

    def call(
        self,
        out: dict[str, list[Row]],
        queue: str | None,
        outbound: bool,
        caller: str,
        offered: int,
        answered: int | None,
        ended: int,
        cust: _Customer | None,
        hold: int = 0,
        acw: int = 0,
        agent: int = -1,
        callee: str = data.HOTLINE,
    ) -> None:
        rnd = self.rng.random
        S = self.stamp
        call_id = self.uid()
        agent_id = self.ref.agents[agent][0] if agent >= 0 else None
        direction = OUTBOUND if outbound else INBOUND
        out["calls"].append(
            (call_id, f"demo-{self.seed}-{self.counts['calls'] + len(out['calls']) + 1:08d}",
             queue, direction, caller, callee, S(offered), S(answered) if answered else None,
             S(ended), hold, acw, agent_id, cust.id if cust else None, 1, S(offered),
             S(ended + acw))
        )  # fmt: skip
        if answered is None or cust is None:
            return
        kind = None
        if not outbound and rnd() < _TICKET_ODDS.get(queue or "", 0.0):
            kind = self.ticket_kind(0.85 if queue == "complaints" else 0.4)
        self.contact(
            out, cust, PHONE, direction, answered, ended, agent, call_id, kind, ended + acw
        )

    # -- tickets ---------------------------------------------------------------------------

    def tickets(self, progress: Progress | None) -> None:
        """Number the planned tickets in creation order and write them with their logs."""
        planned = sorted(self.planned_tickets, key=lambda t: (t.created, t.id))
        self.planned_tickets = []
        out: dict[str, list[Row]] = {"tickets": [], "interactions": [], "ticket_events": []}
        for i, plan in enumerate(planned):
            self.ticket(plan, out)
            if len(out["tickets"]) >= BATCH // 4 or i == len(planned) - 1:
                self.flush(out)
                if progress and (
                    self.counts["tickets"] % (BATCH * 2) < BATCH // 4 or i == len(planned) - 1
                ):
                    progress(f"tickets {self.counts['tickets']}/{len(planned)}")

    def category(
        self, kind: str, c: _Customer
    ) -> tuple[str | None, str | None, tuple[str, str, str | None] | None]:
        """(category, subcategory, the order it is about) for a ticket of `kind`."""
        r = self.rng.random()
        order = self.pick(c.orders) if c.orders else None
        shares = _CATEGORY_SHARES[kind]
        cat = next((code for limit, code in shares if r < limit), "other")
        if cat == "supplier_product":
            order = next((o for o in reversed(c.orders) if o[2]), None)
            if order is None:
                cat = "product"
        if kind == REQUEST and cat == "payment":
            subs: list[str | None] = ["payment.refund"]
        elif kind == INQUIRY and cat == "delivery":
            subs = ["delivery.late"]
        else:
            subs = [*self.subcategories.get(cat, ())] or [None]
        if order is None:  # nothing bought: only texts that need no order
            subs = [x for x in subs if (x or cat) in self.orderless]
            if not subs and r < 0.5:
                cat, subs = "account", self.subcategories["account"]
            elif not subs:
                cat, subs = "other", [None]
        sub = self.pick(subs)
        if cat not in self.ref.categories:
            return None, None, order
        if sub not in self.ref.categories:
            sub = None
        return cat, sub, order

    def decide(self, facts: routing.Facts) -> routing.Decision:
        """app.routing's decision; cached when only the chosen category can matter."""
        if not (self.cacheable and facts.category):
            return routing.decide(self.ref.rules, facts)
        key = (facts.kind, facts.category, facts.subcategory, facts.channel, facts.tier,
               facts.supplier)  # fmt: skip
        found = self.decisions.get(key)
        if found is None:
            found = self.decisions[key] = routing.decide(self.ref.rules, facts)
        return found

    def ticket(self, plan: _PlannedTicket, out: dict[str, list[Row]]) -> None:
        """A planned ticket: routed, given due times, lived until the base date, logged."""
        rng = self.rng
        rnd = rng.random
        ref = self.ref
        c = plan.customer
        created = plan.created
        created_dt = self.dt(created)
        cat, sub, order = self.category(plan.kind, c)
        texts = data.TICKET_TEXTS.get(sub or cat or "other") or data.TICKET_TEXTS["other"]
        vi_s, vi_d, en_s, en_d = self.pick(texts)
        subject, desc = (vi_s, vi_d) if c.lang == "vi" else (en_s, en_d)
        values = {"o": order[0] if order else "—", "n": 2 + int(rnd() * 6),
                  "p": order[1] if order else ""}  # fmt: skip
        subject, desc = subject.format(**values)[:200], desc.format(**values)
        supplier = order[2] if order and cat == "supplier_product" else None
        if plan.channel in _SELF_SERVICE and rnd() < 0.1:
            cat = sub = None  # web forms and messages come in unclassified: keywords route them
        decision = self.decide(
            routing.Facts(
                kind=plan.kind, category=cat, subcategory=sub,
                category_parents=ref.parents.get(sub or cat or "", ()), channel=plan.channel,
                text=f"{subject} {desc}", tier=c.tier, product=order[1] if order else None,
                supplier=supplier, at=created_dt,
            )
        )  # fmt: skip
        dept = decision.department if decision.department in ref.departments else "CARE"
        policy = ref.policies.get(decision.sla_policy or "")
        r = rnd()
        chosen = None  # a priority the agent set by hand
        if plan.kind == INQUIRY and r < 0.3:
            chosen = "low"
        elif plan.kind != INQUIRY and r < 0.03:
            chosen = "urgent"
        elif plan.kind == COMPLAINT and r < 0.1:
            chosen = "high"
        priority = chosen or decision.priority or "normal"
        if policy is not None:
            fr_dt, res_dt = policy[1].dues(created_dt, priority)
            fr_due, res_due = int(fr_dt.timestamp()), int(res_dt.timestamp())
        else:
            fr_due, res_due = created + 4 * 3600, created + 2 * DAY
        tags = list(decision.tags)
        creator = ref.agents[plan.creator][0] if plan.creator >= 0 else None
        supervisor = ref.users.get("supervisor")
        log = _Log()
        log.add(
            created, "created", creator, desc, False, {"channel": plan.channel, "kind": plan.kind}
        )
        log.add(created, "transfer", creator, None, True,
                {"to": dept, "rule": decision.rule or "no rule matched: fallback department",
                 "reasons": decision.reasons, "modifiers": decision.modifiers or None,
                 "sla_policy": decision.sla_policy})  # fmt: skip

        # Where it stands at the base date follows from how long the desks take: the
        # written channels are answered 07:00-22:00, resolution takes a lognormal share
        # of the SLA, a few recent tickets still wait in a queue, a few old ones stalled.
        limit = BASE_TS - 60
        local = (created + LOCAL) % DAY
        opens = created + (7 * 3600 - local if local < 7 * 3600 else 0)
        if local >= 22 * 3600:
            opens = created + DAY - local + 7 * 3600
        first_resp: int | None = (
            opens + 60 + int(rng.lognormvariate(math.log((fr_due - created) * 0.3 + 60), 0.6))
        )
        if BASE_TS - created < 3 * DAY and rnd() < 0.25:
            first_resp = None  # nobody has picked it up yet
        if first_resp is not None and first_resp > limit - 900:
            first_resp = None
        work = int(rng.lognormvariate(math.log(max(res_due - created, 3600) * 0.3), 0.6))
        stalled = rnd() < 0.03
        status = NEW if first_resp is None else OPEN
        members = ref.members.get(dept, [])
        assignee: tuple[str, str] | None = None
        rule_user = (
            decision.assign
            if decision.assign not in (None, "round_robin", "least_loaded")
            else None
        )
        if rule_user and rule_user in ref.users:
            assignee = (ref.users[rule_user], rule_user)
        elif decision.assign and members and rnd() < 0.6:  # someone was available
            assignee = self.pick(members)
        if assignee:
            log.add(
                created,
                "assign",
                creator,
                None,
                True,
                {"to": assignee[1], "policy": decision.assign},
            )

        resolved = closed = paused = None
        reopened = 0
        breached = False
        if first_resp is not None:
            if assignee is None and members:
                assignee = self.pick(members)
                log.add(max(created + 30, first_resp - 60 - int(rnd() * 900)), "assign", supervisor,
                        None, True, {"to": assignee[1]})  # fmt: skip
            actor = assignee[0] if assignee else None
            log.add(first_resp, "status", actor, None, True, {"from": NEW, "to": OPEN})
            ack = (
                "Đã tiếp nhận, chúng tôi đang xử lý."
                if c.lang == "vi"
                else "Received; we are on it."
            )
            log.add(first_resp, "comment", actor, ack, False)
            t = first_resp
            # sent on to the desk that must act (courier, supplier, billing) with a reason
            target = _TRANSFERS.get(dept)
            if target == "@supplier":
                target = (order[2] if order else None) or ""
            if target in ref.departments and t < limit - 3 * 3600 and rnd() < 0.1:
                t += 600 + int(rnd() * 7200)
                log.add(t, "transfer", actor, self.pick(data.TRANSFER_REASONS), True,
                        {"to": target, "from": dept})  # fmt: skip
                dept = target
                tags.append("transferred")
                members = ref.members.get(dept, [])
                assignee = self.pick(members) if members else None
                if assignee:
                    t += 60
                    log.add(t, "assign", supervisor, None, True, {"to": assignee[1]})
                actor = assignee[0] if assignee else None
            if not stalled and t + 300 + work < limit - 600:
                resolved = t + 300 + work
                status = CLOSED if resolved + 3 * DAY <= limit else RESOLVED
            elif (ref.kinds.get(dept) in ("supplier", "partner") or dept == "DELIVERY") and (
                rnd() < 0.5
            ):
                status = PENDING_SUPPLIER  # waiting for the supplier or the courier
            elif rnd() < 0.4:
                status = PENDING_CUSTOMER
            horizon = resolved or limit
            for _ in range(int(rnd() * 3)):
                at = t + int(rnd() * max(60, (horizon - t) // 3))
                if at >= horizon:
                    break
                text = self.pick(data.COMMENTS_VI if c.lang == "vi" else data.COMMENTS_EN)
                log.add(at, "comment", actor, text, True)
                t = at
            if status in (PENDING_CUSTOMER, PENDING_SUPPLIER):
                paused_at = min(t + 600 + int(rnd() * 2 * DAY), limit)
                log.add(paused_at, "status", actor, None, True, {"from": OPEN, "to": status})
                t = paused_at
                if status == PENDING_CUSTOMER:
                    paused = paused_at
            # the escalator marks a missed target within minutes of the deadline
            clock_end = paused or resolved or BASE_TS
            which, due = None, 0
            if first_resp > fr_due and fr_due < BASE_TS:
                which, due = "first_response", fr_due
            elif clock_end > res_due and res_due < BASE_TS:
                which, due = "resolution", res_due
            if which is not None:
                breached = True
                priority = self.breach(log, which, due, priority, policy)
            if resolved is not None:
                note = self.pick(data.RESOLUTIONS_VI if c.lang == "vi" else data.RESOLUTIONS_EN)
                log.add(resolved, "comment", actor, note, False)
                log.add(resolved, "status", actor, note, True, {"from": OPEN, "to": RESOLVED})
                if resolved < limit - 8 * DAY and rnd() < 0.04:  # the customer came back
                    back = resolved + DAY + int(rnd() * 4 * DAY)
                    log.add(back, "status", None, "customer contacted again", True,
                            {"from": RESOLVED, "to": OPEN, "reopen": True})  # fmt: skip
                    reopened, breached = 1, False
                    if policy is not None:
                        res_due = int(policy[1].dues(self.dt(back), priority)[1].timestamp())
                    resolved = back + 3600 + int(rnd() * DAY)
                    log.add(resolved, "status", actor, note, True, {"from": OPEN, "to": RESOLVED})
                if status == CLOSED:
                    closed = resolved + 3 * DAY
                    if closed > limit:
                        status, closed = RESOLVED, None
                    else:
                        log.add(
                            closed, "status", None, None, True, {"from": RESOLVED, "to": CLOSED}
                        )
        elif fr_due < limit - 300:
            breached = True
            priority = self.breach(log, "first_response", fr_due, priority, policy)
        events = sorted(log.events, key=lambda e: (e[0], e[1]))
        S = self.stamp

        def opt(ts: int | None) -> str | None:
            return None if ts is None else S(ts)

        tid = plan.id
        rows = out["ticket_events"]
        for seq, (at, _i, ekind, actor_id, text, internal, edata) in enumerate(events, 1):
            rows.append(
                (self.uid(), tid, seq, S(at), ekind, actor_id, text, internal, json_text(edata))
            )
        number = self.next_number
        self.next_number += 1
        out["tickets"].append(
            (tid, number, c.id, plan.kind, ref.categories.get(cat or ""),
             ref.categories.get(sub or ""), plan.channel, subject, desc, priority, status,
             ref.departments[dept], assignee[0] if assignee else None,
             policy[0] if policy else None,
             uuid.UUID(decision.rule_id).hex if decision.rule_id else None, json_text(tags),
             S(fr_due) if policy else None, S(res_due) if policy else None, opt(first_resp),
             opt(resolved), opt(closed), breached, opt(paused), reopened, None,
             1 + log.changes, S(created), S(events[-1][0]))
        )  # fmt: skip
        plan.interaction[8] = tid
        out["interactions"].append(tuple(plan.interaction))

    def breach(
        self, log: _Log, which: str, due: int, priority: str, policy: tuple[str, Policy] | None
    ) -> str:
        """What app.tickets.escalate writes minutes after a missed target; returns the
        priority it leaves."""
        at = min(due + 30 + int(self.rng.random() * 270), BASE_TS - 60)
        log.add(at, "breach", None, None, True, {"target": which, "due": str(self.dt(due))})
        actions = policy[1].actions if policy else {}
        done: dict[str, Any] = {}
        if actions.get("raise_priority", True) and priority != "urgent":
            raised = PRIORITIES[PRIORITIES.index(priority) + 1]
            done["priority"] = {"from": priority, "to": raised}
            priority = raised
        notify = actions.get("notify", ["supervisor"])
        if notify:
            done["notify"] = notify
        log.add(at, "escalate", None, None, True, done)
        return priority

    # -- writing ---------------------------------------------------------------------------

    def flush(self, out: dict[str, list[Row]]) -> None:
        """Hand the buffered rows (parents first) to the writer and start new buffers."""
        batch = []
        for name, rows in out.items():
            if rows:
                table, cols = TABLES[name]
                batch.append((table, cols, rows))
                self.counts[name] += len(rows)
                out[name] = []
        self.writer.submit(batch)

    def run(self, progress: Progress | None) -> None:
        out: dict[str, list[Row]] = {
            "customers": [],
            "contact_points": [],
            "orders": [],
            "interactions": [],
        }
        step = max(CHUNK, self.n_customers // 10 // CHUNK * CHUNK)
        for n in range(1, self.n_customers + 1):
            self.customer(n, out)
            if n % CHUNK == 0 or n == self.n_customers:
                self.flush(out)
                if progress and (n % step == 0 or n == self.n_customers):
                    progress(f"customers {n}/{self.n_customers}")
        self.calls(progress)
        self.tickets(progress)


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def _check_not_seeded(conn: Connection, seed: int) -> None:
    found = conn.scalar(
        select(Customer.external_id).where(Customer.external_id.like(f"C{seed}-%")).limit(1)
    )
    if found:
        raise UserError(
            f"demo customers of seed {seed} are already in this database (e.g. {found}); "
            "use another --seed or a fresh database"
        )


def _first_ticket_number(conn: Connection) -> int:
    counter = conn.scalar(select(Counter.value).where(Counter.name == "ticket")) or 0
    highest = conn.scalar(select(func.max(Ticket.number))) or 0
    return max(int(counter), int(highest)) + 1


def _set_ticket_counter(conn: Connection, value: int) -> None:
    current = conn.scalar(select(Counter.value).where(Counter.name == "ticket"))
    if current is None:
        conn.execute(insert(_table(Counter)).values(name="ticket", value=value))
    elif value > current:
        conn.execute(update(_table(Counter)).where(Counter.name == "ticket").values(value=value))
    if conn.dialect.name == "postgresql":  # numbers come from a sequence there (0010)
        conn.execute(PG_NUMBERS_AFTER, {"v": value})


def seed_demo(
    db: Database,
    customers: int,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Fill a migrated database with demo data; returns how many rows each table got."""
    if customers < 0:
        raise UserError("the number of customers must be zero or more")
    n_agents = agents_needed(customers)
    with loading_connection(db) as conn:
        loader = BulkLoader(conn)
        writer: BackgroundWriter | None = None
        try:
            loader.begin()
            _check_not_seeded(conn, seed)
            created = seed_reference(conn, n_agents)
            ref = load_reference(conn, n_agents)
            first = _first_ticket_number(conn)
            loader.defer_index_triggers([_table(Customer), _table(ContactPoint)])
            loader.defer_indexes([table for table, _cols in TABLES.values()])
            writer = BackgroundWriter(loader)
            gen = _Generator(seed, customers, ref, first, writer)
            gen.run(progress)
            writer.close()
            if gen.next_number > first:
                _set_ticket_counter(conn, gen.next_number - 1)
            if progress:
                progress("building indexes")
            loader.finish(analyze=[table for table, _cols in TABLES.values()])
        except BaseException:
            if writer is not None:
                writer.abort()
            loader.rollback()
            raise
    return {**gen.counts, **created}
