"""Table models of the Reconciliation page: the day's people, and the settlement items.

Both lists are short (a day's shifts and collectors; a day's unmatched items), so they are
loaded whole; they are still Qt models so the views sort, select and stay fast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cashier.domain.journal import local_time
from cashier.domain.money import format_yuan
from cashier.domain.settlement_match import line_key
from cashier.services.reconciliation import CASHIER_ROW, ReconRow
from cashier.services.settlements import DayMatch

Index = QModelIndex | QPersistentModelIndex
SHORT = QColor("#b00020")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _money(fen: int | None) -> str:
    return "—" if fen is None else format_yuan(fen)


class ReconRowsModel(QAbstractTableModel):
    """Every cashier's shift and collector of the day: expected, counted, difference."""

    MONEY_COLUMNS = (3, 4, 5)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ReconRow] = []
        self.headers = [
            self.tr("Kind"), self.tr("Staff"), self.tr("Counter / receipts"), self.tr("Expected"),
            self.tr("Counted"), self.tr("Difference"), self.tr("Status"),
        ]

    def set_rows(self, rows: list[ReconRow]) -> None:
        """Replace the rows shown."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.MONEY_COLUMNS:
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and (row.difference_fen or 0) < 0:
            return SHORT
        return None

    def _text(self, row: ReconRow, column: int) -> str:
        role = self.tr("Shift") if row.kind == CASHIER_ROW else self.tr("Hand-over")
        values = (
            role, row.staff, row.place, _money(row.expected_fen), _money(row.counted_fen),
            _money(row.difference_fen), row.status,
        )
        return values[column] if 0 <= column < len(values) else ""


@dataclass(frozen=True)
class SettlementItem:
    """One line of the settlement list: its kind, item key (empty for a clean match),
    time, the statement's and the books' amounts, references, and the note recorded."""

    kind: str
    key: str
    when: dt.datetime | None
    statement_fen: int | None
    book_fen: int | None
    reference: str
    receipt_no: str
    note: str


class SettlementItemsModel(QAbstractTableModel):
    """The matching of a provider's day: problems first, then the clean matches."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[SettlementItem] = []
        self.headers = [
            self.tr("Kind"), self.tr("Time"), self.tr("Statement"), self.tr("Books"),
            self.tr("Reference"), self.tr("Receipt"), self.tr("Resolution"),
        ]
        self.kinds = {
            "mismatch": self.tr("Amounts differ"),
            "line": self.tr("Only on the statement"),
            "part": self.tr("Only in the books"),
            "match": self.tr("Matched"),
        }

    def set_match(self, day: DayMatch | None) -> None:
        """Show a day's matching (None: nothing)."""
        self.beginResetModel()
        self.items = [] if day is None else settlement_items(day)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = local_time(item.when).strftime("%H:%M:%S") if item.when else ""
            values = (
                self.kinds.get(item.kind, item.kind), when, _money(item.statement_fen),
                _money(item.book_fen), item.reference, item.receipt_no, item.note,
            )
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.ForegroundRole and item.key and not item.note:
            return SHORT
        return None


def settlement_items(day: DayMatch) -> list[SettlementItem]:
    """The rows of a day's matching: mismatches, statement-only lines, books-only parts
    (each with its note, if resolved), then clean matches."""
    result, notes = day.result, day.notes

    def note(key: str) -> str:
        found = notes.get(key)
        return f"{found.note}（{found.resolved_by}）" if found else ""

    items = [
        SettlementItem("mismatch", m.key, m.line.occurred_at, m.line.amount_fen,
                       m.part.amount_fen, m.part.reference, m.part.receipt_no, note(m.key))
        for m in result.mismatched
    ]
    items += [
        SettlementItem("line", line_key(x), x.occurred_at, x.amount_fen, None,
                       " ".join(x.refs[:2]), "", note(line_key(x)))
        for x in result.unmatched_lines
    ]
    items += [
        SettlementItem("part", p.key, p.taken_at, None, p.amount_fen, p.reference,
                       p.receipt_no, note(p.key))
        for p in result.unmatched_parts
    ]
    items += [
        SettlementItem("match", "", m.line.occurred_at, m.line.amount_fen, m.part.amount_fen,
                       m.part.reference, m.part.receipt_no, "")
        for m in result.matched if not m.amount_differs
    ]
    return items
