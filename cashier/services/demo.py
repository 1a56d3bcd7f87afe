"""Filling an empty database with a fictional company for demonstrations and training."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.tariffs import parse_tariff_toml
from cashier.services.accounts import add_accounts
from cashier.services.billing import open_season
from cashier.services.company import COMPANY_NAME, DEMO, SERVICE_PHONE
from cashier.services.demo_data import demo_accounts
from cashier.services.ports import UnitOfWork
from cashier.services.users import create_demo_users

DEMO_COMPANY = "幸福热力有限公司（演示）"
DEMO_PHONE = "0000-0000000"
DEMO_BILLED_ON = dt.date(2025, 10, 1)

DEMO_TARIFF = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-12-31

[late_fee]
daily_rate = 0.002
cap_ratio = 1.0

[[early_discount]]
from = 2025-10-11
to = 2025-10-31
rate = 0.005
channels = ["wechat", "alipay", "bank_transfer"]

[temperature_refund]
standard_c = 18
bands = [ { below = 2, ratio = 0.40 }, { below = 4, ratio = 0.60 }, { ratio = 1.00 } ]

[outage]
min_hours = 24

[tariff.residential]
area_price = 22.00
low_income_price = 15.50
suspended_ratio = 0.20
low_income_suspended_ratio = 0
  [tariff.residential.metered]
  base_ratio = 0.30
  unit_price = 0.18
  unit = "kWh"
  settlement = "refund_and_topup"

[tariff.non_residential]
area_price = 38.00
suspended_ratio = 0.20
  [tariff.non_residential.ceiling]
  threshold_m = 3.0
  step_m = 0.3
  step_rate = 0.05
  max_rate = 0.50
"""


class DatabaseNotEmpty(UserError):
    """The demo only fills an empty database."""


@dataclass(frozen=True)
class DemoSummary:
    """What the demo created."""

    season: str
    accounts: int
    bills: int = 0


def is_empty(uow: UnitOfWork) -> bool:
    """True when the database has no accounts and no seasons yet."""
    with uow:
        return uow.accounts.count() == 0 and not uow.seasons.codes()


def fill_demo(uow: UnitOfWork, actor: Actor, *, accounts: int = 2000) -> DemoSummary:
    """Create the demo company, its 2025-2026 season and `accounts` fictional accounts, and
    open the season (bills dated DEMO_BILLED_ON, before the early-discount window).

    Raises DatabaseNotEmpty when the database already has accounts or seasons.
    """
    tariff = parse_tariff_toml(DEMO_TARIFF)
    with uow:
        if uow.accounts.count() or uow.seasons.codes():
            raise DatabaseNotEmpty(
                "数据库中已有数据，演示数据只能写入空数据库。",
                "the database already holds data; the demo fills only an empty database",
            )
        uow.seasons.add(tariff, loaded_by=actor.staff_no)
        created = add_accounts(
            uow, actor, demo_accounts(accounts), on=tariff.season.start, source="演示数据"
        )
        uow.settings.put(COMPANY_NAME, DEMO_COMPANY)
        uow.settings.put(SERVICE_PHONE, DEMO_PHONE)
        uow.settings.put(DEMO, "1")
        uow.commit()
    opened = open_season(uow, actor, tariff.season.code, billed_on=DEMO_BILLED_ON)
    create_demo_users(uow)
    return DemoSummary(season=tariff.season.code, accounts=created, bills=opened.billed)
