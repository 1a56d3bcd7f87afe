"""What a device knows about itself: for `cashier device status` and the route page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.services.devices import device_identity
from cashier.services.ports import UnitOfWork


@dataclass(frozen=True)
class DeviceStatus:
    """This device: code, name, keys (hex), entries waiting to be synced, accounts in its
    work list, and when it last checked out and synced (None: never)."""

    code: str
    name: str
    public_key: str
    central_key: str | None
    waiting: int
    accounts: int
    checked_out_at: dt.datetime | None
    synced_at: dt.datetime | None


def device_status(uow: UnitOfWork) -> DeviceStatus:
    """This device's status. Raises DeviceRefused when the database is not a device's."""
    with uow:
        identity = device_identity(uow)
        waiting = len(uow.devices.outbox())
        accounts = uow.accounts.count()
        checkout = uow.devices.last_load("checkout")
        synced = uow.devices.last_load("sync")
    return DeviceStatus(
        identity.code,
        identity.name,
        identity.public_key,
        identity.central_key,
        waiting,
        accounts,
        checkout[0] if checkout else None,
        synced[0] if synced else None,
    )
