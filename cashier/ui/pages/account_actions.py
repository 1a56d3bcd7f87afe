"""The buttons above the account view: changes that need a supervisor (billing facts,
heating or suspended, opening arrears, late-fee waiver), then the account's own records
(change of holder, meter reading, closing).

A button shows only when the operator's roles allow its action (the services check again);
each reads what its form needs in the background, opens the form, and after a saved change
emits `changed(account_no)` so the page reloads the account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from cashier.services.account_facts import season_statuses
from cashier.services.account_view import AccountView
from cashier.services.context import AppContext
from cashier.services.late_fee_waivers import late_fees_owed
from cashier.services.opening_arrears import opening_arrears
from cashier.services.permissions import can
from cashier.ui.approval import ask_approval
from cashier.ui.pages.account_action_dialogs import (
    ActionDialog,
    ApproveFn,
    ArrearsDialog,
    FactsDialog,
    StatusDialog,
    WaiverDialog,
)
from cashier.ui.pages.account_record_dialogs import CloseDialog, HolderDialog, ReadingDialog
from cashier.ui.pages.ui_tables import money_text
from cashier.ui.runner import JobFailure, Runner

FACT_ACTIONS = ("change_area", "change_category", "edit_account")


class AccountActions(QWidget):
    """Change facts, status, opening arrears or waive late fee of the account shown."""

    changed = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        approve: ApproveFn = ask_approval,
    ) -> None:
        super().__init__(parent)
        self.context, self.runner, self._today, self._approve = context, runner, today, approve
        self.view: AccountView | None = None
        self.dialog: ActionDialog | None = None
        actor = context.actor
        self.facts_button = self._button(
            self.tr("Change facts…"), any(can(actor, a) for a in FACT_ACTIONS), self.change_facts
        )
        self.status_button = self._button(
            self.tr("Heating / suspended…"), can(actor, "change_status"), self.change_status
        )
        self.arrears_button = self._button(
            self.tr("Opening arrears…"), can(actor, "edit_opening_arrears"), self.edit_arrears
        )
        self.waiver_button = self._button(
            self.tr("Waive late fee…"), can(actor, "late_fee_waiver"), self.waive_late_fee
        )
        editor = can(actor, "edit_account")
        self.holder_button = self._button(self.tr("Change holder…"), editor, self.change_holder)
        self.reading_button = self._button(self.tr("Meter reading…"), editor, self.enter_reading)
        self.close_button = self._button(self.tr("Close account…"), editor, self.close_account)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons():
            layout.addWidget(button)
        layout.addStretch(1)
        self.set_view(None)

    def _button(self, text: str, allowed: bool, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setVisible(allowed)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def buttons(self) -> tuple[QPushButton, ...]:
        """The buttons, in the order shown."""
        return (
            self.facts_button, self.status_button, self.arrears_button, self.waiver_button,
            self.holder_button, self.reading_button, self.close_button,
        )  # fmt: skip

    def set_view(self, view: AccountView | None) -> None:
        """The account shown (None: none); a closed account takes no changes."""
        self.view = view
        usable = view is not None and view.details.summary.closed_on is None
        for button in self.buttons():
            button.setEnabled(usable)
        metered = usable and view.details.current.billing == "metered"
        self.reading_button.setEnabled(metered)

    def _account_no(self) -> str | None:
        return None if self.view is None else self.view.details.summary.account_no

    def change_facts(self) -> None:
        """Open the form to change billing facts."""
        if self.view is not None:
            current = self.view.details.current
            self._open(partial(FactsDialog, current=current, today=self._today()))

    def change_status(self) -> None:
        """Read the seasons and the account's status in each, then open the status form."""
        self._read(season_statuses, lambda seasons: self._open(
            partial(StatusDialog, seasons=seasons)
        ))  # fmt: skip

    def edit_arrears(self) -> None:
        """Read the opening arrears with their corrections, then open the arrears form."""
        today = self._today()
        self._read(opening_arrears, lambda history: self._open(
            partial(ArrearsDialog, history=history, today=today)
        ))  # fmt: skip

    def waive_late_fee(self) -> None:
        """Read the late fee each season owes today, then open the waiver form."""
        today = self._today()
        self._read(partial(late_fees_owed, on=today), lambda owed: self._open(
            partial(WaiverDialog, owed=owed, today=today)
        ))  # fmt: skip

    def change_holder(self) -> None:
        """Open the change-of-holder form (过户)."""
        if self.view is not None:
            summary = self.view.details.summary
            self._open(partial(HolderDialog, name=summary.name, phone=summary.phone,
                               today=self._today()))  # fmt: skip

    def enter_reading(self) -> None:
        """Read the seasons, then open the meter-reading form of a metered account."""
        today = self._today()
        self._read(season_statuses, lambda seasons: self._open(
            partial(ReadingDialog, seasons=[code for code, _ in seasons], today=today)
        ))  # fmt: skip

    def close_account(self) -> None:
        """Open the closing form (销户); the service refuses while anything is owed."""
        self._open(partial(CloseDialog, today=self._today()))

    def _read(self, service, then: Callable[[object], None]) -> None:
        number = self._account_no()
        if number is not None:
            self.runner.submit(
                service, self.context.actor, number, on_done=then, on_error=self._report
            )

    def _report(self, failure: JobFailure) -> None:
        self.message.emit(failure.message)

    def _open(self, make: Callable[..., ActionDialog]) -> None:
        number = self._account_no()
        if number is None:
            return
        dialog = make(self.context, self.runner, number, parent=self, approve=self._approve)
        self.dialog = dialog
        dialog.finished.connect(lambda result: self._closed(dialog, number, result))
        dialog.open()

    def _closed(self, dialog: ActionDialog, number: str, result: int) -> None:
        self.dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.message.emit(self._summary(dialog.saved))
            self.changed.emit(number)
        dialog.deleteLater()

    def _summary(self, saved: object) -> str:
        if isinstance(saved, list):
            total = sum(correction.total_fen for correction in saved)
            return self.tr("Saved; bills adjusted by {amount}.").format(amount=money_text(total))
        return self.tr("Saved.")
