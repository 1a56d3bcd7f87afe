"""SQLAlchemy repositories; importing this package registers them on the unit of work."""

from cashier.store.repositories import (  # noqa: F401
    account_history,
    account_search,
    accounts,
    audit,
    bills,
    journal,
    ledger,
    measurements,
    outages,
    passwords,
    readings,
    receipts,
    repair_bills,
    repairs,
    seasons,
    service_cases,
    service_credits,
    service_journal,
    settings,
    users,
)
