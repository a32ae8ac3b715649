"""The life cycle both softphone/PBX socket clients share: one daemon thread running
`_run` (connect, read, reconnect with back-off), stopped by shutting the socket down
so a blocking read returns at once."""

from __future__ import annotations

import contextlib
import socket
import threading


class SocketClientThread:
    THREAD_NAME = "cti-client"

    _sock: socket.socket | None
    _stop: threading.Event
    _thread: threading.Thread | None

    def _run(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.THREAD_NAME, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
