"""One application-wide signal hub for ticket changes.

A change saved in any dialog (a transfer, a new complaint, a logged call) is announced
here, so the queues, "my work" and the customer card refresh at once without the
dialogs knowing who shows what.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class TicketBus(QObject):
    ticketChanged = Signal(int)  # ticket number
    interactionLogged = Signal(object)  # customer id (uuid.UUID | None)
    ticketsBreached = Signal(list)  # ticket numbers escalation just marked


_bus: TicketBus | None = None


def bus() -> TicketBus:
    """The hub (created on first use, on the GUI thread)."""
    global _bus
    if _bus is None:
        _bus = TicketBus()
    return _bus
