"""The seasons list of the Seasons page: dates and how far billing (开征) has got."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork


@dataclass(frozen=True)
class SeasonRow:
    """One season: first and last heating day, divisor days, due date; bills made so far and
    accounts still without a bill (``unbilled`` > 0 after a cancelled 开征)."""

    code: str
    start: dt.date
    end: dt.date
    days: int
    due_date: dt.date
    bills: int
    unbilled: int


def list_seasons(uow: UnitOfWork, actor: Actor) -> list[SeasonRow]:
    """Every season, newest first, with its billing progress. Raises PermissionDenied."""
    require(actor, "view_accounts")
    rows = []
    with uow:
        for code in reversed(uow.seasons.codes()):
            season = uow.seasons.get(code).season
            rows.append(
                SeasonRow(
                    code=code,
                    start=season.start,
                    end=season.end,
                    days=season.days,
                    due_date=season.due_date,
                    bills=uow.bills.count_for_season(code),
                    unbilled=uow.bills.unbilled_count(code),
                )
            )
    return rows
