"""Accounts and their billing facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import false, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from cashier.domain.account_history import AccountSummary
from cashier.domain.registration import Address, Contract, NewAccount
from cashier.store.models import (
    Account,
    AccountFacts,
    AccountStatus,
    ClosureRecord,
    OpeningArrearsRecord,
    Season,
)
from cashier.store.registry import repository

BATCH = 5_000
LOOKUP_BATCH = 500
_FEW_ADDRESSES = 50
AddressKey = tuple[str, str, str, str]


def centi(value) -> int | None:
    """A Decimal measure with two decimals as integer hundredths."""
    return None if value is None else int(value * 100)


@repository("accounts")
class SqlAccountRepository:
    """Registering and counting accounts."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def count(self) -> int:
        """How many accounts exist."""
        return self._session.scalar(select(func.count()).select_from(Account)) or 0

    def add_many(
        self,
        accounts: Iterable[NewAccount],
        *,
        valid_from: dt.date,
        recorded_by: str,
        status_season: str | None = None,
        source: str = "",
    ) -> int:
        """Insert accounts with their first facts row, in batches; returns how many.

        A suspended account (``facts.status``) gets a 报停 record for ``status_season``;
        opening arrears are booked on ``valid_from``. Raises ValueError for a suspended
        account without ``status_season``.
        """
        context = _Context(
            valid_from, recorded_by, dt.datetime.now(dt.UTC), self._season_id(status_season), source
        )
        total = 0
        batch: list[NewAccount] = []
        for account in accounts:
            batch.append(account)
            if len(batch) == BATCH:
                total += self._insert(batch, context)
                batch = []
        if batch:
            total += self._insert(batch, context)
        return total

    def _season_id(self, code: str | None) -> int | None:
        if code is None:
            return None
        return self._session.scalars(select(Season.id).where(Season.code == code)).one()

    def _insert(self, batch: list[NewAccount], context: _Context) -> int:
        rows = [_account_row(a, context.now) for a in batch]
        table = Account.__table__
        inserted = self._session.execute(
            insert(table).returning(table.c.account_no, table.c.id), rows
        )
        ids = dict(inserted.all())
        facts = [_facts_row(ids[a.account_no], a, context) for a in batch]
        self._session.execute(insert(AccountFacts.__table__), facts)
        statuses = [_status_row(ids[a.account_no], context) for a in batch if a.facts.suspended]
        if statuses:
            if context.season_id is None:
                raise ValueError("a suspended account needs the season it is suspended for")
            self._session.execute(insert(AccountStatus.__table__), statuses)
        arrears = [
            _arrears_row(ids[a.account_no], a.opening_arrears_fen, context)
            for a in batch
            if a.opening_arrears_fen > 0
        ]
        if arrears:
            self._session.execute(insert(OpeningArrearsRecord.__table__), arrears)
        return len(batch)

    def ids_by_number(self, numbers: Sequence[str]) -> dict[str, int]:
        """The ids of those account numbers that exist."""
        found: dict[str, int] = {}
        for start in range(0, len(numbers), LOOKUP_BATCH):
            chunk = numbers[start : start + LOOKUP_BATCH]
            query = select(Account.account_no, Account.id).where(Account.account_no.in_(chunk))
            found.update(self._session.execute(query).all())
        return found

    def existing_addresses(self, keys: Sequence[AddressKey]) -> dict[AddressKey, str]:
        """Which of the addresses (estate, building, unit, room) are taken, and by which number.

        A few addresses are looked up one by one in the address index; many (a file) by
        reading the accounts of the estates they name, in batches of estates.
        """
        wanted = set(keys)
        columns = (Account.estate, Account.building, Account.unit, Account.room)
        if len(wanted) <= _FEW_ADDRESSES:
            where = [tuple_(*columns).in_(sorted(wanted))] if wanted else [false()]
            batches = [where]
        else:
            estates = sorted({key[0] for key in wanted})
            batches = [
                [Account.estate.in_(estates[start : start + LOOKUP_BATCH])]
                for start in range(0, len(estates), LOOKUP_BATCH)
            ]
        found: dict[AddressKey, str] = {}
        for where in batches:
            query = select(*columns, Account.account_no).where(*where)
            for estate, building, unit, room, number in self._session.execute(query):
                key = (estate, building, unit, room)
                if key in wanted:
                    found[key] = number
        return found

    def get(self, account_no: str) -> AccountSummary | None:
        """Who and where the account is, or None for an unknown number."""
        row = self._session.execute(
            select(Account, ClosureRecord.closed_on)
            .outerjoin(ClosureRecord, ClosureRecord.account_id == Account.id)
            .where(Account.account_no == account_no)
        ).first()
        if row is None:
            return None
        account, closed_on = row
        return AccountSummary(
            id=account.id,
            account_no=account.account_no,
            name=account.name,
            phone=account.phone,
            address=Address(account.estate, account.building, account.unit, account.room),
            contract=Contract(account.contract_no, account.contract_start, account.contract_end),
            closed_on=closed_on,
        )

    def set_holder(self, account_id: int, name: str, phone: str) -> None:
        """Make ``name`` and ``phone`` the account's current holder (the change is recorded
        separately, in holder_changes)."""
        self._session.execute(
            update(Account).where(Account.id == account_id).values(name=name, phone=phone)
        )


@dataclass(frozen=True)
class _Context:
    """What every row of one registration shares."""

    valid_from: dt.date
    recorded_by: str
    now: dt.datetime
    season_id: int | None
    source: str


def _account_row(account: NewAccount, now: dt.datetime) -> dict:
    address = account.address
    contract = account.contract
    return {
        "account_no": account.account_no,
        "name": account.name,
        "phone": account.phone,
        "estate": address.estate,
        "building": address.building,
        "unit": address.unit,
        "room": address.room,
        "contract_no": contract.number,
        "contract_start": contract.start,
        "contract_end": contract.end,
        "created_at": now,
    }


def _facts_row(account_id: int, account: NewAccount, context: _Context) -> dict:
    facts = account.facts
    return {
        "account_id": account_id,
        "valid_from": context.valid_from,
        "category": facts.category,
        "low_income": facts.low_income,
        "heated_area_centi": centi(facts.heated_area),
        "ceiling_height_centi": centi(facts.ceiling_height),
        "billing": facts.billing,
        "connected_on": facts.connected_on,
        "recorded_at": context.now,
        "recorded_by": context.recorded_by,
        "reason": "开户",
    }


def _status_row(account_id: int, context: _Context) -> dict:
    return {
        "account_id": account_id,
        "season_id": context.season_id,
        "status": "suspended",
        "recorded_at": context.now,
        "recorded_by": context.recorded_by,
        "reason": "开户时报停",
    }


def _arrears_row(account_id: int, amount_fen: int, context: _Context) -> dict:
    return {
        "account_id": account_id,
        "amount_fen": amount_fen,
        "booked_on": context.valid_from,
        "source": context.source,
        "recorded_at": context.now,
        "recorded_by": context.recorded_by,
    }
