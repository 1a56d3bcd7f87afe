"""Working days and reply deadlines across Chinese public holidays and make-up working days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.service_cases import reply_deadline
from cashier.domain.workdays import (
    CHINA_TZ,
    CalendarError,
    CalendarMissing,
    WorkCalendar,
    parse_calendar_toml,
)

CALENDAR_DIR = Path(__file__).resolve().parents[2] / "resources" / "calendar"
YEARS = {
    year: parse_calendar_toml((CALENDAR_DIR / f"{year}.toml").read_text("utf-8"))
    for year in (2025, 2026)
}
CALENDAR = WorkCalendar(YEARS.values())


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=CHINA_TZ)


def due(kind: str, received: dt.datetime, category: str = "billing") -> dt.date | None:
    return reply_deadline(kind, category, received, CALENDAR).due_date


def working_days_in(year: int) -> int:
    day, count = dt.date(year, 1, 1), 0
    while day.year == year:
        count += CALENDAR.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def test_the_issue_examples_around_national_day_2025():
    received = at(2025, 9, 30, 16, 20)
    assert due("complaint", received) == dt.date(2025, 10, 10)
    assert due("report", received, "conduct") == dt.date(2025, 10, 14)
    assert due("application", received, "connect") == dt.date(2025, 10, 16)


def test_make_up_saturday_counts_and_holiday_weekdays_do_not():
    assert CALENDAR.is_working_day(dt.date(2025, 10, 11))  # Saturday worked
    assert CALENDAR.is_working_day(dt.date(2025, 9, 28))  # Sunday worked
    assert not CALENDAR.is_working_day(dt.date(2025, 10, 8))  # Wednesday off
    assert not CALENDAR.is_working_day(dt.date(2025, 10, 12))  # plain Sunday


@pytest.mark.parametrize(
    ("kind", "received", "expected"),
    [
        # Thursday before the festival: Friday, then the make-up Saturday 02-14
        ("complaint", at(2026, 2, 12, 9, 0), dt.date(2026, 2, 14)),
        ("report", at(2026, 2, 12, 9, 0), dt.date(2026, 2, 26)),
        # 7th working day is the make-up Saturday 02-28
        ("application", at(2026, 2, 12, 9, 0), dt.date(2026, 2, 28)),
        # received on the make-up Saturday itself: counting starts the next day
        ("complaint", at(2026, 2, 14, 17, 0), dt.date(2026, 2, 25)),
        # received during the holiday
        ("complaint", at(2026, 2, 16, 10, 0), dt.date(2026, 2, 25)),
        ("report", at(2026, 2, 20, 10, 0), dt.date(2026, 2, 28)),
    ],
)
def test_deadlines_around_the_2026_spring_festival(kind, received, expected):
    assert due(kind, received, "other") == expected


def test_a_working_day_deadline_ends_at_midnight_beijing_time():
    deadline = reply_deadline("complaint", "billing", at(2025, 9, 30, 8, 0), CALENDAR)
    assert deadline.due_at == at(2025, 10, 11, 0, 0)
    assert deadline.rule_zh == "2个工作日"


def test_a_cold_room_complaint_is_due_24_hours_later_even_on_a_holiday():
    received = at(2026, 2, 16, 10, 30)
    deadline = reply_deadline("complaint", "indoor_temperature", received, CALENDAR)
    assert deadline.due_at == at(2026, 2, 17, 10, 30)
    assert deadline.due_date is None


def test_a_receipt_time_in_utc_counts_from_the_beijing_date():
    # 2025-09-30 17:00 UTC is already 10-01 01:00 in Beijing: counting starts after 10-01
    received = dt.datetime(2025, 9, 30, 17, 0, tzinfo=dt.UTC)
    assert due("complaint", received) == dt.date(2025, 10, 10)
    received = dt.datetime(2025, 9, 27, 17, 0, tzinfo=dt.UTC)  # Sunday 09-28 in Beijing
    assert due("complaint", received) == dt.date(2025, 9, 30)


def test_a_missing_year_is_named_instead_of_guessed():
    with pytest.raises(CalendarMissing) as caught:
        due("complaint", at(2026, 12, 30, 9, 0))
    assert caught.value.year == 2027
    assert "2027" in str(caught.value)


def test_a_loaded_year_extends_the_calendar():
    text = """
year = 2027
source = "测试用安排"
workdays = []
[[holiday]]
name = "元旦"
from = 2027-01-01
to = 2027-01-03
"""
    calendar = WorkCalendar([*YEARS.values(), parse_calendar_toml(text)])
    deadline = reply_deadline("complaint", "billing", at(2026, 12, 30, 9, 0), calendar)
    # 12-31 (Thu) is day 1; 01-01 holiday, 01-02/03 weekend, 01-04 (Mon) is day 2
    assert deadline.due_date == dt.date(2027, 1, 4)


def test_counted_days_match_the_notices():
    # 261 weekdays each year, less holidays on weekdays (2025: 18, 2026: 19), plus make-up
    # days (2025: 5, 2026: 6), counted by hand from the State Council notices
    assert working_days_in(2025) == 248
    assert working_days_in(2026) == 248


@given(
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 11, 30)),
    st.integers(min_value=1, max_value=7),
)
def test_add_working_days_lands_on_the_nth_working_day(start, count):
    end = CALENDAR.add_working_days(start, count)
    between = [start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert CALENDAR.is_working_day(end)
    assert sum(CALENDAR.is_working_day(day) for day in between) == count


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year = 2027\nsource = 'x'\ncolour = 1", "colour：未知的键"),
        ("year = 2027\nsource = 'x'\nworkdays = [2027-01-06]", "不是周六或周日"),
        ("year = 2027\nsource = 'x'\nworkdays = [2026-01-03]", "不在2027年内"),
        ("source = 'x'", "year：缺少此项"),
        ("year = 2027\nsource = 'x'\n[[holiday]]\nname='a'\nfrom=2027-05-03\nto=2027-05-01",
         "结束日期早于开始日期"),
        ("year = 2027\nsource = 'x'\nworkdays = [2027-01-02]\n[[holiday]]\nname='元旦'\n"
         "from=2027-01-01\nto=2027-01-03", "同时是假日"),
        ("year = 2027\nsource = 'x'\n[[holiday]]\nname='a'\nfrom=2027-05-01\nto=2027-05-03\n"
         "[[holiday]]\nname='b'\nfrom=2027-05-03\nto=2027-05-04", "重叠"),
        ("year = ", "不是有效的 TOML"),
    ],
)  # fmt: skip
def test_a_broken_calendar_file_is_refused_with_the_key(text, message):
    with pytest.raises(CalendarError) as caught:
        parse_calendar_toml(text)
    assert message in str(caught.value)


def test_the_bundled_years_name_their_source():
    for year in YEARS.values():
        assert "国务院办公厅" in year.source
    assert dt.date(2026, 2, 14) in YEARS[2026].workdays
    assert [h.name for h in YEARS[2025].holidays][-1] == "国庆节、中秋节"
