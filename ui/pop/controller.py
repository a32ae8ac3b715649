"""Screen-pop wired into the running client: the local socket, the card, the caller log.

`install(window)` is all the main window needs: it starts the single-instance
server (`calldesk pop` and a second `calldesk` launch talk to it), owns the card,
records every pop in the calls table, keeps the RFM cut-offs fresh in the
background, adds a Calls menu (caller log, duplicates), and says "incoming call"
in the system tray when the window is not in front and there is a tray to say it in.
"""

from __future__ import annotations

import importlib
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon, QWidget

from app import caller_log, rfm
from app.caller_log import CallRow
from app.cti.settings import CtiSettings
from app.outbox import writes
from app.pop_protocol import PopMessage
from app.rfm import Cutoffs
from db.engine import Database
from ui.cti.bridge import CtiBridge, CtiStatusLabel
from ui.cti.missed_calls import MissedCallsWindow
from ui.pop.caller_log import CallerLogWindow
from ui.pop.card import FOLLOW_UP_MS, PopCard, PopIdentity
from ui.pop.duplicates import DuplicatesWindow
from ui.pop.merge_dialog import MergeDialog
from ui.pop.server import PopServer
from ui.widgets import app_icon, bring_forward, raise_window
from ui.worker import Task, run_in_background

log = logging.getLogger(__name__)

RFM_REFRESH = timedelta(hours=6)
TRAY_MESSAGE_MS = 6_000


