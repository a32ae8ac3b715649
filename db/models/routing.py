"""Routing rules, SLA policies and the business calendars SLA time is counted in."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, VersionedMixin


class BusinessCalendar(IdMixin, VersionedMixin, Base):
    __tablename__ = "business_calendars"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    # {"0": [["08:00", "17:30"]], ...} keyed by ISO weekday 0=Monday.
    hours: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # ["2026-01-01", ...]
    holidays: Mapped[list[Any]] = mapped_column(default=list)


class SlaPolicy(IdMixin, VersionedMixin, Base):
    __tablename__ = "sla_policies"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    first_response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("business_calendars.id"))
    # e.g. {"notify": ["supervisor"], "raise_priority": true, "reassign_to": null}
    actions: Mapped[dict[str, Any]] = mapped_column(default=dict)


class RoutingRule(IdMixin, VersionedMixin, Base):
    __tablename__ = "routing_rules"

    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    conditions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    actions: Mapped[dict[str, Any]] = mapped_column(default=dict)
