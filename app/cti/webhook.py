"""A local HTTP endpoint for the generic CTI webhook PBXs already send to helpdesks.

    POST /cti?token=SECRET   (or header X-CallDesk-Token: SECRET / Authorization: Bearer)
    event=newCall&from=0912345678&to=101&direction=in&callId=abc&user[]=agent1&queue=sales
    event=answer&callId=abc&answeringNumber=101&user=agent1
    event=hangup&callId=abc&cause=normalClearing

Form-encoded or JSON bodies. The server binds 127.0.0.1 unless told otherwise and
refuses to start without a token; a request without the right token, with a body
over MAX_BODY, or with fields we cannot use is answered 4xx, logged, and dropped.
The HTTP server runs its own threads; events go to the callback as they come.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.cti.events import CallEvent, CallState, Direction, EventError, make_event
from app.errors import UserError

log = logging.getLogger(__name__)

SOURCE = "webhook"
DEFAULT_PORT = 8765
PATH = "/cti"
MAX_BODY = 16 * 1024
_EVENTS = {"newcall": CallState.RINGING, "answer": CallState.ANSWERED, "hangup": CallState.HANGUP}
_DIRECTIONS = {
    "in": Direction.INBOUND,
    "inbound": Direction.INBOUND,
    "incoming": Direction.INBOUND,
    "out": Direction.OUTBOUND,
    "outbound": Direction.OUTBOUND,
    "outgoing": Direction.OUTBOUND,
}

EventSink = Callable[[CallEvent, float], None]


def _one(fields: Mapping[str, Any], *keys: str) -> Any:
    """The first value present under any of `keys` (form fields come as lists;
    `user[]` is how PHP-style senders name a list)."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, list):
            value = next((v for v in value if v not in (None, "")), None)
        if value not in (None, ""):
            return value
    return None


def parse_fields(fields: Mapping[str, Any]) -> CallEvent:
    """A webhook request's fields as a call event; EventError when unusable."""
    raw_event = _one(fields, "event")
    if not isinstance(raw_event, str) or raw_event.strip().lower() not in _EVENTS:
        raise EventError(f"unknown event {str(raw_event)[:40]!r}")
    state = _EVENTS[raw_event.strip().lower()]
    raw_dir = _one(fields, "direction") or "in"
    if not isinstance(raw_dir, str) or raw_dir.strip().lower() not in _DIRECTIONS:
        raise EventError(f"unknown direction {str(raw_dir)[:20]!r}")
    direction = _DIRECTIONS[raw_dir.strip().lower()]
    source_no, dest_no = _one(fields, "from"), _one(fields, "to")
    inbound = direction is Direction.INBOUND
    number, called = (source_no, dest_no) if inbound else (dest_no, source_no)
    agent = _one(fields, "answeringNumber") or _one(fields, "user", "user[]")
    return make_event(
        state,
        _one(fields, "callId", "call_id"),
        SOURCE,
        number=number,
        name=_one(fields, "fromName", "callerName"),
        called=called,
        queue=_one(fields, "queue"),
        agent=agent,
        direction=direction,
        cause=_one(fields, "cause") if state is CallState.HANGUP else None,
    )


def parse_body(body: bytes, content_type: str) -> CallEvent:
    """A request body (form or JSON) as a call event."""
    if len(body) > MAX_BODY:
        raise EventError(f"body longer than {MAX_BODY} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise EventError("body is not UTF-8") from None
    if content_type.split(";")[0].strip().lower() == "application/json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise EventError("body is not JSON") from None
        if not isinstance(data, dict):
            raise EventError("JSON body is not an object")
        return parse_fields(data)
    try:
        form = parse_qs(text, keep_blank_values=False, strict_parsing=False, max_num_fields=64)
    except ValueError as exc:
        raise EventError(f"bad form body: {exc}") from None
    return parse_fields(form)


def token_ok(expected: str, given: str | None) -> bool:
    return (
        bool(expected)
        and given is not None
        and hmac.compare_digest(expected.encode(), given.encode())
    )


class _Handler(BaseHTTPRequestHandler):
    server: WebhookServer
    server_version = "CallDesk-CTI"
    sys_version = ""
    timeout = 10  # a client that stalls mid-request is dropped

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("webhook: " + format, *args)

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _refuse(self, status: int, why: str) -> None:
        self.server.refused += 1
        log.warning("webhook: refused a request from %s: %s", self.client_address[0], why)
        self._reply(status, {"ok": False, "error": why})

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/health":
            self._reply(200, {"ok": True})
        else:
            self._refuse(405, "POST call events to " + PATH)

    def do_POST(self) -> None:
        arrived = time.perf_counter()
        parts = urlsplit(self.path)
        if parts.path.rstrip("/") != PATH:
            self._refuse(404, "unknown path")
            return
        query = parse_qs(parts.query)
        given: str | None = (query.get("token") or [""])[0] or self.headers.get("X-CallDesk-Token")
        auth = self.headers.get("Authorization") or ""
        if given is None and auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not token_ok(self.server.token, given):
            self._refuse(401, "missing or wrong token")
            return
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            self._refuse(411, "Content-Length required")
            return
        if length < 0 or length > MAX_BODY:
            self._refuse(413, f"body longer than {MAX_BODY} bytes")
            self.close_connection = True
            return
        body = self.rfile.read(length)
        try:
            event = parse_body(body, self.headers.get("Content-Type") or "")
        except EventError as exc:
            self._refuse(400, str(exc))
            return
        self._reply(200, {"ok": True})
        try:
            self.server.on_event(event, arrived)
        except Exception:
            log.exception("webhook event handler failed")


class WebhookServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int, token: str, on_event: EventSink) -> None:
        if not token:
            raise UserError("the CTI webhook needs a token; set one in the settings")
        self.token = token
        self.on_event = on_event
        self.refused = 0
        self._thread: threading.Thread | None = None
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="cti-webhook", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        # shutdown() waits, without a timeout, for serve_forever to acknowledge: on a
        # server that never started serving it would wait forever.
        if self._thread is not None:
            self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(3)
            self._thread = None
