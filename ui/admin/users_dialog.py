"""Administration › Users: create users, set role and department, activate or
deactivate, reset a password. Administrators only (app.users refuses anyone else);
every change is in the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import users
from app.users import DepartmentChoice, UserRow
from db.engine import Database
from db.enums import Role
from ui import labels
from ui.list_window import read_only_table
from ui.paged_model import Index, first_line
from ui.tickets.forms import Banner, ErrorLine, button_row, fill_combo, primary, select_data
from ui.widgets import make_label
from ui.worker import Task, run_in_background


def _load(db: Database) -> tuple[list[UserRow], list[DepartmentChoice]]:
    return users.list_users(db), users.departments(db)


class UsersTableModel(QAbstractTableModel):
    """Columns: user name, display name, role, department, status. Staff lists are
    hundreds of rows, loaded at once in the background."""

    USERNAME, NAME, ROLE, DEPARTMENT, STATUS = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[UserRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def set_rows(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("User name"),
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Department"),
            self.tr("Status"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        u = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                u.username,
                u.display_name,
                labels.role(u.role),
                u.department or "",
                self.tr("Active") if u.active else self.tr("Deactivated"),
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not u.active:
            return Qt.GlobalColor.gray
        return None


class UsersDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UsersDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(1000, 600)
        self.db = db
        self.model = UsersTableModel(self)
        self.departments: list[DepartmentChoice] = []
        self.editing: UserRow | None = None
        self._task: Task | None = None
        self._then: Callable[[Any], object] | None = None  # what the running task's result is for
        self._saved_message = ""

        self.title = make_label("", "dialog-title")
        self.table = read_only_table(
            self.model,
            "UsersTable",
            UsersTableModel.NAME,
            resize=QHeaderView.ResizeMode.ResizeToContents,
        )

        self.form_box = QGroupBox()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.extension = QLineEdit()
        self.extension.setObjectName("extension")
        self.active = QCheckBox()
        self.active.setObjectName("active")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("reset_password")
        self._captions = [make_label("", "field") for _ in range(6)]
        form = QFormLayout(self.form_box)
        form.setVerticalSpacing(8)
        pw = QHBoxLayout()
        pw.addWidget(self.password, 1)
        pw.addWidget(self.reset_button)
        for caption, field in zip(
            self._captions,
            (self.username, self.display_name, self.role, self.department, self.extension),
            strict=False,
        ):
            form.addRow(caption, field)
        form.addRow("", self.active)
        form.addRow(self._captions[5], pw)

        self.new_button = QPushButton()
        self.new_button.setObjectName("new_user")
        self.save_button = primary(QPushButton())
        self.save_button.setObjectName("save_user")
        self.close_button = QPushButton()
        self.error = ErrorLine()
        self.notice = Banner()

        right = QVBoxLayout()
        right.addWidget(self.form_box)
        right.addWidget(self.error)
        right.addWidget(self.notice)
        right.addStretch(1)
        right.addLayout(button_row(self.new_button, self.save_button))
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addLayout(button_row(self.close_button))

        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.new_button.clicked.connect(self.new_user)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset_password)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()
        self.new_user()
        self.reload()

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Users"))
        self.title.setText(self.tr("Users, roles and departments"))
        for caption, text in zip(
            self._captions,
            (
                self.tr("User name"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Department"),
                self.tr("Extension"),
                self.tr("Password"),
            ),
            strict=True,
        ):
            caption.setText(text)
        fill_combo(self.role, ((labels.role(r), str(r)) for r in Role))
        self._fill_departments()
        self.active.setText(self.tr("Active (may sign in)"))
        self.reset_button.setText(self.tr("Reset password"))
        self.new_button.setText(self.tr("New user"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self._form_title()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_departments(self) -> None:
        fill_combo(
            self.department,
            [(self.tr("— none —"), "")]
            + [(f"{d.name} ({d.code})", d.code) for d in self.departments],
        )

    def _form_title(self) -> None:
        if self.editing is None:
            self.form_box.setTitle(self.tr("New user"))
            self.password.setPlaceholderText(self.tr("At least 6 characters"))
        else:
            self.form_box.setTitle(self.tr("Edit %1").replace("%1", self.editing.username))
            self.password.setPlaceholderText(self.tr("New password"))
        self.reset_button.setVisible(self.editing is not None)
        self.username.setReadOnly(self.editing is not None)

    # -- loading ----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        self._run(_load, self.db, on_result=lambda r: self._loaded(r, select))

    def is_busy(self) -> bool:
        return self._task is not None

    def _loaded(
        self, result: tuple[list[UserRow], list[DepartmentChoice]], select: str | None
    ) -> None:
        rows, self.departments = result
        self._fill_departments()
        self.model.set_rows(rows)
        if select is not None:
            for i, row in enumerate(rows):
                if row.username == select:
                    self.table.selectRow(i)
        if self._saved_message:  # said after the reselection, which clears the form's notes
            self.notice.say(self._saved_message, "hint")
            self._saved_message = ""

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.row() >= len(self.model.rows):
            return
        u = self.model.rows[current.row()]
        self.editing = u
        self.username.setText(u.username)
        self.display_name.setText(u.display_name)
        select_data(self.role, u.role)
        select_data(self.department, u.department or "")
        self.extension.setText(u.extension or "")
        self.active.setChecked(u.active)
        self.password.clear()
        self.error.show_error("")
        self.notice.say("")
        self._form_title()

    def _role_changed(self) -> None:
        needs = self.role.currentData() in (Role.DEPARTMENT, Role.SUPPLIER)
        self.department.setToolTip(
            self.tr("Department staff and supplier accounts need a department") if needs else ""
        )

    # -- actions ----------------------------------------------------------------------

    def new_user(self) -> None:
        self.table.clearSelection()
        self.editing = None
        for line in (self.username, self.display_name, self.extension, self.password):
            line.clear()
        select_data(self.role, str(Role.AGENT))
        select_data(self.department, "")
        self.active.setChecked(True)
        self.error.show_error("")
        self._form_title()
        self.username.setFocus()

    def save(self) -> None:
        role = str(self.role.currentData())
        dep = str(self.department.currentData() or "")
        if self.editing is None:
            self._run(
                users.create,
                self.db,
                self.username.text(),
                self.password.text(),
                self.display_name.text(),
                role,
                dep or None,
                self.extension.text().strip() or None,
                on_result=lambda row: self._saved(row, self.tr("User %1 created")),
            )
        else:
            self._run(
                users.update,
                self.db,
                self.editing.id,
                display_name=self.display_name.text(),
                role=role,
                department=dep,
                extension=self.extension.text().strip(),
                active=self.active.isChecked(),
                expected_version=self.editing.version,
                on_result=lambda row: self._saved(row, self.tr("User %1 saved")),
            )

    def reset_password(self) -> None:
        if self.editing is None:
            return
        name = self.editing.username
        self._run(
            users.reset_password,
            self.db,
            self.editing.id,
            self.password.text(),
            on_result=lambda _r: self._password_reset(name),
        )

    def _saved(self, row: UserRow, message: str) -> None:
        self.password.clear()
        self._saved_message = message.replace("%1", row.username)
        self.reload(select=row.username)

    def _password_reset(self, username: str) -> None:
        self.password.clear()
        self.notice.say(self.tr("Password of %1 reset").replace("%1", username), "hint")

    def _run(self, fn: Any, *args: Any, on_result: Any, **kwargs: Any) -> None:
        if self._task is not None:
            return
        self.error.show_error("")
        self.notice.say("")
        self.save_button.setEnabled(False)
        self._then = on_result
        # Bound methods, not closures: ui.worker skips a bound method of a window already
        # closed (this dialog deletes itself on close), but would call a closure into it.
        self._task = run_in_background(
            fn, *args, on_result=self._done, on_error=self._failed, **kwargs
        )

    def _done(self, result: Any) -> None:
        self._task = None
        self.save_button.setEnabled(True)
        then, self._then = self._then, None
        if then is not None:
            then(result)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._then = None
        self.save_button.setEnabled(True)
        self.error.show_error(first_line(exc))
