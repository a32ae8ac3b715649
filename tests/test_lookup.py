"""Screen-pop identification on both engines: every owner, best first, through merges,
by phone, email or handle; and the `calldesk lookup` contract."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app import lookup, merge
from app.cli.main import main
from app.text import fold
from db.engine import Database
from db.models import Call, ContactPoint, Customer, Interaction, Order, Ticket

NOW = datetime.now(UTC)


def add_customer(
    db: Database,
    name: str,
    *contacts: tuple[str, str],
    external_id: str | None = None,
    tier: str = "standard",
    kind: str = "person",
) -> uuid.UUID:
    with db.session() as s:
        c = Customer(name=name, name_key=fold(name), external_id=external_id, tier=tier, kind=kind)
        s.add(c)
        s.flush()
        for i, (ckind, raw) in enumerate(contacts):
            keys = lookup.contact_keys(ckind, raw)
            assert keys is not None, raw
            s.add(
                ContactPoint(
                    customer_id=c.id,
                    kind=ckind,
                    value_raw=raw,
                    value_norm=keys[0],
                    match_key=keys[1],
                    is_primary=i == 0,
                )
            )
        return c.id


def ids(result: lookup.LookupResult) -> list[uuid.UUID]:
    return [m.customer_id for m in result.matches]


def test_shared_number_returns_every_owner_most_recent_first(db: Database) -> None:
    mother = add_customer(db, "Nguyễn Thị Mai", ("phone", "0912 345 678"))
    father = add_customer(db, "Trần Văn Hùng", ("phone", "+84 912-345-678"))
    son = add_customer(db, "Trần Minh Khoa", ("phone", "84912345678"))
    idle = add_customer(db, "Trần Thị Nga", ("phone", "0912.345.678"))
    with db.session() as s:
        s.add(Order(customer_id=mother, ordered_at=NOW - timedelta(days=3),
                    amount=Decimal(100000), product="Nồi cơm"))  # fmt: skip
        s.add(Interaction(customer_id=father, channel="phone", started_at=NOW - timedelta(days=10)))
        s.add(Call(call_ref="c-1", offered_at=NOW - timedelta(hours=2), customer_id=son))
        day_ago = NOW - timedelta(days=1)
        s.add(Ticket(number=1, customer_id=father, subject="Giao hàng trễ",
                     created_at=day_ago, updated_at=day_ago))  # fmt: skip
    result = lookup.lookup(db, "0912345678")
    assert result.normalized == "+84912345678"
    assert ids(result) == [son, father, mother, idle]
    assert {m.matched_on for m in result.matches} == {"e164"}
    assert result.matches[0].last_activity is not None
    assert result.matches[-1].last_activity is None
    assert result.best is not None and result.best.customer_id == son


def test_merged_customer_redirects_to_the_kept_one(db: Database) -> None:
    kept = add_customer(db, "Lê Văn An", ("phone", "0903 111 222"), external_id="KH1")
    dup = add_customer(db, "Le Van An", ("phone", "0903111222"), ("email", "an@example.com"))
    assert set(ids(lookup.lookup(db, "0903 111 222"))) == {kept, dup}
    merge.merge(db, kept, dup)
    assert ids(lookup.lookup(db, "0903 111 222")) == [kept]
    assert ids(lookup.lookup(db, "AN@example.com")) == [kept]


def test_redirect_left_on_a_contact_point_is_followed_and_deduped(db: Database) -> None:
    """A contact point still attached to a merged record (data from before merges moved
    contacts) resolves to the kept customer, once."""
    kept = add_customer(db, "Phạm Thu Hà", ("phone", "0977 000 111"))
    old = add_customer(db, "Pham Thu Ha", ("phone", "0977000111"))
    older = add_customer(db, "P. T. Ha", ("phone", "0977 000 111"))
    with db.session() as s:
        s.get_one(Customer, old).merged_into_id = kept
        s.get_one(Customer, older).merged_into_id = old  # a chain, two hops
    result = lookup.lookup(db, "0977000111")
    assert ids(result) == [kept]


def test_a_lone_candidate_reads_its_activity_on_request(db: Database) -> None:
    c = add_customer(db, "Võ Thanh Tùng", ("phone", "0933 444 555"))
    with db.session() as s:
        s.add(Interaction(customer_id=c, channel="phone", started_at=NOW - timedelta(days=2)))
    (fast,) = lookup.lookup(db, "0933444555").matches
    assert fast.customer_id == c and fast.last_activity is None  # nothing to rank
    (full,) = lookup.lookup(db, "0933444555", with_activity=True).matches
    assert full.last_activity is not None
    assert abs(full.last_activity - (NOW - timedelta(days=2))) < timedelta(seconds=1)


def test_emails_match_case_insensitively(db: Database) -> None:
    c = add_customer(db, "Đỗ Mỹ Duyên", ("email", "Duyen.Do@Example.COM"))
    for value in ("duyen.do@example.com", "DUYEN.DO@EXAMPLE.COM", " mailto:Duyen.Do@example.com "):
        result = lookup.lookup(db, value)
        assert result.normalized == "duyen.do@example.com"
        assert ids(result) == [c]
        assert result.matches[0].matched_on == "email"
    assert lookup.lookup(db, "other@example.com").matches == []


def test_handles_per_kind_and_bare(db: Database) -> None:
    zalo = add_customer(db, "Ngô Gia Bảo", ("zalo", "bao.ngo"))
    fb = add_customer(db, "Huỳnh Kim Ngân", ("facebook", "https://www.facebook.com/Kim.Ngan"))
    acc = add_customer(db, "Vũ Hoài Thương", ("account", "@thuong_vu"))
    zalo_phone = add_customer(db, "Phan Văn Khoa", ("zalo", "0988 123 456"))
    assert ids(lookup.lookup(db, "zalo:bao.ngo")) == [zalo]
    assert lookup.lookup(db, "zalo:bao.ngo").normalized == "zalo:bao.ngo"
    assert ids(lookup.lookup(db, "fb:kim.ngan")) == [fb]
    assert ids(lookup.lookup(db, "facebook:@Kim.Ngan")) == [fb]
    assert ids(lookup.lookup(db, "kim.ngan")) == [fb]  # bare: facebook, zalo or account
    assert ids(lookup.lookup(db, "thuong_vu")) == [acc]
    assert ids(lookup.lookup(db, "zalo:+84988123456")) == [zalo_phone]
    assert lookup.lookup(db, "fb:bao.ngo").matches == []  # right handle, wrong network
    assert {m.matched_on for m in lookup.lookup(db, "bao.ngo").matches} == {"handle"}


def test_local_number_matches_only_a_consistent_area_code(db: Database) -> None:
    shop = add_customer(db, "Tiệm may Hồng", ("phone", "3825 1234"))  # no area code
    hanoi = add_customer(db, "Văn phòng Hà Nội", ("phone", "024 3826 5555"))
    hcmc = add_customer(db, "Văn phòng Sài Gòn", ("phone", "028 3826 5555"))
    # The stored local number is consistent with Hanoi and with HCMC callers...
    for caller in ("024 3825 1234", "028 3825 1234", "+84 28 3825 1234", "04 3825 1234"):
        result = lookup.lookup(db, caller)
        assert ids(result) == [shop], caller
        assert result.matches[0].matched_on == "suffix"
    # ...but not with a number whose subscriber part differs, nor with a mobile.
    assert lookup.lookup(db, "024 3825 1235").matches == []
    assert lookup.lookup(db, "0938 251 234").matches == []
    assert lookup.lookup(db, "0236 825 1234").matches == []  # Đà Nẵng: 7-digit subscribers
    # A caller delivered without an area code finds every line it can be.
    assert set(ids(lookup.lookup(db, "3826 5555"))) == {hanoi, hcmc}
    # Full numbers never match by suffix, even with the same last eight digits.
    assert ids(lookup.lookup(db, "024 3826 5555")) == [hanoi]


def test_exact_match_wins_over_weaker_readings(db: Database) -> None:
    landline = add_customer(db, "Cửa hàng Q1", ("phone", "028 3829 1234"))
    assert ids(lookup.lookup(db, "08 3829 1234")) == [landline]  # old HCMC form
    mobile = add_customer(db, "Chủ thuê bao 083", ("phone", "083 829 1234"))
    # Now the same digits are a mobile number on file: the exact owner wins.
    assert ids(lookup.lookup(db, "0838291234")) == [mobile]
    assert ids(lookup.lookup(db, "028 3829 1234")) == [landline]


@pytest.mark.parametrize("value", ["", "anonymous", "Restricted", "+", "0", "private", "x y"])
def test_unknown_callers_get_an_empty_answer(db: Database, value: str) -> None:
    add_customer(db, "Someone", ("phone", "0912345678"))
    result = lookup.lookup(db, value)
    assert result.normalized is None and result.matches == []
    assert result.to_json() == {"query": value, "normalized": None, "matches": []}


def test_cli_json_shape(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(db_url)
    c = add_customer(db, "Bùi Quang Vinh", ("phone", "0905 222 333"), external_id="KH77",
                     tier="gold")  # fmt: skip
    db.dispose()
    assert main(["lookup", "+84 905-222-333", "--db", db_url, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "query": "+84 905-222-333",
        "normalized": "+84905222333",
        "matches": [
            {
                "customer_id": str(c),
                "external_id": "KH77",
                "name": "Bùi Quang Vinh",
                "kind": "person",
                "tier": "gold",
                "matched_on": "e164",
            }
        ],
    }
    for value in ("0999 999 999", "anonymous", ""):
        assert main(["lookup", value, "--db", db_url, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert list(out) == ["query", "normalized", "matches"] and out["matches"] == []


def test_cli_readable_output(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(db_url)
    add_customer(db, "Đặng Thùy Linh", ("phone", "0912 000 111"), external_id="KH9")
    db.dispose()
    assert main(["lookup", "0912000111", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "+84912000111" in out and "Đặng Thùy Linh" in out and "KH9" in out
    assert main(["lookup", "withheld", "--db", db_url]) == 0
    assert "unknown caller" in capsys.readouterr().out


def test_lookup_survives_a_dropped_connection(db: Database) -> None:
    """The per-thread lookup connection is re-made when the pool is disposed."""
    c = add_customer(db, "Hồ Văn Tư", ("phone", "0911 222 333"))
    assert ids(lookup.lookup(db, "0911222333")) == [c]
    db.engine.dispose()
    assert ids(lookup.lookup(db, "0911222333")) == [c]
    lookup.close(db)
    assert ids(lookup.lookup(db, "0911222333")) == [c]
