"""Routing rules, table-driven, including Vietnamese text with and without diacritics."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.errors import UserError
from app.routing import Facts, Rule, decide, dump_rules, load_rules, validate

RULES = [
    Rule("VIP first", {"tiers": ["vip"]}, {"priority": "high", "tags": ["vip"]}, 5),
    Rule(
        "Delivery",
        {"categories": ["delivery"], "keywords": ["giao hang", "shipper", "late delivery"]},
        {"department": "DELIVERY", "sla_policy": "24 hours", "assign": "round_robin"},
        10,
    ),
    Rule(
        "Quality",
        {"categories": ["quality"], "keywords": ["hong", "loi", "broken", "defect"]},
        {"department": "QUALITY", "sla_policy": "24 hours"},
        20,
    ),
    Rule(
        "Payment",
        {"categories": ["payment"], "keywords": ["hoan tien", "vi dien tu", "momo", "refund"]},
        {"department": "BILLING", "sla_policy": "24 hours"},
        30,
    ),
    Rule(
        "Supplier product",
        {"categories": ["supplier_product"], "suppliers": ["*"]},
        {"department": "@supplier", "sla_policy": "3 business days"},
        40,
    ),
    Rule(
        "Night email",
        {"channels": ["email"], "hours": {"from": "22:00", "to": "06:00"}},
        {"department": "NIGHT"},
        50,
    ),
    Rule("Catch-all", {}, {"department": "CARE", "sla_policy": "48 hours"}, 100),
]
NOON = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # 12:00 in Ho Chi Minh City


@pytest.mark.parametrize(
    ("facts", "department", "rule", "priority"),
    [
        (Facts(category="delivery"), "DELIVERY", "Delivery", "normal"),
        (Facts(text="Giao hàng trễ 3 ngày rồi"), "DELIVERY", "Delivery", "normal"),
        (Facts(text="giao hang tre 3 ngay"), "DELIVERY", "Delivery", "normal"),
        (Facts(text="GIAO HÀNG chậm"), "DELIVERY", "Delivery", "normal"),
        (Facts(text="Sản phẩm bị hỏng khi mở hộp"), "QUALITY", "Quality", "normal"),
        (Facts(text="The kettle arrived broken"), "QUALITY", "Quality", "normal"),
        (Facts(text="Tôi muốn hoàn tiền qua ví điện tử MoMo"), "BILLING", "Payment", "normal"),
        (Facts(text="please refund me"), "BILLING", "Payment", "normal"),
        # An agent's category beats words in the text.
        (Facts(category="payment", text="giao hàng"), "BILLING", "Payment", "normal"),
        # Keywords only help when no category was chosen.
        (Facts(category="other", text="giao hàng"), "CARE", "Catch-all", "normal"),
        # "hong" must be a word, not part of "không".
        (Facts(text="tôi không hài lòng"), "CARE", "Catch-all", "normal"),
        (
            Facts(category="supplier_product", supplier="SUP_SAOMAI"),
            "SUP_SAOMAI",
            "Supplier product",
            "normal",
        ),
        # A supplier rule without a supplier falls through.
        (Facts(category="supplier_product"), "CARE", "Catch-all", "normal"),
        (Facts(tier="vip", category="delivery"), "DELIVERY", "Delivery", "high"),
        (Facts(tier="vip"), "CARE", "Catch-all", "high"),
        (
            Facts(channel="email", at=datetime(2026, 11, 23, 16, 0, tzinfo=UTC)),
            "NIGHT",
            "Night email",
            "normal",
        ),  # 23:00 local
        (Facts(channel="email", at=NOON), "CARE", "Catch-all", "normal"),
        (Facts(), "CARE", "Catch-all", "normal"),
        # Subcategory under a listed category.
        (
            Facts(subcategory="delivery.late", category_parents=("delivery",)),
            "DELIVERY",
            "Delivery",
            "normal",
        ),
    ],
)
def test_first_match_wins(facts: Facts, department: str, rule: str, priority: str) -> None:
    d = decide(RULES, facts)
    assert (d.department, d.rule, d.priority) == (department, rule, priority)
    assert d.reasons


def test_modifier_tags_and_policy() -> None:
    d = decide(RULES, Facts(tier="vip", category="delivery"))
    assert d.tags == ["vip"] and d.modifiers == ["VIP first"]
    assert d.sla_policy == "24 hours" and d.assign == "round_robin"


def test_disabled_rules_are_skipped() -> None:
    rules = [Rule(r.name, r.conditions, r.actions, r.position, r.name != "Delivery") for r in RULES]
    assert decide(rules, Facts(category="delivery")).department == "CARE"


def test_validate_accepts_the_set_and_rejects_bad_ones() -> None:
    deps = ["DELIVERY", "QUALITY", "BILLING", "CARE", "NIGHT"]
    pols = ["24 hours", "48 hours", "3 business days"]
    validate(RULES, deps, pols)
    with pytest.raises(UserError, match="catch-all"):
        validate(RULES[:-1], deps, pols)
    with pytest.raises(UserError, match="no department"):
        validate([Rule("x", {}, {"department": "NOPE"})], deps, pols)
    with pytest.raises(UserError, match="unknown condition"):
        validate([Rule("x", {"colour": ["red"]}, {"department": "CARE"})], deps, pols)
    with pytest.raises(UserError, match="no SLA policy"):
        validate([Rule("x", {}, {"department": "CARE", "sla_policy": "1 year"})], deps, pols)


def test_rules_file_round_trip() -> None:
    again = load_rules(dump_rules(RULES))
    assert [(r.name, dict(r.conditions), dict(r.actions)) for r in again] == [
        (r.name, dict(r.conditions), dict(r.actions)) for r in RULES
    ]
    with pytest.raises(UserError, match="not a CallDesk routing rules file"):
        load_rules("{}")
