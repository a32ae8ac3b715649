"""Triggers that write every committed change of a synced table to `changes` and, on
PostgreSQL, announce it with NOTIFY, in the writer's own transaction.

Triggers rather than ORM events: they also see the CLI, raw SQL and other programs
writing to the central database. A bulk load switches them off for its connection
(PostgreSQL: the `calldesk.capture` setting; SQLite: the triggers are dropped inside the
load's transaction) and records one `bulk` change instead (app/bulk.py).

A later migration that rebuilds a synced table in SQLite batch mode (copy and rename)
drops its triggers: call `create_sqlite_triggers(op.execute, [table])` after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

CHANNEL = "calldesk_changes"
# Payload-free wake-ups per department scope (migration 0013): the prefix plus the
# department's uuid as 32 hex digits, 47 characters (PostgreSQL allows 63).
SCOPE_CHANNEL_PREFIX = "calldesk_scope_"
CAPTURE_SETTING = "calldesk.capture"
TRIGGER_PREFIX = "calldesk_capture"

# Synced tables and whether they carry a version column.
SYNCED: dict[str, bool] = {
    "customers": True,
    "contact_points": True,
    "orders": False,
    "tickets": True,
    "ticket_events": False,
    "interactions": True,
    "calls": True,
    "agent_status_log": False,
    "users": True,
    "departments": True,
    "categories": True,
    "routing_rules": True,
    "sla_policies": True,
    "business_calendars": True,
}

# SECURITY DEFINER: a workstation login that does not own the tables (row-level
# security, migration 0009) still records its changes; the function runs as the owner.
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER_PREFIX}() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    r record;
    v integer;
    s bigint;
    o text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        r := OLD;
    ELSE
        r := NEW;
    END IF;
    o := lower(TG_OP);
    IF TG_ARGV[0] = 'v' THEN
        v := r.version;
    END IF;
    INSERT INTO changes (tbl, row_id, version, op, at)
        VALUES (TG_TABLE_NAME, r.id, v, o, now()) RETURNING seq INTO s;
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        't', TG_TABLE_NAME, 'id', r.id, 'v', v, 's', s, 'op', o)::text);
    RETURN NULL;
END
$$
"""

_PG_TRIGGER = (
    "CREATE TRIGGER {prefix} AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW "
    "WHEN (current_setting('{setting}', true) IS DISTINCT FROM 'off') "
    "EXECUTE FUNCTION {prefix}('{arg}')"
)

# SQLAlchemy's text form of a UTC instant on SQLite, microseconds included.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"


def pg_statements(tables: Iterable[tuple[str, bool]]) -> list[str]:
    out = [PG_FUNCTION]
    for table, versioned in tables:
        out.append(
            _PG_TRIGGER.format(
                prefix=TRIGGER_PREFIX,
                table=table,
                setting=CAPTURE_SETTING,
                arg="v" if versioned else "-",
            )
        )
    return out


def pg_drop_statements(tables: Iterable[str]) -> list[str]:
    out = [f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX} ON {t}" for t in tables]
    out.append(f"DROP FUNCTION IF EXISTS {TRIGGER_PREFIX}()")
    return out


def sqlite_statements(tables: Iterable[tuple[str, bool]]) -> list[str]:
    out = []
    for table, versioned in tables:
        for suffix, event, row, op in (
            ("ai", "INSERT", "new", "insert"),
            ("au", "UPDATE", "new", "update"),
            ("ad", "DELETE", "old", "delete"),
        ):
            version = f"{row}.version" if versioned else "NULL"
            out.append(
                f"CREATE TRIGGER {TRIGGER_PREFIX}_{table}_{suffix} AFTER {event} ON {table} "
                f"BEGIN INSERT INTO changes (tbl, row_id, version, op, at) VALUES "
                f"('{table}', {row}.id, {version}, '{op}', {SQLITE_NOW}); END"
            )
    return out


def sqlite_drop_statements(tables: Iterable[str]) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}_{t}_{suffix}"
        for t in tables
        for suffix in ("ai", "au", "ad")
    ]


def create_triggers(
    execute: Callable[[str], object], dialect: str, tables: dict[str, bool]
) -> None:
    """Create the capture triggers for `tables` through `execute` (a migration's
    op.execute or a driver cursor's)."""
    items = list(tables.items())
    stmts = sqlite_statements(items) if dialect == "sqlite" else pg_statements(items)
    for sql in stmts:
        execute(sql)


def drop_triggers(execute: Callable[[str], object], dialect: str, tables: Iterable[str]) -> None:
    names = list(tables)
    stmts = sqlite_drop_statements(names) if dialect == "sqlite" else pg_drop_statements(names)
    for sql in stmts:
        execute(sql)
