"""The shift-close dialog (结班): blind count first, then the comparison, then the Z report.

1. The cashier counts the drawer by denomination and enters the card terminal's slips; the
   dialog shows nothing of what the books expect.
2. Only then does it show expected against counted per method and the difference. A
   difference above the threshold needs a reason and a supervisor's approval (asked when
   the cashier closes). "Count again" goes back to step 1.
3. The shift closes (one client UUID for every retry); the Z report prints when a receipt
   printer is set up and is shown, with reprint and Save as PDF.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.cash_count import BlindCount, CountComparison, CountError
from cashier.domain.money import format_yuan
from cashier.services.context import AppContext
from cashier.services.shift_close import (
    ShiftCloseResult,
    close_counted_shift,
    compare_shift_count,
)
from cashier.services.station import Station
from cashier.ui.approval import ask_approval
from cashier.ui.counter.attempts import new_uuid
from cashier.ui.counter.dialogs import AskApproval
from cashier.ui.reconciliation.count_widgets import CashCountWidget, SlipsWidget
from cashier.ui.reconciliation.z_report_view import ZReportView
from cashier.ui.runner import JobFailure, Runner
from cashier.ui.signin import error_label, heading

COUNT, COMPARE, DONE = 0, 1, 2
SHORT = QColor("#b00020")
OVER = QColor("#1b5e20")


def comparison_table(parent: QWidget, headers: list[str]) -> QTableWidget:
    """An empty table of method, expected, counted and difference (`headers`)."""
    table = QTableWidget(0, 4, parent)
    table.setObjectName("comparisonTable")
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    return table


def fill_comparison(table: QTableWidget, comparison: CountComparison, not_counted: str) -> None:
    """One row per method; differences coloured (red short, green over)."""
    table.setRowCount(len(comparison.checks))
    for row, check in enumerate(comparison.checks):
        counted = not_counted if check.counted_fen is None else format_yuan(check.counted_fen)
        difference = "" if check.counted_fen is None else format_yuan(check.difference_fen)
        cells = [check.label, format_yuan(check.expected_fen), counted, difference]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 3 and check.difference_fen:
                item.setForeground(SHORT if check.difference_fen < 0 else OVER)
            table.setItem(row, column, item)
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(rows + table.horizontalHeader().height() + 2 * table.frameWidth())


class CountDialog(QDialog):
    """What the shift-close and hand-over dialogs share: the books, this counter, the
    background runner, the supervisor's approval (`ask`, given in tests) and one client UUID
    for every retry of the record."""

    def __init__(
        self,
        context: AppContext,
        station: Station,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
        ask: AskApproval | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.station = station
        self.runner = runner or Runner(context.uow_factory, self)
        self.ask = ask or ask_approval
        self.uuid = new_uuid()
        self._build()

    def _build(self) -> None:
        """The dialog's own state and pages (put together with `_stack_pages`)."""
        raise NotImplementedError

    def _stack_pages(self, *pages: QWidget) -> None:
        """The steps' pages, one shown at a time, above the error line."""
        self.stack = QStackedWidget(self)
        for page in pages:
            self.stack.addWidget(page)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)


