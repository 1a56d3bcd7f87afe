"""The Counter page after the money: void and refund with a real supervisor's approval, credit
paid out, the shift opened on demand, the receipt check, and a printer failure with F9."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from counter_data import DEC_15, NOV_10, PASSWORD, SUPERVISOR_NO, counter_context
from counter_support import (
    WAIT_MS,
    FlakyPrinter,
    ModalScript,
    idle,
    make_page,
    open_account,
    press,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from cashier.domain.receipt import parse_qr_payload
from cashier.services.payments import account_panel
from cashier.services.receipt_records import account_payments
from cashier.services.shifts import current_shift, shift_summary
from cashier.ui.approval import ApprovalDialog
from cashier.ui.counter.dialogs import (
    CreditRefundDialog,
    InvoiceDialog,
    ReceiptCheckDialog,
    ReversalDialog,
)
from cashier.ui.counter.shift import OpenShiftDialog
from cashier.ui.pages.accounts import AccountsPage
from cashier.ui.reconciliation.shift_close_dialog import (
    COMPARE,
    COUNT,
    DONE,
    ShiftCloseDialog,
)


@pytest.fixture
def context(tmp_path):
    return counter_context(tmp_path)


def _pay_cash(qtbot, page, account_no: str, amount: str | None = None) -> None:
    open_account(qtbot, page, account_no)
    if amount is not None:
        page.tender.amount.selectAll()
        qtbot.keyClicks(page.tender.amount, amount)
    press(qtbot, page, Qt.Key.Key_F1)
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)


def _select_payment(qtbot, page, row: int = 0) -> None:
    qtbot.waitUntil(lambda: page.account.payments_model.rowCount() > row)
    page.account.payments.selectRow(row)


def _reason(text: str):
    def act(dialog) -> None:
        dialog.reason.setText(text)
        dialog.submit()

    return act


def _approve(staff_no: str = SUPERVISOR_NO, password: str = PASSWORD):
    def act(dialog: ApprovalDialog) -> None:
        dialog.staff_no.setText(staff_no)
        dialog.password.setText(password)
        dialog.submit()

    return act


def test_void_with_the_supervisors_approval_reverses_the_payment(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0001")
    _select_payment(qtbot, page)
    assert page.account.void_button.isEnabled()
    with ModalScript((ReversalDialog, _reason("收错户号")), (ApprovalDialog, _approve())) as script:
        page.account.void_button.click()
        idle(qtbot, page)
    assert script.errors == [] and script.seen == ["ReversalDialog", "ApprovalDialog"]
    assert page.result.headline.text().startswith("Voided A01-00000002")
    slip = page.result.preview.text()
    assert "作废" in slip and "原收据号：A01-00000002" in slip
    rows = account_payments(context.uow_factory(), "T-0001")
    assert [(r.receipt_no, r.kind, r.amount_fen) for r in rows] == [
        ("A01-00000003", "void", -201400),
        ("A01-00000002", "payment", 201400),
    ]
    assert rows[1].reversed_by == "A01-00000003"
    panel = account_panel(context.uow_factory(), page.station, "T-0001")
    assert panel.statement.total_due_fen == 201400  # the late fee it fixed is back too
    qtbot.waitUntil(lambda: page.account.payments_model.rowCount() == 2)
    _select_payment(qtbot, page, 1)
    assert not page.account.void_button.isEnabled()


def test_void_without_approval_changes_nothing(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0002")
    _select_payment(qtbot, page)

    def cancel(dialog: ApprovalDialog) -> None:
        dialog.reject()

    script = ModalScript(
        (ReversalDialog, _reason("金额输错")), (ApprovalDialog, cancel), (ReversalDialog, cancel)
    )
    with script:
        page.account.void_button.click()
        idle(qtbot, page)
    assert script.errors == []
    assert [r.kind for r in account_payments(context.uow_factory(), "T-0002")] == ["payment"]


def test_a_reason_is_required_before_approval_is_asked(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0002")
    _select_payment(qtbot, page)
    asked = []
    dialog = ReversalDialog(
        context, page.account.selected_payment(), "void", page,
        ask=lambda *args: asked.append(args),
    )
    qtbot.addWidget(dialog)
    dialog.submit()
    assert asked == [] and dialog.error.text() == "Type the reason."


def test_refund_in_cash_of_a_wechat_payment(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0003")
    press(qtbot, page, Qt.Key.Key_F2)
    qtbot.keyClicks(page.tender._rows[0].reference, "4200000000000000000000000001")
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    _select_payment(qtbot, page)

    def reason_and_cash(dialog: ReversalDialog) -> None:
        dialog.way.setCurrentIndex(dialog.way.findData("cash"))
        _reason("用户要求退款")(dialog)

    with ModalScript((ReversalDialog, reason_and_cash), (ApprovalDialog, _approve())) as script:
        page.account.refund_button.click()
        idle(qtbot, page)
    assert script.errors == []
    refund, payment = account_payments(context.uow_factory(), "T-0003")
    assert refund.kind == "refund" and refund.amount_fen == -payment.amount_fen
    assert refund.methods.startswith("现金 -")
    assert "退款金额" in page.result.preview.text()
    totals = shift_summary(context.uow_factory(), page.station)
    assert totals.by_method == {"cash": -payment.amount_fen, "wechat": payment.amount_fen}


def test_credit_is_paid_out_with_approval(qtbot, tmp_path):
    context = counter_context(tmp_path)
    page = make_page(qtbot, context, DEC_15, confirm=lambda *_args: True)
    _pay_cash(qtbot, page, "T-0001", "2100")
    qtbot.waitUntil(lambda: page.account.payout_button.isEnabled())

    def half(dialog: CreditRefundDialog) -> None:
        dialog.amount.setText("50.00")
        _reason("用户退预存")(dialog)

    with ModalScript((CreditRefundDialog, half), (ApprovalDialog, _approve())) as script:
        page.account.payout_button.click()
        idle(qtbot, page)
    assert script.errors == []
    panel = account_panel(context.uow_factory(), page.station, "T-0001")
    assert panel.statement.credit_fen == 8600 - 5000
    qtbot.waitUntil(lambda: page.account.credit.text().endswith("¥36.00"))
    assert "预存退款" in page.result.preview.text()


def test_taking_money_without_a_shift_opens_one_and_then_posts(qtbot, context):
    page = make_page(qtbot, context, NOV_10, shift=False)
    assert page.shift_bar.open_button.isVisible()
    open_account(qtbot, page, "T-0004")
    press(qtbot, page, Qt.Key.Key_F1)

    def float_of_300(dialog: OpenShiftDialog) -> None:
        dialog.float_field.setText("300")
        dialog.submit()

    with ModalScript((OpenShiftDialog, float_of_300)) as script:
        press(qtbot, page, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(account_payments(context.uow_factory(), "T-0004")) == 1)
        idle(qtbot, page)
    assert script.errors == []
    totals = shift_summary(context.uow_factory(), page.station)
    assert (totals.opening_float_fen, totals.payments) == (30000, 1)
    assert page.shift_bar.close_button.isVisible()
    assert "0007" in page.shift_bar.label.text()


def _shown_text(widget) -> str:
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def _compare(qtbot, dialog: ShiftCloseDialog, hundreds: int) -> list[list[str]]:
    """Count `hundreds` notes of 100 yuan, go to the comparison, return its cash row."""
    assert dialog.stack.currentIndex() == COUNT
    dialog.cash.set_pieces({10000: hundreds})
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == COMPARE, timeout=WAIT_MS)
    return [dialog.table.item(0, column).text() for column in range(4)]


def _shift_closing_page(qtbot, tmp_path):
    """A page whose shift took T-0001's bill in cash, printing on a FlakyPrinter; the cash
    the drawer should hold (float and takings, fen)."""
    context = counter_context(tmp_path, printer=FlakyPrinter())
    page = make_page(qtbot, context, NOV_10, confirm=lambda *_args: True)
    _pay_cash(qtbot, page, "T-0001")
    qtbot.waitUntil(lambda: page.shift_bar.state.totals.payments == 1, timeout=WAIT_MS)
    return page, page.shift_bar.state.totals.cash_expected_fen


def test_closing_the_shift_counts_blind_compares_recounts_and_prints_the_z_report(
    qtbot, tmp_path
):
    page, expected = _shift_closing_page(qtbot, tmp_path)
    assert expected == 240000
    dialog_text: list[str] = []
    shown_lines: list[str] = []

    def count_compare_recount_close(dialog: ShiftCloseDialog) -> None:
        dialog_text.append(_shown_text(dialog))
        short = _compare(qtbot, dialog, 23)
        assert short == ["现金", "¥2,400.00", "¥2,300.00", "-¥100.00"]
        assert dialog.reason.isVisibleTo(dialog)
        [again] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Count again"]
        qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
        assert _compare(qtbot, dialog, 24) == ["现金", "¥2,400.00", "¥2,400.00", "¥0.00"]
        assert not dialog.reason.isVisibleTo(dialog)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == DONE, timeout=WAIT_MS)
        dialog_text.append(dialog.z_view.text())
        shown_lines.extend(line.text for line in dialog.z_view.preview.lines())
        assert dialog.z_view.status.text() == "The Z report was printed."
        qtbot.mouseClick(dialog.findChild(QPushButton, "doneButton"), Qt.MouseButton.LeftButton)

    with ModalScript((ShiftCloseDialog, count_compare_recount_close)) as script:
        page.shift_bar.close_button.click()
        qtbot.waitUntil(lambda: page.shift_bar.state.info is None, timeout=WAIT_MS)
        idle(qtbot, page)
    assert script.errors == [] and script.seen == ["ShiftCloseDialog"]
    blind, z_report = dialog_text
    assert "2,400.00" not in blind and "1,900.00" not in blind
    printer = page.context.printer
    z_lines, drawer = printer.jobs[-1]
    assert [line.text for line in z_lines] == shown_lines and not drawer
    assert "结班报表" in z_report and "100元×24" in z_report and "原因" not in z_report
    assert current_shift(page.context.uow_factory(), page.station) is None
    assert "Shift closed (A01-" in page.shift_bar.label.text()
    assert "Cash expected in the drawer: ¥2,400.00" in page.shift_bar.label.text()
    assert page.shift_bar.open_button.isVisible()


def test_a_short_drawer_closes_with_a_reason_and_the_supervisors_approval(qtbot, tmp_path):
    page, expected = _shift_closing_page(qtbot, tmp_path)
    z_text: list[str] = []

    def short_with_reason(dialog: ShiftCloseDialog) -> None:
        _compare(qtbot, dialog, expected // 10000 - 1)
        dialog.reason.setText("找零差错")
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == DONE, timeout=WAIT_MS)
        z_text.append(dialog.z_view.text())
        dialog.accept()

    script = ModalScript((ShiftCloseDialog, short_with_reason), (ApprovalDialog, _approve()))
    with script:
        page.shift_bar.close_button.click()
        idle(qtbot, page)
    assert script.errors == [] and script.seen == ["ShiftCloseDialog", "ApprovalDialog"]
    [text] = z_text
    assert "找零差错" in text and "李四" in text and "-￥100.00" in text
    assert current_shift(page.context.uow_factory(), page.station) is None


def test_backing_out_of_the_count_leaves_the_shift_open(qtbot, tmp_path):
    page, _expected = _shift_closing_page(qtbot, tmp_path)

    def cancel(dialog: ShiftCloseDialog) -> None:
        dialog.cash.set_pieces({10000: 3})
        dialog.reject()

    with ModalScript((ShiftCloseDialog, cancel)) as script:
        page.shift_bar.close_button.click()
        idle(qtbot, page)
    assert script.errors == []
    assert current_shift(page.context.uow_factory(), page.station) is not None
    assert page.shift_bar.close_button.isVisible() and page.shift_bar.state.info is not None


def test_a_scanned_receipt_is_checked_genuine_then_voided_and_a_forged_one_is_not(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0001")
    payload = page.result.receipt.qr_payload
    page.finder.search(payload)
    qtbot.waitUntil(lambda: isinstance(page.receipts.dialog, ReceiptCheckDialog))
    check = page.receipts.dialog
    assert check.verdict.text() == "Genuine receipt" and check.check.genuine
    assert "A01-00000002" in check.preview.text()
    check.reject()
    qr = parse_qr_payload(payload)
    forged = payload.replace(f"|{qr.amount_fen}|", f"|{qr.amount_fen + 10000}|")
    page.finder.search(forged)
    qtbot.waitUntil(lambda: page.receipts.dialog is not check)
    assert page.receipts.dialog.verdict.text() == "NOT genuine: the record does not match"
    assert "不符" in page.receipts.dialog.summary.text()
    assert account_payments(context.uow_factory(), "T-0001")[0].amount_fen == 201400


def test_a_printer_failure_leaves_the_payment_and_f9_reprints_marked(qtbot, tmp_path):
    printer = FlakyPrinter(failing=True)
    context = counter_context(tmp_path, printer=printer)
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0002")
    assert len(account_payments(context.uow_factory(), "T-0002")) == 1
    assert "打印机缺纸" in page.result.printing.text() and "F9" in page.result.printing.text()
    assert printer.jobs == []
    printer.failing = False
    press(qtbot, page, Qt.Key.Key_F9)
    idle(qtbot, page)
    [(lines, drawer)] = printer.jobs
    assert "补打（第1次）" in printer.printed_text() and not drawer
    assert "补打（第1次）" in page.result.preview.text()
    assert page.result.printing.text() == "Reprint no. 1 printed."
    qtbot.waitUntil(lambda: "reprinted 1×" in page.account.payments_model.data(
        page.account.payments_model.index(0, 6)))


def test_a_cash_payment_prints_and_opens_the_drawer(qtbot, tmp_path):
    printer = FlakyPrinter()
    context = counter_context(tmp_path, printer=printer)
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0004")
    [(lines, drawer)] = printer.jobs
    assert drawer and page.result.printing.text() == "Receipt printed."
    assert [line.text for line in lines] == [line.text for line in page.result.preview.lines()]


def test_the_accounts_page_lists_the_receipts_with_their_voids(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0002")
    _select_payment(qtbot, page)
    with ModalScript((ReversalDialog, _reason("收错户号")), (ApprovalDialog, _approve())) as script:
        page.account.void_button.click()
        idle(qtbot, page)
    assert script.errors == []
    accounts = AccountsPage(context, today=lambda: DEC_15)
    qtbot.addWidget(accounts)
    accounts.open_account("T-0002")
    qtbot.waitUntil(lambda: accounts.panel.view is not None, timeout=10_000)
    table = accounts.panel.receipts
    cells = [[table.item(r, c).text() for c in (0, 1, 3, 6)] for r in range(table.rowCount())]
    assert cells == [  # 1,701.64 + 30 days × 0.2% late fee (102.10)
        ["A01-00000003", "作废", "-¥1,803.74", "reverses A01-00000002"],
        ["A01-00000002", "收费", "¥1,803.74", "reversed by A01-00000003"],
    ]


def test_a_receipt_exchanged_for_an_invoice_is_marked_and_can_no_longer_be_voided(
    qtbot, context
):
    page = make_page(qtbot, context, DEC_15)
    _pay_cash(qtbot, page, "T-0004")
    _select_payment(qtbot, page)
    assert page.account.invoice_button.isEnabled() and page.account.void_button.isEnabled()

    def record(dialog: InvoiceDialog) -> None:
        dialog.number.setText("04400012345678")
        dialog.submit()

    with ModalScript((InvoiceDialog, record)) as script:
        page.account.invoice_button.click()
        idle(qtbot, page)
    assert script.errors == []
    [row] = account_payments(context.uow_factory(), "T-0004")
    assert row.invoice_no == "04400012345678"
    assert "04400012345678" in page.finder.status.text()
    qtbot.waitUntil(lambda: page.account.payments_model.rowCount() == 1)
    _select_payment(qtbot, page)
    assert "invoice 04400012345678" in page.account.payments_model.index(0, 6).data()
    assert not page.account.invoice_button.isEnabled()
    assert not page.account.void_button.isEnabled() and page.account.refund_button.isEnabled()
