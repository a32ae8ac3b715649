"""Driving screen-pop like a softphone and an agent: real socket, real keys."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app import pop_protocol
from app.pop_protocol import PopMessage
from ui.pop.card import PopCard
from ui.pop.controller import ScreenPop


class Sent:
    """`calldesk pop` run from another thread, as the softphone's process would."""

    def __init__(self, message: pop_protocol.Message, name: str | None = None) -> None:
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(message, name), daemon=True)
        self.thread.start()

    def _run(self, message: pop_protocol.Message, name: str | None) -> None:
        try:
            pop_protocol.send(message, timeout=5.0, name=name)
        except BaseException as exc:
            self.error = exc

    def done(self) -> bool:
        return not self.thread.is_alive()


def send_pop(
    qtbot: QtBot,
    pop: ScreenPop,
    number: str,
    call_id: str | None = None,
    name: str | None = None,
) -> None:
    """Send one pop through the real socket and wait until its card is final."""
    serial = pop.card.serial
    sent = Sent(PopMessage(number, call_id, name), pop.server.name)
    qtbot.waitUntil(sent.done, timeout=8000)
    assert sent.error is None, sent.error
    qtbot.waitUntil(lambda: pop.card.final_serial > serial, timeout=8000)


def texts(widget: QWidget) -> list[str]:
    return [lb.text() for lb in widget.findChildren(QLabel) if lb.isVisibleTo(widget)]


def joined(widget: QWidget) -> str:
    return "\n".join(texts(widget))


def press(qtbot: QtBot, card: PopCard, key: Qt.Key) -> None:
    """One keystroke where the agent's keyboard focus is (the card or a field in it)."""
    target = QApplication.focusWidget()
    if target is None or target.window() is not card:
        target = card
    qtbot.keyClick(target, key)


@contextmanager
def screen_pop(qtbot: QtBot, db: object, **kwargs: object) -> Iterator[ScreenPop]:
    from db.engine import Database

    assert isinstance(db, Database)
    pop = ScreenPop(db, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(pop.card)
    assert pop.listening
    qtbot.waitUntil(lambda: pop._rfm_task is None)
    try:
        yield pop
    finally:
        pop.close()
