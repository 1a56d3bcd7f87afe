"""The interfaces services need from the outside world (implemented in store/ and printing/).

Services depend only on these protocols; `cli.py` and `ui/app.py` wire in the concrete classes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol, Self

from cashier.domain.account_history import (
    AccountSummary,
    Closure,
    FactsVersion,
    HolderChange,
    MeterReading,
    OpeningArrears,
    StatusRecord,
)
from cashier.domain.audit import AuditFilter, AuditRecord
from cashier.domain.billing import BillingSubject, NewBill, StoredBill
from cashier.domain.fees import DatedLine
from cashier.domain.ledger import OpenItem, Payment, Void
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
        self,
        accounts: Iterable[NewAccount],
        *,
        valid_from: dt.date,
        recorded_by: str,
        status_season: str | None = None,
        source: str = "",
    ) -> int:
        """Register accounts with their first facts, valid from `valid_from`; returns how many.

        Suspended accounts get a 报停 record for `status_season`; opening arrears are booked
        on `valid_from` with `source` (the file they came from).
        """

    def ids_by_number(self, numbers: Sequence[str]) -> dict[str, int]:
        """The ids of those account numbers that exist."""

    def existing_addresses(
        self, keys: Sequence[tuple[str, str, str, str]]
    ) -> dict[tuple[str, str, str, str], str]:
        """Which (estate, building, unit, room) addresses are taken, and by which number."""

    def get(self, account_no: str) -> AccountSummary | None:
        """Who and where the account is (with its closing date), or None."""

    def set_holder(self, account_id: int, name: str, phone: str) -> None:
        """Make `name` and `phone` the current holder (the change is recorded separately)."""


class AccountHistoryRepository(Protocol):
    """The dated, append-only records of accounts."""

    def facts_versions(self, account_id: int) -> list[FactsVersion]:
        """Every facts version of the account, in recording order."""

    def add_facts_versions(
        self,
        account_id: int,
        versions: Sequence[FactsVersion],
        *,
        recorded_by: str,
        reason: str,
        approved_by: str | None,
    ) -> None:
        """Append facts versions with who, why and who approved."""

    def statuses(self, account_id: int) -> list[StatusRecord]:
        """Every status record of the account, in recording order."""

    def add_status(
        self,
        account_id: int,
        season: str,
        status: str,
        *,
        recorded_by: str,
        reason: str,
        approved_by: str | None,
    ) -> None:
        """Record the account's status (heating / suspended) for a season."""

    def holder_changes(self, account_id: int) -> list[HolderChange]:
        """The account's changes of holder, oldest first."""

    def add_holder_change(self, account_id: int, change: HolderChange) -> None:
        """Append a change of holder record."""

    def closure(self, account_id: int) -> Closure | None:
        """The closing record, or None while the account is open."""

    def add_closure(self, account_id: int, closure: Closure) -> None:
        """Record the closing of the account."""

    def opening_arrears(self, account_id: int) -> OpeningArrears | None:
        """The arrears carried over from the previous system, or None."""

    def export_batch(
        self, *, after_id: int, limit: int, on: dt.date, season: str | None
    ) -> tuple[list[NewAccount], int | None]:
        """Next accounts (id > after_id) as rows of the accounts file; last id (None: done)."""


class ReadingRepository(Protocol):
    """Metered readings, one per account and season."""

    def add(self, account_id: int, reading: MeterReading, *, source: str = "") -> None:
        """Store a reading."""

    def for_account(self, account_id: int) -> list[MeterReading]:
        """The account's readings, oldest season first."""

    def read_accounts(self, account_ids: Sequence[int], season: str) -> set[int]:
        """Which of the accounts already have a reading for `season`."""


