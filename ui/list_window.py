"""A window that lists rows and does one thing with the chosen row.

The caller log (assign a number), missed calls (call back) and duplicates (compare and
merge) are the same window around different rows, so they share this base (the first
two, over paged rows, its PagedListWindow): the agent
learns one layout and one keyboard habit — arrows to choose, Enter or a double click
to act — and the three stay alike when one of them changes. Its read-only table of
whole rows is set up here for the administration lists (users, audit log) too.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.paged_model import PagedTableModel
from ui.widgets import make_label

ROW_HEIGHT = 30


def read_only_table(
    model: QAbstractItemModel,
    name: str,
    stretch: int,
    widths: dict[int, int] | None = None,
    *,
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.Interactive,
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
) -> QTableView:
    """A table of rows chosen whole (one at a time unless `selection` says otherwise) and
    never edited in place: alternating colours, no grid, no row numbers. Column `stretch`
    takes the room the others leave; they are `resize`d by hand from `widths` by
    default, or fitted to their contents."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(resize)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        table.setColumnWidth(column, width)
    return table


def list_table(
    model: QAbstractItemModel, name: str, stretch: int, widths: dict[int, int]
) -> QTableView:
    """A read-only table of rows to pick one from, in the list windows' look: one line per
    row at a fixed height, headers left-aligned and never highlighted."""
    table = read_only_table(model, name, stretch, widths)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


class ListWindow(QDialog):
    """Title, count line, the table, a status line, Refresh and the action button.

    Subclasses fill the texts in `retranslate`, refresh in `refresh`, and act on the
    current row in `activate` (Enter, double click and the action button all call it).
    """

    def __init__(
        self,
        name: str,
        model: QAbstractItemModel,
        stretch: int,
        widths: dict[int, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        self.title = make_label("", "dialog-title")
        layout.addWidget(self.title)
        self.count = make_label("", "list-count")
        layout.addWidget(self.count)
        self.table = list_table(model, f"{name}Table", stretch, widths)
        self.table.doubleClicked.connect(lambda _index: self.activate())
        self.table.installEventFilter(self)
        layout.addWidget(self.table, 1)
        self.status = make_label("", "muted-small", wrap=True)
        self.status.setObjectName(f"{name}Status")
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.action_button = QPushButton()
        self.action_button.setProperty("role", "primary")
        self.action_button.clicked.connect(lambda: self.activate())
        for button in (self.refresh_button, self.action_button):
            button.setAutoDefault(False)  # Enter on a row acts on that row
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.action_button)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        """Set every text; called again when the language changes."""

    def retranslate_frame(self, title: str) -> None:
        """The window's title and the Refresh button's text (from `retranslate`)."""
        self.setWindowTitle(title)
        self.title.setText(title)
        self.refresh_button.setText(self.tr("Refresh"))

    def refresh(self) -> None:
        """Read the rows again."""

    def activate(self) -> None:
        """Do the window's one thing with the current row."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate()
                return True
        return super().eventFilter(watched, event)


class PagedListWindow(ListWindow):
    """A ListWindow over rows a PagedTableModel loads page by page (caller log, missed
    calls): Refresh reads them again from the first page, `show_state` runs whenever a
    page starts or ends loading, the rows are replaced or another row becomes current,
    and `show_load_failure` when a page could not be loaded."""

    def __init__(
        self,
        name: str,
        model: PagedTableModel,
        stretch: int,
        widths: dict[int, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(name, model, stretch, widths, parent)
        self._pages = model
        model.loading_changed.connect(self.show_state)
        model.load_failed.connect(self.show_load_failure)
        model.modelReset.connect(self.show_state)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_state())

    def refresh(self) -> None:
        self._pages.reload()

    def show_state(self, *_args: object) -> None:
        """Say what the count line and the action button say now (`show_count` helps)."""

    def show_load_failure(self, message: str) -> None:
        """A page could not be loaded: say so, with `message` (why)."""

    def show_count(self, empty: str, more: str, counted: str) -> None:
        """The count line of a paged list: loading, `empty`, or the rows loaded so far as
        %1 in `more` (another page can load) or `counted` (that is all of them)."""
        rows = self._pages.rowCount()
        if self._pages.is_loading() and rows == 0:
            text = self.tr("Loading…")
        elif rows == 0:
            text = empty
        else:
            text = (more if self._pages.canFetchMore() else counted).replace("%1", str(rows))
        self.count.setText(text)
