"""UI test fixtures: a migrated database and a clean look (light theme, English)
around every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from db import migrate
from db.engine import Database
from ui import i18n, theme, worker


@pytest.fixture(autouse=True)
def ui_look(qapp: QApplication) -> Iterator[None]:
    """Every UI test runs with the real style sheet (a QSS error would warn and fail)."""
    theme.apply_theme("light")
    i18n.set_language("en")
    yield
    worker.wait_for_idle()
    qapp.processEvents()
    i18n.set_language("en")
    theme.apply_theme("light")


@pytest.fixture
def ui_db(sqlite_url: str) -> Iterator[Database]:
    """A migrated SQLite database; background queries finish before it is closed."""
    db = Database(sqlite_url)
    migrate.upgrade(db)
    yield db
    worker.wait_for_idle()
    db.dispose()


@pytest.fixture
def any_db(db: Database) -> Iterator[Database]:
    """The shared `db` fixture (SQLite and PostgreSQL), waited on before it is dropped."""
    yield db
    worker.wait_for_idle()
