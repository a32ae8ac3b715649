"""The choices the ticket screens offer: categories (a two-level tree), departments,
active users, SLA policy names and a short description of the customer.

Read in one short session so a dialog opens with everything it needs after a single
background round-trip.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select

from db.engine import Database
from db.models import Category, Customer, Department, SlaPolicy, User


@dataclass(frozen=True)
class CategoryOption:
    code: str
    name: str
    parent: str | None  # the parent's code; None for a top-level category


@dataclass(frozen=True)
class DepartmentOption:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class UserOption:
    username: str
    display_name: str
    role: str
    department: str | None  # department code


@dataclass(frozen=True)
class CustomerBrief:
    id: uuid.UUID
    name: str
    external_id: str | None
    tier: str


@dataclass(frozen=True)
class TicketOptions:
    categories: list[CategoryOption] = field(default_factory=list)
    departments: list[DepartmentOption] = field(default_factory=list)
    users: list[UserOption] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    customer: CustomerBrief | None = None

    def top_categories(self) -> list[CategoryOption]:
        return [c for c in self.categories if c.parent is None]

    def children(self, code: str | None) -> list[CategoryOption]:
        return [c for c in self.categories if code and c.parent == code]

    def suppliers(self) -> list[DepartmentOption]:
        return [d for d in self.departments if d.kind == "supplier"]

    def department_name(self, code: str | None) -> str | None:
        return next((d.name for d in self.departments if d.code == code), code)


def load(db: Database, customer_id: uuid.UUID | None = None) -> TicketOptions:
    """Everything a ticket form offers, plus the customer it is for (merges followed)."""
    with db.sessions() as s:
        cats = list(
            s.scalars(
                select(Category).where(Category.active).order_by(Category.position, Category.name)
            )
        )
        codes = {c.id: c.code for c in cats}
        deps = list(
            s.scalars(
                select(Department)
                .where(Department.active)
                .order_by(Department.kind, Department.name)
            )
        )
        dep_codes = {d.id: d.code for d in deps}
        users = [
            UserOption(u.username, u.display_name, u.role, dep_codes.get(u.department_id))  # type: ignore[arg-type]
            for u in s.scalars(select(User).where(User.active).order_by(User.display_name))
        ]
        policies = list(s.scalars(select(SlaPolicy.name).order_by(SlaPolicy.name)))
        brief = None
        if customer_id is not None:
            c = s.get(Customer, customer_id)
            for _hop in range(8):
                if c is None or c.merged_into_id is None:
                    break
                c = s.get(Customer, c.merged_into_id)
            if c is not None:
                brief = CustomerBrief(c.id, c.name, c.external_id, c.tier)
        return TicketOptions(
            [
                CategoryOption(c.code, c.name, codes.get(c.parent_id) if c.parent_id else None)
                for c in cats
            ],
            [DepartmentOption(d.code, d.name, d.kind) for d in deps],
            users,
            policies,
            brief,
        )
