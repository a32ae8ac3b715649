"""Users and passwords. scrypt from the standard library: no extra dependency, slow by design."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from db.engine import Database
from db.enums import Role
from db.models import Department, User

_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    parts = [
        str(_N),
        str(_R),
        str(_P),
        base64.b64encode(salt).decode(),
        base64.b64encode(digest).decode(),
    ]
    return "$".join(["scrypt", *parts])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode(),
        salt=base64.b64decode(salt_b64),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(base64.b64decode(digest_b64)),
    )
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


@dataclass(frozen=True)
class CurrentUser:
    """The logged-in user as services see it (no ORM object crosses threads)."""

    id: UUID
    username: str
    display_name: str
    role: str
    extension: str | None
    department_id: UUID | None
    department_kind: str | None = None  # internal / supplier / partner (app.permissions)


def _current(user: User, department_kind: str | None = None) -> CurrentUser:
    return CurrentUser(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.extension,
        user.department_id,
        department_kind,
    )


def _department_kind(s: Session, user: User) -> str | None:
    if user.department_id is None:
        return None
    return s.scalar(select(Department.kind).where(Department.id == user.department_id))


def load_user(db: Database, username: str) -> CurrentUser:
    """An active user by name, for `calldesk --user NAME` (no password: the shell
    already trusts whoever holds the database credentials)."""
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == username.strip()))
        if user is None or not user.active:
            raise UserError(f"no active user {username!r}")
        return _current(user, _department_kind(s, user))


def has_users(db: Database) -> bool:
    with db.session() as s:
        return bool(s.scalar(select(func.count()).select_from(User)))


def create_user(
    db: Database,
    username: str,
    password: str,
    display_name: str = "",
    role: str = Role.AGENT,
    extension: str | None = None,
) -> CurrentUser:
    username = username.strip()
    if not username:
        raise UserError("a user name is required")
    if len(password) < 6:
        raise UserError("the password must have at least 6 characters")
    if role not in set(Role):
        raise UserError(f"unknown role {role!r}")
    with db.session() as s:
        if s.scalar(select(User.id).where(User.username == username)):
            raise UserError(f"the user {username!r} already exists")
        user = User(
            username=username,
            display_name=display_name.strip() or username,
            password_hash=hash_password(password),
            role=role,
            extension=extension,
        )
        s.add(user)
        s.flush()
        return _current(user)


def create_first_admin(db: Database, username: str, password: str) -> CurrentUser:
    """The first run has no users; its first account is an administrator."""
    if has_users(db):
        raise UserError("an administrator already exists; log in instead")
    return create_user(db, username, password, role=Role.ADMIN)


def authenticate(db: Database, username: str, password: str) -> CurrentUser:
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == username.strip()))
        if user is None or not user.active or not verify_password(password, user.password_hash):
            raise UserError("wrong user name or password")
        return _current(user, _department_kind(s, user))
