"""Shared set-up for the ticket screen tests: reference data, a signed-in window."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth import CurrentUser
from db.engine import Database
from db.models import Customer
from tests.ticket_fixtures import reference
from ui.main_window import MainWindow

from .factories import add_user

W = TypeVar("W", bound=QWidget)


def setup(db: Database, role: str = "agent") -> CurrentUser:
    reference(db)
    return add_user(db, "lan", role=role)


def customer_id(db: Database, external_id: str = "C-1") -> uuid.UUID:
    with db.sessions() as s:
        cid = s.scalar(select(Customer.id).where(Customer.external_id == external_id))
    assert cid is not None
    return cid


def open_window(qtbot: QtBot, db: Database, user: CurrentUser) -> MainWindow:
    window = MainWindow(db, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.model.is_loading())
    return window


def wait_for_window(qtbot: QtBot, kind: type[W], pred: Callable[[W], bool] = lambda _w: True) -> W:
    """The visible top-level window of `kind` (dialogs open non-modally)."""
    found: list[W] = []

    def check() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, kind) and w.isVisible() and pred(w)
        ]
        return bool(found)

    qtbot.waitUntil(check)
    return found[-1]


def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
