"""Reading providers' statements through column mappings, and matching them to payments."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest

from cashier.domain.journal import CHINA
from cashier.domain.settlement_files import (
    ALIPAY_PRESET,
    BANK_TEMPLATE,
    REFUND,
    WECHAT_PRESET,
    ColumnMapping,
    StatementError,
    StatementLine,
    parse_statement,
)
from cashier.domain.settlement_match import (
    BY_AMOUNT_TIME,
    BY_REFERENCE,
    BookPart,
    match_statement,
)
from tests.support.settlement_samples import alipay_detail, bank_statement, wechat_bill


def _rows(data: bytes, encoding: str):
    return enumerate(csv.reader(io.StringIO(data.decode(encoding), newline="")), start=1)


def _at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2025, 11, 10, hour, minute, second, tzinfo=CHINA)


WECHAT_ROWS = [
    ("2025-11-10 09:41:00", "4200000001202511100001", "A01-00000002", "SUCCESS", "200.00"),
    ("2025-11-10 10:02:30", "4200000001202511100002", "A01-00000003", "SUCCESS", "1900.00"),
    ("2025-11-10 11:15:00", "4200000001202511100001", "A01-00000002", "REFUND", "200.00"),
]


@pytest.mark.parametrize("old", [False, True])
def test_a_wechat_bill_is_read_without_backticks_and_summary(old):
    lines = parse_statement(_rows(wechat_bill(WECHAT_ROWS, old=old), "utf-8"), WECHAT_PRESET)
    assert [(x.occurred_at, x.amount_fen, x.kind) for x in lines] == [
        (_at(9, 41), 20000, "payment"),
        (_at(10, 2, 30), 190000, "payment"),
        (_at(11, 15), -20000, REFUND),
    ]
    assert lines[0].refs[:2] == ("4200000001202511100001", "A01-00000002")
    assert lines[2].line_no == 4 and lines[0].day == dt.date(2025, 11, 10)


def test_an_alipay_detail_skips_its_preface_and_strips_tabs():
    rows = [
        ("2025-11-10 09:00:05", "2025111022001400000001", "A01-00000005", "交易", "950.00"),
        ("2025-11-10 16:20:00", "2025111022001400000001", "A01-00000005", "退款", "950.00"),
    ]
    lines = parse_statement(_rows(alipay_detail(rows), "gbk"), ALIPAY_PRESET)
    assert [(x.amount_fen, x.kind) for x in lines] == [(95000, "payment"), (-95000, REFUND)]
    assert lines[0].refs == ("2025111022001400000001", "A01-00000005")
    assert "RFA01-00000005" in lines[1].refs


def test_a_bank_statement_needs_its_own_mapping_and_reads_money_out_as_negative():
    data = bank_statement([
        ("2025-11-10", "09:30:00", "转账 HP-010203", "1900.00", "", "B001"),
        ("2025/11/10", "14:00", "退款", "", "100.00", "B002"),
    ])
    with pytest.raises(StatementError, match="找不到列"):
        parse_statement(_rows(data, "gb18030"), BANK_TEMPLATE)
    mapping = dataclasses.replace(BANK_TEMPLATE, name="工商银行 0000", skip_lines=2,
                                  encoding="gb18030")
    lines = parse_statement(_rows(data, "gb18030"), mapping)
    assert [(x.occurred_at, x.amount_fen, x.refs) for x in lines] == [
        (_at(9, 30), 190000, ("转账 HP-010203", "B001")),
        (_at(14, 0), -10000, ("退款", "B002")),
    ]


def test_bad_rows_refuse_the_whole_file_and_are_named():
    rows = list(WECHAT_ROWS)
    rows[1] = ("2025-13-40 10:02:30", *rows[1][1:])
    rows[2] = (*rows[2][:4], "12.345")
    with pytest.raises(StatementError) as refused:
        parse_statement(_rows(wechat_bill(rows), "utf-8"), WECHAT_PRESET)
    assert "第 3 行" in str(refused.value) and "第 4 行" in str(refused.value)


def test_a_mapping_survives_saving_and_refuses_nonsense():
    assert ColumnMapping.from_json(ALIPAY_PRESET.to_json()) == ALIPAY_PRESET
    with pytest.raises(StatementError):
        dataclasses.replace(WECHAT_PRESET, provider="paypal")
    with pytest.raises(StatementError):
        dataclasses.replace(WECHAT_PRESET, amount=())


def _line(number: int, when: dt.datetime, fen: int, *refs: str) -> StatementLine:
    return StatementLine(number, when, fen, "payment" if fen > 0 else REFUND, refs,
                         line_id=number)


def _part(receipt: str, when: dt.datetime, fen: int, reference: str) -> BookPart:
    return BookPart(receipt, 0, "wechat", fen, reference, when, "0007")


def test_references_match_first_with_the_same_sign_and_mismatches_show():
    lines = [
        _line(1, _at(9, 0), 20000, "W1", "A01-2"),
        _line(2, _at(9, 30), -20000, "W1", "RW1"),
        _line(3, _at(10, 0), 31000, "W3"),
    ]
    parts = [
        _part("A01-00000004", _at(9, 31), -20000, "W1"),
        _part("A01-00000002", _at(9, 1), 20000, "W1"),
        _part("A01-00000003", _at(10, 0), 30000, "W3"),
    ]
    result = match_statement(lines, parts)
    pairs = {(m.line.line_no, m.part.receipt_no, m.by) for m in result.matched}
    assert pairs == {(1, "A01-00000002", BY_REFERENCE), (2, "A01-00000004", BY_REFERENCE),
                     (3, "A01-00000003", BY_REFERENCE)}
    assert [m.part.receipt_no for m in result.mismatched] == ["A01-00000003"]
    assert result.open_items() == ["match:A01-00000003#0"]


def test_then_amount_and_time_pair_the_closest_and_leave_the_rest_on_both_sides():
    lines = [
        _line(1, _at(9, 0), 5000, "X"),
        _line(2, _at(9, 4), 5000, "Y"),
        _line(3, _at(13, 0), 8800, "Z"),
    ]
    parts = [
        _part("A01-00000007", _at(9, 5), 5000, "typo-7"),
        _part("A01-00000008", _at(11, 0), 5000, "typo-8"),
    ]
    result = match_statement(lines, parts)
    assert [(m.line.line_no, m.part.receipt_no, m.by) for m in result.matched] == [
        (2, "A01-00000007", BY_AMOUNT_TIME)
    ]
    assert [x.line_no for x in result.unmatched_lines] == [1, 3]
    assert [p.receipt_no for p in result.unmatched_parts] == ["A01-00000008"]
    assert result.open_items() == ["line:1", "line:3", "part:A01-00000008#0"]
    wide = match_statement(lines, parts, window=dt.timedelta(hours=3))
    assert {(m.line.line_no, m.part.receipt_no) for m in wide.matched} == {
        (2, "A01-00000007"), (1, "A01-00000008")
    }


def test_the_bank_mapping_template_shipped_is_the_built_in_one():
    template = Path(__file__).resolve().parents[2] / "resources" / "settlements"
    text = (template / "bank-mapping-template.json").read_text(encoding="utf-8")
    assert ColumnMapping.from_json(text) == BANK_TEMPLATE
