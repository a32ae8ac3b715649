"""Duplicate customers: find them, and merge one into another without losing history.

A merge moves everything that hangs off the merged customer (contact points, orders,
interactions, tickets, calls, organisation members) to the kept one and leaves the
merged record behind as a redirect (`merged_into_id`): its id, external id and old
links still lead somewhere, and lookup, search and the detail card follow the
redirect. It is one transaction with one audit row, so it either happened completely
or not at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, and_, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app import permissions, search
from app.auth import CurrentUser
from app.errors import UserError
from app.permissions import Action
from db.engine import Database
from db.enums import Tier
from db.models import AuditLog, Call, ContactPoint, Customer, Interaction, Order, Ticket
from db.types import utcnow

_TIER_RANK = {t.value: i for i, t in enumerate(Tier)}


@dataclass(frozen=True)
class Duplicate:
    """Customers that may be one person or company, and why we think so."""

    customer_ids: tuple[uuid.UUID, ...]
    reason: str  # "phone" | "email" | "facebook" | "zalo" | "account" | "name"
    value: str  # the shared contact value or folded name


@dataclass
class MergeReport:
    kept_id: uuid.UUID
    merged_id: uuid.UUID
    moved: dict[str, int] = field(default_factory=dict)
    duplicate_contacts_dropped: int = 0
    redirects_repointed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "kept": str(self.kept_id),
            "merged": str(self.merged_id),
            "moved": dict(self.moved),
            "duplicate_contacts_dropped": self.duplicate_contacts_dropped,
            "redirects_repointed": self.redirects_repointed,
        }


# --- finding duplicates ----------------------------------------------------------------


def _same_name(a: str, b: str) -> bool:
    """Near-identical folded names: the same words in any order, or the same letters
    with the spaces in other places ("nguyen vanan")."""
    wa, wb = a.split(), b.split()
    return sorted(wa) == sorted(wb) or "".join(wa) == "".join(wb)


def duplicates_of(db: Database, customer_id: uuid.UUID, limit: int = 50) -> list[Duplicate]:
    """Active customers that share a contact value with `customer_id` or have a
    near-identical name: what the card offers to merge."""
    permissions.require(db, Action.VIEW_CUSTOMERS)
    cp, other = ContactPoint.__table__.alias("cp"), ContactPoint.__table__.alias("other")
    c = Customer.__table__
    found: list[Duplicate] = []
    seen: set[uuid.UUID] = {customer_id}
    with db.session() as s:
        shared = s.execute(
            select(other.c.customer_id, cp.c.kind, cp.c.value_norm)
            .join(other, and_(other.c.kind == cp.c.kind, other.c.value_norm == cp.c.value_norm))
            .join(c, c.c.id == other.c.customer_id)
            .where(
                cp.c.customer_id == customer_id,
                other.c.customer_id != customer_id,
                c.c.merged_into_id.is_(None),
            )
            .limit(limit * 4)
        ).all()
        for other_id, kind, value in shared:
            if other_id not in seen:
                seen.add(other_id)
                found.append(Duplicate((customer_id, other_id), kind, value))
        name_key = s.scalar(select(c.c.name_key).where(c.c.id == customer_id))
    if name_key:
        for key, other_id in search.page_keys(db, name_key, None, 200):
            if other_id not in seen and _same_name(name_key, key):
                seen.add(other_id)
                found.append(Duplicate((customer_id, other_id), "name", key))
    return found[:limit]


def duplicate_groups(db: Database, limit: int = 100) -> list[Duplicate]:
    """Groups of active customers sharing a phone, email or handle, then groups with the
    same folded name: the back office's clean-up list, strongest reasons first. A
    scan of the contact index; meant for an on-demand report, not for every call."""
    cp, c = ContactPoint.__table__, Customer.__table__
    active = and_(c.c.id == cp.c.customer_id, c.c.merged_into_id.is_(None))
    out: list[Duplicate] = []
    with db.session() as s:
        shared = s.execute(
            select(cp.c.kind, cp.c.value_norm)
            .join(c, active)
            .group_by(cp.c.kind, cp.c.value_norm)
            .having(func.count(func.distinct(cp.c.customer_id)) > 1)
            .order_by(cp.c.kind, cp.c.value_norm)
            .limit(limit)
        ).all()
        for kind, value in shared:
            ids = s.scalars(
                select(cp.c.customer_id)
                .join(c, active)
                .where(cp.c.kind == kind, cp.c.value_norm == value)
                .distinct()
            ).all()
            out.append(Duplicate(tuple(sorted(ids, key=str)), kind, value))
        if len(out) < limit:
            names = s.execute(
                select(c.c.name_key)
                .where(c.c.merged_into_id.is_(None))
                .group_by(c.c.name_key)
                .having(func.count() > 1)
                .order_by(c.c.name_key)
                .limit(limit - len(out))
            ).all()
            for (name_key,) in names:
                ids = s.scalars(
                    select(c.c.id).where(c.c.name_key == name_key, c.c.merged_into_id.is_(None))
                ).all()
                out.append(Duplicate(tuple(sorted(ids, key=str)), "name", name_key))
    return out


# --- merging ---------------------------------------------------------------------------


def _move(s: Session, table: Table, keep_id: uuid.UUID, merge_id: uuid.UUID) -> int:
    """Re-point every row of `table` from the merged customer to the kept one, bumping
    the version of versioned rows so open editors notice."""
    values: dict[str, Any] = {"customer_id": keep_id}
    if "version" in table.c:
        values["version"] = table.c.version + 1
    if "updated_at" in table.c:
        values["updated_at"] = utcnow()
    result = s.execute(
        update(table).where(table.c.customer_id == merge_id).values(**values),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(result, "rowcount", 0) or 0)


def merge(
    db: Database,
    keep_id: uuid.UUID,
    merge_id: uuid.UUID,
    actor_id: uuid.UUID | None = None,
    *,
    actor: CurrentUser | None = None,
) -> MergeReport:
    """Merge customer `merge_id` into `keep_id`, in one transaction with an audit row."""
    user = permissions.require(db, Action.MERGE_CUSTOMERS, actor)
    actor_id = actor_id or (user.id if user else None)
    if keep_id == merge_id:
        raise UserError("a customer cannot be merged into itself")
    report = MergeReport(keep_id, merge_id)
    try:
        with db.session() as s:
            _merge(s, report, actor_id)
    except StaleDataError as exc:
        raise UserError(
            "one of the customers was changed at another workstation meanwhile; "
            "reload and merge again"
        ) from exc
    return report


def _merge(s: Session, report: MergeReport, actor_id: uuid.UUID | None) -> None:
    keep_id, merge_id = report.kept_id, report.merged_id
    # Row locks on PostgreSQL (SQLite locks the database on the first write anyway).
    locked = (
        select(Customer)
        .where(Customer.id.in_([keep_id, merge_id]))
        .order_by(Customer.id)
        .with_for_update()
    )
    found = {c.id: c for c in s.scalars(locked)}
    keep, gone = found.get(keep_id), found.get(merge_id)
    if keep is None or gone is None:
        missing = keep_id if keep is None else merge_id
        raise UserError(f"no customer {missing}")
    if keep.merged_into_id is not None:
        raise UserError(f"customer {keep_id} was itself merged into {keep.merged_into_id}")
    if gone.merged_into_id is not None:
        raise UserError(f"customer {merge_id} was already merged into {gone.merged_into_id}")

    # Contact points: move, dropping exact duplicates of what the kept customer has.
    have = {
        (cp.kind, cp.value_norm): cp
        for cp in s.scalars(select(ContactPoint).where(ContactPoint.customer_id == keep_id))
    }
    primary_kinds = {kind for (kind, _v), cp in have.items() if cp.is_primary}
    moved_contacts = 0
    for cp in s.scalars(select(ContactPoint).where(ContactPoint.customer_id == merge_id)):
        if (cp.kind, cp.value_norm) in have:
            s.delete(cp)
            report.duplicate_contacts_dropped += 1
            continue
        cp.customer_id = keep_id
        if cp.is_primary:
            if cp.kind in primary_kinds:
                cp.is_primary = False  # the kept customer's primary stays primary
            else:
                primary_kinds.add(cp.kind)
        have[(cp.kind, cp.value_norm)] = cp
        moved_contacts += 1
    s.flush()
    report.moved["contact_points"] = moved_contacts

    for name, model in (
        ("orders", Order),
        ("interactions", Interaction),
        ("tickets", Ticket),
        ("calls", Call),
    ):
        report.moved[name] = _move(s, cast(Table, model.__table__), keep_id, merge_id)

    c = cast(Table, Customer.__table__)
    now = utcnow()
    others = c.c.id.not_in([keep_id, merge_id])  # those two change through the ORM below
    members = s.execute(
        update(c)
        .where(c.c.organization_id == merge_id, others)
        .values(organization_id=keep_id, version=c.c.version + 1, updated_at=now),
        execution_options={"synchronize_session": False},
    )
    report.moved["organization_members"] = int(getattr(members, "rowcount", 0) or 0)
    # Redirects that pointed at the merged customer now point at the kept one: chains
    # stay one hop long, so lookup resolves them in the same query.
    redirects = s.execute(
        update(c)
        .where(c.c.merged_into_id == merge_id, others)
        .values(merged_into_id=keep_id, version=c.c.version + 1, updated_at=now),
        execution_options={"synchronize_session": False},
    )
    report.redirects_repointed = int(getattr(redirects, "rowcount", 0) or 0)

    # What the kept record inherits: the stronger standing, and no note or warning lost.
    keep.vip = keep.vip or gone.vip
    if _TIER_RANK.get(gone.tier, 0) > _TIER_RANK.get(keep.tier, 0):
        keep.tier = gone.tier
    keep.notes = _joined(keep.notes, gone.notes)
    keep.warning = _joined(keep.warning, gone.warning)
    if keep.organization_id in (None, merge_id):
        org = gone.organization_id
        keep.organization_id = org if org not in (None, keep_id, merge_id) else None
    keep.updated_at = now  # a change, so the version moves even when nothing else did
    gone.merged_into_id = keep_id
    gone.updated_at = now

    s.add(
        AuditLog(
            user_id=actor_id,
            action="merge",
            entity="customer",
            entity_id=str(keep_id),
            customer_id=keep_id,
            detail={
                "kept_id": str(keep_id),
                "merged_id": str(merge_id),
                "moved": dict(report.moved),
                "duplicate_contacts_dropped": report.duplicate_contacts_dropped,
                "redirects_repointed": report.redirects_repointed,
            },
        )
    )
    s.flush()


def _joined(a: str | None, b: str | None) -> str | None:
    if not b or b == a:
        return a
    if not a:
        return b
    return f"{a}\n{b}"
