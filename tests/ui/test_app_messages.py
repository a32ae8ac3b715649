"""The messages app/ raises reach a Vietnamese agent in Vietnamese.

Every raise site in app/ whose message is written there (a literal, an f-string, or a
module constant) must have its entry in ui/app_messages.py; a new message without one
fails here, naming its file and line. The screens are then driven into real failures
with the Vietnamese translator installed.
"""

from __future__ import annotations

import ast
import socket
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import customers, tickets
from app.cti.settings import CtiSettings
from app.tickets import TicketInput
from db.engine import Database
from tests.ui.pop_helpers import screen_pop
from ui import i18n
from ui.admin.users_dialog import UsersDialog
from ui.app_messages import _MESSAGES, _VALUES, _WORDS, match, user_text
from ui.cti.bridge import CtiBridge, CtiStatusLabel
from ui.customer_edit import CustomerEditDialog
from ui.tickets.sla_editor import SlaEditorDialog
from ui.tickets.ticket_dialog import TicketDialog

from .factories import add_user
from .ticket_helpers import customer_id, open_window, setup, wait_for_window

APP = Path(__file__).resolve().parents[2] / "app"
# Not a UserError, but its text is shown inside one (sla_admin: "calendar %1: %2").
SHOWN_INSIDE_USER_ERRORS = {"CalendarError"}


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """UserError and every class in app/ that derives from it, however indirectly."""
    names = {"UserError"}
    while True:
        more = {
            node.name
            for tree in trees
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            and any(
                (b.id if isinstance(b, ast.Name) else getattr(b, "attr", None)) in names
                for b in node.bases
            )
        }
        if more <= names:
            return names
        names |= more


def _shape(node: ast.expr, constants: dict[str, str]) -> tuple[str, str, tuple[str, ...]] | None:
    """The catalog template a message must match, a sample message and its values;
    None for a message made elsewhere (str(exc), a helper's result)."""
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id], constants[node.id], ()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, node.value, ()
    if not isinstance(node, ast.JoinedStr):
        return None
    template, sample, values = "", "", ()
    for part in node.values:
        if isinstance(part, ast.Constant):
            template += str(part.value)
            sample += str(part.value)
        else:
            values += (f"«{len(values) + 1}»",)
            template += f"%{len(values)}"
            sample += values[-1]
    return template, sample, values


def app_messages() -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """(file:line, template, sample, values) of every message raised in app/."""
    files = sorted(APP.rglob("*.py"))
    trees = [ast.parse(f.read_text(encoding="utf-8"), str(f)) for f in files]
    raised = _error_classes(trees) | SHOWN_INSIDE_USER_ERRORS
    for path, tree in zip(files, trees, strict=True):
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name in raised and (shape := _shape(node.args[0], constants)) is not None:
                where = f"{path.relative_to(APP.parent)}:{node.lineno}"
                yield (where, *shape)


def test_every_app_message_has_a_catalog_entry() -> None:
    found = list(app_messages())
    assert len(found) > 150  # the scan sees the raise sites
    missing = [
        f"{where}: {template!r}"
        for where, template, sample, values in found
        if match(sample) != (template, values)
    ]
    assert not missing, (
        "app messages with no entry in ui/app_messages.py (add one, run "
        "scripts/update_translations.sh, translate):\n" + "\n".join(missing)
    )


def test_each_entry_is_reached_by_its_own_shape() -> None:
    """No entry hides another, and the placeholders with their own words name entries."""
    for template in map(str, (*_MESSAGES, *_WORDS)):
        values = tuple(f"«{n}»" for n in range(1, template.count("%") + 1))
        sample = template
        for n, v in enumerate(values, 1):
            sample = sample.replace(f"%{n}", v)
        assert match(sample) == (template, values), template
    assert set(_VALUES) <= set(map(str, _MESSAGES))


@pytest.fixture
def vietnamese() -> None:
    assert i18n.set_language("vi") == "vi"  # ui_look switches back after the test


