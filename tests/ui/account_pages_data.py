"""A small real SQLite database for the account pages' tests and screenshots: the demo tariff,
fictional accounts (with 张三 and 李四 among them) and the season billed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.registration import Address, Contract, NewAccount
from cashier.services.accounts import add_accounts
from cashier.services.billing import open_season
from cashier.services.context import AppContext
from cashier.services.demo import DEMO_TARIFF
from cashier.services.demo_data import demo_accounts
from cashier.services.tariffs import load_tariffs
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory

SEASON = "2025-2026"
TODAY = dt.date(2026, 1, 20)
ZHANG = NewAccount(
    "A-0001",
    "张三",
    "13900001111",
    Address("幸福小区", "3", "2", "502"),
    BillingFacts("residential", False, Decimal("89.56")),
    opening_arrears_fen=35_000,
    contract=Contract("GR-2025-0001", dt.date(2025, 10, 1), dt.date(2028, 9, 30)),
)
LI = NewAccount(
    "A-0002",
    "李四",
    "13900002222",
    Address("幸福小区", "3", "2", "602"),
    BillingFacts("residential", True, Decimal("65.30")),
)


def build_database(folder: Path, *, accounts: int = 300, bill: bool = True) -> AppContext:
    """A database in `folder` with the demo season and accounts; returns a window context."""
    engine = make_engine(f"sqlite:///{folder / 'accounts-ui.db'}")
    create_schema(engine)
    factory = uow_factory(engine)
    load_tariffs(factory(), LOCAL_OPERATOR, DEMO_TARIFF)
    uow = factory()
    with uow:
        everyone = [ZHANG, LI, *demo_accounts(accounts)]
        add_accounts(uow, LOCAL_OPERATOR, everyone, on=dt.date(2025, 10, 1))
        uow.commit()
    if bill:
        open_season(factory(), LOCAL_OPERATOR, SEASON, billed_on=dt.date(2025, 10, 10))
    return AppContext(
        uow_factory=factory,
        actor=LOCAL_OPERATOR,
        database_label=f"SQLite: {folder / 'accounts-ui.db'}",
        counter_code="A01",
        company_name="幸福热力有限公司",
        service_phone="0000-0000000",
        demo=False,
    )
