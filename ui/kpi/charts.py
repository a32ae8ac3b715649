"""pyqtgraph charts for KPI series: bars or lines over labelled categories (intervals,
departments, segments), an optional target line, and PNG export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets import make_label

MAX_TICKS = 12
COLOURS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5")


class Chart(QWidget):
    """A titled plot; `show_series` replaces what it draws."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = make_label("", "section")
        layout.addWidget(self.title)
        self.plot = pg.PlotWidget(background=None)
        self.plot.setMinimumHeight(190)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.getPlotItem().setMenuEnabled(False)
        layout.addWidget(self.plot, 1)
        self.labels: list[str] = []
        self.series: dict[str, list[float | None]] = {}

    def show_series(
        self,
        labels: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None]]],
        *,
        bars: bool = False,
        target: float | None = None,
        percent: bool = False,
        horizontal: bool = False,
    ) -> None:
        """Draw each (name, values) over `labels`; None values leave a gap. `horizontal`
        draws one series as bars along the y axis, for categories with long names."""
        if horizontal:
            self._horizontal(labels, series[0], target=target, percent=percent)
            return
        self.plot.clear()
        self.labels = list(labels)
        self.series = {name: list(values) for name, values in series}
        scale = 100.0 if percent else 1.0
        n = len(labels)
        xs = list(range(n))
        legend = self.plot.getPlotItem().legend
        if legend is None and len(series) > 1:
            legend = self.plot.addLegend(offset=(5, 5))
        if legend is not None:
            legend.clear()
        width = 0.8 / max(1, len(series))
        for i, (name, values) in enumerate(series):
            colour = COLOURS[i % len(COLOURS)]
            ys = [float("nan") if v is None else v * scale for v in values]
            if bars:
                offset = (i - (len(series) - 1) / 2) * width
                item = pg.BarGraphItem(
                    x=[x + offset for x in xs],
                    height=[0 if y != y else y for y in ys],
                    width=width,
                    brush=colour,
                    name=name,
                )
                self.plot.addItem(item)  # named: the legend lists it by itself
            elif any(y == y for y in ys):  # an all-gap line draws nothing (and warns)
                self.plot.plot(
                    xs,
                    ys,
                    pen=pg.mkPen(colour, width=2),
                    name=name,
                    symbol="o" if n <= 40 else None,
                    symbolSize=5,
                    symbolBrush=colour,
                    connect="finite",
                )
        if target is not None:
            pen = pg.mkPen("#c53030", width=1, style=Qt.PenStyle.DashLine)
            line = pg.InfiniteLine(pos=target * scale, angle=0, pen=pen)
            self.plot.addItem(line)
        step = max(1, (n + MAX_TICKS - 1) // MAX_TICKS)
        ticks = [(i, labels[i]) for i in range(0, n, step)]
        self.plot.getAxis("bottom").setTicks([ticks, []])
        self.plot.getAxis("left").setTicks(None)
        if n:
            self.plot.setXRange(-0.6, n - 0.4, padding=0)
        self.plot.enableAutoRange(axis="y")

    def _horizontal(
        self,
        labels: Sequence[str],
        named: tuple[str, Sequence[float | None]],
        *,
        target: float | None,
        percent: bool,
    ) -> None:
        self.plot.clear()
        legend = self.plot.getPlotItem().legend
        if legend is not None:
            legend.clear()
        name, values = named
        self.labels, self.series = list(labels), {name: list(values)}
        scale = 100.0 if percent else 1.0
        n = len(labels)
        ys = list(range(n))[::-1]  # first category on top
        widths = [0.0 if v is None else v * scale for v in values]
        self.plot.addItem(
            pg.BarGraphItem(x0=[0] * n, y=ys, width=widths, height=0.7, brush=COLOURS[0])
        )
        if target is not None:
            pen = pg.mkPen("#c53030", width=1, style=Qt.PenStyle.DashLine)
            self.plot.addItem(pg.InfiniteLine(pos=target * scale, angle=90, pen=pen))
        self.plot.getAxis("left").setTicks(
            [[(y, label) for y, label in zip(ys, labels, strict=True)], []]
        )
        self.plot.getAxis("bottom").setTicks(None)
        if n:
            self.plot.setYRange(-0.6, n - 0.4, padding=0)
        self.plot.enableAutoRange(axis="x")

    def save_png(self, path: Path) -> bool:
        return bool(self.grab().save(str(path), "PNG"))
