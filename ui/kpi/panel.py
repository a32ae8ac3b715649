"""The supervisor's KPI panel: live queue tiles on top; below, a date range and
grouping, summary tiles for the range, and tabs of charts and tables (calls, agents,
service and departments, customers, staffing). Every query runs in the background;
tables and charts can be saved as CSV and PNG."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.kpi.periods import Grain, local_midnight
from app.kpi.settings import KpiSettings
from db.engine import Database
from ui.app_messages import user_text
from ui.kpi import loaders, texts
from ui.kpi.charts import Chart
from ui.kpi.live import LiveFeed, QueueTiles, Tile
from ui.kpi.loaders import CallsResult, CustomersResult, Query, ServiceResult
from ui.kpi.models import Column, RecordTableModel
from ui.kpi.texts import tr
from ui.widgets import make_label
from ui.worker import Task, run_in_background

DEFAULT_DAYS = 7


def _col(title: str, key: str, show: Callable[[Any], str] = str, numeric: bool = True) -> Column:
    return Column(lambda: tr(title), key, show, numeric)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _table(model: RecordTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setMinimumHeight(160)
    return view


class KpiPanel(QWidget):
    """One tab of the main window, for supervisors and administrators."""

    wallboardRequested = Signal()
    loaded = Signal(str)  # which part finished loading: calls, service, customers, staffing

    def __init__(self, db: Database, feed: LiveFeed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KpiPanel")
        self.db, self.feed = db, feed
        self.settings = KpiSettings()
        self._tasks: dict[str, Task] = {}
        self.errors: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)

        head = QHBoxLayout()
        self.live_title = make_label("", "section")
        self.live_state = make_label("", "status")
        self.wallboard_button = QPushButton()
        self.wallboard_button.clicked.connect(self.wallboardRequested)
        head.addWidget(self.live_title)
        head.addWidget(self.live_state, 1)
        head.addWidget(self.wallboard_button)
        outer.addLayout(head)
        self.tiles = QueueTiles(0.55)
        outer.addWidget(self.tiles)

        controls = QHBoxLayout()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.grain_label, self.queue_label = QLabel(), QLabel()
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(-(DEFAULT_DAYS - 1)))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.grain_combo = QComboBox()
        for g in (Grain.HOUR, Grain.DAY, Grain.WEEK):
            self.grain_combo.addItem("", g.value)
        self.grain_combo.setCurrentIndex(1)
        self.queue_combo = QComboBox()
        self.queue_combo.addItem("", None)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.export_table_button = QPushButton()
        self.export_table_button.clicked.connect(self._ask_export_table)
        self.export_chart_button = QPushButton()
        self.export_chart_button.clicked.connect(self._ask_export_chart)
        for w in (
            self.from_label,
            self.from_edit,
            self.to_label,
            self.to_edit,
            self.grain_label,
            self.grain_combo,
            self.queue_label,
            self.queue_combo,
            self.refresh_button,
        ):
            controls.addWidget(w)
        controls.addStretch(1)
        controls.addWidget(self.export_table_button)
        controls.addWidget(self.export_chart_button)
        outer.addLayout(controls)

        self.summary_tiles = {
            k: Tile(0.55)
            for k in (
                "service_level",
                "asa",
                "aht",
                "abandonment",
                "fcr",
                "sla",
                "complaints",
                "csat",
            )
        }
        summary = QHBoxLayout()
        summary.setSpacing(6)
        holder = QWidget()
        holder.setStyleSheet(texts.TILE_STYLE)
        holder.setLayout(summary)
        for t in self.summary_tiles.values():
            summary.addWidget(t)
        outer.addWidget(holder)

        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self._build_calls_tab()
        self._build_agents_tab()
        self._build_service_tab()
        self._build_customers_tab()
        self._build_staffing_tab()

        feed.updated.connect(self._live)
        feed.failed.connect(self._live_failed)
        self.retranslate()

    # -- construction -------------------------------------------------------------------

    def _scroll(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(inner)
        return area

    def _build_calls_tab(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        grid = QGridLayout()
        self.volume_chart, self.sl_chart = Chart(), Chart()
        self.aht_chart, self.abandon_chart = Chart(), Chart()
        for i, c in enumerate(
            (self.volume_chart, self.sl_chart, self.aht_chart, self.abandon_chart)
        ):
            grid.addWidget(c, i // 2, i % 2)
        lay.addLayout(grid)
        self.calls_model = RecordTableModel(
            [
                _col(QT_TRANSLATE_NOOP("Kpi", "Interval"), "group", _text, False),
                _col(QT_TRANSLATE_NOOP("Kpi", "Offered"), "offered", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Answered"), "answered", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Abandoned"), "abandoned", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Short abandons"), "short_abandoned", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Service level"), "service_level", texts.pct),
                _col(QT_TRANSLATE_NOOP("Kpi", "ASA"), "asa_seconds", texts.duration),
                _col(QT_TRANSLATE_NOOP("Kpi", "AHT"), "aht_seconds", texts.duration),
                _col(QT_TRANSLATE_NOOP("Kpi", "Abandonment"), "abandonment_rate", texts.pct),
            ],
            self,
        )
        self.calls_view = _table(self.calls_model)
        lay.addWidget(self.calls_view)
        self.tabs.addTab(self._scroll(page), "")
        self.charts_by_tab: dict[int, list[Chart]] = {
            0: [self.volume_chart, self.sl_chart, self.aht_chart, self.abandon_chart]
        }
        self.model_by_tab: dict[int, RecordTableModel] = {0: self.calls_model}

    def _build_agents_tab(self) -> None:
        self.agents_model = RecordTableModel(
            [
                _col(QT_TRANSLATE_NOOP("Kpi", "Agent"), "agent", _text, False),
                _col(QT_TRANSLATE_NOOP("Kpi", "Name"), "name", _text, False),
                _col(QT_TRANSLATE_NOOP("Kpi", "Department"), "department", _text, False),
                _col(QT_TRANSLATE_NOOP("Kpi", "Handled"), "handled", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "AHT"), "aht_seconds", texts.duration),
                _col(QT_TRANSLATE_NOOP("Kpi", "Occupancy"), "occupancy", texts.pct),
                _col(QT_TRANSLATE_NOOP("Kpi", "FCR"), "fcr", texts.pct),
                _col(QT_TRANSLATE_NOOP("Kpi", "CSAT"), "csat", texts.pct),
            ],
            self,
        )
        self.agents_view = _table(self.agents_model)
        self.agents_view.setSortingEnabled(False)
        self.tabs.addTab(self.agents_view, "")
        self.charts_by_tab[1] = []
        self.model_by_tab[1] = self.agents_model

    def _build_service_tab(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        row = QHBoxLayout()
        self.sla_chart, self.complaint_chart, self.csat_chart = Chart(), Chart(), Chart()
        for c in (self.sla_chart, self.complaint_chart, self.csat_chart):
            row.addWidget(c)
        lay.addLayout(row)
        self.departments_model = RecordTableModel(
            [
                _col(QT_TRANSLATE_NOOP("Kpi", "Department"), "name", _text, False),
                _col(QT_TRANSLATE_NOOP("Kpi", "Open"), "open", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Overdue"), "overdue", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Resolved"), "resolved", texts.num),
                _col(
                    QT_TRANSLATE_NOOP("Kpi", "Average resolution"),
                    "avg_resolution_hours",
                    texts.hours,
                ),
                _col(QT_TRANSLATE_NOOP("Kpi", "Deadlines"), "sla_due", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "SLA compliance"), "sla_compliance", texts.pct),
            ],
            self,
        )
        self.departments_view = _table(self.departments_model)
        lay.addWidget(self.departments_view)
        self.tabs.addTab(self._scroll(page), "")
        self.charts_by_tab[2] = [self.sla_chart, self.complaint_chart, self.csat_chart]
        self.model_by_tab[2] = self.departments_model

    def _build_customers_tab(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        row = QHBoxLayout()
        self.segment_chart, self.segment_complaint_chart = Chart(), Chart()
        self.retention_chart = Chart()
        for c in (self.segment_chart, self.segment_complaint_chart, self.retention_chart):
            row.addWidget(c)
        lay.addLayout(row)
        self.segments_model = RecordTableModel(
            [
                _col(QT_TRANSLATE_NOOP("Kpi", "Segment"), "segment", texts.segment, False),
                _col(QT_TRANSLATE_NOOP("Kpi", "Customers"), "customers", texts.num),
                _col(
                    QT_TRANSLATE_NOOP("Kpi", "Value"),
                    "value",
                    lambda v: texts.num(float(v)) if v is not None else texts.DASH,
                ),
                _col(
                    QT_TRANSLATE_NOOP("Kpi", "Average value"),
                    "avg_value",
                    lambda v: texts.num(float(v)) if v is not None else texts.DASH,
                ),
                _col(QT_TRANSLATE_NOOP("Kpi", "Complaints"), "complaints", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Contacts"), "interactions", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Complaint rate"), "complaint_rate", texts.pct),
            ],
            self,
        )
        self.segments_view = _table(self.segments_model)
        lay.addWidget(self.segments_view)
        self.retention_model = RecordTableModel(
            [
                _col(QT_TRANSLATE_NOOP("Kpi", "Month"), "period", _text, False),
                _col(QT_TRANSLATE_NOOP("Kpi", "Active"), "active", texts.num),
                _col(
                    QT_TRANSLATE_NOOP("Kpi", "Active the month before"),
                    "previous_active",
                    texts.num,
                ),
                _col(QT_TRANSLATE_NOOP("Kpi", "Retained"), "retained", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Retention"), "retention", texts.pct),
                _col(QT_TRANSLATE_NOOP("Kpi", "Churn"), "churn", texts.pct),
            ],
            self,
        )
        self.retention_view = _table(self.retention_model)
        lay.addWidget(self.retention_view)
        self.tabs.addTab(self._scroll(page), "")
        self.charts_by_tab[3] = [
            self.segment_chart,
            self.segment_complaint_chart,
            self.retention_chart,
        ]
        self.model_by_tab[3] = self.segments_model

    def _build_staffing_tab(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.staffing_note = make_label("", "hint", wrap=True)
        lay.addWidget(self.staffing_note)
        self.staffing_chart = Chart()
        self.staffing_chart.setMaximumHeight(280)
        lay.addWidget(self.staffing_chart)
        self.staffing_model = RecordTableModel(
            [
                _col(QT_TRANSLATE_NOOP("Kpi", "Interval"), "interval", _text, False),
                _col(
                    QT_TRANSLATE_NOOP("Kpi", "Forecast calls"),
                    "forecast_calls",
                    lambda v: texts.num(v, 1),
                ),
                _col(QT_TRANSLATE_NOOP("Kpi", "AHT"), "aht_seconds", texts.duration),
                _col(QT_TRANSLATE_NOOP("Kpi", "Erlangs"), "erlangs", lambda v: texts.num(v, 2)),
                _col(QT_TRANSLATE_NOOP("Kpi", "Agents needed"), "agents_needed", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Agents logged in"), "logged_in", texts.num),
                _col(QT_TRANSLATE_NOOP("Kpi", "Calls offered"), "offered", texts.num),
            ],
            self,
        )
        self.staffing_view = _table(self.staffing_model)
        lay.addWidget(self.staffing_view)
        self.tabs.addTab(self._scroll(page), "")
        self.charts_by_tab[4] = [self.staffing_chart]
        self.model_by_tab[4] = self.staffing_model

    # -- text ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.live_title.setText(self.tr("Live"))
        self.wallboard_button.setText(self.tr("Wallboard"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.grain_label.setText(self.tr("Group by"))
        self.queue_label.setText(self.tr("Queue"))
        for i, name in enumerate((self.tr("Hour"), self.tr("Day"), self.tr("Week"))):
            self.grain_combo.setItemText(i, name)
        self.queue_combo.setItemText(0, self.tr("All queues"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_table_button.setText(self.tr("Export table…"))
        self.export_chart_button.setText(self.tr("Export chart…"))
        for i, name in enumerate(
            (
                self.tr("Calls"),
                self.tr("Agents"),
                self.tr("Service and departments"),
                self.tr("Customers"),
                self.tr("Staffing"),
            )
        ):
            self.tabs.setTabText(i, name)
        titles = {
            self.volume_chart: self.tr("Calls offered"),
            self.sl_chart: self.tr("Service level"),
            self.aht_chart: self.tr("Average handle time (s)"),
            self.abandon_chart: self.tr("Abandonment"),
            self.sla_chart: self.tr("SLA compliance by department"),
            self.complaint_chart: self.tr("Complaint rate"),
            self.csat_chart: self.tr("Customer satisfaction (CSAT)"),
            self.segment_chart: self.tr("Customers per RFM segment"),
            self.segment_complaint_chart: self.tr("Complaint rate by segment"),
            self.retention_chart: self.tr("Retention by month"),
            self.staffing_chart: self.tr("Agents needed (Erlang C) and logged in"),
        }
        for chart, title in titles.items():
            chart.title.setText(title)
        self.staffing_note.setText(
            self.tr(
                "Forecast: the same half hour on the same weekday over the last 4 weeks. "
                "Agents needed meet %1 of calls answered within %2 s."
            )
            .replace("%1", texts.pct(self.settings.sl_target, 0))
            .replace("%2", str(self.settings.sl_seconds))
        )
        for model in (
            self.calls_model,
            self.agents_model,
            self.departments_model,
            self.segments_model,
            self.retention_model,
            self.staffing_model,
        ):
            model.retranslate()
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- live ---------------------------------------------------------------------------

    def _live(self, snap: Any) -> None:
        settings = self.feed.settings or self.settings
        self.tiles.show_snapshot(snap, settings)
        at = snap.at.astimezone(settings.zone).strftime("%H:%M:%S")
        self.live_state.setText(self.tr("updated %1").replace("%1", at))
        known = {self.queue_combo.itemData(i) for i in range(self.queue_combo.count())}
        for q in snap.queues:
            if q.queue and q.queue not in known:
                self.queue_combo.addItem(q.queue, q.queue)

    def _live_failed(self, message: str) -> None:
        text = self.tr("live figures unavailable: %1").replace("%1", user_text(message))
        self.live_state.setText(text)

    # -- history ------------------------------------------------------------------------

    def query(self) -> Query:
        zone = self.settings.zone
        d0 = self.from_edit.date().toPython()
        d1 = self.to_edit.date().toPython()
        if d1 < d0:
            d0, d1 = d1, d0
        assert isinstance(d0, date) and isinstance(d1, date)
        grain = Grain(self.grain_combo.currentData())
        return Query(
            local_midnight(d0, zone),
            local_midnight(d1 + timedelta(days=1), zone),
            grain,
            self.queue_combo.currentData(),
            d1,
        )

    def set_range(self, start: date, end: date, grain: Grain = Grain.DAY) -> None:
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.to_edit.setDate(QDate(end.year, end.month, end.day))
        self.grain_combo.setCurrentIndex(self.grain_combo.findData(grain.value))

    def refresh(self) -> None:
        if self.feed.settings is not None:
            self.settings = self.feed.settings
        q = self.query()
        for task in self._tasks.values():
            task.cancel()
        self.errors = []
        jobs: dict[str, tuple[Callable[..., Any], Callable[[Any], None]]] = {
            "calls": (loaders.load_calls, self._calls_loaded),
            "service": (loaders.load_service, self._service_loaded),
            "customers": (loaders.load_customers, self._customers_loaded),
            "staffing": (loaders.load_staffing, self._staffing_loaded),
        }
        for name, (fn, done) in jobs.items():
            self._tasks[name] = run_in_background(
                fn, self.db, q, on_result=self._deliver(name, done), on_error=self._failed
            )

    def busy(self) -> bool:
        return any(not t.cancelled for t in self._tasks.values())

    def _deliver(self, name: str, done: Callable[[Any], None]) -> Callable[[Any], None]:
        def deliver(result: Any) -> None:
            self._tasks.pop(name, None)
            done(result)
            self.loaded.emit(name)

        return deliver

    def _failed(self, exc: BaseException) -> None:
        self.errors.append(str(exc))
        self.live_state.setText(self.tr("could not load figures: %1").replace("%1", user_text(exc)))

    def _calls_loaded(self, res: CallsResult) -> None:
        self.settings = res.settings
        rep = res.series
        rows = [{"group": r.label, **r.totals.as_dict()} for r in rep.rows]
        self.calls_model.set_rows(rows)
        labels = [self._short(r.label) for r in rep.rows]
        self.volume_chart.show_series(
            labels,
            [
                (self.tr("Offered"), [r.totals.offered for r in rep.rows]),
                (self.tr("Answered"), [r.totals.answered for r in rep.rows]),
            ],
            bars=True,
        )
        self.sl_chart.show_series(
            labels,
            [(self.tr("Service level"), [r.totals.service_level for r in rep.rows])],
            target=res.settings.sl_target,
            percent=True,
        )
        self.aht_chart.show_series(
            labels,
            [
                (self.tr("AHT"), [r.totals.aht_seconds for r in rep.rows]),
                (self.tr("ASA"), [r.totals.asa_seconds for r in rep.rows]),
            ],
        )
        self.abandon_chart.show_series(
            labels,
            [(self.tr("Abandonment"), [r.totals.abandonment_rate for r in rep.rows])],
            percent=True,
        )
        self.range_total = rep.total
        self.range_summary = res.summary
        self._show_summary()
        self.retranslate()

    def _short(self, label: str) -> str:
        """Chart ticks: 03-02 for days, 09:00 (or 03-02 09h) for hours."""
        if "T" in label:
            day, clock = label.split("T")
            return (
                clock[:5]
                if self.grain_combo.currentData() == "hour" and len(self.calls_model.rows) <= 24
                else f"{day[5:]} {clock[:2]}h"
            )
        return label[5:] if len(label) == 10 else label

    def _show_summary(self) -> None:
        total = getattr(self, "range_total", None)
        summ = getattr(self, "range_summary", None)
        t = self.summary_tiles
        s = self.settings
        if total is None or summ is None:
            for tile in t.values():
                tile.show_value("", texts.DASH)
            return
        t["service_level"].show_value(
            self.tr("Service level"),
            texts.pct(total.service_level),
            self.tr("%1 offered").replace("%1", texts.num(total.offered)),
            texts.sl_tone(total.service_level, s.sl_target),
        )
        t["asa"].show_value(
            self.tr("ASA"),
            texts.duration(total.asa_seconds),
            self.tr("%1 answered").replace("%1", texts.num(total.answered)),
        )
        t["aht"].show_value(
            self.tr("AHT"),
            texts.duration(total.aht_seconds),
            self.tr("%1 handled").replace("%1", texts.num(total.handled)),
        )
        t["abandonment"].show_value(
            self.tr("Abandonment"),
            texts.pct(total.abandonment_rate),
            self.tr("%1 short abandons").replace("%1", texts.num(total.short_abandoned)),
            texts.abandon_tone(total.abandonment_rate),
        )
        t["fcr"].show_value(
            self.tr("FCR"),
            texts.pct(summ.fcr.value),
            self.tr("%1 resolved").replace("%1", texts.num(summ.fcr.den)),
        )
        t["sla"].show_value(
            self.tr("SLA compliance"),
            texts.pct(summ.sla.value),
            self.tr("%1 deadlines").replace("%1", texts.num(summ.sla.den)),
            texts.sl_tone(summ.sla.value, 0.9),
        )
        t["complaints"].show_value(
            self.tr("Complaint rate"),
            texts.pct(summ.complaints.value),
            self.tr("%1 complaints").replace("%1", texts.num(summ.complaints.num)),
        )
        t["csat"].show_value(
            self.tr("CSAT"),
            texts.pct(summ.csat.value),
            self.tr("%1 ratings").replace("%1", texts.num(summ.csat.den)),
        )

    def _service_loaded(self, res: ServiceResult) -> None:
        self.departments_model.set_rows(res.departments)
        self.agents_model.set_rows(res.agents)
        deps = [d for d in res.departments if d["sla_due"]]
        self.sla_chart.show_series(
            [d["name"] for d in deps],
            [(self.tr("SLA compliance"), [d["sla_compliance"] for d in deps])],
            bars=True,
            target=0.9,
            percent=True,
        )
        labels = [s.astimezone(self.settings.zone).strftime("%m-%d") for s, _ in res.complaints]
        self.complaint_chart.show_series(
            labels,
            [(self.tr("Complaint rate"), [r.value for _, r in res.complaints])],
            percent=True,
        )
        self.csat_chart.show_series(
            labels, [(self.tr("CSAT"), [r.value for _, r in res.csat])], percent=True
        )

    def _customers_loaded(self, res: CustomersResult) -> None:
        self.segments_model.set_rows(res.segments)
        self.retention_model.set_rows(res.retention)
        names = [texts.segment(r["segment"]) for r in res.segments]
        self.segment_chart.show_series(
            names, [(self.tr("Customers"), [r["customers"] for r in res.segments])], horizontal=True
        )
        self.segment_complaint_chart.show_series(
            names,
            [(self.tr("Complaint rate"), [r["complaint_rate"] for r in res.segments])],
            horizontal=True,
            percent=True,
        )
        self.retention_chart.show_series(
            [r["period"] for r in res.retention],
            [
                (self.tr("Retention"), [r["retention"] for r in res.retention]),
                (self.tr("Churn"), [r["churn"] for r in res.retention]),
            ],
            percent=True,
        )

    def _staffing_loaded(self, rows: list[dict[str, Any]]) -> None:
        self.staffing_model.set_rows(rows)
        self.staffing_chart.show_series(
            [r["interval"] for r in rows],
            [
                (self.tr("Agents needed"), [r["agents_needed"] for r in rows]),
                (self.tr("Agents logged in"), [r["logged_in"] for r in rows]),
            ],
        )

    # -- export -------------------------------------------------------------------------

    def current_model(self) -> RecordTableModel:
        return self.model_by_tab[self.tabs.currentIndex()]

    def export_table(self, path: Path, model: RecordTableModel | None = None) -> int:
        return (model or self.current_model()).export_csv(path)

    def export_chart(self, chart: Chart, path: Path) -> bool:
        return chart.save_png(path)

    def _ask_export_table(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export table"), "kpi.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_table(Path(path))

    def _ask_export_chart(self) -> None:
        charts = self.charts_by_tab.get(self.tabs.currentIndex()) or []
        if not charts:
            return
        menu = QMenu(self)
        for chart in charts:
            action = menu.addAction(chart.title.text())
            action.setData(charts.index(chart))
        chosen = menu.exec(
            self.export_chart_button.mapToGlobal(self.export_chart_button.rect().bottomLeft())
        )
        if chosen is None:
            return
        chart = charts[int(chosen.data())]
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), "chart.png", self.tr("PNG images (*.png)")
        )
        if path:
            self.export_chart(chart, Path(path))