class CallsMenu(QMenu):
    """The Calls menu: caller log and duplicates (translates itself)."""

    def __init__(self, pop: ScreenPop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CallsMenu")
        self.caller_log_action = QAction(self)
        self.caller_log_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.caller_log_action.triggered.connect(pop.open_caller_log)
        self.duplicates_action = QAction(self)
        self.duplicates_action.triggered.connect(pop.open_duplicates)
        self.card_action = QAction(self)
        self.card_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.card_action.triggered.connect(pop.show_card)
        self.missed_calls_action = QAction(self)
        self.missed_calls_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.missed_calls_action.triggered.connect(pop.open_missed_calls)
        self.addAction(self.card_action)
        self.addAction(self.caller_log_action)
        self.addAction(self.missed_calls_action)
        self.addSeparator()
        self.addAction(self.duplicates_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Calls"))
        self.card_action.setText(self.tr("Show the last &caller's card"))
        self.caller_log_action.setText(self.tr("Caller &log…"))
        self.missed_calls_action.setText(self.tr("&Missed calls…"))
        self.duplicates_action.setText(self.tr("&Duplicate customers…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ScreenPop(QObject):
    """Owns the pop server and card for one main window (or none: tests, the bench)."""

    recorded = Signal(object)  # CallRow, after a pop was written to the calls table
    notified = Signal(str, str)  # title, message: a tray notification was shown

    def __init__(
        self,
        db: Database,
        window: QWidget | None = None,
        region: str = "VN",
        server_name: str | None = None,
        listen: bool = True,
        server: PopServer | None = None,
    ) -> None:
        super().__init__(window)
        self.db = db
        self.window = window
        self.region = region
        self.card = PopCard(db, region, window)
        self.card.identified.connect(self._record)
        self.card.customerLinked.connect(lambda *_a: self._refresh_log())
        self.card.mergeRequested.connect(self.open_merge)
        self.card.openCustomerRequested.connect(self.open_customer)
        self.card.unknown.suggest = self.suggestions
        self.card.unknown.picker.suggest = self.suggestions
        # A server already listening (opened before sign-in, see ui.application) is
        # taken over, so the workstation never has a moment without its pop socket.
        self.server = server if server is not None else PopServer(server_name)
        self.server.setParent(self)
        self.server.popReceived.connect(self.pop)
        self.server.raiseRequested.connect(self.bring_to_front)
        self.listening = self.server.listen() if listen else False
        self.caller_log: CallerLogWindow | None = None
        self.missed_calls: MissedCallsWindow | None = None
        self.dialer: Callable[[str], bool] | None = None  # the CTI source can ring back
        self.cti: CtiBridge | None = None
        self.duplicates: DuplicatesWindow | None = None
        self.merge_dialog: MergeDialog | None = None
        self.menu: CallsMenu | None = None
        self.tray: QSystemTrayIcon | None = None
        self.notifications: list[tuple[str, str]] = []
        self.open_customer_hook: Callable[[uuid.UUID], object] | None = None
        self._rfm_task: Task | None = None
        self.rfm_timer = QTimer(self, interval=int(RFM_REFRESH.total_seconds() * 1000))
        self.rfm_timer.timeout.connect(self.refresh_rfm)
        self.rfm_timer.start()
        self.refresh_rfm()

    # -- the pop ----------------------------------------------------------------------

    def pop(self, message: PopMessage, arrived: float | None = None) -> None:
        """A call rings: the card now, the lookup behind it."""
        call_ref = message.call_id or caller_log.new_call_ref()
        self.card.pop(message, call_ref, arrived)

    def show_card(self) -> None:
        if self.card.message is not None:
            self.card.present()

    def _record(self, who: PopIdentity) -> None:
        """Say who is calling now; write the caller log once the card is painted."""
        offered_at = who.offered_at or self.card.offered_at

        def write() -> None:
            run_in_background(
                writes.record_call,  # through the outbox when offline (issue #5)
                self.db,
                who.call_ref,
                who.number,
                who.customer_id,
                offered_at,
                on_result=self._recorded,
                on_error=self._record_failed,
            )

        QTimer.singleShot(FOLLOW_UP_MS, self, write)
        self._notify(who)

    def _recorded(self, row: CallRow) -> None:
        self.recorded.emit(row)
        self._refresh_log()

    def _record_failed(self, exc: BaseException) -> None:
        log.warning("could not record the call in the caller log: %s", exc)

    def _refresh_log(self) -> None:
        if self.caller_log is not None and self.caller_log.isVisible():
            self.caller_log.model.reload()
        if self.missed_calls is not None and self.missed_calls.isVisible():
            self.missed_calls.model.reload()

    # -- tray -------------------------------------------------------------------------

    def window_in_front(self) -> bool:
        window = self.window
        if window is None:
            return False
        return window.isVisible() and not window.isMinimized() and window.isActiveWindow()

    def _tray_available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _notify(self, who: PopIdentity) -> None:
        if self.window_in_front():
            return
        number = self.card.number_label.text()
        if who.customer_id is not None and self.card.result and self.card.result.matches:
            name = self.card.result.matches[0].name
            title = self.tr("Incoming call: %1").replace("%1", name)
        else:
            title = self.tr("Incoming call from an unknown number")
        self.show_tray_message(title, number)

    def show_tray_message(self, title: str, text: str) -> None:
        """The tray balloon; nothing on platforms without a system tray."""
        if not self._tray_available():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip("CallDesk")
            self.tray.messageClicked.connect(self.show_card)
            self.tray.activated.connect(lambda _reason: self.bring_to_front())
            self.tray.show()
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, TRAY_MESSAGE_MS)
        self.notifications.append((title, text))
        self.notified.emit(title, text)

    # -- the main window --------------------------------------------------------------

    def bring_to_front(self) -> None:
        """Another `calldesk` launch asked for this window."""
        window = self.window
        if window is None:
            return
        bring_forward(window)

    def suggestions(self) -> list[uuid.UUID]:
        """The customer open in the main window: whom an unknown number likely belongs to."""
        detail = getattr(self.window, "detail", None)
        shown = getattr(detail, "shown_id", None)
        return [shown] if isinstance(shown, uuid.UUID) else []

    def open_customer(self, customer_id: uuid.UUID) -> None:
        """The full customer view: the main window's customer tab shows them."""
        if self.open_customer_hook is not None:
            self.open_customer_hook(customer_id)
            return
        window = self.window
        tabs = getattr(window, "tabs", None)
        if tabs is not None and hasattr(tabs, "setCurrentIndex"):
            tabs.setCurrentIndex(0)
        detail = getattr(window, "detail", None)
        if detail is not None and hasattr(detail, "show_customer"):
            detail.show_customer(customer_id)
        self.card.hide()
        self.bring_to_front()

    def install_menu(self, window: QMainWindow) -> CallsMenu:
        menu = CallsMenu(self, window)
        bar = window.menuBar()
        help_menu = getattr(window, "help_menu", None)
        if isinstance(help_menu, QMenu):
            bar.insertMenu(help_menu.menuAction(), menu)
        else:
            bar.addMenu(menu)
        self.menu = menu
        return menu

    # -- windows ----------------------------------------------------------------------

    def open_caller_log(self) -> CallerLogWindow:
        if self.caller_log is None:
            self.caller_log = CallerLogWindow(self.db, self.region, self.window)
            self.caller_log.suggest = self.suggestions
            self.caller_log.assigned.connect(self._assigned)
        else:
            self.caller_log.model.reload()
        self._present(self.caller_log)
        return self.caller_log

    def open_missed_calls(self) -> MissedCallsWindow:
        if self.missed_calls is None:
            self.missed_calls = MissedCallsWindow(self.db, self.region, self.dialer, self.window)
        else:
            self.missed_calls.set_dialer(self.dialer)
            self.missed_calls.model.reload()
        self._present(self.missed_calls)
        return self.missed_calls

    def _assigned(self, customer_id: uuid.UUID) -> None:
        if self.card.shown_id() is None and self.card.message is not None:
            # The card still shows this unknown caller: it is known now.
            self.card.show_customer(customer_id, self.tr("Number attached"))

    def open_duplicates(self) -> DuplicatesWindow:
        if self.duplicates is None:
            self.duplicates = DuplicatesWindow(self.db, self.window)
            self.duplicates.merged.connect(self._merged)
        else:
            self.duplicates.reload()
        self._present(self.duplicates)
        return self.duplicates

    def open_merge(self, first: uuid.UUID, second: uuid.UUID) -> MergeDialog:
        if self.merge_dialog is not None:
            self.merge_dialog.close()
        dialog = MergeDialog(
            self.db, first, second, self.card if self.card.isVisible() else self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._merged)
        dialog.finished.connect(self._merge_closed)
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def _merge_closed(self, _result: int) -> None:
        self.merge_dialog = None

    def _merged(self, kept: uuid.UUID, gone: uuid.UUID) -> None:
        self.card.customer_merged(kept, gone)
        detail = getattr(self.window, "detail", None)
        if detail is not None and getattr(detail, "shown_id", None) in (kept, gone):
            detail.show_customer(kept)
        if self.duplicates is not None and self.sender() is not self.duplicates:
            self.duplicates.reload()
        self._refresh_log()

    @staticmethod
    def _present(window: QWidget) -> None:
        window.show()
        raise_window(window)
        window.activateWindow()

    # -- RFM ---------------------------------------------------------------------------

    def refresh_rfm(self) -> None:
        """Recompute the quintile cut-offs in the background (seconds at a million)."""
        if self._rfm_task is not None:
            return
        self._rfm_task = run_in_background(
            rfm.refresh_if_stale, self.db, on_result=self._rfm_ready, on_error=self._rfm_failed
        )

    def _rfm_ready(self, cutoffs: Cutoffs) -> None:
        self._rfm_task = None
        self.card.set_cutoffs(cutoffs)

    def _rfm_failed(self, exc: BaseException) -> None:
        self._rfm_task = None
        log.warning("RFM cut-offs not computed: %s", exc)

    def close(self) -> None:
        if self.cti is not None:
            self.cti.stop()
            self.cti = None
        self.rfm_timer.stop()
        self.server.close()
        self.card.hide()
        if self.tray is not None:
            self.tray.hide()


def install(window: QMainWindow, region: str = "VN", server: PopServer | None = None) -> ScreenPop:
    """Screen-pop for the agent workspace `window`: server, card, Calls menu, actions."""
    db: Database = getattr(window, "db")  # noqa: B009 (MainWindow's attribute, untyped here)
    pop = ScreenPop(db, window, region, server=server)
    pop.install_menu(window)
    connect_ticket_actions(pop, window)
    start_cti(pop, window, region)
    return pop


def start_cti(pop: ScreenPop, window: QMainWindow, region: str = "VN") -> CtiBridge | None:
    """The telephony source this workstation's settings choose (none for "command":
    `calldesk pop` already reaches the pop socket), with its state in the status bar."""
    cfg = CtiSettings.load()
    if cfg.source == "command":
        return None
    user = getattr(window, "user", None)
    agent_id = getattr(user, "id", None)
    extension = getattr(user, "extension", None)
    if not cfg.extension and extension:
        cfg.extension = str(extension)
    bridge = CtiBridge(pop, cfg, agent_id if isinstance(agent_id, uuid.UUID) else None, region)
    pop.cti = bridge
    label = CtiStatusLabel(bridge, window)
    window.statusBar().addPermanentWidget(label)
    bridge.start()
    return bridge


def connect_ticket_actions(pop: ScreenPop, window: QWidget) -> bool:
    """Log call, new ticket, file complaint and open ticket go to the ticket screens'
    entry points (ui.tickets.actions) when they are installed; True when connected."""
    try:
        actions: Any = importlib.import_module("ui.tickets.actions")
    except ImportError:
        log.info("ticket screens not installed; the card's ticket keys do nothing yet")
        return False
    user = getattr(window, "user", None)
    connect = getattr(actions, "connect_pop_card", None)
    if connect is None or user is None:
        return False
    connect(pop.card, window, pop.db, user)
    return True
