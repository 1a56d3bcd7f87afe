"""What the cashier sees after posting: the outcome, how printing went, and the receipt.

The preview shows the same lines as the paper. When printing failed the payment still
stands: the view says so in red and F9 (or the button) reprints, marked 补打.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from cashier.domain.money import format_yuan
from cashier.domain.receipt import ReceiptData, ReceiptKind
from cashier.services.payments import PaymentResult
from cashier.services.receipts import ReprintResult
from cashier.ui.counter.receipt_preview import ReceiptPreview

DONE_STYLE = "QLabel { background: #e6f4ea; color: #0b4f23; padding: 8px; }"
WARN_STYLE = "QLabel { background: #fde7e9; color: #8a0010; padding: 6px; font-weight: bold; }"
NOTE_STYLE = "QLabel { color: palette(dark); }"


class ResultView(QWidget):
    """The last posted entry's outcome and receipt. Signal `reprint_requested`."""

    reprint_requested = Signal()

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultView")
        self.headline = QLabel(self)
        self.headline.setObjectName("resultHeadline")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet(DONE_STYLE)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.printing = QLabel(self)
        self.printing.setObjectName("printStatus")
        self.printing.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("Reprint (F9)"), self)
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reprint_button.clicked.connect(self.reprint_requested)
        self.preview = ReceiptPreview(columns, self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setWidgetResizable(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.printing)
        layout.addWidget(self.reprint_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(scroll, 1)

    @property
    def receipt(self) -> ReceiptData | None:
        """The receipt shown (the one F9 reprints), or None."""
        return self.preview.receipt

    def show_result(self, result: PaymentResult, *, printer_set: bool) -> None:
        """A payment, void or refund just posted (or found already posted on a retry)."""
        self.headline.setText(self._headline(result))
        if result.duplicate:
            self._say(self.tr("This payment had already been recorded; it was not posted again."),
                      NOTE_STYLE)
        elif result.printed:
            self._say(self.tr("Receipt printed."), NOTE_STYLE)
        elif result.print_error:
            self._say(self.tr("{error} Press F9 to reprint.").format(error=result.print_error),
                      WARN_STYLE)
        else:
            self._say(self._not_printed(printer_set), NOTE_STYLE)
        self.preview.show_receipt(result.receipt)

    def show_receipt(self, receipt: ReceiptData, headline: str) -> None:
        """An earlier receipt, for a look or a reprint."""
        self.headline.setText(headline)
        self._say(self.tr("As first printed; F9 reprints it marked as a reprint."), NOTE_STYLE)
        self.preview.show_receipt(receipt)

    def show_reprint(self, result: ReprintResult, *, printer_set: bool) -> None:
        """A reprint was recorded; show it (marked 补打) and how printing went."""
        self.preview.show_receipt(result.receipt)
        if result.printed:
            text = self.tr("Reprint no. {count} printed.").format(count=result.reprint_count)
            self._say(text, NOTE_STYLE)
        elif result.print_error:
            self._say(self.tr("{error} Press F9 to try again.").format(error=result.print_error),
                      WARN_STYLE)
        else:
            self._say(self._not_printed(printer_set), NOTE_STYLE)

    def _not_printed(self, printer_set: bool) -> str:
        if printer_set:
            return self.tr("The receipt was not printed.")
        return self.tr("No receipt printer is set up: the receipt was not printed.")

    def _say(self, text: str, style: str) -> None:
        self.printing.setText(text)
        self.printing.setStyleSheet(style)

    def _headline(self, result: PaymentResult) -> str:
        receipt = result.receipt
        if receipt.kind is ReceiptKind.VOID:
            return self.tr("Voided {original}: slip {receipt}").format(
                original=receipt.original_receipt_no, receipt=result.receipt_no)
        if receipt.kind is ReceiptKind.REFUND:
            return self.tr("Refunded {amount}: slip {receipt}").format(
                amount=format_yuan(abs(receipt.paid_fen)), receipt=result.receipt_no)
        text = self.tr("Received {amount}: receipt {receipt}").format(
            amount=format_yuan(receipt.paid_fen), receipt=result.receipt_no)
        if result.change_fen:
            text += "\n" + self.tr("Change: {amount}").format(amount=format_yuan(result.change_fen))
        return text
