"""sync: the change sequence (with capture triggers and NOTIFY) and agent presence

Revision ID: 0007
Revises: 0004

`changes` gets one row per committed change of a synced table, written by triggers in
the writer's transaction (db/change_log.py); on PostgreSQL the trigger also NOTIFYs
channel `calldesk_changes`. The triggers are not in the models; schema comparison does
not look at triggers. The table list below is frozen here on purpose: a later table that
must be synced gets its triggers from its own migration.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types
from db import change_log

revision: str = "0007"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SYNCED = {
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


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("tbl", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_changes_at", "changes", ["at"])
    op.create_table(
        "agent_presence",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("since", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_agent_presence_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_agent_presence")),
    )
    dialect = op.get_bind().dialect.name
    change_log.create_triggers(op.execute, dialect, SYNCED)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    change_log.drop_triggers(op.execute, dialect, SYNCED)
    op.drop_table("agent_presence")
    op.drop_index("ix_changes_at", table_name="changes")
    op.drop_table("changes")
