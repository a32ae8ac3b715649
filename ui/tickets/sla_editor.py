"""Administration › SLA and business hours: each policy's first-response and
resolution targets, and the business calendar SLA time is counted in (working hours
per weekday, public holidays). Saved through app.sla_admin, which refuses a calendar
the SLA clock could not use."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import sla_admin
from app.errors import UserError
from app.sla_admin import CalendarRow, PolicyRow, Spans
from db.engine import Database
from ui.tickets import texts
from ui.tickets.admin_editor import AdminEditorDialog
from ui.widgets import make_label

MAX_MINUTES = 60 * 24 * 365


def _load(db: Database) -> tuple[list[PolicyRow], list[CalendarRow]]:
    return sla_admin.policies(db), sla_admin.calendars(db)


def _save(
    db: Database,
    calendar: tuple[str, str, dict[int, Spans], list[date], int] | None,
    policies: list[tuple[str, int, int, int, int]],
) -> None:
    """Calendar first (it is the part most likely refused), then each changed policy."""
    if calendar is not None:
        name, tz, hours, holidays, version = calendar
        sla_admin.save_calendar(db, name, tz, hours, holidays, expected_version=version)
    for name, first, resolution, version, reopen in policies:
        sla_admin.save_policy(
            db, name, first, resolution, expected_version=version, reopen_within_days=reopen
        )


class SlaEditorDialog(AdminEditorDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("SlaEditorDialog", 820, 720, db, _load, "save_sla", parent)
        self.policy_rows: list[PolicyRow] = []
        self.calendars: list[CalendarRow] = []

        self.policies_box = QGroupBox()
        self.policies = QTableWidget(0, 5)
        self.policies.setObjectName("Policies")
        self.policies.verticalHeader().setVisible(False)
        self.policies.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.policies.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3, 4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        pl = QVBoxLayout(self.policies_box)
        pl.addWidget(self.policies)

        self.calendar_box = QGroupBox()
        self.calendar = QComboBox()
        self.calendar.setObjectName("calendar")
        self.timezone = QLineEdit()
        self.timezone.setObjectName("timezone")
        self.days = [QLineEdit() for _ in sla_admin.WEEKDAYS]
        for i, line in enumerate(self.days):
            line.setObjectName(f"day{i}")
        self.holidays = QListWidget()
        self.holidays.setObjectName("holidays")
        self.holidays.setMaximumHeight(120)
        self.holiday_date = QDateEdit()
        self.holiday_date.setCalendarPopup(True)
        self.holiday_date.setDisplayFormat("dd/MM/yyyy")
        self.holiday_date.setDate(QDate.currentDate())
        self.add_holiday = QPushButton()
        self.remove_holiday = QPushButton()
        form = QFormLayout(self.calendar_box)
        form.setVerticalSpacing(8)
        self._labels = [make_label("", "field") for _ in range(2 + 7 + 1)]
        form.addRow(self._labels[0], self.calendar)
        form.addRow(self._labels[1], self.timezone)
        for i, line in enumerate(self.days):
            form.addRow(self._labels[2 + i], line)
        hol = QVBoxLayout()
        hol.addWidget(self.holidays)
        row = QHBoxLayout()
        row.addWidget(self.holiday_date)
        row.addWidget(self.add_holiday)
        row.addWidget(self.remove_holiday)
        row.addStretch(1)
        hol.addLayout(row)
        form.addRow(self._labels[9], hol)
        self.lay_out([(self.policies_box, 0), (self.calendar_box, 1)])

        self.calendar.currentIndexChanged.connect(self._show_calendar)
        self.add_holiday.clicked.connect(self._add_holiday)
        self.remove_holiday.clicked.connect(self._remove_holiday)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.retranslate_frame(self.tr("SLA and business hours"))
        self.policies_box.setTitle(self.tr("SLA policies (targets in business minutes)"))
        self.policies.setHorizontalHeaderLabels(
            [
                self.tr("Policy"),
                self.tr("First response"),
                self.tr("Resolution"),
                self.tr("Reopen within"),
                self.tr("Calendar"),
            ]
        )
        self.calendar_box.setTitle(self.tr("Business calendar"))
        days = (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )
        for label, text in zip(
            self._labels,
            (self.tr("Calendar"), self.tr("Time zone"), *days, self.tr("Holidays")),
            strict=True,
        ):
            label.setText(text)
        for line in self.days:
            line.setPlaceholderText(self.tr("Closed (or e.g. 08:00-12:00, 13:30-17:30)"))
        self.add_holiday.setText(self.tr("Add holiday"))
        self.remove_holiday.setText(self.tr("Remove"))

    # -- loading ----------------------------------------------------------------------

    def _loaded(self, result: tuple[list[PolicyRow], list[CalendarRow]]) -> None:
        self.policy_rows, self.calendars = result
        self.policies.setRowCount(len(self.policy_rows))
        for r, p in enumerate(self.policy_rows):
            name = QTableWidgetItem(p.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.policies.setItem(r, 0, name)
            for c, value in ((1, p.first_response_minutes), (2, p.resolution_minutes)):
                spin = QSpinBox()
                spin.setRange(1, MAX_MINUTES)
                spin.setSingleStep(15)
                spin.setSuffix(self.tr(" min"))
                spin.setValue(value)
                self.policies.setCellWidget(r, c, spin)
            # A repeat contact this many days after a resolution reopens the ticket.
            reopen = QSpinBox()
            reopen.setRange(0, 365)
            reopen.setSuffix(self.tr(" days"))
            reopen.setValue(p.reopen_days)
            self.policies.setCellWidget(r, 3, reopen)
            cal = QTableWidgetItem(p.calendar or self.tr("Always open"))
            cal.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.policies.setItem(r, 4, cal)
        self.calendar.blockSignals(True)
        keep = self.calendar.currentText()
        self.calendar.clear()
        for c in self.calendars:
            self.calendar.addItem(c.name, c.name)
        index = self.calendar.findText(keep)
        self.calendar.setCurrentIndex(max(index, 0))
        self.calendar.blockSignals(False)
        self.calendar_box.setEnabled(bool(self.calendars))
        self._show_calendar()

    def _show_calendar(self, *_args: object) -> None:
        cal = self.current_calendar()
        if cal is None:
            return
        self.timezone.setText(cal.timezone)
        for d, line in enumerate(self.days):
            line.setText(sla_admin.format_spans(cal.hours.get(d, [])))
        self.holidays.clear()
        for day in cal.holidays:
            self._holiday_item(day)

    def current_calendar(self) -> CalendarRow | None:
        i = self.calendar.currentIndex()
        return self.calendars[i] if 0 <= i < len(self.calendars) else None

    def _holiday_item(self, day: date) -> None:
        item = QListWidgetItem(day.strftime("%d/%m/%Y"))
        item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
        self.holidays.addItem(item)

    def holiday_dates(self) -> list[date]:
        return sorted(
            date.fromisoformat(self.holidays.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.holidays.count())
        )

    def _add_holiday(self) -> None:
        day = self.holiday_date.date().toPython()
        assert isinstance(day, date)
        if day not in self.holiday_dates():
            self._holiday_item(day)
            self.holidays.sortItems()

    def _remove_holiday(self) -> None:
        for item in self.holidays.selectedItems():
            self.holidays.takeItem(self.holidays.row(item))

    # -- saving -----------------------------------------------------------------------

    def save(self) -> None:
        self.notice.say("")
        try:
            calendar = None
            cal = self.current_calendar()
            if cal is not None:
                hours = {d: sla_admin.parse_spans(line.text()) for d, line in enumerate(self.days)}
                calendar = (
                    cal.name,
                    self.timezone.text().strip(),
                    hours,
                    self.holiday_dates(),
                    cal.version,
                )
        except UserError as exc:
            self.error.show_error(texts.first_line(exc))
            return
        changed = []
        for r, p in enumerate(self.policy_rows):
            first = self.policies.cellWidget(r, 1).value()  # type: ignore[union-attr]
            resolution = self.policies.cellWidget(r, 2).value()  # type: ignore[union-attr]
            reopen = self.policies.cellWidget(r, 3).value()  # type: ignore[union-attr]
            if (first, resolution, reopen) != (
                p.first_response_minutes,
                p.resolution_minutes,
                p.reopen_days,
            ):
                changed.append((p.name, first, resolution, p.version, reopen))
        self._run(_save, self.db, calendar, changed, on_result=self._saved)

    def _saved(self, _result: object) -> None:
        self.notice.say(
            self.tr("Saved. New deadlines use these targets; open tickets keep theirs."), "hint"
        )
        self.reload()
