"""Asterisk's Manager Interface (AMI): the agent's calls from the PBX itself.

A small client on a plain TCP socket (the protocol is "Key: Value" lines, a blank
line ends a message). We log in with `Events: call`, then follow calls by Linkedid,
the id Asterisk gives every channel of one call:

- Newchannel / DialBegin towards the agent's extension: the call rings here;
- BridgeEnter of the agent's channel: answered;
- Hangup of the caller's channel, or of the agent's leg: over for this workstation.

Only calls that reach the agent's extension are reported. panoramisk (the asyncio
AMI library) was considered; it has had no release since 2021 and would bring an
asyncio loop into a Qt application for four event types, so this client stays
small and thread-based, like the baresip one.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from app.cti.events import CallEvent, CallState, Direction, EventError, make_event
from app.cti.socket_client import SocketClientThread

log = logging.getLogger(__name__)

SOURCE = "ami"
DEFAULT_PORT = 5038
MAX_MESSAGE = 16 * 1024  # one AMI message (events are a few hundred bytes)
MAX_LINE = 4096
_TRACKED = 512  # calls remembered at once (the oldest are forgotten)
_CHANNEL = re.compile(r"^[A-Za-z0-9_]+/([^-@/]+)")


class AmiError(ValueError):
    """The stream is not AMI (the connection is reset)."""


class Parser:
    """Bytes in, messages (dicts of the first value of each key) out."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.banner: str | None = None

    def feed(self, data: bytes) -> list[dict[str, str]]:
        self._buf += data
        out: list[dict[str, str]] = []
        if self.banner is None:
            cut = self._buf.find(b"\r\n")
            if cut < 0:
                if len(self._buf) > MAX_LINE:
                    raise AmiError("no banner line")
                return out
            self.banner = self._buf[:cut].decode("utf-8", "replace")
            del self._buf[: cut + 2]
            if not self.banner.startswith("Asterisk Call Manager"):
                raise AmiError(f"not an AMI server: {self.banner[:60]!r}")
        while True:
            cut = self._buf.find(b"\r\n\r\n")
            if cut < 0:
                if len(self._buf) > MAX_MESSAGE:
                    raise AmiError(f"message longer than {MAX_MESSAGE} bytes")
                return out
            if cut > MAX_MESSAGE:
                raise AmiError(f"message longer than {MAX_MESSAGE} bytes")
            block = bytes(self._buf[:cut])
            del self._buf[: cut + 4]
            message: dict[str, str] = {}
            for raw in block.split(b"\r\n"):
                line = raw.decode("utf-8", "replace")
                key, sep, value = line.partition(":")
                if not sep or not key.strip():
                    continue  # command output lines of a "Response: Follows"
                message.setdefault(key.strip(), value.strip())
            if message:
                out.append(message)


