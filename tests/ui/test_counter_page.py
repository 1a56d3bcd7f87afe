"""The Counter page on a real SQLite database: find, open, take the money, the receipt.

Driven from the keyboard as a cashier does (F-keys, Enter, Esc); the payments are checked in
the books afterwards through the services, not through the page.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from dataclasses import replace

import pytest
from counter_data import DEC_15, NOV_10, counter_context
from counter_support import idle, make_page, open_account, press
from PySide6.QtCore import Qt

from cashier.domain.textwidth import gb_width
from cashier.services.payments import account_panel
from cashier.services.receipt_records import account_payments
from cashier.services.shifts import shift_summary

OCT_20 = dt.date(2025, 10, 20)
"""Inside the early-discount window (0.5% for WeChat, Alipay and transfers)."""
WECHAT_NO = "4200001234567890123456789012"


@pytest.fixture
def context(tmp_path):
    return counter_context(tmp_path)


def _payments(context, account_no: str):
    return account_payments(context.uow_factory(), account_no)


def _due(page, account_no: str, channel: str = "cash") -> int:
    panel = account_panel(page.context.uow_factory(), page.station, account_no, channel)
    return panel.statement.total_due_fen


def test_find_open_pay_cash_with_change_and_see_the_receipt(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0001")
    assert page.tender.amount.text() == "2014.00"  # 1,900.00 + 30 days' late fee 114.00
    assert page.account.total.text().endswith("¥2,014.00")
    assert page.tender.amount.hasFocus()
    press(qtbot, page, Qt.Key.Key_F1)
    assert page.tender.methods() == ("cash",) and page.tender.tendered.hasFocus()
    qtbot.keyClicks(page.tender.tendered, "2100")
    assert page.tender.change.text().endswith("¥86.00")
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert page.stack.currentWidget() is page.result
    assert page.finder.search_field.hasFocus()
    preview = page.result.preview.text()
    assert "人民币（大写）：\n贰仟零壹拾肆元整" in preview
    assert "A01-00000002" in preview and "找零" in preview and "￥86.00" in preview
    assert all(line.columns <= 32 for line in page.result.preview.lines())
    rows = _payments(context, "T-0001")
    assert [(r.receipt_no, r.amount_fen, r.methods) for r in rows] == [
        ("A01-00000002", 201400, "现金 2,014.00")
    ]
    assert _due(page, "T-0001") == 0
    qtbot.waitUntil(lambda: page.account.total.text().endswith("¥0.00"))
    assert page.account.payments_model.rowCount() == 1
    assert "1 payments" in page.shift_bar.label.text()


def test_receipt_preview_keeps_to_80mm_columns_with_two_byte_characters(qtbot, tmp_path):
    context = counter_context(tmp_path, receipt_columns=48)
    page = make_page(qtbot, context, NOV_10)
    open_account(qtbot, page, "T-0004")
    press(qtbot, page, Qt.Key.Key_F1)
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    lines = page.result.preview.lines()
    text_lines = [line for line in lines if line.kind != "qr"]
    assert max(gb_width(line.text) * (2 if line.double else 1) for line in text_lines) <= 48
    assert any(line.columns == 48 for line in text_lines)  # amounts are padded to the edge
    assert page.result.preview.sizeHint().width() > 48 * 4
    assert not page.result.preview.grab().isNull()


def test_split_tender_without_a_reference_is_refused_until_one_is_typed(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0001")
    press(qtbot, page, Qt.Key.Key_F1)
    cash_amount = page.tender._rows[0].amount
    cash_amount.selectAll()
    qtbot.keyClicks(cash_amount, "1000")
    press(qtbot, page, Qt.Key.Key_F2)
    wechat = page.tender._rows[1]
    assert page.tender.methods() == ("cash", "wechat")
    assert wechat.amount.text() == "1014.00" and wechat.reference.hasFocus()
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert "单号" in page.tender.problem.text()
    assert wechat.reference.hasFocus()
    assert _payments(context, "T-0001") == []
    qtbot.keyClicks(wechat.reference, WECHAT_NO)
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    [row] = _payments(context, "T-0001")
    assert row.methods == "现金 1,000.00、微信 1,014.00"
    assert "单号：\n" + WECHAT_NO in page.result.preview.text()  # 28 digits: a line of its own


def test_f_keys_pick_each_method_once(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0002")
    for key in (Qt.Key.Key_F1, Qt.Key.Key_F2, Qt.Key.Key_F3, Qt.Key.Key_F4, Qt.Key.Key_F5):
        press(qtbot, page, key)
    assert page.tender.methods() == ("cash", "wechat", "alipay", "bank_card", "bank_transfer")
    assert page.tender._rows[0].amount.text() == page.tender.amount.text()
    assert page.tender._rows[4].reference.hasFocus()
    press(qtbot, page, Qt.Key.Key_F3)
    assert len(page.tender.methods()) == 5
    assert page.tender._rows[2].reference.hasFocus()
    idle(qtbot, page)


def test_a_wechat_payment_in_the_discount_window_defaults_to_the_discounted_total(
    qtbot, context
):
    def never(*_args) -> bool:
        raise AssertionError("no overpayment question expected")

    page = make_page(qtbot, context, OCT_20, confirm=never)
    open_account(qtbot, page, "T-0001")
    assert page.tender.amount.text() == "1900.00"
    press(qtbot, page, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.tender.amount.text() == "1890.50")
    assert page.tender._rows[0].amount.text() == "1890.50"
    assert page.account.statement.channel == "wechat"
    qtbot.keyClicks(page.tender._rows[0].reference, WECHAT_NO)
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    [row] = _payments(context, "T-0001")
    assert row.amount_fen == 189050
    assert _due(page, "T-0001", "wechat") == 0


def test_esc_backs_out_one_step_at_a_time(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0001")
    press(qtbot, page, Qt.Key.Key_F1)
    press(qtbot, page, Qt.Key.Key_F4)
    press(qtbot, page, Qt.Key.Key_Escape)
    assert page.tender.methods() == ("cash",) and page.tender.amount.hasFocus()
    press(qtbot, page, Qt.Key.Key_Escape)
    assert page.tender.methods() == ()
    press(qtbot, page, Qt.Key.Key_Escape)
    assert page.account.panel is None and page.stack.currentWidget() is page.idle
    assert page.finder.search_field.hasFocus()
    assert page.finder.search_field.selectedText() == "T-0001"
    press(qtbot, page, Qt.Key.Key_Escape)
    assert page.finder.search_field.text() == ""
    idle(qtbot, page)


def test_search_shortcuts_bring_the_cursor_back(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0003")
    assert not page.finder.search_field.hasFocus()
    press(qtbot, page, Qt.Key.Key_F6)
    assert page.finder.search_field.hasFocus()
    page.tender.focus_amount()
    qtbot.keyClick(page.tender.amount, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.finder.search_field.hasFocus()


def test_overpayment_asks_then_posts_the_excess_as_credit_with_the_same_uuid(qtbot, context):
    questions: list[tuple[str, str | None]] = []

    def confirm(_parent, _title: str, text: str) -> bool:
        questions.append((text, page.uuids.pending()))
        return True

    page = make_page(qtbot, context, DEC_15, confirm=confirm)
    open_account(qtbot, page, "T-0001")
    page.tender.amount.selectAll()
    qtbot.keyClicks(page.tender.amount, "2100")
    press(qtbot, page, Qt.Key.Key_F1)
    assert "becomes credit" in page.tender.summary.text()
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    [(text, uuid)] = questions
    assert "¥86.00" in text and "预存" in text
    [row] = _payments(context, "T-0001")
    assert row.amount_fen == 210000
    with context.uow_factory() as uow:
        assert uow.journal.by_uuid(uuid).receipt_no == row.receipt_no
    assert "预存余额" in page.result.preview.text()
    qtbot.waitUntil(lambda: page.account.credit.text().endswith("¥86.00"))
    assert page.account.payout_button.isEnabled()


def test_declining_the_overpayment_posts_nothing(qtbot, context):
    page = make_page(qtbot, context, DEC_15, confirm=lambda *_args: False)
    open_account(qtbot, page, "T-0001")
    page.tender.amount.selectAll()
    qtbot.keyClicks(page.tender.amount, "3000")
    press(qtbot, page, Qt.Key.Key_F1)
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert _payments(context, "T-0001") == []
    assert page.stack.currentWidget() is page.tender


def test_enter_twice_while_posting_posts_once(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0002")
    press(qtbot, page, Qt.Key.Key_F1)
    idle(qtbot, page)
    page.confirm_payment()
    page.confirm_payment()
    assert page.runner.active_jobs() == 1 and not page.tender.isEnabled()
    idle(qtbot, page)
    assert len(_payments(context, "T-0002")) == 1
    totals = shift_summary(context.uow_factory(), page.station)
    assert totals.payments == 1


class LostAcknowledgement:
    """A unit-of-work factory whose next unit of work commits, then loses the connection
    before the page hears back (the case the client UUID is for)."""

    def __init__(self, factory) -> None:
        self.factory = factory
        self.armed = False

    def __call__(self):
        uow = self.factory()
        if self.armed:
            self.armed = False
            commit = uow.commit

            def commit_then_fail() -> None:
                commit()
                raise OSError("connection lost after commit")

            uow.commit = commit_then_fail
        return uow


def test_a_retry_after_a_lost_acknowledgement_is_recognised_not_posted_twice(qtbot, tmp_path):
    base = counter_context(tmp_path)
    factory = LostAcknowledgement(base.uow_factory)
    context = replace(base, uow_factory=factory)
    page = make_page(qtbot, context, DEC_15, confirm=lambda *_args: False)
    open_account(qtbot, page, "T-0003")
    press(qtbot, page, Qt.Key.Key_F1)
    idle(qtbot, page)
    factory.armed = True
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert page.stack.currentWidget() is page.tender
    assert "Press Enter again without changing anything" in page.tender.problem.text()
    assert len(_payments(context, "T-0003")) == 1
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert page.stack.currentWidget() is page.result
    assert "already been recorded" in page.result.printing.text()
    assert len(_payments(context, "T-0003")) == 1


def test_cash_rounding_takes_the_cash_to_the_jiao_and_settles_in_full(qtbot, context):
    with context.uow_factory() as uow:
        uow.settings.put("cash_rounding", "jiao")
        uow.commit()
    page = make_page(qtbot, context, DEC_15)
    open_account(qtbot, page, "T-0002")
    assert page.tender.amount.text() == "1803.74"  # 1,701.64 + 30 days' late fee 102.10
    press(qtbot, page, Qt.Key.Key_F1)
    qtbot.keyClicks(page.tender.tendered, "1900")
    summary = page.tender.summary.text()
    assert "¥1,803.70" in summary and "-¥0.04" in summary
    assert page.tender.change.text().endswith("¥96.30")
    press(qtbot, page, Qt.Key.Key_Return)
    idle(qtbot, page)
    [row] = _payments(context, "T-0002")
    assert row.amount_fen == 180370
    assert _due(page, "T-0002") == 0


def test_down_and_enter_in_the_results_open_the_highlighted_account(qtbot, context):
    page = make_page(qtbot, context, DEC_15)
    page.focus_search()
    page.finder.search_field.setText("幸福小区")  # as an input method would type it
    qtbot.waitUntil(lambda: page.finder.model.rowCount() == 4, timeout=10_000)
    qtbot.keyClick(page.finder.search_field, Qt.Key.Key_Down)
    assert page.finder.results.hasFocus()
    qtbot.keyClick(page.finder.results, Qt.Key.Key_Down)
    second = page.finder.model.hit(1).account_no
    qtbot.keyClick(page.finder.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.account.panel is not None, timeout=10_000)
    assert page.account.panel.account_no == second
    assert page.tender.amount.hasFocus()
    idle(qtbot, page)
