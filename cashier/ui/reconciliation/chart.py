"""The chart of the last 30 days' collections per method (QtCharts): stacked bars, one set per
method, in whole yuan (a chart axis needs numbers; the amounts shown in tables stay exact)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from cashier.domain.tender import method_label
from cashier.services.reconciliation import ChartData

MIN_AXIS_YUAN = 10
"""The amount axis reaches at least this far, so days without money still get distinct ticks
(with a top of 1 the integer labels read 0, 0, 0, 0, 1)."""

COLOURS = {
    "cash": "#2e7d32",
    "wechat": "#43a047",
    "alipay": "#1e88e5",
    "bank_card": "#fb8c00",
    "bank_transfer": "#8e24aa",
    "agent": "#6d4c41",
}


def whole_yuan(fen: int) -> int:
    """Fen rounded half-up to whole yuan (for the bars only)."""
    return (fen + 50) // 100 if fen >= 0 else -((-fen + 50) // 100)


class CollectionsChart(QChartView):
    """Stacked bars of money booked per day and method."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collectionsChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.data: ChartData | None = None
        self.setChart(QChart())

    def show_data(self, data: ChartData) -> None:
        """Draw `data` (days oldest first; one bar set per method)."""
        self.data = data
        chart = QChart()
        chart.setTitle(self.tr("Collections of the last {days} days (yuan)").format(
            days=len(data.days)
        ))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        series = QStackedBarSeries()
        for method, values in data.by_method.items():
            bars = QBarSet(method_label(method))
            bars.setColor(QColor(COLOURS.get(method, "#607d8b")))
            for fen in values:
                bars.append(whole_yuan(fen))
            series.append(bars)
        totals = [
            sum(max(values[i], 0) for values in data.by_method.values())
            for i in range(len(data.days))
        ]
        top = whole_yuan(max(totals, default=0))
        chart.addSeries(series)
        days = QBarCategoryAxis()
        days.append([day.strftime("%m-%d") for day in data.days])
        days.setLabelsAngle(-90)
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(days)
        amounts = QValueAxis()
        amounts.setRange(0, max(MIN_AXIS_YUAN, top + top // 10 + 1))
        amounts.setLabelFormat("%d")
        amounts.applyNiceNumbers()
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(amounts)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()

    def series_totals(self) -> dict[str, int]:
        """Whole yuan per method over the days shown (for tests)."""
        if self.data is None:
            return {}
        return {
            method_label(m): sum(whole_yuan(f) for f in values)
            for m, values in self.data.by_method.items()
        }
