"""CTI screen-pop latency: from the softphone's CALL_INCOMING leaving its control
socket to the caller's card painted.

    python bench/cti_pop.py [--db URL] [--customers N] [--calls N] [--real]

The window side is the real one: ScreenPop with the CTI bridge, the baresip client
on its own thread, the recorder writing every call, the card looked up and painted
offscreen (`card.grab()`). The softphone side is a scripted ctrl_tcp peer in this
process that stamps time.perf_counter() just before `sendall` of each netstring
frame. With `--real`, two real baresip user agents call each other instead, and a
TCP relay between the agent's ctrl_tcp socket and CallDesk stamps the moment the
event's bytes leave baresip's socket (the relay's hop is counted against us).

Prints one JSON object: {"p50_ms", "p95_ms", ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app import lookup, rfm  # noqa: E402
from app.cti import netstring  # noqa: E402
from app.cti.settings import CtiSettings  # noqa: E402
from bench.screen_pop import ensure_customers, percentile, sample_numbers  # noqa: E402
from db.engine import Database  # noqa: E402
from ui import theme, worker  # noqa: E402

DEFAULT_DB = f"sqlite:///{ROOT / 'bench' / 'bench.sqlite'}"
TIMEOUT_S = 30.0
_DIALLABLE = re.compile(r"[^0-9+]")


def incoming(call_id: str, number: str) -> bytes:
    body = {"event": True, "type": "CALL_INCOMING", "class": "call",
            "accountaor": "sip:101@127.0.0.1", "direction": "incoming",
            "peeruri": f"sip:{number}@127.0.0.1", "id": call_id,
            "param": f"sip:{number}@127.0.0.1"}  # fmt: skip
    return netstring.encode(json.dumps(body).encode())


class Stamps:
    """perf_counter() of each call's CALL_INCOMING leaving the softphone side."""

    def __init__(self) -> None:
        self.sent: dict[str, float] = {}
        self.lock = threading.Lock()

    def put(self, call_id: str, at: float) -> None:
        with self.lock:
            self.sent[call_id] = at

    def get(self, call_id: str) -> float | None:
        with self.lock:
            return self.sent.get(call_id)


def _wait(app: QApplication, done: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {what} within {TIMEOUT_S:.0f} s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _painted_ms(app: QApplication, pop: Any, serial: int, call_ref: str, stamps: Stamps) -> float:
    _wait(app, lambda: pop.card.final_serial > serial, "card")
    pop.card.grab()
    done = time.perf_counter()
    assert pop.card.call_ref == call_ref, (pop.card.call_ref, call_ref)
    sent = stamps.get(call_ref.split(":", 1)[1])
    assert sent is not None
    return (done - sent) * 1000


def _settle(app: QApplication, bridge: Any) -> None:
    """Calls are seconds apart, not back to back: let the last one's writes (recorder,
    caller log) finish before the next ring, so each pop is timed in a steady state."""
    worker.wait_for_idle()
    bridge.recorder.flush(30)
    app.processEvents()


def _window(db: Database) -> tuple[QApplication, Any]:
    from ui.pop.controller import ScreenPop

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply_theme(theme.current_theme())
    rfm.refresh_if_stale(db)
    name = os.path.join(tempfile.gettempdir(), f"calldesk-ctibench-{uuid.uuid4().hex[:10]}.sock")
    return app, ScreenPop(db, None, server_name=name)


def _close(pop: Any, db: Database) -> None:
    worker.wait_for_idle()
    if pop.cti is not None:
        pop.cti.recorder.flush(60)
    pop.close()
    pop.card.close()
    QCoreApplication.processEvents()
    lookup.close(db)


def measure_scripted(db: Database, numbers: Sequence[str]) -> list[float]:
    from ui.cti.bridge import CtiBridge

    app, pop = _window(db)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    bridge = CtiBridge(pop, CtiSettings(source="baresip", baresip_port=server.getsockname()[1]))
    pop.cti = bridge
    bridge.start()
    conn, _ = server.accept()
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    _wait(app, lambda: bridge.connected, "connection")
    stamps = Stamps()
    times: list[float] = []
    try:
        for number in numbers:
            call_id = uuid.uuid4().hex[:16]
            frame = incoming(call_id, number)
            serial = pop.card.serial

            def send(frame: bytes = frame, call_id: str = call_id) -> None:
                stamps.put(call_id, time.perf_counter())
                conn.sendall(frame)

            threading.Thread(target=send, daemon=True).start()
            times.append(_painted_ms(app, pop, serial, f"baresip:{call_id}", stamps))
            _settle(app, bridge)
    finally:
        _close(pop, db)
        conn.close()
        server.close()
    return times


class Relay:
    """Forwards baresip's ctrl_tcp both ways; stamps each CALL_INCOMING as its bytes
    come out of baresip's socket."""

    def __init__(self, upstream_port: int, stamps: Stamps) -> None:
        self.upstream_port = upstream_port
        self.stamps = stamps
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = int(self.server.getsockname()[1])
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        client, _ = self.server.accept()
        up = socket.create_connection(("127.0.0.1", self.upstream_port))
        for s in (client, up):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=self._pipe, args=(client, up, False), daemon=True).start()
        self._pipe(up, client, True)

    def _pipe(self, src: socket.socket, dst: socket.socket, watch: bool) -> None:
        decoder = netstring.Decoder()
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                return
            at = time.perf_counter()
            if not data:
                return
            if watch:
                for frame in decoder.feed(data):
                    msg = json.loads(frame)
                    if msg.get("type") == "CALL_INCOMING":
                        self.stamps.put(str(msg["id"]), at)
            try:
                dst.sendall(data)
            except OSError:
                return


