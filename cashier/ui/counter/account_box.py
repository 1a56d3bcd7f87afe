"""The open account on the Counter page: who and where, today's statement, its payments.

The statement shows, per season, principal, late fee, discount and what is due, then the
credit and the total due (the default amount to take). Below, the account's payments, voids
and refunds, newest first, with the actions on the selected one: show its receipt, void it,
refund it, record its exchange for an invoice; and paying out a credit balance.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.journal import PAYMENT
from cashier.domain.money import format_yuan
from cashier.domain.statement import Statement
from cashier.services.payments import AccountPanel
from cashier.services.receipt_records import PaymentRow
from cashier.ui.counter.models import PaymentRowsModel, RowsFetcher, StatementModel
from cashier.ui.pages.ui_tables import name_of

STATEMENT_ROWS = 3
"""Seasons the statement shows without scrolling (this one and two years of arrears)."""
TOTAL_STYLE = "QLabel { font-weight: bold; color: #8a0010; }"
SETTLED_STYLE = "QLabel { font-weight: bold; color: #0b6e2e; }"


def _table(model, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _scaled(label: QLabel, factor: float, bold: bool = False) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    return label


class AccountBox(QWidget):
    """Shows an AccountPanel. Signals carry the selected PaymentRow: `receipt_requested`,
    `void_requested`, `refund_requested`; `payout_requested` asks to pay out the credit."""

    receipt_requested = Signal(object)
    void_requested = Signal(object)
    refund_requested = Signal(object)
    invoice_requested = Signal(object)
    payout_requested = Signal()

    def __init__(self, fetch_rows: RowsFetcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel: AccountPanel | None = None
        self.statement: Statement | None = None
        self.can_void: Callable[[PaymentRow], bool] = lambda _row: True
        """Whether the Void button is offered for a row (same day, own payment)."""
        self.statement_model = StatementModel(self)
        self.payments_model = PaymentRowsModel(fetch_rows, self)
        self._build()
        self.payments.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.payments.activated.connect(self._activated)
        self.payments_model.modelReset.connect(self._selection_changed)
        self.show_panel(None)

    def _build(self) -> None:
        self.title = _scaled(QLabel(self), 1.4, bold=True)
        self.title.setObjectName("accountTitle")
        self.details = QLabel(self)
        self.details.setObjectName("accountDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statement_view = _table(self.statement_model, "statementTable", self)
        self.statement_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.statement_view.verticalHeader().defaultSectionSize() * STATEMENT_ROWS
        header = self.statement_view.horizontalHeader().sizeHint().height()
        self.statement_view.setFixedHeight(rows + header + 4)
        self.credit = QLabel(self)
        self.credit.setObjectName("creditLabel")
        self.total = _scaled(QLabel(self), 1.5, bold=True)
        self.total.setObjectName("totalDueLabel")
        self.total.setStyleSheet(TOTAL_STYLE)
        self.channel = QLabel(self)
        self.channel.setObjectName("statementChannel")
        self.payments = _table(self.payments_model, "paymentsTable", self)
        self._build_buttons()
        self._arrange()

    def _build_buttons(self) -> None:
        self.receipt_button = QPushButton(self.tr("Show receipt"), self)
        self.void_button = QPushButton(self.tr("Void…"), self)
        self.refund_button = QPushButton(self.tr("Refund…"), self)
        self.invoice_button = QPushButton(self.tr("Invoice…"), self)
        self.payout_button = QPushButton(self.tr("Pay out credit…"), self)
        names = ("showReceiptButton", "voidButton", "refundButton", "invoiceButton", "payoutButton")
        buttons = (
            self.receipt_button, self.void_button, self.refund_button, self.invoice_button,
            self.payout_button,
        )
        for name, button in zip(names, buttons, strict=True):
            button.setObjectName(name)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.receipt_button.clicked.connect(lambda: self._emit(self.receipt_requested))
        self.void_button.clicked.connect(lambda: self._emit(self.void_requested))
        self.refund_button.clicked.connect(lambda: self._emit(self.refund_requested))
        self.invoice_button.clicked.connect(lambda: self._emit(self.invoice_requested))
        self.payout_button.clicked.connect(self.payout_requested)
        self.buttons = buttons

    def _arrange(self) -> None:
        totals = QHBoxLayout()
        totals.addWidget(self.channel)
        totals.addStretch(1)
        totals.addWidget(self.credit)
        totals.addSpacing(self.fontMetrics().height())
        totals.addWidget(self.total)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Payments and receipts:"), self))
        actions.addStretch(1)
        for button in self.buttons:
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.statement_view)
        layout.addLayout(totals)
        layout.addLayout(actions)
        layout.addWidget(self.payments, 1)

    def show_panel(self, panel: AccountPanel | None) -> None:
        """Show the account (None: nothing open) with its statement and payments list."""
        self.panel = panel
        self.setVisible(panel is not None)
        if panel is None:
            self.show_statement(None)
            self.payments_model.show_account("")
            return
        self.title.setText(f"{panel.name}    {panel.account_no}")
        facts = [panel.address, panel.category_label, f"{panel.heated_area}㎡"]
        if panel.phone:
            facts.append(panel.phone)
        self.details.setText("  ·  ".join(fact for fact in facts if fact))
        self.show_statement(panel.statement)
        self.refresh_payments()

    def show_statement(self, statement: Statement | None) -> None:
        """Show today's statement (for the channel of the tender being typed)."""
        self.statement = statement
        self.statement_model.show_statement(statement)
        if statement is None:
            for label in (self.credit, self.total, self.channel):
                label.clear()
            return
        self.channel.setText(
            self.tr("Statement for {date}, paying by {method}").format(
                date=statement.on.isoformat(), method=name_of(statement.channel)
            )
        )
        self.credit.setText(self.tr("Credit: {amount}").format(
            amount=format_yuan(statement.credit_fen)))
        self.total.setText(self.tr("Total due: {amount}").format(
            amount=format_yuan(statement.total_due_fen)))
        self.total.setStyleSheet(TOTAL_STYLE if statement.total_due_fen else SETTLED_STYLE)
        self.payout_button.setEnabled(statement.credit_fen > 0)

    def refresh_payments(self) -> None:
        """Fetch the payments list again (after a payment, void or refund)."""
        self.payments_model.show_account(self.panel.account_no if self.panel else "")

    def selected_payment(self) -> PaymentRow | None:
        """The payment row highlighted in the list, or None."""
        index = self.payments.currentIndex()
        if not index.isValid():
            return None
        return self.payments_model.row(index.row())

    def _selection_changed(self, *_args: object) -> None:
        row = self.selected_payment()
        reversible = row is not None and row.kind == PAYMENT and row.reversed_by is None
        self.receipt_button.setEnabled(row is not None)
        self.void_button.setEnabled(
            reversible and row.invoice_no is None and self.can_void(row)
        )
        self.refund_button.setEnabled(reversible)
        self.invoice_button.setEnabled(reversible and row.invoice_no is None)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.receipt_requested.emit(self.payments_model.row(index.row()))

    def _emit(self, signal) -> None:
        row = self.selected_payment()
        if row is not None:
            signal.emit(row)
