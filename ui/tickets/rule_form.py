"""The edit form for one routing rule: its conditions and its actions.

Lists of codes and words are typed comma-separated (as an administrator would write
them in the rules file); closed vocabularies (tiers, channels, kinds) are check boxes.
The form reads and writes plain dicts in app.routing's rule format.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.ticket_options import TicketOptions
from db.enums import Channel, TicketKind, Tier
from ui import labels
from ui.tickets.forms import fill_combo, split_list
from ui.widgets import make_label


class _Checks(QWidget):
    """A row of check boxes for a closed vocabulary."""

    def __init__(self, codes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.boxes = {code: QCheckBox() for code in codes}
        for box in self.boxes.values():
            row.addWidget(box)
        row.addStretch(1)

    def relabel(self, label: Any) -> None:
        for code, box in self.boxes.items():
            box.setText(label(code))

    def values(self) -> list[str]:
        return [c for c, b in self.boxes.items() if b.isChecked()]

    def set_values(self, values: list[str]) -> None:
        for c, b in self.boxes.items():
            b.setChecked(c in values)


class RuleForm(QWidget):
    """Edits one rule; `edited` fires on any change so the list can show the new name."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = TicketOptions()
        self._loading = False
        self.name = QLineEdit()
        self.name.setObjectName("rule_name")
        self.enabled = QCheckBox()
        self.enabled.setObjectName("rule_enabled")
        self.categories = QLineEdit()
        self.categories.setObjectName("categories")
        self.keywords = QLineEdit()
        self.keywords.setObjectName("keywords")
        self.tiers = _Checks([str(t) for t in Tier])
        self.channels = _Checks([str(c) for c in Channel])
        self.kinds = _Checks([str(k) for k in TicketKind])
        self.suppliers = QLineEdit()
        self.suppliers.setObjectName("suppliers")
        self.products = QLineEdit()
        self.products.setObjectName("products")
        self.hours_on = QCheckBox()
        self.hours_from = QTimeEdit()
        self.hours_to = QTimeEdit()
        for t in (self.hours_from, self.hours_to):
            t.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.hours_on)
        hours.addWidget(self.hours_from)
        self.hours_dash = make_label("–", "muted")
        hours.addWidget(self.hours_dash)
        hours.addWidget(self.hours_to)
        hours.addStretch(1)
        self.department = QComboBox()
        self.department.setObjectName("rule_department")
        self.sla = QComboBox()
        self.sla.setObjectName("rule_sla")
        self.priority = QComboBox()
        self.priority.setObjectName("rule_priority")
        self.assign = QComboBox()
        self.assign.setObjectName("rule_assign")
        self.assign.setEditable(True)
        self.tags = QLineEdit()
        self.tags.setObjectName("tags")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        top = QFormLayout()
        self.name_label, self.enabled_label = make_label("", "field"), make_label("", "field")
        top.addRow(self.name_label, self.name)
        top.addRow(self.enabled_label, self.enabled)
        layout.addLayout(top)
        self.when = QGroupBox()
        when = QFormLayout(self.when)
        when.setVerticalSpacing(8)
        self._when_labels = [make_label("", "field") for _ in range(8)]
        for label, widget in zip(
            self._when_labels,
            (
                self.categories,
                self.keywords,
                self.tiers,
                self.channels,
                self.kinds,
                self.suppliers,
                self.products,
                hours,
            ),
            strict=True,
        ):
            when.addRow(label, widget)
        layout.addWidget(self.when)
        self.then = QGroupBox()
        then = QFormLayout(self.then)
        then.setVerticalSpacing(8)
        self._then_labels = [make_label("", "field") for _ in range(5)]
        for label, widget in zip(
            self._then_labels,
            (self.department, self.sla, self.priority, self.assign, self.tags),
            strict=True,
        ):
            then.addRow(label, widget)
        layout.addWidget(self.then)
        layout.addStretch(1)

        for line in (
            self.name,
            self.categories,
            self.keywords,
            self.suppliers,
            self.products,
            self.tags,
        ):
            line.textEdited.connect(self._changed)
        for combo in (self.department, self.sla, self.priority, self.assign):
            combo.currentIndexChanged.connect(self._changed)
        self.assign.editTextChanged.connect(self._changed)
        for box in (
            self.enabled,
            self.hours_on,
            *self.tiers.boxes.values(),
            *self.channels.boxes.values(),
            *self.kinds.boxes.values(),
        ):
            box.toggled.connect(self._changed)
        self.hours_on.toggled.connect(self._hours_toggled)
        self.retranslate()

    def retranslate(self) -> None:
        self.name_label.setText(self.tr("Name"))
        self.enabled_label.setText(self.tr("Enabled"))
        self.enabled.setText(self.tr("Used for routing"))
        self.when.setTitle(self.tr("When (all given conditions must hold)"))
        self.then.setTitle(self.tr("Then"))
        for label, text in zip(
            self._when_labels,
            (
                self.tr("Categories"),
                self.tr("Keywords"),
                self.tr("Customer tiers"),
                self.tr("Channels"),
                self.tr("Kinds"),
                self.tr("Suppliers"),
                self.tr("Products"),
                self.tr("Hours"),
            ),
            strict=True,
        ):
            label.setText(text)
        for label, text in zip(
            self._then_labels,
            (
                self.tr("Department"),
                self.tr("SLA policy"),
                self.tr("Priority"),
                self.tr("Assignment"),
                self.tr("Tags"),
            ),
            strict=True,
        ):
            label.setText(text)
        codes = ", ".join(c.code for c in self.options.categories)
        self.categories.setPlaceholderText(self.tr("Category codes, comma-separated"))
        self.categories.setToolTip(self.tr("Known: %1").replace("%1", codes or "—"))
        self.keywords.setPlaceholderText(
            self.tr("Words in the text, e.g. giao hang, late (used when no category is chosen)")
        )
        self.suppliers.setPlaceholderText(self.tr("Supplier department codes, or * for any"))
        self.products.setPlaceholderText(self.tr("Words in the product name"))
        self.hours_on.setText(self.tr("Only between"))
        self.tags.setPlaceholderText(self.tr("Tags, comma-separated"))
        self.tiers.relabel(labels.tier)
        self.channels.relabel(labels.channel)
        self.kinds.relabel(labels.ticket_kind)
        self._fill_choices()

    def set_options(self, options: TicketOptions) -> None:
        self.options = options
        self.retranslate()

    def _fill_choices(self) -> None:
        loading, self._loading = self._loading, True
        fill_combo(
            self.department,
            [
                (self.tr("— none: a modifier, routing goes on —"), ""),
                *((f"{d.name} ({d.code})", d.code) for d in self.options.departments),
                (self.tr("The supplier named in the complaint"), "@supplier"),
            ],
        )
        fill_combo(
            self.sla,
            [(self.tr("— keep —"), ""), *((p, p) for p in self.options.policies)],
        )
        fill_combo(
            self.priority,
            [
                (self.tr("— keep —"), ""),
                *((labels.priority(p), p) for p in ("low", "normal", "high", "urgent")),
            ],
        )
        current = self.assign.currentText()
        fill_combo(
            self.assign,
            [
                (self.tr("— nobody —"), ""),
                (self.tr("Round robin among available members"), "round_robin"),
                (self.tr("Least loaded available member"), "least_loaded"),
                *((u.username, u.username) for u in self.options.users),
            ],
        )
        if current and self.assign.findText(current) < 0:
            self.assign.setEditText(current)
        self._loading = loading

    def _hours_toggled(self, on: bool) -> None:
        self.hours_from.setEnabled(on)
        self.hours_to.setEnabled(on)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    # -- reading and writing ------------------------------------------------------------

    def load(self, rule: dict[str, Any]) -> None:
        self._loading = True
        c, a = rule.get("conditions", {}), rule.get("actions", {})
        self.name.setText(rule.get("name", ""))
        self.enabled.setChecked(bool(rule.get("enabled", True)))
        self.categories.setText(", ".join([*c.get("categories", []), *c.get("subcategories", [])]))
        self.keywords.setText(", ".join(c.get("keywords", [])))
        self.tiers.set_values(list(c.get("tiers", [])))
        self.channels.set_values(list(c.get("channels", [])))
        self.kinds.set_values(list(c.get("kinds", [])))
        self.suppliers.setText(", ".join(c.get("suppliers", [])))
        self.products.setText(", ".join(c.get("products", [])))
        hours = c.get("hours")
        self.hours_on.setChecked(bool(hours))
        self.hours_from.setTime(QTime.fromString((hours or {}).get("from", "08:00"), "HH:mm"))
        self.hours_to.setTime(QTime.fromString((hours or {}).get("to", "17:00"), "HH:mm"))
        self._hours_toggled(bool(hours))
        self._select(self.department, a.get("department", ""))
        self._select(self.sla, a.get("sla_policy", ""))
        self._select(self.priority, a.get("priority", ""))
        assign = a.get("assign", "") or ""
        index = self.assign.findData(assign)
        if index >= 0:
            self.assign.setCurrentIndex(index)
        else:
            self.assign.setEditText(assign)
        self.tags.setText(", ".join(a.get("tags", [])))
        self._loading = False

    def _select(self, combo: QComboBox, code: str) -> None:
        index = combo.findData(code or "")
        if index < 0:  # a code the database no longer knows: keep it visible, Save says why
            combo.addItem(code, code)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def rule(self, subcategories: set[str]) -> dict[str, Any]:
        """The rule as app.routing stores it (empty conditions and actions left out)."""
        cats = split_list(self.categories.text())
        conditions: dict[str, Any] = {
            "categories": [c for c in cats if c not in subcategories],
            "subcategories": [c for c in cats if c in subcategories],
            "keywords": split_list(self.keywords.text()),
            "tiers": self.tiers.values(),
            "channels": self.channels.values(),
            "kinds": self.kinds.values(),
            "suppliers": split_list(self.suppliers.text()),
            "products": split_list(self.products.text()),
        }
        if self.hours_on.isChecked():
            conditions["hours"] = {
                "from": self.hours_from.time().toString("HH:mm"),
                "to": self.hours_to.time().toString("HH:mm"),
            }
        assign = self.assign.currentData()
        if assign is None or self.assign.currentText() != self.assign.itemText(
            self.assign.currentIndex()
        ):
            assign = self.assign.currentText().strip()
        actions: dict[str, Any] = {
            "department": self.department.currentData() or None,
            "sla_policy": self.sla.currentData() or None,
            "priority": self.priority.currentData() or None,
            "assign": assign or None,
            "tags": split_list(self.tags.text()),
        }
        return {
            "name": self.name.text().strip(),
            "enabled": self.enabled.isChecked(),
            "conditions": {k: v for k, v in conditions.items() if v},
            "actions": {k: v for k, v in actions.items() if v},
        }
