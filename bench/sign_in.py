"""Sign-in to main window: the wait after "Sign in" is pressed, per role.

    bench/sign_in.py [--runs N]

Each run is a fresh `python` process (so no module is imported yet, as after a real
login) that first does what the login window's background preload does while the user
types (ui.application.PRELOAD, the database opened and migrated), then times, on the
GUI thread, importing ui.main_window, building the window for the user and showing it
until it is exposed (offscreen). Median of N per role (agent: no KPI tab; admin: KPI
and administration tabs). Prints one JSON object with the load average to read it by.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time, uuid
from PySide6.QtWidgets import QApplication
from ui import application
from app.auth import CurrentUser
from db.engine import Database
from db import migrate

app = application.application()
application.preload()
db = Database(sys.argv[1])
migrate.upgrade(db)
user = CurrentUser(id=uuid.UUID(int=0), username="bench", display_name="Bench",
                   role=sys.argv[2], extension=None, department_id=None)
start = time.perf_counter()
from ui.main_window import MainWindow
window = MainWindow(db, user)
window.show()
while not (window.windowHandle() is not None and window.windowHandle().isExposed()):
    app.processEvents()
print((time.perf_counter() - start) * 1000)
window.close()
from ui import worker
worker.wait_for_idle()
db.dispose()
"""


def one_run(url: str, role: str, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url, role],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="calldesk-signin-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CALLDESK_")}
        env.update(CALLDESK_HOME=str(Path(tmp) / "home"), QT_QPA_PLATFORM="offscreen")
        url = f"sqlite:///{Path(tmp) / 'signin.sqlite'}"
        for role in ("agent", "admin"):
            one_run(url, role, env)  # warm-up: page cache, migration
            samples = [one_run(url, role, env) for _ in range(args.runs)]
            result[f"{role}_sign_in_to_window_ms"] = round(statistics.median(samples), 1)
    result.update(runs=args.runs, load_avg_1m=round(os.getloadavg()[0], 2), cpus=os.cpu_count())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
