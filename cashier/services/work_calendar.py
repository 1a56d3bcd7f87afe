"""The working-day calendar deadlines are counted on: bundled years plus years loaded later.

The application ships the State Council's schedules it knows (resources/calendar/YYYY.toml).
Each November the next year's notice comes out; an administrator loads it with
`cashier calendar load FILE.toml`, which stores it in the database (app_settings), so every
client of the database counts the same days. A loaded year replaces a bundled one.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.workdays import WorkCalendar, YearCalendar, parse_calendar_toml
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

YEAR_KEY = "work_calendar.{year}"
YEARS_KEY = "work_calendar.years"
"""Comma-separated years loaded into the database."""


def bundled_calendar_dir() -> Path:
    """resources/calendar: inside a frozen bundle, else next to the `cashier` package."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return base / "resources" / "calendar"


def bundled_years(directory: Path | None = None) -> dict[int, YearCalendar]:
    """The years shipped with the application (CalendarError for a broken file)."""
    folder = directory or bundled_calendar_dir()
    years = {}
    for path in sorted(folder.glob("*.toml")):
        year = parse_calendar_toml(path.read_text(encoding="utf-8"))
        years[year.year] = year
    return years


def _loaded_years(uow: UnitOfWork) -> dict[int, YearCalendar]:
    listed = uow.settings.get(YEARS_KEY) or ""
    years = {}
    for text in filter(None, listed.split(",")):
        stored = uow.settings.get(YEAR_KEY.format(year=int(text)))
        if stored is not None:
            year = parse_calendar_toml(stored)
            years[year.year] = year
    return years


def work_calendar(uow: UnitOfWork, bundled: dict[int, YearCalendar] | None = None) -> WorkCalendar:
    """The calendar: bundled years, replaced or extended by the years in the database.

    Call inside an open unit of work. ``bundled`` defaults to :func:`bundled_years`.
    """
    years = dict(bundled_years() if bundled is None else bundled)
    years.update(_loaded_years(uow))
    return WorkCalendar(years.values())


@dataclass(frozen=True)
class CalendarLoad:
    """What loading a year did: ``replaced`` is True when the database had that year."""

    year: YearCalendar
    replaced: bool


def load_calendar(uow: UnitOfWork, actor: Actor, toml_text: str) -> CalendarLoad:
    """Store one year's holidays and make-up working days for every client to use.

    Raises PermissionDenied without "change_settings" and CalendarError for a broken file.
    """
    require(actor, "change_settings")
    year = parse_calendar_toml(toml_text)
    with uow:
        listed = [y for y in (uow.settings.get(YEARS_KEY) or "").split(",") if y]
        replaced = str(year.year) in listed
        uow.settings.put(YEAR_KEY.format(year=year.year), toml_text)
        uow.settings.put(YEARS_KEY, ",".join(sorted({*listed, str(year.year)})))
        audit.record(
            uow, actor, "settings_changed", {"key": YEAR_KEY.format(year=year.year)}
        )
        uow.commit()
    return CalendarLoad(year, replaced)


def calendar_years(uow: UnitOfWork) -> WorkCalendar:
    """The calendar in its own read transaction (for commands and pages)."""
    with uow:
        return work_calendar(uow)
