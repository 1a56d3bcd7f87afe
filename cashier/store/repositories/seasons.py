"""Seasons and the tariffs they were loaded with."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.domain.tariffs import SeasonTariff, tariff_from_dict, tariff_to_dict
from cashier.store.models import Season
from cashier.store.registry import repository


@repository("seasons")
class SqlSeasonRepository:
    """Adding and reading seasons."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, tariff: SeasonTariff, *, loaded_by: str) -> None:
        """Store a season with a JSON copy of its tariff."""
        season = tariff.season
        self._session.add(
            Season(
                code=season.code,
                first_day=season.start,
                last_day=season.end,
                days=season.days,
                due_date=season.due_date,
                tariff_json=json.dumps(tariff_to_dict(tariff), ensure_ascii=False, sort_keys=True),
                loaded_at=dt.datetime.now(dt.UTC),
                loaded_by=loaded_by,
            )
        )
        self._session.flush()

    def replace(self, tariff: SeasonTariff, *, loaded_by: str) -> None:
        """Replace the tariff and dates of the existing season ``tariff.season.code``."""
        season = tariff.season
        row = self._session.scalars(select(Season).where(Season.code == season.code)).one()
        row.first_day, row.last_day, row.days = season.start, season.end, season.days
        row.due_date = season.due_date
        row.tariff_json = json.dumps(tariff_to_dict(tariff), ensure_ascii=False, sort_keys=True)
        row.loaded_at, row.loaded_by = dt.datetime.now(dt.UTC), loaded_by
        self._session.flush()

    def get(self, code: str) -> SeasonTariff | None:
        """The season's tariff, or None."""
        text = self._session.scalar(select(Season.tariff_json).where(Season.code == code))
        return None if text is None else tariff_from_dict(json.loads(text))

    def codes(self) -> list[str]:
        """Every season code, oldest first."""
        return list(self._session.scalars(select(Season.code).order_by(Season.first_day)))
