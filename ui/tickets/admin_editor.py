"""The frame of the administration editors (routing rules, SLA and business hours).

Both load what they edit in the background, let the administrator change it on
screen, and store it all on Save; one piece of work runs at a time, with the buttons
that start work disabled meanwhile, and a refusal is shown in the error line in the
service's words. One frame keeps the two alike when either changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from db.engine import Database
from ui.tickets import texts
from ui.tickets.forms import Banner, ErrorLine, button_row, primary
from ui.widgets import make_label
from ui.worker import Task, run_in_background


class AdminEditorDialog(QDialog):
    """Subclasses build their body, call `lay_out`, fill texts in `retranslate` (with
    `retranslate_frame`), show what `load(db)` returned in `_loaded`, and store in `save`
    through `_run`."""

    def __init__(
        self,
        name: str,
        width: int,
        height: int,
        db: Database,
        load: Callable[[Database], Any],
        save_name: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(width, height)
        self.db = db
        self._load = load  # a plain function: it runs on a worker thread
        self._task: Task | None = None
        self._then: Callable[[Any], object] = lambda _result: None
        self.title = make_label("", "dialog-title")
        self.error = ErrorLine()
        self.notice = Banner()
        self.close_button = QPushButton()
        self.save_button = primary(QPushButton())
        self.save_button.setObjectName(save_name)
        self.busy_buttons: tuple[QPushButton, ...] = (self.save_button,)

    def lay_out(
        self, body: Sequence[tuple[QWidget, int]], left_buttons: Sequence[QPushButton] = ()
    ) -> None:
        """Title, the `body` widgets (with their stretch), the error and notice lines, then
        `left_buttons` on the left and Close and Save on the right."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        for widget, stretch in body:
            layout.addWidget(widget, stretch)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        bottom = button_row(*left_buttons, stretch_first=False)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        self.close_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text; called again when the language changes."""

    def retranslate_frame(self, title: str) -> None:
        self.setWindowTitle(title)
        self.title.setText(title)
        self.close_button.setText(self.tr("Close"))
        self.save_button.setText(self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading and saving -----------------------------------------------------------

    def reload(self) -> None:
        self._run(self._load, self.db, on_result=self._loaded)

    def _loaded(self, result: Any) -> None:
        """Show what `load(db)` returned."""

    def save(self) -> None:
        """Store what is on screen (Save)."""

    def is_busy(self) -> bool:
        return self._task is not None

    def _run(self, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], object]) -> None:
        """`fn(*args)` in the background, unless work is running already; then `on_result`."""
        if self._task is not None:
            return
        self.error.show_error("")
        self._then = on_result
        for b in self.busy_buttons:
            b.setEnabled(False)
        self._task = run_in_background(fn, *args, on_result=self._done, on_error=self._failed)

    def _done(self, result: Any) -> None:
        self._task = None
        for b in self.busy_buttons:
            b.setEnabled(True)
        self._then(result)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        for b in self.busy_buttons:
            b.setEnabled(True)
        self.error.show_error(texts.first_line(exc))
