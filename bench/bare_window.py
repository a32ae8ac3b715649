"""The floor for bench/startup.py: a bare PySide6 window, frozen like CallDesk.

Shows an empty QMainWindow and prints "smoke-test window shown" once it is exposed,
polling the way `calldesk --smoke-test` does, then exits. build/bare.spec freezes it.
"""

import sys
import time

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 700)
    window.show()
    while True:
        handle = window.windowHandle()
        if window.isVisible() and handle is not None and handle.isExposed():
            break
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    print("smoke-test window shown", flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
