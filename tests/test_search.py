"""The directory's search box on both engines: names without diacritics in any order,
phone fragments, emails, external ids and ticket numbers, paged in name order."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app import customers, merge, search
from app.text import fold
from db.engine import Database
from db.models import ContactPoint, Customer, Ticket
from tests.test_lookup import add_customer

PEOPLE = [
    ("Nguyễn Văn An", "0912 345 678", "an.nguyen@example.com", "KH000123"),
    ("Nguyễn Văn Anh", "0912 777 001", None, None),
    ("Nguyễn Thị An", "0988 100 200", "thi.an@example.com", None),
    ("Trần Văn An Nguyễn", "0903 456 789", None, None),
    ("Lê Văn Anh", "024 3825 1234", "le.anh@Example.com", "KH000124"),
    ("Đặng Thùy Linh", "0163 456 7890", None, None),  # typed in the old 11-digit plan
    ("Phạm Ngọc Quân", "+84 236 382 5123", None, None),
    ("Công ty TNHH Sao Mai", "028 3829 1234", "ketoan@saomai.vn", "KH-SM"),
    ("Ngô Văn Nguyên", "0977 000 111", None, None),
    ("Ann O'Neil-Smith", "+1 650 253 0000", "ann@example.org", None),
]


@pytest.fixture(params=["sparse", "dense", "dense-few", "dense-some"])
def strategy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A page comes from a fetch of every match, or (many matches) from an in-order
    index range plus the others fetched or walked; with a handful of rows only the
    first would run, so lower the thresholds to force each path in turn."""
    caps = {"sparse": None, "dense": 0, "dense-few": 1, "dense-some": 2}
    cap = caps[request.param]
    if cap is not None:
        monkeypatch.setattr(search, "SPARSE_CAP", cap)
        monkeypatch.setattr(search, "CONTACT_CAP", cap)
        # A contact beginning: past the lookups by id, past the set walk at `cap`.
        monkeypatch.setattr(search, "PREFIX_PROBE_CAP", 0)
        monkeypatch.setattr(search, "PREFIX_CAP", cap)
        if cap:  # and walks that give up at once, so the text index takes over
            monkeypatch.setattr(search, "WALK_BUDGET", cap)
        # PostgreSQL: every source counts as dense, so the longest word is the guess.
        monkeypatch.setattr(search, "PG_COUNT_CAP", cap)
    return str(request.param)


@pytest.fixture
def people(db: Database) -> dict[str, uuid.UUID]:
    out: dict[str, uuid.UUID] = {}
    for name, phone, email, ext in PEOPLE:
        contacts = [("phone", phone)] + ([("email", email)] if email else [])
        out[name] = add_customer(db, name, *contacts, external_id=ext)
    with db.session() as s:
        s.add(Ticket(number=1001, customer_id=out["Phạm Ngọc Quân"], subject="Bảo hành"))
    return out


def names(db: Database, query: str) -> list[str]:
    return [row.name for row in customers.page(db, query)]


NAME_QUERIES = [
    ("nguyen van an", ["Nguyễn Văn An", "Nguyễn Văn Anh", "Trần Văn An Nguyễn"]),
    ("Nguyễn Văn An", ["Nguyễn Văn An", "Nguyễn Văn Anh", "Trần Văn An Nguyễn"]),
    ("NGUYEN  VAN   AN", ["Nguyễn Văn An", "Nguyễn Văn Anh", "Trần Văn An Nguyễn"]),
    ("an nguyen", ["Nguyễn Thị An", "Nguyễn Văn An", "Nguyễn Văn Anh", "Trần Văn An Nguyễn"]),
    ("ng v a", ["Nguyễn Văn An", "Nguyễn Văn Anh", "Trần Văn An Nguyễn"]),
    (
        "nguyen",
        [
            "Ngô Văn Nguyên",
            "Nguyễn Thị An",
            "Nguyễn Văn An",
            "Nguyễn Văn Anh",
            "Trần Văn An Nguyễn",
        ],
    ),
    ("dang thuy", ["Đặng Thùy Linh"]),
    ("linh", ["Đặng Thùy Linh"]),
    ("sao mai", ["Công ty TNHH Sao Mai"]),
    ("o'neil", ["Ann O'Neil-Smith"]),
    ("van xyz", []),
    ("zzz", []),
]


