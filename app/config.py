"""Where CallDesk keeps its files and settings, and which database it talks to.

Order for the database: `--db URL`, then `CALLDESK_DATABASE_URL`, then the
settings file, then the embedded SQLite file in the user data dir. The settings
file never holds a password: that lives in the OS keyring (app.secrets).
`CALLDESK_HOME` moves every file under one folder (tests, portable installs).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "calldesk"


def data_dir() -> Path:
    home = os.environ.get("CALLDESK_HOME")
    path = Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = os.environ.get("CALLDESK_HOME")
    path = Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = os.environ.get("CALLDESK_HOME")
    path = Path(home) / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_sqlite_url() -> str:
    from db.engine import sqlite_url  # SQLAlchemy stays out of the first window's imports

    return sqlite_url(data_dir() / "calldesk.sqlite")


@dataclass
class Settings:
    """What a workstation remembers between runs (JSON in the config dir)."""

    database_url: str = ""  # empty: the embedded SQLite file
    database_user: str = ""
    database_tls: bool = False
    theme: str = "light"  # light | dark
    language: str = "en"  # en | vi
    phone_region: str = "VN"
    last_username: str = ""
    # Days the server remembers applied outbox operations and this workstation keeps
    # an offline sign-in: longer than any workstation may stay offline (app.outbox.retention).
    outbox_retention_days: int = 30
    extra: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def path() -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        p = cls.path()
        if not p.exists():
            return cls()
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self) -> None:
        p = self.path()
        tmp = p.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(p)


def resolve_database_url(cli_url: str | None = None, settings: Settings | None = None) -> str:
    if cli_url:
        return cli_url
    env = os.environ.get("CALLDESK_DATABASE_URL")
    if env:
        return env
    settings = settings or Settings.load()
    if settings.database_url:
        return settings.database_url
    return default_sqlite_url()
