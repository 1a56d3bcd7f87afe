"""What the Repairs page's buttons do: open the forms, take or refund money, write PDFs.

`RepairActions` is the page's base class; it expects the page's ``context``, ``runner``,
``current`` (RepairView), ``documents``, ``printer``, ``counts`` label and its ``refresh``,
``load`` and ``_report`` methods.
"""

from __future__ import annotations

import uuid
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLabel, QLineEdit, QWidget

from cashier.services.context import AppContext
from cashier.services.permissions import can
from cashier.services.ports import ReceiptPrinter
from cashier.services.repair_bills import RepairView
from cashier.services.repair_documents import print_order_slip, save_pdf
from cashier.services.repair_payments import RepairPaymentResult, refund_repair_payment
from cashier.services.repair_ports import RepairDocumentWriter
from cashier.services.repair_prices import load_price_file
from cashier.services.station import Station
from cashier.ui.approval import ask_approval
from cashier.ui.pages.repair_bill_editor import BillEditor
from cashier.ui.pages.repair_dialogs import (
    EventDialog,
    FollowUpDialog,
    NewOrderDialog,
    PaymentDialog,
)
from cashier.ui.pages.repair_signing import DamageDialog, SignBillDialog
from cashier.ui.runner import JobFailure, Runner

PRICE_FILES = "*.toml *.xlsx *.csv"


class RepairActions(QWidget):
    """The actions of the Repairs page (see the module docstring for what they need)."""

    context: AppContext
    runner: Runner
    current: RepairView | None
    documents: RepairDocumentWriter | None
    printer: ReceiptPrinter | None
    counts: QLabel

    def refresh(self) -> None:
        """Reload the lists (the page implements it)."""
        raise NotImplementedError

    def load(self, number: str) -> None:
        """Show one order (the page implements it)."""
        raise NotImplementedError

    def _report(self, failure: JobFailure) -> None:
        self.counts.setText(failure.message)

    def _after(self, dialog: QDialog) -> bool:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self.refresh()
        return accepted

    def new_order(self) -> None:
        """Take a repair call; the new order is selected afterwards."""
        if not can(self.context.actor, "repair_order"):
            return
        dialog = NewOrderDialog(self.context, self.runner, self)
        if self._after(dialog):
            self.load(dialog.saved.number)

    def step(self, kind: str) -> None:
        """Record dispatch, arrival, finishing, cancelling or a paid/free revision."""
        if self.current is not None:
            self._after(EventDialog(self.context, self.runner, self.current.order, kind, self))

    def edit_bill(self) -> None:
        """Open the bill editor for the selected order."""
        if self.current is not None:
            self._after(BillEditor(self.context, self.runner, self.current, self))

    def sign(self) -> None:
        """Let the customer sign the bill in force."""
        if self.current is not None and self.current.latest is not None:
            self._after(SignBillDialog(self.context, self.runner, self.current, self))

    def confirm_damage(self) -> None:
        """Record a damage confirmation signed by the customer."""
        if self.current is not None:
            order = self.current.order
            dialog = DamageDialog(
                self.context, self.runner, order.number, order.customer_name, self
            )
            self._after(dialog)

    def pay(self) -> None:
        """Take payment of the signed bill."""
        view = self.current
        if view is not None and view.latest is not None:
            dialog = PaymentDialog(
                self.context,
                self.runner,
                view.order.number,
                view.latest.content.total_fen,
                self.printer,
                self,
            )
            if self._after(dialog):
                result = dialog.saved
                note = self.tr("Receipt {number}").format(number=result.receipt_no)
                if result.print_error:
                    note += " · " + result.print_error
                self.counts.setText(note)

    def follow_up(self) -> None:
        """Record a follow-up of the finished order."""
        if self.current is not None:
            self._after(FollowUpDialog(self.context, self.runner, self.current.order, self))

    def export_pdf(self, damage: bool, path: Path | None = None) -> None:
        """Save the bill (or damage confirmation) as a PDF, asking where unless ``path``."""
        if self.current is None or self.documents is None:
            return
        number = self.current.order.number
        if path is None:
            suggested = f"{number}-{'损坏确认单' if damage else '维修收费清单'}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save PDF"), suggested, "PDF (*.pdf)"
            )
            if not chosen:
                return
            path = Path(chosen)
        job = partial(save_pdf, damage=damage)
        self.runner.submit(
            job,
            self.context.actor,
            number,
            self.documents,
            path,
            on_done=lambda saved: self.counts.setText(str(saved)),
            on_error=self._report,
        )

    def print_slip(self) -> None:
        """Print the bill on the portable printer."""
        if self.current is None or self.printer is None:
            return
        self.runner.submit(
            print_order_slip,
            self.context.actor,
            self.current.order.number,
            self.printer,
            on_done=lambda r: self.counts.setText(r.error or self.tr("Printed.")),
            on_error=self._report,
        )

    def unrefunded_receipt(self) -> str | None:
        """The receipt number of the payment of the bill in force not yet refunded."""
        view = self.current
        if view is None:
            return None
        refunded = {p.receipt_no for p in view.payments if p.kind == "refund"}
        payments = [p for p in view.payments if p.kind == "payment"]
        if not payments or len(refunded) >= len(payments):
            return None
        return payments[-1].receipt_no

    def refund(self, reason: str | None = None) -> None:
        """Refund the bill's payment with a supervisor's approval, so the bill can change."""
        receipt_no = self.unrefunded_receipt()
        if receipt_no is None or not can(self.context.actor, "refund"):
            return
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Refund {number}").format(number=receipt_no),
                self.tr("Reason for the refund:"),
                QLineEdit.EchoMode.Normal,
            )
            if not ok or not reason.strip():
                return
        approval = ask_approval(self, self.context, "refund", self.context.actor)
        if approval is None:
            return
        job = partial(
            refund_repair_payment,
            reason=reason,
            approval=approval,
            client_uuid=str(uuid.uuid4()),
            printer=self.printer,
        )
        station = Station(self.context.counter_code)
        self.runner.submit(
            job,
            self.context.actor,
            station,
            receipt_no,
            on_done=self._refunded,
            on_error=self._report,
        )

    def _refunded(self, result: RepairPaymentResult) -> None:
        self.counts.setText(self.tr("Refund slip {number}").format(number=result.receipt_no))
        self.refresh()

    def load_prices(self, path: Path | None = None) -> None:
        """Load a price file (.toml, .xlsx, .csv) chosen by the user unless ``path``."""
        if not can(self.context.actor, "repair_prices"):
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Load repair prices"), "", f"{self.tr('Price files')} ({PRICE_FILES})"
            )
            if not chosen:
                return
            path = Path(chosen)
        self.runner.submit(
            load_price_file,
            self.context.actor,
            path,
            on_done=lambda load: self.counts.setText(
                self.tr("Prices loaded: {added} new rows, {unchanged} already there").format(
                    added=load.added, unchanged=load.unchanged
                )
            ),
            on_error=self._report,
        )
