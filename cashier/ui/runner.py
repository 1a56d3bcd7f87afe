"""Run service calls off the GUI thread, each job with its own unit of work.

A SQLAlchemy session must not cross threads, so every job gets a fresh unit of work from the
factory, made on the worker thread. Results and errors come back by queued signal, so the
callbacks run on the thread that owns the Runner (the GUI thread); no widget is touched from
a worker.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from cashier.domain.errors import UserError
from cashier.services.ports import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobFailure:
    """Why a job failed: `message` is what to show the user (Chinese once translated)."""

    message: str
    error: Exception
    user_error: bool


DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[JobFailure], None]


class _JobSignals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(
        self,
        job_id: int,
        uow_factory: UnitOfWorkFactory,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.job_id = job_id
        self.signals = _JobSignals()
        self._uow_factory = uow_factory
        self._fn = fn
        self._args = args

    def run(self) -> None:
        try:
            uow: UnitOfWork = self._uow_factory()
            result = self._fn(uow, *self._args)
        except Exception as error:
            self.signals.failed.emit(self.job_id, error)
        else:
            self.signals.done.emit(self.job_id, result)


@dataclass
class _Pending:
    job: _Job
    on_done: DoneCallback | None
    on_error: ErrorCallback | None


MIN_WORKERS = 8
"""Jobs mostly wait on the database, not the CPU: more workers than cores keeps one slow
job (a lock wait, a long report) from holding up every page on a two-core counter PC."""


def _shared_pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_WORKERS:
        pool.setMaxThreadCount(MIN_WORKERS)
    return pool


class Runner(QObject):
    """Submits `fn(uow, *args)` to a thread pool and reports back on the GUI thread.

    Signals `job_done(job_id, result)` and `job_failed(job_id, JobFailure)` are emitted after
    the job's own callbacks. Without `on_error`, a failure is shown with `show_error` (by
    default a message box). Errors that are not UserError are logged with their traceback.
    """

    job_done = Signal(int, object)
    job_failed = Signal(int, object)

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
        show_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._pool = pool or _shared_pool()
        self._show_error = show_error or self._message_box
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> int:
        """Run `fn(new_unit_of_work, *args)` on a worker thread; returns the job id.

        `on_done(result)` or `on_error(JobFailure)` is called later on the GUI thread.
        """
        job = _Job(next(self._ids), self._uow_factory, fn, args)
        job.signals.done.connect(self._finish)
        job.signals.failed.connect(self._fail)
        self._pending[job.job_id] = _Pending(job, on_done, on_error)
        self._pool.start(job)
        return job.job_id

    def active_jobs(self) -> int:
        """How many submitted jobs have not reported back yet."""
        return len(self._pending)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool's workers are idle (e.g. before quitting); True if they are."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _finish(self, job_id: int, result: object) -> None:
        pending = self._pending.pop(job_id)
        if pending.on_done is not None:
            pending.on_done(result)
        self.job_done.emit(job_id, result)

    @Slot(int, object)
    def _fail(self, job_id: int, error: Exception) -> None:
        pending = self._pending.pop(job_id)
        failure = self._failure(error)
        if pending.on_error is not None:
            pending.on_error(failure)
        else:
            self._show_error(failure)
        self.job_failed.emit(job_id, failure)

    def _failure(self, error: Exception) -> JobFailure:
        if isinstance(error, UserError):
            log.info("Job refused: %s", getattr(error, "english", error))
            return JobFailure(str(error), error, user_error=True)
        log.error("Background job failed", exc_info=(type(error), error, error.__traceback__))
        message = self.tr(
            "The operation could not be completed. The details were written to the log; "
            "please try again, and contact the administrator if it keeps happening."
        )
        return JobFailure(message, error, user_error=False)

    def _message_box(self, failure: JobFailure) -> None:
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        QMessageBox.warning(widget, self.tr("Operation failed"), failure.message)
