"""Who may do what: one table of roles and actions, checked by every app/ service.

Roles (db.enums.Role): agent, department member, supplier account, supervisor,
administrator. A user whose department is a supplier is a supplier account whatever
its stored role says, unless it is a supervisor or administrator (see effective_role).

Scope, not only actions: a department member sees and works only its department's
tickets; a supplier account only the complaints routed to its department, and the
customers' phone numbers and emails masked (app.masking) wherever it can read them.

Services take the acting user as an optional `actor` keyword, falling back to
`db.actor` (set after login, and by the CLI: an administrator unless `--user`).
With neither, the caller is the system itself (seed, escalation timer, tests of the
services' own logic) and nothing is refused. On PostgreSQL the same rules are
enforced again by row-level security (migration 0009) for connections that carry
the identity (`act_as`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement

from app.auth import CurrentUser
from app.errors import UserError
from db.engine import Database, Identity
from db.enums import DepartmentKind, Role, TicketKind


class Action(StrEnum):
    VIEW_CUSTOMERS = "view_customers"  # list, search, card, customer detail
    EDIT_CUSTOMER = "edit_customer"  # create, attach a number
    MERGE_CUSTOMERS = "merge_customers"
    EXPORT_CUSTOMERS = "export_customers"
    IMPORT_CUSTOMERS = "import_customers"
    LOG_INTERACTION = "log_interaction"
    CREATE_TICKET = "create_ticket"
    VIEW_TICKET = "view_ticket"  # within the role's scope
    WORK_TICKET = "work_ticket"  # comment, status; within scope
    TRANSFER = "transfer"  # within scope
    ASSIGN = "assign"
    MANAGE_TICKETS = "manage_tickets"  # priority, SLA policy, merge tickets
    VIEW_ALL_QUEUES = "view_all_queues"
    ESCALATE = "escalate"
    ADMIN_RULES = "admin_rules"
    ADMIN_SLA = "admin_sla"
    VIEW_KPI = "view_kpi"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"


_A = Action
_AGENT = {
    _A.VIEW_CUSTOMERS, _A.EDIT_CUSTOMER, _A.MERGE_CUSTOMERS, _A.LOG_INTERACTION,
    _A.CREATE_TICKET, _A.VIEW_TICKET, _A.WORK_TICKET, _A.TRANSFER, _A.ASSIGN,
    _A.VIEW_ALL_QUEUES, _A.ESCALATE,
}  # fmt: skip
_SUPERVISOR = _AGENT | {
    _A.EXPORT_CUSTOMERS, _A.IMPORT_CUSTOMERS, _A.MANAGE_TICKETS,
    _A.ADMIN_RULES, _A.ADMIN_SLA, _A.VIEW_KPI, _A.VIEW_AUDIT,
}  # fmt: skip
GRANTS: dict[str, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.AGENT: frozenset(_AGENT),
    Role.DEPARTMENT: frozenset(
        {
            _A.VIEW_CUSTOMERS,
            _A.LOG_INTERACTION,
            _A.CREATE_TICKET,
            _A.VIEW_TICKET,
            _A.WORK_TICKET,
            _A.TRANSFER,
            _A.ASSIGN,
        }
    ),
    Role.SUPPLIER: frozenset({_A.VIEW_TICKET, _A.WORK_TICKET, _A.TRANSFER}),
}
# Roles whose tickets are limited to their own department.
SCOPED_ROLES = (Role.DEPARTMENT, Role.SUPPLIER)


class PermissionDenied(UserError):
    """The acting user's role does not allow this; said in one line like any UserError."""


def effective_role(user: CurrentUser) -> str:
    """The role the rules apply: a member of a supplier's department is a supplier
    account, whatever role was stored for it (supervisors and administrators excepted)."""
    if user.role in (Role.ADMIN, Role.SUPERVISOR):
        return user.role
    if user.role == Role.SUPPLIER or user.department_kind == DepartmentKind.SUPPLIER:
        return Role.SUPPLIER
    return user.role if user.role in GRANTS else Role.AGENT


