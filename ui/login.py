"""The login dialog, which on a fresh database becomes "Create the administrator".

Authentication hashes with scrypt (slow on purpose), so it runs in the
background; a wrong password shows inline and the dialog stays open.

It is CallDesk's first window: it opens without a database (`LoginDialog(None)`)
before SQLAlchemy is even imported, so the user types while the database is being
prepared; `set_database` hands it over. Sign in pressed before that waits, saying
"Connecting…", and goes on by itself once the database is there.

When the central database cannot be reached, someone who signed in on this
workstation before signs in against the local verifier (app.offline_login) and the
window starts offline (`offline` is True then); anyone else is told why they cannot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.errors import UserError
from ui.app_messages import user_text
from ui.widgets import app_pixmap, centre, grow_to_fit, make_label, make_selectable
from ui.worker import run_in_background

if TYPE_CHECKING:
    from app.auth import CurrentUser
    from app.offline_login import Availability, SignIn
    from db.engine import Database

MIN_PASSWORD = 6


class LoginDialog(QDialog):
    """Accepted with `user` set once someone signed in (or created the first admin)."""

    PAGE_WAIT, PAGE_LOGIN, PAGE_CREATE = 0, 1, 2

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self.db = db
        self.user: CurrentUser | None = None
        self.offline = False  # signed in against the local verifier: the server is away
        self._server_away = ""  # why, while the login page offers an offline sign-in
        self._busy = False
        self._ready = False  # the database answered whether it has accounts
        self._waiting = False  # Sign in was pressed before the database was ready
        self.setMinimumSize(440, 420)
        self.resize(440, 440)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 30, 36, 22)
        outer.setSpacing(6)

        logo = QLabel()
        logo.setPixmap(app_pixmap(64))
        centre(logo)
        outer.addWidget(logo)
        self.brand = make_label("CallDesk", "brand")
        centre(self.brand)
        outer.addWidget(self.brand)
        self.subtitle = make_label("", "subtitle", wrap=True)
        centre(self.subtitle)
        outer.addWidget(self.subtitle)
        self.offline_notice = make_label("", "hint", wrap=True)
        self.offline_notice.setObjectName("LoginOfflineNotice")
        self.offline_notice.hide()
        outer.addWidget(self.offline_notice)
        outer.addSpacing(14)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_wait_page())
        self.pages.addWidget(self._build_login_page())
        self.pages.addWidget(self._build_create_page())
        outer.addWidget(self.pages, 1)

        self.error = make_label("", "error", wrap=True)
        self.error.setObjectName("LoginError")
        self.error.hide()
        outer.addWidget(self.error)

        self.submit = QPushButton()
        self.submit.setObjectName("LoginSubmit")
        self.submit.setProperty("role", "primary")
        self.submit.setDefault(True)
        self.submit.setAutoDefault(True)
        self.submit.setMinimumHeight(36)
        self.submit.clicked.connect(self._submit)
        outer.addWidget(self.submit)

        # Selectable (to copy the address) once there is one: set_database.
        self.database_label = make_label("", "muted-small", wrap=True)
        centre(self.database_label)
        outer.addSpacing(6)
        outer.addWidget(self.database_label)

        self.username.setText(Settings.load().last_username)
        if db is None:
            self._show_page(self.PAGE_LOGIN)  # type now; the database follows
        else:
            self._show_page(self.PAGE_WAIT)
            self.set_database(db)

    def set_database(self, db: Database) -> None:
        """The database is ready: ask it whether anyone can sign in yet (or, while it
        cannot be reached, whether anyone can sign in offline here)."""
        from app import offline_login

        self.db = db
        self.database_label.setText(db.display_url())
        make_selectable(self.database_label)
        run_in_background(
            offline_login.availability, db, on_result=self._got_availability, on_error=self._failed
        )

    # -- layout -----------------------------------------------------------------------

    def _build_wait_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.wait_label = make_label("", "muted")
        centre(self.wait_label)
        layout.addWidget(self.wait_label)
        layout.addStretch(1)
        return page

    def _build_login_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.username = QLineEdit()
        self.username.setObjectName("LoginUsername")
        self.password = QLineEdit()
        self.password.setObjectName("LoginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label = QLabel()
        self.password_label = QLabel()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        for edit in (self.username, self.password):
            edit.returnPressed.connect(self._submit)
        return page

    def _build_create_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.create_intro = make_label("", "hint", wrap=True)
        layout.addWidget(self.create_intro)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.new_username = QLineEdit()
        self.new_username.setObjectName("CreateUsername")
        self.new_password = QLineEdit()
        self.new_password.setObjectName("CreatePassword")
        self.confirm_password = QLineEdit()
        self.confirm_password.setObjectName("CreateConfirm")
        for edit in (self.new_password, self.confirm_password):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_username_label = QLabel()
        self.new_password_label = QLabel()
        self.confirm_label = QLabel()
        form.addRow(self.new_username_label, self.new_username)
        form.addRow(self.new_password_label, self.new_password)
        form.addRow(self.confirm_label, self.confirm_password)
        layout.addLayout(form)
        layout.addStretch(1)
        for edit in (self.new_username, self.new_password, self.confirm_password):
            edit.returnPressed.connect(self._submit)
        return page

    def retranslate(self) -> None:
        creating = self.pages.currentIndex() == self.PAGE_CREATE
        self.setWindowTitle(
            self.tr("CallDesk — create the administrator")
            if creating
            else self.tr("CallDesk — sign in")
        )
        self.subtitle.setText(
            self.tr("First start: create the administrator account")
            if creating
            else self.tr("Sign in to your workstation")
        )
        self.wait_label.setText(self.tr("Connecting to the database…"))
        self.offline_notice.setText(
            self.tr(
                "The server cannot be reached. If you have signed in on this workstation "
                "before, you can sign in and work offline: your changes are sent when the "
                "server is back."
            )
        )
        self.username_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.create_intro.setText(
            self.tr(
                "This database has no accounts yet. The account you create now is the "
                "administrator: it manages users, departments and settings."
            )
        )
        self.new_username_label.setText(self.tr("Administrator user name"))
        self.new_password_label.setText(self.tr("Password (at least 6 characters)"))
        self.confirm_label.setText(self.tr("Confirm the password"))
        self.username.setPlaceholderText(self.tr("e.g. lan.nguyen"))
        self.new_username.setPlaceholderText(self.tr("e.g. admin"))
        if self._waiting:
            self.submit.setText(self.tr("Connecting…"))
        elif self._busy:
            self.submit.setText(
                self.tr("Creating the account…") if creating else self.tr("Signing in…")
            )
        else:
            self.submit.setText(
                self.tr("Create the administrator") if creating else self.tr("Sign in")
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            grow_to_fit(self)
        super().changeEvent(event)

    # -- state ------------------------------------------------------------------------

    def _show_page(self, page: int) -> None:
        # Only the visible page counts for the size, so the login form is not as tall
        # as the (longer) administrator form.
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            policy = QSizePolicy.Policy.Preferred if index == page else QSizePolicy.Policy.Ignored
            if widget is not None:
                widget.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(page)
        self.submit.setEnabled(page != self.PAGE_WAIT)
        self.retranslate()
        grow_to_fit(self)
        if page == self.PAGE_LOGIN:
            (self.password if self.username.text() else self.username).setFocus()
        elif page == self.PAGE_CREATE:
            self.new_username.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.pages.setEnabled(not busy)
        self.submit.setEnabled(not busy)
        self.retranslate()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        grow_to_fit(self)

    def _got_availability(self, found: Availability) -> None:
        self._server_away = found.reason if found.offline else ""
        self._show_server_state()
        self._got_has_users(found.has_users)

    def _show_server_state(self) -> None:
        self.offline_notice.setVisible(bool(self._server_away))
        self.offline_notice.setToolTip(self._server_away)
        grow_to_fit(self)

    def _got_has_users(self, has_users: bool) -> None:
        self._ready = True
        waiting, self._waiting = self._waiting, False
        if waiting:
            self._set_busy(False)
        if not has_users:
            # First run: whoever typed a name on the sign-in page becomes the admin.
            if not self.new_username.text():
                self.new_username.setText(self.username.text().strip())
            self._show_page(self.PAGE_CREATE)
        elif self.pages.currentIndex() != self.PAGE_LOGIN:
            self._show_page(self.PAGE_LOGIN)
        elif waiting:
            self._login()

    def _failed(self, exc: BaseException) -> None:
        self._waiting = False
        self._set_busy(False)
        self.show_error(user_text(exc) if isinstance(exc, UserError) else self._db_error(exc))

    def _db_error(self, exc: BaseException) -> str:
        from app.connection import describe_db_error

        assert self.db is not None
        return self.tr("The database did not answer: %1").replace(
            "%1", user_text(describe_db_error(exc, self.db))
        )

    # -- actions ----------------------------------------------------------------------

    def _submit(self) -> None:
        if self._busy or self.pages.currentIndex() == self.PAGE_WAIT:
            return
        if self.pages.currentIndex() == self.PAGE_LOGIN:
            if not self._ready:
                self._wait_for_database()
            else:
                self._login()
        else:
            self._create_admin()

    def _wait_for_database(self) -> None:
        if not self.username.text().strip() or not self.password.text():
            self.show_error(self.tr("Enter your user name and password."))
            return
        self.show_error("")
        self._waiting = True
        self._set_busy(True)

    def _login(self) -> None:
        from app import offline_login

        name, password = self.username.text().strip(), self.password.text()
        if not name or not password:
            self.show_error(self.tr("Enter your user name and password."))
            return
        self.show_error("")
        self._set_busy(True)
        assert self.db is not None  # only reached once the database is ready
        run_in_background(
            offline_login.sign_in,
            self.db,
            name,
            password,
            on_result=self._signed_in_somewhere,
            on_error=self._login_failed,
        )

    def _signed_in_somewhere(self, result: SignIn) -> None:
        self.offline = result.offline
        self._signed_in(result.user)

    def _login_failed(self, exc: BaseException) -> None:
        from app.offline_login import OfflineUnknownUser

        self._set_busy(False)
        if isinstance(exc, OfflineUnknownUser):
            self._server_away = self._server_away or str(exc)
            self._show_server_state()
            self.show_error(
                self.tr(
                    "The server cannot be reached, and “%1” has not signed in on this "
                    "workstation recently: signing in needs the server this time."
                ).replace("%1", self.username.text().strip())
            )
        elif isinstance(exc, UserError):
            self.show_error(self.tr("Wrong user name or password."))
            self.password.clear()
            self.password.setFocus()
        else:
            self.show_error(self._db_error(exc))

    def _create_admin(self) -> None:
        from app import auth

        name = self.new_username.text().strip()
        password, confirm = self.new_password.text(), self.confirm_password.text()
        if not name:
            self.show_error(self.tr("Choose a user name for the administrator."))
            return
        if len(password) < MIN_PASSWORD:
            self.show_error(self.tr("The password must have at least 6 characters."))
            return
        if password != confirm:
            self.show_error(self.tr("The two passwords differ."))
            self.confirm_password.clear()
            self.confirm_password.setFocus()
            return
        self.show_error("")
        self._set_busy(True)
        assert self.db is not None  # only reached once the database is ready
        run_in_background(
            auth.create_first_admin,
            self.db,
            name,
            password,
            on_result=self._signed_in,
            on_error=self._failed,
        )

    def _signed_in(self, user: CurrentUser) -> None:
        self._busy = False
        self.user = user
        settings = Settings.load()
        settings.last_username = user.username
        settings.save()
        self.accept()
