"""The Accounts page's approved actions on a real SQLite database: each form asks a supervisor
through the real approval dialog before saving; a refused or cancelled approval saves nothing."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from account_pages_data import SEASON, TODAY, ZHANG, build_database
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.registration import Address, NewAccount
from cashier.services import users
from cashier.services.accounts import register_account
from cashier.services.billing import open_season
from cashier.services.statements import account_statement
from cashier.ui.approval import ApprovalDialog
from cashier.ui.pages.account_action_dialogs import ArrearsDialog, FactsDialog, WaiverDialog
from cashier.ui.pages.account_record_dialogs import CloseDialog, HolderDialog, ReadingDialog
from cashier.ui.pages.accounts import AccountsPage

WAIT_MS = 10_000
PW = "幸福小区2025"


@pytest.fixture
def context(tmp_path):
    """The accounts database (season billed, 张三 owes 350.00 carried over) with an
    administrator, an accountant and two supervisors; the local operator is signed in."""
    context = build_database(tmp_path, accounts=20)
    for staff_no, name, roles in (
        ("0001", "周八", ["admin"]),
        ("1004", "赵六", ["accountant"]),
        ("1005", "孙七", ["supervisor"]),
        ("1007", "吴九", ["supervisor"]),
    ):
        users.add_user(context.uow_factory(), LOCAL_OPERATOR, staff_no=staff_no, name=name,
                       roles=roles, password=PW, must_change_password=False)  # fmt: skip
    return context


@pytest.fixture
def page(qtbot, context, zh_translator) -> AccountsPage:
    widget = AccountsPage(context, today=lambda: TODAY, shortcuts=False)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.open_account(ZHANG.account_no)
    qtbot.waitUntil(lambda: widget.actions.view is not None, timeout=WAIT_MS)
    return widget


def type_approval(staff_no: str, password: str = PW, *, then_cancel: bool = False) -> list[str]:
    """When the approval dialog shows, type the supervisor's credentials and approve (then
    cancel if it refuses and `then_cancel`); returns the errors the dialog showed."""
    errors: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ApprovalDialog):
            QTimer.singleShot(10, fill)
            return
        dialog.staff_no.setText(staff_no)
        dialog.password.setText(password)
        dialog.submit()
        if dialog.error.text():
            errors.append(dialog.error.text())
            if then_cancel:
                dialog.reject()

    QTimer.singleShot(0, fill)
    return errors


def _engine(context):
    with context.uow_factory() as uow:
        return uow.session.get_bind()


def _rows(context, sql: str) -> list[tuple]:
    with _engine(context).connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def _wait_dialog(qtbot, page, kind):
    qtbot.waitUntil(lambda: isinstance(page.actions.dialog, kind), timeout=WAIT_MS)
    return page.actions.dialog


def test_waiving_late_fee_asks_a_supervisor_then_shows_the_credit(qtbot, page, context):
    late_fee = account_statement(context.uow_factory(), "A-0001", TODAY, "cash").statement
    owed = next(s.late_fee_fen for s in late_fee.seasons if s.season == SEASON)
    assert owed > 0
    page.actions.waiver_button.click()
    dialog = _wait_dialog(qtbot, page, WaiverDialog)
    assert dialog.amount.text() == f"{owed // 100}.{owed % 100:02d}"
    dialog.amount.setText("10.00")
    dialog.reason.setText("困难户减免")
    type_approval("1005")
    dialog.save()
    qtbot.waitUntil(lambda: page.actions.dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "已保存" in page.status.text(), timeout=WAIT_MS)
    after = account_statement(context.uow_factory(), "A-0001", TODAY, "cash").statement
    assert next(s.late_fee_fen for s in after.seasons if s.season == SEASON) == owed - 1000
    assert _rows(context, "SELECT amount_fen, approved_by, recorded_by FROM bill_lines"
                          " WHERE kind = 'late_fee_waiver'") == [(-1000, "1005", "0000")]


def test_a_cancelled_approval_saves_nothing_and_says_so(qtbot, page, context):
    page.actions.facts_button.click()
    dialog = _wait_dialog(qtbot, page, FactsDialog)
    dialog.area.setText("95.00")
    dialog.reason.setText("重新测量")
    errors = type_approval("1005", "wrong-password", then_cancel=True)
    dialog.save()
    assert errors == ["工号或密码错误。"]
    assert dialog.error.text() == "未保存：没有主管批准。" and dialog.isVisible()
    assert _rows(context, "SELECT count(*) FROM account_facts WHERE approved_by IS NOT NULL") == [
        (0,)
    ]
    type_approval("1007")
    dialog.save()
    qtbot.waitUntil(lambda: page.actions.dialog is None, timeout=WAIT_MS)
    assert _rows(context, "SELECT heated_area_centi, approved_by FROM account_facts"
                          " WHERE approved_by IS NOT NULL") == [(9_500, "1007")]


def test_a_supervisor_cannot_approve_their_own_change(qtbot, context, zh_translator):
    supervisor = users.sign_in(context.uow_factory(), "1005", PW)
    page = AccountsPage(replace(context, actor=supervisor), today=lambda: TODAY, shortcuts=False)
    qtbot.addWidget(page)
    assert not page.actions.facts_button.isHidden()
    assert page.actions.arrears_button.isHidden()  # supervisors do not edit arrears
    page.open_account(ZHANG.account_no)
    qtbot.waitUntil(lambda: page.actions.view is not None, timeout=WAIT_MS)
    page.actions.change_facts()
    dialog = page.actions.dialog
    dialog.category.setCurrentIndex(dialog.category.findData("non_residential"))
    dialog.reason.setText("改为商铺")
    errors = type_approval("1005", then_cancel=True)
    dialog.save()
    assert errors == ["不能批准自己的变更用户类别，请由另一位主管批准。"]
    assert dialog.error.text() == "未保存：没有主管批准。"


def test_the_arrears_form_checks_the_amount_before_asking_anyone(qtbot, context, zh_translator):
    accountant = users.sign_in(context.uow_factory(), "1004", PW)
    page = AccountsPage(replace(context, actor=accountant), today=lambda: TODAY, shortcuts=False)
    qtbot.addWidget(page)
    page.open_account(ZHANG.account_no)
    qtbot.waitUntil(lambda: page.actions.view is not None, timeout=WAIT_MS)
    page.actions.arrears_button.click()
    dialog = _wait_dialog(qtbot, page, ArrearsDialog)
    assert dialog.findChild(type(dialog.error), "currentArrears").text() == "¥350.00"
    dialog.total.setText("12.345")
    dialog.reason.setText("核对")
    dialog.save()  # no approval dialog: the amount is refused first
    assert "两位小数" in dialog.error.text()
    dialog.total.setText("300")
    type_approval("1005")
    dialog.save()
    qtbot.waitUntil(lambda: page.actions.dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: page.panel.fact_values["arrears"].text() == "¥300.00", timeout=WAIT_MS
    )
    assert _rows(context, "SELECT amount_fen, approved_by FROM opening_arrears_adjustments") == [
        (-5_000, "1005")
    ]


def _open(qtbot, page, account_no: str) -> None:
    page.open_account(account_no)
    qtbot.waitUntil(
        lambda: page.actions.view is not None
        and page.actions.view.details.summary.account_no == account_no,
        timeout=WAIT_MS,
    )


def _register(context, account_no: str, room: str, billing: str = "area") -> None:
    facts = BillingFacts("residential", False, Decimal("90.00"), billing=billing)
    account = NewAccount(account_no, "王五", "", Address("幸福小区", "9", "1", room), facts)
    register_account(context.uow_factory(), LOCAL_OPERATOR, account, on=dt.date(2025, 10, 1))


def test_a_change_of_holder_keeps_the_number_and_lists_the_former_holder(qtbot, page, context):
    page.actions.holder_button.click()
    dialog = _wait_dialog(qtbot, page, HolderDialog)
    dialog.reason.setText("房屋买卖")
    dialog.save()
    assert dialog.error.text() == "请填写新户名。" and dialog.isVisible()
    dialog.new_name.setText("王五")
    dialog.new_phone.setText("13900003333")
    dialog.save()
    qtbot.waitUntil(lambda: page.actions.dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.panel.title.text().startswith("王五"), timeout=WAIT_MS)
    assert page.panel.title.text() == "王五　A-0001"
    former = page.panel.holders.item(0, 1).text()
    assert former == "张三 13900001111" and page.panel.holders.item(0, 4).text() == "房屋买卖"
    assert page.panel.bills.topLevelItemCount() == 1


def test_closing_is_refused_while_owed_and_a_settled_account_closes(qtbot, page, context):
    page.actions.close_button.click()
    dialog = _wait_dialog(qtbot, page, CloseDialog)
    dialog.reason.setText("拆迁")
    dialog.save()
    qtbot.waitUntil(lambda: "尚有欠费" in dialog.error.text(), timeout=WAIT_MS)
    dialog.reject()
    qtbot.waitUntil(lambda: page.actions.dialog is None, timeout=WAIT_MS)
    _register(context, "N-0001", "101")  # registered after the season was billed: owes nothing
    _open(qtbot, page, "N-0001")
    page.actions.close_button.click()
    dialog = _wait_dialog(qtbot, page, CloseDialog)
    dialog.reason.setText("拆迁")
    dialog.save()
    qtbot.waitUntil(lambda: "销户" in page.panel.subtitle.text(), timeout=WAIT_MS)
    assert not any(button.isEnabled() for button in page.actions.buttons())


def test_a_meter_reading_posts_the_settlement_on_the_bill(qtbot, page, context):
    assert not page.actions.reading_button.isEnabled()  # 张三 is billed by area
    _register(context, "M-0001", "102", billing="metered")
    open_season(context.uow_factory(), LOCAL_OPERATOR, SEASON, billed_on=dt.date(2025, 10, 10))
    _open(qtbot, page, "M-0001")
    assert page.actions.reading_button.isEnabled()
    page.actions.reading_button.click()
    dialog = _wait_dialog(qtbot, page, ReadingDialog)
    dialog.consumption.setText("-5")
    dialog.save()
    assert dialog.error.text().startswith("用量") and dialog.isVisible()
    dialog.consumption.setText("5000")
    dialog.read_on.setDate(QDate(2026, 3, 16))
    dialog.save()
    qtbot.waitUntil(lambda: page.actions.dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.panel.bills.topLevelItem(0).childCount() == 2, timeout=WAIT_MS)
    settlement = page.panel.bills.topLevelItem(0).child(1)
    # 90 m² x 22 x 30% = 594.00 base + 5000 kWh x 0.18 = 900.00, less 1,980.00 prepaid
    assert (settlement.text(0), settlement.text(3)) == ("计量结算", "-¥486.00")
