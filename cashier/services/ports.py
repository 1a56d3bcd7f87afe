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
from cashier.domain.measurements import NewMeasurement, StoredMeasurement
from cashier.domain.outages import NewOutage, OutageEvent, StoredOutage
from cashier.domain.receipt import ReceiptLine
from cashier.domain.registration import NewAccount
from cashier.domain.search import AccountHit, SearchPlan
from cashier.domain.service_cases import CaseFilter, CaseStep, NewCase, StoredCase
from cashier.domain.service_journal import JournalEntry
from cashier.domain.service_records import AccountBrief
from cashier.domain.signature import Signature
from cashier.domain.tariffs import SeasonTariff
from cashier.domain.users import UserRecord
from cashier.services.arrears_ports import ArrearsAdjustmentRepository
from cashier.services.device_ports import DeviceRepository, WorklistRepository
from cashier.services.journal_ports import (
    AgentReceiptRepository,
    JournalRepository,
    ReceiptRecordRepository,
)
from cashier.services.reconciliation_ports import (
    ReconciliationRepository,
    SettlementRepository,
)
from cashier.services.repair_ports import (
    RepairBillRepository,
    RepairOrderRepository,
    RepairPriceRepository,
)
from cashier.services.report_ports import ReportRepository


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

    def categories_without_tariff(self, code: str, priced: set[str]) -> set[str]:
        """Categories accounts would be billed with for the season that are not in `priced`."""

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


class ServiceJournalRepository(Protocol):
    """The service journal: one hash chain over every service record."""

    def head(self) -> tuple[int, str] | None:
        """(last seq, its hash), locking the chain until the transaction ends; None if empty."""

    def append(self, entry: JournalEntry) -> None:
        """Insert a complete entry (seq and hash already computed)."""

    def batch(self, after_seq: int, limit: int) -> list[JournalEntry]:
        """The next entries after `after_seq`, in chain order."""

    def get(self, seq: int) -> JournalEntry | None:
        """The entry with this sequence number, or None."""

    def unjournaled(self, kind: str) -> list[int]:
        """Ids (up to 100) of records of `kind` without a journal entry."""


Recorder = tuple[str, str]
"""(staff number, name) of whoever records a service record."""


class ServiceCaseRepository(Protocol):
    """Complaints, reports and applications, and the steps appended to them."""

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the case numbers starting with `prefix`."""

    def add(
        self, case: NewCase, *, case_no: str, recorded_at: dt.datetime, by: Recorder
    ) -> StoredCase:
        """Store a checked case; returns it as stored."""

    def add_step(
        self, case_id: int, kind: str, at: dt.datetime, text: str, *,
        recorded_at: dt.datetime, by: Recorder,
    ) -> CaseStep:  # fmt: skip
        """Append a checked step to a case; returns it as stored."""

    def get(self, case_id: int) -> StoredCase | None:
        """The case with its steps, or None."""

    def by_number(self, case_no: str) -> StoredCase | None:
        """The case with this number, or None."""

    def many(self, ids: Iterable[int]) -> dict[int, StoredCase]:
        """The cases with these ids that exist."""

    def steps(self, ids: Iterable[int]) -> dict[int, CaseStep]:
        """The steps with these ids that exist."""

    def find(self, where: CaseFilter, *, before_id: int | None, limit: int) -> list[StoredCase]:
        """Matching cases newest first, `limit` of them with id < `before_id`."""

    def count(self, where: CaseFilter) -> int:
        """How many cases match."""

    def unfinished(self) -> list[StoredCase]:
        """Every case not closed (办结), oldest first."""


class MeasurementRepository(Protocol):
    """Temperature measurements, their rooms and signatures."""

    def season_id(self, code: str) -> int | None:
        """The id of the season with this code, or None."""

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the measurement numbers starting with `prefix`."""

    def add_signature(self, signature: Signature, *, recorded_at: dt.datetime) -> int:
        """Store a signature; returns its id."""

    def add(
        self, m: NewMeasurement, *, number: str, season: str,
        signature_ids: tuple[int | None, int | None], recorded_at: dt.datetime, by: Recorder,
    ) -> StoredMeasurement:  # fmt: skip
        """Store a checked measurement with its rooms; returns it as stored."""

    def get(self, measurement_id: int) -> StoredMeasurement | None:
        """The measurement, or None."""

    def many(self, ids: Iterable[int], *, recompute: bool = False) -> dict[int, StoredMeasurement]:
        """The measurements with these ids; `recompute` re-derives signature digests."""

    def for_account(self, account_id: int, season: str | None = None) -> list[StoredMeasurement]:
        """The account's measurements (of one season if given), oldest first."""

    def find(
        self, *, before_id: int | None, limit: int, since: dt.datetime | None = None
    ) -> list[StoredMeasurement]:
        """Measurements newest first, `limit` of them with id < `before_id`."""

    def corrected_by(self, measurement_id: int) -> str | None:
        """The number of the measurement correcting this one, or None."""

    def signature_images(self, measurement_id: int) -> tuple[bytes | None, bytes | None]:
        """The PNGs of the measurer's and the household's signatures."""


