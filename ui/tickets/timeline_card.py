"""The customer's timeline on the card: contacts on every channel, tickets and orders
interleaved, newest first (app.interactions.timeline). Ticket numbers are links that
open the ticket. The list is bounded by the service, so plain labels are fine here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.interactions import TimelineItem
from ui import formatting, labels
from ui.tickets import texts
from ui.widgets import Card, clear_layout, make_label

SHOWN = 12


class TimelineCard(Card):
    """Emits `openTicket(number)` when a ticket number is clicked."""

    openTicket = Signal(int)

    def __init__(self, items: list[TimelineItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimelineCard")
        self.title.setText(self.tr("Timeline"))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(2, 1)
        self.body.addLayout(self.grid)
        self.set_items(items)

    def set_items(self, items: list[TimelineItem]) -> None:
        clear_layout(self.grid)
        if not items:
            self.grid.addWidget(
                make_label(self.tr("No contact with this customer yet."), "muted"), 0, 0
            )
            return
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        for row, item in enumerate(items[:SHOWN]):
            self.grid.addWidget(make_label(formatting.date_time(item.at), "muted"), row, 0, top)
            self.grid.addWidget(self._what(item), row, 1, top)
            main, sub = self._text(item)
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(make_label(main, "value", selectable=True, wrap=True))
            if sub:
                box.addWidget(make_label(sub, "muted-small", wrap=True))
            self.grid.addWidget(cell, row, 2)

    def _what(self, item: TimelineItem) -> QLabel:
        if item.kind == "ticket" and item.ref:
            link = make_label("", "ticket-number")
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setText(f'<a href="ticket:{item.ref}" style="text-decoration:none">{item.ref}</a>')
            link.setToolTip(self.tr("Open the ticket"))
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.linkActivated.connect(self._link)
            return link
        if item.kind == "order":
            return make_label(self.tr("Order"), "field")
        return make_label(
            f"{labels.channel(item.channel)} · {labels.direction(item.title)}", "field"
        )

    def _text(self, item: TimelineItem) -> tuple[str, str]:
        if item.kind == "ticket":
            return item.title, labels.ticket_status(item.detail)
        if item.kind == "order":
            return item.title, item.detail or ""
        return item.detail or "—", texts.wrapup(item.ref) if item.ref else ""

    def _link(self, href: str) -> None:
        ref = href.removeprefix("ticket:").upper().removeprefix("T-")
        if ref.isdigit():
            self.openTicket.emit(int(ref))
