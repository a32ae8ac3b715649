"""The adapters on real sockets: a scripted baresip ctrl_tcp peer, the webhook over
HTTP, a scripted Asterisk AMI peer; reconnects, refusals, and `calldesk cti serve` /
`calldesk simulate` end to end into the calls table."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from app.cti import ami, baresip, netstring, webhook
from app.cti.events import CallEvent, CallState
from db.engine import Database
from db.migrate import upgrade
from db.models import Call, User

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Peer:
    """A one-connection-at-a-time TCP server the test scripts."""

    def __init__(self, port: int = 0) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", port))
        self.server.listen(4)
        self.port = int(self.server.getsockname()[1])

    def accept(self, timeout: float = 10.0) -> socket.socket:
        self.server.settimeout(timeout)
        conn, _ = self.server.accept()
        conn.settimeout(timeout)
        return conn

    def close(self) -> None:
        self.server.close()


def collect() -> tuple[queue.Queue[CallEvent], object]:
    q: queue.Queue[CallEvent] = queue.Queue()
    return q, lambda e, _t: q.put(e)


def read_frames(conn: socket.socket, n: int) -> list[dict[str, object]]:
    d = netstring.Decoder()
    out: list[bytes] = []
    while len(out) < n:
        out += d.feed(conn.recv(4096))
    return [json.loads(f) for f in out]


def incoming(cid: str = "c1", number: str = "0912345678") -> bytes:
    body = {
        "event": True,
        "type": "CALL_INCOMING",
        "class": "call",
        "accountaor": "sip:101@x",
        "direction": "incoming",
        "peeruri": f"sip:{number}@x",
        "id": cid,
    }
    return netstring.encode(json.dumps(body).encode())


# --- baresip -----------------------------------------------------------------------------


def test_baresip_client_events_commands_and_reconnect() -> None:
    peer = Peer()
    events, sink = collect()
    client = baresip.BaresipClient("127.0.0.1", peer.port, sink, retry_min_s=0.05)  # type: ignore[arg-type]
    client.start()
    try:
        conn = peer.accept()
        conn.sendall(incoming("c1")[:20])  # a frame split across reads
        time.sleep(0.05)
        conn.sendall(incoming("c1")[20:])
        assert events.get(timeout=5).call_ref == "baresip:c1"
        assert client.connected.wait(5)
        assert client.accept("c1")
        assert [f["command"] for f in read_frames(conn, 2)] == ["callfind", "accept"]
        # Garbage framing: the client drops the connection and comes back.
        conn.sendall(b"garbage without framing")
        conn2 = peer.accept()
        assert client.dropped == 1
        # The softphone restarts: a new connection, and calls flow again.
        conn.close()
        conn2.close()
        conn3 = peer.accept()
        conn3.sendall(incoming("c2", "0900000002"))
        event = events.get(timeout=5)
        assert (event.call_ref, event.number) == ("baresip:c2", "0900000002")
        conn3.sendall(netstring.encode(b'{"event":true,"type":"CALL_INCOMING"}') + incoming("c3"))
        assert events.get(timeout=5).call_ref == "baresip:c3"  # the bad one was skipped
        assert client.dropped == 2
        conn3.close()
    finally:
        client.stop()
        peer.close()


def test_baresip_client_waits_for_a_softphone_that_is_not_there_yet() -> None:
    port = free_port()
    statuses: list[tuple[bool, str]] = []
    events, sink = collect()
    client = baresip.BaresipClient(
        "127.0.0.1",
        port,
        sink,
        lambda up, text: statuses.append((up, text)),
        retry_min_s=0.05,  # type: ignore[arg-type]
        retry_max_s=0.1,
    )
    client.start()
    try:
        time.sleep(0.3)
        assert not client.connected.is_set()
        assert statuses and statuses[0][0] is False
        peer = Peer(port)
        conn = peer.accept()
        assert client.connected.wait(5)
        conn.sendall(incoming())
        assert events.get(timeout=5).state is CallState.RINGING
        conn.close()
        peer.close()
    finally:
        client.stop()


# --- webhook -----------------------------------------------------------------------------


@contextmanager
def webhook_server(
    token: str = "s3cret",
) -> Iterator[tuple[webhook.WebhookServer, queue.Queue[CallEvent]]]:
    events, sink = collect()
    server = webhook.WebhookServer("127.0.0.1", 0, token, sink)  # type: ignore[arg-type]
    server.start()
    try:
        yield server, events
    finally:
        server.stop()


def post(
    port: int,
    body: bytes,
    path: str = "/cti?token=s3cret",
    ctype: str = "application/x-www-form-urlencoded",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, object]]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST")
    req.add_header("Content-Type", ctype)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def test_webhook_accepts_form_and_json_with_the_token() -> None:
    with webhook_server() as (server, events):
        status, _ = post(server.port, b"event=newCall&from=0912345678&to=101&callId=w1")
        assert status == 200
        assert events.get(timeout=5).call_ref == "webhook:w1"
        status, _ = post(
            server.port,
            json.dumps({"event": "hangup", "callId": "w1", "cause": "cancel"}).encode(),
            path="/cti",
            ctype="application/json",
            headers={"Authorization": "Bearer s3cret"},
        )
        assert status == 200 and events.get(timeout=5).state is CallState.HANGUP


def test_webhook_refuses_without_token_garbage_and_oversized(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with webhook_server() as (server, events):
        assert post(server.port, b"event=newCall&callId=1", path="/cti")[0] == 401
        assert post(server.port, b"event=newCall&callId=1", path="/cti?token=wrong")[0] == 401
        assert post(server.port, b"event=explode&callId=1")[0] == 400
        assert post(server.port, b"\x00\xff" * 10)[0] == 400
        assert post(server.port, b"x" * (webhook.MAX_BODY + 1))[0] == 413
        assert post(server.port, b"event=newCall&callId=1", path="/other?token=s3cret")[0] == 404
        assert server.refused == 6
        assert events.empty()
        # still serving
        assert post(server.port, b"event=newCall&callId=ok&from=1")[0] == 200
    assert "missing or wrong token" in caplog.text


def test_webhook_server_that_never_served_stops_at_once() -> None:
    """Stopping a server whose start failed or never came returns (socketserver's
    shutdown() alone waits forever for a serve_forever that is not running)."""
    server = webhook.WebhookServer("127.0.0.1", 0, "s3cret", lambda e, t: None)
    port = server.port
    stopper = threading.Thread(target=server.stop, daemon=True)
    stopper.start()
    stopper.join(10)
    assert not stopper.is_alive(), "WebhookServer.stop() hung"
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass  # and the port is released


def test_webhook_needs_a_token() -> None:
    from app.errors import UserError

    with pytest.raises(UserError, match="token"):
        webhook.WebhookServer("127.0.0.1", 0, "", lambda e, t: None)


# --- AMI ------------------------------------------------------------------------------------


def ami_block(**fields: str) -> bytes:
    return ("".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n").encode()


def test_ami_client_against_a_scripted_asterisk() -> None:
    peer = Peer()
    events, sink = collect()
    client = ami.AmiClient("127.0.0.1", peer.port, "calldesk", "pw", "101", sink, retry_min_s=0.05)  # type: ignore[arg-type]
    client.start()
    try:
        conn = peer.accept()
        conn.sendall(b"Asterisk Call Manager/7.0.3\r\n")
        login = b""
        while b"\r\n\r\n" not in login:
            login += conn.recv(1024)
        assert b"Action: Login\r\n" in login and b"Username: calldesk\r\n" in login
        assert b"Secret: pw\r\n" in login
        conn.sendall(ami_block(Response="Success", Message="Authentication accepted"))
        assert client.connected.wait(5)
        conn.sendall(
            ami_block(
                Event="Newchannel",
                Channel="PJSIP/trunk-1",
                CallerIDNum="0912345678",
                CallerIDName="<unknown>",
                Uniqueid="17.1",
                Linkedid="17.1",
            )
            + ami_block(
                Event="DialBegin",
                DestChannel="PJSIP/101-2",
                Linkedid="17.1",
                CallerIDNum="0912345678",
            )
            + ami_block(Event="BridgeEnter", Channel="PJSIP/101-2", Linkedid="17.1")
            + ami_block(
                Event="Hangup",
                Channel="PJSIP/trunk-1",
                Uniqueid="17.1",
                Linkedid="17.1",
                **{"Cause-txt": "Normal Clearing"},
            )
        )
        got = [events.get(timeout=5) for _ in range(3)]
        assert [e.state for e in got] == [CallState.RINGING, CallState.ANSWERED, CallState.HANGUP]
        assert got[0].number == "0912345678" and got[0].name is None
        # Oversized garbage: reconnect, log in again.
        conn.sendall(b"X" * (ami.MAX_MESSAGE + 100))
        conn2 = peer.accept()
        conn2.sendall(b"Asterisk Call Manager/7.0.3\r\n")
        conn2.close()
        conn.close()
    finally:
        client.stop()
        peer.close()


def test_ami_login_refused_is_reported() -> None:
    peer = Peer()
    statuses: list[tuple[bool, str]] = []
    client = ami.AmiClient(
        "127.0.0.1",
        peer.port,
        "u",
        "bad",
        "101",
        lambda e, t: None,
        lambda up, text: statuses.append((up, text)),
        retry_min_s=5,
    )
    client.start()
    try:
        conn = peer.accept()
        conn.sendall(b"Asterisk Call Manager/7.0.3\r\n")
        conn.recv(1024)
        conn.sendall(ami_block(Response="Error", Message="Authentication failed"))
        deadline = time.monotonic() + 5
        while not any("login refused" in t for _, t in statuses) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert any("Authentication failed" in t for _, t in statuses)
        conn.close()
    finally:
        client.stop()
        peer.close()


# --- the commands -------------------------------------------------------------------------


def wait_for_listener(proc: subprocess.Popen[str], port: int, seconds: float = 60) -> None:
    """Until `calldesk cti serve` in `proc` accepts connections on `port`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.2)


