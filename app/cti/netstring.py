"""Netstrings ("12:hello world!,"), the framing of baresip's ctrl_tcp socket.

A stream decoder that never trusts the length it is told: a length prefix longer
than its digits allow, a payload beyond MAX_PAYLOAD, or a frame not closed by ','
is an error, and the connection that sent it is dropped rather than read on from
an unknown position.
"""

from __future__ import annotations

MAX_PAYLOAD = 64 * 1024  # baresip's own events are well under 2 KiB
_MAX_DIGITS = len(str(MAX_PAYLOAD))


class NetstringError(ValueError):
    """The stream is not netstring framed (the reader must reset the connection)."""


def encode(payload: bytes) -> bytes:
    if len(payload) > MAX_PAYLOAD:
        raise NetstringError(f"payload longer than {MAX_PAYLOAD} bytes")
    return str(len(payload)).encode() + b":" + payload + b","


class Decoder:
    """Feed bytes as they come; take complete payloads out. After a NetstringError
    the decoder is spent (call reset() on a new connection)."""

    def __init__(self, max_payload: int = MAX_PAYLOAD) -> None:
        self.max_payload = max_payload
        self._buf = bytearray()

    def reset(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        out: list[bytes] = []
        while self._buf:
            colon = self._buf.find(b":", 0, _MAX_DIGITS + 1)
            if colon < 0:
                if len(self._buf) > _MAX_DIGITS or not self._buf.isdigit():
                    raise NetstringError("no length prefix")
                break  # the length is still arriving
            digits = bytes(self._buf[:colon])
            if not digits.isdigit() or (len(digits) > 1 and digits.startswith(b"0")):
                raise NetstringError("bad length prefix")
            size = int(digits)
            if size > self.max_payload:
                raise NetstringError(f"payload of {size} bytes exceeds {self.max_payload}")
            end = colon + 1 + size
            if len(self._buf) <= end:
                break  # payload or the closing comma still arriving
            if self._buf[end] != ord(","):
                raise NetstringError("frame not closed by ','")
            out.append(bytes(self._buf[colon + 1 : end]))
            del self._buf[: end + 1]
        return out
