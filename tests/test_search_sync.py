"""The search structures follow every way a name changes, on both engines: a new
customer, a renamed one, a merge, a deletion, a CSV import and a bulk seed. On
PostgreSQL the word table (migration 0004) must then hold exactly the words after the
first of every active customer's name."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update

from app import caller_log, customers, merge
from app.csv_customers import import_customers
from app.seed import seed_demo
from app.text import fold
from db.engine import Database
from db.models import Customer
from tests.test_lookup import add_customer


def names(db: Database, query: str) -> list[str]:
    return [row.name for row in customers.page(db, query)]


def expected_words(db: Database) -> set[tuple[str, str, uuid.UUID]]:
    with db.session() as s:
        rows = s.execute(
            select(Customer.name_key, Customer.id).where(Customer.merged_into_id.is_(None))
        ).all()
    return {(w, key, cid) for key, cid in rows for w in key.split(" ")[1:] if w}


def stored_words(db: Database) -> set[tuple[str, str, uuid.UUID]]:
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT word, name_key, customer_id FROM customer_words"))
        return {(r[0], r[1], r[2]) for r in rows}


def assert_in_sync(db: Database) -> None:
    if not db.is_sqlite:
        assert stored_words(db) == expected_words(db)


def rename(db: Database, customer_id: uuid.UUID, name: str) -> None:
    with db.session() as s:
        c = s.get(Customer, customer_id)
        assert c is not None
        c.name, c.name_key = name, fold(name)


def test_a_new_customer_is_found_at_once(db: Database) -> None:
    add_customer(db, "Nguyễn Văn An", ("phone", "0912 345 678"))
    caller_log.create_customer(db, "Trần Thị Bích Ngọc", "0988 111 222")
    assert names(db, "bich ngoc") == ["Trần Thị Bích Ngọc"]
    assert names(db, "van an") == ["Nguyễn Văn An"]
    assert_in_sync(db)


def test_a_renamed_customer_is_found_by_the_new_name_only(db: Database) -> None:
    cid = add_customer(db, "Nguyễn Văn An", ("phone", "0912 345 678"))
    add_customer(db, "Lê Văn Bình", ("phone", "0912 345 679"))
    rename(db, cid, "Nguyễn Hoàng Phúc")
    assert names(db, "van an") == []
    assert names(db, "hoang phuc") == ["Nguyễn Hoàng Phúc"]
    assert names(db, "van") == ["Lê Văn Bình"]
    assert_in_sync(db)
    # A change of another column leaves the name's words as they were.
    with db.session() as s:
        s.execute(update(Customer).where(Customer.id == cid).values(tier="gold", name_key="x"))
        s.execute(
            update(Customer).where(Customer.id == cid).values(name_key=fold("Nguyễn Hoàng Phúc"))
        )
    assert names(db, "phuc nguyen") == ["Nguyễn Hoàng Phúc"]
    assert_in_sync(db)


def test_a_merged_customer_leaves_and_a_deleted_one_goes(db: Database) -> None:
    kept = add_customer(db, "Phạm Minh Châu", ("phone", "0912 000 001"))
    gone = add_customer(db, "Phạm Minh Châu Anh", ("phone", "0912 000 002"))
    other = add_customer(db, "Võ Minh Châu", ("phone", "0912 000 003"))
    assert names(db, "minh chau") == ["Phạm Minh Châu", "Phạm Minh Châu Anh", "Võ Minh Châu"]
    merge.merge(db, kept, gone)
    assert names(db, "minh chau") == ["Phạm Minh Châu", "Võ Minh Châu"]
    assert names(db, "chau anh") == []
    assert_in_sync(db)
    with db.session() as s:
        s.execute(delete(Customer).where(Customer.id == other))
    assert names(db, "minh chau") == ["Phạm Minh Châu"]
    assert_in_sync(db)


def test_a_csv_import_adds_and_renames(db: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(
        "external_id,name,kind,phones,emails,tier\n"
        "KH1,Đỗ Quang Huy,person,0912 100 001,,standard\n"
        "KH2,Bùi Thị Thu Hà,person,0912 100 002,,gold\n",
        encoding="utf-8",
    )
    report = import_customers(db, first)
    assert report.stored == 2
    assert names(db, "quang huy") == ["Đỗ Quang Huy"]
    assert names(db, "thu ha") == ["Bùi Thị Thu Hà"]
    again = tmp_path / "again.csv"
    again.write_text(
        "external_id,name,kind,phones,emails,tier\n"
        "KH1,Đỗ Quang Hưng,person,0912 100 001,,standard\n"
        "KH2,Bùi Thị Thu Hà,person,0912 100 002,,vip\n",
        encoding="utf-8",
    )
    import_customers(db, again)
    assert names(db, "quang huy") == []
    assert names(db, "quang hung") == ["Đỗ Quang Hưng"]
    assert names(db, "thu ha") == ["Bùi Thị Thu Hà"]
    assert_in_sync(db)


def test_a_bulk_seed_fills_the_search_structures(db: Database) -> None:
    seed_demo(db, 300, seed=5)
    assert_in_sync(db)
    with db.session() as s:
        name_key, name = s.execute(
            select(Customer.name_key, Customer.name)
            .where(Customer.kind == "person", Customer.name_key.like("% % %"))
            .order_by(Customer.name_key)
            .limit(1)
        ).one()
    words = name_key.split()
    query = " ".join([words[-1], *words[:-1]])  # another order
    assert name in names(db, query)


@pytest.mark.postgres
def test_a_rebuild_gives_the_same_table(pg_url: str) -> None:
    db = Database(pg_url)
    try:
        add_customer(db, "Nguyễn Thị Minh Khai", ("phone", "0912 000 010"))
        add_customer(db, "An An", ("phone", "0912 000 011"))  # a word twice: one row
        before = stored_words(db)
        with db.engine.begin() as conn:
            conn.execute(text("SELECT customer_words_rebuild()"))
        assert stored_words(db) == before == expected_words(db)
    finally:
        db.dispose()
