"""Find a PostgreSQL server for the tests, or start a throwaway one.

Order: CALLDESK_TEST_PG_URL (CI sets it); else initdb/pg_ctl found on this
machine start a private server in a temp dir on a free port; else None, and the
PostgreSQL tests skip with a loud message (and fail under CI=true).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ENV = "CALLDESK_TEST_PG_URL"


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    cands = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return cands[0] if cands else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Throwaway:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="calldesk-pg-"))
        self.port = _free_port()
        self.pg_ctl = _pg_bin("pg_ctl")
        self.user = "postgres"

    def start(self) -> str:
        initdb = _pg_bin("initdb")
        assert initdb and self.pg_ctl
        run_as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run as nobody-owned dir
            shutil.chown(self.dir, "postgres" if _user_exists("postgres") else "nobody")
            run_as = ["runuser", "-u", "postgres" if _user_exists("postgres") else "nobody", "--"]
        data = self.dir / "data"
        subprocess.run(
            [*run_as, initdb, "-D", str(data), "-U", self.user, "-A", "trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *run_as,
                self.pg_ctl,
                "-D",
                str(data),
                "-l",
                str(self.dir / "log"),
                "-w",
                "-o",
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -F",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        self._run_as = run_as
        self._data = data
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run(
            [*self._run_as, str(self.pg_ctl), "-D", str(self._data), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def can_start() -> bool:
    return bool(_pg_bin("initdb") and _pg_bin("pg_ctl"))


def wait_ready(url: str, seconds: float = 10) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(
                host=u.host,
                port=u.port,
                user=u.username,
                dbname=u.database or "postgres",
                connect_timeout=2,  # without it one attempt can outlast `seconds`
            ).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
