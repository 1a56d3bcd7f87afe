"""The Z report (结班报表) on screen as on paper, with reprint (补打) and Save as PDF.

The preview is the Counter page's receipt preview showing the Z report's lines; a reprint
goes through the service (recorded, audited, marked 补打（第N次）) and then shows the marked
report; the PDF is written in the background.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.receipt import ReceiptLine
from cashier.domain.shift_report import ShiftReport
from cashier.domain.z_report import layout_z_report
from cashier.printing.z_report_pdf import write_z_report_pdf
from cashier.services.context import AppContext
from cashier.services.shift_close import reprint_z_report
from cashier.services.station import Station
from cashier.ui.counter.receipt_preview import ReceiptPreview
from cashier.ui.runner import JobFailure, Runner


class ZPreview(ReceiptPreview):
    """A receipt preview that shows any laid-out lines (here: the Z report's)."""

    def show_lines(self, lines: list[ReceiptLine]) -> None:
        """Show `lines` as the paper would."""
        self._lines = list(lines)
        self.updateGeometry()
        self.adjustSize()
        self.update()


def _write_pdf(_uow, path: Path, report: ShiftReport, company: str, phone: str, reprints: int):
    write_z_report_pdf(path, report, company, phone, reprints)
    return path


class ZReportView(QWidget):
    """A Z report with its reprint count; buttons to reprint it and to save it as PDF."""

    def __init__(
        self, context: AppContext, station: Station, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.station = station
        self.runner = runner
        self.report: ShiftReport | None = None
        self.reprints = 0
        self.preview = ZPreview(context.receipt_columns, self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(False)
        self.status = QLabel(self)
        self.status.setObjectName("zStatus")
        self.status.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("Print again (reprint)"), self)
        self.reprint_button.setObjectName("zReprint")
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.pdf_button.setObjectName("zPdf")
        self.reprint_button.clicked.connect(self.reprint)
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def show_report(self, report: ShiftReport, reprints: int = 0, status: str = "") -> None:
        """Show `report` (marked as the `reprints`th reprint when > 0) and a status line."""
        self.report, self.reprints = report, reprints
        lines = layout_z_report(report, self.context.company_name, self.context.receipt_columns,
                                reprints)
        self.preview.show_lines(lines)
        self.status.setText(status)

    def text(self) -> str:
        """The report as the paper shows it (for tests)."""
        return self.preview.text()

    def reprint(self) -> None:
        """Reprint through the service (recorded and audited), then show the marked copy."""
        if self.report is None:
            return
        job = partial(reprint_z_report, printer=self.context.printer)
        self.runner.submit(job, self.context.actor, self.station, self.report.last_receipt,
                           on_done=self._reprinted, on_error=self._failed)

    def _reprinted(self, outcome) -> None:
        report, count, error = outcome
        status = error or (
            self.tr("Reprinted (copy {n}).").format(n=count) if self.context.printer
            else self.tr("Reprint {n} recorded; no receipt printer is set up.").format(n=count)
        )
        self.show_report(report, count, status)

    def ask_pdf_path(self) -> None:
        """Ask where to save the PDF, then write it."""
        if self.report is None:
            return
        suggested = f"结班报表-{self.report.last_receipt}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the Z report"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Write the report shown as PDF to `path` in the background."""
        if self.report is None:
            return
        self.runner.submit(
            _write_pdf, path, self.report, self.context.company_name,
            self.context.service_phone, self.reprints,
            on_done=lambda written: self.status.setText(
                self.tr("Saved {path}.").format(path=written)
            ),
            on_error=self._failed,
        )

    def _failed(self, failure: JobFailure) -> None:
        self.status.setText(failure.message)
