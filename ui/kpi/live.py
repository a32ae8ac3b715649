"""The live figures: a feed that re-reads app.kpi.live every second in the background,
and the tiles that show it (in the panel and, larger, on the wallboard).

One query at a time: a tick while the previous read is still running is skipped, so
a slow database never piles up work. LISTEN/NOTIFY can call `refresh_now()` to show a
change at once instead of on the next tick.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.kpi import live
from app.kpi import settings as kpi_settings
from app.kpi.live import LiveSnapshot, QueueLive
from app.kpi.settings import KpiSettings
from db.engine import Database
from ui.kpi import texts
from ui.widgets import clear_layout, set_style_props
from ui.worker import Task, run_in_background

INTERVAL_MS = 1000


def _read(db: Database, settings: KpiSettings | None) -> tuple[LiveSnapshot, KpiSettings]:
    current = settings or kpi_settings.load(db)
    return live.snapshot(db, current), current


class LiveFeed(QObject):
    """Emits `updated(snapshot)` about once a second while running."""

    updated = Signal(object)
    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings: KpiSettings | None = None
        self.last: LiveSnapshot | None = None
        self._task: Task | None = None
        self._users = 0
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.refresh_now)

    def start(self) -> None:
        """Count one more viewer; the timer runs while anyone watches."""
        self._users += 1
        if not self.timer.isActive():
            self.timer.start()
            self.refresh_now()

    def stop(self) -> None:
        self._users = max(0, self._users - 1)
        if self._users == 0:
            self.timer.stop()

    def shutdown(self) -> None:
        self._users = 0
        self.timer.stop()
        if self._task is not None:
            self._task.cancel()

    def reload_settings(self) -> None:
        self.settings = None
        self.refresh_now()

    def refresh_now(self) -> None:
        if self._task is not None:
            return
        self._task = run_in_background(
            _read, self.db, self.settings, on_result=self._done, on_error=self._error
        )

    def _done(self, result: tuple[LiveSnapshot, KpiSettings]) -> None:
        self._task = None
        self.last, self.settings = result
        self.updated.emit(self.last)

    def _error(self, exc: BaseException) -> None:
        self._task = None
        self.failed.emit(str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc))


class Tile(QFrame):
    """A coloured box with a caption, a big figure and a small line under it."""

    def __init__(self, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "kpi-tile")
        self.setProperty("tone", "none")
        layout = QVBoxLayout(self)
        pad = int(10 * scale)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(int(2 * scale))
        self.caption = QLabel()
        self.caption.setProperty("role", "kpi-tile-title")
        self.value = QLabel()
        self.detail = QLabel()
        # sizes in the label's own style sheet: the application's QSS would override setFont
        for label, size, weight in (
            (self.caption, 13, 600),
            (self.value, 32, 700),
            (self.detail, 12, 400),
        ):
            px = max(11, round(size * scale))  # small print stays legible
            label.setStyleSheet(f"font-size: {px}px; font-weight: {weight};")
            layout.addWidget(label)
        self.setMinimumWidth(int(150 * scale))

    def show_value(self, caption: str, value: str, detail: str = "", tone: str = "none") -> None:
        self.caption.setText(caption)
        self.value.setText(value)
        self.detail.setText(detail)
        if self.property("tone") != tone:
            set_style_props(self, tone=tone)


class QueueTiles(QWidget):
    """Per queue: waiting, longest wait, today's SL, ASA, abandoned; plus the whole
    center and the agents by status. Queues are few (a handful), so a widget each."""

    def __init__(self, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.setStyleSheet(texts.TILE_STYLE)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(int(8 * scale))
        self.rows: dict[str, list[Tile]] = {}
        self.agents = QHBoxLayout()
        self.agent_tiles: dict[str, Tile] = {}
        self.status = QLabel()
        self.snapshot: LiveSnapshot | None = None
        self.settings = KpiSettings()

    def show_snapshot(self, snap: LiveSnapshot, settings: KpiSettings) -> None:
        self.snapshot, self.settings = snap, settings
        queues = [*snap.queues]
        names = [q.queue for q in queues] + ["*"]
        if list(self.rows) != names:
            clear_layout(self.grid)
            self.rows = {}
            for r, name in enumerate(names):
                tiles = [Tile(self.scale) for _ in range(5)]
                for c, t in enumerate(tiles):
                    self.grid.addWidget(t, r, c)
                self.rows[name] = tiles
            self.agent_tiles = {}
            for c, status in enumerate(live.STATUSES):
                t = Tile(self.scale)
                self.grid.addWidget(t, len(names), c)
                self.agent_tiles[status] = t
        for q in queues:
            self._fill(self.rows[q.queue], q, texts.queue(q.queue), snap)
        self._fill(
            self.rows["*"], snap.total, QCoreApplication.translate("Kpi", "All queues"), snap
        )
        for status, tile in self.agent_tiles.items():
            n = snap.agents.get(status, 0)
            tone = "none"
            if status == "available":
                tone = "ok" if n > 0 else ("bad" if snap.total.waiting else "warn")
            tile.show_value(
                QCoreApplication.translate("Kpi", "Agents: %1").replace("%1", texts.status(status)),
                str(n),
                QCoreApplication.translate("Kpi", "%1 logged in").replace("%1", str(snap.logged_in))
                if status == "available"
                else "",
                tone,
            )

    def _fill(self, tiles: list[Tile], q: QueueLive, name: str, snap: LiveSnapshot) -> None:
        s = self.settings
        t = q.today
        available = snap.agents.get("available", 0)
        tiles[0].show_value(
            QCoreApplication.translate("Kpi", "%1: waiting").replace("%1", name),
            str(q.waiting),
            QCoreApplication.translate("Kpi", "offered today %1").replace(
                "%1", texts.num(t.offered)
            ),
            texts.waiting_tone(q.waiting, available),
        )
        tiles[1].show_value(
            QCoreApplication.translate("Kpi", "Longest wait"),
            texts.duration(q.longest_wait_seconds) if q.waiting else texts.DASH,
            QCoreApplication.translate("Kpi", "target %1 s").replace("%1", str(s.sl_seconds)),
            texts.wait_tone(q.longest_wait_seconds, s.sl_seconds) if q.waiting else "ok",
        )
        tiles[2].show_value(
            QCoreApplication.translate("Kpi", "Service level today"),
            texts.pct(t.service_level, 0),
            QCoreApplication.translate("Kpi", "target %1 in %2 s")
            .replace("%1", texts.pct(s.sl_target, 0))
            .replace("%2", str(s.sl_seconds)),
            texts.sl_tone(t.service_level, s.sl_target),
        )
        tiles[3].show_value(
            QCoreApplication.translate("Kpi", "ASA today"),
            texts.duration(t.asa_seconds),
            QCoreApplication.translate("Kpi", "answered %1").replace("%1", texts.num(t.answered)),
        )
        tiles[4].show_value(
            QCoreApplication.translate("Kpi", "Abandoned today"),
            texts.num(t.abandoned - t.short_abandoned),
            QCoreApplication.translate("Kpi", "%1 of offered").replace(
                "%1", texts.pct(t.abandonment_rate)
            ),
            texts.abandon_tone(t.abandonment_rate),
        )
