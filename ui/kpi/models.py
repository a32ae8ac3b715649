"""Qt table models for KPI tables: rows are dicts from app.kpi, columns say which key
and how to show it. Numbers sort as numbers (Qt.UserRole holds the raw value)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.kpi import export

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: Callable[[], str]  # translated at paint time, so a language switch shows at once
    key: str
    show: Callable[[Any], str] = str
    numeric: bool = True


class RecordTableModel(QAbstractTableModel):
    """A read-only table of dict rows."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        value = self.rows[index.row()].get(col.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return col.show(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title()
        return None

    def cell(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column)))

    def export_csv(self, path: Path) -> int:
        """The table as shown (translated headers, formatted cells)."""
        headers = [c.title() for c in self.columns]
        cells = [[self.cell(r, c) for c in range(len(self.columns))] for r in range(len(self.rows))]
        return export.write_table(path, headers, cells)
