"""baresip's ctrl_tcp control socket: call events in, accept/hangup out.

The softphone listens (config `ctrl_tcp_listen 127.0.0.1:4444`); we connect and read
netstring-framed JSON. Events look like

    {"event":true,"class":"call","type":"CALL_INCOMING","accountaor":"sip:101@pbx",
     "direction":"incoming","peeruri":"sip:0912345678@pbx","peerdisplayname":"An",
     "id":"6b7c...","param":"sip:0912345678@pbx"}

CALL_INCOMING (and CALL_OUTGOING for a call-back dialled from the softphone) ring,
CALL_ESTABLISHED answers, CALL_CLOSED ends; every other event is ignored. Commands
go back as {"command":"accept","params":"","token":"7"}; the call is selected first
with `callfind <id>` so the right one of several is answered.

The client runs on its own thread and reconnects (with back-off) whenever the
softphone goes away, so restarting baresip needs nothing from the agent. Anything
malformed is logged and dropped; a broken frame resets the connection.
"""

from __future__ import annotations

import itertools
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.cti import netstring
from app.cti.events import CallEvent, CallState, Direction, EventError, make_event, number_from_uri
from app.cti.socket_client import SocketClientThread

log = logging.getLogger(__name__)

SOURCE = "baresip"
DEFAULT_PORT = 4444
_STATES = {
    "CALL_INCOMING": (CallState.RINGING, Direction.INBOUND),
    "CALL_OUTGOING": (CallState.RINGING, Direction.OUTBOUND),
    "CALL_ESTABLISHED": (CallState.ANSWERED, None),
    "CALL_CLOSED": (CallState.HANGUP, None),
}


@dataclass(frozen=True)
class Response:
    """The softphone's answer to one of our commands."""

    ok: bool
    data: str
    token: str | None


def parse(payload: bytes) -> CallEvent | Response | None:
    """One ctrl_tcp message: a call event, a command response, or None for events we do
    not use (registrations, other classes). EventError for anything malformed."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise EventError("not UTF-8 JSON") from None
    if not isinstance(data, dict):
        raise EventError("not a JSON object")
    if data.get("response") is True:
        token = data.get("token")
        return Response(
            bool(data.get("ok")), str(data.get("data") or "")[:2000], str(token) if token else None
        )
    if data.get("event") is not True:
        raise EventError("neither an event nor a response")
    kind = data.get("type")
    if not isinstance(kind, str):
        raise EventError("event without a type")
    if kind not in _STATES:
        return None
    state, direction = _STATES[kind]
    if direction is None:
        raw = data.get("direction")
        direction = Direction.OUTBOUND if raw == "outgoing" else Direction.INBOUND
    peer = data.get("peeruri")
    aor = data.get("accountaor")
    if peer is not None and not isinstance(peer, str):
        raise EventError("'peeruri' must be text")
    if aor is not None and not isinstance(aor, str):
        raise EventError("'accountaor' must be text")
    extension = number_from_uri(aor)
    return make_event(
        state,
        data.get("id"),
        SOURCE,
        number=number_from_uri(peer),
        name=data.get("peerdisplayname"),
        called=extension,
        agent=extension if state is CallState.ANSWERED else None,
        direction=direction,
        cause=(data.get("param") or None) if state is CallState.HANGUP else None,
    )


def command(name: str, params: str = "", token: str = "") -> bytes:
    """A command frame for the socket."""
    body = {"command": name, "params": params, "token": token}
    return netstring.encode(json.dumps(body).encode())


EventSink = Callable[[CallEvent, float], None]  # the event, perf_counter() when read
StatusSink = Callable[[bool, str], None]  # connected?, what happened


class BaresipClient(SocketClientThread):
    """Connects to one softphone's ctrl_tcp socket and keeps connecting."""

    THREAD_NAME = "cti-baresip"

    def __init__(
        self,
        host: str,
        port: int,
        on_event: EventSink,
        on_status: StatusSink | None = None,
        retry_min_s: float = 0.25,
        retry_max_s: float = 5.0,
    ) -> None:
        self.host, self.port = host, port
        self.on_event = on_event
        self.on_status = on_status
        self.retry_min_s, self.retry_max_s = retry_min_s, retry_max_s
        self.dropped = 0  # malformed messages seen (tests, diagnostics)
        self.responses: list[Response] = []
        self._sock: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._tokens = itertools.count(1)
        self.connected = threading.Event()

    # -- life cycle -------------------------------------------------------------------

    # -- commands ---------------------------------------------------------------------

    def send(self, name: str, params: str = "") -> bool:
        """Send one command; False when the softphone is not connected."""
        sock = self._sock
        if sock is None:
            return False
        frame = command(name, params, str(next(self._tokens)))
        with self._send_lock:
            try:
                sock.sendall(frame)
            except OSError as exc:
                log.warning("baresip: could not send %r: %s", name, exc)
                return False
        return True

    def accept(self, call_id: str | None = None) -> bool:
        """Answer `call_id` (or the softphone's current call)."""
        if call_id:
            self.send("callfind", call_id)
        return self.send("accept")

    def hangup(self, call_id: str | None = None) -> bool:
        if call_id:
            self.send("callfind", call_id)
        return self.send("hangup")

    def dial(self, number: str) -> bool:
        """Ring `number` back from the softphone (a missed call's call-back)."""
        if not number or any(ord(ch) < 32 for ch in number):
            return False
        return self.send("dial", number)

    # -- the thread -------------------------------------------------------------------

    def _status(self, connected: bool, text: str) -> None:
        if connected:
            self.connected.set()
        else:
            self.connected.clear()
        if self.on_status is not None:
            try:
                self.on_status(connected, text)
            except Exception:
                log.exception("baresip status handler failed")

    def _run(self) -> None:
        delay = self.retry_min_s
        announced_down = False
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=2.0)
            except OSError as exc:
                if not announced_down:
                    log.info("baresip at %s:%s unavailable: %s", self.host, self.port, exc)
                    self._status(False, str(exc))
                    announced_down = True
                self._stop.wait(delay)
                delay = min(delay * 2, self.retry_max_s)
                continue
            delay = self.retry_min_s
            announced_down = False
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(None)
            self._sock = sock
            log.info("baresip: connected to %s:%s", self.host, self.port)
            self._status(True, f"{self.host}:{self.port}")
            try:
                self._read(sock)
            finally:
                self._sock = None
                sock.close()
            if not self._stop.is_set():
                log.info("baresip: connection closed; reconnecting")
                self._status(False, "connection closed")
                announced_down = True
                self._stop.wait(self.retry_min_s)

    def _read(self, sock: socket.socket) -> None:
        decoder = netstring.Decoder()
        while not self._stop.is_set():
            try:
                chunk = sock.recv(65536)
            except OSError:
                return
            arrived = time.perf_counter()
            if not chunk:
                return
            try:
                frames = decoder.feed(chunk)
            except netstring.NetstringError as exc:
                self.dropped += 1
                log.warning("baresip: broken framing (%s); reconnecting", exc)
                return
            for frame in frames:
                self._handle(frame, arrived)

    def _handle(self, frame: bytes, arrived: float) -> None:
        try:
            message = parse(frame)
        except EventError as exc:
            self.dropped += 1
            log.warning("baresip: dropped a message: %s", exc)
            return
        if isinstance(message, Response):
            self.responses.append(message)
            del self.responses[:-50]
            if not message.ok:
                log.info("baresip: command refused: %s", message.data)
        elif message is not None:
            try:
                self.on_event(message, arrived)
            except Exception:
                log.exception("baresip event handler failed")
