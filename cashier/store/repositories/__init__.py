"""SQLAlchemy repositories; importing this package registers them on the unit of work."""

from cashier.store.repositories import (  # noqa: F401
    account_search,
    accounts,
    audit,
    bills,
    ledger,
    passwords,
    seasons,
    settings,
    users,
)
