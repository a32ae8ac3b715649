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
    return db


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, default=str, indent=None)
    sys.stdout.write("\n")


def info(message: str) -> None:
    """Progress and notes go to stderr so stdout stays clean for --json."""
    print(message, file=sys.stderr, flush=True)
