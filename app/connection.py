"""Turn settings + keyring into an open Database, and say plainly why one can't be opened."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from app import secrets
from app.config import Settings, resolve_database_url
from app.errors import UserError
from db.engine import Database, normalize_url


def url_key(url: str | URL) -> str:
    """The keyring key for a server: host, port and database, never the password."""
    u = normalize_url(url)
    return f"{u.get_backend_name()}://{u.host or ''}:{u.port or ''}/{u.database or ''}"


def build_url(raw: str, user: str = "", password: str | None = None, tls: bool = False) -> URL:
    try:
        u = normalize_url(raw)
    except ArgumentError as exc:
        raise UserError(f"not a database URL: {raw!r}") from exc
    if u.get_backend_name() == "postgresql":
        if user and not u.username:
            u = u.set(username=user)
        if password is None and u.password is None and u.username:
            password = secrets.get_password(url_key(u), u.username)
        if password is not None and u.password is None:
            u = u.set(password=password)
        if tls and "sslmode" not in u.query:
            u = u.update_query_dict({"sslmode": "require"})
    return u


def open_database(
    cli_url: str | None = None, settings: Settings | None = None, password: str | None = None
) -> Database:
    settings = settings or Settings.load()
    raw = resolve_database_url(cli_url, settings)
    use_settings = not cli_url and raw == settings.database_url
    url = build_url(
        raw,
        settings.database_user if use_settings else "",
        password,
        settings.database_tls if use_settings else False,
    )
    try:
        return Database(url)
    except (ArgumentError, ImportError) as exc:
        raise UserError(f"cannot use database {make_url(url).render_as_string()}: {exc}") from exc


def test_connection(db: Database) -> str:
    """Connect once and return the server's version line; UserError with the reason if not."""
    try:
        with db.engine.connect() as conn:
            if db.is_sqlite:
                return "SQLite " + str(conn.execute(text("select sqlite_version()")).scalar())
            return str(conn.execute(text("select version()")).scalar()).split(",")[0]
    except (OperationalError, DBAPIError) as exc:
        raise UserError(describe_db_error(exc, db)) from exc


def describe_db_error(exc: BaseException, db: Database) -> str:
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"cannot reach the database at {db.display_url()}: {first}"
