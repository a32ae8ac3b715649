"""Merging duplicate customers keeps every piece of history, leaves a redirect behind,
and is recorded; finding the duplicates in the first place."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app import customers, lookup, merge
from app.errors import UserError
from db.engine import Database
from db.models import AuditLog, Call, ContactPoint, Customer, Interaction, Order, Ticket, User
from tests.test_lookup import add_customer

NOW = datetime.now(UTC)


def _history(db: Database, customer_id: uuid.UUID, tag: str, ticket_number: int) -> None:
    with db.session() as s:
        s.add(Order(customer_id=customer_id, ordered_at=NOW - timedelta(days=5),
                    amount=Decimal(250000), product=f"Ấm siêu tốc {tag}"))  # fmt: skip
        s.add(Interaction(customer_id=customer_id, channel="phone", started_at=NOW,
                          summary=f"Gọi hỏi {tag}"))  # fmt: skip
        s.add(Ticket(number=ticket_number, customer_id=customer_id, subject=f"Khiếu nại {tag}"))
        s.add(Call(call_ref=f"call-{tag}", offered_at=NOW, customer_id=customer_id))


def _count(db: Database, model: type, customer_id: uuid.UUID) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count()).select_from(model).where(model.customer_id == customer_id)  # type: ignore[attr-defined]
            )
            or 0
        )


def test_merge_moves_everything_and_leaves_a_redirect(db: Database) -> None:
    keep = add_customer(db, "Nguyễn Văn An", ("phone", "0912 345 678"),
                        ("email", "an@example.com"), external_id="KH1")  # fmt: skip
    dup = add_customer(db, "Nguyen Van An", ("phone", "0912345678"), ("phone", "0903 000 111"),
                       ("email", "an.nguyen@work.vn"), external_id="KH2")  # fmt: skip
    _history(db, keep, "keep", 1)
    _history(db, dup, "dup", 2)
    with db.session() as s:
        versions = {c.id: c.version for c in s.scalars(select(Customer))}
        dup_contact_versions = {
            cp.id: cp.version
            for cp in s.scalars(select(ContactPoint).where(ContactPoint.customer_id == dup))
        }
        ticket_version = s.scalar(select(Ticket.version).where(Ticket.number == 2))
        actor = User(username="sup", display_name="Supervisor", password_hash="x")
        s.add(actor)
        s.flush()
        actor_id = actor.id

    report = merge.merge(db, keep, dup, actor_id=actor_id)

    assert report.moved == {
        "contact_points": 2,
        "orders": 1,
        "interactions": 1,
        "tickets": 1,
        "calls": 1,
        "organization_members": 0,
    }
    assert report.duplicate_contacts_dropped == 1
    for model, n in ((Order, 2), (Interaction, 2), (Ticket, 2), (Call, 2)):
        assert _count(db, model, keep) == n
        assert _count(db, model, dup) == 0
    with db.session() as s:
        contacts = s.scalars(select(ContactPoint).where(ContactPoint.customer_id == keep)).all()
        assert sorted(cp.value_norm for cp in contacts) == [
            "+84903000111", "+84912345678", "an.nguyen@work.vn", "an@example.com",
        ]  # fmt: skip
        assert sum(cp.is_primary for cp in contacts if cp.kind == "phone") <= 1
        moved = [cp for cp in contacts if cp.id in dup_contact_versions]
        assert moved and all(cp.version > dup_contact_versions[cp.id] for cp in moved)
        assert s.scalar(select(Ticket.version).where(Ticket.number == 2)) == ticket_version + 1
        kept, gone = s.get_one(Customer, keep), s.get_one(Customer, dup)
        assert gone.merged_into_id == keep and kept.merged_into_id is None
        assert kept.version > versions[keep] and gone.version > versions[dup]
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "merge")).one()
        assert audit.entity == "customer" and audit.entity_id == str(keep)
        assert audit.user_id == actor_id
        assert audit.detail["kept_id"] == str(keep) and audit.detail["merged_id"] == str(dup)
        assert audit.detail["moved"]["tickets"] == 1
        assert audit.detail["duplicate_contacts_dropped"] == 1

    # The redirect: lookup, detail and search lead to the kept customer.
    assert [m.customer_id for m in lookup.lookup(db, "0903 000 111").matches] == [keep]
    assert [m.customer_id for m in lookup.lookup(db, "0912345678").matches] == [keep]
    card = customers.detail(db, dup)
    assert card is not None and card.id == keep
    assert card.order_count == 2 and len(card.interactions) == 2 and len(card.open_tickets) == 2
    assert [r.id for r in customers.page(db, "KH2")] == [keep]
    assert customers.count(db) == 1


def test_merge_inherits_standing_and_notes(db: Database) -> None:
    keep = add_customer(db, "Trần Thị Bình", ("phone", "0977 111 222"), tier="silver")
    dup = add_customer(db, "Tran Thi Binh", ("phone", "0977 111 333"), tier="gold")
    with db.session() as s:
        s.get_one(Customer, dup).warning = "Khách đang khiếu nại"
        s.get_one(Customer, dup).vip = True
    merge.merge(db, keep, dup)
    with db.session() as s:
        kept = s.get_one(Customer, keep)
        assert kept.tier == "gold" and kept.vip and kept.warning == "Khách đang khiếu nại"


def test_chains_are_flattened(db: Database) -> None:
    a = add_customer(db, "Lê Văn C", ("phone", "0911 000 001"))
    b = add_customer(db, "Le Van C", ("phone", "0911 000 002"))
    c = add_customer(db, "L. V. C", ("phone", "0911 000 003"))
    merge.merge(db, b, c)  # c -> b
    report = merge.merge(db, a, b)  # b -> a, and c's redirect now points at a
    assert report.redirects_repointed == 1
    with db.session() as s:
        assert s.get_one(Customer, c).merged_into_id == a
    for number in ("0911000001", "0911000002", "0911000003"):
        assert [m.customer_id for m in lookup.lookup(db, number).matches] == [a]
    card = customers.detail(db, c)
    assert card is not None and card.id == a


def test_bad_merges_are_refused_and_change_nothing(db: Database) -> None:
    a = add_customer(db, "Phạm A", ("phone", "0922 000 001"))
    b = add_customer(db, "Phạm B", ("phone", "0922 000 002"))
    with pytest.raises(UserError, match="itself"):
        merge.merge(db, a, a)
    with pytest.raises(UserError, match="no customer"):
        merge.merge(db, a, uuid.uuid4())
    merge.merge(db, a, b)
    with pytest.raises(UserError, match="already merged"):
        merge.merge(db, a, b)
    with pytest.raises(UserError, match="itself merged"):
        merge.merge(db, b, a)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 1


def test_duplicates_with_their_reasons(db: Database) -> None:
    an = add_customer(db, "Nguyễn Văn An", ("phone", "0912 345 678"), ("email", "an@x.vn"))
    same_phone = add_customer(db, "Nguyễn Thị Hoa", ("phone", "+84912345678"))
    same_email = add_customer(db, "A. Nguyen", ("email", "AN@x.vn"))
    swapped = add_customer(db, "Văn An Nguyễn", ("phone", "0988 000 000"))
    add_customer(db, "Nguyễn Văn Anh", ("phone", "0988 000 001"))  # not the same name

    found = {d.customer_ids[1]: d for d in merge.duplicates_of(db, an)}
    assert set(found) == {same_phone, same_email, swapped}
    assert found[same_phone].reason == "phone" and found[same_phone].value == "+84912345678"
    assert found[same_email].reason == "email"
    assert found[swapped].reason == "name"

    groups = merge.duplicate_groups(db)
    reasons = {(g.reason, g.value): set(g.customer_ids) for g in groups}
    assert reasons[("phone", "+84912345678")] == {an, same_phone}
    assert reasons[("email", "an@x.vn")] == {an, same_email}

    merge.merge(db, an, same_phone)
    assert same_phone not in {d.customer_ids[1] for d in merge.duplicates_of(db, an)}
