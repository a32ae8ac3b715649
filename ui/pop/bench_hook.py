"""Screen-pop latency as an agent sees it, for bench/screen_pop.py (pop_p95_ms).

For each number: a real `calldesk pop` message goes through the local socket (sent
from a helper thread, as the softphone's process would), and the clock runs from the
moment the GUI's socket handler read it to the moment the card shows the final data
and has been painted offscreen (`card.grab()`). RFM cut-offs are computed once before
timing, as a running client has them cached.

Between pops the GUI thread sleeps in a Qt event loop woken by the card's `ready`
signal, as a running client's does; polling with processEvents() would keep the GIL
busy and slow the lookup thread it is waiting for.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
import uuid

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app import lookup, pop_protocol, rfm
from app.pop_protocol import PopMessage
from db.engine import Database
from ui import worker

TIMEOUT_S = 30.0


def _application() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([])
    return app


def measure_pop(db: Database, numbers: list[str]) -> list[float]:
    """Milliseconds from message arrival to the painted final card, one per number."""
    from ui import theme
    from ui.pop.controller import ScreenPop

    _app = _application()  # kept alive for the whole measurement
    theme.apply_theme(theme.current_theme())
    rfm.refresh_if_stale(db)
    name = os.path.join(tempfile.gettempdir(), f"calldesk-bench-{uuid.uuid4().hex[:12]}.sock")
    pop = ScreenPop(db, None, server_name=None if os.name == "nt" else name)
    if not pop.listening:
        raise RuntimeError("the screen-pop socket could not be opened")
    arrivals: list[float] = []
    pop.server.popReceived.connect(lambda _m, t: arrivals.append(t))
    times: list[float] = []
    loop = QEventLoop()
    pop.card.ready.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    try:
        for i, number in enumerate(numbers):
            serial = pop.card.serial
            message = PopMessage(number, f"bench-{uuid.uuid4().hex[:10]}-{i}")
            sender = threading.Thread(
                target=pop_protocol.send, args=(message, 10.0, pop.server.name), daemon=True
            )
            sender.start()
            timer.start(int(TIMEOUT_S * 1000))
            while pop.card.final_serial <= serial:
                if not timer.isActive():
                    raise TimeoutError(f"no card for {number!r} within {TIMEOUT_S:.0f} s")
                loop.exec()
            timer.stop()
            pop.card.grab()
            done = time.perf_counter()
            times.append((done - arrivals[-1]) * 1000)
            sender.join(5)
    finally:
        worker.wait_for_idle()
        QCoreApplication.processEvents()
        pop.close()
        pop.card.close()
        pop.card.deleteLater()
        pop.deleteLater()
        QCoreApplication.processEvents()
        lookup.close(db)
    return times
