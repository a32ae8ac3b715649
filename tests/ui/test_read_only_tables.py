"""The administration lists share the list windows' read-only table (ui/list_window.py),
each with its own selection: several audit entries can be selected at once, one user
at a time (the form beside the list edits that one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app import audit
from db.engine import Database
from ui.admin.audit_dialog import AuditDialog
from ui.admin.users_dialog import UsersDialog

from .factories import add_user


def _click_row(qtbot: QtBot, table: QTableView, row: int, ctrl: bool = False) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _selected_rows(table: QTableView) -> list[int]:
    return sorted(i.row() for i in table.selectionModel().selectedRows())


def test_several_audit_entries_can_be_selected_and_none_edited(
    qtbot: QtBot, ui_db: Database
) -> None:
    for entity in ("customer", "customers", "ticket"):
        audit.record(ui_db, audit.Verb.EXPORT, entity)
    dialog = AuditDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3 and not dialog.model.is_loading())

    _click_row(qtbot, dialog.table, 0)
    _click_row(qtbot, dialog.table, 2, ctrl=True)
    assert _selected_rows(dialog.table) == [0, 2]
    qtbot.mouseDClick(
        dialog.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.table.visualRect(dialog.model.index(0, 1)).center(),
    )
    assert dialog.table.indexWidget(dialog.model.index(0, 1)) is None  # no editor opened
    assert dialog.table.state() != QTableView.State.EditingState


def test_one_user_at_a_time_is_selected(qtbot: QtBot, ui_db: Database) -> None:
    add_user(ui_db, "lan")
    add_user(ui_db, "mai")
    dialog = UsersDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and not dialog.is_busy())

    _click_row(qtbot, dialog.table, 0)
    _click_row(qtbot, dialog.table, 1, ctrl=True)
    assert _selected_rows(dialog.table) == [1]
    assert dialog.username.text() == dialog.model.rows[1].username
    assert dialog.table.columnWidth(0) >= dialog.table.sizeHintForColumn(0)  # names never cut
