"""Administration › Audit log: who viewed, changed, merged or exported customer data,
newest first, filtered by user, customer, kind and dates; pages load in the
background as the list is scrolled (app.audit.entries, keyset on time)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import audit
from db.engine import Database
from ui.formatting import date_time
from ui.list_window import read_only_table
from ui.paged_model import Index, PageCall, PagedTableModel
from ui.tickets.forms import ErrorLine, button_row, fill_combo, primary
from ui.widgets import make_label

PAGE = audit.PAGE


def action_label(code: str) -> str:
    names = {
        audit.Verb.VIEW: QCoreApplication.translate("AuditLog", "Viewed"),
        audit.Verb.CHANGE: QCoreApplication.translate("AuditLog", "Changed"),
        audit.Verb.CREATE: QCoreApplication.translate("AuditLog", "Created"),
        audit.Verb.MERGE: QCoreApplication.translate("AuditLog", "Merged"),
        audit.Verb.EXPORT: QCoreApplication.translate("AuditLog", "Exported"),
        audit.Verb.IMPORT: QCoreApplication.translate("AuditLog", "Imported"),
        audit.Verb.USERS: QCoreApplication.translate("AuditLog", "User administration"),
    }
    return names.get(code, code)


class AuditTableModel(PagedTableModel):
    """Columns: when, user, action, what, customer, details."""

    WHEN, USER, ACTION, WHAT, CUSTOMER, DETAIL = range(6)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(PAGE, parent)
        self.db = db
        self.filter = audit.Filter()
        self._more = False
        self.retranslate()

    def retranslate(self) -> None:
        self.set_headers(
            self.tr("When"),
            self.tr("User"),
            self.tr("Action"),
            self.tr("What"),
            self.tr("Customer"),
            self.tr("Details"),
        )

    def set_filter(self, where: audit.Filter) -> None:
        self.filter = where
        self.reload()

    def _page_call(self, last: Any | None) -> PageCall | None:
        after = audit.key(last) if last is not None else None
        return audit.entries, (self.db, self.filter, after, PAGE), {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        e: audit.Entry = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.WHEN:
                return date_time(e.at)
            if col == self.USER:
                return e.username or self.tr("(system)")
            if col == self.ACTION:
                return action_label(e.action)
            if col == self.WHAT:
                # A customer is named in the next column; its id is in the tooltip.
                shown = "" if e.entity == "customer" else (e.entity_id or "")
                return f"{self._entity(e.entity)} {shown}".strip()
            if col == self.CUSTOMER:
                return e.customer_name or ""
            if col == self.DETAIL:
                return json.dumps(e.detail, ensure_ascii=False) if e.detail else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == self.WHAT:
            return e.entity_id
        if role == Qt.ItemDataRole.ToolTipRole and col == self.DETAIL and e.detail:
            return json.dumps(e.detail, ensure_ascii=False, indent=2)
        return None

    def _entity(self, code: str) -> str:
        return {
            "customer": self.tr("customer"),
            "customers": self.tr("customers"),
            "ticket": self.tr("ticket"),
            "user": self.tr("user"),
        }.get(code, code)


class AuditDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AuditDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(1000, 640)
        self.db = db
        self.model = AuditTableModel(db, self)

        self.title = make_label("", "dialog-title")
        self.user = QLineEdit()
        self.user.setObjectName("audit_user")
        self.customer = QLineEdit()
        self.customer.setObjectName("audit_customer")
        self.action = QComboBox()
        self.action.setObjectName("audit_action")
        self.use_since = QCheckBox()
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.use_until = QCheckBox()
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.apply_button = primary(QPushButton())
        self.apply_button.setObjectName("apply_filter")
        self._captions = [make_label("", "field") for _ in range(3)]
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.addWidget(self._captions[0], 0, 0)
        grid.addWidget(self.user, 0, 1)
        grid.addWidget(self._captions[1], 0, 2)
        grid.addWidget(self.customer, 0, 3)
        grid.addWidget(self._captions[2], 0, 4)
        grid.addWidget(self.action, 0, 5)
        grid.addWidget(self.use_since, 1, 0)
        grid.addWidget(self.since, 1, 1)
        grid.addWidget(self.use_until, 1, 2)
        grid.addWidget(self.until, 1, 3)
        grid.addWidget(self.apply_button, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.table = read_only_table(
            self.model,
            "AuditTable",
            AuditTableModel.DETAIL,
            {0: 140, 1: 110, 2: 150, 3: 200, 4: 170},
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.table.setWordWrap(False)
        self.count = make_label("", "list-count")
        self.error = ErrorLine()
        self.close_button = QPushButton()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.close_button))

        self.apply_button.clicked.connect(self.apply)
        for line in (self.user, self.customer):
            line.returnPressed.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        self.model.rows_loaded.connect(self._show_count)
        self.model.load_failed.connect(self.error.show_error)
        self.retranslate()
        self.apply()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.title.setText(self.tr("Who viewed, changed, merged or exported customer data"))
        for label, text in zip(
            self._captions, (self.tr("User"), self.tr("Customer"), self.tr("Action")), strict=True
        ):
            label.setText(text)
        self.user.setPlaceholderText(self.tr("User name"))
        self.customer.setPlaceholderText(self.tr("Customer id or external id"))
        fill_combo(
            self.action,
            [(self.tr("All actions"), "")]
            + [
                (action_label(v), v)
                for v in (
                    audit.Verb.VIEW,
                    audit.Verb.CHANGE,
                    audit.Verb.CREATE,
                    audit.Verb.MERGE,
                    audit.Verb.EXPORT,
                    audit.Verb.IMPORT,
                    audit.Verb.USERS,
                )
            ],
        )
        self.use_since.setText(self.tr("From"))
        self.use_until.setText(self.tr("To"))
        self.apply_button.setText(self.tr("Show"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_filter(self) -> audit.Filter:
        def day(edit: QDateEdit) -> datetime:
            d = edit.date()
            return datetime.combine(
                datetime(d.year(), d.month(), d.day()).date(), time(), tzinfo=UTC
            )

        return audit.Filter(
            username=self.user.text().strip() or None,
            customer=self.customer.text().strip() or None,
            action=self.action.currentData() or None,
            since=day(self.since) if self.use_since.isChecked() else None,
            until=day(self.until) + timedelta(days=1) if self.use_until.isChecked() else None,
        )

    def apply(self) -> None:
        self.error.show_error("")
        self.model.set_filter(self.current_filter())

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        if self.model.is_loading() and rows == 0:
            text = self.tr("Loading…")
        elif rows == 0:
            text = self.tr("No entries match")
        elif self.model.has_more():
            text = self.tr("Entries: %1+ (scroll for more)").replace("%1", str(rows))
        else:
            text = self.tr("Entries: %1").replace("%1", str(rows))
        self.count.setText(text)