def action(name: str, **fields: str) -> bytes:
    """One action message; values with line breaks are refused (header injection)."""
    lines = [f"Action: {name}"]
    for key, value in fields.items():
        if "\r" in value or "\n" in value:
            raise ValueError(f"{key} holds a line break")
        lines.append(f"{key}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def extension_of(channel: str | None) -> str | None:
    """'PJSIP/101-0000002a' -> '101'."""
    if not channel:
        return None
    m = _CHANNEL.match(channel)
    return m.group(1) if m else None


@dataclass
class _Call:
    caller: str | None = None
    name: str | None = None
    queue: str | None = None
    rang: bool = False
    answered: bool = False
    agent_channels: set[str] = field(default_factory=set)


class Tracker:
    """AMI events -> call events for one extension (pure logic, no socket)."""

    def __init__(self, extension: str) -> None:
        self.extension = extension.strip()
        self._calls: OrderedDict[str, _Call] = OrderedDict()

    def _call(self, linkedid: str) -> _Call:
        call = self._calls.get(linkedid)
        if call is None:
            call = self._calls[linkedid] = _Call()
            while len(self._calls) > _TRACKED:
                self._calls.popitem(last=False)
        return call

    def _mine(self, channel: str | None) -> bool:
        return bool(self.extension) and extension_of(channel) == self.extension

    def handle(self, msg: dict[str, str]) -> CallEvent | None:
        kind = msg.get("Event")
        linkedid = msg.get("Linkedid") or msg.get("LinkedID")
        if not kind or not linkedid:
            return None
        if kind == "QueueCallerJoin":
            self._call(linkedid).queue = msg.get("Queue")
            return None
        if kind == "Newchannel":
            call = self._call(linkedid)
            if msg.get("Uniqueid") == linkedid:  # the caller's own channel
                call.caller = _number(msg.get("CallerIDNum"))
                call.name = _number(msg.get("CallerIDName"))
                return None
            if self._mine(msg.get("Channel")):
                call.agent_channels.add(msg.get("Channel") or "")
                return self._ring(linkedid, call, msg)
            return None
        if kind == "DialBegin":
            dest = msg.get("DestChannel")
            if not (self._mine(dest) or msg.get("DestExten") == self.extension):
                return None
            call = self._call(linkedid)
            if dest:
                call.agent_channels.add(dest)
            call.caller = call.caller or _number(msg.get("CallerIDNum"))
            call.name = call.name or _number(msg.get("CallerIDName"))
            return self._ring(linkedid, call, msg)
        call_or_none = self._calls.get(linkedid)
        if call_or_none is None or not call_or_none.rang:
            return None
        call = call_or_none
        channel = msg.get("Channel")
        if kind == "BridgeEnter" and (channel in call.agent_channels or self._mine(channel)):
            if call.answered:
                return None
            call.answered = True
            return make_event(
                CallState.ANSWERED,
                linkedid,
                SOURCE,
                number=call.caller,
                called=self.extension,
                queue=call.queue,
                agent=self.extension,
            )
        if kind == "Hangup" and (msg.get("Uniqueid") == linkedid or channel in call.agent_channels):
            self._calls.pop(linkedid, None)
            return make_event(
                CallState.HANGUP,
                linkedid,
                SOURCE,
                number=call.caller,
                called=self.extension,
                queue=call.queue,
                cause=(msg.get("Cause-txt") or msg.get("Cause") or "")[:64] or None,
            )
        return None

    def _ring(self, linkedid: str, call: _Call, msg: dict[str, str]) -> CallEvent | None:
        if call.rang:
            return None
        call.rang = True
        return make_event(
            CallState.RINGING,
            linkedid,
            SOURCE,
            number=call.caller or _number(msg.get("ConnectedLineNum")),
            name=call.name or _number(msg.get("ConnectedLineName")),
            called=self.extension,
            queue=call.queue,
            direction=Direction.INBOUND,
        )


def _number(value: str | None) -> str | None:
    """AMI says '<unknown>' for an empty caller id."""
    if not value or value in ("<unknown>", "<Unknown>"):
        return None
    return value[:64]


EventSink = Callable[[CallEvent, float], None]
StatusSink = Callable[[bool, str], None]


class AmiClient(SocketClientThread):
    """Logs in to one Asterisk and keeps the connection (reconnecting with back-off)."""

    THREAD_NAME = "cti-ami"

    def __init__(
        self,
        host: str,
        port: int,
        username: str,
        secret: str,
        extension: str,
        on_event: EventSink,
        on_status: StatusSink | None = None,
        retry_min_s: float = 0.25,
        retry_max_s: float = 10.0,
    ) -> None:
        self.host, self.port = host, port
        self.username, self.secret = username, secret
        self.extension = extension
        self.on_event, self.on_status = on_event, on_status
        self.retry_min_s, self.retry_max_s = retry_min_s, retry_max_s
        self.dropped = 0
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def _status(self, up: bool, text: str) -> None:
        (self.connected.set if up else self.connected.clear)()
        if self.on_status is not None:
            try:
                self.on_status(up, text)
            except Exception:
                log.exception("ami status handler failed")

    def _run(self) -> None:
        delay = self.retry_min_s
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=5.0)
            except OSError as exc:
                self._status(False, str(exc))
                self._stop.wait(delay)
                delay = min(delay * 2, self.retry_max_s)
                continue
            self._sock = sock
            try:
                if self._session(sock):
                    delay = self.retry_min_s
            finally:
                self._sock = None
                sock.close()
            if not self._stop.is_set():
                self._status(False, "connection closed")
                self._stop.wait(delay)
                delay = min(delay * 2, self.retry_max_s)

    def _session(self, sock: socket.socket) -> bool:
        """One connection: log in, then read events. True when the login worked."""
        parser = Parser()
        tracker = Tracker(self.extension)
        sock.settimeout(10.0)
        sock.sendall(action("Login", Username=self.username, Secret=self.secret, Events="call"))
        logged_in = False
        sock.settimeout(None)
        while not self._stop.is_set():
            try:
                chunk = sock.recv(65536)
            except OSError:
                return logged_in
            arrived = time.perf_counter()
            if not chunk:
                return logged_in
            try:
                messages = parser.feed(chunk)
            except AmiError as exc:
                self.dropped += 1
                log.warning("ami: %s; reconnecting", exc)
                return logged_in
            for msg in messages:
                if not logged_in and "Response" in msg:
                    if msg["Response"].lower() != "success":
                        log.warning("ami: login refused: %s", msg.get("Message", ""))
                        self._status(False, "login refused: " + msg.get("Message", "")[:100])
                        return False
                    logged_in = True
                    self._status(True, f"{self.host}:{self.port}")
                    continue
                try:
                    event = tracker.handle(msg)
                except EventError as exc:
                    self.dropped += 1
                    log.warning("ami: dropped an event: %s", exc)
                    continue
                if event is not None:
                    try:
                        self.on_event(event, arrived)
                    except Exception:
                        log.exception("ami event handler failed")
        return logged_in
