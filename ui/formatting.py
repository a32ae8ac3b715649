"""Numbers, money and times as a contact-center agent reads them.

Times are stored in UTC and shown in the workstation's local time, day first
(dd/MM/yyyy, as Vietnamese and most non-US agents read dates); digit grouping
follows the interface language ("25.400.000" in Vietnamese, "25,400,000" in English).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

_NO_DECIMALS = {"VND", "JPY", "KRW"}


def local(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone()


def date_time(dt: datetime | None) -> str:
    return local(dt).strftime("%d/%m/%Y %H:%M") if dt else ""


def date(dt: datetime | None) -> str:
    return local(dt).strftime("%d/%m/%Y") if dt else ""


def money(amount: Decimal | int | float, currency: str = "VND") -> str:
    loc = QLocale()
    if currency.upper() in _NO_DECIMALS:
        text = loc.toString(round(Decimal(amount)))
    else:
        text = loc.toString(float(amount), "f", 2)
    return f"{text} {currency.upper()}"


def is_past(dt: datetime | None) -> bool:
    return dt is not None and local(dt) < datetime.now().astimezone()
