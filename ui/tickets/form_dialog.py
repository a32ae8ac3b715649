"""The frame of the ticket desk's form dialogs (log interaction, new ticket).

Both are a header, a form of labelled fields, a few lines under it, Cancel and a
primary Save that Ctrl+Enter also presses, and a save that runs in the background
with its failure shown inline. One frame keeps their spacing, keys and error
handling the same when either changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.tickets import texts
from ui.tickets.forms import ErrorLine, button_row, header, primary, submit_on_ctrl_enter
from ui.widgets import make_label
from ui.worker import Task, run_in_background


class FormDialog(QDialog):
    """Subclasses build their fields, call `lay_out`, fill texts in `retranslate` (with
    `retranslate_form`) and store through `save_in_background` from `save`."""

    def __init__(self, name: str, width: int, height: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(width, height)
        self._save_task: Task | None = None
        self._on_saved: Callable[[Any], None] = lambda _result: None
        self._labels: list[QLabel] = []
        self.title = make_label("", "dialog-title")
        self.subtitle = make_label("", "muted", wrap=True)
        self.error = ErrorLine()
        self.cancel_button = QPushButton()
        self.save_button = primary(QPushButton())
        self.save_button.setObjectName("save")

    def lay_out(
        self, fields: Sequence[QWidget], below: Sequence[QWidget], editor: QWidget
    ) -> QFormLayout:
        """Header, the labelled `fields`, the `below` lines, then Cancel and Save; Ctrl+Enter
        saves, also from the multi-line `editor`."""
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._labels = [make_label("", "field") for _ in fields]
        for label, widget in zip(self._labels, fields, strict=True):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(12)
        layout.addWidget(header(self.title, self.subtitle))
        layout.addLayout(form)
        for widget in below:
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(button_row(self.cancel_button, self.save_button))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        submit_on_ctrl_enter(self, self.save, editor)
        return form

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text; called again when the language changes."""

    def retranslate_form(self, field_labels: Sequence[str]) -> None:
        for label, text in zip(self._labels, field_labels, strict=True):
            label.setText(text)
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- saving -----------------------------------------------------------------------

    def save(self) -> None:
        """Check the form and store it (Save, Ctrl+Enter)."""

    def is_saving(self) -> bool:
        return self._save_task is not None

    def save_in_background(
        self, fn: Callable[..., Any], *args: Any, on_saved: Callable[[Any], None]
    ) -> None:
        """`fn(*args)` off the GUI thread with Save disabled; `on_saved(result)` after it,
        or Save back and the reason's first line in the error line."""
        self.save_button.setEnabled(False)
        self._on_saved = on_saved
        self._save_task = run_in_background(
            fn, *args, on_result=self._save_done, on_error=self._save_failed
        )

    def _save_done(self, result: Any) -> None:
        self._save_task = None
        self._on_saved(result)

    def _save_failed(self, exc: BaseException) -> None:
        self._save_task = None
        self.save_button.setEnabled(True)
        self.error.show_error(texts.first_line(exc))
