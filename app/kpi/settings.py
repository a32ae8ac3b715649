"""KPI thresholds shared by every workstation, stored in the kpi_settings table.

Defaults follow DESIGN.md: service level 80/20, short abandons up to 5 s, FCR window
7 days; figures are grouped by day in the business calendar's time zone
(Asia/Ho_Chi_Minh when there is no calendar).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select

from app.errors import UserError
from db.engine import Database
from db.models import BusinessCalendar, KpiSetting

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
PREFERRED_CALENDAR = "Vietnam"


@dataclass(frozen=True)
class KpiSettings:
    sl_seconds: int = 20  # answered within this many seconds counts for service level
    sl_target: float = 0.80  # the service level staffing aims for
    short_abandon_seconds: int = 5  # hung up within this: not counted as abandoned
    fcr_days: int = 7  # a repeat contact within this window undoes first-contact resolution
    timezone: str = ""  # empty: the business calendar's

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone or DEFAULT_TIMEZONE)

    def validated(self) -> KpiSettings:
        """Self, or UserError naming the bad value."""
        if not 1 <= self.sl_seconds <= 3600:
            raise UserError(f"service-level seconds must be 1-3600, not {self.sl_seconds}")
        if not 0 < self.sl_target < 1:
            raise UserError(f"service-level target must be between 0 and 1, not {self.sl_target}")
        if not 0 <= self.short_abandon_seconds <= 600:
            raise UserError(
                f"short-abandon seconds must be 0-600, not {self.short_abandon_seconds}"
            )
        if not 1 <= self.fcr_days <= 90:
            raise UserError(f"FCR window must be 1-90 days, not {self.fcr_days}")
        if self.timezone:
            try:
                ZoneInfo(self.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                raise UserError(f"unknown time zone {self.timezone!r}") from None
        return self


def _calendar_zone(db: Database) -> str:
    with db.sessions() as s:
        rows = s.execute(select(BusinessCalendar.name, BusinessCalendar.timezone)).all()
    by_name = {name: tz for name, tz in rows}
    tz = by_name.get(PREFERRED_CALENDAR) or (sorted(by_name.items())[0][1] if by_name else "")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return tz or DEFAULT_TIMEZONE


def load(db: Database) -> KpiSettings:
    """The stored settings over the defaults; the time zone resolved to a real one."""
    with db.sessions() as s:
        stored = {k: v for k, v in s.execute(select(KpiSetting.key, KpiSetting.value))}
    values: dict[str, Any] = {}
    for f in fields(KpiSettings):
        raw = stored.get(f.name)
        if raw is None:
            continue
        try:
            if f.type == "float":
                values[f.name] = float(raw)
            elif f.type == "int":
                values[f.name] = int(raw)
            else:
                values[f.name] = raw
        except ValueError:
            continue  # a hand-edited bad value: keep the default
    settings = KpiSettings(**values)
    if not settings.timezone:
        settings = replace(settings, timezone=_calendar_zone(db))
    return settings


def save(db: Database, settings: KpiSettings) -> None:
    settings.validated()
    with db.session() as s:
        s.execute(delete(KpiSetting))
        for key, value in asdict(settings).items():
            s.add(KpiSetting(key=key, value=str(value)))
