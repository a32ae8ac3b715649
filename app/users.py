"""User administration: create users, set role and department, (de)activate, reset
passwords. Administrators only; every change lands in the audit trail (never the
password itself)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit, auth, permissions
from app.auth import CurrentUser
from app.errors import UserError
from app.permissions import Action
from db.engine import Database
from db.enums import Role
from db.models import Department, User


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    department: str | None  # department code
    department_kind: str | None
    extension: str | None
    active: bool
    version: int


@dataclass(frozen=True)
class DepartmentChoice:
    code: str
    name: str
    kind: str


def list_users(db: Database, *, actor: CurrentUser | None = None) -> list[UserRow]:
    permissions.require(db, Action.MANAGE_USERS, actor)
    stmt = (
        select(User, Department.code, Department.kind)
        .outerjoin(Department, Department.id == User.department_id)
        .order_by(func.lower(User.username))
    )
    with db.sessions() as s:
        return [
            UserRow(
                u.id,
                u.username,
                u.display_name,
                u.role,
                code,
                kind,
                u.extension,
                u.active,
                u.version,
            )
            for u, code, kind in s.execute(stmt)
        ]


def departments(db: Database) -> list[DepartmentChoice]:
    with db.sessions() as s:
        return [
            DepartmentChoice(d.code, d.name, d.kind)
            for d in s.scalars(
                select(Department)
                .where(Department.active)
                .order_by(Department.kind, Department.name)
            )
        ]


def _department_id(s: Session, code: str | None) -> uuid.UUID | None:
    if not code:
        return None
    dep = s.scalar(select(Department.id).where(Department.code == code))
    if dep is None:
        raise UserError(f"no department with code {code!r}")
    return dep


def _check_role(role: str, department: str | None) -> None:
    if role not in set(Role):
        raise UserError(f"unknown role {role!r}; one of {', '.join(Role)}")
    if role in (Role.DEPARTMENT, Role.SUPPLIER) and not department:
        raise UserError(f"a {role} user needs a department")


def create(
    db: Database,
    username: str,
    password: str,
    display_name: str = "",
    role: str = Role.AGENT,
    department: str | None = None,
    extension: str | None = None,
    *,
    actor: CurrentUser | None = None,
) -> UserRow:
    permissions.require(db, Action.MANAGE_USERS, actor)
    _check_role(role, department)
    made = auth.create_user(db, username, password, display_name, role, extension or None)
    with db.session() as s:
        user = s.get(User, made.id)
        assert user is not None
        user.department_id = _department_id(s, department)
        detail = {"created": True, "role": role, "department": department}
        audit.record_in(s, db, audit.Verb.USERS, "user", user.username, actor=actor, detail=detail)
    return _row(db, made.id)


def update(
    db: Database,
    user_id: uuid.UUID,
    *,
    display_name: str | None = None,
    role: str | None = None,
    department: str | None = None,
    extension: str | None = None,
    active: bool | None = None,
    expected_version: int | None = None,
    actor: CurrentUser | None = None,
) -> UserRow:
    """Change what is given. `department=""` clears the department. An administrator
    cannot deactivate or demote itself (someone must be left to undo it)."""
    me = permissions.require(db, Action.MANAGE_USERS, actor)
    with db.session() as s:
        user = s.get(User, user_id)
        if user is None:
            raise UserError("that user no longer exists")
        if expected_version is not None and user.version != expected_version:
            raise UserError(f"{user.username} was changed by someone else meanwhile; reload")
        changes: dict[str, object] = {}
        new_role = role if role is not None else user.role
        dep_code = department
        if department is None and user.department_id is not None:
            dep_code = s.scalar(select(Department.code).where(Department.id == user.department_id))
        _check_role(new_role, dep_code)
        if (
            me is not None
            and me.id == user.id
            and (active is False or (role is not None and role != Role.ADMIN))
        ):
            raise UserError("you cannot deactivate or demote yourself")
        if display_name is not None and display_name.strip() != user.display_name:
            user.display_name = display_name.strip() or user.username
            changes["display_name"] = user.display_name
        if role is not None and role != user.role:
            changes["role"] = {"from": user.role, "to": role}
            user.role = role
        if department is not None:
            dep_id = _department_id(s, department)
            if dep_id != user.department_id:
                changes["department"] = department or None
                user.department_id = dep_id
        if extension is not None and (extension or None) != user.extension:
            user.extension = extension or None
            changes["extension"] = user.extension
        if active is not None and active != user.active:
            user.active = active
            changes["active"] = active
        if changes:
            audit.record_in(s, db, audit.Verb.USERS, "user", user.username, actor=actor,
                            detail=changes)  # fmt: skip
    return _row(db, user_id)


def reset_password(
    db: Database, user_id: uuid.UUID, password: str, *, actor: CurrentUser | None = None
) -> None:
    permissions.require(db, Action.MANAGE_USERS, actor)
    if len(password) < 6:
        raise UserError("the password must have at least 6 characters")
    with db.session() as s:
        user = s.get(User, user_id)
        if user is None:
            raise UserError("that user no longer exists")
        user.password_hash = auth.hash_password(password)
        audit.record_in(s, db, audit.Verb.USERS, "user", user.username, actor=actor,
                        detail={"password_reset": True})  # fmt: skip


def _row(db: Database, user_id: uuid.UUID) -> UserRow:
    with db.sessions() as s:
        u = s.get(User, user_id)
        assert u is not None
        dep = s.get(Department, u.department_id) if u.department_id else None
        return UserRow(
            u.id, u.username, u.display_name, u.role, dep.code if dep else None,
            dep.kind if dep else None, u.extension, u.active, u.version,
        )  # fmt: skip
