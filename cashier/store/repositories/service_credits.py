"""Credits posted because of service records, and the account facts the service pages show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from cashier.domain.service_records import AccountBrief
from cashier.store.models import Account, Season
from cashier.store.models.service import (
    Outage,
    OutageAccount,
    ServiceCredit,
    TemperatureMeasurement,
)
from cashier.store.registry import repository
from cashier.store.timeutil import to_db

LEAD_DAYS = 60
"""An outage that started this many days before a season may still reach into it."""


def _brief(row: Account) -> AccountBrief:
    return AccountBrief(
        id=row.id,
        account_no=row.account_no,
        name=row.name,
        phone=row.phone,
        estate=row.estate,
        building=row.building,
        unit=row.unit,
        room=row.room,
    )


@repository("service_credits")
class SqlServiceCredits:
    """Append-only credit postings per (account, season, record)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _season_id(self, code: str) -> int:
        return self._session.scalars(select(Season.id).where(Season.code == code)).one()

    def posted(self, account_id: int, season: str) -> dict[str, int]:
        """Fen credited so far per source ("outage:ID", "measurement:ID") for the season."""
        rows = self._session.execute(
            select(ServiceCredit.source, func.sum(ServiceCredit.amount_fen))
            .join(Season, ServiceCredit.season_id == Season.id)
            .where(ServiceCredit.account_id == account_id, Season.code == season)
            .group_by(ServiceCredit.source)
        )
        return {source: int(total) for source, total in rows}

    def add(
        self,
        account_id: int,
        season: str,
        amounts: Sequence[tuple[str, int]],
        *,
        posted_on: dt.date,
        recorded_at: dt.datetime,
        recorded_by: str,
    ) -> None:
        """Record what was posted per source (one row per posted line)."""
        if not amounts:
            return
        season_id = self._season_id(season)
        self._session.execute(
            insert(ServiceCredit),
            [
                {
                    "account_id": account_id,
                    "season_id": season_id,
                    "source": source,
                    "amount_fen": amount,
                    "posted_on": posted_on,
                    "recorded_at": to_db(recorded_at),
                    "recorded_by": recorded_by,
                }
                for source, amount in amounts
            ],
        )

    def accounts_with_records(
        self, season: str, first: dt.datetime, last: dt.datetime
    ) -> list[int]:
        """Accounts with a measurement in the season, or affected by an outage that started
        in the heating period ``first``..``last`` (aware) or up to LEAD_DAYS before it."""
        measured = (
            select(TemperatureMeasurement.account_id)
            .join(Season, TemperatureMeasurement.season_id == Season.id)
            .where(Season.code == season)
        )
        lead = to_db(first - dt.timedelta(days=LEAD_DAYS))
        outaged = (
            select(OutageAccount.account_id)
            .join(Outage, OutageAccount.outage_id == Outage.id)
            .where(Outage.started_at >= lead, Outage.started_at < to_db(last))
        )
        union = measured.union(outaged).subquery()
        return sorted(set(self._session.scalars(select(union.c[0]))))

    def account(self, account_id: int) -> AccountBrief | None:
        """Who and where the account is, or None."""
        row = self._session.get(Account, account_id)
        return None if row is None else _brief(row)

    def account_by_number(self, account_no: str) -> AccountBrief | None:
        """The account with this number, or None."""
        row = self._session.scalar(select(Account).where(Account.account_no == account_no))
        return None if row is None else _brief(row)
