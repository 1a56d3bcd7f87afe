"""The company whose books these are: name, 24-hour telephone, demo flag."""

from __future__ import annotations

from dataclasses import dataclass

from cashier.services.ports import UnitOfWork

COMPANY_NAME = "company_name"
SERVICE_PHONE = "service_phone"
DEMO = "demo"


@dataclass(frozen=True)
class Company:
    """Company details as printed on receipts and shown in the window title."""

    name: str
    service_phone: str
    demo: bool


def company_details(uow: UnitOfWork, *, name: str = "", service_phone: str = "") -> Company:
    """The company's details from the database; a non-empty local setting takes precedence."""
    with uow:
        stored_name = uow.settings.get(COMPANY_NAME) or ""
        stored_phone = uow.settings.get(SERVICE_PHONE) or ""
        demo = uow.settings.get(DEMO) == "1"
    return Company(
        name=name or stored_name or "供热公司",
        service_phone=service_phone or stored_phone,
        demo=demo,
    )
