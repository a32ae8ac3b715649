"""Plugs the KPI screens into the main window for supervisors and administrators: the
KPIs tab, the KPIs menu (wallboard, settings) and the live feed they share.

Kept out of ui/main_window.py (one line creates it); agents get nothing from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget

from db.enums import Role
from ui.kpi.live import LiveFeed
from ui.kpi.panel import KpiPanel
from ui.kpi.settings_dialog import KpiSettingsDialog
from ui.kpi.wallboard import Wallboard

if TYPE_CHECKING:
    from ui.main_window import MainWindow

KPI_ROLES = (Role.ADMIN.value, Role.SUPERVISOR.value)


def allowed(role: str) -> bool:
    return role in KPI_ROLES


class KpiWorkspace(QObject):
    def __init__(self, window: MainWindow, tabs: QTabWidget) -> None:
        super().__init__(window)
        self.window, self.tabs = window, tabs
        self.feed = LiveFeed(window.db, self)
        self.panel = KpiPanel(window.db, self.feed)
        self.wallboard: Wallboard | None = None
        tabs.addTab(self.panel, "")
        self._loaded_once = False
        self._watching = False
        tabs.currentChanged.connect(self._tab_changed)
        self.panel.wallboardRequested.connect(self.open_wallboard)

        bar = window.menuBar()
        self.menu = bar.addMenu("")
        bar.insertMenu(window.help_menu.menuAction(), self.menu)
        self.show_action = QAction(window)
        self.show_action.triggered.connect(lambda: tabs.setCurrentWidget(self.panel))
        self.wallboard_action = QAction(window)
        self.wallboard_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.wallboard_action.triggered.connect(self.open_wallboard)
        self.settings_action = QAction(window)
        self.settings_action.triggered.connect(self.open_settings)
        for action in (self.show_action, self.wallboard_action, self.settings_action):
            self.menu.addAction(action)
            window.addAction(action)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.panel), self.tr("KPIs"))
        self.menu.setTitle(self.tr("&KPIs"))
        self.show_action.setText(self.tr("&KPI panel"))
        self.wallboard_action.setText(self.tr("&Wallboard"))
        self.settings_action.setText(self.tr("KPI &settings…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close:
                self.feed.shutdown()
                if self.wallboard is not None:
                    self.wallboard.close()
        return super().eventFilter(watched, event)

    def _tab_changed(self, index: int) -> None:
        showing = self.tabs.widget(index) is self.panel
        if showing and not self._watching:
            self._watching = True
            self.feed.start()
            if not self._loaded_once:
                self._loaded_once = True
                self.panel.refresh()
        elif not showing and self._watching:
            self._watching = False
            self.feed.stop()

    def open_wallboard(self) -> None:
        if self.wallboard is not None:
            self.wallboard.raise_()
            self.wallboard.activateWindow()
            return
        self.wallboard = Wallboard(self.feed)
        self.wallboard.destroyed.connect(self._wallboard_closed)
        self.wallboard.showFullScreen()

    def _wallboard_closed(self) -> None:
        self.wallboard = None

    def open_settings(self) -> None:
        current = self.feed.settings or self.panel.settings
        dialog = KpiSettingsDialog(self.window.db, current, self.window)
        if dialog.exec() and dialog.saved is not None:
            self.feed.reload_settings()
            self.panel.settings = dialog.saved
            self.panel.refresh()


def attach(window: MainWindow, tabs: QTabWidget) -> KpiWorkspace | None:
    """The KPI screens for a supervisor or administrator; None for everyone else."""
    return KpiWorkspace(window, tabs) if allowed(window.user.role) else None
