"""Offline mode in the window: the status bar's "offline — N changes waiting", replay
when the server answers again, the directory copy kept fresh, and the outbox window
where the agent sees what waits and decides about conflicts.

`OfflineMode(window)` is all the main window needs. It turns on for a central
PostgreSQL database only (the embedded SQLite file is local and never "offline").
Every database error of any background task is shown to app.outbox.state, so the
first connection error anywhere switches the client to offline mode; the window's
periodic connection check switches it back, after the outbox is replayed.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import offline_cache, outbox
from app.offline_cache import OfflineCard
from app.outbox import state, writes
from app.outbox.client import FORGOTTEN, Outbox, ReplayReport, StoredOperation
from app.outbox.operations import describe
from app.tickets import TicketView
from db.engine import Database
from ui import formatting, worker
from ui.app_messages import user_text
from ui.message_dialog import ask
from ui.sync import watch
from ui.widgets import make_label
from ui.worker import Task, run_in_background

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
REFRESH_MS = 5 * 60_000  # the directory copy while online (ticket counts too)
LIVE_REFRESH_MS = 5_000  # after customers or numbers changed elsewhere


def kind_label(kind: str) -> str:
    """What an operation is, in the agent's words."""
    return {
        "interaction.log": QCoreApplication.translate("Offline", "Logged contact"),
        "ticket.create": QCoreApplication.translate("Offline", "New ticket"),
        "ticket.comment": QCoreApplication.translate("Offline", "Comment"),
        "ticket.status": QCoreApplication.translate("Offline", "Status change"),
        "customer.create": QCoreApplication.translate("Offline", "New customer"),
        "customer.attach": QCoreApplication.translate("Offline", "Number attached"),
        "call.record": QCoreApplication.translate("Offline", "Call recorded"),
        "call.event": QCoreApplication.translate("Offline", "Phone event"),
    }.get(kind, kind)


def state_label(code: str) -> str:
    return {
        "pending": QCoreApplication.translate("Offline", "Waiting"),
        "conflict": QCoreApplication.translate("Offline", "Conflict"),
        "failed": QCoreApplication.translate("Offline", "Failed"),
    }.get(code, code)


def reason_label(reason: str | None) -> str:
    """Why the server refused a change: the server's own words, or ours when we know them."""
    if reason == FORGOTTEN:
        return QCoreApplication.translate(
            "Offline",
            "This change waited longer than the server remembers sent changes, so it may "
            "have arrived already: check, enter it again if it is missing, then discard it.",
        )
    return user_text(reason or "")


