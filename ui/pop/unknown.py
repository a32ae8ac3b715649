"""The unknown caller: make them a customer, or give their number to one we know.

Two keystrokes each: N then Enter creates a customer with the number (the name field
starts filled with the phone system's display name, or a placeholder name to fix
later, all selected so typing replaces it); A then Enter attaches the number to the
first customer the search finds (the search starts with the display name, or with
the customer open in the main window). The write runs in the background and stores
the contact point the way app.lookup reads it, so the next ring finds them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.outbox import writes
from db.engine import Database
from db.enums import CustomerKind
from ui import labels
from ui.app_messages import user_line
from ui.pop import texts
from ui.pop.picker import CustomerPicker
from ui.pop.widgets import KeyButton
from ui.widgets import make_label
from ui.worker import Task, run_in_background


class _Choice(QPushButton):
    """A big keyboard tile: keycap, title, one line of explanation."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.setProperty("role", "pop-choice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 12, 14, 12)
        row.setSpacing(14)
        self.keycap = make_label(key, "keycap-big")
        self.keycap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.keycap, 0, Qt.AlignmentFlag.AlignVCenter)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.title = make_label("", "choice-title")
        self.hint = make_label("", "choice-hint", wrap=True)
        words.addWidget(self.title)
        words.addWidget(self.hint)
        row.addLayout(words, 1)
        for label in (self.keycap, self.title, self.hint):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(72)


