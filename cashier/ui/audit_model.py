"""A Qt table model over the audit log that fetches one page at a time as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from cashier.domain.audit import AuditRecord, event_label

PAGE_SIZE = 200
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

Fetch = Callable[[int, int], list[AuditRecord]]
"""fetch(offset, limit) -> the entries at those positions, newest first."""

AnyIndex = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """Rows of audit entries, loaded `PAGE_SIZE` at a time through canFetchMore/fetchMore."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AuditTableModel", "No."),
        QT_TRANSLATE_NOOP("AuditTableModel", "Time"),
        QT_TRANSLATE_NOOP("AuditTableModel", "Staff no."),
        QT_TRANSLATE_NOOP("AuditTableModel", "Name"),
        QT_TRANSLATE_NOOP("AuditTableModel", "Event"),
        QT_TRANSLATE_NOOP("AuditTableModel", "Details"),
    )

    def __init__(self, fetch: Fetch | None = None, total: int = 0, parent=None) -> None:
        super().__init__(parent)
        self._fetch: Fetch = fetch or (lambda offset, limit: [])
        self._total = total
        self._rows: list[AuditRecord] = []

    def reset(self, fetch: Fetch, total: int) -> None:
        """Start over with another query of `total` entries."""
        self.beginResetModel()
        self._fetch = fetch
        self._total = total
        self._rows = []
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many entries the query matches (loaded or not)."""
        return self._total

    def entry(self, row: int) -> AuditRecord:
        """The entry shown in `row` (loaded rows only)."""
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = self._fetch(len(self._rows), PAGE_SIZE)
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.event}\n{entry.details_summary()}\nSHA-256 {entry.hash}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(entry: AuditRecord, column: int) -> str:
        if column == 0:
            return str(entry.seq)
        if column == 1:
            return entry.recorded_at.astimezone().strftime(TIME_FORMAT)
        if column == 2:
            return entry.staff_no
        if column == 3:
            return entry.actor_name
        if column == 4:
            return event_label(entry.event)
        return entry.details_summary()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("AuditTableModel", self.HEADERS[section])
        return None
