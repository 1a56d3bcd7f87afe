"""Reconciliation: collectors' hand-overs, day closes, settlement statements and matching.

`handovers`, `day_closes`, `settlement_imports`, `settlement_lines` and
`settlement_resolutions` are append-only (RECONCILIATION_TABLES in schema.APPEND_ONLY_TABLES);
`settlement_presets` holds the editable column mappings and is updated in place.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base, Fen
from cashier.store.models.journal import JournalRow

JOURNAL_STAFF_INDEX = Index(
    "ix_journal_entries_staff", JournalRow.staff_no, JournalRow.business_date
)
"""A staff member's entries by day: collectors' open cash and the reconciliation rows."""


class HandoverRow(Base):
    """A collector's cash handed over (缴款): the journal entry that booked it, both people,
    what the books expected and what was counted, and both on-screen signatures."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32))
    counter_code: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[dt.date] = mapped_column(Date)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    collector_staff_no: Mapped[str] = mapped_column(String(16))
    collector_name: Mapped[str] = mapped_column(String(50))
    receiver_staff_no: Mapped[str] = mapped_column(String(16))
    receiver_name: Mapped[str] = mapped_column(String(50))
    expected_fen: Mapped[int] = mapped_column(Fen)
    counted_fen: Mapped[int] = mapped_column(Fen)
    collector_png: Mapped[bytes] = mapped_column(LargeBinary)
    collector_strokes: Mapped[str] = mapped_column(Text)
    collector_size: Mapped[str] = mapped_column(String(20))
    receiver_png: Mapped[bytes] = mapped_column(LargeBinary)
    receiver_strokes: Mapped[str] = mapped_column(Text)
    receiver_size: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        Index("uq_handovers_receipt_no", "receipt_no", unique=True),
        Index("ix_handovers_collector", "collector_staff_no", "business_date"),
        Index("ix_handovers_business_date", "business_date"),
    )


class DayCloseRow(Base):
    """The books closed through a business date, and the signed anchors file exported."""

    __tablename__ = "day_closes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    through_date: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str] = mapped_column(String(16))
    closed_by_name: Mapped[str] = mapped_column(String(50))
    anchors: Mapped[str] = mapped_column(Text)
    public_key: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))

    __table_args__ = (Index("uq_day_closes_through_date", "through_date", unique=True),)


class SettlementPresetRow(Base):
    """A saved column mapping for a provider's statement files (editable)."""

    __tablename__ = "settlement_presets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    provider: Mapped[str] = mapped_column(String(16))
    mapping: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("uq_settlement_presets_name", "name", unique=True),)


class SettlementImportRow(Base):
    """One statement file imported for a provider and day (a file is imported once)."""

    __tablename__ = "settlement_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[dt.date] = mapped_column(Date)
    file_name: Mapped[str] = mapped_column(String(200))
    file_sha256: Mapped[str] = mapped_column(String(64))
    preset: Mapped[str] = mapped_column(String(64))
    lines: Mapped[int] = mapped_column(Integer)
    total_fen: Mapped[int] = mapped_column(Fen)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (
        Index("uq_settlement_imports_file", "provider", "file_sha256", unique=True),
        Index("ix_settlement_imports_day", "business_date", "provider"),
    )


class SettlementLineRow(Base):
    """One transaction of an imported statement (amount negative for a refund)."""

    __tablename__ = "settlement_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("settlement_imports.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    amount_fen: Mapped[int] = mapped_column(Fen)
    kind: Mapped[str] = mapped_column(String(16))
    refs: Mapped[str] = mapped_column(Text)
    counterparty: Mapped[str] = mapped_column(String(100))

    __table_args__ = (Index("ix_settlement_lines_import", "import_id", "line_no"),)


class SettlementResolutionRow(Base):
    """An accountant's resolution of an unmatched or mismatched item, with a note (the
    newest one of an item counts)."""

    __tablename__ = "settlement_resolutions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_date: Mapped[dt.date] = mapped_column(Date)
    provider: Mapped[str] = mapped_column(String(16))
    item_key: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_settlement_resolutions_day", "business_date", "provider"),)


RECONCILIATION_TABLES = [
    "handovers",
    "day_closes",
    "settlement_imports",
    "settlement_lines",
    "settlement_resolutions",
]
"""The append-only tables of this module (listed in schema.APPEND_ONLY_TABLES)."""
