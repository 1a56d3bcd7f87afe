"""Dialogs of the Counter page: void (作废), refund (退费), paying out credit, the invoice
exchange (换开发票) and the receipt check.

A void or refund needs a reason and a supervisor's approval: the dialog collects the reason,
then asks for the approval (cashier/ui/approval.py); the page posts the reversal through the
background runner once both are there. Nothing is reversed when either is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.money import format_yuan, parse_yuan
from cashier.domain.roles import Approval
from cashier.domain.tender import CASH, METHODS, TenderPart
from cashier.services.context import AppContext
from cashier.services.receipt_records import PaymentRow, ReceiptCheck
from cashier.ui.approval import ask_approval
from cashier.ui.counter.receipt_preview import ReceiptPreview
from cashier.ui.pages.ui_tables import name_of
from cashier.ui.signin import dialog_buttons, error_label, heading

AskApproval = Callable[[QWidget | None, AppContext, str, Actor], Approval | None]
GOOD_STYLE = "QLabel { background: #e6f4ea; color: #0b4f23; padding: 6px; font-weight: bold; }"
BAD_STYLE = "QLabel { background: #fde7e9; color: #8a0010; padding: 6px; font-weight: bold; }"
MAX_REASON = 200


class _ApprovedDialog(QDialog):
    """A form that ends by asking a supervisor's approval for `action`.

    Its own texts use the fixed context "ApprovedDialog": `self.tr` here would be looked up
    under the subclass's name at run time, not the name lupdate records.
    """

    def __init__(
        self, context: AppContext, action: str, ask: AskApproval | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.context, self.action = context, action
        self.ask = ask or ask_approval
        self.approval: Approval | None = None
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reversalReason")
        self.reason.setMaxLength(MAX_REASON)
        why = QCoreApplication.translate("ApprovedDialog", "Why (required)")
        self.reason.setPlaceholderText(why)
        self.error = error_label(self)
        self.form = QFormLayout()

    def _finish_layout(self, title: str, facts: list[tuple[str, str]]) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, self))
        for row, (caption, value) in enumerate(facts):
            self.form.insertRow(row, caption, QLabel(value, self))
        layout.addLayout(self.form)
        note = QLabel(
            QCoreApplication.translate(
                "ApprovedDialog", "A supervisor approves next, with their own password."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.error)
        ask = QCoreApplication.translate("ApprovedDialog", "Ask for approval…")
        cancel = QCoreApplication.translate("ApprovedDialog", "Cancel")
        layout.addWidget(dialog_buttons(self, ask, cancel))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def _check(self) -> bool:
        """Subclasses check their fields; True when the form can go to approval."""
        if not self.reason.text().strip():
            missing = QCoreApplication.translate("ApprovedDialog", "Type the reason.")
            self._refuse(missing, self.reason)
            return False
        return True

    def _refuse(self, message: str, field: QWidget) -> None:
        self.error.setText(message)
        field.setFocus()

    def submit(self) -> None:
        """Check the form, then ask the supervisor; accept once approved."""
        if not self._check():
            return
        approval = self.ask(self, self.context, self.action, self.context.actor)
        if approval is None:
            self.error.setText(
                QCoreApplication.translate("ApprovedDialog", "Not approved: nothing was changed.")
            )
            return
        self.approval = approval
        self.accept()


class ReversalDialog(_ApprovedDialog):
    """Void (`action` "void") or refund ("refund") one payment of the list.

    After accept(): `approval`, `reason_text()` and, for a refund, `parts()` (None: the way
    the money came).
    """

    def __init__(
        self,
        context: AppContext,
        payment: PaymentRow,
        action: str,
        parent: QWidget | None = None,
        *,
        ask: AskApproval | None = None,
    ) -> None:
        super().__init__(context, action, ask, parent)
        self.payment = payment
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.way = QComboBox(self)
        self.way.setObjectName("refundWay")
        self.way.addItem(self.tr("The way it was paid"), None)
        self.way.addItem(name_of(CASH), CASH)
        if action == "refund":
            self.form.addRow(self.tr("Money goes back:"), self.way)
        else:
            self.way.hide()
        self.setWindowTitle(self._title())
        facts = [
            (self.tr("Receipt:"), payment.receipt_no),
            (self.tr("Taken:"), payment.taken_at.strftime("%Y-%m-%d %H:%M")),
            (self.tr("Amount:"), format_yuan(payment.amount_fen)),
            (self.tr("Methods:"), payment.methods),
            (self.tr("Cashier:"), payment.staff),
        ]
        self._finish_layout(self._title(), facts)
        self.reason.setFocus()

    def _title(self) -> str:
        if self.action == "void":
            return self.tr("Void receipt {receipt}").format(receipt=self.payment.receipt_no)
        return self.tr("Refund receipt {receipt}").format(receipt=self.payment.receipt_no)

    def reason_text(self) -> str:
        """The reason as typed."""
        return self.reason.text().strip()

    def parts(self) -> tuple[TenderPart, ...] | None:
        """How the refund is paid out (positive amounts); None: the way it came."""
        if self.action != "refund" or self.way.currentData() is None:
            return None
        return (TenderPart(CASH, self.payment.amount_fen),)


class CreditRefundDialog(_ApprovedDialog):
    """Pay out (part of) an account's credit balance (预存退款)."""

    def __init__(
        self,
        context: AppContext,
        account_no: str,
        credit_fen: int,
        parent: QWidget | None = None,
        *,
        ask: AskApproval | None = None,
    ) -> None:
        super().__init__(context, "refund", ask, parent)
        self.account_no, self.credit_fen = account_no, credit_fen
        self.setWindowTitle(self.tr("Pay out credit"))
        self._build_fields()
        self.form.addRow(self.tr("Amount (yuan):"), self.amount)
        self.form.addRow(self.tr("Paid out by:"), self.method)
        self.form.addRow(self.tr("Reference no.:"), self.reference)
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.amount_fen = 0
        facts = [
            (self.tr("Account:"), account_no),
            (self.tr("Credit balance:"), format_yuan(credit_fen)),
        ]
        title = self.tr("Pay out credit of {account}").format(account=account_no)
        self._finish_layout(title, facts)
        self.amount.setFocus()
        self.amount.selectAll()

    def _build_fields(self) -> None:
        self.amount = QLineEdit(format_yuan(self.credit_fen, symbol=""), self)
        self.amount.setObjectName("payoutAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.method = QComboBox(self)
        self.method.setObjectName("payoutMethod")
        for code in METHODS:
            self.method.addItem(name_of(code), code)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("payoutReference")
        self.reference.setEnabled(False)
        self.method.currentIndexChanged.connect(
            lambda _index: self.reference.setEnabled(self.method.currentData() != CASH)
        )

    def _check(self) -> bool:
        try:
            self.amount_fen = parse_yuan(self.amount.text())
        except ValueError as bad:
            self._refuse(str(bad), self.amount)
            return False
        if not 0 < self.amount_fen <= self.credit_fen:
            limit = format_yuan(self.credit_fen)
            text = self.tr("Pay out more than 0 and at most {limit}.").format(limit=limit)
            self._refuse(text, self.amount)
            return False
        return super()._check()

    def reason_text(self) -> str:
        """The reason as typed."""
        return self.reason.text().strip()

    def parts(self) -> tuple[TenderPart, ...]:
        """The payout as one part of the chosen method (the service checks the reference)."""
        return (TenderPart(self.method.currentData(), self.amount_fen, self.reference.text()),)


class InvoiceDialog(QDialog):
    """Mark a receipt as exchanged for an invoice (换开发票): the invoice number and date."""

    def __init__(self, payment: PaymentRow, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.payment = payment
        self.setWindowTitle(self.tr("Exchange for an invoice"))
        self.number = QLineEdit(self)
        self.number.setObjectName("invoiceNumber")
        self.number.setMaxLength(32)
        self.date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date.setObjectName("invoiceDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Receipt:"), QLabel(payment.receipt_no, self))
        form.addRow(self.tr("Amount:"), QLabel(format_yuan(payment.amount_fen), self))
        form.addRow(self.tr("Invoice number:"), self.number)
        form.addRow(self.tr("Invoice date:"), self.date)
        layout = QVBoxLayout(self)
        title = self.tr("Receipt {receipt} for an invoice").format(receipt=payment.receipt_no)
        layout.addWidget(heading(title, self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Record"), self.tr("Cancel")))
        self.number.setFocus()

    def invoice_date(self) -> dt.date:
        """The invoice date picked."""
        return self.date.date().toPython()

    def submit(self) -> None:
        """Accept once an invoice number is typed (the service checks the rest)."""
        if not self.number.text().strip():
            self.error.setText(self.tr("Type the invoice number."))
            self.number.setFocus()
            return
        self.accept()


class ReceiptCheckDialog(QDialog):
    """What a scanned receipt QR says: genuine or not, voided or refunded, the slip itself."""

    def __init__(self, check: ReceiptCheck, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setWindowTitle(self.tr("Receipt check"))
        self.verdict = QLabel(self._verdict(), self)
        self.verdict.setObjectName("checkVerdict")
        self.verdict.setStyleSheet(GOOD_STYLE if self._good() else BAD_STYLE)
        self.summary = QLabel(check.summary, self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = ReceiptPreview(columns, self)
        self.preview.show_receipt(check.receipt)
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setVisible(check.receipt is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.verdict, self.summary):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(self.preview.sizeHint().width() + 80, 640)

    def _good(self) -> bool:
        return self.check.genuine and not self.check.reversed_by

    def _verdict(self) -> str:
        if not self.check.found:
            return self.tr("Not a receipt of this system")
        if not self.check.genuine:
            return self.tr("NOT genuine: the record does not match")
        if self.check.reversed_by:
            return self.tr("Genuine, but voided or refunded")
        return self.tr("Genuine receipt")
