"""The GUI end of `calldesk pop`: a QLocalServer taking newline-delimited JSON messages.

One server per user and CALLDESK_HOME (app.pop_protocol.server_name), so it doubles
as the single-instance lock: a second `calldesk` launch finds it and asks this one to
come to the front. A socket file left by a crashed window is removed when nobody
answers on it. Anything malformed or oversized is logged, answered with an error and
dropped; the window never crashes on what a softphone script sends.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from app import pop_protocol
from app.pop_protocol import PopMessage, ProtocolError, RaiseMessage
from app.pop_protocol import hand_over_to_running_window as hand_over_to_running_window

log = logging.getLogger(__name__)

IDLE_TIMEOUT_MS = 5_000  # a connection that sends no full line within this is dropped


class PopServer(QObject):
    """Emits `popReceived(message, arrived)` with `arrived` = time.perf_counter() at the
    moment the message's bytes were read (the screen-pop latency is measured from it)."""

    popReceived = Signal(object, float)
    raiseRequested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or pop_protocol.server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.setMaxPendingConnections(16)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}
        self.refused = 0  # malformed messages seen (tests, diagnostics)

    # -- life cycle -------------------------------------------------------------------

    def listen(self) -> bool:
        """Start serving; False when another CallDesk window already serves this name."""
        if self.server.isListening():
            return True
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            if pop_protocol.is_listening(self.name):
                return False
            log.info("removing a stale screen-pop socket %s", self.name)
            QLocalServer.removeServer(self.name)
            if self.server.listen(self.name):
                return True
        log.warning("screen-pop socket unavailable: %s", self.server.errorString())
        return False

    def is_listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        for sock in list(self._buffers):
            sock.abort()
        self._buffers.clear()
        if self.server.isListening():
            self.server.close()

    # -- connections ------------------------------------------------------------------

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            if sock is None:
                break
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            QTimer.singleShot(IDLE_TIMEOUT_MS, sock, lambda s=sock: self._expire(s))
            if sock.bytesAvailable():
                self._read(sock)

    def _forget(self, sock: QLocalSocket) -> None:
        if self._buffers.pop(sock, None) is not None:
            sock.deleteLater()

    def _expire(self, sock: QLocalSocket) -> None:
        if sock in self._buffers:
            log.warning("screen-pop connection sent no complete message; dropped")
            self._drop(sock)

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.disconnectFromServer()
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        arrived = time.perf_counter()
        buf = self._buffers.get(sock)
        if buf is None:
            return
        buf += bytes(sock.readAll().data())
        while True:
            cut = buf.find(b"\n")
            if cut < 0:
                break
            line = bytes(buf[:cut])
            del buf[: cut + 1]
            self._handle(sock, line, arrived)
            if sock not in self._buffers:
                return
        if len(buf) > pop_protocol.MAX_MESSAGE_BYTES:
            self._refuse(sock, f"message longer than {pop_protocol.MAX_MESSAGE_BYTES} bytes")
            self._drop(sock)

    def _refuse(self, sock: QLocalSocket, why: str) -> None:
        self.refused += 1
        log.warning("ignored a malformed screen-pop message: %s", why)
        self._write(sock, pop_protocol.reply(False, why))

    def _write(self, sock: QLocalSocket, data: bytes) -> None:
        if sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
            sock.write(data)
            sock.flush()

    def _handle(self, sock: QLocalSocket, line: bytes, arrived: float) -> None:
        if not line.strip():
            return
        try:
            message = pop_protocol.decode(line)
        except ProtocolError as exc:
            self._refuse(sock, str(exc))
            return
        self._write(sock, pop_protocol.reply(True))
        try:
            if isinstance(message, RaiseMessage):
                self.raiseRequested.emit()
            elif isinstance(message, PopMessage):
                self.popReceived.emit(message, arrived)
        except Exception:  # a bug in a slot must not take the server down
            log.exception("screen-pop handler failed")
