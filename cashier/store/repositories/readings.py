"""Metered readings: one consumption per account and season (append-only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.domain.account_history import MeterReading
from cashier.store.models import MeterReadingRecord, Season
from cashier.store.registry import repository

_LOOKUP_BATCH = 500


@repository("readings")
class SqlReadingRepository:
    """Stores and reads meter readings; consumption is kept in thousandths of the unit."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, account_id: int, reading: MeterReading, *, source: str = "") -> None:
        """Store a reading; a second one for the same account and season violates UNIQUE."""
        season_id = self._session.scalars(
            select(Season.id).where(Season.code == reading.season)
        ).one()
        self._session.add(
            MeterReadingRecord(
                account_id=account_id,
                season_id=season_id,
                consumption_milli=int(reading.consumption.scaleb(3)),
                read_on=reading.read_on,
                source=source,
                recorded_at=dt.datetime.now(dt.UTC),
                recorded_by=reading.recorded_by,
            )
        )
        self._session.flush()

    def for_account(self, account_id: int) -> list[MeterReading]:
        """The account's readings, oldest season first."""
        rows = self._session.execute(
            select(MeterReadingRecord, Season.code)
            .join(Season, MeterReadingRecord.season_id == Season.id)
            .where(MeterReadingRecord.account_id == account_id)
            .order_by(Season.first_day)
        )
        return [
            MeterReading(code, Decimal(r.consumption_milli).scaleb(-3), r.read_on, r.recorded_by)
            for r, code in rows
        ]

    def read_accounts(self, account_ids: Sequence[int], season: str) -> set[int]:
        """Which of the accounts already have a reading for ``season``."""
        found: set[int] = set()
        for start in range(0, len(account_ids), _LOOKUP_BATCH):
            chunk = account_ids[start : start + _LOOKUP_BATCH]
            query = (
                select(MeterReadingRecord.account_id)
                .join(Season, MeterReadingRecord.season_id == Season.id)
                .where(Season.code == season, MeterReadingRecord.account_id.in_(chunk))
            )
            found.update(self._session.scalars(query))
        return found
