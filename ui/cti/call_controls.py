"""The call bar on the screen-pop card: the call's state and, when the softphone
can be driven (baresip), Answer and Hang up.

F9 answers and F10 hangs up wherever the card has focus, as on a desk phone's
soft keys; the buttons only ask (signals) and show the state the phone reports
back, so a call answered on the handset shows the same as one answered here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from app.cti.events import CallEvent, CallState
from ui.pop.widgets import KeyButton
from ui.widgets import make_label, set_style_props

ANSWER_KEY, HANGUP_KEY = "F9", "F10"


def clock(seconds: float) -> str:
    s = max(int(seconds), 0)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


class CallControls(QFrame):
    """Shows one call at a time (the one on the card)."""

    answerRequested = Signal(str)  # call id as the source knows it
    hangupRequested = Signal(str)

    IDLE, RINGING, TALKING, ENDED = "idle", "ringing", "talking", "ended"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CallBar")
        self.state = self.IDLE
        self.call_ref = ""
        self.call_id = ""
        self.answered_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.offered_at: datetime | None = None
        self.controllable = False
        self.busy = False  # a command was sent and the phone has not answered yet
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 6, 10, 6)
        layout.setSpacing(6)
        self.state_label = make_label("", "call-state")
        self.state_label.setObjectName("CallState")
        layout.addWidget(self.state_label, 1)
        self.answer_button = KeyButton(ANSWER_KEY)
        self.answer_button.setObjectName("AnswerButton")
        self.answer_button.setProperty("tone", "primary")
        self.answer_button.clicked.connect(self.answer)
        self.hangup_button = KeyButton(HANGUP_KEY)
        self.hangup_button.setObjectName("HangupButton")
        self.hangup_button.setProperty("tone", "danger")
        self.hangup_button.clicked.connect(self.hangup)
        layout.addWidget(self.answer_button)
        layout.addWidget(self.hangup_button)
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self._tick)
        self.shortcuts: list[QShortcut] = []
        self.retranslate()
        self._show()

    def install_shortcuts(self, window: QWidget) -> None:
        """F9 / F10 anywhere in `window` (the card)."""
        for key, slot in ((ANSWER_KEY, self.answer), (HANGUP_KEY, self.hangup)):
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    def retranslate(self) -> None:
        self.answer_button.set_text(self.tr("Answer"))
        self.hangup_button.set_text(self.tr("Hang up"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what the phone says ------------------------------------------------------------

    def set_controllable(self, controllable: bool) -> None:
        self.controllable = controllable
        self._show()

    def on_event(self, event: CallEvent) -> None:
        """A call event for the call on the card (others are ignored)."""
        if event.state is CallState.RINGING:
            self.call_ref, self.call_id = event.call_ref, event.call_id
            self.offered_at, self.answered_at, self.ended_at = event.at, None, None
            self.state = self.RINGING
        elif event.call_ref != self.call_ref:
            return
        elif event.state is CallState.ANSWERED:
            self.answered_at = self.answered_at or event.at
            self.state = self.TALKING
        elif event.state is CallState.HANGUP:
            self.ended_at = event.at
            self.state = self.ENDED
        self.busy = False
        self._show()

    # -- what the agent asks --------------------------------------------------------------

    def answer(self) -> None:
        if self.controllable and self.state == self.RINGING and not self.busy:
            self.busy = True
            self._show()
            self.answerRequested.emit(self.call_id)

    def hangup(self) -> None:
        if self.controllable and self.state in (self.RINGING, self.TALKING) and not self.busy:
            self.busy = True
            self._show()
            self.hangupRequested.emit(self.call_id)

    def command_failed(self) -> None:
        """The phone could not be reached: let the agent try again."""
        self.busy = False
        self._show()

    # -- painting ---------------------------------------------------------------------------

    def _tick(self) -> None:
        self._show()

    def state_text(self) -> str:
        now = datetime.now(UTC)
        if self.state == self.RINGING:
            return self.tr("Ringing")
        if self.state == self.TALKING and self.answered_at is not None:
            return self.tr("On call · %1").replace(
                "%1", clock((now - self.answered_at).total_seconds())
            )
        if self.state == self.ENDED:
            if self.answered_at is None:
                return self.tr("Missed call")
            end = self.ended_at or now
            return self.tr("Call ended · %1").replace(
                "%1", clock((end - self.answered_at).total_seconds())
            )
        return ""

    def _show(self) -> None:
        self.setVisible(self.state != self.IDLE)
        self.state_label.setText(self.state_text())
        tone = {"ringing": "ringing", "talking": "ok", "ended": "muted"}.get(self.state, "")
        if self.state_label.property("tone") != tone:
            set_style_props(self.state_label, tone=tone)
        self.answer_button.setVisible(self.controllable and self.state == self.RINGING)
        self.hangup_button.setVisible(
            self.controllable and self.state in (self.RINGING, self.TALKING)
        )
        for button in (self.answer_button, self.hangup_button):
            button.setEnabled(not self.busy)
        if self.state == self.TALKING:
            self.timer.start()
        else:
            self.timer.stop()
