"""Printing after commit: a failed print leaves the payment standing; reprints are marked
补打（第N次） and audited; the drawer opens only after a committed cash payment. The bytes are
read back with the independent reader in tests/support/escpos_reader.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cashier.domain.audit import AuditFilter
from cashier.domain.tender import TenderPart
from cashier.printing.connections import PrinterError
from cashier.printing.escpos import PrinterProfile
from cashier.printing.receipt_printer import EscPosReceiptPrinter, parse_profile
from cashier.services.receipts import print_test_page, receipt_preview_text, reprint
from cashier.services.statements import account_statement
from tests.support.escpos_reader import names, printed_lines, qr_stored, read_escpos
from tests.support.payment_books import CASHIER, cash, pay, seed_books, start_shift, station_at

NOV_10 = dt.date(2025, 11, 10)


class BrokenPrinter:
    """A printer that is switched off."""

    width_cols = 32

    def __init__(self) -> None:
        self.attempts = 0

    def print_lines(self, lines, *, open_drawer: bool) -> None:
        self.attempts += 1
        raise PrinterError("打印机未连接", "printer offline")


@pytest.fixture
def books(make_uow):
    seed_books(make_uow)
    return make_uow


@pytest.fixture
def paper(tmp_path: Path):
    """A 58 mm printer with cutter and drawer that prints into a file; returns (printer, read)."""
    target = tmp_path / "paper.bin"
    printer = EscPosReceiptPrinter(f"file:{target}", PrinterProfile(paper=58))

    def read() -> bytes:
        data = target.read_bytes() if target.exists() else b""
        target.unlink(missing_ok=True)
        return data

    return printer, read


def _texts(stream: bytes) -> list[str]:
    return [line.text().strip() for line in printed_lines(read_escpos(stream))]


def test_a_failed_print_leaves_the_payment_standing(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    printer = BrokenPrinter()
    result = pay(books, station, "T-0001", cash(190000), printer=printer)
    assert printer.attempts == 1
    assert result.needs_reprint and not result.printed
    assert "打印机未连接" in result.print_error and "补打" in result.print_error
    due = account_statement(books(), "T-0001", NOV_10, "cash").statement.total_due_fen
    assert due == 0


def test_cash_payment_prints_then_kicks_the_drawer(books, paper):
    printer, read = paper
    station = station_at(NOV_10)
    start_shift(books, station)
    result = pay(books, station, "T-0001", cash(190000), cash_tendered_fen=200000, printer=printer)
    assert result.printed and result.print_error is None
    items = read_escpos(read())
    order = names(items)
    assert order[:2] == ["ESC @", "FS &"] and order[-2:] == ["GS V", "ESC p"]
    texts = [line.text().strip() for line in printed_lines(items)]
    assert "收据号：A01-00000002" in texts and "壹仟玖佰元整" in texts
    assert qr_stored(items) == [result.receipt.qr_payload.encode("ascii")]
    assert all(line.columns <= 32 for line in printed_lines(items))


def test_no_drawer_for_a_wechat_payment_nor_for_a_reprint(books, paper):
    printer, read = paper
    station = station_at(NOV_10)
    start_shift(books, station)
    paid = pay(books, station, "T-0002", TenderPart("wechat", 170164, "42000001"), printer=printer)
    first = read()
    assert "ESC p" not in names(read_escpos(first)) and "微信" in "".join(_texts(first))
    cash_paid = pay(books, station, "T-0001", cash(190000), printer=printer)
    read()
    again = reprint(books(), CASHIER, station, cash_paid.receipt_no, printer=printer)
    assert again.printed and again.reprint_count == 1
    stream = read()
    assert "ESC p" not in names(read_escpos(stream))
    assert "补打（第1次）" in _texts(stream)
    twice = reprint(books(), CASHIER, station, paid.receipt_no, printer=printer)
    assert twice.reprint_count == 1
    third = reprint(books(), CASHIER, station, paid.receipt_no, printer=printer)
    assert third.reprint_count == 2 and "补打（第2次）" in _texts(read())


def test_reprints_are_audited(books):
    station = station_at(NOV_10)
    start_shift(books, station)
    paid = pay(books, station, "T-0001", cash(190000))
    reprint(books(), CASHIER, station, paid.receipt_no, printer=BrokenPrinter())
    with books() as uow:
        records = uow.audit.find(AuditFilter(event="reprint"), offset=0, limit=10)
    assert [(r.staff_no, r.details["receipt_no"], r.details["reprint_no"]) for r in records] == [
        ("0007", paid.receipt_no, 1)
    ]


def test_preview_shows_the_same_lines_as_the_paper(books, paper):
    printer, read = paper
    station = station_at(NOV_10)
    start_shift(books, station)
    result = pay(books, station, "T-0001", cash(190000), printer=printer)
    preview = [row.strip() for row in receipt_preview_text(result.receipt, 32).splitlines()]
    paper_lines = [t for t in _texts(read()) if t]
    assert [row for row in preview if row and row != "[QR code]"] == paper_lines


def test_printer_profiles_and_the_test_page(tmp_path):
    portable = parse_profile("58,nocut,rasterqr,gbk,nodrawer")
    assert (portable.paper, portable.cutter, portable.native_qr) == (58, False, False)
    assert (portable.encoding, portable.drawer) == ("gbk", False)
    with pytest.raises(PrinterError):
        parse_profile("76")
    target = tmp_path / "test.bin"
    outcome = print_test_page(EscPosReceiptPrinter(f"file:{target}", parse_profile("80")), "幸福")
    assert outcome.printed
    assert names(read_escpos(target.read_bytes()))[-1] == "ESC p"
    assert not print_test_page(None, "幸福").printed
