"""The customer card: who is this, how to reach them, what they are worth, what is open.

Loaded in the background (app.customers.detail) whenever the selection settles;
a newer request cancels the older one. The card is rebuilt from the last loaded
detail on a language switch, so labels and dates follow the interface language.
Lists here are short and bounded (the service caps history), so plain labels in
grids are fine.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import customers, interactions
from app.customers import CustomerDetail
from app.interactions import TimelineItem
from db.engine import Database
from ui import formatting, labels
from ui.app_messages import user_line
from ui.tickets.timeline_card import TimelineCard
from ui.widgets import Card, clear_layout, make_label
from ui.worker import Task, run_in_background

SHOWN_ORDERS = 5
TIMELINE_ITEMS = 30
_TIER_TONE = {"vip": "vip", "gold": "gold", "silver": "silver"}
_CONTACT_ORDER = {"phone": 0, "email": 1}  # an agent reaches for the phone first


def _card_data(
    db: Database, customer_id: uuid.UUID
) -> tuple[CustomerDetail | None, list[TimelineItem]]:
    """The card and its timeline in one background round-trip."""
    detail = customers.detail(db, customer_id)
    if detail is None:
        return None, []
    return detail, interactions.timeline(db, detail.id, limit=TIMELINE_ITEMS)


def _badge(text: str, tone: str = "neutral") -> QLabel:
    badge = make_label(text, "badge")
    badge.setProperty("tone", tone)
    badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return badge


class CustomerDetailPane(QWidget):
    """Shows one customer; `shown_id` is the customer on screen (None: empty state)."""

    loaded = Signal(object)  # the CustomerDetail shown
    # Asked of the ticket screens (ui.tickets.workspace connects them to ui.tickets.actions).
    logInteractionRequested = Signal(object, str)  # customer id, call ref
    newTicketRequested = Signal(object, str)  # customer id, kind ("complaint" files one)
    openTicketRequested = Signal(int)  # ticket number
    PAGE_EMPTY, PAGE_CARD = 0, 1

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CustomerDetail")
        self.db = db
        self.shown_id: uuid.UUID | None = None
        self._detail: CustomerDetail | None = None
        self._timeline: list[TimelineItem] = []
        self._task: Task | None = None
        self._requested: uuid.UUID | None = None
        self._error = ""
        self.editor: QWidget | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)

        empty = QWidget()
        empty.setObjectName("DetailEmpty")
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(2)
        self.empty_title = make_label("", "empty-title", wrap=True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_hint = make_label("", "muted", wrap=True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(3)
        self.pages.addWidget(empty)

        scroll = QScrollArea()
        scroll.setObjectName("DetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("DetailBody")
        self.content = QVBoxLayout(body)
        self.content.setContentsMargins(14, 14, 14, 14)
        self.content.setSpacing(12)
        scroll.setWidget(body)
        self.pages.addWidget(scroll)

        self.status = make_label("", "muted-small")
        self.status.hide()
        outer.addWidget(self.status)
        self.retranslate()

    # -- loading ----------------------------------------------------------------------

    def show_customer(self, customer_id: uuid.UUID | None) -> None:
        """Load and show `customer_id` (None clears the card)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._requested = customer_id
        if customer_id is None:
            self.clear()
            return
        self._set_status(self.tr("Loading the customer card…"))
        self._task = run_in_background(
            _card_data, self.db, customer_id, on_result=self._arrived, on_error=self._failed
        )

    def clear(self) -> None:
        self.shown_id, self._detail = None, None
        self._set_status("")
        self.pages.setCurrentIndex(self.PAGE_EMPTY)

    def is_loading(self) -> bool:
        return self._task is not None

    def _arrived(self, data: tuple[CustomerDetail | None, list[TimelineItem]]) -> None:
        self._task = None
        detail, self._timeline = data
        self._set_status("")
        if detail is None:
            self.clear()
            self._set_status(self.tr("This customer no longer exists."))
            return
        self._detail = detail
        self.shown_id = detail.id
        self._render()
        self.loaded.emit(detail)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        first = user_line(exc)
        self._set_status(self.tr("Could not load the customer: %1").replace("%1", first))

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- rendering --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.empty_title.setText(self.tr("No customer selected"))
        self.empty_hint.setText(
            self.tr("Search by name, phone, email, customer or ticket number, then pick a row.")
        )
        if self._detail is not None:
            self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _render(self) -> None:
        d = self._detail
        assert d is not None
        clear_layout(self.content)
        self.content.addWidget(self._header(d))
        if d.warning:
            warning = make_label("⚠  " + d.warning, None, selectable=True, wrap=True)
            warning.setObjectName("WarningBanner")
            self.content.addWidget(warning)
        self.content.addWidget(self._contacts(d))
        self.content.addWidget(self._tickets(d))
        self.content.addWidget(self._value(d))
        timeline = TimelineCard(self._timeline)
        timeline.openTicket.connect(self.openTicketRequested)
        self.content.addWidget(timeline)
        if d.notes:
            notes = Card()
            notes.title.setText(self.tr("Notes"))
            notes.body.addWidget(make_label(d.notes, None, selectable=True, wrap=True))
            self.content.addWidget(notes)
        self.content.addStretch(1)
        self.pages.setCurrentIndex(self.PAGE_CARD)

    def _header(self, d: CustomerDetail) -> QWidget:
        card = QFrame()
        card.setProperty("role", "card-header")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        name = make_label(d.name, "customer-name", selectable=True, wrap=True)
        name.setObjectName("CustomerName")
        top = QHBoxLayout()
        top.addWidget(name, 1)
        edit = QPushButton(self.tr("Edit"))
        edit.setObjectName("edit_customer")
        edit.setToolTip(self.tr("Edit name, tier, warning and notes"))
        edit.setStyleSheet("QPushButton { padding: 4px 10px; min-width: 0px; }")
        edit.clicked.connect(self.edit_customer)
        top.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        badges = QHBoxLayout()
        badges.setSpacing(6)
        badges.addWidget(_badge(labels.tier(d.tier), _TIER_TONE.get(d.tier, "neutral")))
        if d.vip and d.tier != "vip":
            badges.addWidget(_badge(self.tr("VIP"), "vip"))
        badges.addWidget(_badge(labels.customer_kind(d.kind)))
        if d.open_tickets:
            badges.addWidget(
                _badge(self.tr("Open tickets: %1").replace("%1", str(len(d.open_tickets))), "info")
            )
        badges.addStretch(1)
        layout.addLayout(badges)
        facts = []
        if d.external_id:
            facts.append(self.tr("Customer ID %1").replace("%1", d.external_id))
        if d.merged_into_id:
            facts.append(self.tr("Merged into another customer record"))
        if facts:
            layout.addWidget(make_label("  ·  ".join(facts), "muted", selectable=True))
        layout.addLayout(self._ticket_buttons(d))
        return card

    def _ticket_buttons(self, d: CustomerDetail) -> QHBoxLayout:
        """Log interaction / New ticket / File complaint (the window holds the shortcuts)."""
        row = QHBoxLayout()
        row.setSpacing(8)
        for name, text, keys, emit in (
            (
                "log_interaction",
                self.tr("Log interaction"),
                "Ctrl+L",
                lambda: self.logInteractionRequested.emit(d.id, ""),
            ),
            (
                "new_ticket",
                self.tr("New ticket"),
                "Ctrl+T",
                lambda: self.newTicketRequested.emit(d.id, "inquiry"),
            ),
            (
                "file_complaint",
                self.tr("File complaint"),
                "Ctrl+K",
                lambda: self.newTicketRequested.emit(d.id, "complaint"),
            ),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setToolTip(keys)
            # Three side by side in a narrow card: tighter padding than dialog buttons.
            button.setStyleSheet("QPushButton { padding: 6px 10px; min-width: 0px; }")
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(emit)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def edit_customer(self) -> None:
        """Edit the customer on the card; a save elsewhere meanwhile is a conflict to
        choose on, never a silent overwrite (ui.customer_edit)."""
        from ui.customer_edit import CustomerEditDialog

        if self._detail is None:
            return
        self.editor = CustomerEditDialog(self.db, self._detail, self)
        self.editor.saved.connect(lambda d: self.show_customer(d.id))
        self.editor.open()

    def _contacts(self, d: CustomerDetail) -> Card:
        card = Card()
        card.title.setText(self.tr("Contacts"))
        if not d.contacts:
            card.body.addWidget(make_label(self.tr("No phone, email or account on file."), "muted"))
            return card
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        ordered = sorted(
            d.contacts, key=lambda c: (_CONTACT_ORDER.get(c.kind, 2), c.kind, not c.primary)
        )
        for row, contact in enumerate(ordered):
            grid.addWidget(make_label(labels.contact_kind(contact.kind), "field"), row, 0)
            value = make_label(contact.value, "value", selectable=True)
            if contact.normalized and contact.normalized != contact.value:
                value.setToolTip(contact.normalized)
            grid.addWidget(value, row, 1)
            if contact.primary:
                grid.addWidget(_badge(self.tr("Primary"), "subtle"), row, 2)
        grid.setColumnStretch(1, 1)
        card.body.addLayout(grid)
        return card

    def _value(self, d: CustomerDetail) -> Card:
        card = Card()
        card.title.setText(self.tr("Purchases"))
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        currency = d.orders[0].currency if d.orders else "VND"
        tiles.addWidget(
            self._metric(self.tr("Lifetime value"), formatting.money(d.lifetime_value, currency))
        )
        tiles.addWidget(self._metric(self.tr("Orders"), str(d.order_count)))
        card.body.addLayout(tiles)
        for order in d.orders[:SHOWN_ORDERS]:
            row = QGridLayout()
            row.setHorizontalSpacing(12)
            row.setVerticalSpacing(1)
            row.addWidget(make_label(order.product, "value", selectable=True, wrap=True), 0, 0)
            amount = make_label(formatting.money(order.amount, order.currency), "amount")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            row.addWidget(amount, 0, 1)
            facts = f"{formatting.date(order.ordered_at)}  ·  {labels.order_status(order.status)}"
            row.addWidget(make_label(facts, "muted-small"), 1, 0, 1, 2)
            row.setColumnStretch(0, 1)
            card.body.addLayout(row)
        return card

    def _metric(self, caption: str, value: str) -> QWidget:
        tile = QFrame()
        tile.setProperty("role", "metric")
        layout = QVBoxLayout(tile)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(make_label(caption, "metric-caption"))
        layout.addWidget(make_label(value, "metric-value", selectable=True))
        return tile

    def _tickets(self, d: CustomerDetail) -> Card:
        card = Card()
        card.title.setText(self.tr("Open tickets"))
        if not d.open_tickets:
            card.body.addWidget(make_label(self.tr("Nothing open for this customer."), "muted"))
            return card
        for ticket in d.open_tickets:
            row = QFrame()
            row.setProperty("role", "ticket")
            row.setProperty("ticket_number", ticket.number)
            row.setCursor(Qt.CursorShape.PointingHandCursor)
            row.setToolTip(self.tr("Open the ticket"))
            row.installEventFilter(self)
            layout = QVBoxLayout(row)
            layout.setContentsMargins(10, 8, 10, 8)
            layout.setSpacing(3)
            top = QHBoxLayout()
            top.setSpacing(8)
            top_left = Qt.AlignmentFlag.AlignTop
            number = make_label(f"#{ticket.number}", "ticket-number", selectable=True)
            top.addWidget(number, 0, top_left)
            tone = "danger" if ticket.kind == "complaint" else "info"
            top.addWidget(_badge(labels.ticket_kind(ticket.kind), tone), 0, top_left)
            subject = make_label(ticket.subject, "value", selectable=True, wrap=True)
            top.addWidget(subject, 1)
            layout.addLayout(top)
            facts = [labels.ticket_status(ticket.status), labels.priority(ticket.priority)]
            layout.addWidget(make_label("  ·  ".join(facts), "muted", wrap=True))
            if ticket.resolution_due is not None:
                when = formatting.date_time(ticket.resolution_due)
                if formatting.is_past(ticket.resolution_due):
                    due = make_label(self.tr("Overdue since %1").replace("%1", when), "overdue")
                else:
                    due = make_label(self.tr("Due %1").replace("%1", when), "muted")
                layout.addWidget(due)
            card.body.addWidget(row)
        return card

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on an open ticket's row opens the ticket."""
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and watched.property("ticket_number") is not None
        ):
            self.openTicketRequested.emit(int(watched.property("ticket_number")))
            return True
        return super().eventFilter(watched, event)
