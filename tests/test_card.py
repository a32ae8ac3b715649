"""The screen-pop card's data: one call gathers what an agent needs while the phone rings."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from app import card, merge, rfm
from app.queues import SlaState
from db.engine import Database
from tests.pop_fixtures import NOW, call, customer, interaction, orders, ticket


def test_card_of_a_customer_with_a_complaint_two_days_overdue(db: Database) -> None:
    org = customer(db, "Công ty TNHH Sao Việt", phones=["028 3930 1122"], kind="organization")
    an = customer(
        db,
        "Nguyễn Văn An",
        phones=["0912 345 678", "0903 111 222"],
        emails=["an@example.vn"],
        tier="gold",
        vip=True,
        organization_id=org,
        warning="Hay đổi ý",
        notes="Gọi sau 17:00",
    )
    orders(db, an, [(3, 6_490_000), (41, 2_790_000), (118, 12_990_000)], product="Máy lọc")
    ticket(
        db,
        an,
        1042,
        kind="complaint",
        due=NOW - timedelta(days=2, hours=3),
        subject="Giao hàng trễ",
    )
    ticket(db, an, 1057, kind="request", status="pending_customer", due=NOW + timedelta(days=1))
    ticket(db, an, 1001, kind="inquiry", status="resolved")
    interaction(db, an, "phone", NOW - timedelta(hours=5), "Hỏi tiến độ khiếu nại")
    interaction(db, an, "phone", NOW - timedelta(days=3), "Cuộc gọi cũ")
    interaction(db, an, "zalo", NOW - timedelta(days=1), "Gửi ảnh hộp móp")
    interaction(db, an, "email", NOW - timedelta(days=6), "Xin hoá đơn VAT")

    d = card.build(db, an, now=NOW)
    assert d is not None
    assert (d.id, d.name, d.tier, d.vip) == (an, "Nguyễn Văn An", "gold", True)
    assert d.warning == "Hay đổi ý" and d.notes == "Gọi sau 17:00"
    assert d.phones[0] == "0912 345 678" and set(d.phones) == {"0912 345 678", "0903 111 222"}
    assert d.emails == ["an@example.vn"]
    assert d.organisation is not None and d.organisation.name == "Công ty TNHH Sao Việt"
    assert d.organisation.phone == "028 3930 1122"
    assert d.order_count == 3 and d.lifetime_value == Decimal(22_270_000)
    assert d.last_order_at == NOW - timedelta(days=3) and d.last_product == "Máy lọc"

    assert [t.number for t in d.open_tickets] == [1042, 1057]  # resolved is not open
    complaint = d.complaints[0]
    assert complaint.sla == SlaState.OVERDUE and complaint.display_number == "T-001042"
    assert complaint.overdue_by is not None and complaint.overdue_by.days == 2
    assert d.open_tickets[1].sla == SlaState.PAUSED

    assert [(c.channel, c.count) for c in d.channels] == [("phone", 2), ("zalo", 1), ("email", 1)]
    assert d.channels[0].summary == "Hỏi tiến độ khiếu nại"


def test_organisation_card_lists_its_people(db: Database) -> None:
    org = customer(db, "Siêu thị Phương Nam", kind="organization")
    for i in range(8):
        customer(db, f"Nhân viên {i}", phones=[f"0912 000 10{i}"], organization_id=org)
    d = card.build(db, org, now=NOW)
    assert d is not None and d.is_organisation
    assert d.member_count == 8 and len(d.members) == card.MAX_MEMBERS
    assert d.members[0].name == "Nhân viên 0" and d.members[0].phone == "0912 000 100"


def test_card_follows_a_merge_and_scores_rfm_from_cached_cutoffs(db: Database) -> None:
    keep = customer(db, "Trần Thị Hoa", phones=["0903 111 222"])
    gone = customer(db, "Tran Thi Hoa", phones=["0987 654 321"])
    orders(db, gone, [(2, 5_000_000)])
    for i in range(9):
        other = customer(db, f"Khách {i}")
        orders(db, other, [(200 + i, 100_000)])
    merge.merge(db, keep, gone)

    rfm.forget(db)
    d = card.build(db, gone, now=NOW)
    assert d is not None and d.id == keep and d.requested_id == gone
    assert d.order_count == 1 and d.rfm is None  # no cut-offs cached yet: no segment
    d.rescore(rfm.refresh(db))
    assert d.rfm is not None and d.rfm.recency == 5 and d.rfm.segment == rfm.Segment.NEW
    again = card.build(db, keep, now=NOW)
    assert again is not None and again.rfm == d.rfm


def test_for_caller_ranks_a_shared_number_by_recent_activity(db: Database) -> None:
    mother = customer(db, "Lê Thị Mai", phones=["0912 345 678"])
    son = customer(db, "Lê Văn Nam", phones=["+84 912 345 678"])
    call(db, mother, "c-old", NOW - timedelta(days=30))
    interaction(db, son, "phone", NOW - timedelta(days=1))
    found = card.for_caller(db, "0912.345.678")
    assert found.normalized == "+84912345678"
    assert [m.customer_id for m in found.matches] == [son, mother]
    assert found.card is not None and found.card.id == son
    assert found.lookup_ms >= 0 and found.card_ms >= 0

    nobody = card.for_caller(db, "0977 000 111")
    assert nobody.matches == [] and nobody.card is None
    withheld = card.for_caller(db, "anonymous")
    assert withheld.normalized is None and withheld.card is None


def test_summaries_keep_the_order_asked(db: Database) -> None:
    a = customer(db, "An", phones=["0912 345 678"])
    b = customer(db, "Bình")
    rows = card.summaries(db, [b, a])
    assert [r.name for r in rows] == ["Bình", "An"]
    assert rows[1].phone == "0912 345 678" and rows[0].phone is None
    assert card.summaries(db, []) == []
