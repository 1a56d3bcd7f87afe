"""Shift close with the blind count, the Z report it records and prints, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest

from cashier.domain.errors import ApprovalRequired, UserError
from cashier.domain.journal import split_receipt_number
from cashier.domain.receipt import preview_text
from cashier.domain.tender import TenderPart
from cashier.domain.z_report import layout_z_report
from cashier.printing.receipt_printer import make_receipt_printer
from cashier.services.journal_verify import check_journals
from cashier.services.receipts import reprint
from cashier.services.reversals import void_payment
from cashier.services.shift_close import (
    close_counted_shift,
    compare_shift_count,
    reprint_z_report,
    set_variance_threshold,
    z_report,
)
from cashier.services.shifts import ShiftNotOpen, close_shift
from tests.support.escpos_reader import names, printed_lines, read_escpos
from tests.support.payment_books import (
    ADMIN,
    CASHIER,
    approval,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)
from tests.support.reconciliation_books import count_of

NOV_10 = dt.date(2025, 11, 10)


class PaperPrinter:
    """A receipt printer that keeps what it was sent (or fails when told to)."""

    width_cols = 32

    def __init__(self, fail: bool = False) -> None:
        self.jobs: list[str] = []
        self.fail = fail

    def print_lines(self, lines, *, open_drawer: bool) -> None:
        if self.fail:
            raise OSError("printer offline")
        self.jobs.append(preview_text(list(lines), self.width_cols))


@pytest.fixture
def books(make_uow):
    seed_books(make_uow)
    return make_uow


@pytest.fixture
def day_of_takings(books):
    """A01 on 2025-11-10: float 500.00, cash 1,000.00 (T-0001), card 500.00 + WeChat 200.00
    (T-0002), cash 300.00 to T-0003's opening arrears."""
    station = station_at(NOV_10)
    start_shift(books, station)
    pay(books, station, "T-0001", cash(100000))
    pay(books, station, "T-0002", TenderPart("bank_card", 50000, "C1"),
        TenderPart("wechat", 20000, "4200000001"))
    pay(books, station, "T-0003", cash(30000))
    return station


def test_the_comparison_comes_after_the_count_per_method(books, day_of_takings):
    count = count_of({10000: 17, 5000: 1}, 50000)  # 1,750.00 counted: 50.00 short
    comparison = compare_shift_count(books(), CASHIER, day_of_takings, count)
    drawer, card = comparison.check("cash"), comparison.check("bank_card")
    assert (drawer.expected_fen, drawer.counted_fen, drawer.difference_fen) == (
        180000, 175000, -5000)
    assert (card.expected_fen, card.counted_fen, card.difference_fen) == (50000, 50000, 0)
    assert comparison.check("wechat").counted_fen is None
    assert comparison.needs_approval


def test_an_exact_count_closes_without_approval_and_records_the_z_report(books, day_of_takings):
    result = close_counted_shift(
        books(), CASHIER, day_of_takings, count=count_of({10000: 18}, 50000),
        client_uuid=new_uuid(),
    )
    report = result.report
    assert report.comparison.difference_fen == 0 and report.approver == ""
    assert (report.first_receipt, report.last_receipt) == ("A01-00000001", "A01-00000005")
    assert report.period.by_season == {"2025-2026": 170000, "往年欠费": 30000}
    assert report.grand.grand_total_fen == 200000 == report.grand.grand_total_abs_fen
    stored, reprints = z_report(books(), report.last_receipt)
    assert stored == report and reprints == 0
    text = preview_text(layout_z_report(stored, "幸福热力有限公司", 32), 32)
    for expected in ("结班报表", "起始收据号：A01-00000001", "结束收据号：A01-00000005",
                     "收费 3 笔", "￥2,000.00", "往年欠费", "100元×18", "累计收款",
                     report.close_hash[:16]):
        assert expected in text
    with pytest.raises(ShiftNotOpen):
        pay(books, day_of_takings, "T-0004", cash(100))
    assert check_journals(books()).ok


def test_the_anchor_is_the_close_entry_and_is_stored(books, day_of_takings):
    result = close_counted_shift(
        books(), CASHIER, day_of_takings, count=count_of({10000: 18}, 50000),
        client_uuid=new_uuid(),
    )
    with books() as uow:
        stored = [anchor for code, anchor in uow.journal.anchors() if code == "A01"]
        close = uow.journal.get(*split_receipt_number(result.report.last_receipt))
    assert stored == [result.report.anchor] and result.report.close_hash == close.hash


