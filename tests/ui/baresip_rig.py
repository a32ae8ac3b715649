"""Two real baresip user agents on 127.0.0.1 for the end-to-end test and the benchmark:
the agent's softphone (answer mode manual, ctrl_tcp on) and a caller driven through
its own ctrl_tcp socket. Audio is two minutes of 16-bit little-endian silence through
the aufile module; no terminal module (stdio needs a terminal)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import wave
from pathlib import Path

from app.cti import netstring

_taken: set[int] = set()  # handed out in this process: never hand one out twice


def _bindable(port: int) -> bool:
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        with contextlib.closing(socket.socket(socket.AF_INET, kind)) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def free_port(span: int = 1) -> int:
    """A port with `span` free neighbours on TCP and UDP (baresip's SIP listens on UDP
    and TCP at its port and TLS on the next one)."""
    for _ in range(200):
        with contextlib.closing(socket.socket()) as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        wanted = range(port, port + span)
        if port + span < 65535 and not _taken.intersection(wanted) and all(map(_bindable, wanted)):
            _taken.update(wanted)
            return port
    raise RuntimeError("no free ports")


def baresip_path() -> str | None:
    return shutil.which("baresip")


def _silence(path: Path) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)  # 16-bit, little-endian by the WAV format
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * 8000 * 120)  # aufile ends the call at the file's end


class UserAgent:
    """One baresip process with its own config dir."""

    def __init__(self, root: Path, user: str, display: str | None = None) -> None:
        self.dir = root / user
        self.dir.mkdir(parents=True)
        self.sip_port = free_port(span=2)
        self.ctrl_port = free_port()
        self.user = user
        wav = root / "silence.wav"
        if not wav.exists():
            _silence(wav)
        modules = os.environ.get("CALLDESK_BARESIP_MODULES", "/usr/lib/baresip/modules")
        (self.dir / "config").write_text(
            "\n".join(
                [
                    "poll_method epoll",
                    f"sip_listen 127.0.0.1:{self.sip_port}",
                    f"audio_source aufile,{wav}",
                    f"audio_alert aufile,{wav}",
                    f"module_path {modules}",
                    "module g711.so",
                    "module aufile.so",
                    "module_tmp account.so",
                    "module_app menu.so",
                    "module_app ctrl_tcp.so",
                    f"ctrl_tcp_listen 127.0.0.1:{self.ctrl_port}",
                    "",
                ]
            )
        )
        name = f'"{display}" ' if display else ""
        (self.dir / "accounts").write_text(
            f"{name}<sip:{user}@127.0.0.1:{self.sip_port}>;regint=0;answermode=manual\n"
        )
        self.log = open(self.dir / "baresip.log", "wb")  # noqa: SIM115 (closed in stop)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"sip:{self.user}@127.0.0.1:{self.sip_port}"

    def start(self, timeout: float = 20.0) -> None:
        exe = baresip_path()
        assert exe is not None
        self.proc = subprocess.Popen(
            [exe, "-f", str(self.dir)],
            cwd=self.dir,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"baresip exited: {self.log_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"baresip did not open ctrl_tcp: {self.log_text()[-2000:]}")

    def command(self, name: str, params: str = "") -> None:
        """One command through a short-lived ctrl_tcp connection."""
        body = json.dumps({"command": name, "params": params, "token": "t"}).encode()
        with socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=5) as s:
            s.sendall(netstring.encode(body))
            decoder = netstring.Decoder()
            deadline = time.monotonic() + 5
            s.settimeout(0.5)
            while time.monotonic() < deadline:
                try:
                    data = s.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    return
                for f in decoder.feed(data):
                    if json.loads(f).get("response"):
                        return

    def log_text(self) -> str:
        self.log.flush()
        return (self.dir / "baresip.log").read_bytes().decode("utf-8", "replace")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()
