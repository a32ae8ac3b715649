"""Administration › Routing rules: the ordered rule list and its edit form.

First match wins, so order matters: rules move up and down, are switched on and off,
added and deleted here, and only Save writes them, all at once, through
app.rules_admin.save_rules, which validates with app.routing.validate; the reason a
set is refused (say, no catch-all at the end) is shown as the service words it.
Export/Import exchange the JSON rules file (app.rules_admin).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import routing, rules_admin, ticket_options
from app.ticket_options import TicketOptions
from db.engine import Database
from ui.tickets.admin_editor import AdminEditorDialog
from ui.tickets.rule_form import RuleForm
from ui.widgets import make_label


def _load(db: Database) -> tuple[list[routing.Rule], TicketOptions]:
    return rules_admin.rules(db), ticket_options.load(db)


def _write(path: str, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")


def _import(db: Database, path: str) -> int:
    return rules_admin.import_rules(db, Path(path).read_text(encoding="utf-8"))


class RulesEditorDialog(AdminEditorDialog):
    """`saved` after a successful save or import."""

    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("RulesEditorDialog", 1000, 680, db, _load, "save_rules", parent)
        self.rules: list[dict[str, Any]] = []
        self.options = TicketOptions()
        self._current = -1
        self.dirty = False

        self.list = QListWidget()
        self.list.setObjectName("RuleList")
        self.add_button, self.delete_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.add_button.setObjectName("add_rule")
        self.delete_button.setObjectName("delete_rule")
        self.up_button.setObjectName("move_up")
        self.down_button.setObjectName("move_down")
        self.form = RuleForm()
        self.import_button, self.export_button = QPushButton(), QPushButton()
        self.busy_buttons = (self.save_button, self.import_button, self.export_button)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.list_title = make_label("", "section")
        ll.addWidget(self.list_title)
        ll.addWidget(self.list, 1)
        moves = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            moves.addWidget(b)
        ll.addLayout(moves)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(12)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([340, 640])
        self.hint = make_label("", "muted", wrap=True)
        self.lay_out([(self.hint, 0), (split, 1)], (self.import_button, self.export_button))

        self.list.currentRowChanged.connect(self._select)
        self.list.itemChanged.connect(self._item_changed)
        self.form.edited.connect(self._form_edited)
        self.add_button.clicked.connect(self.add_rule)
        self.delete_button.clicked.connect(self.delete_rule)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.export_button.clicked.connect(self._ask_export)
        self.import_button.clicked.connect(self._ask_import)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.retranslate_frame(self.tr("Routing rules"))
        self.hint.setText(
            self.tr(
                "Checked top to bottom; the first rule that names a department wins. Rules "
                "without a department only adjust priority, SLA or tags. The last rule must "
                "catch everything."
            )
        )
        self.list_title.setText(self.tr("ORDER"))
        self.add_button.setText(self.tr("Add"))
        self.delete_button.setText(self.tr("Delete"))
        self.up_button.setText(self.tr("Up"))
        self.down_button.setText(self.tr("Down"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))

    # -- loading ----------------------------------------------------------------------

    def _loaded(self, result: tuple[list[routing.Rule], TicketOptions]) -> None:
        rules, self.options = result
        self.form.set_options(self.options)
        self.rules = [
            {
                "name": r.name,
                "enabled": r.enabled,
                "conditions": copy.deepcopy(dict(r.conditions)),
                "actions": copy.deepcopy(dict(r.actions)),
            }
            for r in sorted(rules, key=lambda r: r.position)
        ]
        self._current = -1
        self._refill(0 if self.rules else -1)
        self.dirty = False

    def names(self) -> list[str]:
        return [r["name"] for r in self.rules]

    # -- the list ---------------------------------------------------------------------

    def _refill(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for i, rule in enumerate(self.rules):
            item = QListWidgetItem(self._item_text(i, rule))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if rule.get("enabled", True) else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._current = -1
        self.list.setCurrentRow(select)
        if select < 0:
            self._select(-1)

    def _item_text(self, i: int, rule: dict[str, Any]) -> str:
        dep = rule.get("actions", {}).get("department")
        target = (
            self.tr("modifier")
            if not dep
            else self.tr("supplier")
            if dep == "@supplier"
            else self.options.department_name(dep)
        )
        return f"{i + 1}. {rule.get('name') or self.tr('(unnamed)')}  →  {target}"

    def _commit(self) -> None:
        """Keep the form's edits in the list before switching rules or saving."""
        if 0 <= self._current < len(self.rules):
            subs = {c.code for c in self.options.categories if c.parent}
            self.rules[self._current] = self.form.rule(subs)

    def _select(self, row: int) -> None:
        self._commit()
        self._current = row
        has = 0 <= row < len(self.rules)
        self.form.setEnabled(has)
        if has:
            self.form.load(self.rules[row])
        for b in (self.delete_button, self.up_button, self.down_button):
            b.setEnabled(has)

    def _form_edited(self) -> None:
        self._commit()
        self.dirty = True
        item = self.list.item(self._current)
        if item is not None:
            self.list.blockSignals(True)
            item.setText(self._item_text(self._current, self.rules[self._current]))
            item.setCheckState(
                Qt.CheckState.Checked
                if self.rules[self._current]["enabled"]
                else Qt.CheckState.Unchecked
            )
            self.list.blockSignals(False)

    def _item_changed(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if 0 <= row < len(self.rules):
            self._commit()
            self.rules[row]["enabled"] = item.checkState() == Qt.CheckState.Checked
            self.dirty = True
            if row == self._current:
                self.form.load(self.rules[row])

    def add_rule(self) -> None:
        self._commit()
        at = self._current + 1 if self._current >= 0 else len(self.rules)
        self.rules.insert(
            at, {"name": self.tr("New rule"), "enabled": True, "conditions": {}, "actions": {}}
        )
        self.dirty = True
        self._refill(at)
        self.form.name.setFocus()
        self.form.name.selectAll()

    def delete_rule(self) -> None:
        row = self._current
        if not 0 <= row < len(self.rules):
            return
        del self.rules[row]
        self.dirty = True
        self._current = -1
        self._refill(min(row, len(self.rules) - 1))

    def move(self, step: int) -> None:
        row = self._current
        target = row + step
        if not (0 <= row < len(self.rules) and 0 <= target < len(self.rules)):
            return
        self._commit()
        self.rules[row], self.rules[target] = self.rules[target], self.rules[row]
        self.dirty = True
        self._current = -1
        self._refill(target)

    # -- saving, import, export -------------------------------------------------------

    def current_rules(self) -> list[routing.Rule]:
        self._commit()
        return [
            routing.Rule(r["name"], r["conditions"], r["actions"], (i + 1) * 10, r["enabled"])
            for i, r in enumerate(self.rules)
        ]

    def save(self) -> None:
        rules = self.current_rules()
        self.notice.say("")
        self._run(rules_admin.save_rules, self.db, rules, on_result=self._saved)

    def _saved(self, _result: object) -> None:
        self.dirty = False
        self.notice.say(self.tr("Saved. New tickets are routed by these rules."), "hint")
        self.saved.emit()

    def export_to(self, path: str) -> None:
        """Write the rules on screen (saved or not) to a rules file."""
        text = routing.dump_rules(self.current_rules())
        self._run(_write, path, text, on_result=lambda _r: self._exported(path))

    def _exported(self, path: str) -> None:
        self.notice.say(self.tr("Exported to %1").replace("%1", path), "hint")

    def import_from(self, path: str) -> None:
        """Replace the stored rules with a rules file (validated before anything changes)."""
        self._run(_import, self.db, path, on_result=self._imported)

    def _imported(self, count: int) -> None:
        self.saved.emit()
        self.reload()
        self.notice.say(self.tr("Imported %1 rules.").replace("%1", str(count)), "hint")

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export routing rules"), "routing-rules.json", self.tr("Rules (*.json)")
        )
        if path:
            self.export_to(path)

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import routing rules"), "", self.tr("Rules (*.json)")
        )
        if path:
            self.import_from(path)
