"""Editing a customer's card, with the same conflict rule as tickets: when someone else
saved the customer first, the agent sees what they saw, what they typed and what is
there now, and chooses. Nothing is overwritten silently.

While the dialog is open, another workstation's save of the same customer is announced
(ui.sync) so the agent knows before pressing Save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import customers
from app.customers import CustomerDetail
from app.errors import ConflictError
from app.sync.changes import Change
from db.engine import Database
from db.enums import Tier
from ui import labels
from ui.app_messages import user_line
from ui.sync import watch
from ui.tickets.forms import ErrorLine, button_row, primary
from ui.versions_dialog import VersionRow, VersionsDialog
from ui.widgets import grow_to_fit, make_label
from ui.worker import Task, run_in_background

OVERWRITE = "overwrite"


def _values(d: CustomerDetail) -> dict[str, Any]:
    return {k: getattr(d, k) for k in customers.EDITABLE}


class CustomerConflictDialog(VersionsDialog):
    """Both versions side by side; emits `chosen(RELOAD | OVERWRITE)` (closing = reload)."""

    def __init__(
        self,
        seen: CustomerDetail,
        mine: dict[str, Any],
        current: CustomerDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("CustomerConflictDialog", parent)
        self.setWindowTitle(self.tr("The customer was changed meanwhile"))
        self.setMinimumSize(680, 380)
        now, before = _values(current), _values(seen)
        rows = [
            VersionRow(
                self._field(key),
                tuple(self._show(key, v) for v in (before[key], mine.get(key), now[key])),
            )
            for key in customers.EDITABLE
        ]
        hint = self.tr("Keep what is there now, or save your version over it.")
        self.build(
            self.tr("Someone else changed %1").replace("%1", current.name),
            (
                self.tr("What you saw (version %1)").replace("%1", str(seen.version)),
                self.tr("Your change"),
                self.tr("Now (version %1)").replace("%1", str(current.version)),
            ),
            rows,
            self.tr("Keep theirs, drop my change"),
            (OVERWRITE, self.tr("Save my version over theirs")),
            notes=(make_label(hint, "hint", wrap=True),),
        )
        self.overwrite_button = self.other_button

    def _field(self, key: str) -> str:
        return {
            "name": self.tr("Name"),
            "tier": self.tr("Tier"),
            "vip": self.tr("VIP"),
            "warning": self.tr("Warning"),
            "notes": self.tr("Notes"),
        }[key]

    def _show(self, key: str, value: Any) -> str:
        if key == "tier":
            return labels.tier(value)
        if key == "vip":
            return self.tr("Yes") if value else self.tr("No")
        return str(value) if value else "—"


class CustomerEditDialog(QDialog):
    """Name, tier, VIP, warning and notes of one customer; `saved(CustomerDetail)`."""

    saved = Signal(object)

    def __init__(self, db: Database, detail: CustomerDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CustomerEditDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Edit customer"))
        self.setMinimumSize(540, 440)
        self.db, self.detail = db, detail
        self.conflict: CustomerConflictDialog | None = None
        self._task: Task | None = None
        self._mine: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        self.notice = make_label("", "hint", wrap=True)
        self.notice.setObjectName("ChangedElsewhere")
        self.notice.setProperty("tone", "warning")
        self.notice.hide()
        layout.addWidget(self.notice)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.tier = QComboBox()
        self.tier.setObjectName("tier")
        for code in Tier:
            self.tier.addItem(labels.tier(code), str(code))
        self.vip = QCheckBox(self.tr("VIP"))
        self.vip.setObjectName("vip")
        self.warning = QLineEdit()
        self.warning.setObjectName("warning")
        self.warning.setPlaceholderText(self.tr("Shown in red on the card and the pop"))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(90)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Tier"), self.tier)
        form.addRow("", self.vip)
        form.addRow(self.tr("Warning"), self.warning)
        form.addRow(self.tr("Notes"), self.notes)
        layout.addLayout(form)
        self.error = ErrorLine()
        layout.addWidget(self.error)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button = primary(QPushButton(self.tr("Save")))
        self.save_button.setObjectName("save")
        layout.addLayout(button_row(self.cancel_button, self.save_button))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self._fill(detail)
        watch(self, ("customers",), self._changed_elsewhere)
        grow_to_fit(self)

    def _fill(self, d: CustomerDetail) -> None:
        self.name.setText(d.name)
        i = self.tier.findData(d.tier)
        self.tier.setCurrentIndex(max(i, 0))
        self.vip.setChecked(d.vip)
        self.warning.setText(d.warning or "")
        self.notes.setPlainText(d.notes or "")

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "tier": self.tier.currentData(),
            "vip": self.vip.isChecked(),
            "warning": self.warning.text().strip() or None,
            "notes": self.notes.toPlainText().strip() or None,
        }

    def _changed_elsewhere(self, changes: list[Change]) -> None:
        if any(c.row_id == self.detail.id and c.version != self.detail.version for c in changes):
            self.notice.setText(
                self.tr(
                    "Someone else just saved this customer. Saving will show you both versions."
                )
            )
            self.notice.show()

    # -- saving -----------------------------------------------------------------------

    def save(self) -> None:
        self._mine = self.values()
        self._save(self.detail.version)

    def _save(self, version: int) -> None:
        self.save_button.setEnabled(False)
        self.error.show_error("")
        self._task = run_in_background(
            customers.update_customer,
            self.db,
            self.detail.id,
            dict(self._mine),
            version,
            on_result=self._saved,
            on_error=self._failed,
        )

    def _saved(self, detail: CustomerDetail) -> None:
        self._task = None
        self.saved.emit(detail)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.save_button.setEnabled(True)
        if isinstance(exc, ConflictError):
            self._task = run_in_background(
                customers.detail,
                self.db,
                self.detail.id,
                on_result=self._show_conflict,
                on_error=self._failed,
            )
            return
        self.error.show_error(user_line(exc))

    def _show_conflict(self, current: CustomerDetail | None) -> None:
        self._task = None
        if current is None:
            self.error.show_error(self.tr("This customer no longer exists."))
            return
        self.conflict = CustomerConflictDialog(self.detail, self._mine, current, self)
        self.conflict.chosen.connect(lambda choice, c=current: self._chosen(choice, c))
        self.conflict.open()

    def _chosen(self, choice: str, current: CustomerDetail) -> None:
        self.conflict = None
        seen = self.detail
        self.detail = current
        self.notice.hide()
        if choice == OVERWRITE:
            self._save(current.version)
        else:
            self._fill(current)
            self.error.show_error(
                self.tr("Reloaded: this is the customer as saved by the other workstation.")
            )
        del seen
