"""A table model that loads itself page by page in the background.

The view asks for more (canFetchMore/fetchMore) only when scrolled near the end, so a
million rows cost what a few pages cost. `reload()` cancels the page in flight, so a
slow, stale result can never land on top of a newer one. Subclasses say how to fetch
the page after a given last row (`_page_call`), how to show a row (`data`), and
their column titles (`set_headers`, which also sets how many columns there are).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ui.app_messages import user_line
from ui.worker import Task, run_in_background

Index = QModelIndex | QPersistentModelIndex
# A plain function (it runs on a worker thread) with its arguments.
PageCall = tuple[Callable[..., list[Any]], tuple[Any, ...], dict[str, Any]]


def first_line(exc: BaseException) -> str:
    """What a failed page says, in one line and the user's language."""
    return user_line(exc)


class PagedTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    load_failed = Signal(str)
    rows_loaded = Signal()

    def __init__(self, page_size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[Any] = []
        self._more = True
        self._task: Task | None = None
        self.error = ""  # why the last page failed to load, if it did
        self._refresh_pending = False
        self._refresh_want = 0
        self._headers: tuple[str, ...] = ()

    # -- what subclasses provide --------------------------------------------------------

    def _page_call(self, last: Any | None) -> PageCall | None:
        """The call that returns the page after `last` (None: the first page), or None
        when there is nothing to load."""
        raise NotImplementedError

    # -- Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

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

    def set_headers(self, *headers: str) -> None:
        """The column titles, in the user's language (again when it changes)."""
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def reload(self) -> None:
        """Start over from the first page; a page still in flight is dropped."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.error = ""
        self._refresh_pending = False
        self.beginResetModel()
        self._rows = []
        self._more = True
        self.endResetModel()
        self._request_page()

    def refresh(self) -> None:
        """Re-read the rows already loaded, in place (another workstation changed some):
        one background query for as many rows as are shown, so selection and scroll stay
        where they are. A page still loading is let finish, then this runs."""
        if self._task is not None:
            self._refresh_pending = True
            return
        saved = self.page_size
        self._refresh_want = max(len(self._rows), saved)
        self.page_size = self._refresh_want
        try:
            call = self._page_call(None)
        finally:
            self.page_size = saved
        if call is None:
            return
        fn, args, kwargs = call
        self._task = run_in_background(
            fn, *args, **kwargs, on_result=self._refreshed, on_error=self._page_failed
        )
        self.loading_changed.emit(True)

    def _refreshed(self, rows: list[Any]) -> None:
        self._task = None
        old, new = len(self._rows), len(rows)
        self._more = new >= self._refresh_want
        common = min(old, new)
        self._rows[:common] = rows[:common]
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._rows.extend(rows[old:])
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            del self._rows[new:]
            self.endRemoveRows()
        if common:
            last = self.index(common - 1, max(0, self.columnCount() - 1))
            self.dataChanged.emit(self.index(0, 0), last)
        self.loading_changed.emit(False)
        self.rows_loaded.emit()

    def row(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def is_loading(self) -> bool:
        return self._task is not None

    def has_more(self) -> bool:
        return self._more

    # -- loading ----------------------------------------------------------------------

    def _request_page(self) -> None:
        call = self._page_call(self._rows[-1] if self._rows else None)
        if call is None:
            self._more = False
            return
        fn, args, kwargs = call
        self._task = run_in_background(
            fn, *args, **kwargs, on_result=self._page_arrived, on_error=self._page_failed
        )
        self.loading_changed.emit(True)

    def _page_arrived(self, rows: list[Any]) -> None:
        self._task = None
        self._more = len(rows) >= self.page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loading_changed.emit(False)
        self.rows_loaded.emit()
        if self._refresh_pending:
            self._refresh_pending = False
            self.refresh()

    def _page_failed(self, exc: BaseException) -> None:
        self._task = None
        self._more = False
        self.error = first_line(exc)
        self.loading_changed.emit(False)
        self.load_failed.emit(self.error)
