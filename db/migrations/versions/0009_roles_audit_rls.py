"""roles and audit: audit_log.customer_id; PostgreSQL row-level security and masked contacts

What PostgreSQL enforces (the same rules app/permissions.py checks in the app):

- Every connection of a logged-in client carries session settings `calldesk.user_id`,
  `calldesk.role` (the effective role) and `calldesk.department_id` (db.engine sets
  them when the connection is made).
- tickets: a `department` or `supplier` session sees and changes only tickets of its
  department (a supplier only complaints) and a supplier inserts none. The one it is
  transferring away (`calldesk.moving_ticket`, set for the transaction) stays visible
  until commit.
  ticket_events: only those of tickets the session sees.
- customers: a supplier session sees only customers of complaints it sees.
- contact_points, interactions, orders, calls: a supplier session sees no rows. Its
  customers' phone numbers and emails are readable only masked, through the view
  `contact_points_masked` (by calldesk_masked_contacts(), which reads the base table
  with the restriction lifted for the function's duration and masks before returning).
- A session without the settings (role unset) is the system: migrations, `db seed`,
  the bulk loader, the escalation timer's host before login, maintenance by hand.

The limits, honestly:

- Row-level security binds every role except the tables' owner and superusers
  (not FORCEd: the seed's COPY would fail under FORCE). Run migrations and `db seed`
  as the owner; let workstations connect as a login that does not own the tables
  (`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO calldesk_app`).
  A workstation that connects as the owner, like the single-login demo setup, has only
  the app's checks.
- The settings are chosen by the client. They stop the app's own mistakes (a screen
  that forgot a check sees nothing it should not), not someone who holds the
  database password and writes SQL: such a person can set any role. Isolating a
  supplier against that needs its own PostgreSQL login with policies on
  `current_user`, which this schema does not do yet.
- SQLite has no row-level security: there only the app's checks apply.

Revision ID: 0009
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Scoped by department (tickets, their log) or hidden from suppliers (the rest).
RLS_TABLES = (
    "tickets",
    "ticket_events",
    "customers",
    "contact_points",
    "interactions",
    "orders",
    "calls",
)

# InitPlans `(SELECT f())` are evaluated once per query, not once per row.
ROLE = "(SELECT calldesk_rls_role())"
DEPT = "(SELECT calldesk_rls_department())"
# PostgreSQL checks an updated row against the SELECT policy too, so a desk could not
# transfer a ticket away from itself: the ticket being transferred, named for the
# transaction by app.tickets.transfer, stays visible until commit.
SEES_TICKET = (
    f"{ROLE} NOT IN ('department', 'supplier') OR (department_id = {DEPT}"
    f" AND ({ROLE} <> 'supplier' OR kind = 'complaint'))"
    " OR id = (SELECT calldesk_rls_moving_ticket())"
)

FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION calldesk_rls_role() RETURNS text
    LANGUAGE sql STABLE AS $$
      SELECT coalesce(nullif(current_setting('calldesk.role', true), ''), 'system')
    $$""",
    """
    CREATE OR REPLACE FUNCTION calldesk_rls_moving_ticket() RETURNS uuid
    LANGUAGE sql STABLE AS $$
      SELECT nullif(current_setting('calldesk.moving_ticket', true), '')::uuid
    $$""",
    """
    CREATE OR REPLACE FUNCTION calldesk_rls_department() RETURNS uuid
    LANGUAGE sql STABLE AS $$
      SELECT nullif(current_setting('calldesk.department_id', true), '')::uuid
    $$""",
    # Same rules as app/masking.py.
    """
    CREATE OR REPLACE FUNCTION calldesk_mask_phone(value text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      digits text := regexp_replace(coalesce(value, ''), '[^0-9]', '', 'g');
      prefix text := '';
      head text;
      grouped text := '';
      i int := 1;
    BEGIN
      IF length(digits) < 6 THEN
        RETURN repeat('•', greatest(length(digits), 3));
      END IF;
      IF left(btrim(value), 1) = '+' THEN
        IF left(digits, 2) = '84' THEN
          prefix := '+84 '; digits := substr(digits, 3);
        ELSE
          prefix := '+' || left(digits, 1) || ' '; digits := substr(digits, 2);
        END IF;
      ELSIF left(digits, 1) = '0' THEN
        prefix := '0'; digits := substr(digits, 2);
      END IF;
      head := left(digits, 1) || repeat('•', length(digits) - 4);
      WHILE i <= length(head) LOOP
        grouped := grouped || CASE WHEN i > 1 THEN ' ' ELSE '' END || substr(head, i, 3);
        i := i + 3;
      END LOOP;
      RETURN prefix || grouped || ' ' || right(digits, 3);
    END $$""",
    """
    CREATE OR REPLACE FUNCTION calldesk_mask_email(value text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE
        WHEN position('@' in coalesce(value, '')) = 0 THEN left(btrim(value), 1) || '•••'
        ELSE left(btrim(value), 1) || '•••@' || split_part(btrim(value), '@', -1)
      END
    $$""",
    # The function's SET clause lifts the restriction on contact_points while it runs
    # (the caller's role is passed in and applied here instead), and restores it after.
    """
    CREATE OR REPLACE FUNCTION calldesk_masked_contacts(caller_role text, caller_dept uuid)
    RETURNS TABLE (id uuid, customer_id uuid, kind varchar, value text, is_primary boolean)
    LANGUAGE sql STABLE SET calldesk.role = '' AS $$
      SELECT cp.id, cp.customer_id, cp.kind,
             CASE WHEN caller_role = 'supplier' THEN
               CASE cp.kind WHEN 'phone' THEN calldesk_mask_phone(cp.value_raw)
                            WHEN 'email' THEN calldesk_mask_email(cp.value_raw)
                            ELSE left(cp.value_raw, 1) || '•••' END
             ELSE cp.value_raw END,
             cp.is_primary
      FROM contact_points cp
      WHERE coalesce(caller_role, 'system') NOT IN ('department', 'supplier')
         OR caller_role = 'department'
         OR EXISTS (SELECT 1 FROM tickets t
                    WHERE t.customer_id = cp.customer_id AND t.department_id = caller_dept
                      AND t.kind = 'complaint')
    $$""",
]


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("customer_id", sa.Uuid(), nullable=True))
    op.create_index("ix_audit_log_user_id_at", "audit_log", ["user_id", "at"])
    op.create_index("ix_audit_log_customer_id_at", "audit_log", ["customer_id", "at"])
    if op.get_bind().dialect.name != "postgresql":
        return
    for sql in FUNCTIONS:
        op.execute(sql)
    for table in RLS_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY calldesk_scope ON tickets USING ({SEES_TICKET}) WITH CHECK (true)"
    )
    op.execute(
        "CREATE POLICY calldesk_no_supplier_insert ON tickets AS RESTRICTIVE FOR INSERT"
        f" WITH CHECK ({ROLE} <> 'supplier')"
    )
    op.execute(
        "CREATE POLICY calldesk_scope ON ticket_events USING ("
        f"{ROLE} NOT IN ('department', 'supplier')"
        " OR EXISTS (SELECT 1 FROM tickets t WHERE t.id = ticket_events.ticket_id))"
        " WITH CHECK (true)"
    )
    op.execute(
        "CREATE POLICY calldesk_scope ON customers USING ("
        f"{ROLE} <> 'supplier'"
        " OR EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = customers.id))"
        f" WITH CHECK ({ROLE} <> 'supplier')"
    )
    for table in ("contact_points", "interactions", "orders", "calls"):
        op.execute(
            f"CREATE POLICY calldesk_scope ON {table} USING ({ROLE} <> 'supplier')"
            f" WITH CHECK ({ROLE} <> 'supplier')"
        )
    op.execute(
        "CREATE VIEW contact_points_masked WITH (security_barrier) AS"
        " SELECT * FROM calldesk_masked_contacts("
        "current_setting('calldesk.role', true), calldesk_rls_department())"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP VIEW IF EXISTS contact_points_masked")
        for table in RLS_TABLES:
            op.execute(f"DROP POLICY IF EXISTS calldesk_scope ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP POLICY IF EXISTS calldesk_no_supplier_insert ON tickets")
        for name in (
            "calldesk_masked_contacts(text, uuid)",
            "calldesk_mask_email(text)",
            "calldesk_mask_phone(text)",
            "calldesk_rls_department()",
            "calldesk_rls_moving_ticket()",
            "calldesk_rls_role()",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.drop_index("ix_audit_log_customer_id_at", table_name="audit_log")
    op.drop_index("ix_audit_log_user_id_at", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("customer_id")
