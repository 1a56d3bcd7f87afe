"""The receipt check: a scanned QR code says whether a receipt is genuine and voided."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from cashier.domain.receipt_qr import QrPayloadError, qr_payload
from cashier.services.receipt_records import check_receipt, is_receipt_code
from cashier.services.reversals import void_payment
from cashier.store.guards import drop_guards
from tests.support.payment_books import (
    CASHIER,
    approval,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)

NOV_10 = dt.date(2025, 11, 10)


@pytest.fixture
def paid(make_uow):
    seed_books(make_uow)
    station = station_at(NOV_10)
    start_shift(make_uow, station)
    return make_uow, station, pay(make_uow, station, "T-0001", cash(190000))


def test_a_printed_code_checks_genuine(paid):
    make_uow, _, result = paid
    scanned = result.receipt.qr_payload + "\r\n"
    assert is_receipt_code(scanned) and not is_receipt_code("张三")
    check = check_receipt(make_uow(), scanned)
    assert check.found and check.genuine and check.problems == ()
    assert check.reversed_by is None and check.receipt == result.receipt
    assert check.summary == f"收据 {result.receipt_no}：真实有效。"


def test_a_voided_receipt_is_genuine_but_says_voided(paid):
    make_uow, station, result = paid
    void = void_payment(make_uow(), CASHIER, station, result.receipt_no, reason="收错",
                        approval=approval("void"), client_uuid=new_uuid())
    check = check_receipt(make_uow(), result.receipt.qr_payload)
    assert check.genuine and check.reversed_by == void.receipt_no
    assert "已作废" in check.summary


def test_forged_codes_fail(paid):
    make_uow, _, result = paid
    entry = result.entry
    forged = qr_payload(entry.receipt_no, 290000, NOV_10, entry.hash)
    check = check_receipt(make_uow(), forged)
    assert not check.genuine and any("金额" in p for p in check.problems)
    wrong_hash = qr_payload(entry.receipt_no, 190000, NOV_10, "0" * 64)
    assert "校验码" in check_receipt(make_uow(), wrong_hash).problems[0]
    unknown = check_receipt(make_uow(), qr_payload("A01-00000999", 190000, NOV_10, entry.hash))
    assert not unknown.found and "不存在" in unknown.summary
    with pytest.raises(QrPayloadError):
        check_receipt(make_uow(), "HR1|not a receipt")


def test_an_entry_edited_in_the_database_fails_the_check(paid, engine):
    make_uow, _, result = paid
    with engine.begin() as conn:
        drop_guards(conn, ["journal_entries"])
        conn.execute(
            text("UPDATE journal_entries SET staff_name = '冒名' WHERE seq = :seq"),
            {"seq": result.entry.seq},
        )
    check = check_receipt(make_uow(), result.receipt.qr_payload)
    assert not check.genuine and "记录被改动" in check.problems[0]
