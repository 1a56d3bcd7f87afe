"""The sync dialog: progress while the device's entries go to the central books, then a clear
summary (uploaded, already there, conflicts for the accountant, downloaded).

With a direct connection the sync runs in the background; without one, the dialog writes the
upload bundle for a USB stick and loads the answer bundle brought back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.device import SyncSummary, skew_text
from cashier.ui.runner import JobFailure, Runner

SyncJob = Callable[[Callable[[int, int, str], None]], SyncSummary]
"""sync(progress) -> the summary; runs on a worker thread."""


class _Progress(QObject):
    moved = Signal(int, int, str)


class SyncDialog(QDialog):
    """Runs `sync` (direct) or offers the bundle files (`write_upload(path)`,
    `load_answer(path) -> SyncSummary`), and shows the summary."""

    finished_sync = Signal(object)

    def __init__(
        self,
        runner: Runner,
        sync: SyncJob | None,
        parent: QWidget | None = None,
        *,
        write_upload: Callable[[Path], int] | None = None,
        load_answer: Callable[[Path], SyncSummary] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync with the central books"))
        self.runner, self._sync = runner, sync
        self._write_upload, self._load_answer = write_upload, load_answer
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)
        self.summary: SyncSummary | None = None
        self._build()

    def _build(self) -> None:
        self.stage = QLabel(self._intro(), self)
        self.stage.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.figures = QWidget(self)
        self.grid = QGridLayout(self.figures)
        self.figures.hide()
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Sync now"), self)
        self.start_button.setObjectName("syncStart")
        self.start_button.clicked.connect(self.start)
        self.upload_button = QPushButton(self.tr("Write upload file…"), self)
        self.upload_button.clicked.connect(self._choose_upload)
        self.answer_button = QPushButton(self.tr("Load answer file…"), self)
        self.answer_button.clicked.connect(self._choose_answer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        for button in (self.start_button, self.upload_button, self.answer_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.start_button.setVisible(self._sync is not None)
        self.upload_button.setVisible(self._write_upload is not None)
        self.answer_button.setVisible(self._load_answer is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.figures)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def _intro(self) -> str:
        if self._sync is not None:
            return self.tr(
                "The entries taken on this device go to the central books, each exactly once; "
                "then what changed there comes back."
            )
        return self.tr(
            "No connection to the central books: write the upload file to a USB stick, have "
            "it imported at the office, then load the answer file brought back."
        )

    def start(self) -> None:
        """Run the direct sync in the background."""
        if self._sync is None:
            return
        self._busy(True, self.tr("Uploading…"))
        job = self._sync
        self.runner.submit(
            lambda _uow: job(self._progress.moved.emit),
            on_done=self.show_summary,
            on_error=self._failed,
        )

    def _busy(self, busy: bool, text: str) -> None:
        self.stage.setText(text)
        self.bar.setRange(0, 0 if busy else 1)
        for button in (self.start_button, self.upload_button, self.answer_button):
            button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def _moved(self, done: int, total: int, what: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.stage.setText(self.tr("{what}: {done} of {total}").format(
            what=what, done=done, total=total))

    def _failed(self, failure: JobFailure) -> None:
        self._busy(False, self.tr("The sync did not finish: {message}").format(
            message=failure.message))
        self.details.setText(self.tr(
            "Nothing is lost: the entries stay on this device and go with the next sync; "
            "those the central books took already are not posted twice."))
        self.start_button.setText(self.tr("Try again"))

    def show_summary(self, summary: SyncSummary) -> None:
        """The figures of a finished sync, large, and what follows."""
        self.summary = summary
        self._busy(False, self.tr("Sync finished."))
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self._fill_figures(summary)
        lines = []
        if summary.booked_on is not None:
            lines.append(self.tr("Booked to {day} in the central books.").format(
                day=summary.booked_on.isoformat()))
        if summary.skew_seconds:
            lines.append(self.tr("This device's clock is off: {skew} (recorded).").format(
                skew=skew_text(summary.skew_seconds)))
        if summary.conflicts:
            lines.append(self.tr(
                "Payments whose allocation differs were kept and flagged for the accountant."))
        lines.append(self.tr("Hand the cash over at a counter (缴款)."))
        self.details.setText("\n".join(lines))
        self.start_button.setText(self.tr("Sync again"))
        self.finished_sync.emit(summary)

    def _fill_figures(self, summary: SyncSummary) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2)
        big.setBold(True)
        figures = (
            (self.tr("Uploaded"), summary.uploaded),
            (self.tr("Already there"), summary.already_there),
            (self.tr("Conflicts"), summary.conflicts),
            (self.tr("Downloaded"), summary.downloaded),
        )
        for column, (label, value) in enumerate(figures):
            number = QLabel(str(value), self.figures)
            number.setObjectName(f"syncFigure{column}")
            number.setFont(big)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if column == 2 and value:
                number.setStyleSheet("QLabel { color: #c92a2a; }")
            caption = QLabel(label, self.figures)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(number, 0, column)
            self.grid.addWidget(caption, 1, column)
        self.figures.show()

    def _choose_upload(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Write upload file"), "upload.cbundle", "*.cbundle")
        if path and self._write_upload is not None:
            self._busy(True, self.tr("Writing the upload file…"))
            job = self._write_upload
            self.runner.submit(
                lambda _uow: job(Path(path)),
                on_done=lambda count: self._written(count, path),
                on_error=self._failed,
            )

    def _written(self, count: int, path: str) -> None:
        self._busy(False, self.tr("{count} entries written to {path}.").format(
            count=count, path=path))
        self.bar.setValue(1)
        self.details.setText(self.tr(
            "Have it imported at the office, then load the answer file brought back."))

    def _choose_answer(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load answer file"), "", "*.cbundle")
        if path and self._load_answer is not None:
            self._busy(True, self.tr("Loading…"))
            job = self._load_answer
            self.runner.submit(
                lambda _uow: job(Path(path)), on_done=self.show_summary, on_error=self._failed
            )
