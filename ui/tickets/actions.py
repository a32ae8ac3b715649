"""The public entry points of the ticket screens.

The customer card, the screen-pop card and the main window all call these, so a
ticket or an interaction is opened the same way from everywhere. Each returns the
window it showed (non-modal: the agent can keep a ticket open while taking a call).

Contract with the pop card, whose signals connect straight to these
(see `connect_pop_card`):
    logInteractionRequested(object customer_id, str call_ref)
    newTicketRequested(object customer_id, str kind)      kind "complaint" files one
    openTicketRequested(int number)
    openCustomerRequested(object customer_id)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.auth import CurrentUser
from app.outbox import writes
from app.tickets import TicketView
from db.engine import Database
from db.enums import TicketKind
from ui.offline import announce_provisional
from ui.tickets.interaction_dialog import LogInteractionDialog
from ui.tickets.new_ticket_dialog import NewTicketDialog
from ui.tickets.ticket_dialog import TicketDialog

_open_tickets: dict[int, TicketDialog] = {}


def _customer(customer_id: object) -> uuid.UUID | None:
    if customer_id is None or customer_id == "":
        return None
    return customer_id if isinstance(customer_id, uuid.UUID) else uuid.UUID(str(customer_id))


def open_log_interaction(
    parent: QWidget | None,
    db: Database,
    user: CurrentUser,
    customer_id: object,
    call_ref: str = "",
) -> LogInteractionDialog:
    """The log-interaction dialog for a customer (None: an unknown caller)."""
    dialog = LogInteractionDialog(db, user, _customer(customer_id), call_ref or "", parent)
    _present(dialog)
    return dialog


def open_new_ticket(
    parent: QWidget | None,
    db: Database,
    user: CurrentUser,
    customer_id: object,
    kind: str = TicketKind.INQUIRY,
    open_after: bool = True,
) -> NewTicketDialog:
    """New ticket (or, with kind "complaint", file complaint); opens the ticket when saved."""
    if kind not in set(TicketKind):
        kind = TicketKind.INQUIRY
    dialog = NewTicketDialog(db, user, _customer(customer_id), kind, parent)
    if open_after:
        owner = parent

        def created(view: TicketView) -> None:
            target = owner if owner is None or shiboken6.isValid(owner) else None
            if writes.is_provisional(view):  # stored offline: numbered on replay (issue #5)
                announce_provisional(target, view)
                return
            open_ticket(target, db, user, view.number)

        dialog.created.connect(created)
    _present(dialog)
    return dialog


def open_ticket(
    parent: QWidget | None, db: Database, user: CurrentUser, number: int
) -> TicketDialog:
    """The ticket window for `number`; an already open one is brought to the front."""
    existing = _open_tickets.get(number)
    if existing is not None and shiboken6.isValid(existing) and existing.isVisible():
        _present(existing)
        return existing
    dialog = TicketDialog(db, user, int(number), parent)
    _open_tickets[number] = dialog
    dialog.destroyed.connect(lambda *_: _forget(number, dialog))
    _present(dialog)
    return dialog


def _present(window: QWidget) -> None:
    """Show and bring to the front (platforms without window stacking only show it)."""
    window.show()
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        window.raise_()
    window.activateWindow()


def _forget(number: int, dialog: TicketDialog) -> None:
    if _open_tickets.get(number) is dialog:
        del _open_tickets[number]


def open_ticket_windows() -> list[TicketDialog]:
    return [d for d in _open_tickets.values() if shiboken6.isValid(d)]


def connect_pop_card(
    card: QObject,
    parent: QWidget,
    db: Database,
    user: CurrentUser,
    open_customer: Callable[[Any], object] | None = None,
) -> None:
    """Wire the pop card's request signals (whichever it has) to the functions above."""
    signals: dict[str, Callable[..., object]] = {
        "logInteractionRequested": lambda cid, ref="": open_log_interaction(
            parent, db, user, cid, ref
        ),
        "newTicketRequested": lambda cid, kind="": open_new_ticket(
            parent, db, user, cid, kind or TicketKind.INQUIRY
        ),
        "openTicketRequested": lambda number: open_ticket(parent, db, user, int(number)),
    }
    if open_customer is not None:
        signals["openCustomerRequested"] = open_customer
    for name, slot in signals.items():
        signal = getattr(card, name, None)
        if signal is not None:
            signal.connect(slot)