def test_a_difference_above_the_threshold_needs_a_reason_and_a_supervisor(books, day_of_takings):
    short = count_of({10000: 17, 5000: 1}, 50000)
    with pytest.raises(UserError, match="原因"):
        close_counted_shift(books(), CASHIER, day_of_takings, count=short, client_uuid=new_uuid())
    with pytest.raises(ApprovalRequired):
        close_counted_shift(books(), CASHIER, day_of_takings, count=short,
                            client_uuid=new_uuid(), reason="找错零钱")
    result = close_counted_shift(
        books(), CASHIER, day_of_takings, count=short, client_uuid=new_uuid(),
        reason="找错零钱", approval=approval("shift_variance"),
    )
    assert result.report.approver == "0009 李四" and result.report.reason == "找错零钱"
    assert result.report.comparison.difference_fen == -5000
    text = preview_text(layout_z_report(result.report, "", 48), 48)
    assert "差额说明" in text and "找错零钱" in text and "-￥50.00" in text


def test_a_difference_within_the_threshold_closes_without_approval(books, day_of_takings):
    set_variance_threshold(books(), ADMIN, 5000)
    result = close_counted_shift(
        books(), CASHIER, day_of_takings, count=count_of({10000: 17, 5000: 1}, 50000),
        client_uuid=new_uuid(),
    )
    assert result.report.comparison.check("cash").difference_fen == -5000
    assert not result.report.comparison.needs_approval and result.report.approver == ""


def test_grand_totals_carry_over_and_never_go_down(books, day_of_takings):
    first = close_counted_shift(
        books(), CASHIER, day_of_takings, count=count_of({10000: 18}, 50000),
        client_uuid=new_uuid(),
    ).report
    start_shift(books, day_of_takings)
    paid = pay(books, day_of_takings, "T-0004", cash(40000))
    void_payment(books(), CASHIER, day_of_takings, paid.receipt_no, reason="收错户",
                 approval=approval("void"), client_uuid=new_uuid())
    second = close_shift(books(), CASHIER, day_of_takings, client_uuid=new_uuid())
    report, _ = z_report(books(), second.closed_receipt_no)
    assert report.grand.grand_total_fen == first.grand.grand_total_fen + 40000
    assert report.grand.grand_total_abs_fen == first.grand.grand_total_abs_fen + 80000
    assert report.period.void_fen == 40000 and report.totals.voids == 1
    assert report.count is None and "未清点" in preview_text(layout_z_report(report, "", 32), 32)


def test_reprints_during_the_shift_are_counted_and_a_z_reprint_is_marked(books, day_of_takings):
    with books() as uow:
        first_payment = uow.journal.get("A01", 2)
    reprint(books(), CASHIER, day_of_takings, first_payment.receipt_no)
    paper = PaperPrinter()
    result = close_counted_shift(
        books(), CASHIER, day_of_takings, count=count_of({10000: 18}, 50000),
        client_uuid=new_uuid(), printer=paper,
    )
    assert result.printed and result.report.period.reprints == 1
    assert result.report.period.reprint_fen == 100000
    assert "补打 1 次" in paper.jobs[0] and "补打（第" not in paper.jobs[0]
    _, count, error = reprint_z_report(
        books(), CASHIER, day_of_takings, result.report.last_receipt, printer=paper
    )
    assert (count, error) == (1, None) and "补打（第1次）" in paper.jobs[1]
    assert z_report(books(), result.report.last_receipt)[1] == 1


def test_a_printer_failure_leaves_the_close_recorded(books, day_of_takings):
    result = close_counted_shift(
        books(), CASHIER, day_of_takings, count=count_of({10000: 18}, 50000),
        client_uuid=new_uuid(), printer=PaperPrinter(fail=True),
    )
    assert not result.printed and "补打" in result.print_error
    assert z_report(books(), result.report.last_receipt)[0] == result.report


def test_a_retried_close_returns_what_was_recorded(books, day_of_takings):
    uuid = new_uuid()
    count = count_of({10000: 18}, 50000)
    first = close_counted_shift(books(), CASHIER, day_of_takings, count=count, client_uuid=uuid)
    again = close_counted_shift(books(), CASHIER, day_of_takings, count=count, client_uuid=uuid)
    assert again.report == first.report


def test_the_z_report_reaches_a_receipt_printer_as_gb18030_escpos(books, day_of_takings, tmp_path):
    paper = tmp_path / "paper.bin"
    printer = make_receipt_printer(f"file:{paper}", "58,nocut,nodrawer")
    result = close_counted_shift(
        books(), CASHIER, day_of_takings, count=count_of({10000: 18}, 50000),
        client_uuid=new_uuid(), printer=printer,
    )
    assert result.printed
    items = read_escpos(paper.read_bytes())
    lines = [line.text().rstrip() for line in printed_lines(items)]
    assert names(items)[:2] == ["ESC @", "FS &"]
    assert "结班报表" in [line.strip() for line in lines]
    assert "结束收据号：A01-00000005" in lines
    assert all(len(line.encode("gb18030")) <= 32 for line in lines)
