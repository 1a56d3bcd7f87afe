"""Rows of a bank/agent collection file, checked without a database."""

from __future__ import annotations

import datetime as dt

from cashier.domain.agent_file import AGENT_COLUMNS, check_duplicates, parse_agent_row
from cashier.domain.table_rows import map_header

TODAY = dt.date(2026, 1, 5)
HEADER = map_header(["日期", "流水号", "户号", "金额", "渠道"], AGENT_COLUMNS)


def _row(number: int, *cells: str):
    return parse_agent_row(number, list(cells), HEADER, today=TODAY)


def test_columns_in_any_order_and_chinese_or_english_channels():
    row, errors = _row(2, "2025-12-15", "S-1", "HP-010203", "1,970.32", "银行转账")
    assert errors == []
    assert (row.account_no, row.amount_fen, row.channel, row.serial, row.paid_on) == (
        "HP-010203", 197032, "bank_transfer", "S-1", dt.date(2025, 12, 15),
    )
    english, _ = _row(3, "2025-12-15", "S-1", "HP-010203", "10", "bank_transfer")
    assert english.channel == "bank_transfer"
    assert english.payment_uuid == row.payment_uuid
    other, _ = _row(4, "2025-12-15", "S-1", "HP-010203", "10", "wechat")
    assert other.payment_uuid != row.payment_uuid


def test_every_problem_of_a_row_is_reported_with_its_column():
    row, errors = _row(5, "2026-13-01", "S 1", "", "-3", "现金")
    assert row is None
    assert sorted(e.column_zh for e in errors) == sorted(["日期", "流水号", "户号", "金额", "渠道"])
    assert all(e.row == 5 for e in errors)


def test_a_serial_twice_in_one_file_is_an_error_of_the_later_row():
    first, _ = _row(2, "2025-12-15", "S-1", "A", "1", "代收")
    second, _ = _row(3, "2025-12-15", "S-2", "B", "1", "代收")
    again, _ = _row(4, "2025-12-16", "S-1", "C", "2", "代收")
    [error] = check_duplicates([first, second, again])
    assert (error.row, error.zh) == (4, "与第2行流水号重复")
