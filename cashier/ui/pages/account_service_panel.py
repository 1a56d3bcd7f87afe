"""The service records behind an account's credits, for the Accounts page to embed.

    panel = AccountServicePanel(context, runner)   # e.g. as a tab of the account view
    panel.load(account_id)                          # when an account is opened
    panel.load_number(account_no)                   # ... or by its number
    panel.clear()                                   # when none is shown

Shows each measurement and outage of the account with what it credited (室温退费, 停热减收),
refunds still running, corrected records, and the account's complaints and applications.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cashier.domain.money import format_yuan
from cashier.domain.service_records import AccountServiceView, RecordCredit
from cashier.services.context import AppContext
from cashier.services.service_overview import (
    account_service_view,
    account_service_view_by_number,
)
from cashier.ui.pages.service_models import deadline_text, moment_text, state_text, word
from cashier.ui.pages.ui_tables import fill_table, read_only_table
from cashier.ui.runner import Runner

MONEY_COLUMN = 3


class AccountServicePanel(QWidget):
    """Measurements, outages and cases of one account, with the credit each record earned."""

    def __init__(
        self, context: AppContext, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.runner = context, runner
        self.view: AccountServiceView | None = None
        self._request = 0
        self.total = QLabel(self)
        self.records = read_only_table(
            [self.tr("Record"), self.tr("Number"), self.tr("Time"), self.tr("Credited"),
             self.tr("Season"), self.tr("Details")], self,
        )  # fmt: skip
        self.cases = read_only_table(
            [self.tr("Number"), self.tr("Kind"), self.tr("Received"), self.tr("Deadline"),
             self.tr("State"), self.tr("What was said")], self,
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.total)
        layout.addWidget(QLabel(self.tr("Measurements and outages"), self))
        layout.addWidget(self.records, 2)
        layout.addWidget(QLabel(self.tr("Complaints, reports and applications"), self))
        layout.addWidget(self.cases, 1)

    def load(self, account_id: int) -> None:
        """Fetch and show the records of ``account_id`` (a later call wins)."""
        self._fetch(account_service_view, account_id)

    def load_number(self, account_no: str) -> None:
        """Fetch and show the records of the account numbered ``account_no``."""
        self._fetch(account_service_view_by_number, account_no)

    def _fetch(self, service, key: int | str) -> None:
        self._request += 1
        request = self._request
        self.runner.submit(
            service, self.context.actor, key,
            on_done=lambda view: self._arrived(request, view),
            on_error=lambda failure: self.total.setText(failure.message),
        )  # fmt: skip

    def _arrived(self, request: int, view: AccountServiceView) -> None:
        if request == self._request:
            self.show_view(view)

    def clear(self) -> None:
        """Show nothing."""
        self._request += 1
        self.view = None
        self.total.clear()
        fill_table(self.records, [])
        fill_table(self.cases, [])

    def show_view(self, view: AccountServiceView) -> None:
        """Show ``view``."""
        self.view = view
        self.total.setText(
            self.tr("Credited by service records: {amount}").format(
                amount=format_yuan(view.credited_fen)
            )
        )
        rows = [self._row(self.tr("Measurement"), c) for _, c in view.measurements]
        rows += [self._row(self.tr("Outage"), c) for _, c in view.outages]
        rows.sort(key=lambda row: row[2])
        fill_table(self.records, rows, right=[MONEY_COLUMN])
        fill_table(self.cases, [
            (s.case.case_no, word(s.case.kind), moment_text(s.case.received_at),
             deadline_text(s), state_text(s), s.case.text)
            for s in view.cases
        ])  # fmt: skip

    def _row(self, kind: str, credit: RecordCredit) -> tuple:
        details = credit.summary
        if credit.superseded_by:
            note = self.tr("Corrected by {number}; ").format(number=credit.superseded_by)
            details = note + details
        if credit.open_spell:
            details = self.tr("Refund running until the next measurement; ") + details
        return (kind, credit.number, moment_text(credit.at), format_yuan(credit.credited_fen),
                credit.season or "", details)  # fmt: skip