class OfflineMode(QObject):
    """The offline state of one window's database, as Qt signals on the GUI thread."""

    changed = Signal()  # online/offline, waiting or problem counts changed
    _state = Signal(bool, str)  # from any thread
    _outbox = Signal()  # from any thread

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.box: Outbox | None = outbox.install(db)
        self.directory: offline_cache.Directory | None = None
        self.online = True
        self.reason = ""
        self.replaying = False
        # Started offline (ui.application): the schema check start-up skipped runs
        # before the first replay.
        self.check_schema = False
        self.waiting = self.problems = 0
        self.window: OutboxWindow | None = None
        self._replay: Task | None = None
        self._refresh: Task | None = None
        self.refresh_timer = QTimer(self, interval=REFRESH_MS)
        if self.box is None:
            return
        self.directory = offline_cache.install(db, self.box.local)
        self._state.connect(self._state_changed)
        self._outbox.connect(self._recount)
        self.connectivity = state.of(db)
        self.connectivity.subscribe(self._from_any_thread)
        self.box.subscribe(self._outbox.emit)
        worker.watch_errors(self.task_failed)
        self.refresh_timer.timeout.connect(self.refresh_directory)
        self.refresh_timer.start()
        # A customer or number changed elsewhere reaches the copy within seconds.
        watch(self, ("customers", "contact_points"), lambda _c: self.refresh_directory(),
              delay_ms=LIVE_REFRESH_MS)  # fmt: skip
        self._recount()
        self.refresh_directory()

    @property
    def enabled(self) -> bool:
        return self.box is not None

    def _from_any_thread(self, online: bool, reason: str) -> None:
        self._state.emit(online, reason)

    # -- what the window reports --------------------------------------------------------

    def task_failed(self, exc: BaseException) -> None:
        """Any background task's error: a connection error means offline now."""
        if self.box is not None:
            self.connectivity.report(exc)

    def check_failed(self, exc: BaseException) -> None:
        if self.box is not None:
            self.connectivity.went_offline(exc)

    def check_passed(self) -> None:
        """The server answered: send what waits, then say online."""
        if self.box is None:
            return
        if self.waiting or not self.connectivity.online:
            self.replay()
        else:
            self.refresh_directory()

    # -- replay and refresh --------------------------------------------------------------

    def replay(self) -> None:
        if self.box is None or self._replay is not None:
            return
        self.replaying = True
        self.changed.emit()
        self._replay = run_in_background(
            self._replay_work, on_result=self._replayed, on_error=self._replay_failed
        )

    def _replay_work(self) -> ReplayReport:
        """Worker thread: the replay, after the schema check when started offline."""
        assert self.box is not None
        if self.check_schema:
            from db import migrate

            migrate.upgrade(self.db)
            self.check_schema = False
        return self.box.replay()

    def _replayed(self, report: ReplayReport) -> None:
        self._replay = None
        self.replaying = False
        self._recount()
        if report.conflicts:
            log.warning("%d outbox operations need the agent", report.conflicts)
        if not report.stopped:
            self.refresh_directory()

    def _replay_failed(self, exc: BaseException) -> None:
        self._replay = None
        self.replaying = False
        if not self.connectivity.report(exc):  # the server went away again: next check
            log.error("outbox replay failed", exc_info=exc)
        self._recount()

    def refresh_directory(self) -> None:
        """Follow the change sequence into the directory copy (not while changes wait:
        the replay goes first, so the copy never drops what the agent made offline)."""
        if (
            self.directory is None
            or self._refresh is not None
            or not self.online
            or self.waiting
            or self.replaying
        ):
            return
        self._refresh = run_in_background(
            self.directory.refresh, on_result=self._refreshed, on_error=self._refresh_failed
        )

    def _refreshed(self, _report: offline_cache.RefreshReport) -> None:
        self._refresh = None

    def _refresh_failed(self, exc: BaseException) -> None:
        self._refresh = None
        log.warning("directory copy not refreshed: %s", state.first_line(exc))

    # -- state ---------------------------------------------------------------------------

    def _state_changed(self, online: bool, reason: str) -> None:
        self.online, self.reason = online, reason
        self.changed.emit()

    def _recount(self) -> None:
        if self.box is None:
            return
        self.waiting, self.problems = self.box.waiting(), self.box.problems()
        self.online = self.connectivity.online
        self.reason = self.connectivity.reason or self.reason
        self.changed.emit()
        if self.window is not None and self.window.isVisible():
            self.window.reload()

    def status_text(self) -> str:
        """The status bar's words for the connection, or "" when the window's own
        "Connected"/"Offline" says it all (no outbox: the embedded database)."""
        if self.box is None:
            return ""
        if self.replaying:
            return QCoreApplication.translate(
                "Offline", "Back online — sending %1 changes…"
            ).replace("%1", str(self.waiting))
        if not self.online:
            return QCoreApplication.translate("Offline", "Offline — %1 changes waiting").replace(
                "%1", str(self.waiting)
            )
        return ""

    def problems_text(self) -> str:
        if not self.problems:
            return ""
        return QCoreApplication.translate("Offline", "%1 changes need you").replace(
            "%1", str(self.problems)
        )

    def make_button(self, parent: QWidget | None = None) -> QPushButton:
        """The status bar's "N changes need you" button; hidden while there are none."""
        button = QPushButton(parent)
        button.setObjectName("OutboxButton")
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda: self.open_window(parent))

        def update() -> None:
            button.setText("⚠ " + self.problems_text())
            button.setToolTip(self.tr("Changes the server refused: retry or discard them"))
            button.setVisible(bool(self.problems))

        self.changed.connect(update)
        update()
        return button

    def open_window(self, parent: QWidget | None = None) -> OutboxWindow | None:
        if self.box is None:
            return None
        if self.window is None:
            self.window = OutboxWindow(self.box, parent)
            self.window.retried.connect(self.replay)
        self.window.reload()
        self.window.show()
        self.window.activateWindow()
        return self.window

    def close(self) -> None:
        self.refresh_timer.stop()
        if self.box is not None:
            self.connectivity.unsubscribe(self._from_any_thread)
            worker.unwatch_errors(self.task_failed)


class OutboxModel(QAbstractTableModel):
    """The outbox rows: waiting ones and the ones that need the agent."""

    WHEN, WHAT, DETAIL, STATE, REASON = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StoredOperation] = []

    def set_rows(self, rows: list[StoredOperation]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("When"),
            self.tr("What"),
            self.tr("Details"),
            self.tr("State"),
            self.tr("Reason"),
        )[section]

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == self.WHEN:
            return _when(row.op.created_at)
        if column == self.WHAT:
            return kind_label(row.op.kind)
        if column == self.DETAIL:
            if row.op.kind == "ticket.create":  # named by its provisional label until replay
                label = writes.provisional_label(uuid.UUID(row.op.payload["ticket_id"]))
                return f"{label} · {describe(row.op)}"
            return describe(row.op)
        if column == self.STATE:
            return state_label(row.state)
        return reason_label(row.reason)