def test_values_are_kept_and_codes_and_phrases_inside_are_translated(vietnamese: None) -> None:
    assert user_text("the user 'lan' already exists") == "Người dùng 'lan' đã tồn tại"
    assert user_text("lan (agent) may not see KPIs") == (
        "lan (điện thoại viên) không được phép xem các chỉ số KPI"
    )
    assert user_text("ticket T-000042 was closed meanwhile") == (
        "Trong lúc chờ, phiếu T-000042 đã chuyển sang trạng thái đã đóng"
    )
    # One entry is tried before a shorter one it contains.
    assert user_text("no customer 'C-9' (give its id or external id)").startswith(
        "Không có khách hàng 'C-9' ("
    )


def test_an_unknown_message_comes_back_unchanged(vietnamese: None) -> None:
    assert user_text("the moon is made of cheese: 42") == "the moon is made of cheese: 42"
    assert user_text(RuntimeError("  driver said no  ")) == "driver said no"
    assert user_text(RuntimeError()) == "RuntimeError"


def test_a_duplicate_user_is_refused_in_vietnamese(
    qtbot: QtBot, ui_db: Database, vietnamese: None
) -> None:
    setup(ui_db)  # reference data and the user "lan"
    dialog = UsersDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.new_user()
    qtbot.keyClicks(dialog.username, "lan")
    qtbot.keyClicks(dialog.password, "secret123")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "Người dùng 'lan' đã tồn tại"


def test_the_phone_status_says_in_vietnamese_that_the_webhook_port_is_taken(
    qtbot: QtBot, ui_db: Database
) -> None:
    agent = add_user(ui_db, "agent5")
    with closing(socket.socket()) as taken, screen_pop(qtbot, ui_db) as pop:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bridge = CtiBridge(pop, CtiSettings(source="webhook", webhook_port=port), agent.id)
        label = CtiStatusLabel(bridge)
        qtbot.addWidget(label)
        assert not bridge.start(token="tok")
        assert label.text() == f"Phone: cannot listen on 127.0.0.1:{port}: Address already in use"
        i18n.set_language("vi")  # a switch while running re-reads the label
        qtbot.waitUntil(lambda: label.text().startswith("Điện thoại"))
        assert label.text() == (
            f"Điện thoại: Không mở được cổng nghe tại 127.0.0.1:{port}: "
            "địa chỉ này đang được chương trình khác sử dụng"
        )


def test_a_refused_customer_save_says_why_in_vietnamese(
    qtbot: QtBot, ui_db: Database, vietnamese: None
) -> None:
    setup(ui_db)
    detail = customers.detail(ui_db, customer_id(ui_db))
    assert detail is not None
    editor = CustomerEditDialog(ui_db, detail)
    qtbot.addWidget(editor)
    editor.show()
    editor.name.clear()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.error.isVisible)
    assert editor.error.text() == "Khách hàng cần có tên"


def test_a_ticket_changed_elsewhere_is_explained_in_vietnamese(
    qtbot: QtBot, ui_db: Database, vietnamese: None
) -> None:
    user = setup(ui_db)
    t = tickets.create_ticket(ui_db, TicketInput(customer="C-1", text="Giao hàng trễ"))
    window = open_window(qtbot, ui_db, user)
    window.tickets.open_ticket(t.number)
    ticket = wait_for_window(qtbot, TicketDialog)
    qtbot.waitUntil(lambda: ticket.view is not None)
    tickets.change_status(ui_db, t.number, "pending_supplier")  # another workstation
    ticket.status_combo.setCurrentIndex(ticket.status_combo.findData("resolved"))
    qtbot.mouseClick(ticket.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ticket.conflict is not None and ticket.conflict.isVisible())
    number = tickets.format_number(t.number)
    assert ticket.error.text() == (
        f"Phiếu {number} vừa được người khác thay đổi (bạn đang xem phiên bản 1, "
        "hiện tại là phiên bản 2)"
    )
    ticket.conflict.close()  # type: ignore[union-attr]
    ticket.close()


def test_a_bad_business_calendar_is_explained_in_vietnamese(
    qtbot: QtBot, ui_db: Database, vietnamese: None
) -> None:
    setup(ui_db)
    dialog = SlaEditorDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_busy() and bool(dialog.policy_rows))
    dialog.days[1].setText("17:00-08:00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.error.isVisible())
    assert "Giờ làm việc 17:00–08:00 kết thúc trước khi bắt đầu" in dialog.error.text()
    assert dialog.error.text().startswith("Lịch làm việc '")