def acting(db: Database, actor: CurrentUser | None = None) -> CurrentUser | None:
    """The user a service acts for: the one handed to it, else the database's."""
    if actor is not None:
        return actor
    current = getattr(db, "actor", None)  # a Database built without __init__ has none
    return current if isinstance(current, CurrentUser) else None


def can(user: CurrentUser | None, action: Action) -> bool:
    return user is None or action in GRANTS.get(effective_role(user), frozenset())


_DENIED = {
    Action.VIEW_CUSTOMERS: "look up customers",
    Action.EDIT_CUSTOMER: "change customer data",
    Action.MERGE_CUSTOMERS: "merge customers",
    Action.EXPORT_CUSTOMERS: "export customers",
    Action.IMPORT_CUSTOMERS: "import customers",
    Action.LOG_INTERACTION: "log interactions",
    Action.CREATE_TICKET: "create tickets",
    Action.VIEW_TICKET: "see this ticket",
    Action.WORK_TICKET: "work this ticket",
    Action.TRANSFER: "transfer this ticket",
    Action.ASSIGN: "assign tickets",
    Action.MANAGE_TICKETS: "change priorities, SLA policies or merge tickets",
    Action.VIEW_ALL_QUEUES: "see other departments' queues",
    Action.ESCALATE: "run the escalation",
    Action.ADMIN_RULES: "change routing rules",
    Action.ADMIN_SLA: "change SLA policies and business hours",
    Action.VIEW_KPI: "see KPIs",
    Action.VIEW_AUDIT: "read the audit log",
    Action.MANAGE_USERS: "manage users",
}


def require(db: Database, action: Action, actor: CurrentUser | None = None) -> CurrentUser | None:
    """The acting user, or PermissionDenied when its role may not do `action`."""
    user = acting(db, actor)
    if not can(user, action):
        assert user is not None
        raise PermissionDenied(
            f"{user.username} ({effective_role(user)}) may not {_DENIED[action]}"
        )
    return user


def masks_contacts(user: CurrentUser | None) -> bool:
    """Supplier accounts see phone numbers and emails masked."""
    return user is not None and effective_role(user) == Role.SUPPLIER


def sees_ticket(user: CurrentUser | None, department_id: uuid.UUID | None, kind: str) -> bool:
    """Whether a ticket in `department_id` of `kind` is within the user's scope."""
    if user is None:
        return True
    role = effective_role(user)
    if role not in SCOPED_ROLES:
        return True
    if user.department_id is None or department_id != user.department_id:
        return False
    return role != Role.SUPPLIER or kind == TicketKind.COMPLAINT


def check_ticket(
    db: Database, action: Action, ticket: Any, actor: CurrentUser | None = None
) -> CurrentUser | None:
    """`require(action)` and the ticket (anything with department_id and kind) in scope.
    Out of scope reads like a missing ticket would not: it says the user may not."""
    user = require(db, action, actor)
    if not sees_ticket(user, ticket.department_id, ticket.kind):
        assert user is not None
        raise PermissionDenied(
            f"{user.username} may not {_DENIED[action]}: it belongs to another department"
        )
    return user


def ticket_scope(user: CurrentUser | None) -> list[ColumnElement[bool]]:
    """WHERE clauses that keep a ticket query within the user's scope."""
    from db.models import Ticket

    if user is None or effective_role(user) not in SCOPED_ROLES:
        return []
    if user.department_id is None:
        return [Ticket.id.is_(None)]  # a scoped role without a department sees nothing
    where: list[ColumnElement[bool]] = [Ticket.department_id == user.department_id]
    if effective_role(user) == Role.SUPPLIER:
        where.append(Ticket.kind == TicketKind.COMPLAINT)
    return where


def identity(user: CurrentUser | None) -> Identity | None:
    if user is None:
        return None
    dep = str(user.department_id) if user.department_id else None
    return Identity(str(user.id), effective_role(user), dep)


def act_as(db: Database, user: CurrentUser | None) -> None:
    """Make `user` the one this database's services act for, in app/ and (PostgreSQL)
    in the row-level security of every connection made from now on."""
    db.set_identity(user, identity(user))


def allowed(user: CurrentUser | None, actions: Iterable[Action]) -> set[Action]:
    """The subset of `actions` the user may do: the UI shows and hides by it."""
    return {a for a in actions if can(user, a)}