class OutageRepository(Protocol):
    """Outages, the accounts they affected, their events; accounts by place."""

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the outage numbers starting with `prefix`."""

    def add(
        self, outage: NewOutage, *, number: str, recorded_at: dt.datetime, by: Recorder
    ) -> StoredOutage:
        """Store a checked outage and its accounts; returns it as stored."""

    def add_event(
        self, outage_id: int, kind: str, at: dt.datetime, *, recorded_at: dt.datetime,
        by: Recorder,
    ) -> OutageEvent:  # fmt: skip
        """Append an event to an outage; returns it as stored."""

    def get(self, outage_id: int) -> StoredOutage | None:
        """The outage with its events, or None."""

    def by_number(self, number: str) -> StoredOutage | None:
        """The outage with this number, or None."""

    def many(self, ids: Iterable[int]) -> dict[int, StoredOutage]:
        """The outages with these ids that exist."""

    def events(self, ids: Iterable[int]) -> dict[int, OutageEvent]:
        """The events with these ids that exist."""

    def account_ids(self, outage_id: int) -> list[int]:
        """The accounts the outage affected, ascending."""

    def for_account(self, account_id: int) -> list[StoredOutage]:
        """Every outage that affected the account, oldest first."""

    def corrections_of(self, ids: Sequence[int]) -> set[int]:
        """Those of `ids` that another outage corrects."""

    def find(
        self, *, before_id: int | None, limit: int, since: dt.datetime | None = None
    ) -> list[StoredOutage]:
        """Outages newest first, `limit` of them with id < `before_id`."""

    def estates(self) -> list[str]:
        """Every estate with accounts, sorted."""

    def buildings(self, estate: str) -> list[str]:
        """The buildings of an estate, sorted."""

    def accounts_in(
        self, estate: str, buildings: Sequence[str] = (), units: Sequence[str] = ()
    ) -> list[int]:
        """Accounts of an estate (some buildings and units when given), ascending."""

    def account_ids_by_number(self, numbers: Iterable[str]) -> dict[str, int]:
        """Account number -> id for the numbers that exist."""


class ServiceCreditRepository(Protocol):
    """Credits posted because of service records; accounts as the service pages show them."""

    def posted(self, account_id: int, season: str) -> dict[str, int]:
        """Fen credited so far per source for the season."""

    def add(
        self, account_id: int, season: str, amounts: Sequence[tuple[str, int]], *,
        posted_on: dt.date, recorded_at: dt.datetime, recorded_by: str,
    ) -> None:  # fmt: skip
        """Record what was posted per source."""

    def accounts_with_records(
        self, season: str, first: dt.datetime, last: dt.datetime
    ) -> list[int]:
        """Accounts with a measurement or outage in the season, ascending."""

    def account(self, account_id: int) -> AccountBrief | None:
        """Who and where the account is, or None."""

    def account_by_number(self, account_no: str) -> AccountBrief | None:
        """The account with this number, or None."""


class ReceiptPrinter(Protocol):
    """A counter's receipt printer (printing/receipt_printer.py): laid-out lines in, paper out.

    Services call it only after the transaction committed.
    """

    width_cols: int

    def print_lines(self, lines: Sequence[ReceiptLine], *, open_drawer: bool) -> None:
        """Print the lines, then kick the drawer if asked; raises UserError on failure."""


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
    journal: JournalRepository
    receipts: ReceiptRecordRepository
    agent_receipts: AgentReceiptRepository
    repair_prices: RepairPriceRepository
    repair_orders: RepairOrderRepository
    repair_bills: RepairBillRepository
    service_journal: ServiceJournalRepository
    service_cases: ServiceCaseRepository
    measurements: MeasurementRepository
    outages: OutageRepository
    service_credits: ServiceCreditRepository
    reconciliation: ReconciliationRepository
    settlements: SettlementRepository
    arrears_adjustments: ArrearsAdjustmentRepository
    reports: ReportRepository
    devices: DeviceRepository
    worklist: WorklistRepository

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
