"""Central books and collector laptops for the device tests, the simulation and the benchmark.

`World` holds the central database (any URL) and makes devices: each an SQLite file made a
device (`init_device`), registered centrally, given the central key, and checked out with a
work list. Clocks are explicit: `at(day, hour, skew)` is a clock reading that many seconds
off the true Beijing time.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import Actor
from cashier.domain.device import WorklistScope
from cashier.domain.registration import Address, NewAccount
from cashier.domain.tender import TenderPart
from cashier.services.checkout import checkout_direct
from cashier.services.devices import accept_central_key, init_device, register_device
from cashier.services.payments import PaymentRequest, PaymentResult, post_payment
from cashier.services.shifts import open_shift
from cashier.services.station import Station
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory

COLLECTOR = Actor(11, "0011", "赵六", frozenset({"collector"}))
SUPERVISOR = Actor(9, "0009", "李四", frozenset({"supervisor"}))
ESTATE = "幸福小区"


def beijing(day: dt.date, hour: int = 10, minute: int = 0, skew: int = 0) -> dt.datetime:
    """`hour`:`minute` Beijing time on `day`, as UTC, `skew` seconds off."""
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)
    return moment - dt.timedelta(hours=8) + dt.timedelta(seconds=skew)


def fixed(moment: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock that always reads `moment`."""
    return lambda: moment


CHECKOUT_AT = beijing(dt.date(2025, 11, 20), 7)
"""When the devices take their work lists (Beijing 07:00 on 2025-11-20)."""


def add_accounts(make_uow, count: int, *, start: int = 1, buildings: int = 10) -> list[str]:
    """`count` residential accounts (60.00 m² + index/100) in 幸福小区, spread over buildings,
    numbered D-000001 ...; returns their numbers."""
    rows = []
    for i in range(start, start + count):
        building = str(1 + i % buildings)
        rows.append(
            NewAccount(
                account_no=f"D-{i:06d}",
                name=f"住户{i}",
                phone="13900000000",
                address=Address(ESTATE, building, str(1 + i % 3), f"{1 + i % 17}0{1 + i % 4}"),
                facts=BillingFacts(
                    category="residential",
                    low_income=False,
                    heated_area=Decimal(60) + Decimal(i % 100) / 100,
                ),
                opening_arrears_fen=0,
            )
        )
    with make_uow() as uow:
        uow.accounts.add_many(rows, valid_from=dt.date(2025, 1, 1), recorded_by="0001")
        uow.commit()
    return [row.account_no for row in rows]


@dataclass
class Device:
    """A collector's laptop: its code, engine, unit-of-work factory and a settable clock."""

    code: str
    engine: Engine
    make_uow: Callable
    skew: int = 0
    now: dt.datetime = field(default_factory=lambda: beijing(dt.date(2025, 11, 20)))

    def clock(self) -> dt.datetime:
        """The device's clock: the true time `now` plus its skew."""
        return self.now + dt.timedelta(seconds=self.skew)

    def station(self) -> Station:
        """The device's station (its counter code, its clock)."""
        return Station(self.code, self.clock)

    def open_shift(self, actor: Actor = COLLECTOR) -> None:
        """Open the collector's shift with a 100.00 float."""
        open_shift(
            self.make_uow(), actor, self.station(), opening_float_fen=10000,
            client_uuid=str(uuid.uuid4()),
        )  # fmt: skip

    def pay(
        self, account_no: str, fen: int, *, actor: Actor = COLLECTOR, **options
    ) -> PaymentResult:
        """Take `fen` in cash for the account (credit allowed unless told otherwise)."""
        options.setdefault("allow_credit", True)
        request = PaymentRequest(
            options.pop("client_uuid", str(uuid.uuid4())),
            account_no,
            (TenderPart("cash", fen),),
            **options,
        )
        return post_payment(self.make_uow(), actor, self.station(), request)


def make_device(
    central: Callable,
    folder: Path,
    code: str,
    *,
    scope: WorklistScope | None = None,
    checkout_at: dt.datetime = CHECKOUT_AT,
    checkout: bool = True,
) -> Device:
    """A new laptop registered centrally and (unless `checkout` is false) checked out with
    `scope` (default: the estate)."""
    engine = make_engine(f"sqlite:///{folder / f'{code}.db'}")
    create_schema(engine)
    device_uow = uow_factory(engine)
    identity = init_device(device_uow(), code=code, name=f"笔记本 {code}")
    registration = register_device(
        central(), SUPERVISOR, code=code, name=identity.name, public_key=identity.public_key
    )
    accept_central_key(device_uow(), code, registration.central_key)
    scope = scope or WorklistScope(estates=(ESTATE,))
    if checkout:
        checkout_direct(central, device_uow, COLLECTOR, scope, clock=fixed(checkout_at))
    return Device(code, engine, device_uow)
