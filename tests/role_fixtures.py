"""A small organisation with a user in every role and tickets in several desks, for the
permission, audit and row-level security tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app import auth, tickets
from app.auth import CurrentUser
from app.tickets import TicketInput
from db.engine import Database
from db.models import ContactPoint, Customer, Department, User
from tests.ticket_fixtures import reference

MON_9 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
AN_PHONE = "+84912345678"
AN_EMAIL = "nguyen.an@example.com"
VY_PHONE = "+84987654321"


@dataclass
class Org:
    users: dict[str, CurrentUser] = field(default_factory=dict)
    tickets: dict[str, int] = field(default_factory=dict)
    departments: dict[str, uuid.UUID] = field(default_factory=dict)
    customers: dict[str, uuid.UUID] = field(default_factory=dict)


STAFF = [
    ("admin", "admin", None),
    ("lan", "supervisor", None),
    ("agent1", "agent", None),
    ("delivery1", "department", "DELIVERY"),
    ("quality1", "department", "QUALITY"),
    ("saomai", "supplier", "SUP_SAOMAI"),
    ("hoabinh", "supplier", "SUP_HOABINH"),
    # A department-role user in a supplier's department is a supplier account too.
    ("saomai2", "department", "SUP_SAOMAI"),
]


def build(db: Database) -> Org:
    reference(db)
    org = Org()
    with db.session() as s:
        s.add(Department(code="SUP_HOABINH", name="Supplier: Hoa Binh", kind="supplier"))
        an = s.scalar(select(Customer).where(Customer.external_id == "C-1"))
        vy = s.scalar(select(Customer).where(Customer.external_id == "C-VIP"))
        assert an is not None and vy is not None
        s.add_all(
            [
                ContactPoint(customer_id=an.id, kind="phone", value_raw="0912 345 678",
                             value_norm=AN_PHONE, is_primary=True),
                ContactPoint(customer_id=an.id, kind="email", value_raw=AN_EMAIL,
                             value_norm=AN_EMAIL, is_primary=True),
                ContactPoint(customer_id=vy.id, kind="phone", value_raw="0987 654 321",
                             value_norm=VY_PHONE, is_primary=True),
            ]
        )  # fmt: skip
        org.customers = {"an": an.id, "vy": vy.id}
    with db.session() as s:
        org.departments = {d.code: d.id for d in s.scalars(select(Department))}
    for username, role, dept in STAFF:
        auth.create_user(db, username, "secret123", username.title(), role)
        if dept:
            with db.session() as s:
                user = s.scalar(select(User).where(User.username == username))
                assert user is not None
                user.department_id = org.departments[dept]
        org.users[username] = auth.load_user(db, username)

    def make(key: str, inp: TicketInput) -> None:
        org.tickets[key] = tickets.create_ticket(db, inp, at=MON_9).number

    text = "Sữa bị hỏng, gọi lại 0912 345 678 hoặc nguyen.an@example.com"
    make("saomai", TicketInput(customer="C-1", kind="complaint", category="supplier_product",
                               supplier="SUP_SAOMAI", text=text))  # fmt: skip
    make("hoabinh", TicketInput(customer="C-VIP", kind="complaint",
                                category="supplier_product", supplier="SUP_HOABINH",
                                text="Quạt hỏng sau 2 ngày"))  # fmt: skip
    make("delivery", TicketInput(customer="C-VIP", kind="complaint", category="delivery",
                                 text="Giao hàng trễ"))  # fmt: skip
    make("care", TicketInput(customer="C-1", kind="inquiry", text="Hỏi giờ mở cửa"))
    return org


def connect(url: str, **kw: Any) -> psycopg.Connection[Any]:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, user=kw.get("user", u.username), dbname=u.database,
        autocommit=kw.get("autocommit", True),
    )  # fmt: skip


@contextmanager
def workstation_login(pg_url: str) -> Iterator[str]:
    """A LOGIN role with workstation privileges (roles are cluster-wide: dropped after).
    Superusers and the tables' owner bypass row-level security; this login does not."""
    name = f"calldesk_ws_{uuid.uuid4().hex[:8]}"
    with connect(pg_url) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN'.encode())
        grant = "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO"
        conn.execute(f'{grant} "{name}"'.encode())
    try:
        yield name
    finally:
        with connect(pg_url) as conn:
            conn.execute(f'DROP OWNED BY "{name}"'.encode())
            conn.execute(f'DROP ROLE "{name}"'.encode())
