"""The Accounts page's forms for changes that need a supervisor: billing facts, the status of
a season, opening arrears and a late-fee waiver.

Each form checks what was typed, then asks a supervisor other than the operator to approve
(`cashier.ui.approval.ask_approval`, once per action that needs it) and only then sends the
change to its service, which checks the approval again and records the approver.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.account_history import FactsVersion
from cashier.domain.account_import import check_cell
from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.money import MoneyError, format_plain, parse_yuan
from cashier.domain.roles import Approval
from cashier.domain.table_rows import CellProblem
from cashier.services.account_facts import approvals_needed, change_facts, set_status
from cashier.services.context import AppContext
from cashier.services.late_fee_waivers import waive
from cashier.services.opening_arrears import ArrearsHistory, adjust_opening_arrears
from cashier.ui.approval import ask_approval
from cashier.ui.pages.service_forms import error_label
from cashier.ui.pages.ui_tables import money_text, name_of
from cashier.ui.runner import JobFailure, Runner

ApproveFn = Callable[[QWidget | None, AppContext, str, Actor], Approval | None]
"""Asks a supervisor to approve an action (ask_approval, or a test's stand-in)."""

MakeJob = Callable[[list[Approval]], Callable[..., Any]]
"""Given the approvals collected, the service call to run as job(uow, actor, account_no)."""

MAX_REASON = 200


def date_field(parent: QWidget, day: dt.date) -> QDateEdit:
    """A date field showing 2025-11-15, with a calendar."""
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def code_combo(parent: QWidget, codes: Sequence[str], current: str) -> QComboBox:
    """A combo of domain codes shown by name, `current` selected."""
    combo = QComboBox(parent)
    for code in codes:
        combo.addItem(name_of(code), code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class ActionDialog(QDialog):
    """A form with a reason, an error line and Save/Cancel; `saved` holds the service's result.

    Subclasses add their fields to `form` and implement `prepare()`; one whose change needs
    no reason sets `needs_reason = False` (the reason row is then hidden).
    """

    needs_reason = True

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        account_no: str,
        parent: QWidget | None = None,
        *,
        approve: ApproveFn = ask_approval,
    ) -> None:
        super().__init__(parent)
        self.context, self.runner, self.account_no = context, runner, account_no
        self.approve = approve
        self.saved: Any = None
        self.form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(MAX_REASON)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _arrange(self, intro: str) -> None:
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.form.setRowVisible(self.reason, self.needs_reason)
        layout = QVBoxLayout(self)
        note = QLabel(intro, self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        """The actions to approve and how to make the job; raises UserError or MoneyError for
        what was typed wrong."""
        raise NotImplementedError

    def save(self) -> None:
        """Check the form, collect the approvals, then run the change in the background."""
        if self.needs_reason and not self.reason.text().strip():
            self.error.setText(self.tr("Please give a reason."))
            self.reason.setFocus()
            return
        try:
            actions, make_job = self.prepare()
        except (UserError, MoneyError) as refused:
            self.error.setText(str(refused))
            return
        approvals = []
        for action in actions:
            approval = self.approve(self, self.context, action, self.context.actor)
            if approval is None:
                self.error.setText(self.tr("Not saved: no supervisor approved it."))
                return
            approvals.append(approval)
        self.buttons.setEnabled(False)
        self.error.clear()
        self.runner.submit(
            make_job(approvals), self.context.actor, self.account_no,
            on_done=self._done, on_error=self._failed,
        )  # fmt: skip

    def _done(self, result: Any) -> None:
        self.saved = result
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(failure.message)


class FactsDialog(ActionDialog):
    """Change billing facts from a date on; a change of the area or category is approved."""

    def __init__(self, context, runner, account_no, current: FactsVersion, today: dt.date,
                 parent=None, **kw) -> None:  # fmt: skip
        super().__init__(context, runner, account_no, parent, **kw)
        self.current = current
        self.setWindowTitle(self.tr("Change billing facts of {account}").format(account=account_no))
        self.category = code_combo(self, ("residential", "non_residential"), current.category)
        self.low_income = QCheckBox(self.tr("Urban low-income household (低保)"), self)
        self.low_income.setChecked(current.low_income)
        self.area = QLineEdit(format(current.heated_area, "f"), self)
        self.area.setObjectName("heatedArea")
        height = current.ceiling_height
        self.height = QLineEdit("" if height is None else format(height, "f"), self)
        self.height.setPlaceholderText(self.tr("empty: no ceiling surcharge"))
        self.billing = code_combo(self, ("area", "metered"), current.billing)
        self.valid_from = date_field(self, today)
        for caption, widget in (
            (self.tr("Category:"), self.category),
            ("", self.low_income),
            (self.tr("Heated area (m²):"), self.area),
            (self.tr("Ceiling height (m):"), self.height),
            (self.tr("Billing:"), self.billing),
            (self.tr("Valid from:"), self.valid_from),
        ):
            self.form.addRow(caption, widget)
        self._arrange(self.tr(
            "Seasons already billed are corrected by adjustments dated today. A change of the "
            "heated area, the category or the low-income flag needs a supervisor's approval."
        ))  # fmt: skip

    def _number(self, key: str, field: QLineEdit, caption: str) -> Decimal | None:
        try:
            return check_cell(key, field.text().strip()) or None
        except CellProblem as problem:
            raise UserError(f"{caption} {problem.zh}", problem.en) from None

    def changes(self) -> dict[str, object]:
        """The facts typed that differ from the current ones; raises UserError."""
        area = self._number("heated_area", self.area, self.tr("Heated area (m²):"))
        if area is None:
            raise UserError(self.tr("Please type the heated area."), "the area is required")
        typed = {
            "category": self.category.currentData(),
            "low_income": self.low_income.isChecked(),
            "heated_area": area,
            "ceiling_height": self._number(
                "ceiling_height", self.height, self.tr("Ceiling height (m):")
            ),
            "billing": self.billing.currentData(),
        }
        old = self.current.values()
        return {key: value for key, value in typed.items() if value != old[key]}

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        changes = self.changes()
        valid_from = self.valid_from.date().toPython()
        reason = self.reason.text()

        def make(approvals: list[Approval]):
            return partial(change_facts, changes=changes, valid_from=valid_from, reason=reason,
                           approvals=approvals)  # fmt: skip

        if not changes:
            raise UserError(self.tr("Nothing was changed."), "nothing to change")
        return approvals_needed(changes), make


class StatusDialog(ActionDialog):
    """Record heating or suspended (供热/报停) for a season, with a supervisor's approval."""

    def __init__(self, context, runner, account_no, seasons: Sequence[tuple[str, str]],
                 parent=None, **kw) -> None:  # fmt: skip
        super().__init__(context, runner, account_no, parent, **kw)
        self.setWindowTitle(self.tr("Heating or suspended: {account}").format(account=account_no))
        self.seasons = QComboBox(self)
        for code, status in seasons:
            self.seasons.addItem(
                self.tr("{season} (now: {status})").format(season=code, status=name_of(status)),
                (code, status),
            )
        self.status = code_combo(self, ("heating", "suspended"), "suspended")
        self.seasons.currentIndexChanged.connect(self._offer_the_other_status)
        self.form.addRow(self.tr("Season:"), self.seasons)
        self.form.addRow(self.tr("New status:"), self.status)
        self._offer_the_other_status()
        self._arrange(self.tr(
            "A season already billed is corrected by adjustments dated today. A change of "
            "status needs a supervisor's approval."
        ))  # fmt: skip

    def _offer_the_other_status(self, *_args: object) -> None:
        chosen = self.seasons.currentData()
        if chosen is not None:
            other = "heating" if chosen[1] == "suspended" else "suspended"
            self.status.setCurrentIndex(self.status.findData(other))

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        chosen = self.seasons.currentData()
        if chosen is None:
            raise UserError(self.tr("No season is loaded yet."), "no season is loaded")
        season, status, reason = chosen[0], self.status.currentData(), self.reason.text()

        def make(approvals: list[Approval]):
            return partial(set_status, season=season, status=status, reason=reason,
                           approval=approvals[0])  # fmt: skip

        return ("change_status",), make


class ArrearsDialog(ActionDialog):
    """Correct the opening arrears (往年欠费) to a new total, with a supervisor's approval."""

    def __init__(self, context, runner, account_no, history: ArrearsHistory, today: dt.date,
                 parent=None, **kw) -> None:  # fmt: skip
        super().__init__(context, runner, account_no, parent, **kw)
        self.setWindowTitle(self.tr("Opening arrears of {account}").format(account=account_no))
        carried = QLabel(money_text(history.carried_over_fen), self)
        current = QLabel(money_text(history.total_fen), self)
        current.setObjectName("currentArrears")
        self.total = QLineEdit(format_plain(history.total_fen), self)
        self.total.setObjectName("newArrears")
        self.booked_on = date_field(self, today)
        for caption, widget in (
            (self.tr("Carried over:"), carried),
            (self.tr("Now, with {count} corrections:").format(count=len(history.adjustments)),
             current),
            (self.tr("New total (yuan):"), self.total),
            (self.tr("Booked on:"), self.booked_on),
        ):  # fmt: skip
            self.form.addRow(caption, widget)
        self._arrange(self.tr(
            "The amount carried over is kept; the difference is added as an adjustment with "
            "your reason and the supervisor who approves it."
        ))  # fmt: skip

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        new_total = parse_yuan(self.total.text())
        booked_on = self.booked_on.date().toPython()
        reason = self.reason.text()

        def make(approvals: list[Approval]):
            return partial(adjust_opening_arrears, new_total_fen=new_total, reason=reason,
                           approval=approvals[0], on=booked_on)  # fmt: skip

        return ("edit_opening_arrears",), make


class WaiverDialog(ActionDialog):
    """Waive late fee of a season (滞纳金减免), with a supervisor's approval."""

    def __init__(self, context, runner, account_no, owed: dict[str, int], today: dt.date,
                 parent=None, **kw) -> None:  # fmt: skip
        super().__init__(context, runner, account_no, parent, **kw)
        self.today = today
        self.setWindowTitle(self.tr("Waive late fee: {account}").format(account=account_no))
        self.seasons = QComboBox(self)
        for season, fen in owed.items():
            text = self.tr("{season} (late fee {amount})").format(
                season=season, amount=money_text(fen)
            )
            self.seasons.addItem(text, (season, fen))
        self.amount = QLineEdit(self)
        self.amount.setObjectName("waiverAmount")
        self.seasons.currentIndexChanged.connect(self._offer_all)
        self.form.addRow(self.tr("Season:"), self.seasons)
        self.form.addRow(self.tr("Waive (yuan):"), self.amount)
        self._offer_all()
        self._arrange(self.tr(
            "The waiver is a credit of the season dated {date}, kept with your reason and the "
            "supervisor who approves it."
        ).format(date=today.isoformat()))  # fmt: skip

    def _offer_all(self, *_args: object) -> None:
        chosen = self.seasons.currentData()
        self.amount.setText(format_plain(chosen[1]) if chosen else "")

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        chosen = self.seasons.currentData()
        if chosen is None:
            raise UserError(self.tr("No season owes late fee today."), "no late fee is owed")
        amount, reason, today = parse_yuan(self.amount.text()), self.reason.text(), self.today

        def make(approvals: list[Approval]):
            return partial(waive, season=chosen[0], amount_fen=amount, reason=reason,
                           approval=approvals[0], on=today)  # fmt: skip

        return ("late_fee_waiver",), make
