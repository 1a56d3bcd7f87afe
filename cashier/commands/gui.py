"""Opening the application window (the default command)."""

from __future__ import annotations

import argparse
import sys

from cashier.commands.common import connect, database_label
from cashier.services.company import company_details
from cashier.services.context import AppContext
from cashier.store.backup import database_backup
from cashier.store.uow import uow_factory


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `gui` command (also what runs when no command is given)."""
    gui = commands.add_parser("gui", help="open the application window (default)")
    gui.set_defaults(handler=run_window)


def run_window(args: argparse.Namespace) -> int:
    """Open the window on the configured database."""
    wiring = connect(args)
    factory = uow_factory(wiring.engine)
    company = company_details(
        factory(),
        name=wiring.settings.company_name,
        service_phone=wiring.settings.service_phone,
    )
    context = AppContext(
        uow_factory=factory,
        actor=wiring.actor,
        database_label=database_label(wiring.engine),
        counter_code=wiring.settings.counter_code,
        company_name=company.name,
        service_phone=company.service_phone,
        demo=company.demo,
        idle_lock_minutes=wiring.settings.idle_lock_minutes,
        backup=database_backup(wiring.engine),
    )
    from cashier.ui.app import run_gui

    return run_gui(context, sys.argv[:1])
