"""Posting payments at the counter on SQLite and PostgreSQL: allocation, tender, receipts."""

from __future__ import annotations

import datetime as dt

import pytest

from cashier.domain.receipt import layout_receipt, parse_qr_payload
from cashier.domain.tender import TenderError, TenderPart
from cashier.services.payments import (
    OverpaymentNeedsConfirmation,
    PaymentRequest,
    account_panel,
    post_payment,
)
from cashier.services.posting import UnknownAccount
from cashier.services.receipt_records import account_payments
from cashier.services.shifts import ShiftNotOpen, shift_summary
from cashier.services.statements import account_statement
from tests.support.payment_books import (
    CASHIER,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)

NOV_10 = dt.date(2025, 11, 10)
DEC_15 = dt.date(2025, 12, 15)


@pytest.fixture
def books(make_uow):
    seed_books(make_uow)
    return make_uow


def _due(make_uow, account_no: str, day: dt.date, channel: str = "cash") -> int:
    return account_statement(make_uow(), account_no, day, channel).statement.total_due_fen


def test_payment_without_an_open_shift_is_refused_and_posts_nothing(books):
    station = station_at(NOV_10)
    with pytest.raises(ShiftNotOpen, match="请先开班"):
        pay(books, station, "T-0001", cash(190000))
    assert account_payments(books(), "T-0001") == []
    assert _due(books, "T-0001", NOV_10) == 190000


