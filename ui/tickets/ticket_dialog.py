"""One ticket: who and what, where it is, how long is left, everything that happened,
and what the agent can do next.

The ticket and the form's choices load together in the background. Every action runs
the matching app.tickets command in the background and shows the ticket it returns.
Commands that take expected_version get the version on screen; a ConflictError opens
the ConflictDialog (both versions, reload or apply again), never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import permissions, ticket_options, tickets
from app.auth import CurrentUser
from app.errors import UserError
from app.outbox import writes
from app.permissions import Action
from app.queues import SlaState
from app.sync.changes import Change
from app.ticket_options import TicketOptions
from app.tickets import ConflictError, TicketView
from db.engine import Database
from db.enums import Priority, TicketStatus
from ui import formatting, labels, theme
from ui.sync import watch
from ui.tickets import clock, event_log, sla_display, texts
from ui.tickets.bus import bus
from ui.tickets.conflict_dialog import RETRY, ConflictDialog
from ui.tickets.forms import ErrorLine, fill_combo, primary, relabel, submit_on_ctrl_enter
from ui.widgets import Card, clear_layout, make_label
from ui.worker import Task, run_in_background

COUNTDOWN_MS = 1000
_STATUS_TONE = {"new": "info", "open": "info", "resolved": "subtle", "closed": "subtle"}
_PRIORITY_TONE = {"urgent": "danger", "high": "gold"}
# A versioned command: (expected version, error handler) -> started?
Versioned = Callable[[int, Callable[[BaseException], object]], object]


def _load(db: Database, number: int) -> tuple[TicketView, TicketOptions]:
    return tickets.show(db, number), ticket_options.load(db)


def _badge(text: str, tone: str = "neutral") -> QLabel:
    badge = make_label(text, "badge")
    badge.setProperty("tone", tone)
    badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return badge


class TicketDialog(QDialog):
    """A non-modal window per ticket; `view` is the ticket on screen (None while loading)."""

    changed = Signal(object)  # the TicketView after an action

    def __init__(
        self, db: Database, user: CurrentUser, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TicketDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(1040, 700)
        self.db, self.user, self.number = db, user, number
        self.view: TicketView | None = None
        self.options = TicketOptions()
        self.conflict: ConflictDialog | None = None
        self._task: Task | None = None
        self._then: Callable[[Any], object] = print
        self._else: Callable[[BaseException], object] = print
        self._state_key: tuple[str, str] | None = None
        self._build()
        self._apply_role()
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.countdown_timer = QTimer(self, interval=COUNTDOWN_MS)
        self.countdown_timer.timeout.connect(self.update_countdown)
        bus().ticketsBreached.connect(self._breached)
        self._newer: TicketView | None = None
        self._peek: Task | None = None
        watch(self, ("tickets", "ticket_events"), self._changed_elsewhere, delay_ms=300)
        self.retranslate()
        self.reload()

    # -- construction -----------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 14)
        outer.setSpacing(12)

        head = QFrame()
        head.setProperty("role", "card-header")
        hl = QVBoxLayout(head)
        hl.setContentsMargins(18, 12, 18, 14)
        hl.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.number_label = make_label("", "ticket-number", selectable=True)
        self.number_label.setObjectName("TicketNumber")
        top.addWidget(self.number_label)
        self.badges = QHBoxLayout()
        self.badges.setSpacing(6)
        top.addLayout(self.badges)
        top.addStretch(1)
        self.countdown = make_label("", None)
        self.countdown.setObjectName("Countdown")
        top.addWidget(self.countdown)
        hl.addLayout(top)
        self.subject = make_label("", "customer-name", selectable=True, wrap=True)
        self.subject.setObjectName("TicketSubject")
        hl.addWidget(self.subject)
        self.customer_line = make_label("", "muted", selectable=True, wrap=True)
        hl.addWidget(self.customer_line)
        outer.addWidget(head)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(10)
        self.log_card = Card()
        self.log = QTextBrowser()
        self.log.setObjectName("ProcessingLog")
        self.log.setOpenLinks(False)
        self.log.setFrameShape(QFrame.Shape.NoFrame)
        self.log_card.body.addWidget(self.log, 1)
        split.addWidget(self.log_card)

        side = QWidget()
        side.setObjectName("TicketSide")
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 4, 0)
        sl.setSpacing(12)
        self.details_card = Card()
        self.details = QGridLayout()
        self.details.setHorizontalSpacing(14)
        self.details.setVerticalSpacing(6)
        self.details.setColumnStretch(1, 1)
        self.details_card.body.addLayout(self.details)
        sl.addWidget(self.details_card)
        sl.addWidget(self._actions_card())
        sl.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("DetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(side)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([600, 440])
        outer.addWidget(split, 1)

        self.status_line = make_label("", "muted-small")
        outer.addWidget(self.status_line)

        # Another workstation changed this ticket while the agent was typing here.
        self.changed_bar = QFrame()
        self.changed_bar.setObjectName("ChangedElsewhere")
        self.changed_bar.setProperty("role", "notice")
        bar = QHBoxLayout(self.changed_bar)
        bar.setContentsMargins(12, 6, 12, 6)
        self.changed_text = make_label("", None, wrap=True)
        bar.addWidget(self.changed_text, 1)
        self.changed_reload = QPushButton()
        self.changed_reload.setObjectName("reload_changed")
        self.changed_reload.clicked.connect(self._reload_changed)
        bar.addWidget(self.changed_reload)
        self.changed_bar.hide()
        outer.insertWidget(1, self.changed_bar)

    def _actions_card(self) -> Card:
        card = Card()
        self.actions_card = card
        b = card.body
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(86)
        b.addWidget(self.comment)
        row = QHBoxLayout()
        self.internal = QRadioButton()
        self.internal.setObjectName("internal")
        self.to_customer = QRadioButton()
        self.to_customer.setObjectName("to_customer")
        self.internal.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.internal)
        group.addButton(self.to_customer)
        row.addWidget(self.internal)
        row.addWidget(self.to_customer)
        row.addStretch(1)
        b.addLayout(row)
        # On a line of its own: beside the two choices the narrow pane clipped its text
        # ("d comme"), in English already and more so in Vietnamese.
        send = QHBoxLayout()
        send.addStretch(1)
        self.comment_button = primary(QPushButton())
        self.comment_button.setObjectName("add_comment")
        send.addWidget(self.comment_button)
        b.addLayout(send)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self.status_caption = make_label("", "field")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status")
        self.status_button = QPushButton()
        self.status_button.setObjectName("change_status")
        self.assign_caption = make_label("", "field")
        self.assign_combo = QComboBox()
        self.assign_combo.setObjectName("assignee")
        self.assign_button = QPushButton()
        self.assign_button.setObjectName("assign")
        self.priority_caption = make_label("", "field")
        self.priority_combo = QComboBox()
        self.priority_combo.setObjectName("priority")
        fill_combo(self.priority_combo, ((labels.priority(p), str(p)) for p in Priority))
        self.priority_button = QPushButton()
        self.priority_button.setObjectName("set_priority")
        self.transfer_caption = make_label("", "field")
        self.transfer_combo = QComboBox()
        self.transfer_combo.setObjectName("department")
        self.transfer_button = QPushButton()
        self.transfer_button.setObjectName("transfer")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        rows = [
            (self.status_caption, self.status_combo, self.status_button),
            (self.assign_caption, self.assign_combo, self.assign_button),
            (self.priority_caption, self.priority_combo, self.priority_button),
            (self.transfer_caption, self.transfer_combo, self.transfer_button),
        ]
        for r, (caption, combo, button) in enumerate(rows):
            grid.addWidget(caption, r, 0)
            grid.addWidget(combo, r, 1)
            grid.addWidget(button, r, 2)
        grid.addWidget(self.reason, len(rows), 1, 1, 2)
        grid.setColumnStretch(1, 1)
        b.addLayout(grid)
        self.error = ErrorLine()
        b.addWidget(self.error)

        self.comment_button.clicked.connect(self.add_comment)
        self.status_button.clicked.connect(self.apply_status)
        self.assign_button.clicked.connect(self.apply_assign)
        self.priority_button.clicked.connect(self.apply_priority)
        self.transfer_button.clicked.connect(self.apply_transfer)
        self.reason.returnPressed.connect(self.apply_transfer)
        submit_on_ctrl_enter(self.comment, self.add_comment, self.comment)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        return card

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.log_card.title.setText(self.tr("PROCESSING LOG"))
        self.changed_reload.setText(self.tr("Reload"))
        self.details_card.title.setText(self.tr("DETAILS"))
        self.actions_card.title.setText(self.tr("ACTIONS"))
        self.comment.setPlaceholderText(self.tr("Write a comment… (Ctrl+Enter adds it)"))
        self.internal.setText(self.tr("Internal note"))
        self.to_customer.setText(self.tr("Reply to the customer"))
        self.comment_button.setText(self.tr("Add comment"))
        self.status_caption.setText(self.tr("Status"))
        self.status_button.setText(self.tr("Change"))
        self.assign_caption.setText(self.tr("Assignee"))
        self.assign_button.setText(self.tr("Assign"))
        self.priority_caption.setText(self.tr("Priority"))
        self.priority_button.setText(self.tr("Set"))
        self.transfer_caption.setText(self.tr("Transfer to"))
        self.transfer_button.setText(self.tr("Transfer"))
        self.reason.setPlaceholderText(self.tr("Reason for the transfer (required)"))
        relabel(self.priority_combo, labels.priority)
        if self.view is None:
            self.setWindowTitle(tickets.format_number(self.number))
            self.number_label.setText(tickets.format_number(self.number))
            self.subject.setText(self.tr("Loading the ticket…"))
        else:
            self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.StyleChange and getattr(self, "view", None):
            self._state_key = None  # theme switched: recolour the log and countdown
            self._render_log()
            self.update_countdown()
        super().changeEvent(event)

    # -- loading and rendering --------------------------------------------------------

    def reload(self) -> None:
        self._start(_load, self.db, self.number, on_result=self._loaded)

    def _loaded(self, result: tuple[TicketView, TicketOptions]) -> None:
        self.view, self.options = result
        self.changed_bar.hide()
        self._render()

    # -- changes made on other workstations -------------------------------------------

    def is_dirty(self) -> bool:
        """The agent has typed something here that a reload would throw away."""
        return bool(self.comment.toPlainText().strip())

    def _changed_elsewhere(self, changes: list[Change]) -> None:
        v = self.view
        if v is None or self._peek is not None:
            return
        mine = [c for c in changes if c.table == "tickets" and c.row_id == v.id]
        if mine and all(c.version is not None and c.version <= v.version for c in mine):
            return  # our own save, already on screen
        if not mine and not any(c.table in ("ticket_events", "*") for c in changes):
            return
        self._peek = run_in_background(
            tickets.show, self.db, self.number, on_result=self._peeked, on_error=self._peek_failed
        )

    def _peeked(self, current: TicketView) -> None:
        self._peek = None
        v = self.view
        if v is None or self.is_busy():
            return
        if not self.actions_card.isEnabled():  # gone, and now back (transferred back)
            self.actions_card.setEnabled(True)
            self.changed_bar.hide()
            self.changed_reload.show()
        if (current.version, len(current.events)) == (v.version, len(v.events)):
            return
        if self.is_dirty() or self.conflict is not None:
            self._newer = current
            self.changed_text.setText(
                self.tr("%1 was changed by someone else (version %2). Reload to see it.")
                .replace("%1", current.display_number)
                .replace("%2", str(current.version))
            )
            self.changed_bar.show()
        else:
            self.view = current
            self._render()

    def _peek_failed(self, exc: BaseException) -> None:
        self._peek = None
        if isinstance(exc, UserError) and not isinstance(exc, ConflictError):
            self._gone()

    def _gone(self) -> None:
        """The ticket cannot be read any more (transferred off a supplier's or a desk's
        queue, or removed): say so, and offer no action that would fail."""
        self._newer = None
        self.changed_text.setText(
            self.tr(
                "%1 is no longer available to you: it was transferred to another desk or removed."
            ).replace("%1", self.view.display_number if self.view else str(self.number))
        )
        self.changed_reload.hide()
        self.changed_bar.show()
        self.actions_card.setEnabled(False)

    def _reload_changed(self) -> None:
        self.changed_bar.hide()
        if self._newer is not None:
            self.view, self._newer = self._newer, None
            self._render()
        else:
            self.reload()

    def is_busy(self) -> bool:
        return self._task is not None

    def _render(self) -> None:
        v = self.view
        if v is None:
            return
        self.setWindowTitle(f"{v.display_number} — {v.subject}")
        self.number_label.setText(v.display_number)
        clear_layout(self.badges)
        tone = "danger" if v.kind == "complaint" else "info"
        self.badges.addWidget(_badge(labels.ticket_kind(v.kind), tone))
        self.badges.addWidget(
            _badge(labels.ticket_status(v.status), _STATUS_TONE.get(v.status, "neutral"))
        )
        self.badges.addWidget(
            _badge(labels.priority(v.priority), _PRIORITY_TONE.get(v.priority, "neutral"))
        )
        if v.breached:
            self.badges.addWidget(_badge(self.tr("SLA breached"), "danger"))
        self.subject.setText(v.subject)
        who = v.customer_name or self.tr("No customer linked")
        if v.customer_external_id:
            who += f" · {v.customer_external_id}"
        self.customer_line.setText(who)
        self._render_details(v)
        self._render_log()
        self._fill_actions(v)
        self.status_line.setText(
            self.tr("Version %1 · last changed %2")
            .replace("%1", str(v.version))
            .replace("%2", formatting.date_time(v.updated_at))
        )
        self.update_countdown()
        self.countdown_timer.start()

    def _render_details(self, v: TicketView) -> None:
        clear_layout(self.details)
        categories = {c.code: c.name for c in self.options.categories}
        category = " › ".join(categories.get(c, c) for c in (v.category, v.subcategory) if c)
        users = {u.username: u.display_name for u in self.options.users}
        rows: list[tuple[str, str]] = [
            (self.tr("Customer"), v.customer_name or "—"),
            (self.tr("Category"), category or "—"),
            (self.tr("Department"), v.department_name or "—"),
            (
                self.tr("Assignee"),
                users.get(v.assignee or "", v.assignee or "") or self.tr("Unassigned"),
            ),
            (self.tr("Channel"), labels.channel(v.channel)),
            (self.tr("SLA policy"), v.sla_policy or self.tr("None")),
            (self.tr("First response due"), formatting.date_time(v.first_response_due) or "—"),
            (self.tr("Resolution due"), formatting.date_time(v.resolution_due) or "—"),
            (self.tr("Created"), formatting.date_time(v.created_at)),
            (self.tr("Tags"), ", ".join(str(t) for t in v.tags) or "—"),
        ]
        for r, (name, value) in enumerate(rows):
            self.details.addWidget(make_label(name, "field"), r, 0, Qt.AlignmentFlag.AlignTop)
            self.details.addWidget(make_label(value, "value", selectable=True, wrap=True), r, 1)

    def _render_log(self) -> None:
        if self.view is None:
            return
        users = {u.username: u.display_name for u in self.options.users}
        bar = self.log.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        self.log.setHtml(
            event_log.render(
                self.view.events, self.options.department_name, event_log.actor_namer(users)
            )
        )
        if at_end or bar.value() == 0:
            bar.setValue(bar.maximum())  # newest last: show the latest entries

    def log_text(self) -> str:
        return self.log.toPlainText()

    def _fill_actions(self, v: TicketView) -> None:
        allowed = sorted(tickets.TRANSITIONS.get(v.status, set()), key=list(TicketStatus).index)
        fill_combo(
            self.status_combo,
            ((labels.ticket_status(s), s) for s in allowed),
            allowed[0] if allowed else None,
        )
        users = sorted(
            self.options.users,
            key=lambda u: (u.department != v.department, u.display_name),
        )
        fill_combo(
            self.assign_combo,
            [
                (self.tr("Unassigned"), ""),
                *((f"{u.display_name} ({u.username})", u.username) for u in users),
            ],
            v.assignee or "",
        )
        fill_combo(
            self.priority_combo, ((labels.priority(p), str(p)) for p in Priority), v.priority
        )
        others = [d for d in self.options.departments if d.code != v.department]
        fill_combo(self.transfer_combo, ((d.name, d.code) for d in others))

    def update_countdown(self) -> None:
        v = self.view
        if v is None:
            return
        row = sla_display.row_of(v)
        now = clock.now()
        state = row.sla_state(now) if v.status in tickets.OPEN_STATES else SlaState.NONE
        if v.status in tickets.OPEN_STATES:
            text = sla_display.time_left_text(row, now, seconds=True)
        else:
            text = labels.ticket_status(v.status)
        if state == SlaState.DUE_SOON:
            text = f"{sla_display.state_name(state)} · {text}"
        self.countdown.setText(text)
        self.countdown.setProperty("sla_state", str(state))
        key = (str(state), theme.current_theme())
        if key != self._state_key:
            self._state_key = key
            bg, fg = sla_display.hex_colours(state)
            self.countdown.setStyleSheet(
                f"QLabel#Countdown {{ background: {bg}; color: {fg}; border-radius: 11px;"
                " padding: 4px 12px; font-weight: 700; }"
            )

    def _breached(self, numbers: list[int]) -> None:
        if self.number in numbers:
            self.reload()

    # -- actions ----------------------------------------------------------------------

    def _start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object] | None = None,
        **kwargs: Any,
    ) -> bool:
        """Run one command at a time; its continuation runs only if the window still exists."""
        if self._task is not None:
            return False
        self.error.show_error("")
        self._set_enabled(False)
        self._then, self._else = on_result, on_error or self._show_error
        self._task = run_in_background(
            fn, *args, on_result=self._task_result, on_error=self._task_error, **kwargs
        )
        return True

    def _task_result(self, result: Any) -> None:
        self._task = None
        self._set_enabled(True)
        self._then(result)

    def _task_error(self, exc: BaseException) -> None:
        self._task = None
        self._set_enabled(True)
        self._else(exc)

    def _apply_role(self) -> None:
        """Rows the user's role may not use are not shown (app.tickets refuses anyway)."""
        rows = {
            Action.ASSIGN: (self.assign_caption, self.assign_combo, self.assign_button),
            Action.TRANSFER: (
                self.transfer_caption, self.transfer_combo, self.transfer_button, self.reason
            ),
        }  # fmt: skip
        for action, widgets in rows.items():
            if not permissions.can(self.user, action):
                for w in widgets:
                    w.setVisible(False)

    def _set_enabled(self, enabled: bool) -> None:
        for w in (
            self.comment,
            self.comment_button,
            self.status_button,
            self.assign_button,
            self.priority_button,
            self.transfer_button,
        ):
            w.setEnabled(enabled)

    def _changed(self, view: TicketView) -> None:
        self.view = view
        self._render()
        bus().ticketChanged.emit(view.number)
        self.changed.emit(view)

    def _show_error(self, exc: BaseException) -> None:
        self.error.show_error(texts.first_line(exc))

    def add_comment(self) -> None:
        text = self.comment.toPlainText().strip()
        if not text:
            self.error.show_error(self.tr("Write the comment first."))
            self.comment.setFocus()
            return
        if self.view is None:
            return
        self._start(
            writes.comment,  # through the outbox when offline (issue #5)
            self.db,
            self.view,
            text,
            self.user.id,
            internal=self.internal.isChecked(),
            on_result=self._commented,
        )

    def _commented(self, view: TicketView) -> None:
        self.comment.clear()
        self._changed(view)

    def apply_status(self) -> None:
        status = self.status_combo.currentData()
        if self.view is None or not status:
            return
        self._guarded(
            self.tr("status → %1").replace("%1", labels.ticket_status(status)),
            lambda version, on_error: self._start(
                tickets.change_status,
                self.db,
                self.number,
                status,
                self.user.id,
                expected_version=version,
                on_result=self._changed,
                on_error=on_error,
            ),
        )

    def apply_transfer(self) -> None:
        dep = self.transfer_combo.currentData()
        reason = self.reason.text().strip()
        if self.view is None or not dep:
            return
        if not reason:
            self.error.show_error(self.tr("A transfer needs a reason, so the next desk knows why."))
            self.reason.setFocus()
            return
        name = self.options.department_name(dep) or dep
        self._guarded(
            self.tr("transfer to %1 (“%2”)").replace("%1", name).replace("%2", reason),
            lambda version, on_error: self._start(
                tickets.transfer,
                self.db,
                self.number,
                dep,
                reason,
                self.user.id,
                expected_version=version,
                on_result=self._transferred,
                on_error=on_error,
            ),
        )

    def _transferred(self, view: TicketView) -> None:
        self.reason.clear()
        self._changed(view)

    def apply_assign(self) -> None:
        if self.view is None:
            return
        username = self.assign_combo.currentData() or None
        self._guarded(
            self.tr("assign to %1").replace("%1", username or "—"),
            lambda version, on_error: self._start(
                tickets.assign,
                self.db,
                self.number,
                username,
                self.user.id,
                expected_version=version,
                on_result=self._changed,
                on_error=on_error,
            ),
        )

    def apply_priority(self) -> None:
        priority = self.priority_combo.currentData()
        if self.view is None or not priority or priority == self.view.priority:
            return
        self._guarded(
            self.tr("priority → %1").replace("%1", labels.priority(priority)),
            lambda version, on_error: self._start(
                tickets.set_priority,
                self.db,
                self.number,
                priority,
                self.user.id,
                expected_version=version,
                on_result=self._changed,
                on_error=on_error,
            ),
        )

    # -- optimistic concurrency -------------------------------------------------------

    def _guarded(self, change: str, run: Versioned) -> None:
        """Run a versioned command; on conflict show both versions and let the agent choose."""
        assert self.view is not None
        mine = self.view

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, ConflictError):
                self._show_error(exc)
                return
            self._start(
                tickets.show,
                self.db,
                self.number,
                on_result=lambda current: self._show_conflict(mine, current, change, exc, run),
            )

        run(mine.version, failed)

    def _show_conflict(
        self,
        mine: TicketView,
        current: TicketView,
        change: str,
        exc: BaseException,
        run: Versioned,
    ) -> None:
        message = texts.first_line(exc)
        self.error.show_error(message)
        self.conflict = ConflictDialog(mine, current, change, message, self)

        def chosen(choice: str) -> None:
            self.conflict = None
            self.view = current
            self._render()
            if choice == RETRY:
                run(current.version, self._show_error)

        self.conflict.chosen.connect(chosen)
        self.conflict.open()

    def done(self, result: int) -> None:
        self.countdown_timer.stop()
        super().done(result)
