"""The agent workspace: one search box, the customer list, the customer card.

Everything that touches the database goes through ui.worker, so typing,
scrolling and switching customers never wait on the network. The status bar
says which database is in use (never its password), whether it answers (checked
every 15 s in the background) and who is signed in.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import permissions
from app.auth import CurrentUser
from app.config import Settings
from app.connection import test_connection
from app.sync.changes import Change
from db.engine import Database
from ui import i18n, labels, theme
from ui.about_dialog import AboutDialog
from ui.app_messages import user_line
from ui.customer_detail import CustomerDetailPane
from ui.customer_model import CustomerTableModel
from ui.kpi import workspace as kpi_workspace
from ui.message_dialog import ask
from ui.offline import OfflineMode
from ui.presence import StatusSelector
from ui.settings_dialog import SettingsDialog
from ui.sync import SyncController, watch
from ui.tickets.workspace import TicketWorkspace
from ui.widgets import app_pixmap, make_label, set_style_props
from ui.worker import Task, run_in_background

SEARCH_DELAY_MS = 250
DETAIL_DELAY_MS = 120
CONNECTION_CHECK_MS = 15_000
ROW_HEIGHT = 30
# What the customer card shows besides the customer itself.
CARD_TABLES = ("customers", "contact_points", "tickets", "interactions", "orders", "calls")
CARD_REFRESH_MS = 600
# Name takes what is left; the others have a fixed, adjustable width.
_COLUMN_WIDTHS = {1: 105, 2: 92, 3: 122, 4: 172, 5: 110}


class MainWindow(QMainWindow):
    """The window an agent keeps open all day."""

    def __init__(self, db: Database, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.db = db
        self.user = user
        # Services check the role from here on; on PostgreSQL so does the server.
        permissions.act_as(db, user)
        # A supplier account has no customer directory: only its complaint queue.
        self.sees_customers = permissions.can(user, permissions.Action.VIEW_CUSTOMERS)
        self.online: bool | None = None
        self._offline_reason = ""
        self._check: Task | None = None
        self.setMinimumSize(960, 600)
        self.resize(1280, 800)

        self.model = CustomerTableModel(db)
        # Offline mode (issue #5): outbox replay, directory copy, "offline — N waiting".
        self.offline = OfflineMode(db, self)
        self.offline.changed.connect(self._offline_changed)
        self._build_header()
        self._build_body()
        self._build_status_bar()
        self._build_menus()
        self.tickets = TicketWorkspace(self, self.tabs)
        self.kpi = kpi_workspace.attach(self, self.tabs)  # supervisors and admins only
        self.sync = SyncController(db, self)
        watch(self, ("customers", "contact_points"), self._customers_changed)
        watch(self, CARD_TABLES, self._card_changed, delay_ms=CARD_REFRESH_MS)

        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._search_edited)
        self.detail_timer = QTimer(self, singleShot=True, interval=DETAIL_DELAY_MS)
        self.detail_timer.timeout.connect(self._show_current)
        self.connection_timer = QTimer(self, interval=CONNECTION_CHECK_MS)
        self.connection_timer.timeout.connect(self.check_connection)

        self.model.loading_changed.connect(self._update_count)
        self.model.rows_loaded.connect(self._rows_loaded)
        self.model.load_failed.connect(self._load_failed)
        self.model.modelReset.connect(self._update_count)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)

        self.retranslate()
        if self.sees_customers:
            self.model.reload()
        else:
            self.search.hide()
            self.tabs.removeTab(self.tabs.indexOf(self._customers_tab))
        self.connection_timer.start()
        self.check_connection()
        self.sync.start()
        self.status_selector.start()
        self.search.setFocus()

    # -- construction -----------------------------------------------------------------

    def _build_header(self) -> None:
        header = QFrame()
        header.setObjectName("Header")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(12)
        logo = QLabel()
        logo.setPixmap(app_pixmap(28))
        row.addWidget(logo)
        row.addWidget(make_label("CallDesk", "header-brand"))
        row.addSpacing(16)
        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(420)
        row.addWidget(self.search, 1)
        row.addSpacing(16)
        self.status_selector = StatusSelector(self.db, self.user.id)
        row.addWidget(self.status_selector)
        self.user_badge = make_label("", "header-user")
        row.addWidget(self.user_badge)
        self._header = header

    def _build_body(self) -> None:
        central = QWidget()
        central.setObjectName("Central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._header)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("Workspace")
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(1)

        list_panel = QWidget()
        list_panel.setObjectName("ListPanel")
        panel = QVBoxLayout(list_panel)
        panel.setContentsMargins(14, 12, 8, 12)
        panel.setSpacing(8)
        self.count_label = make_label("", "list-count")
        panel.addWidget(self.count_label)
        self.table = QTableView()
        self.table.setObjectName("CustomerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(False)  # the database orders; sorting a page would lie
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        horizontal = self.table.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        horizontal.setStretchLastSection(False)
        horizontal.setMinimumSectionSize(60)
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setSectionResizeMode(CustomerTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        panel.addWidget(self.table, 1)
        splitter.addWidget(list_panel)

        self.detail = CustomerDetailPane(self.db)
        self.detail.setMinimumWidth(380)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([850, 430])
        # Customers first; the ticket screens add Queues and My work (ui.tickets.workspace).
        self.tabs = QTabWidget()
        self.tabs.setObjectName("MainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(splitter, "")
        self._customers_tab = splitter
        outer.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        self.database_label = make_label(self.db.display_url(), "status", selectable=True)
        self.database_label.setObjectName("StatusDatabase")
        self.connection_label = make_label("", "status")
        self.connection_label.setObjectName("StatusConnection")
        self.user_label = make_label("", "status")
        self.user_label.setObjectName("StatusUser")
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.connection_label)
        bar.addPermanentWidget(self.offline.make_button(self))
        bar.addPermanentWidget(self.user_label)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.settings_action = QAction(self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_group = QActionGroup(self)
        self.light_action = QAction(self, checkable=True)
        self.dark_action = QAction(self, checkable=True)
        for action, name in ((self.light_action, "light"), (self.dark_action, "dark")):
            self.theme_group.addAction(action)
            self.theme_menu.addAction(action)
            action.setChecked(theme.current_theme() == name)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        # Each language is named in itself, so anyone can find their own.
        self.english_action = QAction("English", self, checkable=True)
        self.vietnamese_action = QAction("Tiếng Việt", self, checkable=True)
        for action, code in ((self.english_action, "en"), (self.vietnamese_action, "vi")):
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            action.setChecked(i18n.current_language() == code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("CallDesk — %1").replace("%1", self.user.display_name))
        self.search.setPlaceholderText(
            self.tr("Search name, phone, email, customer or ticket number")
        )
        self.search.setToolTip(self.tr("Ctrl+F to search, Down to move into the list"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        self.light_action.setText(self.tr("&Light"))
        self.dark_action.setText(self.tr("&Dark"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About CallDesk"))
        if self.tabs.indexOf(self._customers_tab) >= 0:
            self.tabs.setTabText(self.tabs.indexOf(self._customers_tab), self.tr("Customers"))
        role = labels.role(self.user.role)
        self.user_badge.setText(f"{self.user.display_name}  ·  {role}")
        self.user_label.setText(
            self.tr("Signed in as %1 (%2)").replace("%1", self.user.username).replace("%2", role)
        )
        self.database_label.setToolTip(self.tr("Database in use"))
        self.model.retranslate()
        self._update_count()
        self._show_connection()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- search and list --------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_edited(self, _text: str) -> None:
        self.search_timer.start()

    def _run_search(self) -> None:
        if self.search.text().strip() != self.model.query:
            self.model.set_query(self.search.text())

    def _rows_loaded(self) -> None:
        self._update_count()
        # A search that finds exactly one customer shows its card straight away.
        if self.model.query and self.model.rowCount() == 1 and not self.model.has_more():
            self.table.selectRow(0)

    def _load_failed(self, message: str) -> None:
        self.count_label.setText(self.tr("The list could not be loaded: %1").replace("%1", message))
        set_style_props(self.count_label, tone="error")

    def _update_count(self, *_args: object) -> None:
        rows = self.model.rowCount()
        if self.model.is_loading() and rows == 0:
            text = self.tr("Searching…")
        elif rows == 0:
            text = (
                self.tr("No customer matches “%1”").replace("%1", self.model.query)
                if self.model.query
                else self.tr("No customers yet")
            )
        elif self.model.has_more():
            text = self.tr("Customers: %1+ (scroll for more)").replace("%1", str(rows))
        else:
            text = self.tr("Customers: %1").replace("%1", str(rows))
        self.count_label.setText(text)
        if self.count_label.property("tone"):
            set_style_props(self.count_label, tone="")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail_timer.start()

    def _show_current(self) -> None:
        row = self.model.row(self.table.currentIndex().row())
        self.detail.show_customer(row.id if row else None)

    # -- other workstations' changes --------------------------------------------------

    def _customers_changed(self, _changes: list[Change]) -> None:
        """Re-read the rows on screen in place; the selection and scroll stay."""
        self.model.refresh()

    def _card_changed(self, changes: list[Change]) -> None:
        shown = self.detail.shown_id
        if shown is None:
            return
        # A customer row change names the customer; the rest (a ticket, a call) may be
        # theirs: the card is re-read, at most once per CARD_REFRESH_MS.
        if any(c.table != "customers" or c.row_id in (None, shown) for c in changes):
            self.detail.show_customer(shown)

    def selected_customer_id(self) -> uuid.UUID | None:
        row = self.model.row(self.table.currentIndex().row())
        return row.id if row else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search:
                if key == Qt.Key.Key_Down and self.model.rowCount() > 0:
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                    if not self.table.currentIndex().isValid():
                        self.table.selectRow(0)
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.search_timer.stop()
                    self._run_search()
                    return True
            elif watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.detail_timer.stop()
                self._show_current()
                return True
        return super().eventFilter(watched, event)

    # -- connection state -------------------------------------------------------------

    def check_connection(self) -> None:
        """Ask the database for its version in the background; updates the status bar."""
        if self._check is not None:
            return
        self._check = run_in_background(
            test_connection, self.db, on_result=self._connected, on_error=self._offline
        )

    def _connected(self, version: str) -> None:
        self._check = None
        came_back = self.online is False
        self.online, self._offline_reason = True, ""
        self.connection_label.setToolTip(version)
        self.offline.check_passed()
        self._show_connection()
        if came_back:
            self._reload_after_outage()

    def _reload_after_outage(self) -> None:
        """What failed to load while the server was away (all of it, after an offline
        start) is loaded now."""
        if self.sees_customers and self.model.error:
            self.model.reload()
        self.tickets.refresh()
        self.status_selector.resume()

    def _offline(self, exc: BaseException) -> None:
        self._check = None
        self.online = False
        self.offline.check_failed(exc)
        self._offline_reason = user_line(str(exc))
        self.connection_label.setToolTip(self._offline_reason)
        self._show_connection()

    def _show_connection(self) -> None:
        if self.online is None:
            text, tone = self.tr("Checking the connection…"), "neutral"
        elif self.online:
            text, tone = "● " + self.tr("Connected"), "ok"
        else:
            reason = self._offline_reason
            short = reason if len(reason) <= 70 else reason[:69] + "…"
            text, tone = "● " + self.tr("Offline — %1").replace("%1", short), "error"
        if self.offline.status_text():  # offline mode: say what waits, not only why
            text = "● " + self.offline.status_text()
            tone = "error" if not self.offline.online else "neutral"
        self.connection_label.setText(text)
        set_style_props(self.connection_label, tone=tone)

    def _offline_changed(self) -> None:
        """A connection error in any task, or the replay's end (issue #5)."""
        if not self.offline.online:
            self.online, self._offline_reason = False, self.offline.reason
            self.connection_label.setToolTip(self.offline.reason)
        elif self.online is False and not self.offline.waiting:
            self.online = True
        self._show_connection()

    # -- menus ------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        name = theme.apply_theme(name)
        settings = Settings.load()
        settings.theme = name
        settings.save()
        (self.dark_action if name == "dark" else self.light_action).setChecked(True)

    def set_language(self, code: str) -> None:
        code = i18n.set_language(code)
        settings = Settings.load()
        settings.language = code
        settings.save()
        (self.vietnamese_action if code == "vi" else self.english_action).setChecked(True)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self)
        if dialog.exec():
            ask(
                self,
                self.tr("Settings saved"),
                self.tr(
                    "The new database settings are used the next time CallDesk starts: "
                    "restart it to reconnect."
                ),
                [("ok", self.tr("OK"))],
                level="info",
            )

    def show_about(self) -> None:
        AboutDialog(self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        for timer in (self.search_timer, self.detail_timer, self.connection_timer):
            timer.stop()
        self.offline.close()
        self.sync.stop()
        self.status_selector.stop()
        super().closeEvent(event)
