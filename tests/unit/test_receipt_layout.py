"""Receipt layout: the example receipt of money-and-receipts.md, widths, wrapping, slips."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cashier.domain.money import MAX_FEN, format_yuan, to_capital
from cashier.domain.receipt import (
    PAPER_COLUMNS,
    ChargeItem,
    MethodPart,
    QrPayload,
    QrPayloadError,
    ReceiptData,
    ReceiptKind,
    ReceiptLine,
    layout_receipt,
    parse_qr_payload,
    preview_text,
    qr_payload,
)
from cashier.domain.textwidth import gb_width

# The example 58 mm receipt of shared/domain/money-and-receipts.md, verbatim.
EXAMPLE_58 = """\
幸福热力有限公司
            热费收据
收据号：A01-00000123
时间：2025-11-20 09:41 窗口A01
收费员：0007 王某
--------------------------------
户号：HP-010203
户名：张三
地址：幸福小区3号楼2单元502
类别：居民  面积：89.56㎡
采暖期：2025-2026
--------------------------------
采暖费 89.56㎡×22.00   1,970.32
--------------------------------
应收合计              ￥1,970.32
实收                  ￥1,970.32
现金收讫              ￥2,000.00
找零                     ￥29.68
人民币（大写）：
壹仟玖佰柒拾元零叁角贰分
[QR code]
24小时服务电话：0000-0000000
请妥善保管，可凭此收据换开发票"""

HASH = "3f2a9c0d5e7b1a46" + "0" * 48


def example_data(**changes: object) -> ReceiptData:
    data = ReceiptData(
        company="幸福热力有限公司",
        receipt_no="A01-00000123",
        taken_at=datetime(2025, 11, 20, 9, 41),
        counter_code="A01",
        staff_no="0007",
        staff_name="王某",
        account_no="HP-010203",
        account_name="张三",
        address="幸福小区3号楼2单元502",
        category="居民",
        heated_area=Decimal("89.56"),
        season="2025-2026",
        charges=(ChargeItem("采暖费", 197032, "89.56㎡×22.00"),),
        total_due_fen=197032,
        paid_fen=197032,
        methods=(MethodPart("现金", 197032, is_cash=True),),
        cash_tendered_fen=200000,
        change_fen=2968,
        qr_payload=qr_payload("A01-00000123", 197032, date(2025, 11, 20), HASH),
        service_phone="0000-0000000",
        invoice_note=True,
    )
    return dataclasses.replace(data, **changes)


def texts(lines: list[ReceiptLine]) -> list[str]:
    return [line.text for line in lines]


def test_example_receipt_is_reproduced_for_58_mm() -> None:
    lines = layout_receipt(example_data(), 32)
    assert preview_text(lines, 32) == EXAMPLE_58


def test_example_receipt_marks_company_double_and_qr_line() -> None:
    lines = layout_receipt(example_data(), 32)
    assert lines[0] == ReceiptLine("幸福热力有限公司", double=True, align="center")
    qr_lines = [line for line in lines if line.kind == "qr"]
    assert [line.text for line in qr_lines] == ["HR1|A01-00000123|197032|20251120|3f2a9c0d5e7b1a46"]
    assert not any(line.raster for line in lines)


def test_80_mm_pads_amounts_to_48_columns() -> None:
    lines = texts(layout_receipt(example_data(), 48))
    assert "应收合计" + " " * 30 + "￥1,970.32" in lines
    assert "采暖费 89.56㎡×22.00" + " " * 19 + "1,970.32" in lines
    assert "-" * 48 in lines


def test_capital_is_that_of_the_amount_paid() -> None:
    lines = texts(layout_receipt(example_data(paid_fen=140950, change_fen=None), 32))
    index = lines.index("人民币（大写）：")
    assert lines[index + 1] == "壹仟肆佰零玖元伍角整"


def test_long_capital_amount_wraps_within_paper() -> None:
    lines = layout_receipt(example_data(paid_fen=MAX_FEN, total_due_fen=MAX_FEN), 32)
    index = texts(lines).index("人民币（大写）：")
    capital_lines = texts(lines)[index + 1 : index + 4]
    assert "".join(capital_lines).startswith(to_capital(MAX_FEN))
    assert all(line.columns <= 32 for line in lines)


def test_reprint_and_void_headers() -> None:
    reprint = texts(layout_receipt(example_data(reprint_count=2), 32))
    assert reprint[1:3] == ["热费收据", "补打（第2次）"]
    void = layout_receipt(
        example_data(
            kind=ReceiptKind.VOID,
            original_receipt_no="A01-00000100",
            paid_fen=-197032,
            cash_tendered_fen=None,
            change_fen=None,
        ),
        32,
    )
    assert void[2] == ReceiptLine("作废", double=True, align="center")
    assert "原收据号：A01-00000100" in texts(void)


def test_refund_slip_prints_the_absolute_amount_under_a_refund_label() -> None:
    lines = texts(
        layout_receipt(
            example_data(
                kind=ReceiptKind.REFUND,
                original_receipt_no="A01-00000100",
                paid_fen=-32504,
                methods=(MethodPart("现金", -32504, is_cash=True),),
                cash_tendered_fen=None,
                change_fen=None,
            ),
            32,
        )
    )
    assert lines[1] == "退费收据"
    assert "退款金额" + " " * 16 + "￥325.04" in lines
    index = lines.index("退款金额（人民币大写）：")
    assert lines[index + 1] == "叁佰贰拾伍元零肆分"
    assert not any(line.startswith("实收") for line in lines)


def test_slips_need_the_original_and_receipts_a_non_negative_amount() -> None:
    with pytest.raises(ValueError):
        example_data(kind=ReceiptKind.VOID)
    with pytest.raises(ValueError):
        example_data(paid_fen=-1)


def test_mixed_payment_lists_each_method_with_its_reference() -> None:
    methods = (
        MethodPart("现金", 100000, is_cash=True),
        MethodPart("微信", 97032, reference="4200002345202511201234567890"),
    )
    lines = texts(layout_receipt(example_data(methods=methods, cash_tendered_fen=100000), 32))
    start = lines.index("实收                  ￥1,970.32")
    assert lines[start + 1 : start + 6] == [
        "现金                  ￥1,000.00",
        "微信                    ￥970.32",
        "单号：",
        "4200002345202511201234567890",
        "现金收讫              ￥1,000.00",
    ]


def test_balance_owed_and_credit_left() -> None:
    owed = texts(layout_receipt(example_data(balance_after_fen=50000), 32))
    assert "尚欠                    ￥500.00" in owed
    credit = texts(layout_receipt(example_data(balance_after_fen=-1234), 32))
    assert "预存余额                 ￥12.34" in credit


def test_long_address_wraps_under_itself() -> None:
    address = "幸福小区" * 6 + "（东区）3号楼2单元502室"
    lines = texts(layout_receipt(example_data(address=address), 32))
    start = next(i for i, text in enumerate(lines) if text.startswith("地址："))
    wrapped = [lines[start]]
    while lines[start + len(wrapped)].startswith("      "):
        wrapped.append(lines[start + len(wrapped)])
    assert len(wrapped) > 1
    assert "".join(text[3:] if i == 0 else text[6:] for i, text in enumerate(wrapped)) == address


def test_long_company_name_wraps_at_half_width_when_double() -> None:
    lines = layout_receipt(example_data(company="幸福市城区供热集团有限责任公司"), 32)
    double = [line for line in lines if line.double]
    assert [line.text for line in double] == ["幸福市城区供热集", "团有限责任公司"]
    assert all(line.columns <= 32 for line in double)


def test_four_byte_name_is_flagged_for_raster() -> None:
    lines = layout_receipt(example_data(account_name="王𠀀"), 32)
    flagged = [line.text for line in lines if line.raster]
    assert flagged == ["户名：王𠀀"]


def test_control_characters_never_reach_the_printer() -> None:
    lines = layout_receipt(example_data(account_name="张三\x1bp\x00\x19\n李四\u202e"), 32)
    assert "户名：张三 p   李四" in texts(lines)
    assert all(ord(char) >= 0x20 for line in lines for char in line.text)


def test_width_below_minimum_is_refused() -> None:
    with pytest.raises(ValueError):
        layout_receipt(example_data(), 12)


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PUNCTUATION = st.sampled_from(list("：（）、—·，。《》“”-#() 0123456789ABab㎡×℃"))
RARE = st.sampled_from(["𠀀", "𪚥", "😀", "䶮"])
CHINESE_TEXT = st.text(st.one_of(HAN, HAN, HAN, PUNCTUATION, RARE), min_size=1, max_size=60)
AMOUNT = st.integers(min_value=0, max_value=MAX_FEN)


@st.composite
def receipt_data(draw: st.DrawFn) -> ReceiptData:
    charges = draw(
        st.lists(
            st.builds(ChargeItem, CHINESE_TEXT, st.integers(-MAX_FEN, MAX_FEN), CHINESE_TEXT),
            max_size=4,
        )
    )
    methods = draw(st.lists(st.builds(MethodPart, CHINESE_TEXT, AMOUNT, CHINESE_TEXT), max_size=3))
    return example_data(
        company=draw(CHINESE_TEXT),
        account_name=draw(CHINESE_TEXT),
        address=draw(CHINESE_TEXT),
        category=draw(CHINESE_TEXT),
        season=draw(CHINESE_TEXT),
        staff_name=draw(CHINESE_TEXT),
        service_phone=draw(CHINESE_TEXT),
        heated_area=Decimal(draw(st.integers(0, 10**9))) / 100,
        charges=tuple(charges),
        methods=tuple(methods),
        total_due_fen=draw(AMOUNT),
        paid_fen=draw(AMOUNT),
        cash_tendered_fen=draw(st.none() | AMOUNT),
        change_fen=draw(st.none() | AMOUNT),
        balance_after_fen=draw(st.integers(-MAX_FEN, MAX_FEN)),
        reprint_count=draw(st.integers(0, 99)),
    )


@settings(max_examples=150, deadline=None)
@given(receipt_data(), st.sampled_from(sorted(PAPER_COLUMNS.values())))
def test_no_line_is_wider_than_the_paper(data: ReceiptData, width: int) -> None:
    lines = layout_receipt(data, width)
    for line in lines:
        assert line.columns <= width, line
        assert line.raster == any(gb_width(char) == 4 for char in line.text)
    shown = preview_text(lines, width).replace("\n", "")
    assert format_yuan(data.paid_fen, symbol="￥") in shown


@settings(max_examples=100, deadline=None)
@given(CHINESE_TEXT, st.sampled_from([32, 48]))
def test_names_wrap_without_losing_or_splitting_characters(name: str, width: int) -> None:
    lines = texts(layout_receipt(example_data(account_name=name), width))
    start = lines.index(next(text for text in lines if text.startswith("户名：")))
    end = next(i for i, text in enumerate(lines) if text.startswith("地址："))
    parts = [lines[start][3:], *(text[6:] for text in lines[start + 1 : end])]
    assert "".join(parts) == name


def test_qr_payload_round_trips() -> None:
    text = qr_payload("A01-00000123", 197032, date(2025, 11, 20), HASH.upper())
    assert text == "HR1|A01-00000123|197032|20251120|3f2a9c0d5e7b1a46"
    assert parse_qr_payload(text + "\r\n") == QrPayload(
        "A01-00000123", 197032, date(2025, 11, 20), "3f2a9c0d5e7b1a46"
    )


@given(
    st.from_regex(r"[A-Z][0-9A-Z]{0,5}-[0-9]{8}", fullmatch=True),
    st.integers(-MAX_FEN, MAX_FEN),
    st.dates(),
    st.text("0123456789abcdef", min_size=16, max_size=64),
)
def test_qr_payload_round_trips_for_any_fields(
    receipt_no: str, amount: int, on: date, hash_hex: str
) -> None:
    parsed = parse_qr_payload(qr_payload(receipt_no, amount, on, hash_hex))
    assert parsed == QrPayload(receipt_no, amount, on, hash_hex[:16])


def test_qr_payload_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        qr_payload("A01-123", 1, date(2025, 11, 20), HASH)
    with pytest.raises(ValueError):
        qr_payload("A01-00000123", 1, date(2025, 11, 20), "abc")


@pytest.mark.parametrize(
    "scanned",
    [
        "",
        "https://example.invalid/",
        "HR1|A01-00000123|197032|20251120",
        "HR1|A01-00000123|19.70|20251120|3f2a9c0d5e7b1a46",
        "HR1|A01-00000123|197032|20251320|3f2a9c0d5e7b1a46",
        "HR1|A01-00000123|-0|20251120|3f2a9c0d5e7b1a46",
        "HR1|A01-00000123|197032|20251120|3f2a9c0d5e7b1a4",
    ],
)
def test_parse_qr_payload_refuses_foreign_codes(scanned: str) -> None:
    with pytest.raises(QrPayloadError) as caught:
        parse_qr_payload(scanned)
    assert "不是本系统的收据二维码" in str(caught.value)


def test_parse_qr_payload_names_unknown_versions() -> None:
    with pytest.raises(QrPayloadError) as caught:
        parse_qr_payload("HR2|A01-00000123|197032|20251120|3f2a9c0d5e7b1a46|x")
    assert "版本不受支持" in str(caught.value)


def test_parse_qr_payload_accepts_case_changed_by_a_scanner() -> None:
    parsed = parse_qr_payload("hr1|A01-00000123|197032|20251120|3F2A9C0D5E7B1A46")
    assert parsed.hash_prefix == "3f2a9c0d5e7b1a46"
