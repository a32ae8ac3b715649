"""Signing in when the central database cannot be reached (issue #5, offline start).

Every sign-in the server confirms leaves a verifier in the workstation's offline file
(app.outbox.local_schema.OfflineUser): a scrypt hash of the password with a salt of its
own, and who the user is (id, role, department) so the offline session acts for them.
When the server does not answer, `sign_in` checks the password against that verifier
instead, and the window starts in the offline mode that already exists (outbox,
offline screen-pop, "offline — N changes waiting"); it goes online by itself when the
server answers again.

Limits, on purpose: only users who signed in on this workstation while the server
answered, within the retention (`outbox_retention_days`, app.outbox.retention) can sign
in offline; a password changed or an account disabled on the server takes effect here
at that user's next sign-in the server answers. An embedded SQLite database is local
and never "offline": it has no verifiers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app import auth
from app.auth import CurrentUser
from app.errors import UserError
from app.outbox import retention, state
from app.outbox.local_schema import OfflineUser, local_path, open_local
from db.engine import Database

# Errors the server sends on purpose: a wrong setting is not an outage to work through.
_REFUSALS = (
    "does not exist",
    "authentication failed",
    "no pg_hba.conf entry",
    "no password supplied",
    "permission denied",
)


def unreachable(exc: BaseException) -> bool:
    """The central server cannot be reached at all (refused, timed out, network down),
    as opposed to a server that answered with a refusal (wrong database, password)."""
    if not state.is_connection_error(exc):
        return False
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        text = str(e).lower()
        if any(marker in text for marker in _REFUSALS):
            return False
        e = e.__cause__ or e.__context__
    return True


class OfflineUnknownUser(UserError):
    """The server is away and this user never signed in here (or too long ago)."""


class OfflineWrongPassword(UserError):
    """The server is away and the password does not match the one last used here."""


@dataclass(frozen=True)
class SignIn:
    user: CurrentUser
    offline: bool  # True: the server did not answer; the local verifier did


@dataclass(frozen=True)
class Availability:
    """What the login window can offer: sign-in at all, and whether only offline."""

    has_users: bool
    offline: bool
    reason: str = ""


def local_store(central: Database) -> Database:
    """The workstation's offline file for `central` (the caller disposes of it)."""
    return open_local(local_path(central))


def remember(
    local: Database, user: CurrentUser, password: str, now: datetime | None = None
) -> None:
    """Keep a verifier for `user` (after the server accepted `password`)."""
    values = {
        "username": user.username,
        "verifier": auth.hash_password(password),
        "user_id": user.id,
        "display_name": user.display_name,
        "role": str(user.role),
        "extension": user.extension,
        "department_id": user.department_id,
        "department_kind": user.department_kind,
        "signed_in_at": now or datetime.now(UTC),
    }
    insert = sqlite_insert(OfflineUser)
    keep = {k: insert.excluded[k] for k in values if k != "username"}
    with local.engine.begin() as conn:
        conn.execute(insert.values(values).on_conflict_do_update(["username"], set_=keep))


def known_users(local: Database, now: datetime | None = None, keep: timedelta | None = None) -> int:
    """How many users could sign in offline here now."""
    since = (now or datetime.now(UTC)) - (keep or retention.retention())
    with local.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(OfflineUser)
                .where(OfflineUser.signed_in_at >= since)
            ).scalar()
            or 0
        )


def verify(
    local: Database,
    username: str,
    password: str,
    now: datetime | None = None,
    keep: timedelta | None = None,
) -> CurrentUser:
    """The user `username` if `password` matches their verifier; raises otherwise."""
    name = username.strip()
    with local.engine.connect() as conn:
        row = conn.execute(
            select(OfflineUser.__table__).where(OfflineUser.username == name)
        ).first()
    since = (now or datetime.now(UTC)) - (keep or retention.retention())
    if row is None or row.signed_in_at < since:
        raise OfflineUnknownUser(
            f"{name!r} has not signed in on this workstation while the server answered "
            "(recently enough), so cannot sign in while it is unreachable"
        )
    if not auth.verify_password(password, row.verifier):
        raise OfflineWrongPassword("wrong user name or password")
    return CurrentUser(
        row.user_id, row.username, row.display_name, row.role, row.extension,
        row.department_id, row.department_kind,
    )  # fmt: skip


def forget(local: Database, username: str) -> None:
    with local.engine.begin() as conn:
        conn.execute(delete(OfflineUser).where(OfflineUser.username == username.strip()))


def availability(central: Database) -> Availability:
    """Whether anyone can sign in: the server's answer, or, while it is unreachable,
    whether anyone could sign in offline here (raises the server's error if not)."""
    try:
        return Availability(auth.has_users(central), False)
    except Exception as exc:
        if central.is_sqlite or not unreachable(exc):
            raise
        local = local_store(central)
        try:
            if not known_users(local):
                raise
        finally:
            local.dispose()
        state.of(central).went_offline(exc)
        return Availability(True, True, state.first_line(exc))


def sign_in(central: Database, username: str, password: str) -> SignIn:
    """Sign in with the server, or, while it is unreachable, with the local verifier.
    A sign-in the server accepts renews the verifier."""
    try:
        user = auth.authenticate(central, username, password)
    except UserError:
        raise
    except Exception as exc:
        if central.is_sqlite or not unreachable(exc):
            raise
        local = local_store(central)
        try:
            user = verify(local, username, password)
        finally:
            local.dispose()
        state.of(central).went_offline(exc)
        return SignIn(user, True)
    if not central.is_sqlite:
        local = local_store(central)
        try:
            remember(local, user, password)
        finally:
            local.dispose()
        state.of(central).came_online()
    return SignIn(user, False)
