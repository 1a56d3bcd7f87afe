"""What the window needs to know about the running installation."""

from __future__ import annotations

from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.services.ports import DatabaseBackup, ReceiptPrinter, UnitOfWorkFactory


@dataclass(frozen=True)
class AppContext:
    """The wiring handed from the command line to the window.

    `database_label` never contains a password; `demo` puts a 演示数据 banner on the window.
    An `actor` without an id (the local operator) means nobody has signed in yet: the window
    asks for a sign-in first. `idle_lock_minutes` (0 = never) locks an idle window; `backup`
    copies the database for an administrator (None: not offered). `printer` is this counter's
    receipt printer (None: none set up); `receipt_columns` the paper's columns for previews
    (32 on 58 mm, 48 on 80 mm); `printer_problem` says in Chinese why the configured printer
    could not be set up (empty when it could).
    """

    uow_factory: UnitOfWorkFactory
    actor: Actor
    database_label: str
    counter_code: str
    company_name: str
    service_phone: str
    demo: bool
    idle_lock_minutes: int = 10
    backup: DatabaseBackup | None = None
    printer: ReceiptPrinter | None = None
    receipt_columns: int = 32
    printer_problem: str = ""
