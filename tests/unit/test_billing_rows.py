"""Season billing in the domain: the cached biller and the bills export row."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from heatfee_samples import category, residential, season_tariff
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.accounts import BillingFacts
from cashier.domain.billing import (
    EXPORT_HEADER,
    BillingSubject,
    SeasonBiller,
    export_row,
    kind_totals,
)
from cashier.domain.fees import bill_lines
from cashier.domain.tariffs import CeilingRule

CEILING = CeilingRule(D("3.0"), D("0.3"), D("0.05"), D("0.50"))
TARIFF = season_tariff(
    category("22", low_income_price=D("15.5")), category("38", ceiling=CEILING)
)


def test_export_header_is_the_formats_md_row():
    assert ",".join(EXPORT_HEADER) == (
        "户号,户名,采暖期,采暖费,层高加收,基本热费,停热减收,室温退费,计量结算,应收合计"
    )


def test_biller_gives_the_worked_example_lines():
    biller = SeasonBiller(TARIFF)
    shop = BillingFacts("non_residential", False, D("150.00"), ceiling_height=D("3.90"))
    bill = biller.bill(BillingSubject(7, 70, shop))
    assert [(line.kind, line.amount_fen) for line in bill.lines] == [
        ("heating", 570_000),
        ("ceiling", 85_500),
    ]
    assert (bill.account_id, bill.facts_id, bill.status, bill.total_fen) == (
        7,
        70,
        "heating",
        655_500,
    )
    suspended = biller.bill(BillingSubject(8, 80, residential("100", status="suspended")))
    assert [(line.kind, line.amount_fen) for line in suspended.lines] == [("suspension", 44_000)]
    assert suspended.status == "suspended"


areas = st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2)


@given(area=areas, low_income=st.booleans(), suspended=st.booleans())
def test_cached_lines_equal_fresh_lines(area, low_income, suspended):
    biller = SeasonBiller(TARIFF, cache_size=3)
    facts = residential(str(area), low_income=low_income)
    if suspended:
        facts = replace(facts, status="suspended")
    first = biller.lines(facts)
    again = biller.lines(replace(facts))
    assert first == again == tuple(bill_lines(facts, TARIFF))


def test_cache_is_bounded():
    biller = SeasonBiller(TARIFF, cache_size=2)
    for area in ("50", "60", "70", "80", "80", "80"):
        biller.lines(residential(area))
    assert len(biller._cache) <= 2 and len(biller._by_identity) <= 2


def test_export_row_leaves_missing_kinds_empty_and_sums_the_columns():
    row = export_row("A-0001", "张三", "2025-2026", [("heating", None, 197_032)])
    assert row == ["A-0001", "张三", "2025-2026", "1970.32", "", "", "", "", "", "1970.32"]


def test_export_row_folds_adjustments_and_credits_into_their_columns():
    lines = [
        ("heating", None, 198_000),
        ("outage_credit", None, -1_636),
        ("adjustment", "heating", -22_000),
        ("temperature_refund", None, -2_545),
        ("late_fee_waiver", None, -500),
    ]
    row = export_row("A-0002", "李四", "2025-2026", lines)
    assert row[3:] == ["1760.00", "", "", "-16.36", "-25.45", "", "1718.19"]


def test_suspended_low_income_shows_zero_not_empty():
    row = export_row("A-0003", "王五", "2025-2026", [("suspension", None, 0)])
    assert row[3:] == ["", "", "0.00", "", "", "", "0.00"]


@given(st.lists(st.tuples(st.sampled_from(["heating", "ceiling", "adjustment"]),
                          st.integers(-10**8, 10**8))))
def test_total_is_the_sum_of_the_kind_totals(pairs):
    lines = [(kind, "ceiling" if kind == "adjustment" else None, amount) for kind, amount in pairs]
    totals = kind_totals(lines)
    assert sum(totals.values()) == sum(amount for _, amount in pairs)
    assert set(totals) <= {"heating", "ceiling"}