class SeasonRepository(Protocol):
    """Heating seasons with their tariffs."""

    def add(self, tariff: SeasonTariff, *, loaded_by: str) -> None:
        """Store a new season and its tariff."""

    def get(self, code: str) -> SeasonTariff | None:
        """The season's tariff, or None."""

    def codes(self) -> list[str]:
        """Every season code, oldest first."""

    def replace(self, tariff: SeasonTariff, *, loaded_by: str) -> None:
        """Replace the tariff (and dates) of the existing season `tariff.season.code`."""


ExportBill = tuple[int, str, str, list[tuple[str, str | None, int]]]
"""(bill id, account_no, name, [(kind, corrects, amount_fen), ...]) of one bill."""


class BillRepository(Protocol):
    """Season bills (one per account and season), their dated lines and frozen tariffs."""

    def count_for_season(self, code: str) -> int:
        """How many bills the season has (0 for an unknown season)."""

    def freeze_tariff(self, tariff: SeasonTariff, *, created_by: str) -> int:
        """The id of the stored copy of `tariff`, storing it first if it is new."""

    def unbilled_count(self, code: str) -> int:
        """How many accounts have no bill for the season yet."""

    def categories_in_force(self, code: str) -> set[str]:
        """The categories of the facts each account would be billed with for the season."""

    def unbilled(
        self, code: str, *, after_id: int, limit: int
    ) -> tuple[list[BillingSubject], list[int]]:
        """Next accounts without a bill (id > after_id): subjects, and every id looked at."""

    def facts_for_season(self, account_id: int, code: str) -> BillingSubject | None:
        """The facts (with the season status) a bill of the season uses for the account."""

    def add_bills(
        self,
        code: str,
        version_id: int,
        bills: Sequence[NewBill],
        *,
        billed_on: dt.date,
        recorded_by: str,
    ) -> int:
        """Store bills with their opening lines dated `billed_on`; returns how many."""

    def add_lines(
        self,
        account_id: int,
        code: str,
        lines: Iterable[DatedLine],
        *,
        recorded_by: str,
        approved_by: str | None = None,
    ) -> int:
        """Post dated lines (adjustments, credits, settlements) to the account's season bill."""

    def for_account(self, account_id: int) -> list[StoredBill]:
        """Every bill of the account with its lines, oldest season first."""

    def get(self, account_id: int, code: str) -> StoredBill | None:
        """The account's bill for the season with its lines, or None."""

    def export_batch(self, code: str, *, after_bill_id: int, limit: int) -> list[ExportBill]:
        """The season's next bills (bill id > after_bill_id) with their lines, oldest first."""


class LedgerRepository(Protocol):
    """What an account's statement is computed from: open items, payments and voids."""

    def account(self, account_no: str) -> tuple[int, str] | None:
        """(account id, name) of the account number, or None."""

    def open_items(self, account_id: int) -> list[OpenItem]:
        """Opening arrears and one item per billed season, with every dated line posted."""

    def payments(self, account_id: int) -> tuple[list[Payment], list[Void]]:
        """The account's payments and voids, in posting order (none before payments exist)."""


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
    account_history: AccountHistoryRepository
    readings: ReadingRepository
    account_search: AccountSearchRepository
    seasons: SeasonRepository
    bills: BillRepository
    ledger: LedgerRepository
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


class PreparedCopy(Protocol):
    """A checked-out copy of a backup file, upgraded to this program's schema."""

    path: Path
    uow_factory: UnitOfWorkFactory


class DatabaseBackup(Protocol):
    """Copies of the whole database (SQLite files; PostgreSQL refuses with pg_dump advice)."""

    def backup(self, target: Path) -> None:
        """Write a consistent copy of the live database to `target` (not existing yet)."""

    def integrity_problems(self, path: Path) -> list[str]:
        """What the database file's own integrity check reports; empty when sound."""

    def prepare_copy(self, source: Path) -> AbstractContextManager[PreparedCopy]:
        """A temporary copy of `source`, upgraded, to verify and then restore from."""

    def replace_with(self, copy: Path) -> Path:
        """Put `copy` in place of the live database; returns the safety copy of the old one."""
