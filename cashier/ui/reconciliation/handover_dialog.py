"""The hand-over dialog (缴款): a collector hands cash to this counter or the finance desk.

1. Pick the collector and count the cash handed over by denomination.
2. See what the collector should hand over against what was counted; a difference above the
   threshold needs a reason and a supervisor. Collector and receiver both sign on screen.
3. Record it (one client UUID for every retry): a journal entry of this counter, in the
   receiver's open shift when there is one, and the collector's open cash drops to zero.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.cash_count import BlindCount, CountComparison
from cashier.domain.handover import HandoverRecord
from cashier.domain.money import format_yuan
from cashier.domain.tender import CASH
from cashier.services.handover import (
    CollectorCash,
    HandoverRequest,
    collectors_holding_cash,
    compare_handover,
    record_handover,
)
from cashier.ui.reconciliation.count_widgets import CashCountWidget
from cashier.ui.reconciliation.shift_close_dialog import (
    CountDialog,
    button_row,
    comparison_table,
    fill_comparison,
)
from cashier.ui.runner import JobFailure
from cashier.ui.signin import heading
from cashier.ui.widgets.signature_pad import SignatureField

COUNT, SIGN, DONE = 0, 1, 2


class HandoverDialog(CountDialog):
    """See the module docstring. After it closes, `record` holds the hand-over (or None)."""

    def _build(self) -> None:
        self.expected: CollectorCash | None = None
        self.needs_approval = False
        self.record: HandoverRecord | None = None
        self.setWindowTitle(self.tr("Collector hand-over"))
        self._stack_pages(self._count_page(), self._sign_page(), self._done_page())
        self.resize(820, 680)
        self.runner.submit(collectors_holding_cash, self.context.actor,
                           self.station.business_date(),
                           on_done=self._collectors, on_error=self._failed)

    def _count_page(self) -> QWidget:
        page = QWidget(self)
        self.collector = QComboBox(page)
        self.collector.setObjectName("collectorChoice")
        self.collector.setEditable(True)
        self.collector.lineEdit().setPlaceholderText(self.tr("Collector's staff number"))
        self.cash = CashCountWidget(page)
        self.next_button = QPushButton(self.tr("Next: compare and sign"), page)
        self.next_button.setObjectName("handoverNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.compare)
        cancel = QPushButton(self.tr("Cancel"), page)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Count the cash handed over"), page))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Collector:"), page))
        row.addWidget(self.collector, 1)
        layout.addLayout(row)
        layout.addWidget(self.cash, 1)
        layout.addLayout(button_row(cancel, self.next_button))
        return page

    def _sign_page(self) -> QWidget:
        page = QWidget(self)
        self.table = comparison_table(page, [
            self.tr("Method"), self.tr("Expected"), self.tr("Counted"), self.tr("Difference")
        ])
        self.summary = QLabel(page)
        self.summary.setObjectName("handoverSummary")
        self.summary.setWordWrap(True)
        self.reason = QLineEdit(page)
        self.reason.setObjectName("handoverReason")
        self.reason.setPlaceholderText(self.tr("Reason for the difference"))
        self.collector_pad = SignatureField(self.tr("Collector signs"), page)
        self.receiver_pad = SignatureField(self.tr("Receiver signs"), page)
        pads = QHBoxLayout()
        pads.addWidget(self.collector_pad, 1)
        pads.addWidget(self.receiver_pad, 1)
        self.confirm_button = QPushButton(self.tr("Record hand-over"), page)
        self.confirm_button.setObjectName("recordHandover")
        self.confirm_button.clicked.connect(self.confirm)
        again = QPushButton(self.tr("Count again"), page)
        again.clicked.connect(lambda: self.stack.setCurrentIndex(COUNT))
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Check and sign"), page))
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.reason)
        layout.addLayout(pads, 1)
        layout.addLayout(button_row(again, self.confirm_button))
        return page

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        self.done_text = QLabel(page)
        self.done_text.setObjectName("handoverDone")
        self.done_text.setWordWrap(True)
        finish = QPushButton(self.tr("Done"), page)
        finish.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Hand-over recorded"), page))
        layout.addWidget(self.done_text, 1)
        layout.addLayout(button_row(finish))
        return page

    def _collectors(self, found: list[CollectorCash]) -> None:
        for cash in found:
            self.collector.addItem(
                f"{cash.staff_no} {cash.name}（{format_yuan(cash.open_fen)}）", cash.staff_no
            )

    def staff_no(self) -> str:
        """The chosen collector's staff number (typed or picked)."""
        index = self.collector.currentIndex()
        text = self.collector.currentText()
        if index >= 0 and text == self.collector.itemText(index):
            return str(self.collector.itemData(index))
        return text.split()[0] if text.strip() else ""

    def compare(self) -> None:
        """Step 2: look up what the collector holds, then compare with the count."""
        if not self.staff_no():
            self.error.setText(self.tr("Choose the collector first."))
            return
        self.error.clear()
        self.next_button.setEnabled(False)
        count = BlindCount(self.cash.pieces())
        self.runner.submit(compare_handover, self.context.actor, self.staff_no(), count,
                           on_done=self._compared, on_error=self._failed)

    def _compared(self, found: tuple[CollectorCash, CountComparison]) -> None:
        cash, comparison = found
        self.next_button.setEnabled(True)
        self.expected = cash
        count = BlindCount(self.cash.pieces())
        cash_only = tuple(check for check in comparison.checks if check.method == CASH)
        fill_comparison(self.table, CountComparison(cash_only, comparison.threshold_fen), "")
        self.needs_approval = comparison.needs_approval
        self.summary.setText(self.tr("{name} holds {expected}; counted {counted}.").format(
            name=f"{cash.staff_no} {cash.name}", expected=format_yuan(cash.open_fen),
            counted=format_yuan(count.cash_fen),
        ))
        self.reason.setVisible(self.needs_approval)
        self.stack.setCurrentIndex(SIGN)

    def confirm(self) -> None:
        """Step 3: record the hand-over (asking a supervisor first for a difference)."""
        if self.expected is None:
            return
        approval, reason = None, self.reason.text().strip()
        if self.needs_approval:
            if not reason:
                self.error.setText(self.tr("Please give the reason for the difference."))
                return
            approval = self.ask(self, self.context, "handover_variance", self.context.actor)
            if approval is None:
                return
        request = HandoverRequest(
            client_uuid=self.uuid,
            collector_staff_no=self.expected.staff_no,
            count=BlindCount(self.cash.pieces()),
            collector_signature=self.collector_pad.signature(),
            receiver_signature=self.receiver_pad.signature(),
            reason=reason,
            approval=approval,
        )
        self.error.clear()
        self.confirm_button.setEnabled(False)
        self.runner.submit(record_handover, self.context.actor, self.station, request,
                           on_done=self._recorded, on_error=self._failed)

    def _recorded(self, record: HandoverRecord) -> None:
        self.record = record
        self.done_text.setText(self.tr(
            "{receipt}: {collector} handed over {counted} to {receiver} "
            "(expected {expected}) on {day}."
        ).format(
            receipt=record.receipt_no, collector=f"{record.collector_staff_no} "
            f"{record.collector_name}", counted=format_yuan(record.counted_fen),
            receiver=f"{record.receiver_staff_no} {record.receiver_name}",
            expected=format_yuan(record.expected_fen), day=record.business_date.isoformat(),
        ))
        self.stack.setCurrentIndex(DONE)

    def _failed(self, failure: JobFailure) -> None:
        self.next_button.setEnabled(True)
        self.confirm_button.setEnabled(True)
        self.error.setText(failure.message)

