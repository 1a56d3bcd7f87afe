"""A collector's laptop with a route for the window tests and screenshots: 40 households of
幸福小区 checked out from central books on SQLite, a shift open, a few paid today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from support.device_sim import DAY, seed_central
from support.device_world import Device, beijing, make_device

from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory


@dataclass
class Laptop:
    """The central books' unit-of-work factory, the device, and the accounts."""

    central: object
    device: Device
    numbers: list[str]


def laptop(folder: Path, *, paid: int = 4) -> Laptop:
    """Central books with 40 households, a device checked out with them, `paid` payments
    (every third household from the start, in full) taken on it at 10:00 on DAY."""
    engine = make_engine(f"sqlite:///{folder / 'central.db'}")
    create_schema(engine)
    central = uow_factory(engine)
    numbers = seed_central(central, 40, buildings=3)
    device = make_device(central, folder, "C01")
    device.now = beijing(DAY, 10)
    device.open_shift()
    for number in numbers[: paid * 3 : 3]:
        device.now += dt.timedelta(minutes=7)
        device.pay(number, 200000)
    return Laptop(central, device, numbers)