def stop_serving(proc: subprocess.Popen[str], seconds: float = 30) -> str:
    """SIGTERM `calldesk cti serve` in `proc`; its stderr. One that does not stop is
    killed and the test fails: no server outlives its test holding the port and the
    database (a bare communicate(timeout) raised and left it running)."""
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.communicate(timeout=seconds)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        err = proc.communicate()[1]
        pytest.fail(f"calldesk cti serve did not stop within {seconds} s of SIGTERM:\n{err}")


def test_cti_serve_records_webhook_calls(sqlite_url: str, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "CALLDESK_CTI_TOKEN": "tok-1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "cti",
            "serve",
            "--db",
            sqlite_url,
            "--source",
            "webhook",
            "--port",
            str(port),
        ],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        wait_for_listener(proc, port)
        path = "/cti?token=tok-1"
        assert (
            post(port, b"event=newCall&from=0912345678&to=101&callId=s1&queue=sales", path)[0]
            == 200
        )
        assert post(port, b"event=hangup&callId=s1&cause=cancel", path)[0] == 200
        assert post(port, b"event=newCall&callId=s2", "/cti?token=nope")[0] == 401
    finally:
        err = stop_serving(proc)
    assert proc.returncode == 0, err
    assert "2 events recorded" in err
    db = Database(sqlite_url)
    with db.sessions() as s:
        call = s.execute(select(Call)).scalar_one()
        assert (call.call_ref, call.caller, call.queue, call.source) == (
            "webhook:s1",
            "0912345678",
            "sales",
            "webhook",
        )
        assert call.answered_at is None and call.ended_at is not None
    db.dispose()


