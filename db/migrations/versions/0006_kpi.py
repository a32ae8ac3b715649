"""kpi: settings, call roll-ups kept by triggers, indexes for live status and ticket KPIs

Revision ID: 0006
Revises: 0009

The roll-ups (db.models.kpi) are filled from the calls already stored, then triggers on
`calls` keep them exact (db.kpi_sql): row triggers on SQLite, statement triggers over
transition tables on PostgreSQL (one grouped upsert per COPY or bulk statement).

A later migration that rebuilds `calls` in SQLite batch mode (copy and rename) drops
these triggers: it must recreate them (db.kpi_sql.triggers) and refill the roll-ups
(db.kpi_sql.refill).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import kpi_sql
from db.models.kpi import MEASURES

revision: str = "0006"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _measures() -> list[sa.Column[int]]:
    return [sa.Column(m, sa.BigInteger(), nullable=False) for m in MEASURES]


def upgrade() -> None:
    op.create_table(
        "kpi_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kpi_settings")),
    )
    op.create_table(
        "call_stats_15m",
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("queue", sa.String(length=64), nullable=False),
        *_measures(),
        sa.PrimaryKeyConstraint("bucket", "queue", name=op.f("pk_call_stats_15m")),
    )
    op.create_table(
        "call_stats_agent_15m",
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("queue", sa.String(length=64), nullable=False),
        sa.Column("agent", sa.String(length=32), nullable=False),
        *_measures(),
        sa.PrimaryKeyConstraint("bucket", "queue", "agent", name=op.f("pk_call_stats_agent_15m")),
    )
    op.create_table(
        "call_stats_agent_day",
        sa.Column("day", sa.BigInteger(), nullable=False),
        sa.Column("queue", sa.String(length=64), nullable=False),
        sa.Column("agent", sa.String(length=32), nullable=False),
        *_measures(),
        sa.PrimaryKeyConstraint("day", "queue", "agent", name=op.f("pk_call_stats_agent_day")),
    )
    with op.batch_alter_table("agent_status_log", schema=None) as batch_op:
        batch_op.create_index("ix_agent_status_log_ended_at", ["ended_at"], unique=False)
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_resolved_at", ["resolved_at"], unique=False)
        batch_op.create_index(
            "ix_tickets_customer_id_category_id_created_at",
            ["customer_id", "category_id", "created_at"],
            unique=False,
        )
    bind = op.get_bind()
    dialect = bind.dialect.name
    for sql in kpi_sql.refill(dialect):
        bind.exec_driver_sql(sql)
    for sql in kpi_sql.triggers(dialect):
        bind.exec_driver_sql(sql)


def downgrade() -> None:
    bind = op.get_bind()
    for sql in kpi_sql.drop_triggers(bind.dialect.name):
        bind.exec_driver_sql(sql)
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_customer_id_category_id_created_at")
        batch_op.drop_index("ix_tickets_resolved_at")
    with op.batch_alter_table("agent_status_log", schema=None) as batch_op:
        batch_op.drop_index("ix_agent_status_log_ended_at")
    op.drop_table("call_stats_agent_day")
    op.drop_table("call_stats_agent_15m")
    op.drop_table("call_stats_15m")
    op.drop_table("kpi_settings")
