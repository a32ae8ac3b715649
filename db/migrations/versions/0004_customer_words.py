"""search: a word table for PostgreSQL name search (replaces the name trigram indexes)

Revision ID: 0004
Revises: 0006

PostgreSQL only. The trigram GIN indexes of 0002 over customers.name_key build a
whole bitmap before returning a row, so common words ("nguyen van ...") were slow at a
million customers. Instead `customer_words` holds one row per word *after the first*
of every active customer's name_key (the first word is already the start of the
(name_key, id) index), keyed (word, name_key, customer_id):

- a query word is a range of `word` ([w, w + U+10FFFF), byte order: COLLATE "C");
- inside one word the rows are in directory order (name_key, id), so a page is read
  in order, and "names starting with X that contain W" is one contiguous range too;
- merged customers have no rows, so search never needs the table to drop them.

Kept in sync by triggers on customers (insert, delete, and an update that changes
name_key or merged_into_id): every write path (ORM, CSV import, merge, raw SQL) is
covered. A bulk load under `session_replication_role = replica` fires no triggers:
app.bulk.BulkLoader.finish then calls customer_words_rebuild().

SQLite keeps its FTS5 tables (0002); nothing changes there.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The words of a name_key after its first one.
_REST = "(string_to_array({0}.name_key, ' '))[2:]"

PG_UP = [
    """CREATE TABLE customer_words (
        word varchar(200) COLLATE "C" NOT NULL,
        name_key varchar(200) NOT NULL,
        customer_id uuid NOT NULL,
        CONSTRAINT pk_customer_words PRIMARY KEY (word, name_key, customer_id)
    )""",
    f"""CREATE FUNCTION customer_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.merged_into_id IS NULL THEN
            DELETE FROM customer_words
            WHERE word = ANY ({_REST.format("OLD")})
              AND name_key = OLD.name_key AND customer_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.merged_into_id IS NULL THEN
            INSERT INTO customer_words (word, name_key, customer_id)
            SELECT DISTINCT w, NEW.name_key, NEW.id FROM unnest({_REST.format("NEW")}) AS w
            WHERE w <> ''
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION customer_words_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE n bigint;
    BEGIN
        TRUNCATE customer_words;
        ALTER TABLE customer_words DROP CONSTRAINT pk_customer_words;
        INSERT INTO customer_words (word, name_key, customer_id)
        SELECT DISTINCT w, c.name_key, c.id FROM customers c, unnest({_REST.format("c")}) AS w
        WHERE c.merged_into_id IS NULL AND w <> '';
        GET DIAGNOSTICS n = ROW_COUNT;
        ALTER TABLE customer_words
            ADD CONSTRAINT pk_customer_words PRIMARY KEY (word, name_key, customer_id);
        RETURN n;
    END $$""",
    """CREATE TRIGGER customer_words_ai AFTER INSERT ON customers
        FOR EACH ROW EXECUTE FUNCTION customer_words_sync()""",
    """CREATE TRIGGER customer_words_au AFTER UPDATE OF name_key, merged_into_id ON customers
        FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key
                           OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id)
        EXECUTE FUNCTION customer_words_sync()""",
    """CREATE TRIGGER customer_words_ad AFTER DELETE ON customers
        FOR EACH ROW EXECUTE FUNCTION customer_words_sync()""",
    "SELECT customer_words_rebuild()",
    "ANALYZE customer_words",
    "DROP INDEX IF EXISTS ix_customers_name_key_trgm",
    "DROP INDEX IF EXISTS ix_customers_name_rest_trgm",
]

PG_DOWN = [
    "CREATE INDEX ix_customers_name_key_trgm ON customers USING gin (name_key gin_trgm_ops)",
    "CREATE INDEX ix_customers_name_rest_trgm ON customers "
    "USING gin ((substring(name_key from ' (.*)$')) gin_trgm_ops)",
    "DROP TRIGGER IF EXISTS customer_words_ad ON customers",
    "DROP TRIGGER IF EXISTS customer_words_au ON customers",
    "DROP TRIGGER IF EXISTS customer_words_ai ON customers",
    "DROP FUNCTION IF EXISTS customer_words_rebuild()",
    "DROP FUNCTION IF EXISTS customer_words_sync()",
    "DROP TABLE IF EXISTS customer_words",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for sql in PG_UP:
            bind.exec_driver_sql(sql)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for sql in PG_DOWN:
            bind.exec_driver_sql(sql)
