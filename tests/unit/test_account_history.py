"""Dated facts versions: which applies on a day, and how a change from a date on is recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cashier.domain.account_history import (
    FactsError,
    FactsVersion,
    StatusRecord,
    earliest,
    facts_on,
    status_for,
    versions_for_change,
)
from cashier.domain.accounts import BillingFacts
from cashier.domain.reading_import import READING_COLUMNS, parse_reading_row
from cashier.domain.table_rows import map_header

FIRST = FactsVersion(date(2025, 1, 1), "residential", False, D("89.56"), None, "area", None, seq=1)


def version(day: date, seq: int, **changes) -> FactsVersion:
    return replace(FIRST, valid_from=day, seq=seq, **changes)


def record(versions: list[FactsVersion], new: list[FactsVersion]) -> list[FactsVersion]:
    """Append `new` as the store would: each gets the next sequence number."""
    start = max(v.seq for v in versions) + 1
    return versions + [replace(v, seq=start + i) for i, v in enumerate(new)]


def test_the_latest_version_on_or_before_the_day_applies():
    later = version(date(2025, 6, 1), 2, heated_area=D("90.00"))
    versions = [FIRST, later]
    assert facts_on(versions, date(2024, 12, 31)) is None
    assert facts_on(versions, date(2025, 1, 1)) == FIRST
    assert facts_on(versions, date(2025, 5, 31)) == FIRST
    assert facts_on(versions, date(2025, 6, 1)) == later
    assert facts_on(versions, date(2030, 1, 1)) == later


def test_of_two_versions_on_one_day_the_later_recorded_applies():
    again = version(date(2025, 1, 1), 5, category="non_residential")
    assert facts_on([again, FIRST], date(2025, 3, 1)) == again


def test_a_change_dated_in_the_past_reaches_later_versions_too():
    later = version(date(2026, 1, 1), 2, low_income=True)
    versions = [FIRST, later]
    new = versions_for_change(versions, {"heated_area": D("95.00")}, date(2025, 11, 15))
    assert [(v.valid_from, v.heated_area, v.low_income) for v in new] == [
        (date(2025, 11, 15), D("95.00"), False),
        (date(2026, 1, 1), D("95.00"), True),
    ]
    after = record(versions, new)
    assert facts_on(after, date(2025, 11, 14)).heated_area == D("89.56")
    assert facts_on(after, date(2025, 12, 1)).heated_area == D("95.00")
    assert facts_on(after, date(2026, 3, 1)).values() == later.values() | {
        "heated_area": D("95.00")
    }


def test_a_change_before_the_first_version_starts_from_the_registered_facts():
    new = versions_for_change([FIRST], {"billing": "metered"}, date(2024, 11, 15))
    assert [(v.valid_from, v.billing, v.heated_area) for v in new] == [
        (date(2024, 11, 15), "metered", D("89.56")),
        (date(2025, 1, 1), "metered", D("89.56")),
    ]


def test_changes_that_change_nothing_unknown_fields_or_bad_values_are_refused():
    with pytest.raises(FactsError, match="没有变化"):
        versions_for_change([FIRST], {"heated_area": D("89.56")}, date(2025, 2, 1))
    with pytest.raises(FactsError, match="不能修改"):
        versions_for_change([FIRST], {"name": "李四"}, date(2025, 2, 1))
    with pytest.raises(FactsError, match="没有要修改"):
        versions_for_change([FIRST], {}, date(2025, 2, 1))
    with pytest.raises(FactsError, match="计费信息不正确"):
        versions_for_change([FIRST], {"heated_area": D("0")}, date(2025, 2, 1))
    with pytest.raises(FactsError, match="计费信息不正确"):
        versions_for_change([FIRST], {"category": "shop"}, date(2025, 2, 1))


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(
    existing=st.lists(st.tuples(days, st.decimals(1, 500, places=2)), max_size=5),
    when=days,
    area=st.decimals(1, 500, places=2),
    probe=days,
)
@example(  # a change dated before every version, equal to the earliest one, still records
    existing=[(date(2024, 1, 2), D("1.00"))], when=date(2024, 1, 1), area=D("1.00"),
    probe=date(2024, 1, 1),
)
def test_after_a_change_every_day_from_its_date_has_the_new_value(existing, when, area, probe):
    versions = [FIRST] + [
        version(day, i + 2, heated_area=value) for i, (day, value) in enumerate(existing)
    ]
    starts = [when] + [v.valid_from for v in versions if v.valid_from > when]
    try:
        new = versions_for_change(versions, {"heated_area": area}, when)
    except FactsError:  # nothing to change: every day from `when` on already has `area`
        assert all(facts_on(versions, day).heated_area == area for day in starts)
        return
    before, after = facts_on(versions, probe), facts_on(record(versions, new), probe)
    if probe < when:
        assert after == before
        return
    base = before or earliest(versions)
    assert after.heated_area == area
    assert after.values() | {"heated_area": None} == base.values() | {"heated_area": None}


def test_version_gives_the_fee_engines_facts_with_the_season_status():
    assert FIRST.billing_facts("suspended") == BillingFacts(
        "residential", False, D("89.56"), status="suspended"
    )


def test_status_for_a_season_is_the_latest_record_else_heating():
    records = [
        StatusRecord("2025-2026", "suspended", seq=1),
        StatusRecord("2024-2025", "suspended", seq=2),
        StatusRecord("2025-2026", "heating", seq=3),
    ]
    assert status_for(records, "2025-2026") == "heating"
    assert status_for(records[:2], "2025-2026") == "suspended"
    assert status_for(records, "2026-2027") == "heating"


def test_reading_rows_are_checked_cell_by_cell():
    header = map_header(["抄表日期", "用量", "采暖期", "户号"], READING_COLUMNS)
    reading, errors = parse_reading_row(2, ["2026-03-20", "5000.5", "2025-2026", "M-1"], header)
    assert errors == []
    assert (reading.account_no, reading.season, reading.consumption, reading.read_on) == (
        "M-1",
        "2025-2026",
        D("5000.5"),
        date(2026, 3, 20),
    )
    _, errors = parse_reading_row(3, ["2026-3-20", "-1", "", "M-1"], header)
    assert [(e.row, e.column_zh) for e in errors] == [(3, "采暖期"), (3, "用量"), (3, "抄表日期")]
    _, errors = parse_reading_row(4, ["2026-03-20", "1.2345", "2025-2026", "M-1"], header)
    assert [str(e) for e in errors] == [
        "第4行，用量：应为不小于0且不大于999999999.999的数，最多3位小数"
    ]
