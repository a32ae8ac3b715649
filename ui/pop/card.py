"""The screen-pop card: who is calling, raised the moment the call is handed over.

The number and "Looking up…" show at once; one background call (app.card.for_caller)
brings every candidate and the best one's card, which then fills in. A number shared
by a family or an office shows the most recently active customer with a switcher to
the others (← →). Everything works from the keyboard, because the agent is on the
phone: L logs the interaction, T opens a ticket, C files a complaint, Enter opens the
full customer view, M merges a suspected duplicate, Esc puts the card away. An
unknown caller gets the two-keystroke panel of ui.pop.unknown instead.

The card only emits what the agent asked for (signals below); the window that owns
it decides what opening a ticket means.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import card as card_mod
from app import lookup, phones
from app.card import CardData, PopResult, PossibleDuplicate
from app.offline_cache import OfflineCard
from app.outbox import state as offline_state
from app.pop_protocol import PopMessage
from app.rfm import Cutoffs
from db.engine import Database
from db.enums import TicketKind
from ui import formatting
from ui.app_messages import user_line
from ui.offline import offline_card_text, offline_unknown_text
from ui.pop import texts
from ui.pop.card_view import CustomerCardView
from ui.pop.unknown import UnknownCallerPanel
from ui.pop.widgets import KeyButton
from ui.widgets import clear_layout, make_label
from ui.worker import Task, run_in_background

WIDTH = 520
MIN_HEIGHT, MAX_HEIGHT = 420, 840
MAX_CHIPS = 6
# The duplicate hint (and the caller-log write, ui.pop.controller) start this long after
# the card is shown:
# work on other threads while the card is laid out and painted slows the painting
# (the GUI thread waits for the GIL at every Qt call), and neither is urgent.
FOLLOW_UP_MS = 30
SHOWN_TICKETS = 4
SHOWN_FLAGS = 3
_TIER_TONE = {"vip": "vip", "gold": "gold", "silver": "silver"}


@dataclass(frozen=True)
class PopIdentity:
    """What the caller log records about a pop once it is looked up."""

    call_ref: str
    number: str
    customer_id: uuid.UUID | None
    display_name: str | None
    offered_at: datetime | None = None  # when this call rang (a later pop moves the card's)


class PopCard(QWidget):
    """One card window, reused for every call (a new pop replaces the previous one)."""

    logInteractionRequested = Signal(object, str)  # customer id, call ref
    newTicketRequested = Signal(object, str)  # customer id, ticket kind
    openTicketRequested = Signal(int)  # ticket number
    openCustomerRequested = Signal(object)  # customer id
    mergeRequested = Signal(object, object)  # shown customer id, suspected duplicate id
    identified = Signal(object)  # PopIdentity: after the lookup, for the caller log
    customerLinked = Signal(object, str)  # customer id, "created" | "attached"
    ready = Signal(float)  # ms from the message's arrival to the final card on screen

    PAGE_WAIT, PAGE_CUSTOMER, PAGE_UNKNOWN, PAGE_ERROR = range(4)

    def __init__(self, db: Database, region: str = "VN", parent: QWidget | None = None) -> None:
        flags = Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(parent, flags)
        self.setObjectName("PopCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.db = db
        self.region = region
        self.message: PopMessage | None = None
        self.call_ref = ""
        self.normalized: str | None = None
        self.arrived = 0.0
        self.offered_at = datetime.now(UTC)
        self.result: PopResult | None = None
        self.index = 0
        self.data: CardData | None = None
        self.duplicates: list[PossibleDuplicate] = []
        self.cutoffs: Cutoffs | None = None
        self.serial = 0  # pops so far
        self.final_serial = 0  # the pop whose final card is on screen
        self.last_ms: float | None = None  # arrival to final card of the last pop
        self._task: Task | None = None
        self._dup_task: Task | None = None
        self._looking = False  # a lookup for the current pop is running
        self._note = ""  # a line after a create/attach/merge ("Customer created")
        self._error = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        outer.addWidget(self._build_switcher())
        self.pages = QStackedWidget()
        self.pages.setObjectName("PopBody")
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_wait())
        self.pages.addWidget(self._build_customer())
        self.unknown = UnknownCallerPanel(db, region)
        self.unknown.identified.connect(self._linked)
        self.pages.addWidget(self.unknown)
        self.pages.addWidget(self._build_error())
        outer.addWidget(self._build_footer())
        # Explicit bounds, and the layout never changes them: the content changes with
        # every call, and some platforms refuse (and warn about) live size-hint changes.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(WIDTH, MIN_HEIGHT)
        self.setMaximumWidth(WIDTH)
        self.resize(WIDTH, MIN_HEIGHT)
        self.retranslate()

    # -- construction -----------------------------------------------------------------

    def _build_header(self) -> QWidget:
        header = QFrame()
        header.setObjectName("PopHeader")
        layout = QVBoxLayout(header)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.kicker = make_label("", "pop-kicker")
        self.clock = make_label("", "pop-kicker")
        top.addWidget(self.kicker)
        top.addStretch(1)
        top.addWidget(self.clock)
        layout.addLayout(top)
        self.number_label = make_label("", "pop-number", selectable=True)
        self.number_label.setObjectName("PopNumber")
        layout.addWidget(self.number_label)
        self.caller_name = make_label("", "pop-caller-name")
        layout.addWidget(self.caller_name)
        self.status = make_label("", "pop-status", wrap=True)
        self.status.setObjectName("PopStatus")
        layout.addWidget(self.status)
        return header

    def _build_switcher(self) -> QWidget:
        self.switcher = QFrame()
        self.switcher.setObjectName("PopSwitcher")
        layout = QVBoxLayout(self.switcher)
        layout.setContentsMargins(20, 8, 20, 10)
        layout.setSpacing(6)
        self.switcher_title = make_label("", "pop-switcher-title")
        layout.addWidget(self.switcher_title)
        self.chips_row = QHBoxLayout()
        self.chips_row.setSpacing(6)
        layout.addLayout(self.chips_row)
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chip_group.idClicked.connect(self.switch_to)
        self.switcher.hide()
        return self.switcher

    def _build_wait(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.wait_label = make_label("", "empty-title")
        self.wait_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.wait_label)
        layout.addStretch(2)
        return page

    def _build_customer(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setObjectName("PopScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view = CustomerCardView()
        self.view.linkActivated.connect(self._open_link)
        scroll.setWidget(self.view)
        self.scroll_area = scroll
        return scroll

    def _build_error(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 20, 20, 20)
        self.error_label = make_label("", "error", selectable=True, wrap=True)
        layout.addWidget(self.error_label)
        self.retry = KeyButton("R")
        self.retry.clicked.connect(self.retry_lookup)
        row = QHBoxLayout()
        row.addWidget(self.retry)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _build_footer(self) -> QWidget:
        self.footer = QFrame()
        self.footer.setObjectName("PopFooter")
        layout = QHBoxLayout(self.footer)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(5)
        self.log_button = KeyButton("L")
        self.log_button.clicked.connect(self.log_interaction)
        self.ticket_button = KeyButton("T")
        self.ticket_button.clicked.connect(self.new_ticket)
        self.complaint_button = KeyButton("C")
        self.complaint_button.clicked.connect(self.file_complaint)
        self.open_button = KeyButton("↵")
        self.open_button.setProperty("tone", "primary")
        self.open_button.clicked.connect(self.open_customer)
        for button in (self.log_button, self.ticket_button, self.complaint_button):
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.open_button)
        return self.footer

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Incoming call"))
        self.kicker.setText(self.tr("INCOMING CALL"))
        self.wait_label.setText(self.tr("Looking up…"))
        self.log_button.set_text(self.tr("Log call"))
        self.ticket_button.set_text(self.tr("Ticket"))
        self.complaint_button.set_text(self.tr("Complaint"))
        self.open_button.set_text(self.tr("Open customer"))
        self.retry.set_text(self.tr("Try again"))
        self._show_status()
        self._fill_switcher()
        if self._error:
            self.error_label.setText(self.tr("The lookup failed: %1").replace("%1", self._error))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- a call arrives ---------------------------------------------------------------

    def pop(self, message: PopMessage, call_ref: str, arrived: float | None = None) -> None:
        """Show the call now, look it up in the background, fill in when it answers."""
        for task in (self._task, self._dup_task):
            if task is not None:
                task.cancel()
        self._task = self._dup_task = None
        self.serial += 1
        self.message, self.call_ref = message, call_ref
        self.arrived = arrived if arrived is not None else time.perf_counter()
        self.offered_at = datetime.now(UTC)
        self.normalized = lookup.probe(message.number, self.region).normalized
        self.result, self.data, self.index, self.duplicates = None, None, 0, []
        self._note, self._error = "", ""
        self.number_label.setText(texts.number(message.number, self.normalized))
        self.number_label.setToolTip(message.number)
        self.caller_name.setText(message.name or "")
        self.caller_name.setVisible(bool(message.name))
        self.clock.setText(formatting.local(self.offered_at).strftime("%H:%M"))
        self._looking = True
        self.pages.setCurrentIndex(self.PAGE_WAIT)
        self._fill_switcher()
        self._show_status()
        self._set_actions(False)
        self._fit()
        self.present()
        self._lookup()

    def _lookup(self) -> None:
        assert self.message is not None
        self._task = run_in_background(
            card_mod.for_caller,
            self.db,
            self.message.number,
            self.region,
            on_result=self._found,
            on_error=self._failed,
        )

    def retry_lookup(self) -> None:
        if self.message is not None and self._task is None:
            self._error = ""
            self._looking = True
            self.pages.setCurrentIndex(self.PAGE_WAIT)
            self._show_status()
            self._lookup()

    def present(self) -> None:
        """Put the card in front, beside the main window's top-right corner."""
        if not self.isVisible():
            self.move(self._corner())
        self.show()
        if QGuiApplication.platformName() not in ("offscreen", "minimal"):
            self.raise_()  # (those platforms have no stacking and say so loudly)
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _corner(self) -> QPoint:
        parent = self.parentWidget()
        if parent is not None and parent.isVisible():
            frame = parent.frameGeometry()
            return QPoint(frame.right() - WIDTH - 24, frame.top() + 90)
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QPoint(40, 40)
        area = screen.availableGeometry()
        return QPoint(area.right() - WIDTH - 24, area.top() + 24)

    def _found(self, result: PopResult) -> None:
        self._task = None
        self._looking = False
        self.result = result
        self.normalized = result.normalized
        assert self.message is not None
        self.number_label.setText(texts.number(self.message.number, result.normalized))
        best = result.matches[0].customer_id if result.matches else None
        self.identified.emit(
            PopIdentity(
                self.call_ref, self.message.number, best, self.message.name, self.offered_at
            )
        )
        if result.card is None:
            self.data = None
            self._fill_switcher()
            self.unknown.start(
                self.message.number, result.normalized, self.message.name, self.call_ref
            )
            self.pages.setCurrentIndex(self.PAGE_UNKNOWN)
            self._set_actions(False)
            self._show_status()
            self._fit()
            self.present()
            self._finished()
            return
        self._show_data(result.card)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._looking = False
        first = user_line(exc)
        self._error = first
        self.error_label.setText(self.tr("The lookup failed: %1").replace("%1", first))
        self.pages.setCurrentIndex(self.PAGE_ERROR)
        self._set_actions(False)
        self._show_status()
        self._fit()
        if self.message is not None and self.result is None:
            self.identified.emit(
                PopIdentity(
                    self.call_ref, self.message.number, None, self.message.name, self.offered_at
                )
            )
        self._finished()

    def _finished(self) -> None:
        self.final_serial = self.serial
        self.last_ms = (time.perf_counter() - self.arrived) * 1000
        self.ready.emit(self.last_ms)

    def _show_data(self, data: CardData) -> None:
        if self.cutoffs is not None and data.rfm is None:
            data.rescore(self.cutoffs)
        self.data = data
        self.duplicates = []
        self._fill_switcher()
        self.view.show_data(data)
        full = not isinstance(data, OfflineCard)  # the saved copy knows no orders, contacts
        for tile in self.view.metric_tiles:
            tile.setVisible(full)
        self.view.channels.setVisible(full)
        self.scroll_area.verticalScrollBar().setValue(0)
        if self.pages.currentIndex() != self.PAGE_CUSTOMER:
            self.pages.setCurrentIndex(self.PAGE_CUSTOMER)
        self._set_actions(True)
        self._show_status()
        self._fit()
        self._finished()
        self._look_for_duplicates(data.id)

    def _look_for_duplicates(self, customer_id: uuid.UUID) -> None:
        """Once the card is up, look for a duplicate of the customer shown (while they
        still are): a hint, not worth slowing the card for."""
        serial = self.serial

        def run() -> None:
            shown = self.data is not None and self.data.id == customer_id
            if self.serial == serial and shown:
                self._dup_task = run_in_background(
                    card_mod.possible_duplicates,
                    self.db,
                    customer_id,
                    on_result=self._duplicates_arrived,
                    on_error=lambda _exc: None,
                )

        QTimer.singleShot(FOLLOW_UP_MS, self, run)

    # -- switching and reloading ------------------------------------------------------

    def candidates(self) -> list[lookup.Match]:
        return list(self.result.matches) if self.result is not None else []

    def switch_to(self, index: int) -> None:
        """Show candidate `index` of a shared number."""
        matches = self.candidates()
        if not 0 <= index < len(matches) or (index == self.index and self.data is not None):
            return
        self.index = index
        self._load(matches[index].customer_id)

    def show_customer(self, customer_id: uuid.UUID, note: str = "") -> None:
        """Replace what the card shows by `customer_id`'s card (after create or merge)."""
        self._note = note
        self._load(customer_id)

    def _load(self, customer_id: uuid.UUID) -> None:
        if self._task is not None:
            self._task.cancel()
        if self._dup_task is not None:
            self._dup_task.cancel()
            self._dup_task = None
        self._fill_switcher()
        self.status.setText(self.tr("Loading the customer…"))
        self._task = run_in_background(
            card_mod.build,
            self.db,
            customer_id,
            on_result=self._card_arrived,
            on_error=self._failed,
        )

    def _card_arrived(self, data: CardData | None) -> None:
        self._task = None
        if data is None:
            self._error = self.tr("this customer no longer exists")
            self.error_label.setText(self._error)
            self.pages.setCurrentIndex(self.PAGE_ERROR)
            self._set_actions(False)
            self._show_status()
            return
        self._show_data(data)

    def customer_merged(self, kept: uuid.UUID, merged: uuid.UUID) -> None:
        """A merge happened: candidates and the card now mean the kept customer."""
        if self.result is not None:
            seen: set[uuid.UUID] = set()
            matches = []
            for m in self.result.matches:
                if m.customer_id == merged:
                    m = lookup.Match(
                        kept, m.external_id, m.name, m.kind, m.tier, m.matched_on, m.last_activity
                    )
                if m.customer_id not in seen:
                    seen.add(m.customer_id)
                    matches.append(m)
            self.result.matches = matches
            self.index = next((i for i, m in enumerate(matches) if m.customer_id == kept), 0)
        if self.data is not None and self.data.id in (kept, merged):
            self.show_customer(kept, self.tr("Records merged"))
        else:
            self._fill_switcher()

    def set_cutoffs(self, cutoffs: Cutoffs) -> None:
        """RFM cut-offs computed in the background arrived: score the card if it lacks."""
        self.cutoffs = cutoffs
        if self.data is not None and self.data.rfm is None:
            self.data.rescore(cutoffs)
            if self.data.rfm is not None:
                self.view.show_data(self.data, self.duplicates[0] if self.duplicates else None)

    def _linked(self, customer_id: uuid.UUID, how: str) -> None:
        self.customerLinked.emit(customer_id, how)
        note = self.tr("Customer created") if how == "created" else self.tr("Number attached")
        self.show_customer(customer_id, note)

    def _duplicates_arrived(self, found: list[PossibleDuplicate]) -> None:
        self._dup_task = None
        self.duplicates = found
        if found and self.data is not None:
            self.view.show_duplicate(found[0])
            self._fit()

    # -- actions ----------------------------------------------------------------------

    def shown_id(self) -> uuid.UUID | None:
        return self.data.id if self.data is not None else None

    def log_interaction(self) -> None:
        if self.data is not None:
            self.logInteractionRequested.emit(self.data.id, self.call_ref)

    def new_ticket(self) -> None:
        if self.data is not None:
            self.newTicketRequested.emit(self.data.id, TicketKind.INQUIRY.value)

    def file_complaint(self) -> None:
        if self.data is not None:
            self.newTicketRequested.emit(self.data.id, TicketKind.COMPLAINT.value)

    def open_customer(self) -> None:
        if self.data is not None:
            self.openCustomerRequested.emit(self.data.id)

    def merge_duplicate(self) -> None:
        if self.data is not None and self.duplicates:
            self.mergeRequested.emit(self.data.id, self.duplicates[0].customer.id)

    def _open_link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "ticket" and value.isdigit():
            self.openTicketRequested.emit(int(value))
        elif kind == "merge":
            self.merge_duplicate()

    def _set_actions(self, enabled: bool) -> None:
        for button in (
            self.log_button,
            self.ticket_button,
            self.complaint_button,
            self.open_button,
        ):
            button.setEnabled(enabled)
        self.footer.setVisible(self.pages.currentIndex() in (self.PAGE_WAIT, self.PAGE_CUSTOMER))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        page = self.pages.currentIndex()
        if page == self.PAGE_UNKNOWN and self.unknown.handle_key(event):
            return True
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if page == self.PAGE_ERROR and key == Qt.Key.Key_R:
            self.retry_lookup()
            return True
        if page != self.PAGE_CUSTOMER or self.data is None:
            return False
        actions: dict[Qt.Key, Callable[[], object]] = {
            Qt.Key.Key_L: self.log_interaction,
            Qt.Key.Key_T: self.new_ticket,
            Qt.Key.Key_C: self.file_complaint,
            Qt.Key.Key_O: self.open_customer,
            Qt.Key.Key_Return: self.open_customer,
            Qt.Key.Key_Enter: self.open_customer,
            Qt.Key.Key_M: self.merge_duplicate,
            Qt.Key.Key_Right: lambda: self.switch_to(self.index + 1),
            Qt.Key.Key_Left: lambda: self.switch_to(self.index - 1),
        }
        action = actions.get(key)
        if action is None:
            return False
        action()
        return True

    # -- painting ---------------------------------------------------------------------

    def _show_status(self) -> None:
        page = self.pages.currentIndex()
        tone = ""
        if self.message is None:
            text = ""
        elif self._looking or page == self.PAGE_WAIT:
            text = self.tr("Looking up…")
        elif page == self.PAGE_ERROR:
            text, tone = self.tr("Lookup failed"), "error"
        elif page == self.PAGE_UNKNOWN:
            text = (
                self.tr("Number withheld")
                if self.normalized is None
                else self.tr("Not in the directory")
            )
            if offline_state.is_offline(self.db):
                text, tone = offline_unknown_text(text), "warning"
        elif self._note:
            text = self._note
        elif isinstance(self.data, OfflineCard):  # the server is away (issue #5)
            text, tone = offline_card_text(self.data), "warning"
        else:
            matches = self.candidates()
            if len(matches) > 1:
                text = self.tr("%1 customers share this number").replace("%1", str(len(matches)))
            elif matches:
                text = self.tr("Known customer · %1").replace(
                    "%1", texts.matched_on(matches[0].matched_on)
                )
            else:
                text = self.tr("Known customer")
        self.status.setText(text)
        if self.status.property("tone") != tone:
            self.status.setProperty("tone", tone)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)

    def _fill_switcher(self) -> None:
        for button in self.chip_group.buttons():
            self.chip_group.removeButton(button)
        clear_layout(self.chips_row)
        matches = self.candidates()
        if len(matches) < 2:
            self.switcher.hide()
            return
        self.switcher_title.setText(
            self.tr("Shared number: %1 of %2 · ← → to switch")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(len(matches)))
        )
        shown = list(enumerate(matches))[:MAX_CHIPS]
        if self.index >= MAX_CHIPS:
            shown[-1] = (self.index, matches[self.index])
        for i, m in shown:
            chip = QPushButton(m.name)
            chip.setProperty("role", "pop-chip")
            chip.setCheckable(True)
            chip.setChecked(i == self.index)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setToolTip(texts.matched_on(m.matched_on))
            self.chip_group.addButton(chip, i)
            self.chips_row.addWidget(chip)
        if len(matches) > MAX_CHIPS:
            more = make_label(f"+{len(matches) - MAX_CHIPS}", "muted")
            self.chips_row.addWidget(more)
        self.chips_row.addStretch(1)
        self.switcher.show()

    def _fit(self) -> None:
        """Height to the content, within bounds (width is fixed)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        page = self.pages.currentWidget()
        if page is None:
            return
        body = page.sizeHint().height()
        if page is self.scroll_area and self.scroll_area.widget() is not None:
            inner = self.scroll_area.widget()
            assert inner is not None
            inner.adjustSize()
            body = inner.sizeHint().height()
        chrome = layout.sizeHint().height() - page.sizeHint().height()
        height = max(MIN_HEIGHT, min(self._max_height(), chrome + body + 8))
        if height != self.height():
            self.resize(WIDTH, height)

    def _max_height(self) -> int:
        """MAX_HEIGHT, or less on a small screen (the card must fit on it)."""
        screen = self.screen() if self.isVisible() else QGuiApplication.primaryScreen()
        if screen is None or QGuiApplication.platformName() in ("offscreen", "minimal"):
            return MAX_HEIGHT
        return max(MIN_HEIGHT, min(MAX_HEIGHT, screen.availableGeometry().height() - 60))


def number_for_display(raw: str, region: str = phones.DEFAULT_REGION) -> str:
    """The national format of a raw caller id, as the card header shows it."""
    return texts.number(raw, lookup.probe(raw, region).normalized)
