"""The workstation's own SQLite file: the outbox, the copy of the customer directory,
and the verifiers that let a known user sign in while the server is away.

Both live in one file so an offline write and its local effect (the new customer in
the directory copy, the open-ticket count) commit in one local transaction. The copy's
tables are named like the central ones and carry the columns app.lookup reads, so the
very same lookup code answers from it; four views stand in for the activity tables
lookup ranks candidates by. This file is a cache, not a migrated database: a file with
another SCHEMA_VERSION keeps its outbox rows and has its copy rebuilt.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Index, Integer, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import config
from db.engine import Database, sqlite_url
from db.types import UTCDateTime, utcnow

SCHEMA_VERSION = 1


class LocalBase(DeclarativeBase):
    metadata = MetaData()
    type_annotation_map = {datetime: UTCDateTime()}


class OutboxRow(LocalBase):
    """One operation waiting for the server, in the order it was made (`seq`)."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[uuid.UUID | None]
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|conflict|failed
    reason: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Replays after the agent chose "retry": the operation accepts the record as it is now.
    override: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)


class DirCustomer(LocalBase):
    """Card essentials of one customer, as last seen on the server (or made offline)."""

    __tablename__ = "customers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    tier: Mapped[str] = mapped_column(String(16))
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    warning: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[uuid.UUID | None]
    open_tickets: Mapped[int] = mapped_column(Integer, default=0)
    open_complaints: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime | None]
    # Made on this workstation while offline and not yet confirmed by the server.
    local_only: Mapped[bool] = mapped_column(Boolean, default=False)


class DirContact(LocalBase):
    __tablename__ = "contact_points"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    customer_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(16))
    value_raw: Mapped[str] = mapped_column(String(200))
    value_norm: Mapped[str] = mapped_column(String(200))
    match_key: Mapped[str | None] = mapped_column(String(32))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_dir_contact_value_norm", "value_norm"),
        Index("ix_dir_contact_match_key", "match_key"),
        Index("ix_dir_contact_customer_id", "customer_id"),
    )


class OfflineUser(LocalBase):
    """Someone who signed in on this workstation while the server answered: enough to
    let them sign in again while it does not (app.offline_login). `verifier` is a scrypt
    hash made here with its own salt, never the password nor the server's hash."""

    __tablename__ = "offline_users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    verifier: Mapped[str] = mapped_column(Text)
    user_id: Mapped[uuid.UUID]
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    extension: Mapped[str | None] = mapped_column(String(32))
    department_id: Mapped[uuid.UUID | None]
    department_kind: Mapped[str | None] = mapped_column(String(16))
    signed_in_at: Mapped[datetime] = mapped_column(default=utcnow)


class Meta(LocalBase):
    """Watermarks and the schema version."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# app.lookup ranks several candidates by their latest activity in these tables; the copy
# has no activity, so the views give none and candidates sort by name.
_ACTIVITY_VIEWS = {
    "interactions": "started_at",
    "orders": "ordered_at",
    "tickets": "updated_at",
    "calls": "offered_at",
}


def local_path(central: Database) -> Path:
    """One file per central database, in the user data dir."""
    from app.connection import url_key

    digest = uuid.uuid5(uuid.NAMESPACE_URL, url_key(central.url)).hex[:12]
    return config.data_dir() / f"offline-{digest}.sqlite"


def open_local(path: Path) -> Database:
    """The local file, created or brought to SCHEMA_VERSION (the copy is rebuilt then)."""
    local = Database(sqlite_url(path))
    with local.engine.begin() as conn:
        version = conn.exec_driver_sql("PRAGMA user_version").scalar() or 0
        if version not in (0, SCHEMA_VERSION):
            for table in ("contact_points", "customers", "meta"):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    LocalBase.metadata.create_all(local.engine)
    with local.engine.begin() as conn:
        for view, column in _ACTIVITY_VIEWS.items():
            conn.execute(
                text(
                    f"CREATE VIEW IF NOT EXISTS {view} AS SELECT id AS customer_id, "
                    f"NULL AS {column} FROM customers WHERE 0"
                )
            )
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return local


def meta_get(conn: Any, key: str) -> str | None:
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": key}).first()
    return None if row is None else str(row[0])


def meta_set(conn: Any, key: str, value: str) -> None:
    conn.execute(
        text(
            "INSERT INTO meta (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": key, "v": value},
    )
