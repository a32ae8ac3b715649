"""Words for the stored vocabularies (tier, kind, status...) in the user's language.

The database keeps short English codes; the screen shows these. Each table is
built on call so it follows a live language switch, and an unknown code is shown
as stored rather than hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _lookup(table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    return table.get(code, code.replace("_", " "))


def customer_kind(code: str | None) -> str:
    return _lookup(
        {
            "person": QCoreApplication.translate("Labels", "Person"),
            "organization": QCoreApplication.translate("Labels", "Organisation"),
        },
        code,
    )


def tier(code: str | None) -> str:
    return _lookup(
        {
            "standard": QCoreApplication.translate("Labels", "Standard"),
            "silver": QCoreApplication.translate("Labels", "Silver"),
            "gold": QCoreApplication.translate("Labels", "Gold"),
            "vip": QCoreApplication.translate("Labels", "VIP"),
        },
        code,
    )


def contact_kind(code: str | None) -> str:
    return _lookup(
        {
            "phone": QCoreApplication.translate("Labels", "Phone"),
            "email": QCoreApplication.translate("Labels", "Email"),
            "facebook": QCoreApplication.translate("Labels", "Facebook"),
            "zalo": QCoreApplication.translate("Labels", "Zalo"),
            "account": QCoreApplication.translate("Labels", "Account"),
        },
        code,
    )


def channel(code: str | None) -> str:
    return _lookup(
        {
            "phone": QCoreApplication.translate("Labels", "Phone"),
            "email": QCoreApplication.translate("Labels", "Email"),
            "web": QCoreApplication.translate("Labels", "Web"),
            "facebook": QCoreApplication.translate("Labels", "Facebook"),
            "zalo": QCoreApplication.translate("Labels", "Zalo"),
            "walk_in": QCoreApplication.translate("Labels", "Walk-in"),
            "chat": QCoreApplication.translate("Labels", "Chat"),
        },
        code,
    )


def direction(code: str | None) -> str:
    return _lookup(
        {
            "inbound": QCoreApplication.translate("Labels", "Inbound"),
            "outbound": QCoreApplication.translate("Labels", "Outbound"),
        },
        code,
    )


def ticket_kind(code: str | None) -> str:
    return _lookup(
        {
            "inquiry": QCoreApplication.translate("Labels", "Inquiry"),
            "request": QCoreApplication.translate("Labels", "Request"),
            "complaint": QCoreApplication.translate("Labels", "Complaint"),
        },
        code,
    )


def ticket_status(code: str | None) -> str:
    return _lookup(
        {
            "new": QCoreApplication.translate("Labels", "New"),
            "open": QCoreApplication.translate("Labels", "Open"),
            "pending_customer": QCoreApplication.translate("Labels", "Waiting for customer"),
            "pending_supplier": QCoreApplication.translate("Labels", "Waiting for supplier"),
            "resolved": QCoreApplication.translate("Labels", "Resolved"),
            "closed": QCoreApplication.translate("Labels", "Closed"),
        },
        code,
    )


def priority(code: str | None) -> str:
    return _lookup(
        {
            "low": QCoreApplication.translate("Labels", "Low"),
            "normal": QCoreApplication.translate("Labels", "Normal"),
            "high": QCoreApplication.translate("Labels", "High"),
            "urgent": QCoreApplication.translate("Labels", "Urgent"),
        },
        code,
    )


def order_status(code: str | None) -> str:
    return _lookup(
        {
            "delivered": QCoreApplication.translate("Labels", "Delivered"),
            "pending": QCoreApplication.translate("Labels", "Pending"),
            "shipped": QCoreApplication.translate("Labels", "Shipped"),
            "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
            "returned": QCoreApplication.translate("Labels", "Returned"),
            "paid": QCoreApplication.translate("Labels", "Paid"),
        },
        code,
    )


def role(code: str | None) -> str:
    return _lookup(
        {
            "agent": QCoreApplication.translate("Labels", "Agent"),
            "department": QCoreApplication.translate("Labels", "Department staff"),
            "supplier": QCoreApplication.translate("Labels", "Supplier"),
            "supervisor": QCoreApplication.translate("Labels", "Supervisor"),
            "admin": QCoreApplication.translate("Labels", "Administrator"),
        },
        code,
    )


def agent_status(code: str | None) -> str:
    return _lookup(
        {
            "available": QCoreApplication.translate("Labels", "Available"),
            "on_call": QCoreApplication.translate("Labels", "On a call"),
            "wrap_up": QCoreApplication.translate("Labels", "Wrap-up"),
            "away": QCoreApplication.translate("Labels", "Away"),
            "offline": QCoreApplication.translate("Labels", "Offline"),
        },
        code,
    )