def _when(at: datetime) -> str:
    return formatting.local(at).strftime("%d/%m %H:%M:%S")


class OutboxWindow(QDialog):
    """What waits for the server and what it refused; retry or discard each refusal."""

    retried = Signal()  # an operation is waiting again: replay

    def __init__(self, box: Outbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutboxWindow")
        self.box = box
        self._task: Task | None = None
        layout = QVBoxLayout(self)
        # Fixed bounds: the offscreen and some real platforms warn on live size hints.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(640, 300)
        self.resize(860, 380)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        self.intro = make_label("", "hint")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.model = OutboxModel(self)
        self.table = QTableView()
        self.table.setObjectName("OutboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OutboxModel.REASON, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = make_label("", "status")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retry")
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discard")
        self.close_button = QPushButton()
        row.addWidget(self.retry_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.retry_button.clicked.connect(self.retry)
        self.discard_button.clicked.connect(self.discard)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        # Replaced in tests: the confirmation before anything is thrown away.
        self.confirm = self._confirm_discard
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Changes waiting for the server"))
        self.intro.setText(
            self.tr(
                "Changes made while the server could not be reached are sent in order when "
                "it is back. The server refused the ones marked Conflict or Failed: retry "
                "one to send it again as the record is now, or discard it."
            )
        )
        self.retry_button.setText(self.tr("&Retry"))
        self.discard_button.setText(self.tr("&Discard…"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = run_in_background(self.box.stored, on_result=self._loaded)

    def _loaded(self, rows: list[StoredOperation]) -> None:
        self._task = None
        current = self.selected()
        self.model.set_rows(rows)
        for i, r in enumerate(rows):
            if current is not None and r.op.id == current.op.id:
                self.table.selectRow(i)
                break
        waiting = sum(1 for r in rows if r.state == "pending")
        self.status.setText(
            self.tr("%1 waiting, %2 refused")
            .replace("%1", str(waiting))
            .replace("%2", str(len(rows) - waiting))
        )
        self._enable()

    def selected(self) -> StoredOperation | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def _enable(self) -> None:
        row = self.selected()
        problem = row is not None and row.state != "pending"
        self.retry_button.setEnabled(problem)
        self.discard_button.setEnabled(problem)

    def select_op(self, op_id: uuid.UUID) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.op.id == op_id:
                self.table.selectRow(i)
                return True
        return False

    def retry(self) -> None:
        row = self.selected()
        if row is None or row.state == "pending":
            return
        self.box.retry(row.op.id)  # the local file: quick
        self.reload()
        self.retried.emit()

    def discard(self) -> None:
        row = self.selected()
        if row is None or row.state == "pending" or not self.confirm(row):
            return
        self.box.discard(row.op.id)
        self.reload()

    def _confirm_discard(self, row: StoredOperation) -> bool:
        choice = ask(
            self,
            self.tr("Discard this change?"),
            self.tr("“%1: %2” will never reach the server. This cannot be undone.")
            .replace("%1", kind_label(row.op.kind))
            .replace("%2", describe(row.op)),
            [("discard", self.tr("Discard")), ("keep", self.tr("Keep it"))],
            detail=reason_label(row.reason),
            level="warning",
        )
        return choice == "discard"


def announce_provisional(owner: QWidget | None, view: TicketView) -> None:
    """A ticket saved offline has no number yet: say so where the agent looks (the
    main window's status bar) with the provisional label it goes by until replay."""
    window = owner.window() if owner is not None else None
    text = QCoreApplication.translate(
        "Offline", "Ticket %1 saved offline; it gets its number when the server is back"
    ).replace("%1", writes.provisional_label(view.id))
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 20_000)
    else:
        log.info("%s", text)


def offline_card_text(card: OfflineCard) -> str:
    """The pop card's status line when the card comes from the saved copy."""
    if card.local_only:
        return QCoreApplication.translate(
            "Offline", "Offline · created on this workstation, not on the server yet"
        )
    return (
        QCoreApplication.translate(
            "Offline", "Offline · saved copy · open tickets: %1, complaints: %2"
        )
        .replace("%1", str(card.open_ticket_count))
        .replace("%2", str(card.open_complaint_count))
    )


def offline_unknown_text(text: str) -> str:
    return QCoreApplication.translate("Offline", "Offline · %1 (saved copy)").replace("%1", text)
