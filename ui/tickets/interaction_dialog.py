"""Log interaction: what an agent types after a call (or a chat, a walk-in...).

Opens with the summary focused and everything else preset (phone, inbound), so the
usual call is logged with a few words and Ctrl+Enter. Saving runs
app.interactions.log_interaction in the background; when the contact reopened a
recently resolved ticket the dialog says so instead of closing.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from app import customers, interactions
from app.auth import CurrentUser
from app.customers import CustomerDetail
from app.interactions import InteractionInput, LoggedInteraction
from app.outbox import writes
from app.tickets import format_number
from db.engine import Database
from db.enums import Channel, Direction
from ui import labels
from ui.tickets import texts
from ui.tickets.bus import bus
from ui.tickets.form_dialog import FormDialog
from ui.tickets.forms import Banner, fill_combo, relabel
from ui.widgets import grow_to_fit
from ui.worker import run_in_background

SATISFACTION = (1, 2, 3, 4, 5)


class LogInteractionDialog(FormDialog):
    """Emits `saved(LoggedInteraction)` once the interaction is stored."""

    saved = Signal(object)

    def __init__(
        self,
        db: Database,
        user: CurrentUser,
        customer_id: uuid.UUID | None,
        call_ref: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("LogInteractionDialog", 560, 520, parent)
        self.db, self.user = db, user
        self.customer_id = customer_id
        self.call_ref = call_ref
        self.result_: LoggedInteraction | None = None
        self._customer: CustomerDetail | None = None

        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        fill_combo(self.channel, ((labels.channel(c), str(c)) for c in Channel))
        self.direction = QComboBox()
        self.direction.setObjectName("direction")
        fill_combo(self.direction, ((labels.direction(d), str(d)) for d in Direction))
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(110)
        self.wrapup = QComboBox()
        self.wrapup.setObjectName("wrapup")
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.ticket = QComboBox()
        self.ticket.setObjectName("ticket")
        self.ticket.setEditable(True)
        self.notice = Banner()
        fields = (
            self.channel,
            self.direction,
            self.summary,
            self.wrapup,
            self.satisfaction,
            self.ticket,
        )
        self.form = self.lay_out(fields, (self.error, self.notice), self.summary)
        self.retranslate()
        self.summary.setFocus()
        grow_to_fit(self)
        if customer_id is not None:
            run_in_background(customers.detail, db, customer_id, on_result=self._customer_loaded)

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log interaction"))
        self.title.setText(self.tr("Log interaction"))
        name = self._customer.name if self._customer else ""
        if self.customer_id is None:
            sub = self.tr("Unknown caller — not linked to a customer")
        elif name:
            sub = self.tr("Customer: %1").replace("%1", name)
        else:
            sub = self.tr("Loading the customer…")
        if self.call_ref:
            sub += "  ·  " + self.tr("Call %1").replace("%1", self.call_ref)
        self.subtitle.setText(sub)
        self.retranslate_form(
            (
                self.tr("Channel"),
                self.tr("Direction"),
                self.tr("Summary"),
                self.tr("Wrap-up"),
                self.tr("Satisfaction"),
                self.tr("Ticket"),
            )
        )
        relabel(self.channel, labels.channel)
        relabel(self.direction, labels.direction)
        self.summary.setPlaceholderText(self.tr("What did the customer want, what was done?"))
        fill_combo(
            self.wrapup,
            [
                (self.tr("— choose —"), ""),
                *((texts.wrapup(c), c) for c in interactions.WRAPUP_CODES),
            ],
        )
        fill_combo(
            self.satisfaction,
            [
                (self.tr("Not asked"), 0),
                *((self.tr("%1 of 5").replace("%1", str(n)), n) for n in SATISFACTION),
            ],
        )
        self._fill_tickets()
        self.ticket.lineEdit().setPlaceholderText(self.tr("No ticket (or type a number)"))
        self.save_button.setText(self.tr("Save"))

    def _fill_tickets(self) -> None:
        items: list[tuple[str, Any]] = [("", None)]
        if self._customer is not None:
            items += [
                (f"{format_number(t.number)} · {t.subject}", t.number)
                for t in self._customer.open_tickets
            ]
        fill_combo(self.ticket, items)

    def _customer_loaded(self, detail: CustomerDetail | None) -> None:
        self._customer = detail
        self.retranslate()

    # -- saving -----------------------------------------------------------------------

    def ticket_number(self) -> int | None:
        """The linked ticket: the chosen entry, or a number typed as 123 / T-000123."""
        text = self.ticket.currentText().strip()
        data = self.ticket.currentData()
        if data is not None and self.ticket.itemText(self.ticket.currentIndex()) == text:
            return int(data)
        if not text:
            return None
        digits = text.upper().removeprefix("#").removeprefix("T-").split(" ")[0]
        if not digits.isdigit():
            raise ValueError(text)
        return int(digits)

    def save(self) -> None:
        if self.is_saving():
            return
        if self.result_ is not None:  # the reopened notice is showing: Save reads "Close"
            self.accept()
            return
        summary = self.summary.toPlainText().strip()
        wrapup = self.wrapup.currentData() or None
        if not summary and not wrapup:
            self.error.show_error(self.tr("Write a short summary or choose a wrap-up code."))
            self.summary.setFocus()
            return
        try:
            number = self.ticket_number()
        except ValueError:
            self.error.show_error(
                self.tr("“%1” is not a ticket number.").replace("%1", self.ticket.currentText())
            )
            return
        inp = InteractionInput(
            customer_id=self._customer.id if self._customer else self.customer_id,
            channel=self.channel.currentData(),
            direction=self.direction.currentData(),
            summary=summary or None,
            wrapup_code=wrapup,
            satisfaction=self.satisfaction.currentData() or None,
            call_ref=self.call_ref or None,
            ticket_number=number,
        )
        self.error.show_error("")
        self.save_in_background(
            writes.log_interaction,  # through the outbox when offline (issue #5)
            self.db,
            inp,
            self.user.id,
            on_saved=self._saved,
        )

    def _saved(self, result: LoggedInteraction) -> None:
        self.result_ = result
        self.save_button.setEnabled(True)
        bus().interactionLogged.emit(self.customer_id)
        for number in result.reopened:
            bus().ticketChanged.emit(number)
        self.saved.emit(result)
        if not result.reopened:
            self.accept()
            return
        numbers = ", ".join(format_number(n) for n in result.reopened)
        self.notice.say(
            self.tr(
                "Saved. The customer contacted us again soon after a resolution, so "
                "%1 was reopened and is back in its queue."
            ).replace("%1", numbers),
            "hint",
        )
        self.save_button.setText(self.tr("Close"))
        self.cancel_button.hide()
        grow_to_fit(self)
