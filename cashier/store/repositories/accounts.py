"""Accounts and their billing facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from cashier.domain.registration import NewAccount
from cashier.store.models import Account, AccountFacts
from cashier.store.registry import repository

BATCH = 5_000


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
        self, accounts: Iterable[NewAccount], *, valid_from: dt.date, recorded_by: str
    ) -> int:
        """Insert accounts with their first facts row, in batches; returns how many."""
        now = dt.datetime.now(dt.UTC)
        total = 0
        batch: list[NewAccount] = []
        for account in accounts:
            batch.append(account)
            if len(batch) == BATCH:
                total += self._insert(batch, valid_from, recorded_by, now)
                batch = []
        if batch:
            total += self._insert(batch, valid_from, recorded_by, now)
        return total

    def _insert(self, batch, valid_from, recorded_by, now) -> int:
        rows = [_account_row(a, now) for a in batch]
        self._session.execute(insert(Account), rows)
        ids = dict(
            self._session.execute(
                select(Account.account_no, Account.id).where(
                    Account.account_no.in_([a.account_no for a in batch])
                )
            ).all()
        )
        facts = [_facts_row(ids[a.account_no], a, valid_from, recorded_by, now) for a in batch]
        self._session.execute(insert(AccountFacts), facts)
        return len(batch)


def _account_row(account: NewAccount, now: dt.datetime) -> dict:
    address = account.address
    return {
        "account_no": account.account_no,
        "name": account.name,
        "phone": account.phone,
        "estate": address.estate,
        "building": address.building,
        "unit": address.unit,
        "room": address.room,
        "contract_no": "",
        "created_at": now,
    }


def _facts_row(account_id, account, valid_from, recorded_by, now) -> dict:
    facts = account.facts
    return {
        "account_id": account_id,
        "valid_from": valid_from,
        "category": facts.category,
        "low_income": facts.low_income,
        "heated_area_centi": centi(facts.heated_area),
        "ceiling_height_centi": centi(facts.ceiling_height),
        "billing": facts.billing,
        "connected_on": facts.connected_on,
        "recorded_at": now,
        "recorded_by": recorded_by,
        "reason": "开户",
    }
