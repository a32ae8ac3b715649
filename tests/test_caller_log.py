"""The caller log: every pop is a calls row, idempotent on its reference; unknown callers
become customers (new, or a number attached) and are recognised on the next ring."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import caller_log, lookup
from app.errors import UserError
from db.engine import Database
from db.models import Call, ContactPoint
from tests.pop_fixtures import NOW, customer


def _calls(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Call)) or 0)


def test_record_is_idempotent_and_fills_the_customer_later(db: Database) -> None:
    an = customer(db, "Nguyễn Văn An", phones=["0912 345 678"])
    first = caller_log.record_call(db, "sip-42", "0912 345 678", None, NOW)
    assert first.customer_id is None and first.direction == "inbound"
    again = caller_log.record_call(db, "sip-42", "0912 345 678", an, NOW + timedelta(seconds=3))
    assert _calls(db) == 1
    assert (
        again.id == first.id and again.customer_id == an and again.customer_name == "Nguyễn Văn An"
    )
    assert again.offered_at == NOW  # the first record wins
    with db.session() as s:
        row = s.scalar(select(Call).where(Call.call_ref == "sip-42"))
        assert row is not None and row.queue is None and row.caller == "0912 345 678"
    with pytest.raises(UserError):
        caller_log.record_call(db, " ", "1", None)
    assert caller_log.new_call_ref() != caller_log.new_call_ref()


def test_recent_calls_page_newest_first(db: Database) -> None:
    for i in range(25):
        caller_log.record_call(
            db, f"c{i:02d}", f"0912 000 {i:03d}", None, NOW + timedelta(minutes=i)
        )
    page1 = caller_log.recent_calls(db, limit=10)
    assert [r.call_ref for r in page1][:3] == ["c24", "c23", "c22"]
    page2 = caller_log.recent_calls(db, caller_log.page_key(page1[-1]), limit=10)
    page3 = caller_log.recent_calls(db, caller_log.page_key(page2[-1]), limit=10)
    refs = [r.call_ref for r in page1 + page2 + page3]
    assert len(refs) == 25 and len(set(refs)) == 25 and refs[-1] == "c00"


def test_create_customer_from_an_unknown_call_is_found_next_time(db: Database) -> None:
    caller_log.record_call(db, "ring-1", "0977.246.810", None, NOW)
    cid = caller_log.create_customer(db, "Võ Thị Nhung", "0977.246.810", call_ref="ring-1")
    with db.session() as s:
        cp = s.scalar(select(ContactPoint).where(ContactPoint.customer_id == cid))
        assert cp is not None
        assert (cp.kind, cp.value_raw, cp.value_norm, cp.match_key, cp.is_primary) == (
            "phone",
            "0977.246.810",
            "+84977246810",
            "977246810",
            True,
        )
    assert [m.customer_id for m in lookup.lookup(db, "+84 977 246 810").matches] == [cid]
    assert caller_log.recent_calls(db)[0].customer_id == cid
    # Replayed (same id): nothing doubles.
    assert caller_log.create_customer(db, "Võ Thị Nhung", "0977246810", customer_id=cid) == cid
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ContactPoint)) == 1
    withheld = caller_log.create_customer(db, "Khách giấu số", "anonymous")
    with db.session() as s:
        assert s.scalar(select(func.count()).where(ContactPoint.customer_id == withheld)) == 0
    with pytest.raises(UserError):
        caller_log.create_customer(db, "  ", "0977 246 810")


def test_attach_number_to_an_existing_customer(db: Database) -> None:
    hoa = customer(db, "Trần Thị Hoa", phones=["0903 111 222"])
    got = caller_log.attach_number(db, hoa, "028 3823 4567", call_ref="ring-2")
    assert got == hoa
    assert caller_log.attach_number(db, hoa, "+842838234567") == hoa  # already there
    with db.session() as s:
        cps = s.scalars(select(ContactPoint).where(ContactPoint.customer_id == hoa)).all()
        assert sorted(cp.value_norm for cp in cps) == ["+842838234567", "+84903111222"]
        assert [cp.is_primary for cp in cps if cp.value_norm == "+842838234567"] == [False]
    assert [m.customer_id for m in lookup.lookup(db, "02838234567").matches] == [hoa]
    assert caller_log.recent_calls(db)[0].customer_id == hoa
    with pytest.raises(UserError):
        caller_log.attach_number(db, hoa, "anonymous")


def test_assign_a_logged_unknown_caller(db: Database) -> None:
    binh = customer(db, "Lê Văn Bình")
    caller_log.record_call(db, "r1", "0934 567 890", None, NOW)
    caller_log.record_call(db, "r2", "0934 567 890", None, NOW + timedelta(hours=1))
    caller_log.record_call(db, "r3", "anonymous", None, NOW + timedelta(hours=2))
    rows = {r.call_ref: r for r in caller_log.recent_calls(db)}
    assert caller_log.assign_caller(db, rows["r1"].id, binh) == 2
    after = {r.call_ref: r for r in caller_log.recent_calls(db)}
    assert after["r1"].customer_id == binh and after["r2"].customer_name == "Lê Văn Bình"
    assert [m.customer_id for m in lookup.lookup(db, "0934567890").matches] == [binh]
    with pytest.raises(UserError, match="withheld"):
        caller_log.assign_caller(db, rows["r3"].id, binh)


def test_contact_for_reads_emails_and_handles() -> None:
    email = caller_log.contact_for("An@Example.VN")
    assert (email.kind, email.value_norm) == ("email", "an@example.vn")
    zalo = caller_log.contact_for("zalo:0912345678")
    assert (zalo.kind, zalo.value_norm) == ("zalo", "+84912345678")
    local = caller_log.contact_for("3825 1234")
    assert (local.kind, local.value_norm, local.match_key) == ("phone", "38251234", "38251234")
    with pytest.raises(UserError):
        caller_log.contact_for("12")