def test_names_without_diacritics_any_order(
    db: Database, people: dict[str, uuid.UUID], strategy: str
) -> None:
    for query, expected in NAME_QUERIES:
        assert names(db, query) == sorted(expected, key=fold), query


PHONE_QUERIES = [
    ("2345678", ["Nguyễn Văn An"]),  # the last digits
    ("0912 345", ["Nguyễn Văn An"]),  # the start, typed nationally
    ("0912", ["Nguyễn Văn An", "Nguyễn Văn Anh"]),
    ("+84 912", ["Nguyễn Văn An", "Nguyễn Văn Anh"]),
    ("3825 1234", ["Lê Văn Anh"]),  # a landline without its area code
    ("04 3825 1234", ["Lê Văn Anh"]),  # Hanoi's old area code
    ("0334567890", ["Đặng Thùy Linh"]),  # stored as 0163 456 7890
    ("0163 456 7890", ["Đặng Thùy Linh"]),
    ("08 3829 1234", ["Công ty TNHH Sao Mai"]),  # HCMC's old area code
    ("650 253", ["Ann O'Neil-Smith"]),
    ("0999 000 000", []),
]


def test_phone_numbers_and_fragments(
    db: Database, people: dict[str, uuid.UUID], strategy: str
) -> None:
    for query, expected in PHONE_QUERIES:
        assert names(db, query) == sorted(expected, key=fold), query


OTHER_QUERIES = [
    ("an.nguyen@example.com", ["Nguyễn Văn An"]),
    ("AN.NGUYEN@EXAMPLE.COM", ["Nguyễn Văn An"]),
    ("le.anh@", ["Lê Văn Anh"]),
    ("ketoan@sao", ["Công ty TNHH Sao Mai"]),
    ("nobody@example.com", []),
    ("KH000123", ["Nguyễn Văn An"]),
    ("kh000124", ["Lê Văn Anh"]),
    ("KH-SM", ["Công ty TNHH Sao Mai"]),
    ("#1001", ["Phạm Ngọc Quân"]),
    ("1001", ["Phạm Ngọc Quân"]),
    ("T-1001", ["Phạm Ngọc Quân"]),
    ("#1002", []),
]


def test_email_external_id_and_ticket(
    db: Database, people: dict[str, uuid.UUID], strategy: str
) -> None:
    for query, expected in OTHER_QUERIES:
        assert names(db, query) == sorted(expected, key=fold), query


def test_merged_customers_leave_the_results(db: Database, people: dict[str, uuid.UUID]) -> None:
    merge.merge(db, people["Nguyễn Văn An"], people["Nguyễn Văn Anh"])
    found = names(db, "nguyen van")
    assert "Nguyễn Văn An" in found and "Nguyễn Văn Anh" not in found
    assert names(db, "0912 777") == ["Nguyễn Văn An"]  # the phone moved with the merge
    merge.merge(db, people["Nguyễn Văn An"], people["Lê Văn Anh"])
    assert names(db, "KH000124") == ["Nguyễn Văn An"]  # the old external id redirects


def test_pages_follow_on_by_key(db: Database, people: dict[str, uuid.UUID], strategy: str) -> None:
    for i in range(30):
        add_customer(db, f"Nguyễn Hữu Phúc {i:02d}", ("phone", f"0988 555 {i:03d}"))
    whole = customers.page(db, "nguyen", limit=500)
    assert len(whole) == 35
    assert [(r.name_key, r.id) for r in whole] == sorted((r.name_key, r.id) for r in whole)
    paged: list[customers.CustomerRow] = []
    after = None
    while True:
        rows = customers.page(db, "nguyen", after=after, limit=4)
        paged += rows
        if len(rows) < 4:
            break
        after = (rows[-1].name_key, rows[-1].id)
    assert [r.id for r in paged] == [r.id for r in whole]


