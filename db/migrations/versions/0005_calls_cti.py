"""calls: caller display name, event source, and when a missed call was rung back

Revision ID: 0005
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0005"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch:
        batch.add_column(sa.Column("caller_name", sa.String(length=200)))
        batch.add_column(sa.Column("source", sa.String(length=16)))
        batch.add_column(sa.Column("called_back_at", db.types.UTCDateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("calls") as batch:
        batch.drop_column("called_back_at")
        batch.drop_column("source")
        batch.drop_column("caller_name")
