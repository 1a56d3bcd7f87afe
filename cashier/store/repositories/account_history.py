"""An account's records over time: facts versions, statuses, holder changes, closing, arrears.

Every table read and written here is append-only; nothing is updated or deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.domain.account_history import (
    Closure,
    FactsVersion,
    HolderChange,
    OpeningArrears,
    StatusRecord,
    earliest,
    facts_on,
    status_for,
)
from cashier.domain.registration import Address, Contract, NewAccount
from cashier.store.models import (
    Account,
    AccountFacts,
    AccountStatus,
    ClosureRecord,
    HolderChangeRecord,
    OpeningArrearsRecord,
    Season,
)
from cashier.store.registry import repository


def _centi(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-2)


def _to_centi(value: Decimal | None) -> int | None:
    return None if value is None else int(value.scaleb(2))


def _version(row: AccountFacts) -> FactsVersion:
    return FactsVersion(
        valid_from=row.valid_from,
        category=row.category,
        low_income=bool(row.low_income),
        heated_area=_centi(row.heated_area_centi),
        ceiling_height=_centi(row.ceiling_height_centi),
        billing=row.billing,
        connected_on=row.connected_on,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        reason=row.reason,
        approved_by=row.approved_by,
        seq=row.id,
    )


@repository("account_history")
class SqlAccountHistoryRepository:
    """Appends and reads the dated records of accounts."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # --- billing facts ---------------------------------------------------------------------

    def facts_versions(self, account_id: int) -> list[FactsVersion]:
        """Every facts version of the account, in recording order."""
        rows = self._session.scalars(
            select(AccountFacts).where(AccountFacts.account_id == account_id).order_by("id")
        )
        return [_version(row) for row in rows]

    def add_facts_versions(
        self,
        account_id: int,
        versions: Sequence[FactsVersion],
        *,
        recorded_by: str,
        reason: str,
        approved_by: str | None,
    ) -> None:
        """Append versions (their own recording details are ignored; these are used)."""
        now = dt.datetime.now(dt.UTC)
        for version in versions:
            self._session.add(
                AccountFacts(
                    account_id=account_id,
                    valid_from=version.valid_from,
                    category=version.category,
                    low_income=version.low_income,
                    heated_area_centi=_to_centi(version.heated_area),
                    ceiling_height_centi=_to_centi(version.ceiling_height),
                    billing=version.billing,
                    connected_on=version.connected_on,
                    recorded_at=now,
                    recorded_by=recorded_by,
                    reason=reason,
                    approved_by=approved_by,
                )
            )
        self._session.flush()

    # --- status per season -----------------------------------------------------------------

    def statuses(self, account_id: int) -> list[StatusRecord]:
        """Every status record of the account, in recording order."""
        rows = self._session.execute(
            select(AccountStatus, Season.code)
            .join(Season, AccountStatus.season_id == Season.id)
            .where(AccountStatus.account_id == account_id)
            .order_by(AccountStatus.id)
        )
        return [
            StatusRecord(
                code, r.status, r.recorded_at, r.recorded_by, r.reason, r.approved_by, r.id
            )
            for r, code in rows
        ]

    def add_status(
        self,
        account_id: int,
        season: str,
        status: str,
        *,
        recorded_by: str,
        reason: str,
        approved_by: str | None,
    ) -> None:
        """Record the account's status for ``season`` (the newest record applies)."""
        season_id = self._session.scalars(select(Season.id).where(Season.code == season)).one()
        self._session.add(
            AccountStatus(
                account_id=account_id,
                season_id=season_id,
                status=status,
                recorded_at=dt.datetime.now(dt.UTC),
                recorded_by=recorded_by,
                reason=reason,
                approved_by=approved_by,
            )
        )
        self._session.flush()

    # --- holder, closing, opening arrears --------------------------------------------------

    def holder_changes(self, account_id: int) -> list[HolderChange]:
        """The account's changes of holder, oldest first."""
        rows = self._session.scalars(
            select(HolderChangeRecord)
            .where(HolderChangeRecord.account_id == account_id)
            .order_by(HolderChangeRecord.id)
        )
        return [
            HolderChange(
                r.changed_on,
                r.old_name,
                r.old_phone,
                r.new_name,
                r.new_phone,
                r.recorded_by,
                r.reason,
                r.approved_by,
            )
            for r in rows
        ]

    def add_holder_change(self, account_id: int, change: HolderChange) -> None:
        """Append a change of holder record."""
        self._session.add(
            HolderChangeRecord(
                account_id=account_id,
                changed_on=change.on,
                old_name=change.old_name,
                old_phone=change.old_phone,
                new_name=change.new_name,
                new_phone=change.new_phone,
                recorded_at=dt.datetime.now(dt.UTC),
                recorded_by=change.recorded_by,
                reason=change.reason,
                approved_by=change.approved_by,
            )
        )
        self._session.flush()

    def closure(self, account_id: int) -> Closure | None:
        """The account's closing record, or None while it is open."""
        row = self._session.scalar(
            select(ClosureRecord).where(ClosureRecord.account_id == account_id)
        )
        if row is None:
            return None
        return Closure(row.closed_on, row.recorded_by, row.reason, row.approved_by)

    def add_closure(self, account_id: int, closure: Closure) -> None:
        """Record the closing of the account (a second one violates a UNIQUE constraint)."""
        self._session.add(
            ClosureRecord(
                account_id=account_id,
                closed_on=closure.on,
                recorded_at=dt.datetime.now(dt.UTC),
                recorded_by=closure.recorded_by,
                reason=closure.reason,
                approved_by=closure.approved_by,
            )
        )
        self._session.flush()

    def opening_arrears(self, account_id: int) -> OpeningArrears | None:
        """The arrears carried over from the previous system, or None."""
        row = self._session.scalar(
            select(OpeningArrearsRecord).where(OpeningArrearsRecord.account_id == account_id)
        )
        if row is None:
            return None
        return OpeningArrears(row.amount_fen, row.booked_on, row.recorded_by)

    # --- export ----------------------------------------------------------------------------

    def export_batch(
        self, *, after_id: int, limit: int, on: dt.date, season: str | None
    ) -> tuple[list[NewAccount], int | None]:
        """The next accounts (id > ``after_id``) as registered rows of the accounts file.

        Facts are those that apply on ``on``; the status is the one for ``season`` (heating
        without a season); arrears are the amount carried over. Returns the accounts and the
        last id read (None when there are no more).
        """
        accounts = list(
            self._session.scalars(
                select(Account).where(Account.id > after_id).order_by(Account.id).limit(limit)
            )
        )
        if not accounts:
            return [], None
        low, high = accounts[0].id, accounts[-1].id
        versions = self._versions_between(low, high)
        statuses = self._statuses_between(low, high, season)
        arrears = dict(
            self._session.execute(
                select(OpeningArrearsRecord.account_id, OpeningArrearsRecord.amount_fen).where(
                    OpeningArrearsRecord.account_id.between(low, high)
                )
            ).all()
        )
        rows = [
            _registered(a, versions.get(a.id, []), statuses.get(a.id, []), season, on, arrears)
            for a in accounts
        ]
        return rows, high

    def _versions_between(self, low: int, high: int) -> dict[int, list[FactsVersion]]:
        result: dict[int, list[FactsVersion]] = {}
        rows = self._session.scalars(
            select(AccountFacts).where(AccountFacts.account_id.between(low, high))
        )
        for row in rows:
            result.setdefault(row.account_id, []).append(_version(row))
        return result

    def _statuses_between(
        self, low: int, high: int, season: str | None
    ) -> dict[int, list[StatusRecord]]:
        result: dict[int, list[StatusRecord]] = {}
        if season is None:
            return result
        rows = self._session.execute(
            select(AccountStatus.account_id, AccountStatus.status, AccountStatus.id)
            .join(Season, AccountStatus.season_id == Season.id)
            .where(AccountStatus.account_id.between(low, high), Season.code == season)
        )
        for account_id, status, seq in rows:
            result.setdefault(account_id, []).append(StatusRecord(season, status, seq=seq))
        return result


def _registered(
    account: Account,
    versions: list[FactsVersion],
    statuses: list[StatusRecord],
    season: str | None,
    on: dt.date,
    arrears: dict[int, int],
) -> NewAccount:
    version = facts_on(versions, on) or earliest(versions)
    status = status_for(statuses, season) if season else "heating"
    return NewAccount(
        account_no=account.account_no,
        name=account.name,
        phone=account.phone,
        address=Address(account.estate, account.building, account.unit, account.room),
        facts=version.billing_facts(status),
        opening_arrears_fen=arrears.get(account.id, 0),
        contract=Contract(account.contract_no, account.contract_start, account.contract_end),
    )

