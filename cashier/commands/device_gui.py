"""`cashier device gui`: the window opened as this device (a collector's laptop, or a counter
whose PostgreSQL server cannot be reached, working on its offline copy)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from cashier.commands.common import connect, database_label
from cashier.commands.device_sync import other_database
from cashier.commands.gui import with_printer
from cashier.services.company import company_details
from cashier.services.context import AppContext
from cashier.services.devices import device_identity
from cashier.store.backup import database_backup
from cashier.store.uow import uow_factory


def run_device_window(args: argparse.Namespace) -> int:
    """Open the window on the device's own database, numbering as the device."""
    wiring = connect(args)
    factory = uow_factory(wiring.engine)
    with factory() as uow:
        identity = device_identity(uow)
        uow.devices.ensure_triggers()
        uow.commit()
    central = other_database(args.central).uow if args.central else None
    company = company_details(factory(), name=wiring.settings.company_name,
                              service_phone=wiring.settings.service_phone)
    context = AppContext(
        uow_factory=factory,
        actor=wiring.actor,
        database_label=f"{database_label(wiring.engine)}（设备 {identity.code}）",
        counter_code=identity.code,
        company_name=company.name,
        service_phone=company.service_phone,
        demo=company.demo,
        idle_lock_minutes=wiring.settings.idle_lock_minutes,
        backup=database_backup(wiring.engine),
    )
    context = with_printer(replace(context), wiring.settings)
    from cashier.ui.collector import run_device_gui

    return run_device_gui(context, central)
