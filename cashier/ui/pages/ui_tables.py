"""Small helpers shared by the account pages: read-only tables and the names of codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cashier.domain.money import format_yuan

_CONTEXT = "Codes"
CODE_NAMES = {
    "residential": QT_TRANSLATE_NOOP("Codes", "Residential"),
    "non_residential": QT_TRANSLATE_NOOP("Codes", "Non-residential"),
    "area": QT_TRANSLATE_NOOP("Codes", "By area"),
    "metered": QT_TRANSLATE_NOOP("Codes", "Metered"),
    "heating": QT_TRANSLATE_NOOP("Codes", "Heating"),
    "suspended": QT_TRANSLATE_NOOP("Codes", "Suspended"),
    "cash": QT_TRANSLATE_NOOP("Codes", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("Codes", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("Codes", "Alipay"),
    "bank_card": QT_TRANSLATE_NOOP("Codes", "Bank card"),
    "bank_transfer": QT_TRANSLATE_NOOP("Codes", "Bank transfer"),
    "agent": QT_TRANSLATE_NOOP("Codes", "Agent collection"),
    "opening": QT_TRANSLATE_NOOP("Codes", "Opening arrears"),
    True: QT_TRANSLATE_NOOP("Codes", "Yes"),
    False: QT_TRANSLATE_NOOP("Codes", "No"),
}
"""Codes of the domain and the (translated) words a user reads for them."""

Cell = str | int | None


def name_of(code: object) -> str:
    """The user's word for a domain code (category, billing mode, status, channel, yes/no)."""
    source = CODE_NAMES.get(code)  # type: ignore[call-overload]
    return QCoreApplication.translate(_CONTEXT, source) if source else str(code or "")


def date_text(day: dt.date | dt.datetime | None) -> str:
    """2025-11-15 (a time is shown as 2025-11-15 09:30 in local time)."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        return day.astimezone().strftime("%Y-%m-%d %H:%M")
    return day.isoformat()


def money_text(fen: int | None) -> str:
    """¥1,234.56, or empty for None."""
    return "" if fen is None else format_yuan(fen)


def read_only_table(
    headers: Sequence[str], parent: QWidget | None = None, *, stretch_last: bool = True
) -> QTableWidget:
    """A table the user reads and selects in but never edits; the last column takes the
    spare width unless `stretch_last` is False (a column of amounts stays next to the rest)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_last)
    return table


def fill_table(
    table: QTableWidget, rows: Sequence[Sequence[Cell]], right: Sequence[int] = ()
) -> None:
    """Replace the table's rows; columns listed in `right` (numbers, money) align right."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
