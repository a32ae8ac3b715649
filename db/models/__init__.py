"""All tables, importable from one place so Alembic and the app see the same metadata."""

from db.base import Base
from db.models.audit import AuditLog, Counter
from db.models.kpi import CallStats15m, CallStatsAgent15m, CallStatsAgentDay, KpiSetting
from db.models.operations import AppliedOperation
from db.models.org import Category, Department, User
from db.models.people import ContactPoint, Customer, Order
from db.models.routing import BusinessCalendar, RoutingRule, SlaPolicy
from db.models.service import Interaction, Ticket, TicketEvent
from db.models.sync import AgentPresence, Change
from db.models.telephony import AgentStatusLog, Call

__all__ = [
    "AgentPresence",
    "AgentStatusLog",
    "AppliedOperation",
    "AuditLog",
    "Base",
    "BusinessCalendar",
    "Call",
    "CallStats15m",
    "CallStatsAgent15m",
    "CallStatsAgentDay",
    "Category",
    "Change",
    "ContactPoint",
    "Counter",
    "Customer",
    "Department",
    "Interaction",
    "KpiSetting",
    "Order",
    "RoutingRule",
    "SlaPolicy",
    "Ticket",
    "TicketEvent",
    "User",
]
