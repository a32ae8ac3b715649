"""Log interaction: what an agent types after a call (or a chat, a walk-in...).

Opens with the summary focused and everything else preset (phone, inbound), so the
usual call is logged with a few words and Ctrl+Enter. Saving runs
app.interactions.log_interaction in the background; when the contact reopened a
recently resolved ticket the dialog says so instead of closing.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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
from ui.tickets.forms import (
    Banner,
    ErrorLine,
    button_row,
    fill_combo,
    header,
    primary,
    relabel,
    submit_on_ctrl_enter,
)
from ui.widgets import grow_to_fit, make_label
from ui.worker import Task, run_in_background

SATISFACTION = (1, 2, 3, 4, 5)


class LogInteractionDialog(QDialog):
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
        super().__init__(parent)
        self.setObjectName("LogInteractionDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(560, 520)
        self.db, self.user = db, user
        self.customer_id = customer_id
        self.call_ref = call_ref
        self.result_: LoggedInteraction | None = None
        self._task: Task | None = None
        self._customer: CustomerDetail | None = None

        self.title = make_label("", "dialog-title")
        self.subtitle = make_label("", "muted", wrap=True)
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
        self.error = ErrorLine()
        self.notice = Banner()
        self.cancel_button = QPushButton()
        self.save_button = primary(QPushButton())
        self.save_button.setObjectName("save")

        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(10)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._labels = [make_label("", "field") for _ in range(6)]
        for label, widget in zip(
            self._labels,
            (
                self.channel,
                self.direction,
                self.summary,
                self.wrapup,
                self.satisfaction,
                self.ticket,
            ),
            strict=True,
        ):
            self.form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(12)
        layout.addWidget(header(self.title, self.subtitle))
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addLayout(button_row(self.cancel_button, self.save_button))

        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        submit_on_ctrl_enter(self, self.save, self.summary)
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
        for label, text in zip(
            self._labels,
            (
                self.tr("Channel"),
                self.tr("Direction"),
                self.tr("Summary"),
                self.tr("Wrap-up"),
                self.tr("Satisfaction"),
                self.tr("Ticket"),
            ),
            strict=True,
        ):
            label.setText(text)
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
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        if self._task is not None:
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
        self.save_button.setEnabled(False)
        self._task = run_in_background(
            writes.log_interaction,  # through the outbox when offline (issue #5)
            self.db,
            inp,
            self.user.id,
            on_result=self._saved,
            on_error=self._failed,
        )

    def _saved(self, result: LoggedInteraction) -> None:
        self._task = None
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

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.save_button.setEnabled(True)
        self.error.show_error(texts.first_line(exc))
