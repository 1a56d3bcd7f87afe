"""Helpers for the Counter page tests: a page on a real database, waiting for its jobs,
answering nested modal dialogs, and a receipt printer that can be told to fail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from counter_data import station_on
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from cashier.domain.errors import UserError
from cashier.domain.receipt import ReceiptLine
from cashier.services.context import AppContext
from cashier.services.shifts import open_shift
from cashier.ui.counter.attempts import new_uuid
from cashier.ui.counter.page import CounterPage

WAIT_MS = 10_000


def make_page(qtbot, context: AppContext, day: dt.date, *, shift: bool = True, **options):
    """A shown, active Counter page at counter A01 on `day` (with the cashier's shift open
    unless `shift` is False); `options` go to CounterPage."""
    station = station_on(day)
    if shift:
        open_shift(
            context.uow_factory(), context.actor, station,
            opening_float_fen=50_000, client_uuid=new_uuid(),
        )
    page = CounterPage(context, station=station, **options)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    idle(qtbot, page)
    return page


def idle(qtbot, page: CounterPage) -> None:
    """Wait until every background job of the page has reported back."""
    qtbot.waitUntil(lambda: page.runner.active_jobs() == 0 and not page.posting, timeout=WAIT_MS)


def open_account(qtbot, page: CounterPage, account_no: str) -> None:
    """Type the account number into the search field and press Enter, as a scanner does."""
    page.focus_search()
    qtbot.keyClicks(page.finder.search_field, account_no)
    qtbot.keyClick(page.finder.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.account.panel is not None and page.account.panel.account_no == account_no,
        timeout=WAIT_MS,
    )
    idle(qtbot, page)


def press(qtbot, page: CounterPage, key: Qt.Key) -> None:
    """Press `key` where the cursor is (the page's shortcuts see it as the cashier's key)."""
    target = QApplication.focusWidget() or page
    qtbot.keyClick(target, key)


class ModalScript:
    """Answers the modal dialogs that will open, in order: each step gets the dialog.

    A test must fail, never hang, when the program under test misbehaves: a modal dialog that
    stays open blocks the test in its event loop, out of pytest-timeout's reach. So a dialog
    of an unexpected type is rejected; a step that raises (a failed assert, a waitUntil that
    timed out) has its dialog rejected; a dialog that its step leaves open for STEP_LIMIT_MS
    is rejected. Each is recorded in `errors`.

    Used as a context manager (`with ModalScript(...) as script:`), it also rejects, until
    the block ends, any modal dialog that opens after the last step (e.g. a nested approval
    nobody expected, or a warning box after a failed background job); steps still waiting
    when the block ends are recorded as errors and dropped, so the script cannot answer a
    later test's dialog. Started with `start`, it stops looking once the last step has its
    dialog, as it always did.
    """

    STEP_LIMIT_MS = 3 * WAIT_MS
    _guarding: ModalScript | None = None

    def __init__(self, *steps: tuple[type, Callable[[QDialog], None]]) -> None:
        self.steps = list(steps)
        self.seen: list[str] = []
        self.errors: list[str] = []
        self._last: QDialog | None = None
        self._acting: list[QDialog] = []

    def __enter__(self) -> ModalScript:
        ModalScript._guarding = self
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if ModalScript._guarding is self:
            ModalScript._guarding = None
        if self.steps:
            missed = ", ".join(kind.__name__ for kind, _act in self.steps)
            self.errors.append(f"no dialog came for: {missed}")
            self.steps.clear()

    def start(self) -> None:
        """Look for the next dialog once the event loop runs."""
        QTimer.singleShot(50, self._answer)

    def _waiting(self, dialog: QDialog | None) -> bool:
        """True when `dialog` needs no new step: none is open, its step is still running, or
        it is the last dialog answered (e.g. closing once a background job is done). A dialog
        that comes back after a nested one (a form after a refused approval) is a new step."""
        if dialog is None or dialog is self._last:
            return True
        return any(dialog is acting for acting in self._acting)

    def _answer(self) -> None:
        if not self.steps and ModalScript._guarding is not self:
            return
        dialog = QApplication.activeModalWidget()
        self.start()
        if self._waiting(dialog):
            return
        self._last = dialog
        self.seen.append(type(dialog).__name__)
        if not self.steps:
            self._refuse(dialog, f"unexpected {type(dialog).__name__} after the last step")
            return
        kind, act = self.steps.pop(0)
        if not isinstance(dialog, kind):
            self._refuse(dialog, f"expected {kind.__name__}, got {type(dialog).__name__}")
            return
        QTimer.singleShot(self.STEP_LIMIT_MS, lambda: self._left_open(dialog))
        self._acting.append(dialog)
        try:
            act(dialog)
        except Exception as error:
            self._refuse(dialog, f"{kind.__name__} step failed: {type(error).__name__}: {error}")
        finally:
            self._acting.remove(dialog)

    def _left_open(self, dialog: QDialog) -> None:
        if shiboken6.isValid(dialog) and dialog.isVisible():
            self._refuse(dialog, f"{type(dialog).__name__} left open by its step")

    def _refuse(self, dialog: QDialog, error: str) -> None:
        self.errors.append(error)
        if shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.reject()


@dataclass
class FlakyPrinter:
    """A receipt printer port that records what it printed and fails while `failing`."""

    width_cols: int = 32
    failing: bool = False
    jobs: list[tuple[list[ReceiptLine], bool]] = field(default_factory=list)

    def print_lines(self, lines, *, open_drawer: bool) -> None:
        if self.failing:
            raise UserError("打印机缺纸", "the printer is out of paper")
        self.jobs.append((list(lines), open_drawer))

    def printed_text(self, job: int = -1) -> str:
        """The text of one printed job, a line per printed line."""
        return "\n".join(line.text for line in self.jobs[job][0])
