"""The counter journals, their counters and anchors, and what is recorded about receipts.

`journal_entries`, `journal_anchors`, `receipt_reprints`, `invoice_exchanges`,
`agent_receipts` and `suspense_assignments` are append-only (schema.APPEND_ONLY_TABLES).
`counters` is the one mutable row per counter: its last number and chain head, locked by
every posting so numbers are issued one at a time (FOR UPDATE on PostgreSQL; SQLite write
transactions begin IMMEDIATE). Uniqueness is declared with named unique indexes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base, Fen


class CounterRow(Base):
    """One counter (收费窗口, collector's laptop, the agent import): its journal's head."""

    __tablename__ = "counters"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    head_hash: Mapped[str] = mapped_column(String(64))
    open_shift_seq: Mapped[int | None] = mapped_column(BigInteger)
    open_shift_staff: Mapped[str | None] = mapped_column(String(16))


class JournalRow(Base):
    """One journal entry (see cashier.domain.journal); never updated or deleted."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36))
    counter_code: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[dt.date] = mapped_column(Date)
    value_date: Mapped[dt.date] = mapped_column(Date)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    device_time: Mapped[str] = mapped_column(String(40))
    staff_no: Mapped[str] = mapped_column(String(16))
    staff_name: Mapped[str] = mapped_column(String(50))
    shift_seq: Mapped[int | None] = mapped_column(BigInteger)
    account_no: Mapped[str | None] = mapped_column(String(32))
    amount_fen: Mapped[int] = mapped_column(Fen)
    applied_fen: Mapped[int] = mapped_column(Fen)
    channel: Mapped[str | None] = mapped_column(String(16))
    reverses: Mapped[str | None] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("uq_journal_entries_uuid", "uuid", unique=True),
        Index("uq_journal_entries_counter_seq", "counter_code", "seq", unique=True),
        Index("uq_journal_entries_reverses", "reverses", unique=True),
        Index("ix_journal_entries_account", "account_no", "id"),
        Index("ix_journal_entries_shift", "counter_code", "shift_seq"),
        Index("ix_journal_entries_business_date", "business_date"),
    )


class JournalAnchor(Base):
    """A counter's chain head taken at a shift close: (counter, last seq, hash).

    `signature` is left for the day close, which signs exported anchors with Ed25519.
    """

    __tablename__ = "journal_anchors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter_code: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    made_by: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_journal_anchors_counter", "counter_code", "seq"),)


class ReceiptReprint(Base):
    """One reprint (补打) of a receipt: the Nth for that receipt number, by whom, when."""

    __tablename__ = "receipt_reprints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32))
    reprint_no: Mapped[int] = mapped_column(Integer)
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    staff_no: Mapped[str] = mapped_column(String(16))

    __table_args__ = (
        Index("uq_receipt_reprints_receipt_no", "receipt_no", "reprint_no", unique=True),
    )


class InvoiceExchange(Base):
    """A receipt exchanged for an invoice (换开发票): at most once per receipt."""

    __tablename__ = "invoice_exchanges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32))
    invoice_no: Mapped[str] = mapped_column(String(32))
    invoice_date: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("uq_invoice_exchanges_receipt_no", "receipt_no", unique=True),)


class AgentReceipt(Base):
    """One row of a bank/agent collection file as imported.

    `receipt_no` is the journal entry that posted it; None puts it in suspense (待查款项)
    until an accountant assigns it (suspense_assignments). A (channel, serial) is imported
    once only.
    """

    __tablename__ = "agent_receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    serial: Mapped[str] = mapped_column(String(64))
    account_no: Mapped[str] = mapped_column(String(32))
    amount_fen: Mapped[int] = mapped_column(Fen)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    receipt_no: Mapped[str | None] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (
        Index("uq_agent_receipts_channel_serial", "channel", "serial", unique=True),
    )


class SuspenseAssignment(Base):
    """An accountant's assignment of a suspense row to an account, and the payment posted."""

    __tablename__ = "suspense_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_receipt_id: Mapped[int] = mapped_column(ForeignKey("agent_receipts.id"))
    account_no: Mapped[str] = mapped_column(String(32))
    receipt_no: Mapped[str] = mapped_column(String(32))
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    assigned_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (
        Index("uq_suspense_assignments_agent_receipt", "agent_receipt_id", unique=True),
    )
