"""load: ticket numbers from a sequence (PostgreSQL); a stamp that moves on reference edits

Ticket numbers: on PostgreSQL `calldesk_ticket_number()` hands out numbers from the
sequence `ticket_numbers` instead of `UPDATE counters ... RETURNING`, whose row lock
was held until each saving transaction committed and so serialised every workstation.
A sequence never blocks and never repeats; a rolled-back save leaves a gap (numbers
were always allowed gaps). The function is SECURITY DEFINER so a workstation login
granted only table rights (migration 0009) may draw numbers. It starts after both the
old counter and the highest stored number. SQLite keeps the counter row (one writer
at a time there anyway).

Reference stamp: the row `counters.name = 'reference'` is bumped in the same
transaction as any change to routing_rules, sla_policies, business_calendars or
departments, by triggers (they see the admin screens, the CLI, raw SQL and other
programs alike, and ignore the bulk loader's `calldesk.capture` switch on purpose).
app/reference_cache.py keeps those tables in memory per process and reads the stamp
with each ticket save: an edit committed anywhere is seen by the next save, never a
stale rule. SQLite batch rebuilds of those tables drop these triggers too: a later
migration doing one must recreate them (SQLITE_STAMP_TRIGGERS below, copied).

Revision ID: 0010
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMPED = ("routing_rules", "sla_policies", "business_calendars", "departments")
STAMP = "reference"

PG_NUMBER_FUNCTION = """
CREATE OR REPLACE FUNCTION calldesk_ticket_number() RETURNS bigint LANGUAGE sql
SECURITY DEFINER SET search_path FROM CURRENT AS $$ SELECT nextval('ticket_numbers') $$
"""

PG_STAMP_FUNCTION = f"""
CREATE OR REPLACE FUNCTION calldesk_reference_stamp() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO counters (name, value) VALUES ('{STAMP}', 1)
        ON CONFLICT (name) DO UPDATE SET value = counters.value + 1;
    RETURN NULL;
END
$$
"""

PG_STAMP_TRIGGER = (
    "CREATE TRIGGER calldesk_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
    " ON {table} FOR EACH STATEMENT EXECUTE FUNCTION calldesk_reference_stamp()"
)

SQLITE_STAMP_TRIGGERS = [
    f"CREATE TRIGGER calldesk_reference_stamp_{table}_{suffix} AFTER {event} ON {table} "
    f"BEGIN INSERT INTO counters (name, value) VALUES ('{STAMP}', 1) "
    f"ON CONFLICT (name) DO UPDATE SET value = value + 1; END"
    for table in STAMPED
    for suffix, event in (("ai", "INSERT"), ("au", "UPDATE"), ("ad", "DELETE"))
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(
        f"INSERT INTO counters (name, value) VALUES ('{STAMP}', 1) ON CONFLICT (name) DO NOTHING"
    )
    if dialect == "postgresql":
        op.execute("CREATE SEQUENCE IF NOT EXISTS ticket_numbers AS bigint")
        op.execute(
            "SELECT setval('ticket_numbers', greatest("
            " (SELECT coalesce(max(value), 0) FROM counters WHERE name = 'ticket'),"
            " (SELECT coalesce(max(number), 0) FROM tickets)) + 1, false)"
        )
        op.execute(PG_NUMBER_FUNCTION)
        op.execute(PG_STAMP_FUNCTION)
        for table in STAMPED:
            op.execute(PG_STAMP_TRIGGER.format(table=table))
    else:
        for sql in SQLITE_STAMP_TRIGGERS:
            op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in STAMPED:
            op.execute(f"DROP TRIGGER IF EXISTS calldesk_reference_stamp ON {table}")
        op.execute("DROP FUNCTION IF EXISTS calldesk_reference_stamp()")
        # The counter row takes over again from where the sequence got to.
        op.execute(
            "INSERT INTO counters (name, value) SELECT 'ticket', greatest("
            " (SELECT coalesce(max(number), 0) FROM tickets),"
            " (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END"
            "  FROM ticket_numbers))"
            " ON CONFLICT (name) DO UPDATE SET value = greatest(counters.value, excluded.value)"
        )
        op.execute("DROP FUNCTION IF EXISTS calldesk_ticket_number()")
        op.execute("DROP SEQUENCE IF EXISTS ticket_numbers")
    else:
        for table in STAMPED:
            for suffix in ("ai", "au", "ad"):
                op.execute(f"DROP TRIGGER IF EXISTS calldesk_reference_stamp_{table}_{suffix}")
    op.execute(f"DELETE FROM counters WHERE name = '{STAMP}'")
