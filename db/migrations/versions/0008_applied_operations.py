"""applied_operations: each outbox operation applied exactly once (issue #5, offline)

Revision ID: 0008
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0008"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "applied_operations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("applied_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("workstation", sa.String(length=64), nullable=True),
        sa.Column("created_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_applied_operations_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applied_operations")),
    )
    op.create_index(
        "ix_applied_operations_applied_at", "applied_operations", ["applied_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_applied_operations_applied_at", table_name="applied_operations")
    op.drop_table("applied_operations")
