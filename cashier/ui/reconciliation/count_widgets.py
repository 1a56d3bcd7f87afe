"""Counting widgets: notes and coins by denomination, and the card terminal's slips.

Used by the shift-close dialog (blind count) and the hand-over dialog. They show only what
was counted, never what the books expect.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.cash_count import DENOMINATIONS, MAX_PIECES, CardSlip
from cashier.domain.money import MoneyError, format_yuan, parse_yuan

COLUMNS = 2
"""Denominations are laid out in this many column groups (notes left, coins right)."""


class CashCountWidget(QWidget):
    """A spin box of pieces per denomination, each with its subtotal, and the total."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[int, QSpinBox] = {}
        self.subtotals: dict[int, QLabel] = {}
        grid = QGridLayout()
        half = (len(DENOMINATIONS) + 1) // COLUMNS
        for index, (value, name) in enumerate(DENOMINATIONS):
            row, group = index % half, index // half
            spin = QSpinBox(self)
            spin.setObjectName(f"pieces_{value}")
            spin.setRange(0, MAX_PIECES)
            spin.setSuffix(self.tr(" pcs"))
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(self._update)
            subtotal = QLabel(format_yuan(0), self)
            subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            subtotal.setMinimumWidth(subtotal.fontMetrics().horizontalAdvance("¥000,000.00"))
            grid.addWidget(QLabel(name, self), row, group * 4)
            grid.addWidget(spin, row, group * 4 + 1)
            grid.addWidget(subtotal, row, group * 4 + 2)
            self.spins[value] = spin
            self.subtotals[value] = subtotal
        grid.setColumnMinimumWidth(3, self.fontMetrics().horizontalAdvance("M") * 4)
        grid.setColumnStretch(4 * COLUMNS - 1, 1)
        self.total = QLabel(self)
        self.total.setObjectName("cashTotal")
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.total, 0, Qt.AlignmentFlag.AlignRight)
        self._update()

    def pieces(self) -> dict[int, int]:
        """Pieces per denomination (fen -> pieces), only those counted."""
        return {value: spin.value() for value, spin in self.spins.items() if spin.value()}

    def set_pieces(self, pieces: dict[int, int]) -> None:
        """Show a count (for tests and to go back to the count)."""
        for value, spin in self.spins.items():
            spin.setValue(pieces.get(value, 0))

    def total_fen(self) -> int:
        """The cash counted."""
        return sum(value * count for value, count in self.pieces().items())

    def _update(self) -> None:
        for value, spin in self.spins.items():
            self.subtotals[value].setText(format_yuan(value * spin.value()))
        self.total.setText(self.tr("Cash counted: {amount}").format(
            amount=format_yuan(self.total_fen())
        ))
        self.changed.emit()


class SlipsWidget(QWidget):
    """The card terminal's slips: amount (negative for a refund slip) and reference."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("slipsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Amount (yuan)"), self.tr("Reference")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(lambda _item: self._update())
        self.amount = QLineEdit(self)
        self.amount.setObjectName("slipAmount")
        self.amount.setPlaceholderText(self.tr("Slip amount"))
        self.reference = QLineEdit(self)
        self.reference.setObjectName("slipReference")
        self.reference.setPlaceholderText(self.tr("Reference (optional)"))
        self.add_button = QPushButton(self.tr("Add slip"), self)
        self.add_button.setObjectName("addSlip")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.error = QLabel(self)
        self.error.setStyleSheet("QLabel { color: #b00020; }")
        self.total = QLabel(self)
        self.total.setObjectName("slipsTotal")
        self.add_button.clicked.connect(self.add_typed)
        self.amount.returnPressed.connect(self.add_typed)
        self.remove_button.clicked.connect(self._remove)
        entry = QHBoxLayout()
        for widget in (self.amount, self.reference, self.add_button, self.remove_button):
            entry.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total, 0, Qt.AlignmentFlag.AlignRight)
        self._update()

    def add_typed(self) -> None:
        """Add the slip typed in the entry fields."""
        try:
            fen = parse_yuan(self.amount.text(), allow_negative=True)
        except MoneyError as error:
            self.error.setText(str(error))
            return
        if fen == 0:
            self.error.setText(self.tr("A slip cannot be zero."))
            return
        self.add_slip(CardSlip(fen, self.reference.text().strip()))
        self.amount.clear()
        self.reference.clear()
        self.amount.setFocus()

    def add_slip(self, slip: CardSlip) -> None:
        """Append a slip to the list."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        amount = QTableWidgetItem(format_yuan(slip.amount_fen, symbol=""))
        amount.setData(Qt.ItemDataRole.UserRole, slip.amount_fen)
        amount.setFlags(amount.flags() & ~Qt.ItemFlag.ItemIsEditable)
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 0, amount)
        self.table.setItem(row, 1, QTableWidgetItem(slip.reference))
        self.error.clear()
        self._update()

    def slips(self) -> tuple[CardSlip, ...]:
        """The slips listed."""
        found = []
        for row in range(self.table.rowCount()):
            fen = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            reference = self.table.item(row, 1)
            found.append(CardSlip(int(fen), reference.text().strip() if reference else ""))
        return tuple(found)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._update()

    def _update(self) -> None:
        slips = self.slips() if self.table.columnCount() else ()
        self.total.setText(self.tr("{count} slips: {amount}").format(
            count=len(slips), amount=format_yuan(sum(s.amount_fen for s in slips))
        ))
        self.changed.emit()
