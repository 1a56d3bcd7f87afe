"""The tender panel: how much is taken and how (split tender), cash tendered and the change.

The amount defaults to the total due. F1-F5 add a part for a method (the page owns the keys
and calls `add_method`); the first part takes the whole amount, a further part what is left.
While there is one part it follows the amount. Every non-cash part needs its reference
number; cash tendered gives the change, worked out live by the domain's `settle_tender`
(with 抹零 when the company rounds cash). Enter in any field asks to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.errors import UserError
from cashier.domain.money import format_plain, format_yuan, parse_yuan
from cashier.domain.tender import CASH, METHOD_KEYS, Tender, TenderError, TenderPart, settle_tender
from cashier.ui.pages.ui_tables import name_of

KEY_OF = {method: key for key, method in METHOD_KEYS.items()}
ERROR_STYLE = "QLabel { color: #b00020; }"
CHANGE_STYLE = "QLabel { color: #0b6e2e; font-weight: bold; }"


class TenderInputError(UserError):
    """What the cashier typed cannot be posted yet; `field` is where to put the cursor."""

    def __init__(self, message: str, field: QWidget | None = None) -> None:
        super().__init__(message, message)
        self.field = field


@dataclass(frozen=True)
class TenderInput:
    """The tender as typed: parts (fen applied per method), cash tendered, and the amount."""

    parts: tuple[TenderPart, ...]
    cash_tendered_fen: int | None
    amount_fen: int


class _PartRow:
    """The widgets of one method part: label, amount, reference, remove button."""

    def __init__(self, panel: TenderPanel, method: str, amount_fen: int) -> None:
        self.method = method
        self.label = QLabel(f"{KEY_OF.get(method, '')} {name_of(method)}", panel)
        self.amount = QLineEdit(format_plain(amount_fen), panel)
        self.amount.setObjectName(f"partAmount_{method}")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reference = QLineEdit(panel)
        self.reference.setObjectName(f"partReference_{method}")
        self.reference.setPlaceholderText(
            QCoreApplication.translate("TenderPanel", "Reference no. (scan or type)")
        )
        self.reference.setVisible(method != CASH)
        self.remove = QToolButton(panel)
        self.remove.setText("×")
        self.remove.setToolTip(QCoreApplication.translate("TenderPanel", "Remove this method"))
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.widgets = (self.label, self.amount, self.reference, self.remove)

    def part(self) -> TenderPart:
        """The part as typed; raises MoneyError for a bad amount."""
        return TenderPart(self.method, parse_yuan(self.amount.text()), self.reference.text())


class TenderPanel(QWidget):
    """Amount, method parts, cash tendered and the live change. See the module docstring.

    Signals: `confirmed` (Enter), `methods_changed(tuple)` with the methods of the parts.
    """

    confirmed = Signal()
    methods_changed = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tenderPanel")
        self._rows: list[_PartRow] = []
        self._due_fen = 0
        self._round_cash = False
        self._amount_touched = False
        self._build()

    def _build(self) -> None:
        self.amount = self._money_field("tenderAmount")
        self.amount.textEdited.connect(self._amount_edited)
        self.tendered = self._money_field("cashTendered")
        self.tendered.setPlaceholderText(self.tr("Notes handed over"))
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.hint = QLabel(self._keys_hint(), self)
        self.hint.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("tenderSummary")
        self.summary.setWordWrap(True)
        self.change = QLabel(self)
        self.change.setObjectName("changeLabel")
        self.change.setStyleSheet(CHANGE_STYLE)
        self._scale(self.change, 1.6)
        self.problem = QLabel(self)
        self.problem.setObjectName("tenderProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.confirm = QPushButton(self.tr("Confirm payment (Enter)"), self)
        self.confirm.setObjectName("confirmPayment")
        self.confirm.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.confirm.clicked.connect(self.confirmed)
        self._arrange()

    def _arrange(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Amount taken:"), self.amount)
        self.tendered_label = QLabel(self.tr("Cash tendered:"), self)
        form.addRow(self.tendered_label, self.tendered)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Methods:"), self))
        layout.addLayout(self.grid)
        for widget in (self.hint, self.summary, self.change, self.problem, self.confirm):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._show_tendered(False)

    def _money_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._scale(field, 1.4)
        field.textChanged.connect(self._refresh)
        field.returnPressed.connect(self.confirmed)
        return field

    @staticmethod
    def _scale(widget: QWidget, factor: float) -> None:
        font = widget.font()
        font.setPointSizeF(font.pointSizeF() * factor)
        widget.setFont(font)

    def _keys_hint(self) -> str:
        keys = "  ".join(f"{key} {name_of(method)}" for key, method in METHOD_KEYS.items())
        return self.tr("Pick the method: {keys}").format(keys=keys)

    def start(self, due_fen: int, *, round_cash: bool) -> None:
        """Begin a new tender for an account owing `due_fen`: the amount is the total due."""
        while self._rows:
            self._drop_row(self._rows[-1])
        self._due_fen, self._round_cash = due_fen, round_cash
        self._amount_touched = False
        self.amount.setText(format_plain(due_fen))
        self.tendered.clear()
        self._show_tendered(False)
        self._refresh()

    def set_due(self, due_fen: int) -> None:
        """The total due changed (the statement for the parts' channel arrived): the amount
        follows unless the cashier typed one."""
        self._due_fen = due_fen
        if not self._amount_touched:
            self.amount.setText(format_plain(due_fen))
            if len(self._rows) == 1:
                self._rows[0].amount.setText(format_plain(due_fen))
        self._refresh()

    @property
    def due_fen(self) -> int:
        """The total due the tender was started with (fen)."""
        return self._due_fen

    def methods(self) -> tuple[str, ...]:
        """The methods of the parts, in the order they were added."""
        return tuple(row.method for row in self._rows)

    def add_method(self, method: str) -> None:
        """Add a part for `method` taking what is left of the amount, or go to its part."""
        existing = next((row for row in self._rows if row.method == method), None)
        if existing is None:
            existing = self._add_row(method, self._left_fen())
            self.methods_changed.emit(self.methods())
        self._focus_part(existing)
        self._refresh()

    def remove_last_part(self) -> bool:
        """Esc: take the last part away; False when there was none."""
        if not self._rows:
            return False
        self._drop_row(self._rows[-1])
        self.methods_changed.emit(self.methods())
        self.focus_amount()
        self._refresh()
        return True

    def focus_amount(self) -> None:
        """Put the cursor in the amount with the text selected."""
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self.amount.selectAll()

    def set_busy(self, busy: bool) -> None:
        """Freeze the fields while a payment is being posted."""
        self.setEnabled(not busy)

    def _left_fen(self) -> int:
        try:
            amount = parse_yuan(self.amount.text())
            taken = sum(row.part().amount_fen for row in self._rows)
        except ValueError:
            return 0
        return max(amount - taken, 0)

    def _add_row(self, method: str, amount_fen: int) -> _PartRow:
        row = _PartRow(self, method, amount_fen)
        index = len(self._rows)
        for column, widget in enumerate(row.widgets):
            self.grid.addWidget(widget, index, column)
        row.amount.textChanged.connect(self._refresh)
        row.reference.textChanged.connect(self._refresh)
        row.amount.returnPressed.connect(self.confirmed)
        row.reference.returnPressed.connect(self.confirmed)
        row.remove.clicked.connect(lambda: self._remove(row))
        self._rows.append(row)
        self._show_tendered(self._has_cash())
        return row

    def _remove(self, row: _PartRow) -> None:
        self._drop_row(row)
        self.methods_changed.emit(self.methods())
        self._refresh()

    def _drop_row(self, row: _PartRow) -> None:
        self._rows.remove(row)
        for widget in row.widgets:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        for index, other in enumerate(self._rows):
            for column, widget in enumerate(other.widgets):
                self.grid.addWidget(widget, index, column)
        self._show_tendered(self._has_cash())
        if not self._has_cash():
            self.tendered.clear()

    def _focus_part(self, row: _PartRow) -> None:
        if row.method == CASH:
            target = self.tendered
        elif not row.reference.text().strip():
            target = row.reference
        else:
            target = row.amount
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        target.selectAll()

    def _has_cash(self) -> bool:
        return any(row.method == CASH for row in self._rows)

    def _show_tendered(self, shown: bool) -> None:
        self.tendered.setVisible(shown)
        self.tendered_label.setVisible(shown)

    def _amount_edited(self, _text: str) -> None:
        self._amount_touched = True
        if len(self._rows) == 1:
            self._rows[0].amount.setText(self.amount.text())

    def read(self) -> TenderInput:
        """The tender as typed. Raises TenderInputError (with the field to fix)."""
        amount = self._parse(self.amount)
        if not self._rows:
            raise TenderInputError(self.tr("Pick a method with F1-F5 first."), self.amount)
        parts = tuple(TenderPart(r.method, self._parse(r.amount), r.reference.text().strip())
                      for r in self._rows)
        applied = sum(part.amount_fen for part in parts)
        if applied != amount:
            text = self.tr("The methods add up to {parts}, not the amount taken {amount}.")
            raise TenderInputError(
                text.format(parts=format_yuan(applied), amount=format_yuan(amount)),
                self._rows[-1].amount,
            )
        text = self.tendered.text().strip()
        tendered = self._parse(self.tendered) if text and self._has_cash() else None
        return TenderInput(parts, tendered, amount)

    def settle(self) -> Tender:
        """The checked tender (the domain's settle_tender). Raises TenderInputError."""
        typed = self.read()
        try:
            return settle_tender(typed.parts, typed.cash_tendered_fen, round_cash=self._round_cash)
        except TenderError as refused:
            raise TenderInputError(str(refused), self._field_for(refused)) from None

    def _field_for(self, refused: TenderError) -> QWidget:
        english = refused.english
        if "reference" in english:
            missing = next((r for r in self._rows if r.method != CASH
                            and not r.reference.text().strip()), None)
            if missing is not None:
                return missing.reference
        if "tendered" in english:
            return self.tendered
        return self._rows[-1].amount if self._rows else self.amount

    def _parse(self, field: QLineEdit) -> int:
        try:
            return parse_yuan(field.text())
        except ValueError as bad:
            raise TenderInputError(str(bad), field) from None

    def _refresh(self, *_args: object) -> None:
        self.hint.setVisible(not self._rows)
        self.summary.setText("")
        self.change.setText("")
        self.problem.setText("")
        if not self._rows:
            return
        try:
            tender = self.settle()
        except TenderInputError as problem:
            self.problem.setText(str(problem))
            return
        self.summary.setText(self._summary(tender))
        if tender.change_fen is not None:
            self.change.setText(self.tr("Change: {amount}").format(
                amount=format_yuan(tender.change_fen)))

    def _summary(self, tender: Tender) -> str:
        lines = []
        if tender.cash_fen:
            lines.append(self.tr("Cash to take: {amount}").format(
                amount=format_yuan(tender.cash_fen)))
        if tender.rounding_fen:
            lines.append(self.tr("Cash rounding: {amount}").format(
                amount=format_yuan(tender.rounding_fen)))
        left = self._due_fen - tender.applied_fen
        if left > 0:
            lines.append(self.tr("Still owed after this payment: {amount}").format(
                amount=format_yuan(left)))
        elif left < 0:
            lines.append(self.tr("{amount} more than due: it becomes credit (asks first)").format(
                amount=format_yuan(-left)))
        return "\n".join(lines)
