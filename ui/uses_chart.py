"""A bar chart of seal uses per day, one colour per seal, painted with QPainter (PySide6 here has no QtCharts).

The bars of a day are stacked, the seals named in a legend above the bars; the day axis is labelled every
fifth day. It shows what it is given, nothing more: :class:`ui.monthly_report_screen.MonthlyReportScreen`
fills it from the core's overview of the month.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["UsesChart", "COLORS"]

COLORS = ("#c0392b", "#2e5fa8", "#2e8b47", "#b8731a", "#7d3c98", "#16808c", "#8c6d1f", "#555555")
"""One per seal, in the legend's order (the eighth and later seals share the last)."""


class UsesChart(QWidget):
    """Uses per day, stacked per seal."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.days: list[str] = []
        self.series: list[tuple[str, list[int]]] = []
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setObjectName("reportChart")
        self.setFocusPolicy(Qt.TabFocus)
        self._describe()

    def set_data(self, days: list[str], series: list[tuple[str, list[int]]]) -> None:
        """``days`` (YYYY-MM-DD) and ``series``: (seal name, uses on each day)."""
        self.days, self.series = list(days), [(name, list(counts)) for name, counts in series]
        self._describe()
        self.update()

    def totals(self) -> list[int]:
        return [sum(counts[i] for _, counts in self.series) for i in range(len(self.days))]

    def _describe(self) -> None:
        """What a screen reader says: the chart's figures in words, since the bars cannot be read out."""
        self.setAccessibleName(self.tr("Seal uses per day"))
        totals = self.totals()
        peak = max(totals, default=0)
        busiest = self.days[totals.index(peak)] if peak else ""
        self.setAccessibleDescription(self.tr("{uses} uses in {days} days; the busiest day {day} with {peak}.").format(
            uses=sum(totals), days=len(self.days), day=busiest or "-", peak=peak))
        self.setToolTip(self.accessibleDescription())

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.LanguageChange:
            self._describe()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        text = self.palette().color(QPalette.WindowText)
        metrics = painter.fontMetrics()
        line = metrics.height()
        legend = self._legend(painter, line)
        area = QRectF(metrics.horizontalAdvance("0000") + 8, legend + 6, 0, 0)
        area.setRight(self.width() - 8)
        area.setBottom(self.height() - line - 6)
        totals = self.totals()
        peak = max(totals, default=0)
        painter.setPen(text)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        if not self.days or area.height() <= 0:
            return
        scale = area.height() / max(peak, 1)
        for tick in sorted({0, peak // 2, peak}):
            y = area.bottom() - tick * scale
            painter.drawText(QRectF(0, y - line / 2, area.left() - 4, line), Qt.AlignRight | Qt.AlignVCenter, str(tick))
        step = area.width() / len(self.days)
        for i, day in enumerate(self.days):
            x, base = area.left() + i * step, area.bottom()
            for n, (_name, counts) in enumerate(self.series):
                height = counts[i] * scale
                if height:
                    painter.fillRect(QRectF(x + step * 0.15, base - height, step * 0.7, height),
                                     QColor(COLORS[min(n, len(COLORS) - 1)]))
                    base -= height
            if i % 5 == 0 or i == len(self.days) - 1:
                painter.setPen(text)
                painter.drawText(QRectF(x - step, area.bottom() + 2, step * 3, line), Qt.AlignHCenter, day[8:])

    def _legend(self, painter: QPainter, line: int) -> float:
        """The seals' names and colours along the top; returns where the bars may start."""
        x, y = 8.0, 4.0
        for n, (name, _counts) in enumerate(self.series):
            width = painter.fontMetrics().horizontalAdvance(name) + line + 16
            if x + width > self.width() and x > 8:
                x, y = 8.0, y + line + 2
            painter.fillRect(QRectF(x, y + 2, line - 4, line - 4), QColor(COLORS[min(n, len(COLORS) - 1)]))
            painter.setPen(self.palette().color(QPalette.WindowText))
            painter.drawText(QRectF(x + line, y, width - line, line), Qt.AlignLeft | Qt.AlignVCenter, name)
            x += width
        return y + line
