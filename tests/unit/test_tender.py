"""Split tender, references, cash tendered and change, cash rounding to the 角."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.tender import (
    METHOD_KEYS,
    METHODS,
    TenderError,
    TenderPart,
    round_to_jiao,
    settle_tender,
)


def test_split_tender_adds_up_and_gives_change_from_the_cash_part():
    tender = settle_tender(
        [TenderPart("cash", 70164), TenderPart("wechat", 100000, " 4200001 ")],
        80000,
        round_cash=False,
    )
    assert (tender.applied_fen, tender.collected_fen, tender.cash_fen) == (170164, 170164, 70164)
    assert tender.change_fen == 80000 - 70164 and tender.rounding_fen == 0
    assert tender.parts[1].reference == "4200001"


@pytest.mark.parametrize(
    ("parts", "tendered", "message"),
    [
        ([], None, "至少"),
        ([TenderPart("wechat", 100)], None, "单号"),
        ([TenderPart("bank_card", 100, "   ")], None, "单号"),
        ([TenderPart("alipay", 100, "20 25")], None, "空格"),
        ([TenderPart("cash", 0)], None, "大于零"),
        ([TenderPart("cash", -5)], None, "大于零"),
        ([TenderPart("cheque", 100, "1")], None, "未知"),
        ([TenderPart("cash", 100), TenderPart("cash", 100)], None, "一次"),
        ([TenderPart("cash", 10000)], 9999, "不足"),
        ([TenderPart("wechat", 100, "1")], 200, "没有现金"),
    ],
)
def test_bad_tenders_are_refused(parts, tendered, message):
    with pytest.raises(TenderError, match=message):
        settle_tender(parts, tendered, round_cash=False)


@pytest.mark.parametrize(
    ("fen", "rounded"), [(0, 0), (4, 0), (5, 10), (197032, 197030), (170165, 170170), (99, 100)]
)
def test_round_to_jiao_is_half_up(fen, rounded):
    assert round_to_jiao(fen) == rounded


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=10**6))
def test_rounding_touches_only_the_cash_part_and_stays_within_half_a_jiao(cash, other):
    parts = [TenderPart("cash", cash)]
    if other:
        parts.append(TenderPart("bank_transfer", other, "TR1"))
    tender = settle_tender(parts, None, round_cash=True)
    assert tender.cash_fen % 10 == 0
    assert -4 <= tender.rounding_fen <= 5
    assert tender.applied_fen == cash + other
    assert tender.collected_fen - tender.cash_fen == other


def test_every_function_key_picks_a_counter_method():
    assert set(METHOD_KEYS.values()) == set(METHODS)
    assert len(METHOD_KEYS) == len(set(METHOD_KEYS))
