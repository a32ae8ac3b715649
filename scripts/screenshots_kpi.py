"""Render the KPI screens for the README: docs/kpi-panel.png (supervisor's KPIs tab),
docs/kpi-service.png, docs/kpi-customers.png, docs/kpi-staffing.png and
docs/wallboard.png, from a throw-away SQLite database with demo data (app.seed: 90
days of calls, tickets, status history, orders) plus a few calls waiting right now.

    .venv/bin/python scripts/screenshots_kpi.py [--customers N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CALLDESK_HOME"] = tempfile.mkdtemp(prefix="calldesk-kpi-shots-")
os.environ.pop("CALLDESK_DATABASE_URL", None)

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app import auth, seed  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database  # noqa: E402
from db.models import AgentStatusLog, Call, User  # noqa: E402
from ui import i18n, theme, worker  # noqa: E402
from ui.application import application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

DOCS = ROOT / "docs"


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def live_now(db: Database) -> None:
    """Today so far (calls of the last two hours) and, at this moment, agents in every
    status and calls queueing."""
    now = datetime.now(UTC)
    rng = random.Random(3)
    with db.session() as s:
        agents = list(s.scalars(select(User.id).where(User.role == "agent")))
        s.query(AgentStatusLog).filter(AgentStatusLog.ended_at.is_(None)).update(
            {"ended_at": now - timedelta(minutes=30)}
        )
        statuses = ["on_call"] * 7 + ["available"] * 3 + ["wrap_up"] * 2 + ["away"]
        for uid, st in zip(agents, statuses, strict=False):
            s.add(AgentStatusLog(user_id=uid, status=st, started_at=now - timedelta(minutes=3)))
        for i, (queue, ago) in enumerate(
            [("sales", 14), ("support", 48), ("support", 31), ("complaints", 95), ("support", 7)]
        ):
            s.add(
                Call(
                    call_ref=f"shot-wait-{i}",
                    queue=queue,
                    caller="0903123456",
                    offered_at=now - timedelta(seconds=ago),
                )
            )
        for i in range(120):
            offered = now - timedelta(seconds=rng.randrange(120, 7200))
            queue = rng.choice(["sales", "support", "support", "complaints"])
            if rng.random() < 0.08:
                s.add(
                    Call(
                        call_ref=f"shot-gone-{i}",
                        queue=queue,
                        offered_at=offered,
                        ended_at=offered + timedelta(seconds=rng.randrange(2, 90)),
                    )
                )
                continue
            answered = offered + timedelta(seconds=int(rng.lognormvariate(2.4, 0.9)))
            s.add(Call(call_ref=f"shot-{i}", queue=queue, offered_at=offered,
                       answered_at=answered, agent_id=rng.choice(agents),
                       ended_at=min(now, answered + timedelta(seconds=rng.randrange(60, 400))),
                       acw_seconds=rng.randrange(10, 60)))  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=3000)
    args = ap.parse_args()
    app = application()
    theme.apply_theme("light")
    i18n.set_language("en")
    db = Database(f"sqlite:///{tempfile.mkdtemp()}/kpi.sqlite")
    migrate.upgrade(db)
    seed.seed_demo(db, customers=args.customers, seed=5)
    live_now(db)
    user = auth.create_user(db, "boss", "boss-password", display_name="Trần Minh Quân",
                            role="supervisor")  # fmt: skip
    window = MainWindow(db, user)
    window.resize(1440, 1000)
    window.show()
    assert window.kpi is not None
    panel = window.kpi.panel
    window.tabs.setCurrentWidget(panel)
    end = seed.BASE.date() - timedelta(days=2)  # the demo world's last Friday
    panel.set_range(end - timedelta(days=11), end)
    panel.refresh()
    pump(app, 2)
    while panel.busy():
        pump(app, 0.3)
    pump(app, 1.5)
    DOCS.mkdir(exist_ok=True)
    for index, name in ((0, "kpi-panel"), (2, "kpi-service"), (3, "kpi-customers"),
                        (4, "kpi-staffing")):  # fmt: skip
        panel.tabs.setCurrentIndex(index)
        pump(app, 0.8)
        window.grab().save(str(DOCS / f"{name}.png"))
    window.kpi.open_wallboard()
    board = window.kpi.wallboard
    assert board is not None
    board.showNormal()  # the offscreen screen is small: render at a wallboard's size
    board.resize(1920, 1080)
    pump(app, 2.5)
    board.grab().save(str(DOCS / "wallboard.png"))
    board.close()
    worker.wait_for_idle()
    window.close()
    db.dispose()
    print("saved", ", ".join(sorted(p.name for p in DOCS.glob("kpi-*.png"))), "wallboard.png")


if __name__ == "__main__":
    main()
