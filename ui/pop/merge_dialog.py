"""Compare two customer records side by side and merge one into the other.

app.merge.merge does the work in one transaction in the background: everything the
merged record had (contact points, orders, interactions, tickets, calls) moves to the
kept one, the merged one stays behind as a redirect, and an audit row records it.
The dialog shows what each side holds so the agent keeps the right one; the record
with more history is suggested, and either side can be chosen (← →, or a click).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import customers, merge
from app.customers import CustomerDetail
from app.merge import MergeReport
from db.engine import Database
from ui import formatting, labels
from ui.app_messages import user_line
from ui.pop.widgets import badge
from ui.widgets import grow_to_fit, make_label
from ui.worker import Task, run_in_background


@dataclass(frozen=True)
class Pair:
    left: CustomerDetail | None
    right: CustomerDetail | None


def load_pair(db: Database, left: uuid.UUID, right: uuid.UUID) -> Pair:
    """Both records, fully (background)."""
    return Pair(customers.detail(db, left, history=3), customers.detail(db, right, history=3))


def _weight(d: CustomerDetail) -> tuple[int, int]:
    return (d.order_count + len(d.open_tickets) + len(d.interactions), len(d.contacts))


class MergeDialog(QDialog):
    """Emits `merged(kept_id, merged_id)` after a successful merge."""

    merged = Signal(object, object)

    def __init__(
        self, db: Database, first: uuid.UUID, second: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MergeDialog")
        self.db = db
        self.ids = (first, second)
        self.pair: Pair | None = None
        self.report: MergeReport | None = None
        self._task: Task | None = None
        self.setMinimumSize(760, 520)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        self.heading = make_label("", "dialog-title")
        layout.addWidget(self.heading)
        self.explain = make_label("", "muted", wrap=True)
        layout.addWidget(self.explain)
        sides = QHBoxLayout()
        sides.setSpacing(14)
        self.columns: list[QVBoxLayout] = []
        self.choices: list[QRadioButton] = []
        self.frames: list[QFrame] = []
        self.choice_group = QButtonGroup(self)  # the two sides sit in different frames
        for i in range(2):
            frame = QFrame()
            frame.setProperty("role", "card")
            frame.setObjectName(f"MergeSide{i}")
            column = QVBoxLayout(frame)
            column.setContentsMargins(16, 12, 16, 14)
            column.setSpacing(6)
            choice = QRadioButton()
            choice.setObjectName(f"KeepSide{i}")
            choice.toggled.connect(self._update)
            self.choice_group.addButton(choice, i)
            column.addWidget(choice)
            body = QVBoxLayout()
            body.setSpacing(5)
            column.addLayout(body)
            column.addStretch(1)
            self.columns.append(body)
            self.choices.append(choice)
            self.frames.append(frame)
            sides.addWidget(frame, 1)
        layout.addLayout(sides, 1)
        self.status = make_label("", "muted-small", wrap=True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.merge_button = QPushButton()
        self.merge_button.setObjectName("MergeButton")
        self.merge_button.setProperty("role", "primary")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.do_merge)
        self.merge_button.setEnabled(False)
        row.addWidget(self.cancel_button)
        row.addWidget(self.merge_button)
        layout.addLayout(row)
        self.retranslate()
        grow_to_fit(self)
        self._task = run_in_background(
            load_pair, db, first, second, on_result=self._loaded, on_error=self._failed
        )

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Merge customers"))
        self.heading.setText(self.tr("Merge duplicate customers"))
        self.explain.setText(
            self.tr(
                "Choose the record to keep. Everything the other one holds — contacts, "
                "orders, interactions, tickets and calls — moves to it, and the other "
                "record remains only as a pointer to the kept one."
            )
        )
        for choice in self.choices:
            choice.setText(self.tr("Keep this record"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.merge_button.setText(self.tr("Merge"))
        if self.pair is not None:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ----------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._task is not None

    def _loaded(self, pair: Pair) -> None:
        self._task = None
        if pair.left is None or pair.right is None:
            self.status.setText(self.tr("One of these customers no longer exists."))
            return
        if pair.left.id == pair.right.id:
            self.status.setText(self.tr("These records were already merged."))
            return
        self.pair = pair
        self._fill()
        keep_right = _weight(pair.right) > _weight(pair.left)
        self.choices[1 if keep_right else 0].setChecked(True)
        self.merge_button.setEnabled(True)
        grow_to_fit(self)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        first = user_line(exc)
        self.status.setText(self.tr("Not merged: %1").replace("%1", first))
        self.merge_button.setEnabled(self.pair is not None)

    def _fill(self) -> None:
        assert self.pair is not None
        for body, d in zip(self.columns, (self.pair.left, self.pair.right), strict=True):
            assert d is not None
            _clear(body)
            name = make_label(d.name, "customer-name", selectable=True, wrap=True)
            body.addWidget(name)
            badges = QHBoxLayout()
            badges.addWidget(badge(labels.tier(d.tier)))
            badges.addWidget(badge(labels.customer_kind(d.kind)))
            if d.vip:
                badges.addWidget(badge(self.tr("VIP"), "vip"))
            badges.addStretch(1)
            body.addLayout(badges)
            if d.external_id:
                body.addWidget(
                    make_label(
                        self.tr("Customer ID %1").replace("%1", d.external_id),
                        "muted",
                        selectable=True,
                    )
                )
            body.addWidget(make_label(self.tr("Contacts"), "section"))
            if d.contacts:
                for c in d.contacts[:6]:
                    body.addWidget(
                        make_label(
                            f"{labels.contact_kind(c.kind)}: {c.value}", "value", selectable=True
                        )
                    )
            else:
                body.addWidget(make_label(self.tr("none"), "muted"))
            body.addWidget(make_label(self.tr("History"), "section"))
            facts = [
                self.tr("Orders: %1 (%2)")
                .replace("%1", str(d.order_count))
                .replace("%2", formatting.money(d.lifetime_value)),
                self.tr("Open tickets: %1").replace("%1", str(len(d.open_tickets))),
                self.tr("Recent interactions: %1").replace("%1", str(len(d.interactions))),
            ]
            for fact in facts:
                body.addWidget(make_label(fact, "value"))
            if d.warning:
                body.addWidget(make_label("⚠  " + d.warning, "muted", wrap=True))

    # -- choosing and merging -----------------------------------------------------------

    def keep_index(self) -> int:
        return 1 if self.choices[1].isChecked() else 0

    def _update(self) -> None:
        for i, frame in enumerate(self.frames):
            frame.setProperty("tone", "keep" if self.choices[i].isChecked() else "")
            frame.style().unpolish(frame)
            frame.style().polish(frame)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Left and self.pair is not None:
            self.choices[0].setChecked(True)
            return
        if event.key() == Qt.Key.Key_Right and self.pair is not None:
            self.choices[1].setChecked(True)
            return
        super().keyPressEvent(event)

    def do_merge(self) -> None:
        if self.pair is None or self._task is not None:
            return
        left, right = self.pair.left, self.pair.right
        assert left is not None and right is not None
        keep, other = (left, right) if self.keep_index() == 0 else (right, left)
        self.merge_button.setEnabled(False)
        self.status.setText(self.tr("Merging…"))
        self._task = run_in_background(
            merge.merge, self.db, keep.id, other.id, on_result=self._merged, on_error=self._failed
        )

    def _merged(self, report: MergeReport) -> None:
        self._task = None
        self.report = report
        self.merged.emit(report.kept_id, report.merged_id)
        self.accept()


def _clear(layout: QVBoxLayout) -> None:
    from ui.widgets import clear_layout

    clear_layout(layout)
