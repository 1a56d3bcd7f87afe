"""A small fictional repair desk for tests: the example price list, accounts, people, a signature.

Times are Beijing time in December 2025; the example price list (resources/repairs) prices
铜球阀 at 45.00 until 2025-12-31 and 48.00 from 2026-01-01.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import Actor
from cashier.domain.registration import Address, NewAccount
from cashier.domain.repair_bills import LineRequest
from cashier.domain.repair_orders import NewOrder, OrderEvent
from cashier.domain.repair_prices import LABOUR, MATERIAL
from cashier.domain.signature import Signature
from cashier.domain.tender import TenderPart
from cashier.services.repair_orders import record_event, take_order
from cashier.services.repair_payments import RepairPaymentRequest, pay_repair_bill
from cashier.services.repair_prices import load_price_file
from cashier.services.shifts import open_shift
from cashier.services.station import Station
from support.service_world import png

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PRICES = REPO / "resources" / "repairs" / "example-prices.toml"
CHINA = dt.timezone(dt.timedelta(hours=8))

TECHNICIAN = Actor(id=None, staff_no="3001", name="李四", roles=frozenset({"repair"}))
DESK = Actor(id=None, staff_no="3002", name="王五", roles=frozenset({"repair"}))
CASHIER = Actor(id=None, staff_no="1001", name="赵六", roles=frozenset({"cashier"}))
SUPERVISOR = Actor(id=None, staff_no="2001", name="钱七", roles=frozenset({"supervisor"}))
ADMIN = Actor(id=None, staff_no="9001", name="孙八", roles=frozenset({"admin"}))


def local(*parts: int) -> dt.datetime:
    """A Beijing-time moment: local(2025, 12, 1, 9, 30)."""
    return dt.datetime(*parts, tzinfo=CHINA)


def add_accounts(make_uow, *numbers: str) -> None:
    """Residential accounts 张三 at 幸福小区 1号楼1单元, room 101, 102, ..."""
    accounts = [
        NewAccount(
            number,
            "张三",
            "13800000000",
            Address("幸福小区", "1", "1", str(101 + i)),
            BillingFacts("residential", False, Decimal("80.00")),
        )
        for i, number in enumerate(numbers)
    ]
    with make_uow() as uow:
        uow.accounts.add_many(accounts, valid_from=dt.date(2025, 1, 1), recorded_by="0000")
        uow.commit()


def load_example_prices(make_uow) -> None:
    """Load resources/repairs/example-prices.toml."""
    load_price_file(make_uow(), ADMIN, EXAMPLE_PRICES)


def phone_order(
    make_uow, account_no: str = "HP-0001", *, at: dt.datetime | None = None, owner="household"
):
    """A phone call about a household-owned radiator valve, received at ``at``."""
    received = at or local(2025, 12, 1, 9, 0)
    order = NewOrder(
        received_at=received,
        channel="phone",
        fault="卧室暖气片阀门漏水",
        owner=owner,
        customer_told=True,
        account_no=account_no,
    )
    return take_order(make_uow(), DESK, order, now=received + dt.timedelta(minutes=1))


def reach_site(make_uow, number: str, received: dt.datetime, *, minutes: int = 25):
    """Dispatch 李四 five minutes after the call and arrive ``minutes`` after it."""
    dispatch = OrderEvent("dispatched", received + dt.timedelta(minutes=5), ("3001 李四",))
    record_event(make_uow(), DESK, number, dispatch, now=received + dt.timedelta(minutes=6))
    arrive = OrderEvent("arrived", received + dt.timedelta(minutes=minutes))
    moment = received + dt.timedelta(minutes=minutes + 1)
    return record_event(make_uow(), TECHNICIAN, number, arrive, now=moment)


def valve_lines(valves: str = "1") -> list[LineRequest]:
    """Replace a valve: labour WX01 and the valve CL01 (``valves`` of each), plus tape."""
    return [
        LineRequest(LABOUR, "WX01", Decimal(valves)),
        LineRequest(MATERIAL, "CL01", Decimal(valves)),
        LineRequest(MATERIAL, "CL04", Decimal("0.5")),
    ]


def signature(shade: int = 0) -> Signature:
    """A small signature with one stroke (PNG made without Qt)."""
    stroke = ((10, 10, 500, 0), (200, 80, 620, 16), (400, 30, 480, 33))
    return Signature(png(shade=shade), (stroke,), 400, 160)


def station(moment: dt.datetime, counter: str = "A01") -> Station:
    """A counter whose clock stands at ``moment``."""
    return Station(counter, clock=lambda: moment)


def new_uuid() -> str:
    """A fresh client UUID."""
    return str(uuid.uuid4())


RECEIVED = local(2025, 12, 1, 9, 0)
"""When the example call comes in."""


def minutes_after(n: int) -> dt.datetime:
    """``n`` minutes after RECEIVED."""
    return RECEIVED + dt.timedelta(minutes=n)


def pay_in_cash(make_uow, number: str, fen: int, moment: dt.datetime | None = None):
    """Open 赵六's shift at A01 and pay the order's bill in cash (10.00 change)."""
    counter = station(moment or minutes_after(60))
    open_shift(make_uow(), CASHIER, counter, opening_float_fen=0, client_uuid=new_uuid())
    request = RepairPaymentRequest(new_uuid(), number, (TenderPart("cash", fen),), fen + 1000)
    return counter, pay_repair_bill(make_uow(), CASHIER, counter, request)
