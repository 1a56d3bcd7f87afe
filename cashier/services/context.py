"""What the window needs to know about the running installation."""

from __future__ import annotations

from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.services.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class AppContext:
    """The wiring handed from the command line to the window.

    `database_label` never contains a password; `demo` puts a 演示数据 banner on the window.
    """

    uow_factory: UnitOfWorkFactory
    actor: Actor
    database_label: str
    counter_code: str
    company_name: str
    service_phone: str
    demo: bool
