"""The body of the screen-pop card for a known customer.

Built once and refilled for every call: the widgets stay, only their texts, tones and
visibility change. Creating and style-polishing fifty widgets per ring cost more than
the lookup and the card query together; setting texts costs next to nothing, so the
card is on screen a few milliseconds after the data arrives.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.card import CardData, OpenTicket, PossibleDuplicate
from app.queues import SlaState
from db.enums import Channel
from ui import formatting, labels
from ui.pop import texts
from ui.pop.widgets import badge
from ui.widgets import Card, make_label

SHOWN_FLAGS = 3
SHOWN_TICKETS = 4
SHOWN_CHANNELS = len(Channel)
_TIER_TONE = {"vip": "vip", "gold": "gold", "silver": "silver"}


def _link(href: str, text: str) -> str:
    """A link without the underline (the palette gives it the accent colour)."""
    return f'<a href="{href}" style="text-decoration:none;">{html.escape(text)}</a>'


def _tone(label: QLabel, tone: str) -> None:
    """Set the QSS tone, re-polishing only when it changes (polish is the costly part)."""
    if label.property("tone") != tone:
        label.setProperty("tone", tone)
        label.style().unpolish(label)
        label.style().polish(label)


def _set(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class _TicketRow:
    def __init__(self, grid: QGridLayout, row: int, on_link: object) -> None:
        top = Qt.AlignmentFlag.AlignTop
        self.number = make_label("", "ticket-number")
        self.number.setTextFormat(Qt.TextFormat.RichText)
        self.number.linkActivated.connect(on_link)
        self.kind = badge("")
        self.subject = make_label("", "value", wrap=True)
        self.state = make_label("", "muted-small", wrap=True)
        cell = QVBoxLayout()
        cell.setSpacing(1)
        cell.addWidget(self.subject)
        cell.addWidget(self.state)
        grid.addWidget(self.number, row, 0, top)
        grid.addWidget(self.kind, row, 1, top)
        grid.addLayout(cell, row, 2)

    def set_visible(self, visible: bool) -> None:
        for widget in (self.number, self.kind, self.subject, self.state):
            widget.setVisible(visible)


class _ChannelRow:
    def __init__(self, grid: QGridLayout, row: int) -> None:
        top = Qt.AlignmentFlag.AlignTop
        self.channel = make_label("", "field")
        self.when = make_label("", "muted")
        self.summary = make_label("", "value", wrap=True)
        grid.addWidget(self.channel, row, 0, top)
        grid.addWidget(self.when, row, 1, top)
        grid.addWidget(self.summary, row, 2)

    def set_visible(self, visible: bool) -> None:
        for widget in (self.channel, self.when, self.summary):
            widget.setVisible(visible)


class CustomerCardView(QWidget):
    """Emits `linkActivated("ticket:1042")` and `linkActivated("merge:")`."""

    linkActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PopCardBody")
        self.data: CardData | None = None
        self.duplicate: PossibleDuplicate | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)

        # Who: name, badges, ids and ways to reach them, organisation.
        identity = QFrame()
        identity.setProperty("role", "card-header")
        box = QVBoxLayout(identity)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(6)
        self.name = make_label("", "customer-name", selectable=True, wrap=True)
        self.name.setObjectName("PopCustomerName")
        box.addWidget(self.name)
        badges = QHBoxLayout()
        badges.setSpacing(6)
        self.tier_badge = badge("")
        self.vip_badge = badge("", "vip")
        self.kind_badge = badge("")
        self.segment_badge = badge("")
        self.segment_badge.setObjectName("PopSegment")
        for b in (self.tier_badge, self.vip_badge, self.kind_badge, self.segment_badge):
            badges.addWidget(b)
        badges.addStretch(1)
        box.addLayout(badges)
        self.facts = make_label("", "muted", selectable=True, wrap=True)
        self.org = make_label("", "value", selectable=True, wrap=True)
        self.merged = make_label("", "muted-small")
        for label in (self.facts, self.org, self.merged):
            box.addWidget(label)
        layout.addWidget(identity)

        # What needs care: complaints in progress, the customer's warning.
        self.flags: list[QLabel] = []
        for _ in range(SHOWN_FLAGS):
            flag = make_label("", "flag", wrap=True)
            flag.setObjectName("PopComplaintFlag")
            flag.setTextFormat(Qt.TextFormat.RichText)
            flag.linkActivated.connect(self.linkActivated)
            self.flags.append(flag)
            layout.addWidget(flag)
        self.warning = make_label("", None, selectable=True, wrap=True)
        self.warning.setObjectName("WarningBanner")
        layout.addWidget(self.warning)

        # What they are worth.
        metrics = QHBoxLayout()
        metrics.setSpacing(8)
        self.metric_captions: list[QLabel] = []
        self.metric_values: list[QLabel] = []
        self.metric_tiles: list[QFrame] = []
        for _ in range(3):
            tile = QFrame()
            tile.setProperty("role", "metric")
            tile_box = QVBoxLayout(tile)
            tile_box.setContentsMargins(10, 7, 10, 7)
            tile_box.setSpacing(1)
            caption = make_label("", "metric-caption")
            value = make_label("", "metric-value-small", selectable=True)
            tile_box.addWidget(caption)
            tile_box.addWidget(value)
            self.metric_captions.append(caption)
            self.metric_values.append(value)
            self.metric_tiles.append(tile)
            metrics.addWidget(tile)
        layout.addLayout(metrics)

        # What is open.
        self.tickets = Card()
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.ticket_rows = [
            _TicketRow(grid, i, self.linkActivated.emit) for i in range(SHOWN_TICKETS)
        ]
        grid.setColumnStretch(2, 1)
        self.tickets.body.addLayout(grid)
        self.more_tickets = make_label("", "muted-small")
        self.tickets.body.addWidget(self.more_tickets)
        layout.addWidget(self.tickets)

        # When we last heard from them, per channel.
        self.channels = Card()
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(5)
        self.channel_rows = [_ChannelRow(grid, i) for i in range(SHOWN_CHANNELS)]
        grid.setColumnStretch(2, 1)
        self.channels.body.addLayout(grid)
        self.no_channels = make_label("", "muted")
        self.channels.body.addWidget(self.no_channels)
        layout.addWidget(self.channels)

        self.notes = Card()
        self.notes_text = make_label("", None, selectable=True, wrap=True)
        self.notes.body.addWidget(self.notes_text)
        layout.addWidget(self.notes)

        self.duplicate_hint = make_label("", "hint", wrap=True)
        self.duplicate_hint.setObjectName("PopDuplicateHint")
        self.duplicate_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.duplicate_hint.hide()
        layout.addWidget(self.duplicate_hint)
        layout.addStretch(1)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.vip_badge.setText(self.tr("VIP"))
        self.notes.title.setText(self.tr("Notes"))
        self.channels.title.setText(self.tr("Last contact per channel"))
        self.no_channels.setText(self.tr("No contact with this customer yet."))
        captions = (self.tr("Lifetime value"), self.tr("Orders"), self.tr("Last purchase"))
        for label, text in zip(self.metric_captions, captions, strict=True):
            label.setText(text)
        if self.data is not None:
            self.show_data(self.data, self.duplicate)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- filling ----------------------------------------------------------------------

    def show_data(self, d: CardData, duplicate: PossibleDuplicate | None = None) -> None:
        self.data = d
        self._identity(d)
        self._flags(d)
        _set(self.warning, f"⚠  {d.warning}" if d.warning else "")
        self._metrics(d)
        self._tickets(d)
        self._channels(d)
        self.notes_text.setText(d.notes or "")
        self.notes.setVisible(bool(d.notes))
        self.show_duplicate(duplicate)

    def show_duplicate(self, dup: PossibleDuplicate | None) -> None:
        self.duplicate = dup
        if dup is None:
            self.duplicate_hint.hide()
            return
        self.duplicate_hint.setText(
            self.tr("Possible duplicate: %1 (%2). Press M to compare and merge.")
            .replace("%1", dup.customer.name)
            .replace("%2", texts.duplicate_reason(dup.reason).lower())
        )
        self.duplicate_hint.show()

    def _identity(self, d: CardData) -> None:
        self.name.setText(d.name)
        self.tier_badge.setText(labels.tier(d.tier))
        _tone(self.tier_badge, _TIER_TONE.get(d.tier, "neutral"))
        self.vip_badge.setVisible(d.vip and d.tier != "vip")
        self.kind_badge.setText(labels.customer_kind(d.kind))
        if d.rfm is not None:
            self.segment_badge.setText(texts.segment(d.rfm.segment))
            _tone(self.segment_badge, texts.SEGMENT_TONE.get(d.rfm.segment, "info"))
            self.segment_badge.setToolTip(
                self.tr("Value segment (recency, frequency, money): %1").replace("%1", d.rfm.code)
            )
        self.segment_badge.setVisible(d.rfm is not None)
        facts = []
        if d.external_id:
            facts.append(self.tr("Customer ID %1").replace("%1", d.external_id))
        facts += d.phones[:2] + d.emails[:1]
        _set(self.facts, "  ·  ".join(facts))
        org = ""
        if d.organisation is not None:
            org = self.tr("Works at %1").replace("%1", d.organisation.name)
            if d.organisation.phone:
                org += f"  ·  {d.organisation.phone}"
        elif d.is_organisation:
            if d.members:
                people = ", ".join(
                    f"{m.name} ({m.phone})" if m.phone else m.name for m in d.members[:3]
                )
                org = self.tr("Contacts: %1").replace("%1", people)
                more = d.member_count - min(3, len(d.members))
                if more > 0:
                    org += " " + self.tr("and %1 more").replace("%1", str(more))
            else:
                org = self.tr("No contact people on file")
        _set(self.org, org)
        merged = d.requested_id != d.id
        _set(self.merged, self.tr("Merged record: showing the kept customer") if merged else "")

    def _flags(self, d: CardData) -> None:
        complaints = d.complaints[:SHOWN_FLAGS]
        for i, flag in enumerate(self.flags):
            if i >= len(complaints):
                flag.hide()
                continue
            t = complaints[i]
            text = texts.complaint_flag(t.sla, t.resolution_due, t.overdue_by)
            link = _link(f"ticket:{t.number}", t.display_number)
            flag.setText(f"<b>{html.escape(text)}</b><br>{link}  {html.escape(t.subject)}")
            flag.setAccessibleName(text)
            _tone(flag, "danger" if t.sla == SlaState.OVERDUE else "warn")
            flag.show()

    def _metrics(self, d: CardData) -> None:
        last = texts.ago(d.last_order_at) if d.last_order_at else self.tr("never")
        values = (formatting.money(d.lifetime_value, d.currency), str(d.order_count), last)
        for label, value in zip(self.metric_values, values, strict=True):
            label.setText(value)
        self.metric_tiles[2].setToolTip(d.last_product or "")

    def _ticket_state(self, t: OpenTicket) -> tuple[str, str]:
        facts = [labels.ticket_status(t.status), labels.priority(t.priority)]
        if t.sla == SlaState.OVERDUE and t.overdue_by is not None:
            late = self.tr("Overdue by %1").replace("%1", texts.duration(t.overdue_by))
            return "  ·  ".join([late, *facts]), "overdue"
        if t.resolution_due is not None and t.sla != SlaState.PAUSED:
            left = self.tr("due in %1").replace(
                "%1", texts.duration(t.resolution_due - datetime.now(UTC))
            )
            return "  ·  ".join([*facts, left]), "muted-small"
        return "  ·  ".join(facts), "muted-small"

    def _tickets(self, d: CardData) -> None:
        self.tickets.setVisible(bool(d.open_tickets))
        self.tickets.title.setText(
            self.tr("Open tickets (%1)").replace("%1", str(len(d.open_tickets)))
        )
        for i, row in enumerate(self.ticket_rows):
            if i >= len(d.open_tickets):
                row.set_visible(False)
                continue
            t = d.open_tickets[i]
            row.number.setText(_link(f"ticket:{t.number}", t.display_number))
            row.kind.setText(labels.ticket_kind(t.kind))
            _tone(row.kind, "danger" if t.is_complaint else "info")
            row.subject.setText(t.subject)
            state, role = self._ticket_state(t)
            row.state.setText(state)
            if row.state.property("role") != role:
                row.state.setProperty("role", role)
                row.state.style().unpolish(row.state)
                row.state.style().polish(row.state)
            row.set_visible(True)
        more = len(d.open_tickets) - SHOWN_TICKETS
        _set(self.more_tickets, self.tr("and %1 more").replace("%1", str(more)) if more > 0 else "")

    def _channels(self, d: CardData) -> None:
        self.no_channels.setVisible(not d.channels)
        for i, row in enumerate(self.channel_rows):
            if i >= len(d.channels):
                row.set_visible(False)
                continue
            c = d.channels[i]
            row.channel.setText(labels.channel(c.channel))
            row.when.setText(texts.ago(c.at))
            row.when.setToolTip(formatting.date_time(c.at))
            row.summary.setText(c.summary or "—")
            row.summary.setToolTip(
                self.tr("%1 contacts on this channel").replace("%1", str(c.count))
            )
            row.set_visible(True)
