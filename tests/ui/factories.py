"""Test data made the way the importers make it: folded name keys, parsed phones."""

from __future__ import annotations

import uuid

from app import auth, phones
from app.auth import CurrentUser
from app.text import fold
from db.engine import Database
from db.models import ContactPoint, Customer

PASSWORD = "correct horse"


def add_user(db: Database, username: str = "lan", role: str = "agent") -> CurrentUser:
    return auth.create_user(db, username, PASSWORD, display_name="Nguyễn Thị Lan", role=role)


def add_customer(
    db: Database,
    name: str,
    phone: str | None = None,
    email: str | None = None,
    **fields: object,
) -> uuid.UUID:
    """A customer as the importer stores one: folded name key, parsed phone."""
    with db.session() as s:
        customer = Customer(name=name, name_key=fold(name), **fields)
        if phone:
            parsed = phones.parse(phone)
            assert parsed is not None, phone
            customer.contact_points.append(
                ContactPoint(
                    kind="phone",
                    value_raw=phone,
                    value_norm=parsed.e164,
                    match_key=parsed.national,
                    is_primary=True,
                )
            )
        if email:
            customer.contact_points.append(
                ContactPoint(
                    kind="email", value_raw=email, value_norm=email.lower(), is_primary=True
                )
            )
        s.add(customer)
        s.flush()
        return customer.id


def add_many_customers(db: Database, count: int) -> None:
    with db.session() as s:
        s.add_all(
            Customer(name=f"Khách hàng {i:05d}", name_key=fold(f"Khách hàng {i:05d}"))
            for i in range(count)
        )