class ShiftCloseDialog(CountDialog):
    """See the module docstring. After it closes, `result` holds the close (or None)."""

    def _build(self) -> None:
        self.comparison: CountComparison | None = None
        self.result: ShiftCloseResult | None = None
        self.setWindowTitle(self.tr("Close shift"))
        self._stack_pages(self._count_page(), self._compare_page(), self._done_page())
        self.resize(760, 640)

    def _count_page(self) -> QWidget:
        page = QWidget(self)
        self.cash = CashCountWidget(page)
        self.slips = SlipsWidget(page)
        self.next_button = QPushButton(self.tr("Next: compare"), page)
        self.next_button.setObjectName("compareButton")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.compare)
        cancel = QPushButton(self.tr("Cancel"), page)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Count the drawer"), page))
        intro = QLabel(self.tr(
            "Count the cash by denomination and enter every slip of the card terminal. "
            "What the books expect is shown only after the count."
        ), page)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.cash)
        layout.addWidget(QLabel(self.tr("Card terminal slips"), page))
        layout.addWidget(self.slips, 1)
        layout.addLayout(button_row(cancel, self.next_button))
        return page

    def _compare_page(self) -> QWidget:
        page = QWidget(self)
        self.table = comparison_table(page, [
            self.tr("Method"), self.tr("Expected"), self.tr("Counted"), self.tr("Difference")
        ])
        self.summary = QLabel(page)
        self.summary.setObjectName("comparisonSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.summary.setFont(font)
        self.reason = QLineEdit(page)
        self.reason.setObjectName("varianceReason")
        self.reason.setPlaceholderText(self.tr("Reason for the difference"))
        self.close_button = QPushButton(self.tr("Close shift"), page)
        self.close_button.setObjectName("closeShiftButton")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close_shift)
        again = QPushButton(self.tr("Count again"), page)
        again.clicked.connect(lambda: self.stack.setCurrentIndex(COUNT))
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Expected and counted"), page))
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.reason)
        layout.addStretch(1)
        layout.addLayout(button_row(again, self.close_button))
        return page

    def _done_page(self) -> QWidget:
        self.z_view = ZReportView(self.context, self.station, self.runner, self)
        page = QWidget(self)
        finish = QPushButton(self.tr("Done"), page)
        finish.setObjectName("doneButton")
        finish.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Shift closed: Z report"), page))
        layout.addWidget(self.z_view, 1)
        layout.addLayout(button_row(finish))
        return page

    def blind_count(self) -> BlindCount:
        """What was counted; raises CountError for an impossible count."""
        return BlindCount(self.cash.pieces(), self.slips.slips())

    def compare(self) -> None:
        """Step 2: ask the books for expected against this count."""
        try:
            count = self.blind_count()
        except CountError as error:
            self.error.setText(str(error))
            return
        self.error.clear()
        self.next_button.setEnabled(False)
        self.runner.submit(compare_shift_count, self.context.actor, self.station, count,
                           on_done=self._compared, on_error=self._failed)

    def _compared(self, comparison: CountComparison) -> None:
        self.next_button.setEnabled(True)
        self.comparison = comparison
        fill_comparison(self.table, comparison, self.tr("settled by statement"))
        difference = format_yuan(comparison.difference_fen)
        if comparison.needs_approval:
            text = self.tr(
                "Difference {difference} is above {threshold}: give a reason; a supervisor "
                "approves when you close."
            ).format(difference=difference, threshold=format_yuan(comparison.threshold_fen))
        else:
            text = self.tr("Difference {difference}.").format(difference=difference)
        self.summary.setText(text)
        self.reason.setVisible(comparison.needs_approval)
        self.stack.setCurrentIndex(COMPARE)
        (self.reason if comparison.needs_approval else self.close_button).setFocus()

    def close_shift(self) -> None:
        """Step 3: close with the count (asking a supervisor first when needed)."""
        if self.comparison is None:
            return
        approval, reason = None, self.reason.text().strip()
        if self.comparison.needs_approval:
            if not reason:
                self.error.setText(self.tr("Please give the reason for the difference."))
                return
            approval = self.ask(self, self.context, "shift_variance", self.context.actor)
            if approval is None:
                return
        self.error.clear()
        self.close_button.setEnabled(False)
        job = partial(close_counted_shift, count=self.blind_count(), client_uuid=self.uuid,
                      reason=reason, approval=approval, printer=self.context.printer)
        self.runner.submit(job, self.context.actor, self.station,
                           on_done=self._closed, on_error=self._failed)

    def _closed(self, result: ShiftCloseResult) -> None:
        self.result = result
        if result.print_error:
            status = result.print_error
        elif result.printed:
            status = self.tr("The Z report was printed.")
        else:
            status = self.tr("No receipt printer is set up: save the Z report as PDF.")
        self.z_view.show_report(result.report, 0, status)
        self.stack.setCurrentIndex(DONE)

    def _failed(self, failure: JobFailure) -> None:
        self.next_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.error.setText(failure.message)


def button_row(*widgets: QWidget) -> QHBoxLayout:
    """`widgets` side by side at the right of a row."""
    row = QHBoxLayout()
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    return row


def open_shift_close_dialog(
    parent: QWidget | None, context: AppContext, station: Station
) -> ShiftCloseResult | None:
    """Run the shift-close dialog modally (for the Counter page's close-shift button); the
    close, or None when the cashier backed out before closing."""
    dialog = ShiftCloseDialog(context, station, parent)
    try:
        dialog.exec()
        return dialog.result
    finally:
        dialog.deleteLater()
