"""The repositories the device services need (`uow.devices`, `uow.worklist`), implemented in
store/repositories/devices.py and worklist.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from cashier.domain.device import (
    AllocationFlag,
    DeviceIdentity,
    DeviceRecord,
    KeyPair,
    PostingRecord,
    StoredFlag,
    SyncSummary,
    WorklistScope,
)
from cashier.domain.journal import JournalEntry


class DeviceRepository(Protocol):
    """Central: registered devices, check-outs, syncs, postings, flags. Device: its identity,
    outbox, mirrored payments and loads."""

    def central_key(self, *, create_at: dt.datetime | None = None) -> KeyPair | None:
        """The central signing key pair (made when missing and `create_at` is given)."""

    def add_device(self, record: DeviceRecord) -> None:
        """Register a device."""

    def device(self, code: str) -> DeviceRecord | None:
        """The registered device, or None."""

    def devices(self) -> list[DeviceRecord]:
        """Every registered device, by code."""

    def add_checkout(
        self, code: str, scope: dict, accounts: int, on: dt.date, via: str, *,
        at: dt.datetime, by: str,
    ) -> None:  # fmt: skip
        """Record a check-out to a device."""

    def checkout_days(self, code: str) -> list[dt.date]:
        """The business dates of the device's check-outs, oldest first."""

    def latest_scope(self, code: str) -> dict | None:
        """The scope of the device's newest check-out, or None."""

    def sync_result(self, sync_uuid: str) -> SyncSummary | None:
        """The stored summary of a completed sync, or None."""

    def add_sync(
        self, sync_uuid: str, code: str, via: str, summary: SyncSummary, *,
        at: dt.datetime, device_time: str, staff_no: str,
    ) -> None:  # fmt: skip
        """Record a completed sync."""

    def posted_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Which entry UUIDs have a posting record."""

    def flagged_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Which entry UUIDs have a flag."""

    def append_entries(self, entries: Sequence[JournalEntry]) -> None:
        """Append a device's consecutive sealed entries to the central journal at once."""

    def account_stamps(
        self, account_nos: Iterable[str], device_code: str, *, mirror: bool
    ) -> dict[str, tuple[int, ...]]:
        """Per account, counts of the records its statement rests on (see the store)."""

    def seasons_stamp(self) -> str:
        """A digest of every season's dates and tariff."""

    def add_postings(self, postings: Iterable[PostingRecord], *, at: dt.datetime) -> None:
        """Record how the central books took device entries."""

    def postings_for(self, code: str) -> list[PostingRecord]:
        """The device's posting records in number order."""

    def add_flag(
        self, flag: AllocationFlag, entry_uuid: str, sync_uuid: str, *, at: dt.datetime
    ) -> None:
        """Record a flag for the accountant."""

    def flags(self, *, open_only: bool = False) -> list[StoredFlag]:
        """Flags oldest first with their notes."""

    def add_flag_note(self, flag_id: int, note: str, *, staff_no: str, at: dt.datetime) -> bool:
        """Resolve a flag; False when unknown or resolved already."""

    def identity(self) -> DeviceIdentity | None:
        """This database's device identity, or None."""

    def set_identity(self, identity: DeviceIdentity, *, at: dt.datetime) -> None:
        """Make this database a device (installs the outbox trigger)."""

    def set_central_key(self, code: str, central_key: str) -> None:
        """Record the central public key on this device."""

    def ensure_triggers(self) -> None:
        """Install the device triggers again when missing."""

    def outbox(self) -> list[tuple[str, int]]:
        """(counter, seq) of entries not acknowledged yet, in order."""

    def acknowledge(self, counter: str, through_seq: int) -> int:
        """Take entries up to `through_seq` off the outbox; returns how many."""

    def add_mirror(self, entries: Iterable[JournalEntry]) -> int:
        """Store payments made elsewhere (once each); returns how many were new."""

    def add_load(
        self, kind: str, on: dt.date, accounts: int, rows: int, summary: dict, *, at: dt.datetime
    ) -> None:
        """Record a load on this device."""

    def last_load(self, kind: str) -> tuple[dt.datetime, dict] | None:
        """When the newest load of `kind` happened and its summary, or None."""


class WorklistRepository(Protocol):
    """Work lists: read from the central books, loaded into a device's database."""

    def count(self, scope: WorklistScope) -> int:
        """How many accounts the scope takes."""

    def export(self, scope: WorklistScope, device_code: str) -> Iterator[dict[str, object]]:
        """The scope's records in load order."""

    def load(self, records: Iterable[Mapping[str, object]]) -> tuple[int, list[JournalEntry]]:
        """Load records: rows new or refreshed, and the journal entries among them."""

    def places(self) -> list[tuple[str, str, str, str, str, str]]:
        """(account_no, name, estate, building, unit, room) of every account here."""
