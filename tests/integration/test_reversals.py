"""Voids, refunds, credit payouts and invoice exchanges on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from cashier.domain.errors import ApprovalRequired, SelfApprovalRefused
from cashier.domain.receipt import ReceiptKind, layout_receipt
from cashier.domain.tender import TenderPart
from cashier.services.receipt_records import InvoiceRefused, account_payments, exchange_invoice
from cashier.services.reversals import (
    NotReversible,
    refund_credit,
    refund_payment,
    void_payment,
)
from cashier.services.shifts import close_shift, shift_summary
from cashier.services.statements import account_statement
from tests.support.payment_books import (
    CASHIER,
    OTHER_CASHIER,
    approval,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)

DEC_15 = dt.date(2025, 12, 15)


@pytest.fixture
def books(make_uow):
    seed_books(make_uow)
    return make_uow


def _statement(make_uow, account_no: str, day: dt.date):
    return account_statement(make_uow(), account_no, day, "cash").statement


def _void(make_uow, station, receipt_no, actor=CASHIER, grant=None, **kw):
    grant = approval("void", actor) if grant is None else grant
    return void_payment(
        make_uow(), actor, station, receipt_no, reason="收错户", approval=grant,
        client_uuid=new_uuid(), **kw,
    )


def test_void_reverses_the_whole_effect_including_the_fixed_late_fee(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    before = _statement(books, "T-0001", dt.date(2025, 12, 25))
    paid = pay(books, station, "T-0001", cash(100000))
    assert _statement(books, "T-0001", dt.date(2025, 12, 25)).total_due_fen == 103428
    result = _void(books, station, paid.receipt_no)
    assert result.receipt_no == "A01-00000003" and result.entry.reverses == paid.receipt_no
    assert result.entry.amount_fen == -100000
    slip = result.receipt
    assert slip.kind is ReceiptKind.VOID and slip.original_receipt_no == paid.receipt_no
    assert any(line.text == "作废" for line in layout_receipt(slip, 32))
    assert _statement(books, "T-0001", dt.date(2025, 12, 25)) == before
    assert before.total_due_fen == 190000 + 190000 * 2 * 40 // 1000
    totals = shift_summary(books(), station)
    assert (totals.payments, totals.voids, totals.by_method["cash"]) == (1, 1, 0)


def test_void_needs_a_supervisor_other_than_the_cashier(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    paid = pay(books, station, "T-0001", cash(100000))
    with pytest.raises(ApprovalRequired):
        void_payment(books(), CASHIER, station, paid.receipt_no, reason="x", approval=None,
                     client_uuid=new_uuid())
    with pytest.raises(ApprovalRequired):
        _void(books, station, paid.receipt_no, grant=approval("refund"))
    with pytest.raises(SelfApprovalRefused):
        _void(books, station, paid.receipt_no, grant=approval("void", CASHIER, CASHIER))
    with pytest.raises(NotReversible, match="原因"):
        void_payment(books(), CASHIER, station, paid.receipt_no, reason="  ",
                     approval=approval("void"), client_uuid=new_uuid())
    assert [row.reversed_by for row in account_payments(books(), "T-0001")] == [None]


def test_void_only_today_and_only_by_the_cashier_who_took_it(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    paid = pay(books, station, "T-0002", cash(50000))
    close_shift(books(), CASHIER, station, client_uuid=new_uuid())
    start_shift(books, station, OTHER_CASHIER)
    with pytest.raises(NotReversible, match="本人"):
        _void(books, station, paid.receipt_no, actor=OTHER_CASHIER)
    tomorrow = station_at(DEC_15 + dt.timedelta(days=1))
    close_shift(books(), OTHER_CASHIER, station, client_uuid=new_uuid())
    start_shift(books, tomorrow)
    with pytest.raises(NotReversible, match="当天"):
        _void(books, tomorrow, paid.receipt_no)


def test_a_payment_is_reversed_once_and_its_number_is_never_reused(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    paid = pay(books, station, "T-0002", cash(50000))
    first = _void(books, station, paid.receipt_no)
    with pytest.raises(NotReversible, match="已作废"):
        _void(books, station, paid.receipt_no)
    with pytest.raises(NotReversible, match="已作废"):
        refund_payment(books(), CASHIER, station, paid.receipt_no, reason="x",
                       approval=approval("refund"), client_uuid=new_uuid())
    numbers = [row.receipt_no for row in account_payments(books(), "T-0002")]
    assert numbers == [first.receipt_no, paid.receipt_no]
    with pytest.raises(NotReversible, match="不能作废"):
        _void(books, station, first.receipt_no)


def test_refund_on_a_later_day_with_another_method(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    paid = pay(books, station, "T-0004", cash(180000 + 10800))  # 30 days of late fee
    later = station_at(dt.date(2026, 1, 10))
    close_shift(books(), CASHIER, station, client_uuid=new_uuid())
    start_shift(books, later)
    with pytest.raises(NotReversible, match="合计"):
        refund_payment(books(), CASHIER, later, paid.receipt_no, reason="重复缴费",
                       approval=approval("refund"), client_uuid=new_uuid(),
                       parts=(TenderPart("bank_transfer", 100, "TR1"),))
    result = refund_payment(
        books(), CASHIER, later, paid.receipt_no, reason="重复缴费",
        approval=approval("refund"), client_uuid=new_uuid(),
        parts=(TenderPart("bank_transfer", 190800, "TR20260110"),),
    )
    assert result.receipt.kind is ReceiptKind.REFUND
    assert [(p.method, p.amount_fen) for p in result.entry.details.parts] == [
        ("bank_transfer", -190800)
    ]
    assert _statement(books, "T-0004", DEC_15).total_due_fen == 0
    owed = _statement(books, "T-0004", dt.date(2026, 1, 10))
    assert owed.total_due_fen == 180000 + 180000 * 2 * 56 // 1000
    assert shift_summary(books(), later).by_method == {"bank_transfer": -190800}


def test_credit_balance_paid_out_as_a_refund(books):
    station = station_at(dt.date(2025, 11, 10))
    start_shift(books, station)
    pay(books, station, "T-0001", cash(200000), allow_credit=True)
    with pytest.raises(NotReversible, match="预存余额只有"):
        refund_credit(books(), CASHIER, station, "T-0001", amount_fen=10001, reason="退预存",
                      approval=approval("refund"), client_uuid=new_uuid())
    result = refund_credit(books(), CASHIER, station, "T-0001", amount_fen=6000,
                           reason="退预存", approval=approval("refund"), client_uuid=new_uuid())
    assert result.entry.amount_fen == -6000 and result.balance_after_fen == -4000
    assert result.receipt.kind is ReceiptKind.REFUND
    statement = _statement(books, "T-0001", dt.date(2025, 11, 11))
    assert (statement.credit_fen, statement.total_due_fen) == (4000, 0)


def test_invoice_exchange_once_and_never_for_a_voided_receipt(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    kept = pay(books, station, "T-0001", cash(100000))
    voided = pay(books, station, "T-0002", cash(100000))
    _void(books, station, voided.receipt_no)
    mark = exchange_invoice(books(), CASHIER, kept.receipt_no, invoice_no="04400001",
                            invoice_date=DEC_15)
    assert mark.invoice_no == "04400001"
    with pytest.raises(InvoiceRefused, match="不能重复换开"):
        exchange_invoice(books(), CASHIER, kept.receipt_no, invoice_no="04400002",
                         invoice_date=DEC_15)
    with pytest.raises(InvoiceRefused, match="已作废"):
        exchange_invoice(books(), CASHIER, voided.receipt_no, invoice_no="04400003",
                         invoice_date=DEC_15)
    with pytest.raises(NotReversible, match="已换开发票"):
        _void(books, station, kept.receipt_no)
    rows = {row.receipt_no: row.invoice_no for row in account_payments(books(), "T-0001")}
    assert rows == {kept.receipt_no: "04400001"}

