"""The clean-up list of customers that look like one another, with the reason why.

Groups come from app.merge.duplicate_groups (shared phone, email or handle first,
then identical folded names), with the customers' names, in one background call;
Enter (or a double click) on a group opens the merge dialog for its first two
records. After a merge the list reloads, so merged records drop out of it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QWidget,
)

from app import card as card_mod
from app import merge
from app.card import CustomerSummary
from app.merge import Duplicate
from db.engine import Database
from ui.app_messages import user_line
from ui.list_window import ListWindow
from ui.pop import texts
from ui.pop.merge_dialog import MergeDialog
from ui.worker import Task, run_in_background

Index = QModelIndex | QPersistentModelIndex
LIMIT = 200


@dataclass(frozen=True)
class DuplicateRow:
    reason: str
    value: str
    customers: list[CustomerSummary]

    @property
    def ids(self) -> list[uuid.UUID]:
        return [c.id for c in self.customers]


def load_duplicates(db: Database, limit: int = LIMIT) -> list[DuplicateRow]:
    """Duplicate groups with their customers' names (background)."""
    groups: list[Duplicate] = merge.duplicate_groups(db, limit)
    every = list(dict.fromkeys(cid for g in groups for cid in g.customer_ids))
    by_id = {s.id: s for s in card_mod.summaries(db, every)}
    rows = []
    for g in groups:
        members = [
            by_id[c] for c in g.customer_ids if c in by_id and by_id[c].merged_into_id is None
        ]
        if len(members) >= 2:
            rows.append(DuplicateRow(g.reason, g.value, members))
    return rows


class DuplicatesModel(QAbstractTableModel):
    """Columns: Reason, Shared value, Customers. A bounded list (LIMIT groups)."""

    REASON, VALUE, CUSTOMERS = range(3)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DuplicateRow] = []
        self._headers: tuple[str, ...] = ()
        self.retranslate()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.REASON:
                return texts.duplicate_reason(row.reason)
            if col == self.VALUE:
                return row.value
            if col == self.CUSTOMERS:
                return "  ·  ".join(
                    f"{c.name} ({c.external_id})" if c.external_id else c.name
                    for c in row.customers
                )
        if role == Qt.ItemDataRole.ToolTipRole and col == self.CUSTOMERS:
            return "\n".join(c.name for c in row.customers)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def retranslate(self) -> None:
        self._headers = (self.tr("Reason"), self.tr("Shared value"), self.tr("Customers"))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def set_rows(self, rows: list[DuplicateRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class DuplicatesWindow(ListWindow):
    """Emits `merged(kept_id, merged_id)` for every merge done from here."""

    merged = Signal(object, object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        self.model = DuplicatesModel()
        widths = {DuplicatesModel.REASON: 130, DuplicatesModel.VALUE: 200}
        super().__init__("Duplicates", self.model, DuplicatesModel.CUSTOMERS, widths, parent)
        self._task: Task | None = None
        self.merge_dialog: MergeDialog | None = None
        self.setMinimumSize(760, 460)
        self.resize(900, 560)
        self.status.hide()  # loading and errors are said on the count line
        self.merge_button = self.action_button
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.retranslate_frame(self.tr("Duplicate customers"))
        self.merge_button.setText(self.tr("Compare and merge…"))
        self.model.retranslate()
        self._update()

    def refresh(self) -> None:
        self.reload()

    def activate(self) -> None:
        self.merge_current()

    def is_loading(self) -> bool:
        return self._task is not None

    def reload(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = run_in_background(
            load_duplicates, self.db, on_result=self._loaded, on_error=self._failed
        )
        self._update()

    def _loaded(self, rows: list[DuplicateRow]) -> None:
        self._task = None
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        first = user_line(exc)
        self.count.setText(self.tr("The list could not be loaded: %1").replace("%1", first))

    def _update(self) -> None:
        if self._task is not None and not self.model.rows:
            self.count.setText(self.tr("Looking for duplicates…"))
        elif not self.model.rows:
            self.count.setText(self.tr("No duplicates found"))
        else:
            self.count.setText(
                self.tr("Possible duplicates: %1").replace("%1", str(len(self.model.rows)))
            )
        self.merge_button.setEnabled(self.current() is not None)

    def current(self) -> DuplicateRow | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def merge_current(self) -> None:
        row = self.current()
        if row is None or self.merge_dialog is not None:
            return
        dialog = MergeDialog(self.db, row.ids[0], row.ids[1], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._merged)
        dialog.finished.connect(self._dialog_closed)
        self.merge_dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.merge_dialog = None

    def _merged(self, kept: uuid.UUID, gone: uuid.UUID) -> None:
        self.merged.emit(kept, gone)
        self.reload()
