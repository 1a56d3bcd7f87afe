"""Working days: Chinese public holidays and make-up working days (调休), one year at a time.

The State Council publishes each year's schedule in November of the year before. A year is
data (a TOML file, see resources/calendar/2026.toml): the holidays (days off whatever the
weekday) and the make-up working days (a Saturday or Sunday that is worked). Every other
Monday-Friday is a working day, every other Saturday and Sunday a day off.

A deadline that needs a year nobody has loaded cannot be computed: :class:`CalendarMissing`
says which year to load, instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cashier.domain.errors import UserError

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
"""Beijing time (UTC+8, no daylight saving): the clock deadlines are counted on."""

_SATURDAY = 5


class CalendarError(UserError):
    """A calendar file that cannot be used; the message names the key and the problem."""


class CalendarMissing(UserError):
    """A working-day count needs a year whose holidays have not been loaded.

    ``year`` is the missing year.
    """

    def __init__(self, year: int) -> None:
        super().__init__(
            f"缺少{year}年的节假日安排，无法计算期限。"
            f"请管理员用 cashier calendar load 载入{year}年的放假调休安排。",
            f"no holiday schedule for {year}: load it with `cashier calendar load`",
        )
        self.year = year


@dataclass(frozen=True)
class Holiday:
    """A public holiday period: ``name`` (春节), first and last day off, both inclusive."""

    name: str
    first: dt.date
    last: dt.date

    def days(self) -> list[dt.date]:
        """Every day of the period."""
        count = (self.last - self.first).days + 1
        return [self.first + dt.timedelta(days=n) for n in range(count)]


@dataclass(frozen=True)
class YearCalendar:
    """One year's schedule: holidays, make-up working days and where it comes from."""

    year: int
    source: str
    holidays: tuple[Holiday, ...]
    workdays: frozenset[dt.date]

    def days_off(self) -> frozenset[dt.date]:
        """Every holiday date of the year."""
        return frozenset(day for holiday in self.holidays for day in holiday.days())


class WorkCalendar:
    """Working days over the years it knows; raises CalendarMissing for any other year."""

    def __init__(self, years: Iterable[YearCalendar]) -> None:
        self._years: dict[int, YearCalendar] = {}
        self._off: dict[int, frozenset[dt.date]] = {}
        for year in years:
            self._years[year.year] = year
            self._off[year.year] = year.days_off()

    @property
    def years(self) -> tuple[int, ...]:
        """The years known, ascending."""
        return tuple(sorted(self._years))

    def year(self, year: int) -> YearCalendar:
        """The schedule of ``year``; raises CalendarMissing."""
        try:
            return self._years[year]
        except KeyError:
            raise CalendarMissing(year) from None

    def is_working_day(self, day: dt.date) -> bool:
        """True for a working day; raises CalendarMissing when the year is not known."""
        calendar = self.year(day.year)
        if day in calendar.workdays:
            return True
        return day.weekday() < _SATURDAY and day not in self._off[day.year]

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself never counts).

        Raises ValueError for ``count`` < 1 and CalendarMissing when a day to look at falls in
        a year that is not known.
        """
        if count < 1:
            raise ValueError("count must be at least 1")
        day = start
        while count:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day


def parse_calendar_toml(text: str) -> YearCalendar:
    """Read one year's schedule from TOML (layout of resources/calendar/2026.toml).

    Keys: ``year``, ``source`` (the notice), ``[[holiday]]`` tables with ``name``, ``from``,
    ``to``, and ``workdays`` (make-up working days). Raises CalendarError naming the first
    problem: bad TOML, a missing or unknown key, a date outside the year, a holiday ending
    before it starts, holidays overlapping, or a make-up day that is not a Saturday or Sunday
    or is also a holiday.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CalendarError(f"节假日文件不是有效的 TOML：{exc}", f"not valid TOML: {exc}") from None
    _only_keys(data, {"year", "source", "holiday", "workdays"}, "")
    year = _required(data, "year", int)
    source = _required(data, "source", str).strip()
    if not 2000 <= year <= 2200 or isinstance(year, bool):
        raise _error("year", "年份应在2000至2200之间", "must be between 2000 and 2200")
    holidays = tuple(
        _holiday(item, year, index) for index, item in enumerate(data.get("holiday", []))
    )
    _no_overlap(holidays)
    off = {day for holiday in holidays for day in holiday.days()}
    workdays = frozenset(_workday(value, year, off) for value in _list(data, "workdays"))
    return YearCalendar(year, source, holidays, workdays)


def _error(path: str, zh: str, en: str) -> CalendarError:
    return CalendarError(f"节假日文件 {path}：{zh}", f"calendar file {path}: {en}")


def _only_keys(table: Mapping[str, object], allowed: set[str], prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise _error(prefix + key, "未知的键", "unknown key")


def _required(table: Mapping[str, object], key: str, kind: type, prefix: str = ""):
    if key not in table:
        raise _error(prefix + key, "缺少此项", "missing")
    value = table[key]
    if not isinstance(value, kind) or isinstance(value, bool) or isinstance(value, dt.datetime):
        raise _error(prefix + key, "类型错误", f"must be {kind.__name__}")
    return value


def _list(table: Mapping[str, object], key: str) -> list:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise _error(key, "应为列表", "must be a list")
    return value


def _in_year(day: object, year: int, path: str) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise _error(path, "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD")
    if day.year != year:
        raise _error(path, f"日期不在{year}年内", f"date outside {year}")
    return day


def _holiday(item: object, year: int, index: int) -> Holiday:
    prefix = f"holiday[{index + 1}]."
    if not isinstance(item, dict):
        raise _error(prefix[:-1], "应为表", "must be a table")
    _only_keys(item, {"name", "from", "to"}, prefix)
    name = _required(item, "name", str, prefix).strip()
    first = _in_year(item.get("from"), year, prefix + "from")
    last = _in_year(item.get("to"), year, prefix + "to")
    if not name:
        raise _error(prefix + "name", "不能为空", "must not be empty")
    if last < first:
        raise _error(prefix + "to", "结束日期早于开始日期", "ends before it starts")
    return Holiday(name, first, last)


def _no_overlap(holidays: tuple[Holiday, ...]) -> None:
    seen: dict[dt.date, str] = {}
    for holiday in holidays:
        for day in holiday.days():
            if day in seen:
                raise _error(
                    "holiday",
                    f"{holiday.name}与{seen[day]}在{day}重叠",
                    f"{holiday.name} overlaps {seen[day]} on {day}",
                )
            seen[day] = holiday.name


def _workday(value: object, year: int, off: set[dt.date]) -> dt.date:
    day = _in_year(value, year, "workdays")
    if day.weekday() < _SATURDAY:
        raise _error("workdays", f"{day}不是周六或周日", f"{day} is not a Saturday or Sunday")
    if day in off:
        raise _error("workdays", f"{day}同时是假日", f"{day} is also a holiday")
    return day
