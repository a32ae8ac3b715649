"""The wallboard: the live tiles full screen and large enough to read across a room,
coloured by threshold (green meets the target, amber close, red missed). Esc or F11
leaves it."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.kpi.live import LiveSnapshot
from app.kpi.settings import KpiSettings
from ui.kpi.live import LiveFeed, QueueTiles

SCALE = 2.0


class Wallboard(QWidget):
    def __init__(self, feed: LiveFeed, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("KpiWallboard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.feed = feed
        self.setStyleSheet(
            "QWidget#KpiWallboard { background: #10161d; } "
            "QLabel[role='wallboard-head'] { color: #e6edf3; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 6)
        outer.setSpacing(6)
        head = QHBoxLayout()
        self.title = QLabel()
        self.clock = QLabel()
        for label, size in ((self.title, 40), (self.clock, 36)):
            label.setProperty("role", "wallboard-head")
            label.setStyleSheet(f"font-size: {size}px; font-weight: 700;")
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        outer.addLayout(head)
        self.tiles = QueueTiles(SCALE)
        # Scrolls rather than growing past the screen: a window whose contents need more
        # than the screen drops out of full screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }"
        )
        scroll.setWidget(self.tiles)
        outer.addWidget(scroll, 1)
        self.hint = QLabel()
        self.hint.setProperty("role", "wallboard-head")
        outer.addWidget(self.hint)
        feed.updated.connect(self._update)
        feed.start()
        if feed.last is not None:
            self._update(feed.last)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("CallDesk wallboard"))
        self.title.setText(self.tr("Contact center now"))
        self.hint.setText(self.tr("Esc: leave the wallboard"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update(self, snap: LiveSnapshot) -> None:
        settings = self.feed.settings or KpiSettings()
        self.tiles.show_snapshot(snap, settings)
        self.clock.setText(snap.at.astimezone(settings.zone).strftime("%H:%M:%S"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.feed.updated.disconnect(self._update)
        self.feed.stop()
        super().closeEvent(event)
