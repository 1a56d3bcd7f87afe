"""SQLAlchemy repositories; importing this package registers them on the unit of work."""

from cashier.store.repositories import account_search, accounts, bills, seasons, settings  # noqa: F401
