"""A small set of books for payment tests: one season, a few fictional accounts, clocks.

The season follows heat-fees.md example 7/11 (Dingzhou): 100 m² × 19.00 = 1,900.00 due
2025-11-15, late fee 2‰ a day, 0.5% early discount 10-11..10-31 for online channels. Bills are
booked 2025-10-01. Accounts:

- T-0001: 100.00 m², residential (1,900.00)
- T-0002: 89.56 m², residential (1,701.64)
- T-0003: 50.00 m², residential (950.00) with 300.00 opening arrears (往年欠费)
- T-0004: 60.00 m², non-residential (1,800.00 at 30.00)
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import Actor
from cashier.domain.registration import Address, NewAccount
from cashier.domain.roles import Approval
from cashier.domain.tariffs import parse_tariff_toml
from cashier.domain.tender import TenderPart
from cashier.services.billing import open_season
from cashier.services.payments import PaymentRequest, PaymentResult, post_payment
from cashier.services.shifts import open_shift
from cashier.services.station import Station

TARIFF = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-11-15

[late_fee]
daily_rate = 0.002
cap_ratio = 1.0

[[early_discount]]
from = 2025-10-11
to = 2025-10-31
rate = 0.005
channels = ["wechat", "alipay", "bank_transfer"]

[tariff.residential]
area_price = 19.00
suspended_ratio = 0.20

[tariff.non_residential]
area_price = 30.00
suspended_ratio = 0.20
"""

ADMIN = Actor(1, "0001", "管理员", frozenset({"admin", "accountant"}))
CASHIER = Actor(7, "0007", "王某", frozenset({"cashier"}))
OTHER_CASHIER = Actor(8, "0008", "赵某", frozenset({"cashier"}))
SUPERVISOR = Actor(9, "0009", "李四", frozenset({"supervisor"}))
ACCOUNTANT = Actor(10, "0010", "孙某", frozenset({"accountant"}))

ACCOUNTS = [
    ("T-0001", "张三", "100.00", "residential", 0),
    ("T-0002", "李四", "89.56", "residential", 0),
    ("T-0003", "王五", "50.00", "residential", 30000),
    ("T-0004", "幸福便利店", "60.00", "non_residential", 0),
]


def seed_books(make_uow: Callable, *, company: str = "幸福热力有限公司") -> None:
    """The season, its bills (booked 2025-10-01) and the accounts of the module docstring."""
    tariff = parse_tariff_toml(TARIFF)
    with make_uow() as uow:
        uow.seasons.add(tariff, loaded_by=ADMIN.staff_no)
        uow.accounts.add_many(
            [_account(i, *row) for i, row in enumerate(ACCOUNTS, start=1)],
            valid_from=dt.date(2025, 1, 1),
            recorded_by=ADMIN.staff_no,
        )
        uow.settings.put("company_name", company)
        uow.settings.put("service_phone", "0000-0000000")
        uow.commit()
    open_season(make_uow(), ADMIN, "2025-2026", billed_on=dt.date(2025, 10, 1))


def _account(index: int, number: str, name: str, area: str, category: str, arrears: int):
    return NewAccount(
        account_no=number,
        name=name,
        phone="13900000000",
        address=Address("幸福小区", str(index), "2", f"{index}02"),
        facts=BillingFacts(category=category, low_income=False, heated_area=Decimal(area)),
        opening_arrears_fen=arrears,
    )


def add_plain_accounts(make_uow: Callable, count: int, prefix: str = "P") -> list[str]:
    """`count` more accounts without bills (payments to them become credit); their numbers."""
    numbers = [f"{prefix}-{index:05d}" for index in range(1, count + 1)]
    with make_uow() as uow:
        uow.accounts.add_many(
            [
                NewAccount(
                    account_no=number,
                    name="张三",
                    phone="",
                    address=Address("和平家园", "9", "1", f"{index}"),
                    facts=BillingFacts("residential", False, Decimal("80.00")),
                )
                for index, number in enumerate(numbers, start=1)
            ],
            valid_from=dt.date(2025, 1, 1),
            recorded_by=ADMIN.staff_no,
        )
        uow.commit()
    return numbers


def station_at(day: dt.date, counter: str = "A01", hour: int = 9) -> Station:
    """A station whose clock says `hour`:00 Beijing time on `day`."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC) - dt.timedelta(
        hours=8
    )
    return Station(counter, lambda: moment)


def approval(action: str, requester: Actor = CASHIER, approver: Actor = SUPERVISOR) -> Approval:
    """A supervisor's approval as verify_approval returns it."""
    return Approval(action, requester, approver, dt.datetime(2025, 11, 20, tzinfo=dt.UTC))


def new_uuid() -> str:
    """A fresh client UUID."""
    return str(uuid.uuid4())


def start_shift(make_uow: Callable, station: Station, actor: Actor = CASHIER) -> None:
    """Open a shift with a 500.00 float."""
    open_shift(make_uow(), actor, station, opening_float_fen=50000, client_uuid=new_uuid())


def pay(
    make_uow: Callable,
    station: Station,
    account_no: str,
    *parts: TenderPart,
    actor: Actor = CASHIER,
    **options,
) -> PaymentResult:
    """Post a payment with a new UUID (options as PaymentRequest's)."""
    printer = options.pop("printer", None)
    request = PaymentRequest(new_uuid(), account_no, tuple(parts), **options)
    return post_payment(make_uow(), actor, station, request, printer=printer)


def cash(fen: int) -> TenderPart:
    """A cash part."""
    return TenderPart("cash", fen)
