"""Small charts painted with QPainter: a line chart over time and a horizontal bar chart.

QtCharts is not in PySide6-Essentials and would add megabytes to the installer for two chart types; the
reports draw their own SVG for the same reason (services/report_charts.py). These widgets follow the
palette (dark themes too), resize with the window, and say so plainly when there is nothing to draw.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES_COLOURS = ("#1f6fb2", "#d9822b", "#2e8b57", "#8e44ad")
EMPTY_TEXT = "No sessions in this period yet."


class _Chart(QWidget):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _start(self) -> tuple[QPainter, QColor]:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(ink)
        bold = painter.font()
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        painter.drawText(QRectF(8, 4, self.width() - 16, 22), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.restore()
        return painter, ink

    def _empty(self, painter: QPainter) -> None:
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)


class LineChart(_Chart):
    """Series of values over labelled points (dates); None leaves a gap. `percent` draws 0–100 %."""

    def __init__(self, title: str, percent: bool = True, parent=None):
        super().__init__(title, parent)
        self.percent = percent
        self.labels: list[str] = []
        self.data: dict[str, list[float | None]] = {}

    def set_series(self, labels: list[str], series: dict[str, list[float | None]]) -> None:
        self.labels, self.data = list(labels), {k: list(v) for k, v in series.items()}
        self.update()

    def series(self) -> dict[str, list[float | None]]:
        return self.data

    def paintEvent(self, _event) -> None:
        painter, ink = self._start()
        values = [v for vs in self.data.values() for v in vs if v is not None]
        if not values:
            self._empty(painter)
            return
        # Counts get a top that is a multiple of four, so the four gridlines land on whole numbers.
        top = 1.0 if self.percent else 4 * max(1, math.ceil(max(values) / 4))
        metrics = QFontMetrics(painter.font())
        plot = QRectF(metrics.horizontalAdvance("100 %") + 14, 48, 0, 0)
        plot.setRight(self.width() - 14)
        plot.setBottom(self.height() - metrics.height() - 12)
        grid = QColor(ink)
        grid.setAlpha(50)
        for step in range(5):  # four bands: 0, ¼, ½, ¾, all
            value = top * step / 4
            y = plot.bottom() - plot.height() * step / 4
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            text = f"{round(value * 100)} %" if self.percent else f"{value:g}"
            painter.drawText(QRectF(0, y - 9, plot.left() - 6, 18), Qt.AlignmentFlag.AlignRight, text)
        count = len(self.labels)

        def x_of(i: int) -> float:
            return plot.left() + (plot.width() * i / (count - 1) if count > 1 else plot.width() / 2)

        every = max(1, -(-count * metrics.horizontalAdvance("2026-01-01  ") // max(1, int(plot.width()))))
        for i in range(0, count, every):  # sparse labels: never overlapping
            left = min(max(x_of(i) - 45, 0), self.width() - 90)  # the last label stays inside
            painter.drawText(QRectF(left, plot.bottom() + 4, 90, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, self.labels[i])
        legend_x = plot.left()
        for n, (name, points) in enumerate(self.data.items()):
            colour = QColor(SERIES_COLOURS[n % len(SERIES_COLOURS)])
            painter.setPen(QPen(colour, 2))
            path, pen_down = QPainterPath(), False
            for i, value in enumerate(points):
                if value is None:
                    pen_down = False
                    continue
                point = QPointF(x_of(i), plot.bottom() - plot.height() * min(value, top) / top)
                path.lineTo(point) if pen_down else path.moveTo(point)
                pen_down = True
                painter.setBrush(colour)
                painter.drawEllipse(point, 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.fillRect(QRectF(legend_x, 30, 12, 12), colour)
            painter.setPen(ink)
            painter.drawText(QPointF(legend_x + 16, 41), name)
            legend_x += 28 + metrics.horizontalAdvance(name)
        painter.end()


class BarChart(_Chart):
    """Horizontal bars, one per label, longest first as given."""

    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self.bars: list[tuple[str, float]] = []

    def set_bars(self, bars: list[tuple[str, float]]) -> None:
        self.bars = list(bars)
        self.update()

    def paintEvent(self, _event) -> None:
        painter, ink = self._start()
        if not self.bars:
            self._empty(painter)
            return
        metrics = QFontMetrics(painter.font())
        label_width = max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 12
        top, row = 34.0, min(34.0, (self.height() - 40) / len(self.bars))
        most = max(value for _, value in self.bars) or 1
        room = self.width() - label_width - 60
        for i, (label, value) in enumerate(self.bars):
            y = top + i * row
            painter.setPen(ink)
            painter.drawText(QRectF(4, y, label_width - 8, row), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, label)
            width = room * value / most
            painter.fillRect(QRectF(label_width, y + row * 0.2, width, row * 0.6), QColor(SERIES_COLOURS[1]))
            painter.drawText(QRectF(label_width + width + 6, y, 50, row), Qt.AlignmentFlag.AlignVCenter,
                             f"{value:g}")
        painter.end()
