"""Devices: registration, check-outs, syncs, postings and flags (central side); identity,
outbox, mirrored payments and loads (device side). See store/models/devices.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from cashier.domain.device import (
    AllocationFlag,
    DeviceRecord,
    KeyPair,
    PostingRecord,
    StoredFlag,
    SyncSummary,
    new_key_pair,
)
from cashier.domain.journal import JournalEntry
from cashier.store.base import Base
from cashier.store.models import Account, Bill, BillLine, JournalRow, Season
from cashier.store.models.devices import (
    CentralKeyRow,
    DeviceCheckoutRow,
    DeviceMirrorRow,
    DevicePostingRow,
    DeviceRow,
    DeviceSyncRow,
    SyncFlagNoteRow,
    SyncFlagRow,
)
from cashier.store.registry import repository
from cashier.store.repositories.device_side import DeviceSideRecords
from cashier.store.repositories.journal import _ADVANCE, _ENTRIES, GENERATION, _row_values
from cashier.store.timeutil import from_db, to_db


def _device(row: DeviceRow) -> DeviceRecord:
    return DeviceRecord(
        row.code, row.name, row.public_key, from_db(row.registered_at), row.registered_by
    )


_STAMP_TABLES = (
    "bills",
    "account_facts",
    "account_statuses",
    "opening_arrears",
    "opening_arrears_adjustments",
    "meter_readings",
)


def _stamp_queries(chunk: list[str]):
    """Count queries (account_no, count) per stamp table, then bill lines through bills."""
    for name in _STAMP_TABLES:
        table = Base.metadata.tables.get(name)
        if table is None:
            yield select(Account.account_no, literal(0)).where(literal(False))
            continue
        yield (
            select(Account.account_no, func.count())
            .join(table, table.c.account_id == Account.id)
            .where(Account.account_no.in_(chunk))
            .group_by(Account.account_no)
        )
    yield (
        select(Account.account_no, func.count())
        .join(Bill, Bill.account_id == Account.id)
        .join(BillLine, BillLine.bill_id == Bill.id)
        .where(Account.account_no.in_(chunk))
        .group_by(Account.account_no)
    )


@repository("devices")
class SqlDeviceRepository(DeviceSideRecords):
    """Both sides' device records (see the module docstring); the device side's methods
    are in device_side.py."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- central side ---------------------------------------------------------------------

    def central_key(self, *, create_at: dt.datetime | None = None) -> KeyPair | None:
        """The central signing key pair; made and stored when missing and `create_at` is
        given (it is then the key from that moment on)."""
        row = self._session.scalar(select(CentralKeyRow).order_by(CentralKeyRow.id.desc()))
        if row is None and create_at is not None:
            pair = new_key_pair()
            row = CentralKeyRow(
                private_key=pair.private_hex,
                public_key=pair.public_hex,
                created_at=to_db(create_at),
            )
            self._session.add(row)
            self._session.flush()
        return None if row is None else KeyPair(row.private_key, row.public_key)

    def add_device(self, record: DeviceRecord) -> None:
        """Register a device (its code must be new)."""
        self._session.add(
            DeviceRow(
                code=record.code,
                name=record.name,
                public_key=record.public_key,
                registered_at=to_db(record.registered_at),
                registered_by=record.registered_by,
            )
        )
        self._session.flush()

    def device(self, code: str) -> DeviceRecord | None:
        """The registered device with this code, or None."""
        row = self._session.get(DeviceRow, code)
        return None if row is None else _device(row)

    def devices(self) -> list[DeviceRecord]:
        """Every registered device, by code."""
        rows = self._session.scalars(select(DeviceRow).order_by(DeviceRow.code))
        return [_device(row) for row in rows]

    def add_checkout(
        self, code: str, scope: dict, accounts: int, on: dt.date, via: str, *,
        at: dt.datetime, by: str,
    ) -> None:  # fmt: skip
        """Record a check-out to a device."""
        self._session.add(
            DeviceCheckoutRow(
                device_code=code,
                scope=json.dumps(scope, ensure_ascii=False, sort_keys=True),
                accounts=accounts,
                business_date=on,
                via=via,
                made_at=to_db(at),
                made_by=by,
            )
        )

    def checkout_days(self, code: str) -> list[dt.date]:
        """The business dates of the device's check-outs, oldest first."""
        rows = self._session.scalars(
            select(DeviceCheckoutRow.business_date)
            .where(DeviceCheckoutRow.device_code == code)
            .order_by(DeviceCheckoutRow.id)
        )
        return list(rows)

    def latest_scope(self, code: str) -> dict | None:
        """The scope of the device's newest check-out, or None."""
        text_ = self._session.scalar(
            select(DeviceCheckoutRow.scope)
            .where(DeviceCheckoutRow.device_code == code)
            .order_by(DeviceCheckoutRow.id.desc())
        )
        return None if text_ is None else json.loads(text_)

    def sync_result(self, sync_uuid: str) -> SyncSummary | None:
        """The summary stored for a completed sync, or None."""
        query = select(DeviceSyncRow).where(DeviceSyncRow.sync_uuid == sync_uuid)
        row = self._session.scalar(query)
        if row is None:
            return None
        return SyncSummary(
            uploaded=row.uploaded,
            already_there=row.already_there,
            conflicts=row.conflicts,
            first_seq=row.first_seq,
            last_seq=row.last_seq,
            booked_on=row.booked_on,
            skew_seconds=row.skew_seconds,
        )

    def add_sync(
        self, sync_uuid: str, code: str, via: str, summary: SyncSummary, *,
        at: dt.datetime, device_time: str, staff_no: str,
    ) -> None:  # fmt: skip
        """Record a completed sync (once per sync UUID)."""
        self._session.add(
            DeviceSyncRow(
                sync_uuid=sync_uuid,
                device_code=code,
                via=via,
                received_at=to_db(at),
                device_time=device_time[:40],
                skew_seconds=summary.skew_seconds,
                booked_on=summary.booked_on,
                first_seq=summary.first_seq,
                last_seq=summary.last_seq,
                uploaded=summary.uploaded,
                already_there=summary.already_there,
                conflicts=summary.conflicts,
                staff_no=staff_no,
            )
        )
        self._session.flush()

    def posted_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Which of these entry UUIDs have a posting record."""
        found: set[str] = set()
        for start in range(0, len(uuids), 500):
            chunk = list(uuids[start : start + 500])
            found.update(
                self._session.scalars(
                    select(DevicePostingRow.entry_uuid).where(
                        DevicePostingRow.entry_uuid.in_(chunk)
                    )
                )
            )
        return found

    def flagged_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Which of these entry UUIDs have a flag."""
        found: set[str] = set()
        for start in range(0, len(uuids), 500):
            chunk = list(uuids[start : start + 500])
            query = select(SyncFlagRow.entry_uuid).where(SyncFlagRow.entry_uuid.in_(chunk))
            found.update(self._session.scalars(query))
        return found

    def add_postings(self, postings: Iterable[PostingRecord], *, at: dt.datetime) -> None:
        """Record how the central books took device entries."""
        rows = [
            {
                "entry_uuid": p.entry_uuid,
                "device_code": p.device_code,
                "seq": p.seq,
                "kind": p.kind,
                "account_no": p.account_no,
                "reverses_uuid": p.reverses_uuid,
                "taken_on": p.taken_on,
                "booked_on": p.booked_on,
                "ledger_date": p.ledger_date,
                "skew_seconds": p.skew_seconds,
                "sync_uuid": p.sync_uuid,
                "posted_at": to_db(at),
            }
            for p in postings
        ]
        if rows:
            self._session.execute(DevicePostingRow.__table__.insert(), rows)

    def postings_for(self, code: str) -> list[PostingRecord]:
        """The device's posting records in number order."""
        rows = self._session.scalars(
            select(DevicePostingRow)
            .where(DevicePostingRow.device_code == code)
            .order_by(DevicePostingRow.seq)
        )
        return [
            PostingRecord(
                r.entry_uuid, r.device_code, r.seq, r.kind, r.account_no, r.reverses_uuid,
                r.taken_on, r.booked_on, r.ledger_date, r.skew_seconds, r.sync_uuid,
            )  # fmt: skip
            for r in rows
        ]

    def add_flag(self, flag: AllocationFlag, entry_uuid: str, sync_uuid: str, *, at: dt.datetime):
        """Record a flag for the accountant."""
        self._session.add(
            SyncFlagRow(
                entry_uuid=entry_uuid,
                receipt_no=flag.receipt_no,
                account_no=flag.account_no,
                kind=flag.kind,
                receipt_balance_fen=flag.receipt_balance_fen,
                central_balance_fen=flag.central_balance_fen,
                detail=flag.describe()[:300],
                sync_uuid=sync_uuid,
                flagged_at=to_db(at),
            )
        )

    def flags(self, *, open_only: bool = False) -> list[StoredFlag]:
        """Flags oldest first, with their notes (unresolved ones only when asked)."""
        query = (
            select(SyncFlagRow, SyncFlagNoteRow.note)
            .outerjoin(SyncFlagNoteRow, SyncFlagNoteRow.flag_id == SyncFlagRow.id)
            .order_by(SyncFlagRow.id)
        )
        if open_only:
            query = query.where(SyncFlagNoteRow.id.is_(None))
        return [
            StoredFlag(
                row.id,
                AllocationFlag(
                    row.receipt_no, row.account_no, row.kind,
                    row.receipt_balance_fen, row.central_balance_fen,
                ),  # fmt: skip
                from_db(row.flagged_at),
                note,
            )
            for row, note in self._session.execute(query)
        ]

    def add_flag_note(self, flag_id: int, note: str, *, staff_no: str, at: dt.datetime) -> bool:
        """Resolve a flag with a note; False when the flag is unknown or resolved already."""
        known = self._session.get(SyncFlagRow, flag_id)
        noted = self._session.scalar(
            select(SyncFlagNoteRow.id).where(SyncFlagNoteRow.flag_id == flag_id)
        )
        if known is None or noted is not None:
            return False
        self._session.add(
            SyncFlagNoteRow(flag_id=flag_id, note=note, staff_no=staff_no, noted_at=to_db(at))
        )
        self._session.flush()
        return True

    def append_entries(self, entries: Sequence[JournalEntry]) -> None:
        """Append a device's sealed entries (consecutive, one counter) to the central journal
        in one statement, and advance the counter's head to the last."""
        if not entries:
            return
        self._session.execute(_ENTRIES.insert(), [_row_values(e) for e in entries])
        last = entries[-1]
        advance = {"which": last.counter, "new_seq": last.seq, "new_head": last.hash}
        self._session.execute(_ADVANCE, advance)
        self._session.info[GENERATION] = self._session.info.get(GENERATION, 0) + 1

    def account_stamps(
        self, account_nos: Iterable[str], device_code: str, *, mirror: bool
    ) -> dict[str, tuple[int, ...]]:
        """Per account, counts of what its statement is computed from besides the device's
        own entries: payments made elsewhere (`device_mirror` on a device, other counters'
        journal entries centrally), bills, bill lines, facts, statuses, opening arrears and
        their corrections, readings. Every one of these only grows, so equal counts on both
        sides mean the device knew what the central books know."""
        numbers = sorted(set(account_nos))
        stamps = {number: [0] * (len(_STAMP_TABLES) + 2) for number in numbers}
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            self._count_into(stamps, 0, self._foreign(chunk, device_code, mirror))
            for index, query in enumerate(_stamp_queries(chunk), start=1):
                self._count_into(stamps, index, query)
        return {number: tuple(counts) for number, counts in stamps.items()}

    def _foreign(self, chunk: list[str], device_code: str, mirror: bool):
        if mirror:
            table = DeviceMirrorRow
            return (
                select(table.account_no, func.count())
                .where(table.account_no.in_(chunk))
                .group_by(table.account_no)
            )
        return (
            select(JournalRow.account_no, func.count())
            .where(JournalRow.account_no.in_(chunk), JournalRow.counter_code != device_code)
            .group_by(JournalRow.account_no)
        )

    def _count_into(self, stamps: dict[str, list[int]], index: int, query) -> None:
        for number, count in self._session.execute(query):
            stamps[number][index] = count

    def seasons_stamp(self) -> str:
        """A digest of every season's dates and tariff (changes when a tariff is replaced)."""
        rows = self._session.execute(
            select(Season.code, Season.first_day, Season.last_day, Season.due_date,
                   Season.tariff_json).order_by(Season.code)
        )  # fmt: skip
        digest = hashlib.sha256()
        for row in rows:
            digest.update("|".join(str(value) for value in row).encode())
        return digest.hexdigest()
