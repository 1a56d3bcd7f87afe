"""Command-line commands; each module registers its sub-commands on the parser.

Commands are wiring, like `cli.py`: they build the engine, the unit of work and the actor,
call a service, and print its result.
"""

from cashier.commands import (
    accounts,
    audit,
    backup,
    billing,
    db,
    demo,
    devices,
    gui,
    payments,
    receipts,
    reconciliation,
    repairs,
    report,
    service,
    settlements,
    users,
    verify,
    waive,
)

COMMAND_MODULES = [
    gui,
    db,
    demo,
    billing,
    accounts,
    users,
    verify,
    audit,
    backup,
    payments,
    receipts,
    service,
    repairs,
    report,
    waive,
    reconciliation,
    settlements,
    devices,
]
