"""KPI thresholds (stored centrally for every workstation): service-level seconds and
target, short-abandon seconds, FCR window, the business time zone."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.kpi import settings as kpi_settings
from app.kpi.settings import KpiSettings
from db.engine import Database
from ui.app_messages import user_text
from ui.worker import run_in_background

ZONES = (
    "Asia/Ho_Chi_Minh",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Europe/London",
    "Europe/Paris",
    "America/New_York",
    "UTC",
)


class KpiSettingsDialog(QDialog):
    def __init__(self, db: Database, settings: KpiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.saved: KpiSettings | None = None
        self.sl = QSpinBox(minimum=1, maximum=3600, value=settings.sl_seconds)
        self.target = QDoubleSpinBox(
            minimum=1, maximum=99, decimals=0, value=round(settings.sl_target * 100)
        )
        self.target.setSuffix(" %")
        self.short = QSpinBox(minimum=0, maximum=600, value=settings.short_abandon_seconds)
        self.fcr = QSpinBox(minimum=1, maximum=90, value=settings.fcr_days)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(list(ZONES))
        self.zone.setCurrentText(settings.timezone)
        self.error = QLabel()
        self.error.setProperty("role", "result")
        self.error.setProperty("tone", "error")
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        for label, field in zip(
            self.labels, (self.sl, self.target, self.short, self.fcr, self.zone), strict=True
        ):
            self.form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setWindowTitle(self.tr("KPI settings"))
        texts = (
            self.tr("Service level: answered within (s)"),
            self.tr("Service-level target"),
            self.tr("Short abandon: hung up within (s)"),
            self.tr("FCR: no repeat contact within (days)"),
            self.tr("Business time zone"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)

    def value(self) -> KpiSettings:
        return replace(
            KpiSettings(),
            sl_seconds=self.sl.value(),
            sl_target=self.target.value() / 100,
            short_abandon_seconds=self.short.value(),
            fcr_days=self.fcr.value(),
            timezone=self.zone.currentText().strip(),
        )

    def save(self) -> None:
        try:
            value = self.value().validated()
        except UserError as exc:
            self.error.setText(user_text(exc))
            return
        run_in_background(
            kpi_settings.save,
            self.db,
            value,
            on_result=lambda _r: self._saved(value),
            on_error=self._failed,
        )

    def _saved(self, value: KpiSettings) -> None:
        self.saved = value
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(self.tr("Could not save: %1").replace("%1", user_text(exc)))