def test_cti_serve_without_a_token_says_so(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CALLDESK_CTI_TOKEN", raising=False)
    assert main(["cti", "serve", "--db", sqlite_url, "--source", "webhook", "--port", "0"]) == 2
    assert "needs a token" in capsys.readouterr().err


def test_simulate_stores_the_traffic_it_reports(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "simulate",
        "--db",
        db_url,
        "--agents",
        "3",
        "--calls-per-hour",
        "120",
        "--minutes",
        "60",
        "--seed",
        "7",
        "--json",
    ]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["offered"] > 60 and out["answered"] > 0 and out["abandoned"] > 0
    assert out["offered"] == out["answered"] + out["abandoned"]
    with db.sessions() as s:
        calls = s.execute(select(Call)).scalars().all()
        agents = s.scalar(
            select(func.count()).select_from(User).where(User.username.like("sim-agent-%"))
        )
    assert len(calls) == out["offered"]
    assert sum(c.answered_at is None for c in calls) == out["abandoned"]
    assert all(c.ended_at is not None and c.ended_at >= c.offered_at for c in calls)
    assert all(c.agent_id is not None for c in calls if c.answered_at is not None)
    assert all(c.queue in ("sales", "support", "billing") for c in calls)
    assert sum(c.acw_seconds > 0 for c in calls) == out["answered"]
    assert agents == 3


@pytest.mark.parametrize(
    "bad", [["--agents", "0"], ["--calls-per-hour", "-1"], ["--minutes", "0"], ["--speed", "-2"]]
)
def test_simulate_bad_input(
    sqlite_url: str, bad: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    base = {"--agents": "2", "--calls-per-hour": "10", "--minutes": "5"}
    base[bad[0]] = bad[1]
    args = ["simulate", "--db", sqlite_url] + [x for kv in base.items() for x in kv]
    if bad[0] == "--speed":
        args += bad
    assert main(args) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_simulate_paced(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(sqlite_url)
    upgrade(db)
    db.dispose()
    args = [
        "simulate",
        "--db",
        sqlite_url,
        "--agents",
        "1",
        "--calls-per-hour",
        "600",
        "--minutes",
        "2",
        "--speed",
        "600",
        "--json",
    ]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["offered"] > 0
