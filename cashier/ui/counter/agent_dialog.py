"""Bank and agent collection files (代收文件) and the suspense list (待查款项), for accountants.

A file is checked first with a dry run that writes nothing and says what an import would do
(posted, skipped as imported before, booked to suspense); only then can it be imported. A
malformed file is refused whole, with every problem listed. Suspense rows are assigned to an
account one at a time, which posts them as that account's payment dated as collected.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.agent_file import SuspenseItem
from cashier.domain.journal import AGENT_COUNTER
from cashier.domain.money import format_yuan
from cashier.domain.table_rows import ImportRefused
from cashier.services.agent_import import (
    AgentImportSummary,
    assign_suspense,
    import_agent_payments,
    suspense_items,
)
from cashier.services.context import AppContext
from cashier.services.station import Station
from cashier.ui.pages.account_files import ImportErrorsDialog
from cashier.ui.pages.ui_tables import fill_table, name_of, read_only_table
from cashier.ui.runner import JobFailure, Runner
from cashier.ui.signin import ERROR_STYLE


class AgentCollectionDialog(QDialog):
    """Check and import a collection file; work down the suspense list."""

    def __init__(
        self, context: AppContext, runner: Runner, station: Station, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.runner = context, runner
        self.station = Station(AGENT_COUNTER, station.clock)
        self.path: Path | None = None
        self.items: list[SuspenseItem] = []
        self.errors_dialog: ImportErrorsDialog | None = None
        self.setWindowTitle(self.tr("Collection files and suspense"))
        self._build()
        self.refresh_suspense()

    def _build(self) -> None:
        self.choose_button = QPushButton(self.tr("Choose a file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("agentImportButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_file)
        self.summary = QLabel(self.tr("Choose a bank or agent collection file (CSV or Excel)."))
        self.summary.setObjectName("agentSummary")
        self.summary.setWordWrap(True)
        self.suspense = read_only_table(
            [self.tr("Channel"), self.tr("Serial no."), self.tr("Account no. in the file"),
             self.tr("Amount"), self.tr("Paid on"), self.tr("File")],
            self,
        )
        self.account = QLineEdit(self)
        self.account.setObjectName("suspenseAccount")
        self.account.setPlaceholderText(self.tr("The right account no."))
        self.assign_button = QPushButton(self.tr("Assign to this account"), self)
        self.assign_button.clicked.connect(self.assign_selected)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self._arrange()

    def _arrange(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.import_button)
        top.addStretch(1)
        assign = QHBoxLayout()
        assign.addWidget(self.account, 1)
        assign.addWidget(self.assign_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Suspense (account no. unknown):"), self))
        layout.addWidget(self.suspense, 1)
        layout.addLayout(assign)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60, 480)

    def choose_file(self) -> None:
        """Ask for a file, then check it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Collection file"), "", self.tr("Tables (*.csv *.xlsx)")
        )
        if path:
            self.check_file(Path(path))

    def check_file(self, path: Path) -> None:
        """Dry run: say what importing `path` would do, write nothing."""
        self.path = path
        self.import_button.setEnabled(False)
        self._submit(path, dry_run=True)

    def import_file(self) -> None:
        """Import the checked file."""
        if self.path is not None:
            self.import_button.setEnabled(False)
            self._submit(self.path, dry_run=False)

    def _submit(self, path: Path, *, dry_run: bool) -> None:
        job = partial(import_agent_payments, station=self.station, dry_run=dry_run)
        self.runner.submit(
            job, self.context.actor, path, on_done=self._summarised, on_error=self._refused
        )

    def _summarised(self, summary: AgentImportSummary) -> None:
        text = self.tr(
            "{posted} payments ({posted_amount}); {skipped} imported before, skipped; "
            "{suspense} to suspense ({suspense_amount})."
        ).format(
            posted=summary.posted, posted_amount=format_yuan(summary.posted_fen),
            skipped=summary.skipped, suspense=summary.suspense,
            suspense_amount=format_yuan(summary.suspense_fen),
        )
        if summary.dry_run:
            text = self.tr("Checked, nothing written yet. Importing would post: ") + text
        else:
            text = self.tr("Imported: ") + text
            self.path = None
            self.refresh_suspense()
        self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.import_button.setEnabled(summary.dry_run)

    def _refused(self, failure: JobFailure) -> None:
        self.summary.setStyleSheet(ERROR_STYLE)
        if isinstance(failure.error, ImportRefused):
            self.summary.setText(self.tr("The file was refused: nothing was imported."))
            self.errors_dialog = ImportErrorsDialog(failure.error, self)
            self.errors_dialog.open()
        else:
            self.summary.setText(failure.message)

    def refresh_suspense(self) -> None:
        """Read the suspense list again."""
        self.runner.submit(
            suspense_items, self.context.actor, on_done=self._show_suspense, on_error=self._say
        )

    def _show_suspense(self, items: list[SuspenseItem]) -> None:
        self.items = items
        rows = [
            (name_of(i.channel), i.serial, i.account_no, format_yuan(i.amount_fen),
             i.paid_on.isoformat(), i.file_name)
            for i in items
        ]
        fill_table(self.suspense, rows, right=(3,))
        self.assign_button.setEnabled(bool(items))

    def assign_selected(self) -> None:
        """Post the selected suspense row to the account typed."""
        row = self.suspense.currentRow()
        if not 0 <= row < len(self.items) or not self.account.text().strip():
            self._say(self.tr("Select a row and type the account no."))
            return
        item = self.items[row]
        job = partial(assign_suspense, station=self.station)

        def done(receipt_no: str) -> None:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Posted as receipt {receipt}.").format(receipt=receipt_no))
            self.account.clear()
            self.refresh_suspense()

        self.runner.submit(
            job, self.context.actor, item.id, self.account.text().strip(),
            on_done=done, on_error=self._say,
        )

    def _say(self, failure: JobFailure | str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(failure.message if isinstance(failure, JobFailure) else failure)
