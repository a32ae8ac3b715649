"""Closed vocabularies stored as short strings (portable, readable in SQL)."""

from __future__ import annotations

from enum import StrEnum


class CustomerKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"


class Tier(StrEnum):
    STANDARD = "standard"
    SILVER = "silver"
    GOLD = "gold"
    VIP = "vip"


class ContactKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    FACEBOOK = "facebook"
    ZALO = "zalo"
    ACCOUNT = "account"


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    WEB = "web"
    FACEBOOK = "facebook"
    ZALO = "zalo"
    WALK_IN = "walk_in"
    CHAT = "chat"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class TicketKind(StrEnum):
    INQUIRY = "inquiry"
    REQUEST = "request"
    COMPLAINT = "complaint"


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING_CUSTOMER = "pending_customer"
    PENDING_SUPPLIER = "pending_supplier"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class EventKind(StrEnum):
    CREATED = "created"
    COMMENT = "comment"
    STATUS = "status"
    ASSIGN = "assign"
    TRANSFER = "transfer"
    ESCALATE = "escalate"
    BREACH = "breach"
    MERGE = "merge"
    PRIORITY = "priority"


class DepartmentKind(StrEnum):
    INTERNAL = "internal"
    SUPPLIER = "supplier"
    PARTNER = "partner"


class Role(StrEnum):
    AGENT = "agent"
    DEPARTMENT = "department"
    SUPPLIER = "supplier"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class AgentStatus(StrEnum):
    AVAILABLE = "available"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    AWAY = "away"
    OFFLINE = "offline"
