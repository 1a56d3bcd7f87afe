"""The route as a table: one household per row in walking order, who still owes in colour."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from cashier.domain.money import format_yuan
from cashier.domain.route import CREDIT, OWES, PAID_TODAY, RouteStop

AnyIndex = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {OWES: "#ffe3e3", PAID_TODAY: "#d3f9d8", CREDIT: "#e7f5ff"}
STATUS_TEXTS = {
    "owes": QT_TRANSLATE_NOOP("RouteModel", "Owes"),
    "paid_today": QT_TRANSLATE_NOOP("RouteModel", "Paid today"),
    "clear": QT_TRANSLATE_NOOP("RouteModel", "Settled"),
    "credit": QT_TRANSLATE_NOOP("RouteModel", "Credit"),
}


class RouteModel(QAbstractTableModel):
    """Read-only rows of RouteStop; amounts right-aligned, rows tinted by status."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RouteModel", "Place"),
        QT_TRANSLATE_NOOP("RouteModel", "Account"),
        QT_TRANSLATE_NOOP("RouteModel", "Name"),
        QT_TRANSLATE_NOOP("RouteModel", "Owes"),
        QT_TRANSLATE_NOOP("RouteModel", "Taken today"),
        QT_TRANSLATE_NOOP("RouteModel", "Status"),
    )
    AMOUNT_COLUMNS = (3, 4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._stops: list[RouteStop] = []

    def set_stops(self, stops: Sequence[RouteStop]) -> None:
        """Show these stops (already in walking order)."""
        self.beginResetModel()
        self._stops = list(stops)
        self.endResetModel()

    def stop(self, row: int) -> RouteStop:
        """The stop shown in `row`."""
        return self._stops[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stops)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return QCoreApplication.translate("RouteModel", self.HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._stops):
            return None
        stop = self._stops[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(stop, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.AMOUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and stop.status in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[stop.status]))
        return None

    def _text(self, stop: RouteStop, column: int) -> str:
        if column == 0:
            return stop.place
        if column == 1:
            return stop.account_no
        if column == 2:
            return stop.name
        if column == 3:
            return format_yuan(stop.owed_fen) if stop.owed_fen > 0 else ""
        if column == 4:
            return format_yuan(stop.paid_today_fen) if stop.paid_today_fen else ""
        return QCoreApplication.translate("RouteModel", STATUS_TEXTS[stop.status])
