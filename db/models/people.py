"""Customers, the ways to reach them, and what they bought."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class Customer(IdMixin, VersionedMixin, Base):
    __tablename__ = "customers"

    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="person")
    name: Mapped[str] = mapped_column(String(200))
    # Lower-case, diacritics folded ("nguyen van an"): sort and search key on both engines.
    name_key: Mapped[str] = mapped_column(String(200))
    tier: Mapped[str] = mapped_column(String(16), default="standard")
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    warning: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"))
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"))

    contact_points: Mapped[list[ContactPoint]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="ContactPoint.kind"
    )

    __table_args__ = (
        Index("ix_customers_name_key_id", "name_key", "id"),
        Index("ix_customers_organization_id", "organization_id"),
        # Partial: finds the customers merged into one (redirects), and stays out of the
        # way of `merged_into_id IS NULL`, which SQLite would otherwise answer with it.
        Index(
            "ix_customers_merged_into_id",
            "merged_into_id",
            sqlite_where=text("merged_into_id IS NOT NULL"),
            postgresql_where=text("merged_into_id IS NOT NULL"),
        ),
    )


class ContactPoint(IdMixin, VersionedMixin, Base):
    __tablename__ = "contact_points"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    value_raw: Mapped[str] = mapped_column(String(200))
    # E.164 for phones, lower-cased address for email, handle for social accounts.
    value_norm: Mapped[str] = mapped_column(String(200))
    # Phones: national significant number, for suffix and legacy matching.
    match_key: Mapped[str | None] = mapped_column(String(32))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="contact_points")

    # Both wide indexes cover what search reads (migration 0011): a value prefix's
    # customers, and a customer's contact points, without reading the table.
    __table_args__ = (
        Index("ix_contact_points_value_norm_kind_customer_id", "value_norm", "kind", "customer_id"),
        Index("ix_contact_points_match_key", "match_key"),
        Index("ix_contact_points_customer_id_kind_value_norm", "customer_id", "kind", "value_norm"),
    )


class Order(IdMixin, TimestampMixin, Base):
    __tablename__ = "orders"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"))
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    ordered_at: Mapped[datetime]
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="VND")
    product: Mapped[str] = mapped_column(String(200))
    supplier_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("departments.id"))
    status: Mapped[str] = mapped_column(String(16), default="delivered")

    __table_args__ = (Index("ix_orders_customer_id_ordered_at", "customer_id", "ordered_at"),)


# Search objects that exist on one engine only: the FTS5 tables (and their shadow
# tables) on SQLite (migration 0002), the pg_trgm GIN indexes (0002) and the
# customer_words table (0004) on PostgreSQL.
# They cannot be expressed as portable models, so schema comparison skips them.
_ENGINE_SEARCH_OBJECT = re.compile(
    r"^(?:customers_fts|contact_points_fts)(?:_\w+)?$|_trgm$|^(?:pk_)?customer_words$"
)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic `include_name` hook: False for the engine-specific search objects."""
    return not (
        name is not None
        and type_ in ("table", "index")
        and _ENGINE_SEARCH_OBJECT.search(name) is not None
    )