def test_full_cash_payment_settles_the_account_and_gives_change(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    result = pay(books, station, "T-0001", cash(190000), cash_tendered_fen=200000)
    assert result.receipt_no == "A01-00000002"  # 00000001 opened the shift
    assert result.change_fen == 10000 and result.balance_after_fen == 0
    assert _due(books, "T-0001", NOV_10) == 0
    receipt = result.receipt
    assert (receipt.total_due_fen, receipt.paid_fen, receipt.cash_tendered_fen) == (
        190000,
        190000,
        200000,
    )
    assert [(c.label, c.amount_fen, c.detail) for c in receipt.charges] == [
        ("采暖费", 190000, "100.00㎡×19.00")
    ]
    assert (receipt.account_name, receipt.category, receipt.season) == ("张三", "居民", "2025-2026")
    qr = parse_qr_payload(receipt.qr_payload)
    assert (qr.receipt_no, qr.amount_fen, qr.on) == ("A01-00000002", 190000, NOV_10)
    assert result.entry.hash.startswith(qr.hash_prefix)
    for width in (32, 48):
        assert max(line.columns for line in layout_receipt(receipt, width)) <= width


def test_partial_payment_pays_the_late_fee_first_as_in_example_11(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    assert _due(books, "T-0001", DEC_15) == 190000 + 11400
    result = pay(books, station, "T-0001", cash(100000))
    charges = [(c.label, c.amount_fen) for c in result.receipt.charges]
    assert charges == [("滞纳金", 11400), ("热费", 88600)]
    assert result.balance_after_fen == 101400
    statement = account_statement(books(), "T-0001", dt.date(2025, 12, 25), "cash").statement
    assert [(s.principal_fen, s.late_fee_fen) for s in statement.seasons] == [(101400, 2028)]
    assert statement.total_due_fen == 103428


def test_non_cash_parts_need_a_reference_and_split_tender_is_recorded(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    with pytest.raises(TenderError, match="单号"):
        pay(books, station, "T-0002", cash(70164), TenderPart("wechat", 100000))
    result = pay(
        books,
        station,
        "T-0002",
        cash(70164),
        TenderPart("wechat", 100000, "4200001234567890123456789012"),
        cash_tendered_fen=80000,
    )
    parts = [(p.method, p.amount_fen, p.reference) for p in result.entry.details.parts]
    assert parts == [("cash", 70164, ""), ("wechat", 100000, "4200001234567890123456789012")]
    assert result.change_fen == 80000 - 70164
    assert [m.label for m in result.receipt.methods] == ["现金", "微信"]
    assert _due(books, "T-0002", NOV_10) == 0
    totals = shift_summary(books(), station)
    assert totals.by_method == {"cash": 70164, "wechat": 100000}
    assert totals.cash_expected_fen == 50000 + 70164


def test_overpayment_needs_confirmation_then_becomes_credit(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    request = PaymentRequest(new_uuid(), "T-0001", (cash(200000),))
    with pytest.raises(OverpaymentNeedsConfirmation) as refused:
        post_payment(books(), CASHIER, station, request)
    assert refused.value.excess_fen == 10000
    assert account_payments(books(), "T-0001") == []
    confirmed = PaymentRequest(request.client_uuid, "T-0001", request.parts, allow_credit=True)
    result = post_payment(books(), CASHIER, station, confirmed)
    assert result.balance_after_fen == -10000
    assert ("预存", 10000) in [(c.label, c.amount_fen) for c in result.receipt.charges]
    statement = account_statement(books(), "T-0001", NOV_10, "cash").statement
    assert (statement.credit_fen, statement.total_due_fen) == (10000, 0)


def test_a_retried_uuid_returns_the_stored_payment_without_posting_again(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    request = PaymentRequest(new_uuid(), "T-0002", (cash(50000),))
    first = post_payment(books(), CASHIER, station, request)
    again = post_payment(books(), CASHIER, station, request)
    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.receipt_no == first.receipt_no and again.entry.hash == first.entry.hash
    assert again.receipt == first.receipt
    assert len(account_payments(books(), "T-0002")) == 1
    assert _due(books, "T-0002", NOV_10) == 170164 - 50000


def test_cash_rounding_collects_to_the_jiao_and_still_settles_in_full(books):
    with books() as uow:
        uow.settings.put("cash_rounding", "jiao")
        uow.commit()
    station = station_at(NOV_10)
    start_shift(books, station)
    result = pay(books, station, "T-0002", cash(170164), cash_tendered_fen=180000)
    assert (result.entry.amount_fen, result.entry.applied_fen) == (170160, 170164)
    assert result.change_fen == 180000 - 170160
    assert ("抹零", -4) in [(c.label, c.amount_fen) for c in result.receipt.charges]
    assert sum(c.amount_fen for c in result.receipt.charges) == result.receipt.paid_fen == 170160
    assert _due(books, "T-0002", NOV_10) == 0
    assert shift_summary(books(), station).rounding_fen == -4


def test_early_discount_through_wechat_as_in_example_6(books):
    day = dt.date(2025, 10, 20)
    station = station_at(day)
    start_shift(books, station)
    panel = account_panel(books(), station, "T-0001", "wechat")
    assert panel.statement.total_due_fen == 189050
    assert account_panel(books(), station, "T-0001", "cash").statement.total_due_fen == 190000
    result = pay(books, station, "T-0001", TenderPart("wechat", 189050, "4200000000000001"))
    charges = [(c.label, c.amount_fen) for c in result.receipt.charges]
    assert charges == [("采暖费", 190000), ("优惠", -950)]
    assert _due(books, "T-0001", dt.date(2026, 1, 1)) == 0


def test_split_tender_earns_no_discount_unless_every_part_qualifies(books):
    station = station_at(dt.date(2025, 10, 20))
    start_shift(books, station)
    result = pay(
        books,
        station,
        "T-0001",
        cash(89050),
        TenderPart("wechat", 100000, "4200000000000002"),
        allow_credit=True,
    )
    assert result.entry.channel == "cash"
    assert result.receipt.total_due_fen == 190000 and result.balance_after_fen == 950


def test_opening_arrears_are_paid_before_the_season(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    result = pay(books, station, "T-0003", cash(50000))
    assert [(c.label, c.amount_fen) for c in result.receipt.charges] == [
        ("往年欠费", 30000),
        ("热费", 20000),
    ]
    assert _due(books, "T-0003", NOV_10) == 30000 + 95000 - 50000


def test_unknown_account_is_refused(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    with pytest.raises(UnknownAccount, match="T-9999"):
        pay(books, station, "T-9999", cash(100))


def test_account_panel_and_payments_list(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    first = pay(books, station, "T-0004", cash(100000))
    second = pay(books, station, "T-0004", TenderPart("bank_card", 80000, "883412"))
    panel = account_panel(books(), station, "T-0004")
    shown = (panel.name, panel.category_label, str(panel.heated_area))
    assert shown == ("幸福便利店", "非居民", "60.00")
    assert panel.statement.total_due_fen == 0
    assert [row.receipt_no for row in panel.recent] == [second.receipt_no, first.receipt_no]
    assert panel.recent[0].methods == "银行卡 800.00"
