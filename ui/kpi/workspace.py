"""Plugs the KPI screens into the main window for supervisors and administrators: the
KPIs tab, the KPIs menu (wallboard, settings) and the live feed they share.

Kept out of ui/main_window.py (one line creates it); agents get nothing from it.
The panel itself (pyqtgraph, numpy: about a second of imports) is built the first time
the tab is shown, not with the main window, so sign-in is not slowed by charts the user
may not open; numpy is imported in the background meanwhile.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.kpi.settings import KpiSettings
from db.enums import Role
from ui.kpi.live import LiveFeed
from ui.kpi.settings_dialog import KpiSettingsDialog
from ui.kpi.wallboard import Wallboard
from ui.worker import run_in_background

if TYPE_CHECKING:
    from ui.kpi.panel import KpiPanel
    from ui.main_window import MainWindow

KPI_ROLES = (Role.ADMIN.value, Role.SUPERVISOR.value)


def allowed(role: str) -> bool:
    return role in KPI_ROLES


class KpiWorkspace(QObject):
    def __init__(self, window: MainWindow, tabs: QTabWidget) -> None:
        super().__init__(window)
        self.window, self.tabs = window, tabs
        self.feed = LiveFeed(window.db, self)
        # The tab page; the panel goes into it when first shown (see `panel`).
        self.tab = QWidget()
        self.tab.setObjectName("KpiTab")
        QVBoxLayout(self.tab).setContentsMargins(0, 0, 0, 0)
        self._panel: KpiPanel | None = None
        self.wallboard: Wallboard | None = None
        tabs.addTab(self.tab, "")
        self._loaded_once = False
        self._watching = False
        tabs.currentChanged.connect(self._tab_changed)
        # The panel's heaviest import has no Qt in it: done while the user looks elsewhere.
        run_in_background(importlib.import_module, "numpy")

        bar = window.menuBar()
        self.menu = bar.addMenu("")
        bar.insertMenu(window.help_menu.menuAction(), self.menu)
        self.show_action = QAction(window)
        self.show_action.triggered.connect(lambda: tabs.setCurrentWidget(self.tab))
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

    @property
    def panel(self) -> KpiPanel:
        """The KPI panel, built into the tab (pyqtgraph imported) the first time it is needed."""
        if self._panel is None:
            from ui.kpi.panel import KpiPanel

            self._panel = KpiPanel(self.window.db, self.feed)
            self._panel.wallboardRequested.connect(self.open_wallboard)
            layout = self.tab.layout()
            assert layout is not None
            layout.addWidget(self._panel)
            self._panel.show()  # added to a page already on screen: not shown by itself
        return self._panel

    def loaded_panel(self) -> KpiPanel | None:
        """The panel if the tab was shown already (None: pyqtgraph not imported yet)."""
        return self._panel

    def retranslate(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.tab), self.tr("KPIs"))
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
        showing = self.tabs.widget(index) is self.tab
        if showing and not self._watching:
            self._watching = True
            panel = self.panel  # built now, the first time: it follows the feed from the start
            self.feed.start()
            if not self._loaded_once:
                self._loaded_once = True
                panel.refresh()
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
        panel = self._panel
        current = self.feed.settings or (panel.settings if panel is not None else KpiSettings())
        dialog = KpiSettingsDialog(self.window.db, current, self.window)
        if dialog.exec() and dialog.saved is not None:
            self.feed.reload_settings()
            if panel is not None:  # else the panel reads them when it is first shown
                panel.settings = dialog.saved
                panel.refresh()


def attach(window: MainWindow, tabs: QTabWidget) -> KpiWorkspace | None:
    """The KPI screens for a supervisor or administrator; None for everyone else."""
    return KpiWorkspace(window, tabs) if allowed(window.user.role) else None
