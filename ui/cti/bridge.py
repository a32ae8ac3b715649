"""The CTI source wired into the running window: events pop the card, drive the call
bar, and land in the calls table.

Adapters run on their own threads (socket readers, the HTTP server); they call
`deliver` there, which only emits a Qt signal, so everything after that happens on
the GUI thread through a queued connection and nothing here ever waits on a socket.
The writes go to the Recorder's own thread, in the order the events came.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from app.cti import recorder, sources
from app.cti.events import CallEvent, CallState, Direction
from app.cti.settings import CtiSettings
from app.errors import UserError
from app.pop_protocol import PopMessage
from ui.app_messages import user_text
from ui.cti.call_controls import CallControls
from ui.widgets import set_style_props
from ui.worker import run_in_background

if TYPE_CHECKING:  # the controller imports this module
    from ui.pop.controller import ScreenPop

log = logging.getLogger(__name__)


class CtiBridge(QObject):
    """One per window: owns the adapter, the recorder and the card's call bar."""

    eventArrived = Signal(object, float)  # CallEvent, perf_counter() when read (any thread)
    statusArrived = Signal(bool, str)  # connected?, detail (any thread)
    statusChanged = Signal(bool, str)  # the same, on the GUI thread
    callRecorded = Signal(object)  # CallRecord (from the recorder's thread)

    def __init__(
        self,
        pop: ScreenPop,
        cfg: CtiSettings,
        agent_id: uuid.UUID | None = None,
        region: str = "VN",
    ) -> None:
        super().__init__(pop)
        self.pop = pop
        self.cfg = cfg
        self.source: sources.Source | None = None
        self.connected = False
        self.status_text = ""
        self.error = ""
        self.events: list[CallEvent] = []  # what arrived (diagnostics, tests): last 100
        self.recorder = recorder.Recorder(
            pop.db, agent_id, region, on_recorded=self.callRecorded.emit
        )
        self.controls = CallControls(pop.card)
        layout = pop.card.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(1, self.controls)  # under the caller's number
        self.controls.install_shortcuts(pop.card)
        self.controls.answerRequested.connect(self.answer)
        self.controls.hangupRequested.connect(self.hangup)
        queued = Qt.ConnectionType.QueuedConnection
        self.eventArrived.connect(self._on_event, queued)
        self.statusArrived.connect(self._on_status, queued)
        self.callRecorded.connect(lambda _r: pop._refresh_log(), queued)

    # -- life cycle -----------------------------------------------------------------------

    def start(self, token: str | None = None, secret: str | None = None) -> bool:
        """Start the configured source; False (and `error` says why) when it cannot."""
        try:
            self.source = sources.start(
                self.cfg, self.deliver, self.statusArrived.emit, token, secret
            )
        except UserError as exc:
            self.error = str(exc)
            log.warning("CTI source %s not started: %s", self.cfg.source, exc)
            self.statusChanged.emit(False, self.error)
            return False
        self.controls.set_controllable(self.source is not None and self.source.can_control)
        self.pop.dialer = self.source.dial if self.source is not None else None
        return True

    def stop(self) -> None:
        if self.source is not None:
            self.source.stop()
            self.source = None
        self.pop.dialer = None
        self.recorder.close(timeout=5)

    # -- from the adapters' threads ---------------------------------------------------------

    def deliver(self, event: CallEvent, arrived: float) -> None:
        """Called on the adapter's thread: hop to the GUI thread."""
        self.eventArrived.emit(event, arrived)

    # -- on the GUI thread ------------------------------------------------------------------

    def for_me(self, event: CallEvent) -> bool:
        """Pop only calls meant for this workstation's extension when one is set (a
        webhook may report the whole call centre's calls)."""
        ext = self.cfg.extension
        if not ext or self.cfg.source == "baresip":  # the softphone on this desk: all ours
            return True
        if event.state is CallState.ANSWERED and event.agent:
            return event.agent == ext  # a colleague picked it up
        return ext in (event.called, event.agent) or event.call_ref == self.controls.call_ref

    def _on_event(self, event: CallEvent, arrived: float) -> None:
        self.events.append(event)
        del self.events[:-100]
        mine = self.for_me(event)
        pops = event.state is CallState.RINGING and event.direction is Direction.INBOUND and mine
        # A popped call's caller is looked up by the card, which links the row itself.
        self.recorder.submit(event, mine, match=not pops)
        if pops:
            self.controls.on_event(event)
            message = PopMessage(event.number or "anonymous", event.call_ref, event.name)
            self.pop.pop(message, arrived)
        elif event.state is not CallState.RINGING:
            self.controls.on_event(event)

    def _on_status(self, connected: bool, text: str) -> None:
        self.connected, self.status_text = connected, text
        if not connected:
            self.controls.command_failed()
        self.statusChanged.emit(connected, text)

    def answer(self, call_id: str) -> None:
        self._command("accept", call_id)

    def hangup(self, call_id: str) -> None:
        self._command("hangup", call_id)

    def _command(self, name: str, call_id: str) -> None:
        source = self.source
        fn = None if source is None else source.accept if name == "accept" else source.hangup
        if fn is None:
            self.controls.command_failed()
            return
        run_in_background(
            fn,
            call_id or None,
            on_result=lambda ok: None if ok else self.controls.command_failed(),
            on_error=lambda _e: self.controls.command_failed(),
        )


class CtiStatusLabel(QLabel):
    """The phone connection in the status bar: the agent sees at once when the
    softphone is down and calls would not pop."""

    def __init__(self, bridge: CtiBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CtiStatus")
        self.setProperty("role", "status")
        self.bridge = bridge
        bridge.statusChanged.connect(lambda *_a: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        b = self.bridge
        if b.error:
            text, tone = self.tr("Phone: %1").replace("%1", user_text(b.error)), "error"
        elif b.connected:
            text, tone = self.tr("Phone connected"), "ok"
        elif b.source is not None and b.source.kind == "webhook":
            text, tone = self.tr("Phone: listening"), "ok"
        else:
            text, tone = self.tr("Phone not connected"), "error"
        self.setText(text)
        self.setToolTip(b.source.description if b.source is not None else b.cfg.source)
        if self.property("tone") != tone:
            set_style_props(self, tone=tone)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
