"""The customer list as a Qt table model that loads itself page by page.

Rows come from app.customers.page in pages of 200, keyset-continued after the
last row (name_key, id); paging and the stale-result guard are ui.paged_model's.
A new search starts over.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app import customers
from app.customers import CustomerRow
from db.engine import Database
from ui import labels
from ui.paged_model import Index, PageCall, PagedTableModel


class CustomerTableModel(PagedTableModel):
    """Columns: Name, Kind, Tier, Phone, Email, Customer ID."""

    NAME, KIND, TIER, PHONE, EMAIL, EXTERNAL_ID = range(6)

    def __init__(self, db: Database, page_size: int = customers.PAGE_SIZE) -> None:
        super().__init__(page_size)
        self.db = db
        self.query = ""
        self.retranslate()

    # -- Qt model interface -----------------------------------------------------------

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

    # -- our interface ----------------------------------------------------------------

    def retranslate(self) -> None:
        self.set_headers(
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Tier"),
            self.tr("Phone"),
            self.tr("Email"),
            self.tr("Customer ID"),
        )
        if self._rows:  # kind and tier are shown translated
            self.dataChanged.emit(
                self.index(0, self.KIND),
                self.index(len(self._rows) - 1, self.TIER),
            )

    def set_query(self, query: str) -> None:
        """Start over with a new search; results of the previous one are dropped."""
        self.query = query.strip()
        self.reload()

    def row(self, row: int) -> CustomerRow | None:
        found: CustomerRow | None = super().row(row)
        return found

    # -- loading ----------------------------------------------------------------------

    def _page_call(self, last: CustomerRow | None) -> PageCall:
        after = (last.name_key, last.id) if last else None
        return customers.page, (self.db, self.query), {"after": after, "limit": self.page_size}
