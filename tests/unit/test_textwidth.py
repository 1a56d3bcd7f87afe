"""Width of text on paper (GB18030 byte length) and wrapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.textwidth import (
    char_width,
    fits_between,
    gb_width,
    needs_four_bytes,
    pad_between,
    wrap,
)

# Characters a receipt really prints: ASCII, common Han, full-width punctuation and symbols,
# and a few that need four bytes in GB18030 (a rare name character, an emoji).
RECEIPT_CHARS = "aZ09 -.,:#张三李四幸福小区号楼单元：（）￥×㎡℃—、，。·…𠀀😀"


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("A01-00000123", 12),
        ("张三", 4),
        ("：", 2),
        ("（）", 4),
        ("￥", 2),
        ("×", 2),
        ("㎡", 2),
        ("℃", 2),
        ("—", 2),
        ("、", 2),
        ("采暖费 89.56㎡×22.00", 21),
        ("¥", 4),  # half-width yen has no two-byte code
        ("😀", 4),
        ("", 0),
    ],
)
def test_gb_width_counts_gb18030_bytes(text: str, columns: int) -> None:
    assert gb_width(text) == columns


def test_ambiguous_width_punctuation_counts_two_unlike_unicode_narrow() -> None:
    import unicodedata

    for char in "×—℃":
        assert unicodedata.east_asian_width(char) == "A"
        assert char_width(char) == 2


def test_lone_surrogate_is_refused() -> None:
    with pytest.raises(ValueError):
        gb_width("\ud800")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张三", False),
        ("幸福小区3号楼", False),
        ("￥1,970.32", False),
        ("王𠀀", True),  # CJK extension B
        ("李四😀", True),
        ("¥12", True),
    ],
)
def test_needs_four_bytes(text: str, expected: bool) -> None:
    assert needs_four_bytes(text) is expected


def test_wrap_moves_a_two_column_character_that_would_overflow() -> None:
    assert wrap("ab张三", 3) == ["ab", "张", "三"]
    assert wrap("地址：幸福小区", 8) == ["地址：幸", "福小区"]


def test_wrap_keeps_short_text_and_empty_text_on_one_line() -> None:
    assert wrap("张三", 32) == ["张三"]
    assert wrap("", 32) == [""]


def test_wrap_refuses_a_width_narrower_than_a_character() -> None:
    with pytest.raises(ValueError):
        wrap("张", 1)
    with pytest.raises(ValueError):
        wrap("a", 0)


@given(st.text(alphabet=RECEIPT_CHARS, max_size=80), st.integers(min_value=4, max_value=48))
def test_wrap_never_splits_and_never_exceeds(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(gb_width(line) <= width for line in lines)
    # Every line but the last is full: the next character would not have fitted.
    for line, following in zip(lines, lines[1:], strict=False):
        assert gb_width(line) + char_width(following[0]) > width


def test_pad_between_fills_the_width_exactly() -> None:
    line = pad_between("应收合计", "￥1,970.32", 32)
    assert line == "应收合计              ￥1,970.32"
    assert gb_width(line) == 32


def test_pad_between_refuses_what_does_not_fit() -> None:
    assert not fits_between("一二三四五六七八九十壹贰叁肆伍", "￥1.00", 32)
    with pytest.raises(ValueError):
        pad_between("一二三四五六七八九十壹贰叁肆伍", "￥1.00", 32)


@given(
    st.text(alphabet=RECEIPT_CHARS, max_size=20),
    st.text(alphabet=RECEIPT_CHARS, max_size=12),
    st.integers(min_value=1, max_value=48),
)
def test_pad_between_is_exact_when_it_fits(left: str, right: str, width: int) -> None:
    if fits_between(left, right, width):
        line = pad_between(left, right, width)
        assert gb_width(line) == width
        assert line.startswith(left) and line.endswith(right)
    else:
        with pytest.raises(ValueError):
            pad_between(left, right, width)
