"""The Repairs page's order table and the words it shows for repair codes.

The table is the Service page's lazy RecordTableModel (one page of orders at a time, newest
first) with the repair columns; overdue and late orders are shown in red.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from cashier.domain.repair_orders import CHINA, DONE, OPEN, VOID, Order
from cashier.ui.pages.service_models import OVERDUE, Column, PageFetcher, RecordTableModel

_CONTEXT = "RepairTables"
WORDS = {
    "phone": QT_TRANSLATE_NOOP("RepairTables", "Phone"),
    "counter": QT_TRANSLATE_NOOP("RepairTables", "Counter"),
    "on_site": QT_TRANSLATE_NOOP("RepairTables", "On site"),
    "company": QT_TRANSLATE_NOOP("RepairTables", "Company"),
    "household": QT_TRANSLATE_NOOP("RepairTables", "Household"),
    OPEN: QT_TRANSLATE_NOOP("RepairTables", "Open"),
    DONE: QT_TRANSLATE_NOOP("RepairTables", "Finished"),
    VOID: QT_TRANSLATE_NOOP("RepairTables", "Cancelled"),
    "paid": QT_TRANSLATE_NOOP("RepairTables", "Paid"),
    "free": QT_TRANSLATE_NOOP("RepairTables", "Free"),
    "dispatched": QT_TRANSLATE_NOOP("RepairTables", "Dispatched"),
    "arrived": QT_TRANSLATE_NOOP("RepairTables", "Arrived"),
    "finished": QT_TRANSLATE_NOOP("RepairTables", "Finished"),
    "cancelled": QT_TRANSLATE_NOOP("RepairTables", "Cancelled"),
    "charge": QT_TRANSLATE_NOOP("RepairTables", "Paid/free revised"),
    "very_satisfied": QT_TRANSLATE_NOOP("RepairTables", "Very satisfied"),
    "satisfied": QT_TRANSLATE_NOOP("RepairTables", "Satisfied"),
    "neutral": QT_TRANSLATE_NOOP("RepairTables", "Neutral"),
    "dissatisfied": QT_TRANSLATE_NOOP("RepairTables", "Dissatisfied"),
    "labour": QT_TRANSLATE_NOOP("RepairTables", "Labour"),
    "material": QT_TRANSLATE_NOOP("RepairTables", "Material"),
}
"""Codes of repair records and the (translated) words a user reads for them."""

OVERDUE_TEXT = QT_TRANSLATE_NOOP("RepairTables", "Overdue: nobody on site")
LATE_TEXT = QT_TRANSLATE_NOOP("RepairTables", "{minutes} min (late)")
ON_TIME_TEXT = QT_TRANSLATE_NOOP("RepairTables", "{minutes} min")
DUE_TEXT = QT_TRANSLATE_NOOP("RepairTables", "Due {time}")


def tr(text: str) -> str:
    """Translate ``text`` (marked with QT_TRANSLATE_NOOP("RepairTables", ...))."""
    return QCoreApplication.translate(_CONTEXT, text)


def word(code: str) -> str:
    """The user's word for a repair code."""
    source = WORDS.get(code)
    return tr(source) if source else code


def moment_text(moment: dt.datetime | None) -> str:
    """A time as 2025-12-01 10:30, Beijing time."""
    return "" if moment is None else moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def arrival_text(order: Order, now: dt.datetime | None = None) -> str:
    """Minutes from the call to arrival, "(late)" past 30, or overdue / due by when."""
    minutes = order.arrival_minutes()
    if minutes is not None:
        return tr(LATE_TEXT if order.arrived_late else ON_TIME_TEXT).format(minutes=minutes)
    if order.status != OPEN:
        return ""
    if order.overdue(now or dt.datetime.now(dt.UTC)):
        return tr(OVERDUE_TEXT)
    return tr(DUE_TEXT).format(time=order.arrival_due.astimezone(CHINA).strftime("%H:%M"))


def arrival_color(order: Order) -> QColor | None:
    """Red for an order overdue now or reached late."""
    return OVERDUE if order.arrived_late or order.overdue(dt.datetime.now(dt.UTC)) else None


def _who(order: Order) -> str:
    return " ".join(filter(None, [order.account_no, order.customer_name, order.address]))


def _charge(order: Order) -> str:
    return word("paid" if order.charge[1] else "free")


ORDER_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RepairTables", "Number"), lambda o: o.number),
    Column(QT_TRANSLATE_NOOP("RepairTables", "Received"), lambda o: moment_text(o.received_at)),
    Column(QT_TRANSLATE_NOOP("RepairTables", "Customer"), _who),
    Column(QT_TRANSLATE_NOOP("RepairTables", "Charge"), _charge),
    Column(QT_TRANSLATE_NOOP("RepairTables", "Arrival"), arrival_text, arrival_color),
    Column(QT_TRANSLATE_NOOP("RepairTables", "State"), lambda o: word(o.status)),
    Column(QT_TRANSLATE_NOOP("RepairTables", "Technicians"), lambda o: "、".join(o.technicians)),
    Column(QT_TRANSLATE_NOOP("RepairTables", "Fault"), lambda o: o.fault),
)
"""The columns of the order list."""


class OrderTableModel(RecordTableModel):
    """Repair orders newest first, fetched a page at a time; headers in RepairTables."""

    def __init__(self, fetch: PageFetcher, parent: QObject | None = None) -> None:
        super().__init__(ORDER_COLUMNS, fetch, parent)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(ORDER_COLUMNS):
            return tr(ORDER_COLUMNS[section].header)
        return None
