"""sync: a supplier's client is woken, without a payload, when its scope changes

Since 0012 supplier clients poll `changes` every second (NOTIFY payloads reach every
listener and name the changed row), so they learn of a change up to a second late. The
capture function now also sends an empty NOTIFY on a channel per scope,
`calldesk_scope_<department uuid as 32 hex digits>`, for the row's `scope` and its
`prior_scope` (0012's stamps: the complaint's department now and before). A supplier
client LISTENs only on its own department's channel; a wake-up tells it "something in
your scope changed" and nothing else, and it then reads `changes` under row-level
security as before. Who changed what, and anything about other departments, never
reaches it: another desk's channel is not its own, and the payload is empty.

PostgreSQL folds identical notifications of one transaction into one, so a ticket and
its log entries written together wake a supplier once. A transfer away notifies the
old desk (prior_scope) as well as the new one, so the old desk's queue empties at once.

Everything else 0012 does is kept: the stamps, SECURITY DEFINER (a workstation login
records its own changes), the payload NOTIFY on calldesk_changes for unrestricted
clients. The function's text is frozen here; downgrade restores 0012's.

SQLite: nothing (no NOTIFY).

Revision ID: 0013
Revises: 0012
"""

import importlib
from collections.abc import Sequence

from alembic import op

from db import change_log

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0012's function plus the wake-ups; frozen here.
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {change_log.TRIGGER_PREFIX}() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    r record;
    v integer;
    s bigint;
    o text;
    sc uuid;
    prior uuid;
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
    IF TG_TABLE_NAME = 'tickets' THEN
        IF TG_OP <> 'DELETE' AND NEW.kind = 'complaint' THEN
            sc := NEW.department_id;
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.kind = 'complaint'
           AND OLD.department_id IS DISTINCT FROM sc THEN
            prior := OLD.department_id;
        END IF;
    ELSIF TG_TABLE_NAME = 'ticket_events' THEN
        SELECT t.department_id INTO sc FROM tickets t
            WHERE t.id = r.ticket_id AND t.kind = 'complaint';
    END IF;
    INSERT INTO changes (tbl, row_id, version, op, at, scope, prior_scope)
        VALUES (TG_TABLE_NAME, r.id, v, o, now(), sc, prior) RETURNING seq INTO s;
    PERFORM pg_notify('{change_log.CHANNEL}', json_build_object(
        't', TG_TABLE_NAME, 'id', r.id, 'v', v, 's', s, 'op', o)::text);
    IF sc IS NOT NULL THEN
        PERFORM pg_notify('{change_log.SCOPE_CHANNEL_PREFIX}' || replace(sc::text, '-', ''), '');
    END IF;
    IF prior IS NOT NULL THEN
        PERFORM pg_notify('{change_log.SCOPE_CHANNEL_PREFIX}' || replace(prior::text, '-', ''), '');
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Module names starting with a digit cannot be imported with `import`.
        previous = importlib.import_module("db.migrations.versions.0012_changes_rls")
        op.execute(previous.PG_FUNCTION)
