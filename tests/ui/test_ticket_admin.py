"""Administration screens: the routing rules editor and the SLA/calendar editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import rules_admin, sla_admin
from db.engine import Database
from ui.tickets.rules_editor import RulesEditorDialog
from ui.tickets.sla_editor import SlaEditorDialog

from .ticket_helpers import open_window, setup

ORDER = ["VIP", "Delivery", "Quality", "Supplier", "Catch-all"]


def _editor(qtbot: QtBot, db: Database) -> RulesEditorDialog:
    dialog = RulesEditorDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_busy() and bool(dialog.rules))
    return dialog


def test_the_administration_menu_is_for_supervisors_and_admins(
    qtbot: QtBot, ui_db: Database
) -> None:
    agent = open_window(qtbot, ui_db, setup(ui_db, role="agent"))
    assert not agent.tickets.admin_menu.menuAction().isVisible()
    from .factories import add_user

    boss = open_window(qtbot, ui_db, add_user(ui_db, "boss", role="supervisor"))
    assert boss.tickets.admin_menu.menuAction().isVisible()
    assert boss.tickets.admin_menu.title() == "&Administration"


def test_moving_a_rule_and_saving_keeps_the_new_order(qtbot: QtBot, ui_db: Database) -> None:
    setup(ui_db)
    dialog = _editor(qtbot, ui_db)
    assert dialog.names() == ORDER
    dialog.list.setCurrentRow(2)  # Quality
    assert dialog.form.name.text() == "Quality"
    assert dialog.form.department.currentData() == "QUALITY"
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.names() == ["VIP", "Quality", "Delivery", "Supplier", "Catch-all"]
    assert dialog.list.currentRow() == 1

    # Switch a rule off and edit another's keywords in the form.
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.list.setCurrentRow(2)  # Delivery
    dialog.form.keywords.clear()
    qtbot.keyClicks(dialog.form.keywords, "giao hang, late, tre hen")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert not dialog.error.isVisible(), dialog.error.text()
    assert "Saved" in dialog.notice.text()

    stored = rules_admin.rules(ui_db)
    assert [r.name for r in stored] == ["VIP", "Quality", "Delivery", "Supplier", "Catch-all"]
    assert not stored[0].enabled
    assert stored[2].conditions["keywords"] == ["giao hang", "late", "tre hen"]
    assert stored[2].conditions["categories"] == ["delivery"]  # untouched fields survive
    assert stored[2].actions["assign"] == "least_loaded"

    again = _editor(qtbot, ui_db)
    assert again.names() == ["VIP", "Quality", "Delivery", "Supplier", "Catch-all"]
    assert again.list.item(0).checkState() == Qt.CheckState.Unchecked


def test_an_invalid_rule_set_is_refused_with_the_reason(qtbot: QtBot, ui_db: Database) -> None:
    setup(ui_db)
    dialog = _editor(qtbot, ui_db)
    dialog.list.setCurrentRow(4)  # Catch-all
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.names() == ORDER[:4]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.error.isVisible())
    assert dialog.error.text() == (
        "The last enabled rule must be a catch-all that names a department"
    )
    assert [r.name for r in rules_admin.rules(ui_db)] == ORDER  # nothing stored

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.form.name.setText("Everything else")
    dialog.form.department.setCurrentIndex(dialog.form.department.findData("CARE"))
    dialog.form.sla.setCurrentIndex(dialog.form.sla.findData("48 hours"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert not dialog.error.isVisible(), dialog.error.text()
    assert [r.name for r in rules_admin.rules(ui_db)][-1] == "Everything else"


def test_rules_export_and_import_round_trip(qtbot: QtBot, ui_db: Database, tmp_path: Path) -> None:
    setup(ui_db)
    dialog = _editor(qtbot, ui_db)
    path = tmp_path / "rules.json"
    dialog.export_to(str(path))
    qtbot.waitUntil(lambda: not dialog.is_busy() and path.exists())
    text = path.read_text(encoding="utf-8")
    assert '"calldesk_routing_rules": 1' in text
    path.write_text(text.replace('"name": "VIP"', '"name": "Khách VIP"'), encoding="utf-8")
    dialog.import_from(str(path))
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.names()[0] == "Khách VIP")
    assert "Imported 5 rules." in dialog.notice.text()

    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    dialog.import_from(str(bad))
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.error.isVisible())
    assert "Not a CallDesk routing rules file" in dialog.error.text()


def test_sla_targets_hours_and_holidays_are_edited(qtbot: QtBot, ui_db: Database) -> None:
    setup(ui_db)
    dialog = SlaEditorDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_busy() and bool(dialog.policy_rows))
    names = [p.name for p in dialog.policy_rows]
    row = names.index("24 hours")
    dialog.policies.cellWidget(row, 1).setValue(30)  # type: ignore[union-attr]
    assert dialog.days[0].text() == "08:00–12:00, 13:30–17:30"
    assert dialog.days[5].text() == ""
    dialog.days[5].setText("08:00-11:30")
    dialog.holiday_date.setDate(dialog.holiday_date.date().fromString("02/09/2026", "dd/MM/yyyy"))
    qtbot.mouseClick(dialog.add_holiday, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and "Saved" in dialog.notice.text())

    policy = next(p for p in sla_admin.policies(ui_db) if p.name == "24 hours")
    assert policy.first_response_minutes == 30
    cal = sla_admin.calendars(ui_db)[0]
    assert cal.hours[5] == [("08:00", "11:30")]
    assert [d.isoformat() for d in cal.holidays] == ["2026-09-02", "2026-12-31"]

    dialog.days[1].setText("17:00-08:00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.error.isVisible())
    assert "end before they start" in dialog.error.text()
    dialog.days[1].setText("8h to 5pm")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "write them as HH:MM-HH:MM" in dialog.error.text()
