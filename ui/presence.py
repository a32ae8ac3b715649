"""The agent's status selector and the heartbeat that keeps them "present".

The selector sits in the main window's header. Setting a status, the heartbeat every
15 s and the sweep that takes dead clients offline all run on ui.worker threads; a
failed heartbeat (server away) is simply tried again at the next beat.
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from app import presence
from app.outbox import retention
from app.sync import changes as sync_changes
from db.engine import Database
from db.enums import AgentStatus
from ui import labels
from ui.widgets import set_style_props
from ui.worker import run_in_background

log = logging.getLogger(__name__)

HEARTBEAT_MS = int(presence.HEARTBEAT.total_seconds() * 1000)
SWEEP_EVERY = 2  # beats
PRUNE_EVERY = 240  # beats (an hour): old changes and applied operations are dropped
# What the agent may choose; offline is what closing the window (or dying) means.
CHOOSABLE = (AgentStatus.AVAILABLE, AgentStatus.ON_CALL, AgentStatus.WRAP_UP, AgentStatus.AWAY)
_TONE = {"available": "ok", "on_call": "info", "wrap_up": "warning", "away": "neutral"}


def _resume(db: Database, user_id: uuid.UUID) -> str:
    """Worker thread: keep the status of a client that restarted within the offline
    window, otherwise start available."""
    states = {a.user_id: a for a in presence.current_statuses(db)}
    mine = states.get(user_id)
    status = mine.status if mine and mine.status in CHOOSABLE else AgentStatus.AVAILABLE
    presence.set_status(db, user_id, status)
    return str(status)


def _beat(db: Database, user_id: uuid.UUID, sweep: bool, prune: bool = False) -> str:
    status = presence.heartbeat(db, user_id)
    if sweep:
        presence.sweep(db)
    if prune:
        sync_changes.prune(db)
        retention.prune(db)
    return status


class StatusSelector(QComboBox):
    """Available / On a call / Wrap-up / Away; the choice is stored at once."""

    statusChanged = Signal(str)

    def __init__(self, db: Database, user_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusSelector")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.db, self.user_id = db, user_id
        self.status = ""
        self._requested = ""
        self._beats = 0
        for code in CHOOSABLE:
            self.addItem("", str(code))
        self.retranslate()
        self.setEnabled(False)  # until the stored status is known
        self.activated.connect(self._chosen)
        self.heartbeat_timer = QTimer(self, interval=HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self.beat)

    def start(self) -> None:
        run_in_background(
            _resume, self.db, self.user_id, on_result=self._shown, on_error=self._failed
        )
        self.heartbeat_timer.start()

    def resume(self) -> None:
        """The server answers again: read the stored status if it never could be (the
        window started offline)."""
        if not self.status:
            run_in_background(
                _resume, self.db, self.user_id, on_result=self._shown, on_error=self._failed
            )

    def stop(self) -> None:
        """Going offline on purpose (the window closes); the caller waits for the worker."""
        self.heartbeat_timer.stop()
        run_in_background(presence.set_status, self.db, self.user_id, AgentStatus.OFFLINE)

    def retranslate(self) -> None:
        for i in range(self.count()):
            self.setItemText(i, "● " + labels.agent_status(self.itemData(i)))
        self.setToolTip(self.tr("Your status: who is available gets new tickets"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_status(self, code: str) -> None:
        """Choose `code` as if picked from the list."""
        i = self.findData(code)
        if i >= 0:
            self.setCurrentIndex(i)
            self._chosen(i)

    def _chosen(self, index: int) -> None:
        code = str(self.itemData(index))
        if code == self.status:
            return
        self._requested = code
        run_in_background(
            presence.set_status,
            self.db,
            self.user_id,
            code,
            on_result=self._stored,
            on_error=self._failed,
        )

    def _stored(self, _result: object) -> None:
        self._shown(self._requested)

    def beat(self) -> None:
        self._beats += 1
        run_in_background(
            _beat,
            self.db,
            self.user_id,
            self._beats % SWEEP_EVERY == 0,
            self._beats % PRUNE_EVERY == 0,
            on_result=self._beaten,
            on_error=self._failed,
        )

    def _beaten(self, status: str) -> None:
        if status != self.status:
            self._shown(status)

    def _shown(self, code: str) -> None:
        self.status = code
        self.setEnabled(True)
        i = self.findData(code)
        if i >= 0:
            self.blockSignals(True)
            self.setCurrentIndex(i)
            self.blockSignals(False)
        else:  # taken offline by a sweep (this client froze): the agent chooses again
            self.blockSignals(True)
            self.setCurrentIndex(-1)
            self.blockSignals(False)
            self.setPlaceholderText("● " + labels.agent_status(code))
        set_style_props(self, tone=_TONE.get(code, "neutral"))
        self.statusChanged.emit(code)

    def _failed(self, exc: BaseException) -> None:
        log.info("presence: %s", exc)
