"""Accounts written straight into the tables, for billing tests and benchmarks (fictional data).

Independent of the accounts import on purpose: billing tests must not break when the import
changes, and the benchmark needs a million accounts quickly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, insert, select

from cashier.store.models import Account, AccountFacts, AccountStatus, Season

NOW = dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class SeedAccount:
    """One account with one facts row (valid from `valid_from`) and a status for `season`."""

    account_no: str
    name: str = "张三"
    category: str = "residential"
    low_income: bool = False
    area: str = "89.56"
    ceiling: str | None = None
    billing: str = "area"
    status: str = "heating"
    connected_on: dt.date | None = None
    valid_from: dt.date = dt.date(2025, 1, 1)
    estate: str = "幸福小区"


def _centi(text: str | None) -> int | None:
    return None if text is None else int(Decimal(text) * 100)


def seed_accounts(
    engine: Engine, accounts: Iterable[SeedAccount], *, season: str | None = None, batch=20_000
) -> int:
    """Insert accounts with their facts (and suspended statuses for `season`); returns count."""
    total = 0
    with engine.begin() as conn:
        season_id = None
        if season is not None:
            season_id = conn.scalar(select(Season.id).where(Season.code == season))
        pending: list[SeedAccount] = []
        for account in accounts:
            pending.append(account)
            if len(pending) == batch:
                total += _insert(conn, pending, season_id)
                pending = []
        if pending:
            total += _insert(conn, pending, season_id)
    return total


def _insert(conn, accounts: list[SeedAccount], season_id: int | None) -> int:
    conn.execute(insert(Account.__table__), [_account_row(a, i) for i, a in enumerate(accounts)])
    numbers = [a.account_no for a in accounts]
    query = select(Account.account_no, Account.id).where(Account.account_no.in_(numbers))
    ids = {number: account_id for number, account_id in conn.execute(query)}
    facts = [_facts_row(ids[a.account_no], a) for a in accounts]
    conn.execute(insert(AccountFacts.__table__), facts)
    suspended = [a for a in accounts if a.status != "heating"]
    if suspended:
        if season_id is None:
            raise ValueError("a status needs a season")
        conn.execute(
            insert(AccountStatus.__table__),
            [_status_row(ids[a.account_no], season_id, a.status) for a in suspended],
        )
    return len(accounts)


def _account_row(a: SeedAccount, index: int) -> dict:
    return {
        "account_no": a.account_no,
        "name": a.name,
        "phone": "",
        "estate": a.estate,
        "building": str(1 + index % 30),
        "unit": "1",
        "room": f"{100 + index % 900}",
        "contract_no": "",
        "created_at": NOW,
    }


def _facts_row(account_id: int, a: SeedAccount) -> dict:
    return {
        "account_id": account_id,
        "valid_from": a.valid_from,
        "category": a.category,
        "low_income": a.low_income,
        "heated_area_centi": _centi(a.area),
        "ceiling_height_centi": _centi(a.ceiling),
        "billing": a.billing,
        "connected_on": a.connected_on,
        "recorded_at": NOW,
        "recorded_by": "0000",
        "reason": "开户",
    }


def _status_row(account_id: int, season_id: int, status: str) -> dict:
    return {
        "account_id": account_id,
        "season_id": season_id,
        "status": status,
        "recorded_at": NOW,
        "recorded_by": "0000",
        "reason": "报停",
    }


def many_accounts(count: int, prefix: str = "B") -> Iterator[SeedAccount]:
    """`count` varied accounts: residential, low-income, shops with high ceilings, suspended."""
    for i in range(count):
        shop = i % 25 == 0
        yield SeedAccount(
            account_no=f"{prefix}-{i:07d}",
            name="李四" if i % 2 else "张三",
            category="non_residential" if shop else "residential",
            low_income=not shop and i % 20 == 7,
            area=f"{45 + i % 105}.{i % 100:02d}",
            ceiling="3.60" if shop else None,
            status="suspended" if i % 33 == 5 else "heating",
            connected_on=dt.date(2026, 1, 1) if i % 97 == 3 else None,
        )


def migrated_database(url: str) -> None:
    """Create the schema on a new database through the migrations, as `cashier db upgrade`."""
    from cashier.store import migrate
    from cashier.store.engine import make_engine

    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
