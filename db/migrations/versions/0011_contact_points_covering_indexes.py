"""search: contact point indexes that cover the search box's reads

The value index becomes (value_norm, kind, customer_id) and the customer index
(customer_id, kind, value_norm); each replaces the one-column index it starts with, so
every query those served is still served.

- A number or mailbox beginning with thousands of matches ("0912", "ketoan@"): the
  matching customers are read from the value index alone. Before, each match cost a
  read of the table row for its kind and customer (about 150 ms of the 250 ms such a
  page took at 1M customers on PostgreSQL).
- The walk for a very common beginning reads each chunk's contact points (kind and
  value) from the customer index alone.

Measured at 1M customers (2.7M contact points, 2 shared cores): on PostgreSQL 15 the
upgrade took 4.6 s (writes to contact_points wait meanwhile); each new index is 168 MiB
(176,250,880 bytes), the two it replaces were 96 MiB and 51 MiB. On SQLite it took
6.6 s, after the 6 s copy db.migrate makes first; each new index is 172 MiB. A plain
CREATE INDEX, not CONCURRENTLY: Alembic runs the upgrade in a transaction.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (new index, its columns, the one-column index it replaces, that index's column)
INDEXES = [
    (
        "ix_contact_points_value_norm_kind_customer_id",
        ["value_norm", "kind", "customer_id"],
        "ix_contact_points_value_norm",
        "value_norm",
    ),
    (
        "ix_contact_points_customer_id_kind_value_norm",
        ["customer_id", "kind", "value_norm"],
        "ix_contact_points_customer_id",
        "customer_id",
    ),
]


def upgrade() -> None:
    # Index operations only: no batch rebuild, so SQLite keeps the table's triggers.
    for name, columns, old, _column in INDEXES:
        op.create_index(name, "contact_points", columns)
        op.drop_index(old, table_name="contact_points")


def downgrade() -> None:
    for name, _columns, old, column in INDEXES:
        op.create_index(old, "contact_points", [column])
        op.drop_index(name, table_name="contact_points")
