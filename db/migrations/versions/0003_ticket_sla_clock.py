"""tickets: SLA pause timestamp, reopen count, ordered processing log, rule FK set null

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("sla_paused_at", db.types.UTCDateTime(timezone=True)))
        batch.add_column(
            sa.Column("reopened_count", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("tickets") as batch:
        batch.alter_column("reopened_count", server_default=None)
        batch.drop_constraint("fk_tickets_routing_rule_id_routing_rules", type_="foreignkey")
        batch.create_foreign_key(
            "fk_tickets_routing_rule_id_routing_rules",
            "routing_rules",
            ["routing_rule_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("ticket_events") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    # Number existing log entries per ticket in time order.
    op.execute(
        "UPDATE ticket_events SET seq = (SELECT COUNT(*) FROM ticket_events e2"
        " WHERE e2.ticket_id = ticket_events.ticket_id AND (e2.at < ticket_events.at"
        " OR (e2.at = ticket_events.at AND e2.id <= ticket_events.id)))"
    )
    with op.batch_alter_table("ticket_events") as batch:
        batch.alter_column("seq", server_default=None)
        batch.create_unique_constraint("uq_ticket_events_ticket_id_seq", ["ticket_id", "seq"])


def downgrade() -> None:
    with op.batch_alter_table("ticket_events") as batch:
        batch.drop_constraint("uq_ticket_events_ticket_id_seq", type_="unique")
        batch.drop_column("seq")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("reopened_count")
        batch.drop_column("sla_paused_at")
