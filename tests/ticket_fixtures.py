"""Minimal reference data for ticket tests (departments, calendar, SLA, categories, rules)."""

from __future__ import annotations

from db.engine import Database
from db.models import (
    BusinessCalendar,
    Category,
    Customer,
    Department,
    RoutingRule,
    SlaPolicy,
)

WEEK = {str(d): [["08:00", "12:00"], ["13:30", "17:30"]] for d in range(5)}


def reference(db: Database) -> None:
    with db.session() as s:
        for code, name, kind in [
            ("CARE", "Customer care", "internal"),
            ("DELIVERY", "Delivery", "internal"),
            ("QUALITY", "Quality", "internal"),
            ("BILLING", "Billing", "internal"),
            ("SUP_SAOMAI", "Supplier: Sao Mai Foods", "supplier"),
        ]:
            s.add(Department(code=code, name=name, kind=kind))
        cal = BusinessCalendar(
            name="Vietnam", timezone="Asia/Ho_Chi_Minh", hours=WEEK, holidays=["2026-12-31"]
        )
        s.add(cal)
        s.flush()
        for name, fr, res in [("24 hours", 60, 24 * 60), ("48 hours", 120, 48 * 60)]:
            s.add(
                SlaPolicy(
                    name=name,
                    first_response_minutes=fr,
                    resolution_minutes=res,
                    calendar_id=cal.id,
                    actions={"notify": ["supervisor"]},
                )
            )
        s.add(
            SlaPolicy(
                name="3 business days",
                first_response_minutes=240,
                resolution_minutes=3 * 8 * 60,
                calendar_id=cal.id,
            )
        )
        delivery = Category(code="delivery", name="Delivery")
        s.add_all(
            [
                delivery,
                Category(code="quality", name="Product quality"),
                Category(code="supplier_product", name="Supplier product"),
                Category(code="other", name="Other"),
            ]
        )
        s.flush()
        s.add(Category(code="delivery.late", name="Late", parent_id=delivery.id))
        rules = [
            ("VIP", {"tiers": ["vip"]}, {"priority": "high"}),
            (
                "Delivery",
                {"categories": ["delivery"], "keywords": ["giao hang", "late"]},
                {"department": "DELIVERY", "sla_policy": "24 hours", "assign": "least_loaded"},
            ),
            (
                "Quality",
                {"categories": ["quality"], "keywords": ["hong", "broken"]},
                {"department": "QUALITY", "sla_policy": "24 hours"},
            ),
            (
                "Supplier",
                {"categories": ["supplier_product"], "suppliers": ["*"]},
                {"department": "@supplier", "sla_policy": "3 business days"},
            ),
            ("Catch-all", {}, {"department": "CARE", "sla_policy": "48 hours"}),
        ]
        for i, (name, cond, act) in enumerate(rules):
            s.add(RoutingRule(position=(i + 1) * 10, name=name, conditions=cond, actions=act))
        s.add(Customer(external_id="C-1", name="Nguyễn Văn An", name_key="nguyen van an"))
        s.add(
            Customer(
                external_id="C-VIP", name="Lê Thị Vy", name_key="le thi vy", tier="vip", vip=True
            )
        )
