"""What every subcommand shares: --db, --json, opening the database, printing."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.connection import open_database
from db import migrate
from db.engine import Database


def db_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: CALLDESK_DATABASE_URL, the settings, or the embedded file)",
    )
    p.add_argument(
        "--user",
        metavar="NAME",
        help="act as this CallDesk user, with its role's permissions (default: the first "
        "active administrator; whoever can run the command already holds the database)",
    )
    return p


def json_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    return p


def open_db(args: argparse.Namespace, upgrade: bool = True) -> Database:
    """Open the database named by --db and bring its schema up to date."""
    db = open_database(getattr(args, "db", None))
    if upgrade:
        migrate.upgrade(db)
        act_for(db, getattr(args, "user", None))
    return db


def act_for(db: Database, username: str | None) -> None:
    """The CLI acts as `--user`, else as an administrator (else, on a database without
    users, as the system itself). Audit rows name whoever it acted as."""
    from sqlalchemy import select

    from app import auth, permissions
    from db.enums import Role
    from db.models import User

    if username:
        permissions.act_as(db, auth.load_user(db, username))
        return
    with db.sessions() as s:
        admin = s.scalar(
            select(User.username)
            .where(User.role == Role.ADMIN, User.active)
            .order_by(User.username)
            .limit(1)
        )
    if admin is not None:
        permissions.act_as(db, auth.load_user(db, admin))


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, default=str, indent=None)
    sys.stdout.write("\n")


def info(message: str) -> None:
    """Progress and notes go to stderr so stdout stays clean for --json."""
    print(message, file=sys.stderr, flush=True)
