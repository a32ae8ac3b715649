"""identification: indexes for screen-pop lookup, directory search and merges

Revision ID: 0002
Revises: 0001

Both engines: a partial index on customers.merged_into_id (merges re-point redirects;
partial so that SQLite, which has no statistics, never uses it for `IS NULL`).

SQLite: two FTS5 tables kept in sync by triggers, keyed by the content rows' rowids —
  customers_fts       contentless, over customers.name_key split into its first word
                      and the rest (so "nguyen" as a family name and "nguyen" later
                      in a name are different questions), ascii tokenizer with every
                      ASCII punctuation mark as a token character, so tokens are
                      exactly the space-separated words of name_key; prefix indexes
                      for one- to three-letter prefixes; no positions (detail=column:
                      smaller and faster, and no query here needs them);
  contact_points_fts  external content over contact_points.value_norm with the
                      trigram tokenizer (phone fragments anywhere in the number,
                      email fragments).
  A later migration that rebuilds `customers` or `contact_points` in batch mode (copy
  and rename) drops these triggers and may renumber rowids: it must recreate the
  triggers below and refill the tables (customers_fts: 'delete-all', then the INSERT
  ... SELECT below; contact_points_fts: 'rebuild').

PostgreSQL: pg_trgm GIN indexes on customers.name_key (already lower-case and
  diacritic-free, so unaccent is not needed), on the name after its first word
  (the part of a name a search word rarely hits), and on contact_points.value_norm.
  The extension must be available to the migrating role.

The engine-specific objects are not in the models; db.models.people.include_name
tells schema comparison to skip them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# ASCII punctuation as token characters: FTS words == name_key's space-separated words.
_TOKENCHARS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".replace("'", "''")

# A name's first word and the rest, as SQL over name_key (rest is '' for one word).
_FIRST = "substr({0}, 1, instr({0} || ' ', ' ') - 1)"
_REST = "substr({0}, instr({0} || ' ', ' ') + 1)"


def _fts_row(ref: str) -> str:
    return f"{_FIRST.format(ref)}, {_REST.format(ref)}"


SQLITE_UP = [
    f"""CREATE VIRTUAL TABLE customers_fts USING fts5(
        first, rest, content='', columnsize=0, detail=column, prefix='1 2 3',
        tokenize="ascii tokenchars '{_TOKENCHARS.replace('"', '""')}'")""",
    f"""CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts(rowid, first, rest)
        VALUES (new.rowid, {_fts_row("new.name_key")});
    END""",
    f"""CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, first, rest)
        VALUES ('delete', old.rowid, {_fts_row("old.name_key")});
    END""",
    f"""CREATE TRIGGER customers_fts_au AFTER UPDATE OF name_key ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, first, rest)
        VALUES ('delete', old.rowid, {_fts_row("old.name_key")});
        INSERT INTO customers_fts(rowid, first, rest)
        VALUES (new.rowid, {_fts_row("new.name_key")});
    END""",
    f"""INSERT INTO customers_fts(rowid, first, rest)
        SELECT rowid, {_fts_row("name_key")} FROM customers""",
    """CREATE VIRTUAL TABLE contact_points_fts USING fts5(
        value_norm, content='contact_points', content_rowid='rowid',
        tokenize='trigram', detail='none', columnsize=0)""",
    """CREATE TRIGGER contact_points_fts_ai AFTER INSERT ON contact_points BEGIN
        INSERT INTO contact_points_fts(rowid, value_norm) VALUES (new.rowid, new.value_norm);
    END""",
    """CREATE TRIGGER contact_points_fts_ad AFTER DELETE ON contact_points BEGIN
        INSERT INTO contact_points_fts(contact_points_fts, rowid, value_norm)
        VALUES ('delete', old.rowid, old.value_norm);
    END""",
    """CREATE TRIGGER contact_points_fts_au AFTER UPDATE OF value_norm ON contact_points BEGIN
        INSERT INTO contact_points_fts(contact_points_fts, rowid, value_norm)
        VALUES ('delete', old.rowid, old.value_norm);
        INSERT INTO contact_points_fts(rowid, value_norm) VALUES (new.rowid, new.value_norm);
    END""",
    "INSERT INTO contact_points_fts(contact_points_fts) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS contact_points_fts_au",
    "DROP TRIGGER IF EXISTS contact_points_fts_ad",
    "DROP TRIGGER IF EXISTS contact_points_fts_ai",
    "DROP TABLE IF EXISTS contact_points_fts",
    "DROP TRIGGER IF EXISTS customers_fts_au",
    "DROP TRIGGER IF EXISTS customers_fts_ad",
    "DROP TRIGGER IF EXISTS customers_fts_ai",
    "DROP TABLE IF EXISTS customers_fts",
]

# The rest of the name after its first word (NULL for one-word names): finds names where
# a word occurs *after* the first one without wading through everyone whose family
# name it is (a query for "nguyen" as a given or middle name).
PG_NAME_REST = "substring(name_key from ' (.*)$')"

PG_UP = [
    "CREATE INDEX ix_customers_name_key_trgm ON customers USING gin (name_key gin_trgm_ops)",
    "CREATE INDEX ix_customers_name_rest_trgm ON customers "
    f"USING gin (({PG_NAME_REST}) gin_trgm_ops)",
    "CREATE INDEX ix_contact_points_value_norm_trgm ON contact_points "
    "USING gin (value_norm gin_trgm_ops)",
]

PG_DOWN = [
    "DROP INDEX IF EXISTS ix_customers_name_rest_trgm",
    "DROP INDEX IF EXISTS ix_contact_points_value_norm_trgm",
    "DROP INDEX IF EXISTS ix_customers_name_key_trgm",
]


def _create_pg_trgm() -> None:
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:
        raise RuntimeError(
            "CallDesk needs the PostgreSQL extension pg_trgm for customer search, and it "
            "could not be created: ask the database administrator to run "
            "`CREATE EXTENSION pg_trgm;` in this database (it ships with PostgreSQL's "
            f"contrib package), then upgrade again. Server said: {exc}"
        ) from exc


def upgrade() -> None:
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_customers_merged_into_id",
            ["merged_into_id"],
            unique=False,
            sqlite_where=sa.text("merged_into_id IS NOT NULL"),
            postgresql_where=sa.text("merged_into_id IS NOT NULL"),
        )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for sql in SQLITE_UP:
            bind.exec_driver_sql(sql)
    elif bind.dialect.name == "postgresql":
        _create_pg_trgm()
        for sql in PG_UP:
            bind.exec_driver_sql(sql)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for sql in SQLITE_DOWN:
            bind.exec_driver_sql(sql)
    elif bind.dialect.name == "postgresql":
        for sql in PG_DOWN:
            bind.exec_driver_sql(sql)
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("ix_customers_merged_into_id")
