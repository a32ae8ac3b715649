"""Someone saved the same record first: the versions side by side, and a choice.

Tickets and customers are saved with optimistic concurrency; when a save finds a newer
version, the agent sees what they saw, (their change,) and what is there now, with
what differs highlighted, and chooses: drop their change (closing the dialog means the
same) or apply it knowingly. One dialog for both, so the choice always looks the same.
Non-blocking (open()), so the window behind stays live.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QPushButton, QVBoxLayout, QWidget

from ui.tickets.forms import button_row, primary
from ui.widgets import grow_to_fit, make_label

RELOAD = "reload"


@dataclass(frozen=True)
class VersionRow:
    """One field: its name, its value in each column, and which values differ from the
    first column (those are highlighted)."""

    field: str
    values: tuple[str, ...]

    def differs(self, column: int) -> bool:
        return self.values[column] != self.values[0]


class VersionsDialog(QDialog):
    """Emits `chosen(RELOAD | other)`, where other is the key of the second button."""

    chosen = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.choice = ""

    def build(
        self,
        title: str,
        headings: tuple[str, ...],
        rows: list[VersionRow],
        reload_text: str,
        other: tuple[str, str],
        notes: tuple[QWidget, ...] = (),
    ) -> None:
        """Lay the dialog out (subclasses call it once their texts are translated)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        heading = make_label(title, "dialog-title")
        heading.setProperty("tone", "error")
        layout.addWidget(heading)
        for note in notes:
            layout.addWidget(note)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        grid.addWidget(make_label("", "field"), 0, 0)
        for col, text in enumerate(headings, start=1):
            grid.addWidget(make_label(text, "section"), 0, col)
        for r, row in enumerate(rows, start=1):
            grid.addWidget(make_label(row.field, "field"), r, 0)
            for col, value in enumerate(row.values):
                role = "amount" if row.differs(col) else "value"
                grid.addWidget(make_label(value, role, selectable=True, wrap=True), r, col + 1)
        for col in range(1, len(headings) + 1):
            grid.setColumnStretch(col, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.reload_button = QPushButton(reload_text)
        self.reload_button.setObjectName(RELOAD)
        key, text = other
        self.other_button = primary(QPushButton(text))
        self.other_button.setObjectName(key)
        layout.addLayout(button_row(self.reload_button, self.other_button))
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.other_button.clicked.connect(lambda: self._choose(key))
        grow_to_fit(self)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()

    def done(self, result: int) -> None:
        choice = self.choice or RELOAD
        super().done(result)
        self.chosen.emit(choice)
