"""sync: a supplier session reads from `changes` only what it may see

Every client follows `changes` (migration 0007). Without row-level security a supplier
session (migration 0009) read there which customers, tickets, users... changed and
when, everywhere. PostgreSQL now filters `changes` with the same session settings:

- agents, supervisors, admins, department desks and the system (no role set) see every
  change, as before; their poll pays one comparison per row (the role is an InitPlan).
- a supplier session sees the changes of the tickets it may see and of their log
  (`ticket_events`), of the customers of those tickets, of its own department's users
  and its own user, of the reference tables its screens show (departments, categories,
  SLA policies, business calendars) and the bulk markers (row_id NULL) of those tables.
  Not routing rules, calls, orders, interactions, contact points or agent statuses.

Tickets and their log are judged by what the row was when it changed, not by what is
visible now: the capture trigger stamps `scope` (the department of a complaint: the
desk whose supplier sees it) and `prior_scope` (the complaint's department before an
update or delete, when that differs). So a supplier still reads the change that moved a
ticket out of its queue (transfer, reclassification, deletion) and drops it, and never
the history a ticket had before it was routed there. Events are stamped with their
ticket's scope at insert. Customers and users are checked when read (EXISTS under
their own policies): a deleted customer's or user's change is hidden from suppliers.

The capture function stays SECURITY DEFINER: it inserts as the owner, which row-level
security does not bind, so every role's writes are still recorded. The bulk loader
inserts its markers as the workstation login: the policy's WITH CHECK admits them.

NOTIFY payloads cannot be filtered per listener, so supplier clients do not LISTEN;
they poll `changes` (app.sync.changes.may_listen) and start from
`calldesk_changes_head()`, the sequence's head, which they cannot read under the policy.

SQLite (no row-level security, one workstation): only the two columns, left NULL.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import change_log

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0007's function plus the stamps; frozen here (db/change_log.py keeps 0007's text).
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
    RETURN NULL;
END
$$
"""

HEAD_FUNCTION = """
CREATE OR REPLACE FUNCTION calldesk_changes_head() RETURNS bigint LANGUAGE sql STABLE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT coalesce(max(seq), 0) FROM changes
$$
"""

USER_FUNCTION = """
CREATE OR REPLACE FUNCTION calldesk_rls_user() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('calldesk.user_id', true), '')::uuid
$$
"""

# InitPlans, evaluated once per query (as in 0009).
ROLE = "(SELECT calldesk_rls_role())"
DEPT = "(SELECT calldesk_rls_department())"
USER = "(SELECT calldesk_rls_user())"
# Tables without row-level security whose rows a supplier's screens show.
SUPPLIER_REFERENCE = "('departments', 'categories', 'sla_policies', 'business_calendars')"
SUPPLIER_BULK = (
    "('*', 'tickets', 'ticket_events', 'customers', 'users',"
    " 'departments', 'categories', 'sla_policies', 'business_calendars')"
)

# Customers and users are checked row by row, under their own policies (the function
# runs as the caller). In PL/pgSQL, not inlined: the policy every agent's poll plans
# stays small, and the subqueries are planned once per session, for suppliers only.
SEES_ROW_FUNCTION = """
CREATE OR REPLACE FUNCTION calldesk_rls_sees_changed_row(t text, rid uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF t = 'customers' THEN
    RETURN EXISTS (SELECT 1 FROM customers c WHERE c.id = rid);
  ELSIF t = 'users' THEN
    RETURN EXISTS (SELECT 1 FROM users u WHERE u.id = rid
                   AND (u.id = calldesk_rls_user() OR u.department_id = calldesk_rls_department()));
  END IF;
  RETURN false;
END
$$
"""

# CASE evaluates only the branch taken; an agent's session stops at the first test.
SEES_CHANGE = f"""{ROLE} <> 'supplier' OR CASE
  WHEN row_id IS NULL THEN tbl IN {SUPPLIER_BULK}
  WHEN tbl IN ('tickets', 'ticket_events') THEN scope = {DEPT} OR prior_scope = {DEPT}
  WHEN tbl IN ('customers', 'users') THEN calldesk_rls_sees_changed_row(tbl, row_id)
  ELSE tbl IN {SUPPLIER_REFERENCE}
END"""


def upgrade() -> None:
    op.add_column("changes", sa.Column("scope", sa.Uuid(), nullable=True))
    op.add_column("changes", sa.Column("prior_scope", sa.Uuid(), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(PG_FUNCTION)
    op.execute(HEAD_FUNCTION)
    op.execute(USER_FUNCTION)
    op.execute(SEES_ROW_FUNCTION)
    op.execute("ALTER TABLE changes ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY calldesk_scope ON changes USING ({SEES_CHANGE}) WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY IF EXISTS calldesk_scope ON changes")
        op.execute("ALTER TABLE changes DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS calldesk_rls_sees_changed_row(text, uuid)")
        op.execute("DROP FUNCTION IF EXISTS calldesk_rls_user()")
        op.execute("DROP FUNCTION IF EXISTS calldesk_changes_head()")
        op.execute(change_log.PG_FUNCTION)  # 0007's, before the columns go
    # In place, not a batch rebuild: SQLite refuses to rename a table over the capture
    # triggers that write to `changes` (ALTER TABLE ... DROP COLUMN needs SQLite 3.35).
    op.drop_column("changes", "prior_scope")
    op.drop_column("changes", "scope")
