"""Blind counts, the comparison, the Z report's layout and the day close's dates (no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.cash_count import (
    DENOMINATIONS,
    BlindCount,
    CardSlip,
    CountError,
    compare_count,
)
from cashier.domain.chain import GENESIS_HASH, Anchor, parse_anchors
from cashier.domain.day_close import (
    DayClosed,
    SignedAnchors,
    booking_date,
    check_close_date,
    parse_signed_anchors,
)
from cashier.domain.shift import ShiftTotals
from cashier.domain.shift_report import GrandTotals, PeriodTotals, ShiftReport
from cashier.domain.z_report import layout_z_report

NOW = dt.datetime(2025, 11, 10, 9, 30, tzinfo=dt.UTC)


def test_a_count_adds_notes_and_coins_and_slips():
    count = BlindCount({10000: 3, 50: 3, 1: 7}, (CardSlip(12345, "R1"), CardSlip(-345)))
    assert (count.cash_fen, count.card_fen) == (30157, 12000)
    assert BlindCount.from_extra(count.as_extra()) == count


@pytest.mark.parametrize("pieces", [{300: 1}, {100: -1}, {100: True}])
def test_a_count_refuses_unknown_denominations_and_bad_pieces(pieces):
    with pytest.raises(CountError):
        BlindCount(pieces)


def test_the_comparison_lists_counted_methods_and_those_with_money():
    count = BlindCount({10000: 5}, (CardSlip(20000),))
    comparison = compare_count({"cash": 50100, "bank_card": 20000, "wechat": 700, "alipay": 0},
                               count, 100)
    assert [c.method for c in comparison.checks] == ["cash", "bank_card", "wechat"]
    assert comparison.difference_fen == -100 and not comparison.needs_approval
    assert compare_count({"cash": 50101}, count, 100).needs_approval
    uncounted = compare_count({"cash": 50100}, None, 0)
    assert not uncounted.needs_approval and uncounted.check("cash").counted_fen is None


def _report(by_season: dict[str, int], count: BlindCount | None, reason: str = "") -> ShiftReport:
    totals = ShiftTotals("A01", 1, "0007", "王某", NOW, 50000, payments=3,
                         collected_fen=sum(by_season.values()), by_method={"cash": 1000})
    expected = {"cash": 51000, "wechat": 2000}
    return ShiftReport(
        totals=totals, period=PeriodTotals(by_season=by_season, reprints=1, reprint_fen=100),
        comparison=compare_count(expected, count, 0), count=count,
        grand=GrandTotals(10**9, 2 * 10**9), close_seq=9, closed_at=NOW,
        business_date=NOW.date(), closed_by="0009 李四", reason=reason, approver="0009 李四",
        close_hash="ab" * 32,
    )


@given(
    seasons=st.dictionaries(st.text(min_size=1, max_size=30), st.integers(-10**9, 10**9),
                            max_size=4),
    reason=st.text(max_size=60),
    width=st.sampled_from([32, 48]),
    reprints=st.integers(0, 3),
)
def test_no_z_report_line_is_wider_than_the_paper(seasons, reason, width, reprints):
    count = BlindCount({value: 1 for value, _ in DENOMINATIONS}, (CardSlip(1),))
    lines = layout_z_report(_report(seasons, count, reason), "幸福热力有限公司" * 3, width,
                            reprints)
    assert all(line.columns <= width for line in lines)
    assert not any(char < " " for line in lines for char in line.text)
    marked = any(f"补打（第{reprints}次）" in line.text for line in lines)
    assert marked == bool(reprints)


def test_the_z_report_names_whoever_closed_someone_elses_shift_and_an_uncounted_close():
    text = "\n".join(line.text for line in layout_z_report(_report({}, None), "", 32))
    assert "结班人：0009 李四" in text and "未清点" in text and "abababab" in text


def test_an_entry_of_a_closed_day_is_booked_to_the_day_after_the_last_close():
    nov_10, nov_11 = dt.date(2025, 11, 10), dt.date(2025, 11, 11)
    assert booking_date(nov_10, None) == nov_10
    assert booking_date(nov_10, dt.date(2025, 11, 9)) == nov_10
    assert booking_date(nov_10, nov_10) == nov_11
    assert booking_date(dt.date(2025, 11, 1), nov_10) == nov_11


def test_a_day_closes_once_and_only_after_it_ended():
    nov_10 = dt.date(2025, 11, 10)
    check_close_date(nov_10, None, dt.date(2025, 11, 11))
    with pytest.raises(DayClosed):
        check_close_date(nov_10, None, nov_10)
    with pytest.raises(DayClosed):
        check_close_date(nov_10, nov_10, dt.date(2025, 11, 12))


def test_a_signed_anchors_file_reads_back_and_is_an_anchors_file():
    signed = SignedAnchors(dt.date(2025, 11, 10), NOW, (Anchor("journal:A01", 7, "1" * 64),),
                           "ab" * 32, "cd" * 64)
    text = signed.to_json()
    assert parse_signed_anchors(text) == signed
    assert parse_anchors(text) == list(signed.anchors)
    assert parse_signed_anchors('{"anchors": []}') is None
    assert signed.message() != SignedAnchors(signed.through, NOW, (
        Anchor("journal:A01", 6, GENESIS_HASH),), signed.public_key, "").message()
