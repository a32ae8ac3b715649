"""How `calldesk pop NUMBER` reaches the CallDesk window already open on this workstation.

A softphone runs `calldesk pop` on ring; the process must hand the number over and
exit at once, so it never opens the database: it writes one line of JSON to the
GUI's local socket and waits for a one-line answer.

    -> {"type": "pop", "number": "0912 345 678", "call_id": "abc-1", "name": "AN"}
    <- {"type": "ack"}                      (or {"type": "error", "error": "..."})

`{"type": "raise"}` is what a second `calldesk` launch sends so the first window
comes to the front instead of a second one opening.

The socket is per user and per CALLDESK_HOME (tests and portable installs never
meet each other): on POSIX a Unix-domain socket file in the temp dir, which the
GUI's QLocalServer listens on by its full path, so this side needs no Qt at all;
on Windows a named pipe, reached with QtNetwork's QLocalSocket.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import re
import tempfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app import config

if TYPE_CHECKING:
    import socket

MAX_MESSAGE_BYTES = 4096  # one line, newline included; longer is refused unread
FIELD_LIMITS = {"number": 64, "call_id": 128, "name": 200}  # the calls table's widths
DEFAULT_TIMEOUT_S = 3.0
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")
_MAX_UNIX_PATH = 100  # sun_path holds 104-108 bytes depending on the platform


class ProtocolError(ValueError):
    """A message that is not one we understand (logged and ignored by the GUI)."""


class NoClientError(RuntimeError):
    """Nobody listens: no CallDesk window is open for this user and CALLDESK_HOME."""


class RefusedError(RuntimeError):
    """The window answered, but refused the message."""


@dataclass(frozen=True)
class PopMessage:
    """A ringing call: the caller id as the switch gave it, its call id, display name."""

    number: str
    call_id: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class RaiseMessage:
    """Another `calldesk` launch asks the running window to come to the front."""


Message = PopMessage | RaiseMessage


# --- the address ----------------------------------------------------------------------


def _user() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name anywhere (some containers): the uid still separates
        name = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return _SAFE.sub("_", name)[:32] or "user"


def instance_key() -> str:
    """Short stable hash of (user, data dir): what makes one running client unique.

    A CRC, not a cryptographic hash: it only keeps two data dirs of one user apart,
    and hashlib (OpenSSL) would load before the first window for nothing."""
    home = str(config.data_dir().resolve())
    key = zlib.crc32(f"{_user()}\0{home}".encode())
    return f"{key:08x}"


def server_name() -> str:
    """What QLocalServer listens on and the client connects to: a socket file's full path
    on POSIX (short enough for sun_path), a pipe name on Windows."""
    base = f"calldesk-{_user()}-{instance_key()}"
    if os.name == "nt":
        return base
    path = os.path.join(tempfile.gettempdir(), base + ".sock")
    if len(path.encode()) > _MAX_UNIX_PATH:
        path = os.path.join("/tmp", base + ".sock")
    return path


# --- messages -------------------------------------------------------------------------


def encode(message: Message) -> bytes:
    data: dict[str, Any]
    if isinstance(message, RaiseMessage):
        data = {"type": "raise"}
    else:
        data = {"type": "pop", "number": message.number}
        if message.call_id:
            data["call_id"] = message.call_id
        if message.name:
            data["name"] = message.name
    line = json.dumps(data, ensure_ascii=False).encode() + b"\n"
    if len(line) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message longer than {MAX_MESSAGE_BYTES} bytes")
    return line


def _text(data: dict[str, Any], key: str, required: bool) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ProtocolError(f"missing {key!r}")
        return None
    if not isinstance(value, str):
        raise ProtocolError(f"{key!r} must be a string")
    value = value.strip()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ProtocolError(f"{key!r} holds control characters")
    if len(value) > FIELD_LIMITS[key]:
        raise ProtocolError(f"{key!r} longer than {FIELD_LIMITS[key]} characters")
    if not value:
        if required:
            raise ProtocolError(f"empty {key!r}")
        return None
    return value


def decode(line: bytes) -> Message:
    """One received line (without or with its newline) as a message; ProtocolError if
    it is not one."""
    if len(line) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message longer than {MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ProtocolError("not a JSON object")
    kind = data.get("type")
    if kind == "raise":
        return RaiseMessage()
    if kind != "pop":
        raise ProtocolError(f"unknown message type {kind!r}")
    number = _text(data, "number", required=True)
    assert number is not None
    return PopMessage(number, _text(data, "call_id", False), _text(data, "name", False))


def reply(ok: bool, error: str = "") -> bytes:
    data = {"type": "ack"} if ok else {"type": "error", "error": error[:300]}
    return json.dumps(data, ensure_ascii=False).encode() + b"\n"


def _check_reply(line: bytes) -> None:
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RefusedError("unreadable answer from the CallDesk window") from None
    if not isinstance(data, dict) or data.get("type") != "ack":
        error = data.get("error") if isinstance(data, dict) else None
        raise RefusedError(str(error or "the CallDesk window refused the message"))


# --- the client -----------------------------------------------------------------------


def send(message: Message, timeout: float = DEFAULT_TIMEOUT_S, name: str | None = None) -> None:
    """Hand `message` to the running window and wait for its answer.

    Raises NoClientError when no window listens, RefusedError when it refused the
    message, TimeoutError when it did not answer within `timeout` seconds.
    """
    data = encode(message)
    target = name or server_name()
    if os.name == "nt":
        _send_qt(target, data, timeout)
    else:
        _send_unix(target, data, timeout)


def _send_unix(path: str, data: bytes, timeout: float) -> None:
    if not os.path.exists(path):  # the usual answer at start-up, without loading socket
        raise NoClientError(f"no CallDesk window listens at {path}")
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError, NotADirectoryError) as exc:
            raise NoClientError(str(exc)) from None
        except TimeoutError:
            raise
        except OSError as exc:  # a stale file of another kind, permissions
            raise NoClientError(str(exc)) from None
        try:
            sock.sendall(data)
            answer = _read_line(sock)
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise NoClientError(str(exc)) from None
    _check_reply(answer)


def _read_line(sock: socket.socket) -> bytes:
    buf = b""
    while b"\n" not in buf and len(buf) <= MAX_MESSAGE_BYTES:
        chunk = sock.recv(1024)
        if not chunk:
            break
        buf += chunk
    if not buf:
        raise RefusedError("the CallDesk window closed the connection without answering")
    return buf.split(b"\n", 1)[0]


def _send_qt(name: str, data: bytes, timeout: float) -> None:  # pragma: no cover - Windows
    from PySide6.QtNetwork import QLocalSocket

    ms = int(timeout * 1000)
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(ms):
        raise NoClientError(sock.errorString())
    sock.write(data)
    sock.waitForBytesWritten(ms)
    buf = b""
    while b"\n" not in buf and len(buf) <= MAX_MESSAGE_BYTES:
        if not sock.waitForReadyRead(ms):
            break
        buf += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    if not buf:
        raise TimeoutError("the CallDesk window did not answer")
    _check_reply(buf.split(b"\n", 1)[0])


def is_listening(name: str | None = None, timeout: float = 1.0) -> bool:
    """True when a live window answers on `name` (a leftover socket file does not)."""
    target = name or server_name()
    if os.name == "nt":  # pragma: no cover - Windows: QLocalServer detects a live pipe itself
        return False
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(target)
        except OSError:
            return False
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        return True


def hand_over_to_running_window(name: str | None = None) -> bool:
    """True when a CallDesk window already runs for this user and home and was asked
    to come to the front: the caller should then exit instead of opening another.

    Plain sockets (no QtNetwork on Linux): the GUI start asks this before its first
    window, so it must not pay for the screen-pop server's imports."""
    try:
        send(RaiseMessage(), timeout=2.0, name=name)
    except (NoClientError, RefusedError, TimeoutError, OSError):
        return False
    return True
