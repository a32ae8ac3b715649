"""Plugs the ticket screens into the main window: the Queues and My work tabs, the
Tickets and Administration menus with their shortcuts, the customer card's buttons,
and the escalation timer.

Kept out of ui/main_window.py so the window only has to create it; everything it
adds follows language switches through an event filter on the window.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSystemTrayIcon, QTabWidget, QWidget

from app import permissions
from app.permissions import Action
from app.sync.changes import Change
from app.tickets import format_number
from db.enums import Role, TicketKind
from ui.sync import watch
from ui.tickets import actions
from ui.tickets.bus import bus
from ui.tickets.escalation import Escalator
from ui.tickets.queue_panel import MyWorkPanel, QueuesPanel
from ui.widgets import app_icon

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ADMIN_ROLES = (Role.ADMIN, Role.SUPERVISOR)
REFRESH_DELAY_MS = 150
BREACH_MESSAGE_MS = 20_000


class TicketWorkspace(QObject):
    """Owned by the main window; `queues`, `my_work` and `escalator` are its parts."""

    def __init__(self, window: MainWindow, tabs: QTabWidget) -> None:
        super().__init__(window)
        self.window, self.tabs = window, tabs
        self.db, self.user = window.db, window.user
        self.is_supervisor = self.user.role in ADMIN_ROLES
        self.tray: QSystemTrayIcon | None = None

        self.queues = QueuesPanel(self.db, self.user)
        self.my_work = MyWorkPanel(self.db, self.user)
        tabs.addTab(self.queues, "")
        tabs.addTab(self.my_work, "")
        self._shown: set[QWidget] = set()
        tabs.currentChanged.connect(self._tab_changed)
        self.queues.openTicket.connect(self.open_ticket)
        self.my_work.openTicket.connect(self.open_ticket)

        self._build_menus()
        self.refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        bus().ticketChanged.connect(self._ticket_changed)
        bus().interactionLogged.connect(self._interaction_logged)
        # Other workstations' ticket changes: re-read the list on screen in place.
        watch(self, ("tickets", "departments", "users"), self._tickets_changed, delay_ms=250)

        detail = window.detail
        for name, slot in (
            ("logInteractionRequested", self.log_interaction),
            ("newTicketRequested", self._card_new_ticket),
            ("openTicketRequested", self.open_ticket),
        ):
            signal = getattr(detail, name, None)
            if signal is not None:
                signal.connect(slot)

        self.escalator = Escalator(self.db, self)
        self.escalator.breached.connect(self._breached)
        # Clients of department staff and suppliers see only their own desk (and under
        # PostgreSQL's row-level security, only escalate it): they leave the shared
        # escalation to agents' and supervisors' clients.
        if permissions.can(self.user, Action.ESCALATE):
            self.escalator.start()
        window.installEventFilter(self)
        self.retranslate()

    # -- construction -----------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        before = self.window.help_menu.menuAction()
        self.menu = bar.addMenu("")
        bar.insertMenu(before, self.menu)
        self.log_action = QAction(self.window)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.triggered.connect(lambda: self.log_interaction(self.customer_id(), ""))
        self.new_action = QAction(self.window)
        self.new_action.setShortcut(QKeySequence("Ctrl+T"))
        self.new_action.triggered.connect(lambda: self.new_ticket(TicketKind.INQUIRY))
        self.complaint_action = QAction(self.window)
        self.complaint_action.setShortcut(QKeySequence("Ctrl+K"))
        self.complaint_action.triggered.connect(lambda: self.new_ticket(TicketKind.COMPLAINT))
        self.refresh_action = QAction(self.window)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        for action in (self.log_action, self.new_action, self.complaint_action):
            self.menu.addAction(action)
            self.window.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.refresh_action)
        self.window.addAction(self.refresh_action)

        self.admin_menu = bar.addMenu("")
        bar.insertMenu(before, self.admin_menu)
        self.rules_action = QAction(self.window)
        self.rules_action.triggered.connect(self.open_rules)
        self.sla_action = QAction(self.window)
        self.sla_action.triggered.connect(self.open_sla)
        self.users_action = QAction(self.window)
        self.users_action.setObjectName("users_action")
        self.users_action.triggered.connect(self.open_users)
        self.audit_action = QAction(self.window)
        self.audit_action.setObjectName("audit_action")
        self.audit_action.triggered.connect(self.open_audit)
        self.admin_menu.addAction(self.rules_action)
        self.admin_menu.addAction(self.sla_action)
        self.admin_menu.addSeparator()
        self.admin_menu.addAction(self.users_action)
        self.admin_menu.addAction(self.audit_action)
        # Each role sees only the actions it may use (app/permissions.py).
        may = permissions.allowed(self.user, Action)
        for action, needs in (
            (self.log_action, Action.LOG_INTERACTION),
            (self.new_action, Action.CREATE_TICKET),
            (self.complaint_action, Action.CREATE_TICKET),
            (self.rules_action, Action.ADMIN_RULES),
            (self.sla_action, Action.ADMIN_SLA),
            (self.users_action, Action.MANAGE_USERS),
            (self.audit_action, Action.VIEW_AUDIT),
        ):
            action.setVisible(needs in may)
            action.setEnabled(needs in may)
        admin = {Action.ADMIN_RULES, Action.ADMIN_SLA, Action.MANAGE_USERS, Action.VIEW_AUDIT}
        self.admin_menu.menuAction().setVisible(bool(admin & may))

    def retranslate(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.queues), self.tr("Queues"))
        self.tabs.setTabText(self.tabs.indexOf(self.my_work), self.tr("My work"))
        self.menu.setTitle(self.tr("&Tickets"))
        self.log_action.setText(self.tr("&Log interaction…"))
        self.new_action.setText(self.tr("&New ticket…"))
        self.complaint_action.setText(self.tr("File &complaint…"))
        self.refresh_action.setText(self.tr("&Refresh queues"))
        self.admin_menu.setTitle(self.tr("&Administration"))
        self.rules_action.setText(self.tr("&Routing rules…"))
        self.sla_action.setText(self.tr("&SLA and business hours…"))
        self.users_action.setText(self.tr("&Users…"))
        self.audit_action.setText(self.tr("&Audit log…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close:
                self.escalator.stop()
                self.refresh_timer.stop()
        return super().eventFilter(watched, event)

    # -- opening things ---------------------------------------------------------------

    def customer_id(self) -> uuid.UUID | None:
        """The customer on the card: what Ctrl+L/T/K act on."""
        shown = self.window.detail.shown_id
        return shown if shown is not None else None

    def log_interaction(self, customer_id: object = None, call_ref: str = "") -> None:
        actions.open_log_interaction(self.window, self.db, self.user, customer_id, call_ref)

    def new_ticket(self, kind: str) -> None:
        actions.open_new_ticket(self.window, self.db, self.user, self.customer_id(), kind)

    def _card_new_ticket(self, customer_id: object, kind: str) -> None:
        actions.open_new_ticket(self.window, self.db, self.user, customer_id, kind)

    def open_ticket(self, number: int) -> None:
        actions.open_ticket(self.window, self.db, self.user, int(number))

    def open_rules(self) -> None:
        if not permissions.can(self.user, Action.ADMIN_RULES):
            return
        from ui.tickets.rules_editor import RulesEditorDialog

        RulesEditorDialog(self.db, self.window).show()

    def open_sla(self) -> None:
        if not permissions.can(self.user, Action.ADMIN_SLA):
            return
        from ui.tickets.sla_editor import SlaEditorDialog

        SlaEditorDialog(self.db, self.window).show()

    def open_users(self) -> None:
        if not permissions.can(self.user, Action.MANAGE_USERS):
            return
        from ui.admin.users_dialog import UsersDialog

        UsersDialog(self.db, self.window).show()

    def open_audit(self) -> None:
        if not permissions.can(self.user, Action.VIEW_AUDIT):
            return
        from ui.admin.audit_dialog import AuditDialog

        AuditDialog(self.db, self.window).show()

    # -- keeping the lists current ----------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget in (self.queues, self.my_work):
            widget.refresh()  # type: ignore[union-attr]

    def refresh(self) -> None:
        """Refresh whichever ticket list is on screen (F5, after changes)."""
        current = self.tabs.currentWidget()
        if current is self.queues:
            self.queues.refresh()
        elif current is self.my_work:
            self.my_work.refresh()

    def _ticket_changed(self, _number: int) -> None:
        self.refresh_timer.start()
        shown = self.window.detail.shown_id
        if shown is not None:
            self.window.detail.show_customer(shown)

    def _tickets_changed(self, _changes: list[Change]) -> None:
        current = self.tabs.currentWidget()
        if current is self.queues:
            self.queues.live_refresh()
        elif current is self.my_work:
            self.my_work.model.refresh()

    def _interaction_logged(self, customer_id: object) -> None:
        shown = self.window.detail.shown_id
        if shown is not None and (customer_id is None or customer_id == shown):
            self.window.detail.show_customer(shown)

    def _breached(self, numbers: list[int]) -> None:
        self.refresh()
        shown = ", ".join(format_number(n) for n in numbers[:5])
        more = "" if len(numbers) <= 5 else " …"
        text = (
            self.tr("%1 ticket(s) breached their SLA and were escalated: %2")
            .replace("%1", str(len(numbers)))
            .replace("%2", shown + more)
        )
        self.last_breach_message = text
        self.window.statusBar().showMessage(text, BREACH_MESSAGE_MS)
        if self.is_supervisor and QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(app_icon(), self)
                self.tray.show()
            self.tray.showMessage(
                self.tr("SLA breached"), text, QSystemTrayIcon.MessageIcon.Warning, 10_000
            )