class UnknownCallerPanel(QWidget):
    """Emits `identified(customer_id, how)` with how = "created" or "attached"."""

    identified = Signal(object, str)
    PAGE_CHOICE, PAGE_NEW, PAGE_ATTACH = range(3)

    def __init__(self, db: Database, region: str = "VN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnknownCaller")
        self.db = db
        self.region = region
        self.number = ""
        self.normalized: str | None = None
        self.display_name: str | None = None
        self.call_ref: str | None = None
        self._task: Task | None = None
        self._new_id: uuid.UUID | None = None
        self.suggest: Callable[[], list[uuid.UUID]] = list

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.pages.addWidget(self._build_choice())
        self.pages.addWidget(self._build_new())
        self.pages.addWidget(self._build_attach())
        self.retranslate()

    # -- construction -----------------------------------------------------------------

    def _build_choice(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.setSpacing(12)
        self.title = make_label("", "empty-title", wrap=True)
        self.title.setObjectName("UnknownTitle")
        self.subtitle = make_label("", "muted", wrap=True)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        self.new_choice = _Choice("N")
        self.new_choice.clicked.connect(self.open_new)
        self.attach_choice = _Choice("A")
        self.attach_choice.clicked.connect(self.open_attach)
        layout.addWidget(self.new_choice)
        layout.addWidget(self.attach_choice)
        layout.addStretch(1)
        self.choice_status = make_label("", "muted-small", wrap=True)
        layout.addWidget(self.choice_status)
        self.dismiss_hint = make_label("", "muted-small", wrap=True)
        layout.addWidget(self.dismiss_hint)
        return page

    def _build_new(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(12)
        self.new_title = make_label("", "choice-title")
        layout.addWidget(self.new_title)
        form_card = QFrame()
        form_card.setProperty("role", "card")
        form = QFormLayout(form_card)
        form.setContentsMargins(16, 14, 16, 14)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("NewCustomerName")
        self.name_edit.setMaxLength(200)
        self.name_edit.returnPressed.connect(self.create_customer)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("NewCustomerKind")
        self.kind_box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.number_value = make_label("", "value", selectable=True)
        self.name_caption = make_label("", "field")
        self.kind_caption = make_label("", "field")
        self.number_caption = make_label("", "field")
        form.addRow(self.name_caption, self.name_edit)
        form.addRow(self.kind_caption, self.kind_box)
        form.addRow(self.number_caption, self.number_value)
        layout.addWidget(form_card)
        self.new_status = make_label("", "muted-small", wrap=True)
        layout.addWidget(self.new_status)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.new_back = KeyButton("Esc")
        self.new_back.clicked.connect(self.back)
        self.new_ok = KeyButton("↵")
        self.new_ok.setProperty("tone", "primary")
        self.new_ok.clicked.connect(self.create_customer)
        buttons.addWidget(self.new_back)
        buttons.addStretch(1)
        buttons.addWidget(self.new_ok)
        layout.addLayout(buttons)
        return page

    def _build_attach(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(10)
        self.attach_title = make_label("", "choice-title")
        layout.addWidget(self.attach_title)
        self.picker = CustomerPicker(self.db)
        self.picker.picked.connect(self.attach)
        layout.addWidget(self.picker, 1)
        self.attach_status = make_label("", "muted-small", wrap=True)
        layout.addWidget(self.attach_status)
        buttons = QHBoxLayout()
        self.attach_back = KeyButton("Esc")
        self.attach_back.clicked.connect(self.back)
        self.attach_ok = KeyButton("↵")
        self.attach_ok.setProperty("tone", "primary")
        self.attach_ok.clicked.connect(self.picker.confirm)
        buttons.addWidget(self.attach_back)
        buttons.addStretch(1)
        buttons.addWidget(self.attach_ok)
        layout.addLayout(buttons)
        return page

    def retranslate(self) -> None:
        withheld = self.normalized is None
        shown = texts.number(self.number, self.normalized) if self.number else ""
        if withheld:
            self.title.setText(self.tr("Number withheld"))
            self.subtitle.setText(
                self.tr("The caller hid their number. You can still create a customer.")
            )
        else:
            self.title.setText(self.tr("Unknown caller"))
            self.subtitle.setText(
                self.tr("%1 is not in the customer directory.").replace("%1", shown)
            )
        self.new_choice.title.setText(self.tr("New customer"))
        self.new_choice.hint.setText(
            self.tr("Create a customer with this number")
            if not withheld
            else self.tr("Create a customer without a number")
        )
        self.attach_choice.title.setText(self.tr("Attach to existing"))
        self.attach_choice.hint.setText(
            self.tr("Add this number to a customer you find")
            if not withheld
            else self.tr("Not possible: there is no number to attach")
        )
        self.attach_choice.setEnabled(not withheld)
        self.dismiss_hint.setText(
            self.tr("Esc dismisses the card; the call stays in the caller log (Ctrl+Shift+L).")
        )
        self.new_title.setText(self.tr("New customer"))
        self.name_caption.setText(self.tr("Name"))
        self.kind_caption.setText(self.tr("Kind"))
        self.number_caption.setText(self.tr("Number"))
        self.number_value.setText(shown or self.tr("withheld"))
        current = self.kind_box.currentIndex()
        self.kind_box.clear()
        self.kind_box.addItem(labels.customer_kind(CustomerKind.PERSON), CustomerKind.PERSON.value)
        self.kind_box.addItem(
            labels.customer_kind(CustomerKind.ORGANIZATION), CustomerKind.ORGANIZATION.value
        )
        self.kind_box.setCurrentIndex(max(0, current))
        self.new_back.set_text(self.tr("Back"))
        self.new_ok.set_text(self.tr("Create customer"))
        self.attach_title.setText(self.tr("Attach %1 to a customer").replace("%1", shown))
        self.attach_back.set_text(self.tr("Back"))
        self.attach_ok.set_text(self.tr("Attach to selected"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- driving ----------------------------------------------------------------------

    def start(
        self, number: str, normalized: str | None, display_name: str | None, call_ref: str
    ) -> None:
        """A new unknown caller: back to the choice, nothing half-typed kept."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.number, self.normalized = number, normalized
        self.display_name, self.call_ref = display_name, call_ref
        self._new_id = None
        self._set_busy(False)
        for label in (self.choice_status, self.new_status, self.attach_status):
            label.clear()
        self.retranslate()
        self.pages.setCurrentIndex(self.PAGE_CHOICE)

    def page(self) -> int:
        return self.pages.currentIndex()

    def open_new(self) -> None:
        shown = texts.number(self.number, self.normalized)
        default = self.display_name or (
            self.tr("Caller %1").replace("%1", shown) if self.normalized else self.tr("New caller")
        )
        self.name_edit.setText(default)
        self.name_edit.selectAll()
        self.kind_box.setCurrentIndex(0)
        self.new_status.setText(
            self.tr("Enter creates the customer; type to replace the name first.")
        )
        self.pages.setCurrentIndex(self.PAGE_NEW)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_attach(self) -> None:
        if self.normalized is None:
            return
        self.attach_status.clear()
        self.pages.setCurrentIndex(self.PAGE_ATTACH)
        self.picker.start(self.display_name or "", self.suggest())

    def back(self) -> None:
        if self._task is None:
            self.pages.setCurrentIndex(self.PAGE_CHOICE)

    def handle_key(self, event: QKeyEvent) -> bool:
        """The panel's keys (the card forwards what reaches it); True when used."""
        key = event.key()
        page = self.pages.currentIndex()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if page == self.PAGE_CHOICE and plain:
            if key == Qt.Key.Key_N:
                self.open_new()
                return True
            if key == Qt.Key.Key_A and self.attach_choice.isEnabled():
                self.open_attach()
                return True
        if page != self.PAGE_CHOICE and key == Qt.Key.Key_Escape:
            self.back()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    # -- writing ----------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.name_edit, self.kind_box, self.new_ok, self.picker, self.attach_ok):
            widget.setEnabled(not busy)

    def create_customer(self) -> None:
        if self._task is not None:
            return
        name = " ".join(self.name_edit.text().split())
        if not name:
            self.new_status.setText(self.tr("Give the customer a name."))
            return
        self._new_id = self._new_id or uuid.uuid4()  # a retry after an error stays one customer
        self._set_busy(True)
        self.new_status.setText(self.tr("Saving…"))
        self._task = run_in_background(
            writes.create_customer,  # through the outbox when offline (issue #5)
            self.db,
            name,
            self.number if self.normalized else None,
            self.region,
            str(self.kind_box.currentData() or CustomerKind.PERSON.value),
            self.call_ref,
            self._new_id,
            on_result=self._created,
            on_error=self._failed,
        )

    def attach(self, customer_id: uuid.UUID) -> None:
        if self._task is not None or self.normalized is None:
            return
        self._set_busy(True)
        self.attach_status.setText(self.tr("Saving…"))
        self._task = run_in_background(
            writes.attach_number,
            self.db,
            customer_id,
            self.number,
            self.region,
            self.call_ref,
            on_result=self._attached,
            on_error=self._failed,
        )

    def _created(self, customer_id: uuid.UUID) -> None:
        self._task = None
        self._set_busy(False)
        self.identified.emit(customer_id, "created")

    def _attached(self, customer_id: uuid.UUID) -> None:
        self._task = None
        self._set_busy(False)
        self.identified.emit(customer_id, "attached")

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        first = user_line(exc)
        text = self.tr("Not saved: %1").replace("%1", first)
        target = (
            self.new_status if self.pages.currentIndex() == self.PAGE_NEW else self.attach_status
        )
        target.setText(text)
