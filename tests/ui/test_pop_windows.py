"""Screen-pop in the agent workspace: the Calls menu, the caller log, duplicates and the
merge dialog, the tray, a second launch, and `calldesk pop` from another process."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app import caller_log, lookup, pop_protocol
from db.engine import Database
from db.models import AuditLog, Call, ContactPoint, Interaction, Order, Ticket
from tests.pop_fixtures import call, customer, interaction, orders, ticket
from ui.main_window import MainWindow
from ui.pop import controller
from ui.pop.caller_log import CallerLogModel
from ui.pop.merge_dialog import MergeDialog
from ui.pop.server import hand_over_to_running_window

from .factories import add_user
from .pop_helpers import Sent, joined, press, screen_pop, send_pop

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.now(UTC)


def _count(db: Database, model: type, customer_id: uuid.UUID) -> int:
    with db.session() as s:
        column = model.customer_id  # type: ignore[attr-defined]
        return int(
            s.scalar(select(func.count()).select_from(model).where(column == customer_id)) or 0
        )


def _twins(db: Database) -> tuple[uuid.UUID, uuid.UUID]:
    """One person entered twice: both with history, sharing a phone number."""
    keep = customer(
        db, "Nguyễn Văn An", phones=["0912 345 678"], emails=["an@example.vn"], external_id="KH-1"
    )
    dup = customer(db, "Nguyen Van An", phones=["0912345678", "0903 000 111"], external_id="KH-2")
    orders(db, keep, [(5, 1_000_000), (30, 2_000_000)], now=NOW)
    orders(db, dup, [(9, 500_000)], now=NOW)
    interaction(db, keep, "phone", NOW - timedelta(days=1), "Hỏi giá")
    interaction(db, dup, "email", NOW - timedelta(days=3), "Gửi hoá đơn")
    ticket(db, dup, 502, kind="request", due=NOW + timedelta(days=4))
    ticket(db, keep, 501, kind="complaint", due=NOW + timedelta(days=2))  # touched last
    call(db, dup, "old-call", NOW - timedelta(days=8))
    return keep, dup


def test_merge_from_the_card_keeps_all_history(qtbot: QtBot, any_db: Database) -> None:
    db = any_db
    keep, dup = _twins(db)
    with screen_pop(qtbot, db) as pop:
        card = pop.card
        send_pop(qtbot, pop, "0912 345 678", call_id="ring-merge")
        assert card.data is not None and card.data.id == keep  # most recent activity
        assert len(card.candidates()) == 2
        qtbot.waitUntil(lambda: bool(card.duplicates))
        qtbot.waitUntil(lambda: "Possible duplicate: Nguyen Van An" in joined(card))
        press(qtbot, card, Qt.Key.Key_M)
        dialog = pop.merge_dialog
        assert isinstance(dialog, MergeDialog)
        qtbot.waitUntil(lambda: dialog.pair is not None)
        qtbot.waitUntil(lambda: "KH-2" in joined(dialog))  # labels fill after the pair
        texts = joined(dialog)
        assert "Nguyễn Văn An" in texts and "Nguyen Van An" in texts and "KH-2" in texts
        assert dialog.keep_index() == 0  # the record with more history is suggested
        qtbot.keyClick(dialog, Qt.Key.Key_Right)
        assert dialog.keep_index() == 1
        qtbot.keyClick(dialog, Qt.Key.Key_Left)
        with qtbot.waitSignal(dialog.merged, timeout=8000):
            dialog.merge_button.click()
        qtbot.waitUntil(lambda: pop.merge_dialog is None)
        # The card shows the kept customer with everything, and one candidate left.
        qtbot.waitUntil(lambda: card.data is not None and card.data.order_count == 3)
        assert card.data is not None and card.data.id == keep
        assert [m.customer_id for m in card.candidates()] == [keep]
        assert "Records merged" in card.status.text()
        assert {t.number for t in card.data.open_tickets} == {501, 502}
    for model, n in ((Order, 3), (Interaction, 2), (Ticket, 2)):
        assert _count(db, model, keep) == n and _count(db, model, dup) == 0
    qtbot.waitUntil(lambda: _count(db, Call, keep) == 2)  # the old call and this ring
    with db.session() as s:
        values = set(
            s.scalars(select(ContactPoint.value_norm).where(ContactPoint.customer_id == keep))
        )
        assert values == {"+84912345678", "+84903000111", "an@example.vn"}
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "merge")).all()
        assert len(audit) == 1 and audit[0].detail["merged_id"] == str(dup)
    assert [m.customer_id for m in lookup.lookup(db, "0903 000 111").matches] == [keep]


def test_the_duplicates_list_merges_and_drops_the_group(qtbot: QtBot, ui_db: Database) -> None:
    keep, dup = _twins(ui_db)
    customer(ui_db, "Trần Thị Hoa", phones=["0977 111 222"])
    with screen_pop(qtbot, ui_db) as pop:
        window = pop.open_duplicates()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.is_loading())
        model = window.model
        assert model.rowCount() >= 1
        first = model.rows[0]
        assert set(first.ids) == {keep, dup}
        assert model.data(model.index(0, 0)) == "Same phone"
        assert model.data(model.index(0, 1)) == "+84912345678"
        assert "Nguyen Van An (KH-2)" in model.data(model.index(0, 2))
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
        dialog = window.merge_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.pair is not None)
        with qtbot.waitSignal(window.merged, timeout=8000):
            dialog.merge_button.click()
        qtbot.waitUntil(
            lambda: not window.is_loading() and not any(dup in r.ids for r in window.model.rows)
        )
        window.close()


def test_caller_log_lists_pops_and_assigns_an_unknown_number(qtbot: QtBot, ui_db: Database) -> None:
    db = ui_db
    an = customer(db, "Nguyễn Văn An", phones=["0912 345 678"])
    hoa = customer(db, "Trần Thị Hoa")
    with screen_pop(qtbot, db) as pop:
        send_pop(qtbot, pop, "0912 345 678", call_id="c-known")
        send_pop(qtbot, pop, "0934 567 890", call_id="c-unknown")
        pop.card.hide()
        qtbot.waitUntil(lambda: len(caller_log.recent_calls(db)) == 2)
        log = pop.open_caller_log()
        qtbot.addWidget(log)
        qtbot.waitUntil(lambda: not log.model.is_loading() and log.model.rowCount() == 2)
        m = log.model
        rows = {m.data(m.index(r, CallerLogModel.CALL_ID)): r for r in range(2)}
        assert m.data(m.index(rows["c-known"], CallerLogModel.CUSTOMER)) == "Nguyễn Văn An"
        assert m.data(m.index(rows["c-unknown"], CallerLogModel.CUSTOMER)) == "Unknown caller"
        assert m.data(m.index(rows["c-unknown"], CallerLogModel.NUMBER)) == "0934 567 890"
        log.table.selectRow(rows["c-known"])
        assert not log.assign_button.isEnabled()  # known callers need no assigning
        log.table.selectRow(rows["c-unknown"])
        assert log.assign_button.isEnabled()
        qtbot.keyClick(log.table, Qt.Key.Key_Return)
        dialog = log.assign_dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.picker.search, "tran thi hoa")
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: log.assign_dialog is None)
        qtbot.waitUntil(
            lambda: (
                not log.model.is_loading()
                and any(r.call_ref == "c-unknown" and r.customer_id == hoa for r in log.model.rows)
            )
        )
        assert [x.customer_id for x in lookup.lookup(db, "+84934567890").matches] == [hoa]
        # The open card of that unknown caller now knows them too.
        qtbot.waitUntil(lambda: pop.card.data is not None and pop.card.data.id == hoa)
        assert an != hoa
        log.close()


def test_caller_log_pages(qtbot: QtBot, ui_db: Database) -> None:
    for i in range(130):
        caller_log.record_call(
            ui_db, f"r{i:03d}", f"09120{i:05d}", None, NOW + timedelta(seconds=i)
        )
    log = controller.CallerLogWindow(ui_db)
    qtbot.addWidget(log)
    qtbot.waitUntil(lambda: not log.model.is_loading())
    assert log.model.rowCount() == 100 and log.model.canFetchMore()
    assert "Calls: 100+" in log.count.text()
    log.model.fetchMore()
    qtbot.waitUntil(lambda: log.model.rowCount() == 130)
    assert log.model.rows[0].call_ref == "r129" and not log.model.canFetchMore()


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, add_user(db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.model.is_loading())
    return window


def test_installed_in_the_main_window(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    an = customer(ui_db, "Nguyễn Văn An", phones=["0912 345 678"])
    window = _window(qtbot, ui_db)
    pop = controller.install(window)
    try:
        assert pop.listening
        titles = [a.text() for a in window.menuBar().actions()]
        assert "&Calls" in titles and titles.index("&Calls") < titles.index("&Help")
        menu = window.findChild(QMenu, "CallsMenu")
        assert menu is not None and len(menu.actions()) >= 3

        shown: list[tuple[str, str]] = []
        monkeypatch.setattr(pop, "show_tray_message", lambda t, m: shown.append((t, m)))
        monkeypatch.setattr(pop, "window_in_front", lambda: False)
        send_pop(qtbot, pop, "0912 345 678")
        assert shown == [("Incoming call: Nguyễn Văn An", "0912 345 678")]
        monkeypatch.setattr(pop, "window_in_front", lambda: True)
        send_pop(qtbot, pop, "0912 345 678")
        assert len(shown) == 1  # in front: no balloon

        # L goes to the ticket screens' log-interaction dialog, for this customer and call.
        from ui.tickets.interaction_dialog import LogInteractionDialog

        press(qtbot, pop.card, Qt.Key.Key_L)
        qtbot.waitUntil(
            lambda: any(d.isVisible() for d in window.findChildren(LogInteractionDialog))
        )
        for dialog in window.findChildren(LogInteractionDialog):
            dialog.close()
        pop.card.present()
        press(qtbot, pop.card, Qt.Key.Key_Return)  # open the full customer view
        qtbot.waitUntil(lambda: window.detail.shown_id == an)
        assert not pop.card.isVisible()
        # A second `calldesk` launch finds this window instead of opening another.
        with qtbot.waitSignal(pop.server.raiseRequested, timeout=5000):
            sent = Sent(pop_protocol.RaiseMessage(), pop.server.name)
            qtbot.waitUntil(sent.done)
        assert sent.error is None
    finally:
        pop.close()


def test_the_tray_is_optional(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with screen_pop(qtbot, ui_db) as pop:
        monkeypatch.setattr(pop, "_tray_available", lambda: False)
        pop.show_tray_message("Incoming call", "0912 345 678")
        assert pop.tray is None and pop.notifications == []


def test_a_second_launch_hands_over(qtbot: QtBot, ui_db: Database) -> None:
    assert not hand_over_to_running_window()  # nobody there yet
    with screen_pop(qtbot, ui_db):
        outcome: list[bool] = []
        import threading

        thread = threading.Thread(target=lambda: outcome.append(hand_over_to_running_window()))
        thread.start()
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=8000)
        assert outcome == [True]


def test_calldesk_pop_from_another_process(qtbot: QtBot, ui_db: Database) -> None:
    customer(ui_db, "Nguyễn Văn An", phones=["0912 345 678"])
    with screen_pop(qtbot, ui_db) as pop:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [
            sys.executable,
            "-m",
            "ui.launcher",
            "pop",
            "0912.345.678",
            "--call-id",
            "ext-1",
            "--name",
            "AN",
        ]
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30000)
        _out, err = proc.communicate()
        assert proc.returncode == 0, err
        qtbot.waitUntil(lambda: pop.card.final_serial == 1, timeout=8000)
        assert pop.card.call_ref == "ext-1" and pop.card.caller_name.text() == "AN"
        assert pop.card.data is not None and pop.card.data.name == "Nguyễn Văn An"
        # A second `calldesk` (the GUI) hands over to this window and exits.
        gui = subprocess.Popen(
            [sys.executable, "-m", "ui.launcher"],
            cwd=ROOT,
            env={**env, "QT_QPA_PLATFORM": "offscreen"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        with qtbot.waitSignal(pop.server.raiseRequested, timeout=30000):
            qtbot.waitUntil(lambda: gui.poll() is not None, timeout=30000)
        gui_out, _gui_err = gui.communicate()
        assert gui.returncode == 0 and b"already open" in gui_out
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "calldesk: no CallDesk window is running on this workstation"
