"""What a payment's receipt prints: charge lines that add up to the money collected, and the
receipt data rebuilt from a journal entry alone (so a reprint is the same receipt)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.fees import BillLine
from cashier.domain.journal import PAYMENT, VOID, EntryDetails, EntryLine, JournalEntry, seal
from cashier.domain.ledger import Allocation, ItemAllocation
from cashier.domain.receipt import ReceiptKind, layout_receipt, parse_qr_payload
from cashier.domain.receipt_content import (
    Letterhead,
    ReceiptAccount,
    allocation_lines,
    charge_items,
    negated,
    receipt_data,
    receipt_extra,
)
from cashier.domain.tender import TenderPart

SEASON = "2025-2026"
BILL = [
    BillLine("heating", "采暖费", 170164, "89.56㎡×19.00"),
    BillLine("ceiling", "层高加收", 1000),
]
ACCOUNT = ReceiptAccount(
    "HP-010203", "张三", "幸福小区3号楼2单元502", "居民", Decimal("89.56"), SEASON
)


def _allocation(*parts: ItemAllocation, credit: int = 0) -> Allocation:
    paid = sum(p.late_fee_paid + p.principal_paid for p in parts)
    return Allocation(dt.date(2025, 12, 15), "cash", paid + credit, parts, credit)


def test_a_season_paid_at_once_prints_its_bill_lines_and_discount():
    allocation = _allocation(ItemAllocation(SEASON, dt.date(2025, 10, 20), 0, 0, 170306, 858))
    lines = allocation_lines(allocation)
    assert lines == (EntryLine(SEASON, "principal", 170306), EntryLine(SEASON, "discount", 858))
    items = charge_items(lines, {SEASON: BILL}, SEASON)
    assert [(i.label, i.amount_fen, i.detail) for i in items] == [
        ("采暖费", 170164, "89.56㎡×19.00"),
        ("层高加收", 1000, ""),
        ("优惠", -858, "提前缴费"),
    ]
    assert sum(i.amount_fen for i in items) == allocation.amount_fen


def test_older_seasons_opening_arrears_credit_and_rounding_are_labelled():
    lines = (
        EntryLine("opening", "principal", 30000),
        EntryLine("2024-2025", "late_fee", 500),
        EntryLine("2024-2025", "principal", 10000),
        EntryLine(SEASON, "principal", 5000),
        EntryLine("", "credit", 700),
        EntryLine("", "rounding", -2),
    )
    items = charge_items(lines, {SEASON: BILL, "2024-2025": BILL}, SEASON)
    assert [(i.label, i.amount_fen) for i in items] == [
        ("往年欠费", 30000),
        ("2024-2025滞纳金", 500),
        ("2024-2025热费", 10000),
        ("热费", 5000),
        ("预存", 700),
        ("抹零", -2),
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["opening", "2023-2024", "2024-2025", SEASON]),
            st.integers(0, 10**6),
            st.integers(0, 10**6),
            st.integers(0, 10**4),
        ),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
    st.integers(0, 10**6),
)
def test_printed_charges_always_add_up_to_what_was_applied(parts, credit):
    allocation = _allocation(
        *(ItemAllocation(s, dt.date(2025, 12, 1), 0, late, principal, 0 if s == "opening" else d)
          for s, late, principal, d in parts),
        credit=credit,
    )
    bills = {s: BILL for s, *_ in parts}
    items = charge_items(allocation_lines(allocation), bills, SEASON)
    assert sum(i.amount_fen for i in items) == allocation.amount_fen


def _entry(kind=PAYMENT, amount=170164, **extra_changes) -> JournalEntry:
    items = charge_items((EntryLine(SEASON, "principal", 170164),), {}, SEASON)
    extra = receipt_extra(ACCOUNT, items if kind == PAYMENT else negated(items),
                          due_before_fen=170164, balance_after_fen=0)
    details = EntryDetails(
        parts=(TenderPart("cash", 70164), TenderPart("wechat", 100000, "4200000001")),
        cash_tendered_fen=80000, change_fen=9836, extra=extra | extra_changes,
    )
    entry = JournalEntry(
        uuid="00000000-0000-4000-8000-000000000001", counter="A01", seq=123, kind=kind,
        business_date=dt.date(2025, 11, 20), value_date=dt.date(2025, 11, 20),
        taken_at=dt.datetime(2025, 11, 20, 1, 41, tzinfo=dt.UTC), device_time="",
        staff_no="0007", staff_name="王某", shift_seq=1, account_no="HP-010203",
        amount_fen=amount, applied_fen=amount, channel="cash",
        reverses="A01-00000100" if kind == VOID else None, body=details.to_body(),
    )
    return seal(entry, None)


def test_receipt_data_is_rebuilt_from_the_entry_alone():
    entry = _entry()
    data = receipt_data(entry, Letterhead("幸福热力有限公司", "0000-0000000", True),
                        reprint_count=2)
    assert (data.receipt_no, data.paid_fen, data.total_due_fen) == ("A01-00000123", 170164, 170164)
    assert data.taken_at == dt.datetime(2025, 11, 20, 9, 41)
    assert [(m.label, m.amount_fen, m.reference) for m in data.methods] == [
        ("现金", 70164, ""),
        ("微信", 100000, "4200000001"),
    ]
    assert (data.account_name, data.address, data.heated_area) == (
        "张三",
        "幸福小区3号楼2单元502",
        Decimal("89.56"),
    )
    qr = parse_qr_payload(data.qr_payload)
    assert (qr.receipt_no, qr.amount_fen, qr.on) == ("A01-00000123", 170164, dt.date(2025, 11, 20))
    assert entry.hash.startswith(qr.hash_prefix)
    texts = [line.text for line in layout_receipt(data, 32)]
    assert "补打（第2次）" in texts and "请妥善保管，可凭此收据换开发票" in texts


def test_a_void_slip_names_the_original_and_prints_no_invoice_notice():
    data = receipt_data(_entry(VOID, -170164), Letterhead("幸福热力有限公司", "", True))
    assert data.kind is ReceiptKind.VOID and data.original_receipt_no == "A01-00000100"
    assert [c.amount_fen for c in data.charges] == [-170164]
    texts = [line.text for line in layout_receipt(data, 48)]
    assert "原收据号：A01-00000100" in texts and "请妥善保管" in texts
    assert "退款金额（人民币大写）：" in texts