def measure_real(db: Database, number: str, calls: int) -> list[float]:
    from tests.ui.baresip_rig import UserAgent
    from ui.cti.bridge import CtiBridge

    root = Path(tempfile.mkdtemp(prefix="calldesk-ctibench-"))
    agent_ua, caller_ua = UserAgent(root, "101"), UserAgent(root, _DIALLABLE.sub("", number))
    agent_ua.start()
    caller_ua.start()
    stamps = Stamps()
    relay = Relay(agent_ua.ctrl_port, stamps)
    app, pop = _window(db)
    bridge = CtiBridge(pop, CtiSettings(source="baresip", baresip_port=relay.port))
    pop.cti = bridge
    bridge.start()
    times: list[float] = []
    try:
        _wait(app, lambda: bridge.connected, "connection")
        for _ in range(calls):
            serial = pop.card.serial
            threading.Thread(
                target=caller_ua.command, args=("dial", agent_ua.uri), daemon=True
            ).start()
            _wait(app, lambda s=serial: pop.card.serial > s, "ring")
            times.append(_painted_ms(app, pop, serial, pop.card.call_ref, stamps))
            bridge.controls.hangup()
            _wait(app, lambda: bridge.controls.state == bridge.controls.ENDED, "hangup")
            _settle(app, bridge)
    finally:
        _close(pop, db)
        caller_ua.stop()
        agent_ua.stop()
    return times


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--db", default=DEFAULT_DB, help=f"database URL (default {DEFAULT_DB})")
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--real", action="store_true", help="also through two real baresip agents")
    ap.add_argument("--real-calls", type=int, default=20)
    args = ap.parse_args(argv)
    db = Database(args.db)
    have = ensure_customers(db, args.customers, "private")
    sample = sample_numbers(
        db, known=int(args.calls * 0.8), unknown=args.calls - int(args.calls * 0.8)
    )
    numbers = [_DIALLABLE.sub("", typed) for typed, _e164 in sample]
    times = measure_scripted(db, numbers)
    out: dict[str, Any] = {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
        "calls": len(times),
        "customers": have,
        "engine": db.engine.dialect.name,
        "softphone": "scripted ctrl_tcp peer",
    }
    if args.real:
        real = measure_real(db, numbers[0], args.real_calls)
        out["real_baresip"] = {
            "p50_ms": round(statistics.median(real), 1),
            "p95_ms": round(percentile(real, 95), 1),
            "calls": len(real),
        }
    db.dispose()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
