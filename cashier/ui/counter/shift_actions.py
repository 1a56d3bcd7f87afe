"""Opening and closing the counter's shift from the Counter page (through the runner)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from cashier.domain.money import format_yuan
from cashier.domain.shift import ShiftTotals
from cashier.services.shifts import ShiftInfo, open_shift
from cashier.ui.counter.attempts import new_uuid
from cashier.ui.counter.shift import OpenShiftDialog, ShiftState, read_shift_state, totals_text
from cashier.ui.runner import JobFailure

if TYPE_CHECKING:
    from cashier.ui.counter.page import CounterPage


class ShiftActions(QObject):
    """The page's shift work: show the state, open with a float, close with the totals."""

    def __init__(self, page: CounterPage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: OpenShiftDialog | None = None
        self.closed_note = ""
        """What the last close recorded, shown until the next shift opens."""

    def refresh(self) -> None:
        """Read the counter's shift and its running totals again."""
        self.page.runner.submit(
            read_shift_state, self.page.station,
            on_done=self._show, on_error=lambda failure: None,
        )

    def _show(self, state: ShiftState) -> None:
        bar = self.page.shift_bar
        bar.show_state(state)
        if state.info is None and self.closed_note:
            bar.label.setText(f"{bar.label.text()}\n{self.closed_note}")

    def open_shift(self, then: Callable[[], None] | None = None) -> None:
        """Ask for the opening float and open the shift; then call `then` (e.g. post the
        payment that needed the shift)."""
        page = self.page
        self.dialog = OpenShiftDialog(page.context.actor, page.station.counter, page)
        try:
            if self.dialog.exec() != QDialog.DialogCode.Accepted:
                return
            float_fen = self.dialog.float_fen or 0
        finally:
            self.dialog.deleteLater()
            self.dialog = None
        job = partial(open_shift, opening_float_fen=float_fen, client_uuid=new_uuid())

        def opened(_info: ShiftInfo) -> None:
            self.closed_note = ""
            self.refresh()
            if then is not None:
                then()

        page.runner.submit(
            job, page.context.actor, page.station, on_done=opened, on_error=self._refused
        )

    def close_shift(self) -> None:
        """Close the shift with the blind count, the comparison and the Z report (the
        Reconciliation area's dialog), then show what the close recorded."""
        from cashier.ui.reconciliation.shift_close_dialog import (  # it imports this package
            open_shift_close_dialog,
        )

        page = self.page
        if page.shift_bar.state.info is None:
            return
        result = open_shift_close_dialog(page, page.context, page.station)
        if result is None:
            self.refresh()
            return
        self._closed(result.totals)

    def _closed(self, totals: ShiftTotals) -> None:
        text = self.tr("Shift closed ({receipt}). Cash expected in the drawer: {cash}.").format(
            receipt=totals.closed_receipt_no or "", cash=format_yuan(totals.cash_expected_fen)
        )
        self.closed_note = f"{text} {totals_text(totals)}"
        self.refresh()

    def _refused(self, failure: JobFailure) -> None:
        QMessageBox.warning(self.page, self.tr("Shift"), failure.message)
