"""New ticket / file complaint, with the routing decision shown while the agent types.

Every edit restarts a short timer; when typing pauses, app.tickets.route_preview runs
in the background and the line under the form says where the ticket will go, with
which deadline and priority, and why ("→ Delivery · 24 hours · High — because text
mentions 'giao hang'"). A newer preview cancels an older one, so a slow answer never
overwrites a fresher one. Save stores it with app.tickets.create_ticket.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app import ticket_options, tickets
from app.auth import CurrentUser
from app.outbox import writes
from app.ticket_options import TicketOptions
from app.tickets import TicketInput, TicketView
from db.engine import Database
from db.enums import Channel, TicketKind
from ui import labels
from ui.tickets import texts
from ui.tickets.bus import bus
from ui.tickets.form_dialog import FormDialog
from ui.tickets.forms import fill_combo, relabel
from ui.widgets import grow_to_fit, make_label
from ui.worker import Task, run_in_background

PREVIEW_DELAY_MS = 300


class NewTicketDialog(FormDialog):
    """Emits `created(TicketView)` once stored; `preview` holds the last routing answer."""

    created = Signal(object)
    previewed = Signal(object)

    def __init__(
        self,
        db: Database,
        user: CurrentUser,
        customer_id: uuid.UUID | None,
        kind: str = TicketKind.INQUIRY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("NewTicketDialog", 640, 640, parent)
        self.db, self.user, self.customer_id = db, user, customer_id
        self.options = TicketOptions()
        self.preview: dict[str, Any] | None = None
        self.preview_error = ""
        self.view: TicketView | None = None
        self._preview_task: Task | None = None

        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        fill_combo(self.kind, ((labels.ticket_kind(k), str(k)) for k in TicketKind), kind)
        self.category = QComboBox()
        self.category.setObjectName("category")
        self.subcategory = QComboBox()
        self.subcategory.setObjectName("subcategory")
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        fill_combo(self.channel, ((labels.channel(c), str(c)) for c in Channel))
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.text = QPlainTextEdit()
        self.text.setObjectName("text")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(120)
        self.product = QLineEdit()
        self.product.setObjectName("product")
        self.supplier = QComboBox()
        self.supplier.setObjectName("supplier")
        self.route = make_label("", "hint", wrap=True)
        self.route.setObjectName("RoutingPreview")
        self.route.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.route.font()
        bold.setBold(True)
        self.route.setFont(bold)
        self.route_caption = make_label("", "section")
        fields = (
            self.kind,
            self.category,
            self.subcategory,
            self.channel,
            self.subject,
            self.text,
            self.product,
            self.supplier,
        )
        self.lay_out(fields, (self.route_caption, self.route, self.error), self.text)

        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.request_preview)
        for combo in (self.kind, self.subcategory, self.channel, self.supplier):
            combo.currentIndexChanged.connect(self._edited)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.kind.currentIndexChanged.connect(self._update_title)
        self.subject.textEdited.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        self.product.textEdited.connect(self._edited)
        self.retranslate()
        (self.text if kind == TicketKind.COMPLAINT else self.subject).setFocus()
        grow_to_fit(self)
        run_in_background(
            ticket_options.load,
            db,
            customer_id,
            on_result=self._options_loaded,
            on_error=self._options_failed,
        )

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._update_title()
        self.retranslate_form(
            (
                self.tr("Kind"),
                self.tr("Category"),
                self.tr("Subcategory"),
                self.tr("Channel"),
                self.tr("Subject"),
                self.tr("Description"),
                self.tr("Product"),
                self.tr("Supplier"),
            )
        )
        relabel(self.kind, labels.ticket_kind)
        relabel(self.channel, labels.channel)
        self._fill_categories()
        self._fill_subcategories()
        self._fill_suppliers()
        self.subject.setPlaceholderText(self.tr("One line; taken from the description if empty"))
        self.text.setPlaceholderText(self.tr("What happened, in the customer's words"))
        self.product.setPlaceholderText(self.tr("Optional: the product concerned"))
        self.route_caption.setText(self.tr("ROUTING"))
        self._show_preview()

    def _update_title(self, *_args: object) -> None:
        complaint = self.kind.currentData() == TicketKind.COMPLAINT
        title = self.tr("File complaint") if complaint else self.tr("New ticket")
        self.setWindowTitle(title)
        self.title.setText(title)
        self.save_button.setText(
            self.tr("File complaint") if complaint else self.tr("Create ticket")
        )
        c = self.options.customer
        if self.customer_id is None:
            self.subtitle.setText(self.tr("No customer linked"))
        elif c is None:
            self.subtitle.setText(self.tr("Loading the customer…"))
        else:
            facts = [c.name, labels.tier(c.tier)]
            if c.external_id:
                facts.insert(1, c.external_id)
            self.subtitle.setText("  ·  ".join(facts))

    # -- reference data ---------------------------------------------------------------

    def _options_loaded(self, options: TicketOptions) -> None:
        self.options = options
        self._fill_categories()
        self._fill_subcategories()
        self._fill_suppliers()
        self._update_title()
        self.request_preview()

    def _options_failed(self, exc: BaseException) -> None:
        self.error.show_error(texts.first_line(exc))

    def _fill_categories(self) -> None:
        fill_combo(
            self.category,
            [
                (self.tr("— not chosen —"), None),
                *((c.name, c.code) for c in self.options.top_categories()),
            ],
        )

    def _fill_subcategories(self) -> None:
        children = self.options.children(self.category.currentData())
        fill_combo(
            self.subcategory,
            [(self.tr("— not chosen —"), None), *((c.name, c.code) for c in children)],
        )
        self.subcategory.setEnabled(bool(children))

    def _fill_suppliers(self) -> None:
        fill_combo(
            self.supplier,
            [(self.tr("— none —"), None), *((d.name, d.code) for d in self.options.suppliers())],
        )

    def _category_changed(self, *_args: object) -> None:
        self._fill_subcategories()
        self._edited()

    # -- routing preview --------------------------------------------------------------

    def ticket_input(self) -> TicketInput:
        return TicketInput(
            customer=str(self.customer_id) if self.customer_id else None,
            kind=self.kind.currentData(),
            category=self.category.currentData(),
            subcategory=self.subcategory.currentData(),
            channel=self.channel.currentData(),
            subject=self.subject.text().strip(),
            text=self.text.toPlainText().strip(),
            product=self.product.text().strip() or None,
            supplier=self.supplier.currentData(),
        )

    def _edited(self, *_args: object) -> None:
        self.error.show_error("")
        self.preview_timer.start()

    def request_preview(self) -> None:
        self.preview_timer.stop()
        if self._preview_task is not None:
            self._preview_task.cancel()
        self._preview_task = run_in_background(
            tickets.route_preview,
            self.db,
            self.ticket_input(),
            on_result=self._preview_arrived,
            on_error=self._preview_failed,
        )

    def is_previewing(self) -> bool:
        return self._preview_task is not None or self.preview_timer.isActive()

    def _preview_arrived(self, preview: dict[str, Any]) -> None:
        self._preview_task = None
        self.preview, self.preview_error = preview, ""
        self._show_preview()
        self.previewed.emit(preview)

    def _preview_failed(self, exc: BaseException) -> None:
        self._preview_task = None
        self.preview, self.preview_error = None, texts.first_line(exc)
        self._show_preview()

    def preview_text(self) -> str:
        p = self.preview
        if p is None:
            return self.preview_error or self.tr("Working out where this goes…")
        dep = p.get("department_name") or p.get("department")
        if not dep:
            dep = (
                self.options.department_name(tickets.FALLBACK_DEPARTMENT)
                or tickets.FALLBACK_DEPARTMENT
            )
            parts = ["→ " + dep]
            why = self.tr("no routing rule matched: the fallback desk")
        else:
            parts = ["→ " + dep]
            names = {c.code: c.name for c in self.options.categories}
            reasons = [
                texts.reason(r, lambda code: names.get(code, code)) for r in p.get("reasons") or []
            ]
            why = self.tr("because %1").replace("%1", "; ".join(reasons)) if reasons else ""
        if p.get("sla_policy"):
            parts.append(p["sla_policy"])
        if p.get("priority"):
            parts.append(labels.priority(p["priority"]))
        text = " · ".join(parts)
        return f"{text} — {why}" if why else text

    def _show_preview(self) -> None:
        self.route.setText(self.preview_text())

    # -- saving -----------------------------------------------------------------------

    def save(self) -> None:
        if self.is_saving():
            return
        inp = self.ticket_input()
        if not inp.subject and not inp.text:
            self.error.show_error(self.tr("Write a subject or a description."))
            self.text.setFocus()
            return
        self.save_in_background(
            writes.create_ticket,  # through the outbox when offline (issue #5)
            self.db,
            inp,
            self.user.id,
            on_saved=self._created,
        )

    def _created(self, view: TicketView) -> None:
        self.view = view
        bus().ticketChanged.emit(view.number)
        self.created.emit(view)
        self.accept()

    def done(self, result: int) -> None:
        self.preview_timer.stop()
        if self._preview_task is not None:
            self._preview_task.cancel()
        super().done(result)
