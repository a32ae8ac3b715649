"""`calldesk pop`'s hand-over: message format, refusal of bad input, the socket address,
and the one-line answer when no window is running."""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import pop_protocol
from app.cli.main import main
from app.pop_protocol import PopMessage, ProtocolError, RaiseMessage


def test_round_trip_and_shape() -> None:
    msg = PopMessage("0912 345 678", "call-7", "Nguyễn Văn An")
    line = pop_protocol.encode(msg)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == {
        "type": "pop",
        "number": "0912 345 678",
        "call_id": "call-7",
        "name": "Nguyễn Văn An",
    }
    assert pop_protocol.decode(line) == msg
    assert pop_protocol.decode(b'{"type":"pop","number":" +8491 "}') == PopMessage("+8491")
    assert pop_protocol.decode(pop_protocol.encode(RaiseMessage())) == RaiseMessage()


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2]",
        b'{"type": "dial", "number": "1"}',
        b'{"type": "pop"}',
        b'{"type": "pop", "number": ""}',
        b'{"type": "pop", "number": 912345678}',
        b'{"type": "pop", "number": "1\\u0000"}',
        b'{"type": "pop", "number": "' + b"9" * 65 + b'"}',
        b'{"type": "pop", "number": "1", "name": "' + b"x" * 5000 + b'"}',
    ],
)
def test_malformed_messages_are_refused(line: bytes) -> None:
    with pytest.raises(ProtocolError):
        pop_protocol.decode(line)


def test_the_address_depends_on_user_and_home(
    fresh_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = pop_protocol.server_name()
    assert first == pop_protocol.server_name()
    if os.name != "nt":
        assert first.endswith(".sock") and len(first.encode()) <= 100
    monkeypatch.setenv("CALLDESK_HOME", str(fresh_home / "other"))
    assert pop_protocol.server_name() != first
    monkeypatch.setenv("CALLDESK_HOME", str(fresh_home))
    monkeypatch.setenv("USER", "someone-else")
    monkeypatch.setenv("LOGNAME", "someone-else")
    assert pop_protocol.server_name() != first


def test_pop_without_a_window_says_so_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pop", "0912 345 678", "--call-id", "abc"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "calldesk: no CallDesk window is running on this workstation"


def test_a_stale_socket_file_is_no_window(capsys: pytest.CaptureFixture[str]) -> None:
    if os.name == "nt":
        pytest.skip("named pipes leave nothing behind")
    path = pop_protocol.server_name()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(path)  # bound, never listening: what a crashed window leaves
    try:
        assert not pop_protocol.is_listening()
        assert main(["pop", "0912345678"]) == 1
        assert "no CallDesk window" in capsys.readouterr().err
    finally:
        os.unlink(path)


def test_bad_arguments_are_one_line_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pop", "   "]) == 2
    assert "NUMBER is empty" in capsys.readouterr().err
    assert main(["pop", "1" * 80]) == 2
    assert "longer than 64" in capsys.readouterr().err


@pytest.fixture
def fake_window() -> Iterator[list[bytes]]:
    """A plain socket server standing in for the GUI: acks pops, refuses a 'bad' one."""
    if os.name == "nt":
        pytest.skip("POSIX socket")
    path = pop_protocol.server_name()
    received: list[bytes] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                line = conn.makefile("rb").readline()
                if line == b"":
                    continue
                received.append(line)
                ok = b"refuse-me" not in line
                conn.sendall(pop_protocol.reply(ok, "" if ok else "no thanks"))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield received
    server.close()
    os.unlink(path)


def test_pop_hands_the_call_over(
    fake_window: list[bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    assert pop_protocol.is_listening()
    assert main(["pop", "0912 345 678", "--call-id", "c-1", "--name", "An"]) == 0
    assert capsys.readouterr().err == ""
    assert json.loads(fake_window[-1]) == {
        "type": "pop",
        "number": "0912 345 678",
        "call_id": "c-1",
        "name": "An",
    }
    assert main(["pop", "refuse-me"]) == 2
    assert "refused the call: no thanks" in capsys.readouterr().err
