"""KPI settings and the call roll-ups the KPI queries read instead of a million calls.

The roll-ups hold additive sums of inbound calls per 15-minute UTC bucket (every time
zone's hours start on a quarter hour, so any local hour, day or week is a union of
buckets) and per UTC day. Database triggers on `calls` keep them exact on every insert,
update and delete (migration 0006), whoever writes the calls. Wait-time thresholds
are stored as counts per common threshold (`ans_le_20`: answered within 20 s), so the
service level for any of those thresholds comes from sums; other thresholds fall back
to the calls themselves (app.kpi.calls).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.service import Ticket
from db.models.telephony import AgentStatusLog

# Thresholds (seconds) with a stored count; keep in step with migration 0006.
SL_THRESHOLDS = (10, 15, 20, 30, 45, 60, 90, 120, 180)
SHORT_ABANDON_THRESHOLDS = (3, 5, 10, 15)

# Additive measures, in this order in every roll-up table and in the triggers.
MEASURES = (
    "offered",  # inbound calls offered
    "answered",  # answered_at set
    "abandoned",  # not answered, ended (short abandons included)
    "handled",  # answered and ended: the calls AHT divides by
    "wait_ms",  # queue wait of answered calls
    "abandon_wait_ms",  # time in queue of abandoned calls
    "talk_ms",  # answered -> ended of handled calls (hold is inside this span)
    "hold_ms",  # hold within talk (reported, not added again to AHT)
    "acw_ms",  # after-call work of handled calls
    *(f"ans_le_{t}" for t in SL_THRESHOLDS),
    *(f"abn_le_{t}" for t in SHORT_ABANDON_THRESHOLDS),
)


class KpiSetting(Base):
    """Thresholds shared by every workstation (service-level seconds, short-abandon
    seconds, FCR window, time zone): one row per key, values as text."""

    __tablename__ = "kpi_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class _Measures:
    """The additive columns the three roll-ups share (see MEASURES)."""

    offered: Mapped[int] = mapped_column(BigInteger, default=0)
    answered: Mapped[int] = mapped_column(BigInteger, default=0)
    abandoned: Mapped[int] = mapped_column(BigInteger, default=0)
    handled: Mapped[int] = mapped_column(BigInteger, default=0)
    wait_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    abandon_wait_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    talk_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    hold_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    acw_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_10: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_15: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_20: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_30: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_45: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_60: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_90: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_120: Mapped[int] = mapped_column(BigInteger, default=0)
    ans_le_180: Mapped[int] = mapped_column(BigInteger, default=0)
    abn_le_3: Mapped[int] = mapped_column(BigInteger, default=0)
    abn_le_5: Mapped[int] = mapped_column(BigInteger, default=0)
    abn_le_10: Mapped[int] = mapped_column(BigInteger, default=0)
    abn_le_15: Mapped[int] = mapped_column(BigInteger, default=0)


class CallStats15m(_Measures, Base):
    __tablename__ = "call_stats_15m"

    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # epoch s, UTC
    queue: Mapped[str] = mapped_column(String(64), primary_key=True)  # '' for none


class CallStatsAgent15m(_Measures, Base):
    __tablename__ = "call_stats_agent_15m"

    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    queue: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent: Mapped[str] = mapped_column(String(32), primary_key=True)  # user id hex, '' none


class CallStatsAgentDay(_Measures, Base):
    __tablename__ = "call_stats_agent_day"

    day: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # epoch s of UTC midnight
    queue: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent: Mapped[str] = mapped_column(String(32), primary_key=True)


# Live status reads each agent's open row (ended_at IS NULL); declared here so the
# telephony model file stays as it is.
Index("ix_agent_status_log_ended_at", AgentStatusLog.ended_at)
# Tickets resolved in a period (FCR, average resolution time), and FCR's look for a
# repeat ticket of the same customer in the same category.
Index("ix_tickets_resolved_at", Ticket.resolved_at)
Index(
    "ix_tickets_customer_id_category_id_created_at",
    Ticket.customer_id,
    Ticket.category_id,
    Ticket.created_at,
)
