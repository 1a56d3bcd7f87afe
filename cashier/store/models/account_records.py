"""What happens to an account besides its facts: opening arrears, holder changes, closing,
metered readings. Every table here is append-only (schema.APPEND_ONLY_TABLES).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base, Fen


class OpeningArrearsRecord(Base):
    """Arrears carried over from the previous system (往年欠费): at most one per account.

    An open item older than any season, without late fee; payments settle it first.
    """

    __tablename__ = "opening_arrears"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    amount_fen: Mapped[int] = mapped_column(Fen)
    booked_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))


class OpeningArrearsAdjustmentRecord(Base):
    """A correction of an account's opening arrears (调整往年欠费): a signed amount in fen added
    on ``booked_on``, with the reason and the approving supervisor's staff number."""

    __tablename__ = "opening_arrears_adjustments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    amount_fen: Mapped[int] = mapped_column(Fen)
    booked_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
    approved_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_opening_arrears_adjustments_account", "account_id", "id"),)


class HolderChangeRecord(Base):
    """A change of holder (过户): name and phone before and after; the account keeps its number."""

    __tablename__ = "holder_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    old_name: Mapped[str] = mapped_column(String(100))
    old_phone: Mapped[str] = mapped_column(String(32))
    new_name: Mapped[str] = mapped_column(String(100))
    new_phone: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_holder_changes_account", "account_id"),)


class ClosureRecord(Base):
    """The closing of an account (销户): at most one per account; it is then never billed."""

    __tablename__ = "account_closures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    closed_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str | None] = mapped_column(String(64))


class MeterReadingRecord(Base):
    """A metered account's consumption for a season, in thousandths of the tariff's unit.

    One reading per account and season; its settlement line is posted to the season's bill.
    """

    __tablename__ = "meter_readings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    consumption_milli: Mapped[int] = mapped_column(BigInteger)
    read_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("account_id", "season_id"),)
