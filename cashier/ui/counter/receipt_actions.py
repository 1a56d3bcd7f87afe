"""Receipts after the fact, from the Counter page: look, reprint (补打), void, refund, pay out
credit, record an invoice exchange, and check a scanned receipt. Reversals need a reason and
a supervisor's approval, collected by the dialogs; the services run through the page's
runner."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from cashier.domain.journal import InvoiceMark
from cashier.domain.receipt import ReceiptData
from cashier.services.receipt_records import (
    PaymentRow,
    ReceiptCheck,
    check_receipt,
    exchange_invoice,
)
from cashier.services.receipts import ReprintResult, receipt_for, reprint
from cashier.services.reversals import refund_credit, refund_payment, void_payment
from cashier.ui.counter.attempts import new_uuid
from cashier.ui.counter.dialogs import (
    AskApproval,
    CreditRefundDialog,
    InvoiceDialog,
    ReceiptCheckDialog,
    ReversalDialog,
)
from cashier.ui.runner import JobFailure

if TYPE_CHECKING:
    from cashier.ui.counter.page import CounterPage


class ReceiptActions(QObject):
    """The page's receipt work. `dialog` is the open dialog (for tests and screenshots)."""

    def __init__(self, page: CounterPage, ask: AskApproval | None = None) -> None:
        super().__init__(page)
        self.page = page
        self.ask = ask
        self.dialog: QDialog | None = None

    def _printer(self):
        return self.page.context.printer

    def _fail(self, failure: JobFailure) -> None:
        QMessageBox.warning(self.page, self.tr("Receipt"), failure.message)

    def check(self, scanned: str) -> None:
        """A receipt QR code was scanned into the search field: check it and show the verdict."""
        page = self.page

        def checked(result: ReceiptCheck) -> None:
            self.dialog = ReceiptCheckDialog(result, page.context.receipt_columns, page)
            self.dialog.finished.connect(page.focus_search)
            self.dialog.open()

        page.runner.submit(
            check_receipt, scanned, on_done=checked,
            on_error=lambda failure: page.finder.status.setText(failure.message),
        )

    def show_receipt(self, row: PaymentRow) -> None:
        """Show an earlier receipt of the list in the preview (F9 then reprints it)."""
        page = self.page

        def arrived(receipt: ReceiptData) -> None:
            headline = self.tr("{kind} {receipt} of {time}").format(
                kind=row.kind_label, receipt=row.receipt_no,
                time=row.taken_at.strftime("%Y-%m-%d %H:%M"),
            )
            page.result.show_receipt(receipt, headline)
            page.stack.setCurrentWidget(page.result)

        page.runner.submit(receipt_for, row.receipt_no, on_done=arrived, on_error=self._fail)

    def reprint(self) -> None:
        """F9: reprint the receipt shown, marked 补打（第N次） (recorded and audited)."""
        page = self.page
        receipt = page.result.receipt
        if receipt is None or page.posting:
            return

        def done(result: ReprintResult) -> None:
            page.result.show_reprint(result, printer_set=self._printer() is not None)
            page.stack.setCurrentWidget(page.result)
            page.account.refresh_payments()

        job = partial(reprint, printer=self._printer())
        page.runner.submit(
            job, page.context.actor, page.station, receipt.receipt_no,
            on_done=done, on_error=self._fail,
        )

    def void(self, row: PaymentRow) -> None:
        """Void a payment of today (reason and approval first)."""
        self._reverse(row, "void")

    def refund(self, row: PaymentRow) -> None:
        """Refund a payment of any day (reason and approval first)."""
        self._reverse(row, "refund")

    def _reverse(self, row: PaymentRow, action: str) -> None:
        page = self.page
        dialog = ReversalDialog(page.context, row, action, page, ask=self.ask)
        if not self._approved(dialog):
            return
        options = {
            "reason": dialog.reason_text(),
            "approval": dialog.approval,
            "client_uuid": new_uuid(),
            "printer": self._printer(),
        }
        if action == "refund":
            options["parts"] = dialog.parts()
        dialog.deleteLater()
        job = partial(void_payment if action == "void" else refund_payment, **options)
        page.runner.submit(
            job, page.context.actor, page.station, row.receipt_no,
            on_done=page.show_posted, on_error=self._fail,
        )

    def exchange_invoice(self, row: PaymentRow) -> None:
        """Record that a payment's receipt was exchanged for an invoice (once, never voided)."""
        page = self.page
        dialog = InvoiceDialog(row, page.station.business_date(), page)
        if not self._approved(dialog):
            return
        number, day = dialog.number.text().strip(), dialog.invoice_date()
        dialog.deleteLater()

        def done(mark: InvoiceMark) -> None:
            text = self.tr("Receipt {receipt} exchanged for invoice {number}.")
            page.finder.status.setText(text.format(receipt=mark.receipt_no, number=mark.invoice_no))
            page.account.refresh_payments()

        job = partial(exchange_invoice, invoice_no=number, invoice_date=day)
        page.runner.submit(
            job, page.context.actor, row.receipt_no, on_done=done, on_error=self._fail
        )

    def pay_out_credit(self) -> None:
        """Pay out the open account's credit balance (预存退款), with approval."""
        page = self.page
        statement = page.account.statement
        if page.account.panel is None or statement is None or statement.credit_fen <= 0:
            return
        account_no = page.account.panel.account_no
        dialog = CreditRefundDialog(
            page.context, account_no, statement.credit_fen, page, ask=self.ask
        )
        if not self._approved(dialog):
            return
        job = partial(
            refund_credit,
            amount_fen=dialog.amount_fen,
            reason=dialog.reason_text(),
            approval=dialog.approval,
            client_uuid=new_uuid(),
            parts=dialog.parts(),
            printer=self._printer(),
        )
        dialog.deleteLater()
        page.runner.submit(
            job, page.context.actor, page.station, account_no,
            on_done=page.show_posted, on_error=self._fail,
        )

    def _approved(self, dialog: QDialog) -> bool:
        """Run the dialog modally; the caller deletes it once it has read the answers."""
        self.dialog = dialog
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.dialog = None
        if not accepted:
            dialog.deleteLater()
        return accepted
