"""One autocommit psycopg connection that LISTENs for the capture triggers' NOTIFYs.

Opening it blocks (run it off the GUI thread); `drain` never blocks: it reads what the
socket already holds (`notifies(timeout=0)`), so a GUI can call it whenever a socket
notifier says the connection's file descriptor is readable. Notifications on the
payload channel are changes; on any other channel listened to (a scope's wake-up,
migration 0013) they carry nothing and only raise `take_wake()`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from app.sync.changes import Change, parse_payload
from db.change_log import CHANNEL


class ListenerLost(Exception):
    """The listening connection is gone (server restarted, connection killed, network)."""


def conninfo(url: URL) -> str:
    """A libpq URI for the SQLAlchemy URL (password and query options kept)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class Listener:
    def __init__(
        self, url: URL, channels: Sequence[str] = (CHANNEL,), connect_timeout: int = 5
    ) -> None:
        self.url = url
        self.channels = tuple(channels)
        self.connect_timeout = connect_timeout
        self.conn: psycopg.Connection[Any] | None = None
        self._woken = False

    def open(self) -> None:
        """Connect and LISTEN (blocking). Keepalives make a silently dropped network
        show up as a readable, failing socket within about half a minute."""
        self.close()
        conn = psycopg.connect(
            conninfo(self.url),
            autocommit=True,
            connect_timeout=self.connect_timeout,
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
            application_name="calldesk-listener",
        )
        try:
            for channel in self.channels:
                conn.execute(f'LISTEN "{channel}"')
        except BaseException:
            conn.close()
            raise
        self.conn = conn

    @property
    def is_open(self) -> bool:
        return self.conn is not None and not self.conn.closed

    def fileno(self) -> int:
        if self.conn is None:
            raise ListenerLost("not connected")
        return self.conn.fileno()

    @property
    def backend_pid(self) -> int | None:
        return self.conn.info.backend_pid if self.is_open and self.conn else None

    def drain(self) -> list[Change]:
        """The changes announced so far, without waiting; ListenerLost if the
        connection broke."""
        if self.conn is None or self.conn.closed:
            raise ListenerLost("not connected")
        out: list[Change] = []
        try:
            for note in self.conn.notifies(timeout=0):
                if note.channel == CHANNEL:
                    change = parse_payload(note.payload)
                    if change is not None:
                        out.append(change)
                elif note.channel in self.channels:
                    self._woken = True
        except psycopg.Error as exc:
            self.close()
            raise ListenerLost(str(exc)) from exc
        return out

    def take_wake(self) -> bool:
        """Whether a wake-up arrived since the last call (drained ones only)."""
        woken, self._woken = self._woken, False
        return woken

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(psycopg.Error):
                self.conn.close()
        self.conn = None
