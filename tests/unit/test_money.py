"""Tests for cashier.domain.money: parsing, formatting and capital amounts."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.money import (
    MAX_FEN,
    MoneyError,
    decimal_from_fen,
    fen_from_decimal,
    format_plain,
    format_yuan,
    parse_yuan,
    to_capital,
)

fen_amounts = st.integers(min_value=0, max_value=MAX_FEN)


# --- capital amounts -------------------------------------------------------------------------

REGULATION_EXAMPLES = [
    (140950, "壹仟肆佰零玖元伍角整"),
    (600714, "陆仟零柒元壹角肆分"),
    (168032, "壹仟陆佰捌拾元零叁角贰分"),
    (10700053, "壹拾万柒仟元零伍角叁分"),
    (1640902, "壹万陆仟肆佰零玖元零贰分"),
    (32504, "叁佰贰拾伍元零肆分"),
]

RULE_EXAMPLES = [
    (140900, "壹仟肆佰零玖元整"),
    (10050000, "壹拾万零伍佰元整"),
    (10700000, "壹拾万柒仟元整"),
    (1000, "壹拾元整"),
    (101000, "壹仟零壹拾元整"),
    (11000000, "壹拾壹万元整"),
    (168032, "壹仟陆佰捌拾元零叁角贰分"),
    (1640902, "壹万陆仟肆佰零玖元零贰分"),
    (50, "伍角整"),
    (5, "伍分"),
    (0, "零元整"),
]

# Derived by hand from the rules of money-and-receipts.md.
DERIVED_EXAMPLES = [
    (100, "壹元整"),
    (1, "壹分"),
    (55, "伍角伍分"),
    (1050, "壹拾元零伍角整"),
    (2005, "贰拾元零伍分"),
    (100101, "壹仟零壹元零壹分"),
    (100000000, "壹佰万元整"),
    (10000000000, "壹亿元整"),
    # 万 group 0001 starts with a zero below the non-zero 亿 group.
    (10001000000, "壹亿零壹万元整"),
    # the all-zero 万 group writes nothing; the units group starts with 1, so no 零.
    (10000100000, "壹亿壹仟元整"),
    (10000000100, "壹亿零壹元整"),
    (10000050000, "壹亿零伍佰元整"),
    (100000000000, "壹拾亿元整"),
    (100500000000, "壹拾亿零伍佰万元整"),
    (1000000000050, "壹佰亿元零伍角整"),
    (100000001, "壹佰万元零壹分"),
    (MAX_FEN, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(
    ("fen", "expected"), REGULATION_EXAMPLES + RULE_EXAMPLES + DERIVED_EXAMPLES
)
def test_to_capital_examples(fen: int, expected: str) -> None:
    assert to_capital(fen) == expected


@pytest.mark.parametrize("bad", [-1, -100, MAX_FEN + 1])
def test_to_capital_refuses_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        to_capital(bad)


@pytest.mark.parametrize("bad", [1.5, Decimal("1"), "100", True])
def test_to_capital_refuses_non_int(bad: object) -> None:
    with pytest.raises(TypeError):
        to_capital(bad)  # type: ignore[arg-type]


_CAPITAL_DIGITS = {ch: i for i, ch in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def _read_whole(text: str) -> int:
    """Read capital digits with 拾佰仟万亿 back to an integer (independent of the code)."""
    total = section = number = 0
    for ch in text:
        if ch in _CAPITAL_DIGITS:
            number = _CAPITAL_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += number * _SMALL_UNITS[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10_000
            section = number = 0
        elif ch == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
        else:
            raise AssertionError(f"unexpected character {ch!r} in {text!r}")
    return total + section + number


def _read_capital(text: str) -> int:
    """Read a capital amount (without 人民币) back to fen."""
    body = text.removesuffix("整")
    yuan_text, _, rest = body.rpartition("元")
    fen = _read_whole(yuan_text) * 100
    for value, unit in re.findall(r"零?(.)([角分])", rest):
        fen += _CAPITAL_DIGITS[value] * (10 if unit == "角" else 1)
    return fen


def test_reader_reads_known_examples() -> None:
    for fen, text in REGULATION_EXAMPLES + DERIVED_EXAMPLES:
        assert _read_capital(text) == fen, text


@given(st.integers(min_value=0, max_value=10**13 - 1))
def test_capital_round_trip(fen: int) -> None:
    assert _read_capital(to_capital(fen)) == fen


@given(fen_amounts)
def test_capital_uses_only_allowed_characters(fen: int) -> None:
    text = to_capital(fen)
    assert set(text) <= set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
    assert not re.search(r"[一二三四五六七八九十毛另0-9]", text)


@given(fen_amounts)
def test_capital_ends_with_zheng_exactly_without_fen(fen: int) -> None:
    assert to_capital(fen).endswith("整") == (fen % 10 == 0)
    assert to_capital(fen).count("整") <= 1


@given(fen_amounts)
def test_capital_zero_placement(fen: int) -> None:
    text = to_capital(fen)
    assert "零零" not in text
    assert not re.search(r"零[拾佰仟万亿元角分整]", text) or text == "零元整"
    assert not text.startswith("零") or text == "零元整"
    assert "元" in text or fen < 100


# --- parsing ---------------------------------------------------------------------------------

ACCEPTED = [
    ("1,234.50", 123450),
    ("１２３.４", 12340),
    (" 12 ", 1200),
    ("¥12", 1200),
    ("￥12", 1200),
    ("\u300012.5\u3000", 1250),
    ("\t7\n", 700),
    ("12", 1200),
    ("12.3", 1230),
    ("12.30", 1230),
    ("12.", 1200),
    (".5", 50),
    ("0.05", 5),
    ("0", 0),
    ("007", 700),
    ("1，234", 123400),
    ("１２．３４", 1234),
    ("￥１，２３４．５６", 123456),
    ("1,234,567.89", 123456789),
    ("1234567", 123456700),
    ("999,999,999,999.99", MAX_FEN),
    ("000999999999999.99", MAX_FEN),
]


@pytest.mark.parametrize(("text", "fen"), ACCEPTED)
def test_parse_yuan_accepts(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [("-5", -500), ("-¥1,234.56", -123456), ("－５", -500), ("-.5", -50), ("12", 1200)],
)
def test_parse_yuan_negative_when_allowed(text: str, fen: int) -> None:
    assert parse_yuan(text, allow_negative=True) == fen


REFUSED = [
    ("12.345", "两位小数"),
    ("0.001", "两位小数"),
    ("-5", "负数"),
    ("-¥5", "负数"),
    ("1e3", "格式"),
    ("¥¥1", "格式"),
    ("￥¥1", "格式"),
    ("1_000", "格式"),
    ("NaN", "格式"),
    ("nan", "格式"),
    ("Infinity", "格式"),
    ("inf", "格式"),
    ("+5", "格式"),
    ("", "请输入"),
    ("   ", "请输入"),
    ("\u3000", "请输入"),
    ("٣", "格式"),
    ("١٢٣", "格式"),
    ("1٣", "格式"),
    ("12.٣", "格式"),
    ("1,٣٣٣", "格式"),
    ("१२", "格式"),
    ("๑", "格式"),
    ("²", "格式"),
    ("1,23", "分隔符"),
    ("1234,567", "分隔符"),
    (",123", "分隔符"),
    ("1,,234", "分隔符"),
    ("1,234,", "分隔符"),
    ("0,123", "分隔符"),
    ("1,2345", "分隔符"),
    ("1000,000.00", "分隔符"),
    ("1,000,000,000,000", "上限"),
    ("1000000000000", "上限"),
    ("9" * 5000, "上限"),
    (".", "格式"),
    ("¥", "格式"),
    ("-", "格式"),
    ("12元", "格式"),
    ("¥ 12", "格式"),
    ("1 234", "格式"),
    ("12¥", "格式"),
    ("¥-12", "格式"),
    ("−5", "格式"),
    ("1.2.3", "格式"),
    ("0x10", "格式"),
    ("12 .5", "格式"),
]


@pytest.mark.parametrize(("text", "hint"), REFUSED)
def test_parse_yuan_refuses(text: str, hint: str) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_yuan(text)
    assert hint in str(caught.value)
    assert caught.value.english and caught.value.english != str(caught.value)


def test_money_error_messages() -> None:
    with pytest.raises(MoneyError) as caught:
        parse_yuan("12.345")
    assert str(caught.value) == "金额最多两位小数：12.345"
    assert caught.value.english == "An amount has at most two decimals: 12.345"
    assert isinstance(caught.value, ValueError)


def test_parse_yuan_allow_negative_still_checks_limit() -> None:
    assert parse_yuan("-999,999,999,999.99", allow_negative=True) == -MAX_FEN
    with pytest.raises(MoneyError):
        parse_yuan("-1,000,000,000,000", allow_negative=True)


@given(fen_amounts)
def test_parse_yuan_round_trips_formatted(fen: int) -> None:
    assert parse_yuan(format_yuan(fen)) == fen
    assert parse_yuan(format_yuan(fen, symbol="￥")) == fen
    assert parse_yuan(format_yuan(fen, symbol="")) == fen
    assert parse_yuan(format_plain(fen)) == fen


@given(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN))
def test_parse_yuan_round_trips_negative(fen: int) -> None:
    assert parse_yuan(format_yuan(fen), allow_negative=True) == fen
    assert parse_yuan(format_plain(fen), allow_negative=True) == fen


@given(st.text(max_size=30))
def test_parse_yuan_only_raises_money_error(text: str) -> None:
    try:
        fen = parse_yuan(text, allow_negative=True)
    except MoneyError as error:
        assert str(error) and error.english
    else:
        assert isinstance(fen, int) and abs(fen) <= MAX_FEN


@given(st.text(alphabet="0123456789,.¥-٣१", max_size=20))
def test_parse_yuan_agrees_with_plain_digits(text: str) -> None:
    """Whatever is accepted has the value of its ASCII digits read as a decimal number."""
    try:
        fen = parse_yuan(text, allow_negative=True)
    except MoneyError:
        return
    assert "٣" not in text and "१" not in text
    plain = text.replace(",", "").replace("¥", "")
    assert Decimal(plain) * 100 == fen


# --- formatting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "kwargs", "expected"),
    [
        (123456, {}, "¥1,234.56"),
        (-123456, {}, "-¥1,234.56"),
        (123456, {"symbol": ""}, "1,234.56"),
        (123456, {"symbol": "￥"}, "￥1,234.56"),
        (0, {}, "¥0.00"),
        (5, {}, "¥0.05"),
        (-5, {}, "-¥0.05"),
        (100000000, {}, "¥1,000,000.00"),
        (MAX_FEN, {}, "¥999,999,999,999.99"),
    ],
)
def test_format_yuan(fen: int, kwargs: dict[str, str], expected: str) -> None:
    assert format_yuan(fen, **kwargs) == expected


@pytest.mark.parametrize(
    ("fen", "expected"),
    [(123456, "1234.56"), (-500, "-5.00"), (0, "0.00"), (7, "0.07"), (-7, "-0.07")],
)
def test_format_plain(fen: int, expected: str) -> None:
    assert format_plain(fen) == expected


@pytest.mark.parametrize("bad", [1.5, Decimal("1.5"), "1", False])
def test_format_refuses_non_int(bad: object) -> None:
    with pytest.raises(TypeError):
        format_yuan(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_plain(bad)  # type: ignore[arg-type]


# --- Decimal conversions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("12.345", 1235),
        ("12.344", 1234),
        ("12.3449999", 1234),
        ("0.005", 1),
        ("0.004", 0),
        ("-0.005", -1),
        ("-12.345", -1235),
        ("1970.3232", 197032),
        ("12", 1200),
        ("1E+3", 100000),
        ("1.23456789012345678901234567890125", 123),
    ],
)
def test_fen_from_decimal(value: str, fen: int) -> None:
    assert fen_from_decimal(Decimal(value)) == fen


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_fen_from_decimal_refuses_non_finite(bad: Decimal) -> None:
    with pytest.raises(ValueError):
        fen_from_decimal(bad)


def test_fen_from_decimal_refuses_float() -> None:
    with pytest.raises(TypeError):
        fen_from_decimal(12.34)  # type: ignore[arg-type]


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_decimal_round_trip(fen: int) -> None:
    value = decimal_from_fen(fen)
    assert value == Decimal(fen) / 100
    assert value.as_tuple().exponent == -2
    assert fen_from_decimal(value) == fen
    assert format_plain(fen) == str(value)
