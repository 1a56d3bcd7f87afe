"""Opening the application window (the default command)."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace

from cashier.commands.common import DatabaseUnreachable, connect, database_label
from cashier.config import Settings, load_settings
from cashier.domain.receipt import PAPER_COLUMNS
from cashier.printing.connections import PrinterError, parse_printer_uri
from cashier.printing.receipt_printer import make_receipt_printer, parse_profile
from cashier.services.company import company_details
from cashier.services.context import AppContext
from cashier.services.ports import ReceiptPrinter
from cashier.store.backup import database_backup
from cashier.store.uow import uow_factory

log = logging.getLogger(__name__)


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `gui` command (also what runs when no command is given)."""
    gui = commands.add_parser("gui", help="open the application window (default)")
    gui.set_defaults(handler=run_window)


def run_window(args: argparse.Namespace) -> int:
    """Open the window on the configured database.

    When a PostgreSQL server cannot be reached and the settings name an
    `offline_database_url` (this counter's registered device database), the window opens
    on that instead, numbering as the device; `cashier device sync` brings it back. A device's
    own database (a collector's laptop) always opens as the device, as `cashier device gui`.
    """
    try:
        wiring = connect(args)
    except DatabaseUnreachable as exc:
        offline = load_settings(getattr(args, "db", None)).offline_database_url
        if not offline:
            raise
        return _run_offline(exc, offline)
    if wiring.device is not None:
        return _run_as_device(getattr(args, "db", None))
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
    context = with_printer(context, wiring.settings)
    from cashier.ui.app import run_gui

    return run_gui(context, sys.argv[:1])


def _run_as_device(db: str | None) -> int:
    from cashier.commands.device_gui import run_device_window

    return run_device_window(argparse.Namespace(db=db, central=None))


def _run_offline(problem: DatabaseUnreachable, offline_url: str) -> int:
    log.warning("server unreachable, opening the offline database: %s", problem.english)
    print(f"{problem}\n已转入离线模式（{offline_url}） / working offline", file=sys.stderr)
    return _run_as_device(offline_url)


def receipt_printing(settings: Settings) -> tuple[ReceiptPrinter | None, int, str]:
    """The counter's printer from `printer_uri`/`printer_profile`, the paper's columns, and
    why the printer could not be set up (Chinese; empty when it could). A bad setting leaves
    the window working without a printer: the Counter page says so and offers no printing.
    """
    try:
        columns = parse_profile(settings.printer_profile).width_cols
    except PrinterError as error:
        log.warning("printer_profile %r refused: %s", settings.printer_profile, error.english)
        return None, PAPER_COLUMNS[58], str(error)
    try:
        if settings.printer_uri.strip():
            parse_printer_uri(settings.printer_uri.strip())
        printer = make_receipt_printer(settings.printer_uri, settings.printer_profile)
    except PrinterError as error:
        log.warning("printer_uri %r refused: %s", settings.printer_uri, error.english)
        return None, columns, str(error)
    return printer, columns, ""


def with_printer(context: AppContext, settings: Settings) -> AppContext:
    """`context` with the counter's receipt printer wired in (see `receipt_printing`)."""
    printer, columns, problem = receipt_printing(settings)
    return replace(context, printer=printer, receipt_columns=columns, printer_problem=problem)
