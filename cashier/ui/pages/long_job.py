"""Long work (imports, exports, season billing) with a progress dialog that can cancel it.

The job runs on the background Runner with its own unit of work. It reports progress through
a queued signal (never touching a widget from the worker) and asks `cancelled()` between
steps; a cancelled service keeps what it committed and stops, or writes nothing at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cashier.services.ports import UnitOfWork
from cashier.ui.runner import JobFailure, Runner

Progress = Callable[..., None]
Work = Callable[[UnitOfWork, Progress, Callable[[], bool]], Any]
"""work(uow, progress, cancelled): progress(done[, total]) may be called from the worker."""


class LongJob(QObject):
    """One run of `work` behind a window-modal progress dialog.

    Signals: `done(result)` and `failed(JobFailure)`, after the dialog has closed.
    `progress_label` formats the dialog's text from (done, total); total 0 means unknown.
    """

    done = Signal(object)
    failed = Signal(object)
    _progress = Signal(int, int)

    def __init__(
        self,
        runner: Runner,
        parent: QWidget,
        title: str,
        progress_label: Callable[[int, int], str],
        *,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._label = progress_label
        self._cancel = threading.Event()
        cancel_text = self.tr("Cancel") if cancellable else None
        self.dialog = QProgressDialog(progress_label(0, 0), cancel_text, 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(self.dialog.fontMetrics().horizontalAdvance("M") * 30)
        self._cancellable = cancellable
        self.dialog.canceled.connect(self.cancel)
        self._progress.connect(self._show_progress)

    def start(self, work: Work) -> None:
        """Show the dialog and run `work` in the background."""
        self.dialog.show()
        self._runner.submit(
            lambda uow: work(uow, self._report, self._cancel.is_set),
            on_done=self._finish,
            on_error=self._fail,
        )

    def cancel(self) -> None:
        """Ask the job to stop at its next check; the dialog stays until it has.

        A job started as not cancellable keeps running: Esc does not stop it."""
        if self._cancellable:
            self._cancel.set()
            self.dialog.setLabelText(self.tr("Cancelling… work already saved is kept."))
            self.dialog.setCancelButtonText(None)
        self.dialog.show()

    def was_cancelled(self) -> bool:
        """True when the user asked to cancel."""
        return self._cancel.is_set()

    def _report(self, done: int, total: int = 0) -> None:
        self._progress.emit(done, total)

    def _show_progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        self.dialog.setLabelText(self._label(done, total))

    def _finish(self, result: object) -> None:
        self.dialog.close()
        self.done.emit(result)

    def _fail(self, failure: JobFailure) -> None:
        self.dialog.close()
        self.failed.emit(failure)
