"""Starting during an outage: a user who signed in on this workstation before signs in
offline, works in offline mode, and the window goes online when the server is back."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app import offline_cache, offline_login, outbox
from app.interactions import InteractionInput
from app.outbox import state, writes
from app.outbox.local_schema import OfflineUser
from app.pop_protocol import PopMessage
from db.engine import Database
from db.models import Interaction
from tests import ticket_fixtures
from tests.offline_proxy import TcpProxy
from ui import application, worker
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.pop.card import PopCard

from .factories import PASSWORD, add_customer, add_user

pytestmark = pytest.mark.postgres


@dataclass
class Server:
    central: Database  # the workstation's URL (through the proxy)
    direct: Database
    proxy: TcpProxy

    def cut(self) -> None:
        self.proxy.cut()
        self.central.engine.dispose()


@pytest.fixture
def server(pg_url: str) -> Iterator[Server]:
    direct = Database(pg_url)
    ticket_fixtures.reference(direct)
    u = make_url(pg_url)
    proxy = TcpProxy(u.host or "127.0.0.1", u.port or 5432)
    central = Database(proxy.url(pg_url), connect_args={"connect_timeout": 2})
    try:
        yield Server(central, direct, proxy)
    finally:
        worker.wait_for_idle()
        outbox.uninstall(central)
        offline_cache.uninstall(central)
        state.of(central).came_online()
        central.dispose()
        direct.dispose()
        proxy.close()


def _login(qtbot: QtBot, db: Database) -> LoginDialog:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() != LoginDialog.PAGE_WAIT)
    return dialog


def _sign_in(qtbot: QtBot, dialog: LoginDialog, name: str, password: str) -> None:
    dialog.username.setText(name)
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_a_known_user_signs_in_offline_works_and_goes_online_when_the_server_is_back(
    qtbot: QtBot, server: Server
) -> None:
    s = server
    lan = add_user(s.direct, "lan")
    add_user(s.direct, "mai")
    an = add_customer(s.direct, "Nguyễn Văn An", phone="0912 345 678", tier="gold")

    # Yesterday: lan signed in here while the server answered (and the copy was filled).
    first = _login(qtbot, s.central)
    assert not first.offline_notice.isVisible()
    _sign_in(qtbot, first, "lan", PASSWORD)
    qtbot.waitUntil(lambda: first.result() == QDialog.DialogCode.Accepted)
    assert not first.offline
    local = offline_login.local_store(s.central)
    try:
        with local.engine.connect() as conn:
            stored = conn.execute(select(OfflineUser.__table__)).one()
        assert stored.username == "lan" and stored.user_id == lan.id
        assert PASSWORD not in stored.verifier and stored.verifier.startswith("scrypt$")
        offline_cache.Directory(s.central, local).refresh()
    finally:
        local.dispose()

    # Today the workstation starts during an outage.
    s.cut()
    dialog = _login(qtbot, s.central)
    assert dialog.pages.currentIndex() == LoginDialog.PAGE_LOGIN
    assert dialog.offline_notice.isVisible()
    assert "The server cannot be reached" in dialog.offline_notice.text()
    _sign_in(qtbot, dialog, "mai", PASSWORD)  # never signed in here
    qtbot.waitUntil(dialog.error.isVisible)
    assert "“mai” has not signed in on this workstation recently" in dialog.error.text()
    _sign_in(qtbot, dialog, "lan", "not the password")
    qtbot.waitUntil(lambda: dialog.error.text() == "Wrong user name or password.")
    _sign_in(qtbot, dialog, "lan", PASSWORD)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.offline and dialog.user == lan

    window = MainWindow(s.central, dialog.user)
    window.offline.check_schema = True  # what run_gui does after an offline start
    qtbot.addWidget(window)
    window.show()
    try:
        label = window.connection_label
        qtbot.waitUntil(lambda: "Offline — 0 changes waiting" in label.text())
        writes.log_interaction(s.central, InteractionInput(customer_id=an, summary="offline"))
        qtbot.waitUntil(lambda: "Offline — 1 changes waiting" in label.text())
        # Screen-pop answers from the saved copy.
        card = PopCard(s.central, "VN", window)
        qtbot.addWidget(card)
        card.pop(PopMessage(number="0912 345 678"), "ring-1")
        qtbot.waitUntil(lambda: card.data is not None)
        assert card.data is not None and card.data.id == an
        assert card.status.text().startswith("Offline · saved copy")
        card.hide()

        assert window.model.error and window.model.rowCount() == 0  # the list needs the server

        # The server is back: the change is sent once, the list loads, all online.
        s.proxy.restore()
        window.check_connection()
        qtbot.waitUntil(lambda: label.text().endswith("Connected"), timeout=20_000)
        qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
        assert not window.model.error
        assert not window.offline.check_schema  # checked before the replay
        with s.direct.sessions() as session:
            n = session.scalar(
                select(func.count()).select_from(Interaction).where(Interaction.customer_id == an)
            )
        assert n == 1
    finally:
        window.close()
        worker.wait_for_idle()


def test_nobody_known_here_cannot_sign_in_while_the_server_is_away(
    qtbot: QtBot, server: Server
) -> None:
    add_user(server.direct, "lan")
    server.cut()
    dialog = LoginDialog(server.central)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text().startswith("The database did not answer")
    assert dialog.user is None


def test_startup_opens_an_unreachable_server_offline_only_for_known_users(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql://agent@127.0.0.1:1/calldesk"  # nothing listens on port 1
    offered: list[str] = []
    monkeypatch.setattr(
        application.Startup, "_offer_settings", lambda _self, m: offered.append(m) or False
    )
    startup = application.Startup(argparse.Namespace(db=url, smoke_test=False))
    assert startup.open() is None  # nobody ever signed in here: the error is offered
    assert offered and "cannot reach the database" in offered[0]

    db = Database(url)
    local = offline_login.local_store(db)
    try:
        offline_login.remember(local, add_user_view("lan"), PASSWORD)
    finally:
        local.dispose()
        db.dispose()
    startup = application.Startup(argparse.Namespace(db=url, smoke_test=False))
    opened = startup.open()
    assert opened is not None and startup.offline
    try:
        assert state.is_offline(opened)
        result = offline_login.sign_in(opened, "lan", PASSWORD)
        assert result.offline and result.user.username == "lan"
    finally:
        state.of(opened).came_online()
        opened.dispose()


def add_user_view(name: str) -> offline_login.CurrentUser:
    import uuid

    return offline_login.CurrentUser(uuid.uuid4(), name, name.title(), "agent", None, None)


def test_a_wrong_database_name_is_not_an_outage(pg_server_url: str) -> None:
    from app import auth

    url = make_url(pg_server_url).set(drivername="postgresql+psycopg", database="no_such_db_x")
    db = Database(url)
    try:
        with pytest.raises(Exception) as refused:
            auth.has_users(db)
        assert not offline_login.unreachable(refused.value)
    finally:
        db.dispose()
    closed = Database("postgresql://agent@127.0.0.1:1/calldesk")
    try:
        with pytest.raises(Exception) as away:
            auth.has_users(closed)
        assert offline_login.unreachable(away.value)
    finally:
        closed.dispose()


def test_calldesk_started_during_an_outage_opens_offline(
    qapp: QApplication, server: Server
) -> None:
    s = server
    add_user(s.direct, "lan")
    assert not offline_login.sign_in(s.central, "lan", PASSWORD).offline  # an earlier day
    s.cut()
    seen: list[str] = []

    def drive() -> None:  # plays the user while run_gui's event loops turn
        for widget in qapp.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, LoginDialog) and widget.offline_notice.isVisible():
                if "login" not in seen:
                    seen.append("login")
                    widget.username.setText("lan")
                    widget.password.setText(PASSWORD)
                    widget.submit.click()
            elif isinstance(widget, MainWindow) and "Offline —" in widget.connection_label.text():
                seen.append(f"offline window for {widget.user.username}")
                assert widget.offline.check_schema
                widget.close()

    timer = QTimer(interval=50)
    timer.timeout.connect(drive)
    timer.start()
    try:
        url = s.central.url.render_as_string(hide_password=False)
        args = argparse.Namespace(db=url, smoke_test=False, language=None)
        assert application.run_gui(args) == 0
    finally:
        timer.stop()
    assert seen == ["login", "offline window for lan"]
