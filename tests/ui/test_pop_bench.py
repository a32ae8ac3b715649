"""The benchmark hook times real pops, socket to painted card, and cleans up after itself."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from db.engine import Database
from tests.pop_fixtures import customer
from ui.pop.bench_hook import measure_pop


def test_measure_pop_times_every_number(qtbot: QtBot, ui_db: Database) -> None:
    customer(ui_db, "Nguyễn Văn An", phones=["0912 345 678"])
    customer(ui_db, "Lê Thị Mai", phones=["028 3823 4567"])
    customer(ui_db, "Lê Văn Nam", phones=["02838234567"])
    numbers = ["0912 345 678", "+842838234567", "0977 000 111", "anonymous"]
    times = measure_pop(ui_db, numbers)
    assert len(times) == len(numbers)
    assert all(0 < t < 5000 for t in times)
