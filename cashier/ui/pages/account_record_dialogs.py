"""The Accounts page's forms for an account's own records: change of holder (过户), closing
(销户) and a metered reading (抄表).

They need no supervisor: each checks what was typed, then sends it to its service, which keeps
the record (the old holder, the closing day, the reading and its settlement line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from cashier.domain.errors import UserError
from cashier.domain.reading_import import check_consumption
from cashier.domain.roles import Approval
from cashier.domain.table_rows import CellProblem
from cashier.services.accounts import change_holder, close_account
from cashier.services.readings import enter_reading
from cashier.ui.pages.account_action_dialogs import ActionDialog, MakeJob, date_field

MAX_NAME = 64
MAX_PHONE = 32


class HolderDialog(ActionDialog):
    """Change the holder's name and phone (过户); the account keeps its number and bills."""

    def __init__(self, context, runner, account_no, name: str, phone: str, today: dt.date,
                 parent=None, **kw) -> None:  # fmt: skip
        super().__init__(context, runner, account_no, parent, **kw)
        self.today = today
        self.setWindowTitle(self.tr("Change of holder: {account}").format(account=account_no))
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newName")
        self.new_name.setMaxLength(MAX_NAME)
        self.new_phone = QLineEdit(self)
        self.new_phone.setObjectName("newPhone")
        self.new_phone.setMaxLength(MAX_PHONE)
        for caption, widget in (
            (self.tr("Holder now:"), QLabel(f"{name}　{phone}".strip(), self)),
            (self.tr("New holder:"), self.new_name),
            (self.tr("New phone:"), self.new_phone),
        ):
            self.form.addRow(caption, widget)
        self._arrange(self.tr(
            "The account keeps its number, bills, arrears and payments; the former holder is "
            "kept in the account's history with your reason."
        ))  # fmt: skip

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        name, phone = self.new_name.text(), self.new_phone.text()
        if not name.strip():
            raise UserError(self.tr("Please type the new holder's name."), "name required")
        reason, today = self.reason.text(), self.today

        def make(_approvals: list[Approval]):
            return partial(change_holder, name=name, phone=phone, reason=reason, on=today)

        return (), make


class CloseDialog(ActionDialog):
    """Close the account (销户); the service refuses while anything is owed or credit is left."""

    def __init__(self, context, runner, account_no, today: dt.date, parent=None,
                 **kw) -> None:  # fmt: skip
        super().__init__(context, runner, account_no, parent, **kw)
        self.today = today
        self.setWindowTitle(self.tr("Close account {account}").format(account=account_no))
        self._arrange(self.tr(
            "A closed account is no longer billed and takes no more changes. It can be closed "
            "only when nothing is owed on {date} and no credit is left."
        ).format(date=today.isoformat()))  # fmt: skip

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        reason, today = self.reason.text(), self.today

        def make(_approvals: list[Approval]):
            return partial(close_account, reason=reason, on=today)

        return (), make


class ReadingDialog(ActionDialog):
    """Enter a metered account's consumption for a season; its settlement line follows."""

    needs_reason = False

    def __init__(self, context, runner, account_no, seasons: Sequence[str], today: dt.date,
                 parent=None, **kw) -> None:  # fmt: skip
        super().__init__(context, runner, account_no, parent, **kw)
        self.today = today
        self.setWindowTitle(self.tr("Meter reading: {account}").format(account=account_no))
        self.season = QComboBox(self)
        for code in seasons:
            self.season.addItem(code, code)
        self.consumption = QLineEdit(self)
        self.consumption.setObjectName("consumption")
        self.read_on = date_field(self, today)
        for caption, widget in (
            (self.tr("Season:"), self.season),
            (self.tr("Consumption:"), self.consumption),
            (self.tr("Read on:"), self.read_on),
        ):
            self.form.addRow(caption, widget)
        self._arrange(self.tr(
            "Consumption in the season's metered unit (kWh or GJ). The settlement (多退少补) is "
            "posted on the season's bill as soon as the reading is saved, as the readings "
            "import does."
        ))  # fmt: skip

    def prepare(self) -> tuple[Sequence[str], MakeJob]:
        season = self.season.currentData()
        if season is None:
            raise UserError(self.tr("No season is loaded yet."), "no season is loaded")
        try:
            consumption = check_consumption(self.consumption.text())
        except CellProblem as problem:
            raise UserError(self.tr("Consumption:") + problem.zh, problem.en) from None
        read_on, today = self.read_on.date().toPython(), self.today

        def make(_approvals: list[Approval]):
            return partial(enter_reading, season=season, consumption=consumption,
                           read_on=read_on, on=today)  # fmt: skip

        return (), make
