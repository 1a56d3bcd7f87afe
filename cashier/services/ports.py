"""The interfaces services need from the outside world (implemented in store/ and printing/).

Services depend only on these protocols; `cli.py` and `ui/app.py` wire in the concrete classes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, Self

from cashier.domain.audit import AuditFilter, AuditRecord
from cashier.domain.registration import NewAccount
from cashier.domain.search import AccountHit, SearchPlan
from cashier.domain.tariffs import SeasonTariff
from cashier.domain.users import UserRecord


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


class PasswordHasher(Protocol):
    """Password hashing (argon2id in the store's adapter); services never see the algorithm."""

    def hash(self, password: str) -> str:
        """An encoded hash of `password` with a fresh salt."""

    def verify(self, encoded: str, password: str) -> bool:
        """True when `password` matches the encoded hash; False otherwise (never raises)."""

    def needs_rehash(self, encoded: str) -> bool:
        """True when the hash was made with weaker parameters than today's."""


class UsersRepository(Protocol):
    """Operators and their roles. Users are never deleted, only disabled."""

    def count(self) -> int:
        """How many users exist (enabled or not)."""

    def get(self, staff_no: str) -> UserRecord | None:
        """The user with this staff number, or None."""

    def get_by_id(self, user_id: int) -> UserRecord | None:
        """The user with this id, or None."""

    def list(self) -> list[UserRecord]:
        """Every user, by staff number."""

    def add(self, user: UserRecord) -> UserRecord:
        """Store a new user (its `id` is None); returns it with its id."""

    def save(self, user: UserRecord) -> None:
        """Store the changed name, roles, password and sign-in state of an existing user."""


class AuditRepository(Protocol):
    """The append-only, hash-chained audit log."""

    def head(self) -> tuple[int, str] | None:
        """(last seq, its hash), locking the chain until the transaction ends; None if empty."""

    def append(self, record: AuditRecord) -> None:
        """Insert a complete record (seq and hash already computed)."""

    def find(self, where: AuditFilter, *, offset: int, limit: int) -> list[AuditRecord]:
        """Matching records, newest first."""

    def count(self, where: AuditFilter) -> int:
        """How many records match."""

    def get(self, seq: int) -> AuditRecord | None:
        """The record with this sequence number, or None."""

    def iter_all(self, batch: int = 1000) -> Iterator[AuditRecord]:
        """Every record in chain order (seq ascending), fetched `batch` at a time."""


class AccountSearchRepository(Protocol):
    """Finding accounts by number, phone, name or address (see domain/search.py)."""

    def find(
        self, plan: SearchPlan, tier: str, after: AccountHit | None, limit: int
    ) -> list[AccountHit]:
        """Up to `limit` accounts of `tier` after `after` in that tier's order.

        Prefix tiers are ordered by the matched column then id, the substring tier by id;
        accounts an earlier tier of the plan matches are left out.
        """


class UnitOfWork(Protocol):
    """One transaction for one user action: `with uow: ...; uow.commit()`.

    Leaving the block without `commit()` rolls everything back. Repositories are attributes
    of the unit of work (`uow.settings`, `uow.accounts`, ...), each typed by a protocol below.
    """

    settings: SettingsRepository
    accounts: AccountRepository
    account_search: AccountSearchRepository
    seasons: SeasonRepository
    users: UsersRepository
    audit: AuditRepository
    passwords: PasswordHasher

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def commit(self) -> None:
        """Make everything done in this unit of work durable."""

    def rollback(self) -> None:
        """Discard everything done in this unit of work."""


UnitOfWorkFactory = Callable[[], UnitOfWork]
"""Each call gives a new, independent unit of work (one per thread, one per action)."""
