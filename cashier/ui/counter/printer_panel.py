"""The Settings page's receipt printer tab: which printer this counter uses, and a test print.

The printer comes from the settings file (printer_uri, printer_profile); this tab only shows
it and prints a sample receipt (with the drawer kick) so the cashier can see that the paper,
the Chinese characters, the QR code and the drawer work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cashier.services.context import AppContext
from cashier.services.receipts import PrintOutcome, print_test_page
from cashier.ui.runner import JobFailure, Runner
from cashier.ui.signin import ERROR_STYLE


class PrinterPanel(QWidget):
    """Shows the counter's receipt printer and prints a test page through the runner."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, runner: Runner | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self.printer_label = QLabel(self._printer_text(), self)
        self.printer_label.setObjectName("printerName")
        self.printer_label.setWordWrap(True)
        self.printer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setObjectName("testPrintMessage")
        self.message.setWordWrap(True)
        self.test_button = QPushButton(self.tr("Print a test receipt"), self)
        self.test_button.setObjectName("testPrintButton")
        self.test_button.setEnabled(context.printer is not None)
        self.test_button.clicked.connect(self.print_test)
        self._arrange()

    def _arrange(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Receipt printer:"), self.printer_label)
        form.addRow(self.tr("Paper:"), QLabel(self._paper_text(), self))
        hint = QLabel(
            self.tr(
                "The printer is set in the settings file (printer_uri, e.g. usb:0x0416:0x5011, "
                "tcp:192.168.1.50:9100, serial:COM3, win:Printer name, file:/path; and "
                "printer_profile, e.g. 58 or 80,nocut). The test receipt also opens the drawer."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _printer_text(self) -> str:
        if self.context.printer_problem:
            return self.context.printer_problem
        if self.context.printer is None:
            return self.tr("Not set up (printer_uri is empty): receipts are not printed.")
        return getattr(self.context.printer, "uri", "") or self.tr("Set up")

    def _paper_text(self) -> str:
        return self.tr("{columns} columns").format(columns=self.context.receipt_columns)

    def print_test(self) -> None:
        """Print the sample receipt in the background and say how it went."""
        printer, company = self.context.printer, self.context.company_name
        self.test_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Printing…"))
        self.runner.submit(
            lambda _uow: print_test_page(printer, company),
            on_done=self._printed,
            on_error=self._failed,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.test_button.setEnabled(True)
        if outcome.printed:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("The test receipt was sent to the printer."))
        else:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(outcome.error or self.tr("The test receipt was not printed."))

    def _failed(self, failure: JobFailure) -> None:
        self.test_button.setEnabled(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(failure.message)
