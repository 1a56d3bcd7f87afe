"""Import, export and template buttons of the Accounts page (services/account_files.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.errors import UserError
from cashier.domain.table_rows import ImportRefused
from cashier.services.account_files import (
    ImportSummary,
    export_accounts,
    import_accounts,
    write_account_template,
)
from cashier.services.context import AppContext
from cashier.ui.pages.long_job import LongJob
from cashier.ui.pages.ui_tables import money_text
from cashier.ui.runner import JobFailure, Runner

FILE_FILTER = "*.xlsx *.csv"


class ImportErrorsDialog(QDialog):
    """Every problem of a refused import file, one per line ("第3行，供热面积：…")."""

    def __init__(self, refused: ImportRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import refused"))
        heading = QLabel(
            self.tr("Nothing was imported. Correct these {count} problems in the file and "
                    "import it again:").format(count=len(refused.errors)),
            self,
        )
        heading.setWordWrap(True)
        self.errors = QPlainTextEdit(self)
        self.errors.setReadOnly(True)
        self.errors.setPlainText("\n".join(str(error) for error in refused.errors))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.errors, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 50, 400)


class AccountFiles(QObject):
    """The file actions; `imported()` is emitted after accounts were written.

    `last_dialog` is the message or error dialog shown last (non-blocking, for tests).
    """

    imported = Signal()

    def __init__(self, context: AppContext, runner: Runner, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._runner = runner
        self._parent = parent
        self.job: LongJob | None = None
        self.last_dialog: QDialog | None = None

    def choose_import(self) -> None:
        """Ask for a file, then import it."""
        path, _ = QFileDialog.getOpenFileName(
            self._parent,
            self.tr("Import accounts"),
            "",
            self.tr("Account files") + f" ({FILE_FILTER})",
        )
        if path:
            self.import_file(Path(path))

    def choose_export(self) -> None:
        """Ask where to save, then export every account."""
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export accounts"), self.tr("accounts.xlsx"),
            self.tr("Account files") + f" ({FILE_FILTER})",
        )
        if path:
            self.export_file(Path(path))

    def choose_template(self) -> None:
        """Ask where to save the empty accounts file with its header row."""
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Save import template"), self.tr("accounts-template.xlsx"),
            self.tr("Account files") + f" ({FILE_FILTER})",
        )
        if path:
            self.save_template(Path(path))

    def import_file(self, path: Path) -> None:
        """Import `path` in the background: all rows or none, cancellable while reading."""
        actor = self._context.actor
        self.job = LongJob(
            self._runner,
            self._parent,
            self.tr("Import accounts"),
            lambda done, _total: self.tr("Checking {file}: {rows} rows read…").format(
                file=path.name, rows=done
            ),
        )
        self.job.done.connect(self._imported)
        self.job.failed.connect(self._import_failed)
        self.job.start(
            lambda uow, progress, cancelled: import_accounts(
                uow, actor, path, progress=progress, cancelled=cancelled
            )
        )

    def export_file(self, path: Path) -> None:
        """Export every account to `path` (.xlsx or .csv) in the background."""
        actor = self._context.actor
        self.job = LongJob(
            self._runner,
            self._parent,
            self.tr("Export accounts"),
            lambda _done, _total: self.tr("Writing {file}…").format(file=path.name),
            cancellable=False,
        )
        self.job.done.connect(
            lambda count: self._inform(
                self.tr("Exported {count} accounts to {file}.").format(count=count, file=path)
            )
        )
        self.job.failed.connect(self._job_failed)
        self.job.start(lambda uow, _progress, _cancelled: export_accounts(uow, actor, path))

    def save_template(self, path: Path) -> None:
        """Write the template (quick: on the GUI thread)."""
        try:
            write_account_template(path)
        except UserError as error:
            self._warn(str(error))
            return
        self._inform(self.tr("Template saved to {file}.").format(file=path))

    def _imported(self, summary: ImportSummary) -> None:
        text = self.tr("Imported {count} accounts.").format(count=summary.accounts)
        if summary.suspended:
            text += " " + self.tr("{count} suspended for season {season}.").format(
                count=summary.suspended, season=summary.season
            )
        if summary.arrears_accounts:
            text += " " + self.tr("Opening arrears: {count} accounts, {amount} in all.").format(
                count=summary.arrears_accounts, amount=money_text(summary.arrears_fen)
            )
        self._inform(text)
        self.imported.emit()

    def _import_failed(self, failure: JobFailure) -> None:
        if isinstance(failure.error, ImportRefused):
            self._show(ImportErrorsDialog(failure.error, self._parent))
        else:
            self._job_failed(failure)

    def _job_failed(self, failure: JobFailure) -> None:
        self._warn(failure.message)

    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Accounts"), text,
                          QMessageBox.StandardButton.Ok, self._parent)
        self._show(box)

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Accounts"), text,
                          QMessageBox.StandardButton.Ok, self._parent)
        self._show(box)

    def _show(self, dialog: QDialog) -> None:
        self.last_dialog = dialog
        dialog.open()
