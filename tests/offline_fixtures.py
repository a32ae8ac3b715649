"""Fixtures for the offline tests: a PostgreSQL database reached through a TCP proxy the
test can cut, and that database's outbox and directory copy in a local file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app import offline_cache, outbox
from app.outbox import state
from app.outbox.client import Outbox
from app.outbox.local_schema import open_local
from db.engine import Database
from tests import ticket_fixtures
from tests.offline_proxy import TcpProxy


@dataclass
class Offline:
    """One workstation: its view of the server (through the proxy), its outbox and copy,
    and a direct connection to check what really arrived."""

    proxy: TcpProxy
    central: Database  # what the client uses (through the proxy)
    direct: Database  # the test's own view of the server
    box: Outbox
    directory: offline_cache.Directory

    def cut(self) -> None:
        self.proxy.cut()
        self.central.engine.dispose()  # drop pooled connections so nothing is reused

    def restore(self) -> None:
        self.proxy.restore()


@pytest.fixture(name="offline")
def offline_fixture(pg_url: str, tmp_path: Path) -> Iterator[Offline]:
    direct = Database(pg_url)
    ticket_fixtures.reference(direct)
    u = make_url(pg_url)
    proxy = TcpProxy(u.host or "127.0.0.1", u.port or 5432)
    central = Database(proxy.url(pg_url), connect_args={"connect_timeout": 2})
    local = open_local(tmp_path / "offline.sqlite")
    box = Outbox(central, local, workstation="test-ws")
    outbox.install(central, box)
    directory = offline_cache.install(central, local)
    try:
        yield Offline(proxy, central, direct, box, directory)
    finally:
        offline_cache.uninstall(central)
        outbox.uninstall(central)
        state.of(central).came_online()
        central.dispose()
        direct.dispose()
        proxy.close()
