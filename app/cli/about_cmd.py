"""`calldesk about`: what this CallDesk is built from and what it found on this machine.

For IT and for the packaged executable's smoke test: the keyring backend actually in
use (a frozen app that lost keyring's entry points silently falls back to "no
keyring"), the PostgreSQL driver implementation, the schema it migrates to, where it
keeps its files. Opens no database.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
from typing import Any

from app import __version__, config
from app.cli.common import emit_json, json_parent


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "about",
        parents=[json_parent()],
        help="version, keyring, drivers and folders of this installation",
    )
    p.set_defaults(func=_about)


def _qualified(obj: object) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def keyring_report() -> dict[str, Any]:
    """The active backend and every backend keyring considers usable here."""
    import keyring
    import keyring.backend

    from app import secrets

    active = keyring.get_keyring()
    viable = sorted(_qualified(b) for b in keyring.backend.get_all_keyring())
    return {
        "backend": _qualified(active),
        "name": secrets.backend_name(),
        "usable": secrets.available(),
        "viable": viable,
    }


def psycopg_report() -> dict[str, Any]:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - a broken install or bundle
        return {"error": str(exc)}
    return {"version": psycopg.__version__, "implementation": psycopg.pq.__impl__}


def phone_report() -> dict[str, Any]:
    """phonenumbers with its metadata: a bundle without the per-region data parses nothing."""
    import phonenumbers

    parsed = phonenumbers.parse("0912 345 678", "VN")
    return {
        "version": phonenumbers.__version__,
        "vn_mobile_valid": phonenumbers.is_valid_number(parsed),
    }


def report() -> dict[str, Any]:
    from db import migrate

    return {
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "schema_head": migrate.head_revision(),
        "keyring": keyring_report(),
        "psycopg": psycopg_report(),
        "phonenumbers": phone_report(),
        "folders": {
            "data": str(config.data_dir()),
            "config": str(config.config_dir()),
            "logs": str(config.log_dir()),
        },
        "default_database": config.default_sqlite_url(),
    }


def _about(args: argparse.Namespace) -> int:
    data = report()
    if args.json:
        emit_json(data)
        return 0
    kr = data["keyring"]
    print(f"CallDesk {data['version']}{' (packaged)' if data['frozen'] else ''}")
    print(f"  executable   {data['executable']}")
    print(f"  python       {data['python']} on {data['platform']}")
    print(f"  schema       {data['schema_head']} (SQLite {data['sqlite']})")
    print(f"  keyring      {kr['name']} ({'usable' if kr['usable'] else 'none usable'})")
    print(f"  postgresql   psycopg {data['psycopg'].get('implementation', '?')}")
    for name, path in data["folders"].items():
        print(f"  {name:<12} {path}")
    return 0
