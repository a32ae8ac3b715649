"""The customer list as a Qt table model that loads itself page by page.

Rows come from app.customers.page in pages of 200, keyset-continued after the
last row, in the background: the view asks for more (canFetchMore/fetchMore)
only when scrolled near the end, so a million customers cost what a few pages
cost. A new search cancels the page in flight, so a slow, stale result can never
overwrite a newer one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app import customers
from app.customers import CustomerRow
from db.engine import Database
from ui import labels
from ui.worker import Task, run_in_background

Index = QModelIndex | QPersistentModelIndex


class CustomerTableModel(QAbstractTableModel):
    """Columns: Name, Kind, Tier, Phone, Email, Customer ID."""

    COLUMNS = ("name", "kind", "tier", "phone", "email", "external_id")
    NAME, KIND, TIER, PHONE, EMAIL, EXTERNAL_ID = range(6)

    loading_changed = Signal(bool)
    load_failed = Signal(str)
    rows_loaded = Signal()

    def __init__(self, db: Database, page_size: int = customers.PAGE_SIZE) -> None:
        super().__init__()
        self.db = db
        self.page_size = page_size
        self.query = ""
        self._rows: list[CustomerRow] = []
        self._more = True
        self._task: Task | None = None
        self.error = ""  # why the last page failed to load, if it did
        self._headers: tuple[str, ...] = ()
        self.retranslate()

    # -- Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return row.name
            if col == self.KIND:
                return labels.customer_kind(row.kind)
            if col == self.TIER:
                return labels.tier(row.tier)
            if col == self.PHONE:
                return row.phone or ""
            if col == self.EMAIL:
                return row.email or ""
            if col == self.EXTERNAL_ID:
                return row.external_id or ""
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and col == self.NAME:
            return row.name
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and self._task is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request_page()

    # -- our interface ----------------------------------------------------------------

    def retranslate(self) -> None:
        self._headers = (
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Tier"),
            self.tr("Phone"),
            self.tr("Email"),
            self.tr("Customer ID"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:  # kind and tier are shown translated
            self.dataChanged.emit(
                self.index(0, self.KIND),
                self.index(len(self._rows) - 1, self.TIER),
            )

    def set_query(self, query: str) -> None:
        """Start over with a new search; results of the previous one are dropped."""
        self.query = query.strip()
        self.reload()

    def reload(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.error = ""
        self.beginResetModel()
        self._rows = []
        self._more = True
        self.endResetModel()
        self._request_page()

    def row(self, row: int) -> CustomerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def is_loading(self) -> bool:
        return self._task is not None

    def has_more(self) -> bool:
        return self._more

    # -- loading ----------------------------------------------------------------------

    def _request_page(self) -> None:
        last = self._rows[-1] if self._rows else None
        after = (last.name_key, last.id) if last else None
        self._task = run_in_background(
            customers.page,
            self.db,
            self.query,
            after=after,
            limit=self.page_size,
            on_result=self._page_arrived,
            on_error=self._page_failed,
        )
        self.loading_changed.emit(True)

    def _page_arrived(self, rows: list[CustomerRow]) -> None:
        self._task = None
        self._more = len(rows) >= self.page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loading_changed.emit(False)
        self.rows_loaded.emit()

    def _page_failed(self, exc: BaseException) -> None:
        self._task = None
        self._more = False
        self.error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        self.loading_changed.emit(False)
        self.load_failed.emit(self.error)
