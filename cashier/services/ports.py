"""The interfaces services need from the outside world (implemented in store/ and printing/).

Services depend only on these protocols; `cli.py` and `ui/app.py` wire in the concrete classes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Protocol, Self

from cashier.domain.registration import NewAccount
from cashier.domain.tariffs import SeasonTariff


class SettingsRepository(Protocol):
    """Company-wide settings shared by every client of one database (company name, ...)."""

    def get(self, key: str) -> str | None:
        """The stored value, or None."""

    def put(self, key: str, value: str) -> None:
        """Store `value` under `key` (replacing an earlier value)."""


class AccountRepository(Protocol):
    """Accounts (热用户) and their billing facts."""

    def count(self) -> int:
        """How many accounts exist."""

    def add_many(
        self, accounts: Iterable[NewAccount], *, valid_from: dt.date, recorded_by: str
    ) -> int:
        """Register accounts with their first facts, valid from `valid_from`; returns how many."""


class SeasonRepository(Protocol):
    """Heating seasons with their tariffs."""

    def add(self, tariff: SeasonTariff, *, loaded_by: str) -> None:
        """Store a new season and its tariff."""

    def get(self, code: str) -> SeasonTariff | None:
        """The season's tariff, or None."""

    def codes(self) -> list[str]:
        """Every season code, oldest first."""


class UnitOfWork(Protocol):
    """One transaction for one user action: `with uow: ...; uow.commit()`.

    Leaving the block without `commit()` rolls everything back. Repositories are attributes
    of the unit of work (`uow.settings`, `uow.accounts`, ...), each typed by a protocol below.
    """

    settings: SettingsRepository
    accounts: AccountRepository
    seasons: SeasonRepository

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def commit(self) -> None:
        """Make everything done in this unit of work durable."""

    def rollback(self) -> None:
        """Discard everything done in this unit of work."""


UnitOfWorkFactory = Callable[[], UnitOfWork]
"""Each call gives a new, independent unit of work (one per thread, one per action)."""
