"""Offline devices: their registration and syncs (central side), their identity, outbox and
the copy of the central payments (device side). Every database has every table; which ones
hold rows depends on whether it is the central database or a device's own SQLite file.

Central: `devices` (one mutable row per registered device), `device_checkouts`,
`device_syncs`, `device_postings`, `sync_flags`, `sync_flag_notes` (append-only).
Device: `device_identity` (one row), `device_outbox` (a queue: a row per journal entry not yet
acknowledged by the central books, added by a trigger in the entry's own transaction and
removed when the central books acknowledge it), `device_mirror` (payments of the work-list
accounts made elsewhere), `device_loads` (what was loaded when).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base, Fen

DEVICE_TABLES = [
    "device_checkouts",
    "device_syncs",
    "device_postings",
    "sync_flags",
    "sync_flag_notes",
]
"""The central side's append-only tables (schema.APPEND_ONLY_TABLES)."""


class DeviceRow(Base):
    """A registered device: its counter code, name and public key (Ed25519, hex)."""

    __tablename__ = "devices"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    public_key: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    registered_by: Mapped[str] = mapped_column(String(16))


class CentralKeyRow(Base):
    """The central books' Ed25519 key pair that signs check-out and answer bundles."""

    __tablename__ = "central_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    private_key: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DeviceCheckoutRow(Base):
    """A work list checked out to a device: which places, how many accounts, when."""

    __tablename__ = "device_checkouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_code: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(Text)
    accounts: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[dt.date] = mapped_column(Date)
    via: Mapped[str] = mapped_column(String(8))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    made_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_device_checkouts_device", "device_code", "id"),)


class DeviceSyncRow(Base):
    """One completed sync (its UUID is made by the device: a replay answers this row)."""

    __tablename__ = "device_syncs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sync_uuid: Mapped[str] = mapped_column(String(36))
    device_code: Mapped[str] = mapped_column(String(16))
    via: Mapped[str] = mapped_column(String(8))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    device_time: Mapped[str] = mapped_column(String(40))
    skew_seconds: Mapped[int] = mapped_column(BigInteger)
    booked_on: Mapped[dt.date] = mapped_column(Date)
    first_seq: Mapped[int | None] = mapped_column(BigInteger)
    last_seq: Mapped[int | None] = mapped_column(BigInteger)
    uploaded: Mapped[int] = mapped_column(Integer)
    already_there: Mapped[int] = mapped_column(Integer)
    conflicts: Mapped[int] = mapped_column(Integer)
    staff_no: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("uq_device_syncs_sync_uuid", "sync_uuid", unique=True),)


class DevicePostingRow(Base):
    """How the central books took one device entry: booking day, ledger date, clock skew."""

    __tablename__ = "device_postings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_uuid: Mapped[str] = mapped_column(String(36))
    device_code: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    account_no: Mapped[str | None] = mapped_column(String(32))
    reverses_uuid: Mapped[str | None] = mapped_column(String(36))
    taken_on: Mapped[dt.date] = mapped_column(Date)
    booked_on: Mapped[dt.date] = mapped_column(Date)
    ledger_date: Mapped[dt.date] = mapped_column(Date)
    skew_seconds: Mapped[int] = mapped_column(BigInteger)
    sync_uuid: Mapped[str] = mapped_column(String(36))
    posted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("uq_device_postings_entry_uuid", "entry_uuid", unique=True),
        Index("ix_device_postings_account", "account_no"),
        Index("ix_device_postings_booked", "booked_on"),
    )


class SyncFlagRow(Base):
    """A synced payment whose central allocation differs from its receipt (for the
    accountant): a credit or an adjustment, with both balances (fen)."""

    __tablename__ = "sync_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_uuid: Mapped[str] = mapped_column(String(36))
    receipt_no: Mapped[str] = mapped_column(String(32))
    account_no: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    receipt_balance_fen: Mapped[int] = mapped_column(Fen)
    central_balance_fen: Mapped[int] = mapped_column(Fen)
    detail: Mapped[str] = mapped_column(String(300))
    sync_uuid: Mapped[str] = mapped_column(String(36))
    flagged_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("uq_sync_flags_entry_uuid", "entry_uuid", unique=True),)


class SyncFlagNoteRow(Base):
    """The accountant's note resolving a flag (at most one per flag)."""

    __tablename__ = "sync_flag_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_id: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(300))
    staff_no: Mapped[str] = mapped_column(String(16))
    noted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("uq_sync_flag_notes_flag", "flag_id", unique=True),)


class DeviceIdentityRow(Base):
    """This device (in its own database): code, name, key pair, the central public key."""

    __tablename__ = "device_identity"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    private_key: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(64))
    central_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DeviceOutboxRow(Base):
    """A journal entry of this device that the central books have not acknowledged yet."""

    __tablename__ = "device_outbox"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    counter_code: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_device_outbox_seq", "counter_code", "seq"),)


class DeviceMirrorRow(Base):
    """A journal entry made elsewhere (a counter) for a work-list account, as the central
    books hold it: what the device's statements need to replay the account."""

    __tablename__ = "device_mirror"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    counter_code: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    account_no: Mapped[str | None] = mapped_column(String(32))
    business_date: Mapped[dt.date] = mapped_column(Date)
    value_date: Mapped[dt.date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Fen)
    applied_fen: Mapped[int] = mapped_column(Fen)
    channel: Mapped[str | None] = mapped_column(String(16))
    reverses: Mapped[str | None] = mapped_column(String(32))
    staff_no: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_device_mirror_account", "account_no"),)


class DeviceLoadRow(Base):
    """What this device loaded from the central books: a check-out or a sync answer."""

    __tablename__ = "device_loads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[dt.date] = mapped_column(Date)
    accounts: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
