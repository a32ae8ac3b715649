"""`calldesk --smoke-test`: the packaged executable checks itself the way a user would meet it.

The main window opens for a built-in administrator, so every tab is built, the KPI tab
included: it is shown, its figures load and its pyqtgraph charts are drawn, so a module
the bundle lost (pyqtgraph needs PySide6.QtOpenGL, numpy...) fails here and not at a
supervisor's desk. Qt's collation is checked to still sort Vietnamese the Vietnamese
way (the bundle carries a trimmed ICU: build/bundle_rules.py). Nothing is written to
the database beyond the migration.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import cmp_to_key
from typing import TYPE_CHECKING

from PySide6.QtCore import QCollator, QEventLoop, QLocale
from PySide6.QtWidgets import QApplication, QWidget

from ui import worker

if TYPE_CHECKING:
    from app.auth import CurrentUser
    from db.engine import Database
    from ui.main_window import MainWindow

TIMEOUT_S = 30.0
SHOWN = "smoke-test window shown"  # bench/startup.py times this line
# In Vietnamese đ is a letter after d and ư one after u (root collation: accents only).
VIETNAMESE_ORDER = ["An", "Ăn", "Ân", "Bình", "Dung", "Đào", "On", "Ôn", "Ơn", "Uy", "Ưng"]


def smoke_user() -> CurrentUser:
    """The built-in user the smoke test opens the main window with: an administrator
    sees every tab (KPIs, administration) an agent does not."""
    import uuid

    from app.auth import CurrentUser
    from db.enums import Role

    return CurrentUser(
        id=uuid.UUID(int=0),
        username="smoke-test",
        display_name="Smoke test",
        role=Role.ADMIN,
        extension=None,
        department_id=None,
    )


def exposed(window: QWidget) -> bool:
    handle = window.windowHandle()
    return window.isVisible() and handle is not None and handle.isExposed()


def turn_until(app: QApplication, done: Callable[[], bool], timeout_s: float = TIMEOUT_S) -> bool:
    """Run the event loop until `done()`; False when `timeout_s` passed first."""
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return True


def collation_problem() -> str | None:
    """Why Vietnamese names would not sort right (Qt's ICU lacks the Vietnamese rules)."""
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    shuffled = sorted(VIETNAMESE_ORDER, key=lambda name: name[::-1])
    got = sorted(shuffled, key=cmp_to_key(collator.compare))
    if got != VIETNAMESE_ORDER:
        return f"Vietnamese names sort as {', '.join(got)}"
    return None


def kpi_problem(app: QApplication, window: MainWindow) -> str | None:
    """Show the KPI tab, wait for its figures, draw its charts; why that failed, if it did."""
    from ui.kpi.charts import Chart

    if window.kpi is None:
        return "the administrator got no KPI tab"
    kpi = window.kpi
    window.tabs.setCurrentIndex(window.tabs.indexOf(kpi.tab))
    parts = {"calls", "service", "customers", "staffing"}
    loaded: set[str] = set()
    if not turn_until(app, lambda: kpi.loaded_panel() is not None):
        return "the KPI tab did not open"
    panel = kpi.loaded_panel()
    assert panel is not None
    if not turn_until(app, lambda: panel.isVisible() and exposed(window)):
        return "the KPI tab shows nothing"
    panel.loaded.connect(loaded.add)
    if not turn_until(app, lambda: loaded >= parts or bool(panel.errors)):
        return "the KPI figures did not load"
    if panel.errors:
        return f"the KPI figures did not load: {panel.errors[0]}"
    charts = panel.findChildren(Chart)
    if not charts:
        return "the KPI tab shows no chart"
    for chart in charts:
        chart.show_series(["1", "2", "3"], [("smoke", [1.0, None, 3.0])])  # a line, a gap
        if chart.grab().isNull():
            return "a KPI chart could not be drawn"
    return None


def run(app: QApplication, db: Database) -> int:
    """Show the main window, wait until it is exposed and has loaded, then check it."""
    from ui.main_window import MainWindow

    window = MainWindow(db, smoke_user())
    window.show()
    announced = False

    def ready() -> bool:
        nonlocal announced
        if not announced and exposed(window):
            print(SHOWN, flush=True)
            announced = True
        return exposed(window) and not window.model.is_loading()

    failed: str | None = None
    if not turn_until(app, ready):
        failed = "the main window did not appear"
    else:
        if not announced:
            print(SHOWN, flush=True)
        failed = window.model.error or kpi_problem(app, window) or collation_problem()
    window.close()
    worker.wait_for_idle()
    app.processEvents()
    window.deleteLater()
    if failed:
        print(f"calldesk: smoke-test failed: {failed}", file=sys.stderr)
        return 1
    print("smoke-test ok", flush=True)
    return 0
