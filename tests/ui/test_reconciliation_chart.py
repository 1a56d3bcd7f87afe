"""The collections chart's amount axis: readable ticks whatever the takings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QValueAxis

from cashier.services.reconciliation import ChartData
from cashier.ui.reconciliation.chart import MIN_AXIS_YUAN, CollectionsChart

DAYS = tuple(dt.date(2025, 11, 1) + dt.timedelta(days=i) for i in range(3))


def _range(qtbot, by_method: dict[str, tuple[int, ...]]) -> tuple[float, float]:
    chart = CollectionsChart()
    qtbot.addWidget(chart)
    chart.show_data(ChartData(days=DAYS, by_method=by_method))
    (axis,) = [a for a in chart.chart().axes() if isinstance(a, QValueAxis)]
    return axis.min(), axis.max()


def test_days_without_money_still_get_distinct_whole_yuan_ticks(qtbot):
    low, high = _range(qtbot, {"cash": (0, 0, 0)})
    assert low == 0 and high >= MIN_AXIS_YUAN


def test_the_axis_reaches_above_the_busiest_day(qtbot):
    low, high = _range(qtbot, {"cash": (120000, 0, 50000), "wechat": (30000, 0, 0)})
    assert low == 0 and high > 1500
