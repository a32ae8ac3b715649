"""Customers with history for the screen-pop tests, stored the way importers store them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app import lookup
from app.text import fold
from db.engine import Database
from db.models import Call, ContactPoint, Customer, Interaction, Order, Ticket

NOW = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)


def customer(
    db: Database,
    name: str,
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
    **fields: object,
) -> uuid.UUID:
    with db.session() as s:
        c = Customer(name=name, name_key=fold(name), **fields)
        s.add(c)
        s.flush()
        for kind, values in (("phone", list(phones)), ("email", list(emails))):
            for i, raw in enumerate(values):
                keys = lookup.contact_keys(kind, raw)
                assert keys is not None, raw
                s.add(
                    ContactPoint(
                        customer_id=c.id,
                        kind=kind,
                        value_raw=raw,
                        value_norm=keys[0],
                        match_key=keys[1],
                        is_primary=i == 0,
                    )
                )
        return c.id


def orders(
    db: Database,
    customer_id: uuid.UUID,
    items: Iterable[tuple[int, int]],
    now: datetime = NOW,
    product: str = "Nồi cơm điện",
) -> None:
    """(days ago, amount in VND) per order."""
    with db.session() as s:
        for days, amount in items:
            s.add(
                Order(
                    customer_id=customer_id,
                    ordered_at=now - timedelta(days=days),
                    amount=Decimal(amount),
                    product=product,
                )
            )


def ticket(
    db: Database,
    customer_id: uuid.UUID,
    number: int,
    kind: str = "inquiry",
    status: str = "open",
    due: datetime | None = None,
    subject: str = "Hỏi về đơn hàng",
    created: datetime | None = None,
) -> None:
    with db.session() as s:
        s.add(
            Ticket(
                number=number,
                customer_id=customer_id,
                kind=kind,
                status=status,
                subject=subject,
                resolution_due=due,
                created_at=created or NOW - timedelta(days=5),
            )
        )


def interaction(
    db: Database,
    customer_id: uuid.UUID,
    channel: str,
    at: datetime,
    summary: str | None = None,
    direction: str = "inbound",
) -> None:
    with db.session() as s:
        s.add(
            Interaction(
                customer_id=customer_id,
                channel=channel,
                direction=direction,
                started_at=at,
                summary=summary,
            )
        )


def call(db: Database, customer_id: uuid.UUID | None, ref: str, at: datetime = NOW) -> None:
    with db.session() as s:
        s.add(Call(call_ref=ref, offered_at=at, customer_id=customer_id))