def test_rows_carry_primary_contacts(db: Database, people: dict[str, uuid.UUID]) -> None:
    (row,) = customers.page(db, "le van anh")
    assert row.phone == "024 3825 1234" and row.email == "le.anh@Example.com"
    assert row.external_id == "KH000124"


def test_empty_query_lists_everyone(db: Database, people: dict[str, uuid.UUID]) -> None:
    assert [r.name for r in customers.page(db, "   ")] == sorted((p[0] for p in PEOPLE), key=fold)
    assert search.page_keys(db, "") == []


def test_search_ids(db: Database, people: dict[str, uuid.UUID]) -> None:
    assert search.search(db, "dang thuy linh") == [people["Đặng Thùy Linh"]]


# (PREFIX_PROBE_CAP, PREFIX_CAP): a beginning's customers looked up by id, the name
# index tested against their ids, or the name index walked, each entry probing its own.
PREFIX_PATHS = {"by-id": (10_000, 10_000), "among-ids": (0, 10_000), "probing": (0, 0)}


@pytest.mark.parametrize("path", PREFIX_PATHS)
def test_a_number_or_mailbox_beginning_pages_like_a_plain_scan(
    db: Database, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """However many customers a beginning matches, the pages are those of a plain scan
    of every contact point: same customers, name order, ties by id, no merged ones."""
    probe_cap, cap = PREFIX_PATHS[path]
    monkeypatch.setattr(search, "PREFIX_PROBE_CAP", probe_cap)
    monkeypatch.setattr(search, "PREFIX_CAP", cap)
    given = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Anh", "Phạm Minh", "Đỗ Hùng"]
    for i in range(36):
        name = given[i % len(given)] + ("" if i % 4 == 0 else f" {i % 7}")  # same names too
        contacts = [("phone", f"09{12 + i % 3} {i:03d} {i % 5}00")]
        if i % 6 == 0:
            contacts.append(("phone", f"0912 9{i:02d} 111"))  # a second number, same start
        if i % 3 == 0:
            contacts.append(("email", f"ketoan@cty{i}.vn"))
        add_customer(db, name, *contacts)
    gone = add_customer(db, "Ngô Bảo", ("phone", "0912 000 999"))
    kept = add_customer(db, "Vũ Lan", ("email", "vu.lan@example.com"))
    merge.merge(db, kept, gone)  # the number moves to the customer kept
    left = add_customer(db, "An Bảo", ("phone", "0912 000 998"))
    with db.session() as s:  # merged, but still holding a number with the beginning
        s.get_one(Customer, left).merged_into_id = kept

    def scan(kind: str, start: str) -> list[uuid.UUID]:
        with db.session() as s:
            rows = s.execute(
                select(Customer.name_key, Customer.id)
                .join(ContactPoint, ContactPoint.customer_id == Customer.id)
                .where(
                    Customer.merged_into_id.is_(None),
                    ContactPoint.kind == kind,
                    ContactPoint.value_norm.startswith(start),
                )
            ).all()
        return [cid for _key, cid in sorted(set(rows))]

    for query, kind, start in [
        ("0912", "phone", "+84912"),
        ("+84 913", "phone", "+84913"),
        ("0914", "phone", "+84914"),
        ("0915", "phone", "+84915"),  # nobody
        ("ketoan@", "email", "ketoan@"),
    ]:
        expected = scan(kind, start)
        assert kind == "email" or query == "0915" or len(expected) > 8, query
        paged: list[uuid.UUID] = []
        after = None
        while True:
            keys = search.page_keys(db, query, after, limit=4)
            paged += [cid for _key, cid in keys]
            if len(keys) < 4:
                break
            after = keys[-1]
        assert paged == expected, query
        assert search.search(db, query, limit=3) == expected[:3], query
    assert gone not in scan("phone", "+84912") and kept in scan("phone", "+84912")
    assert left not in scan("phone", "+84912")
