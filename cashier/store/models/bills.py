"""Season bills (应收), their dated lines, and the frozen tariffs they were computed with.

All three tables are append-only (schema.APPEND_ONLY_TABLES): a bill is never edited; a
correction, credit or settlement is a new dated line on the bill.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base, Fen


class TariffVersion(Base):
    """One distinct tariff (canonical JSON of the parsed file), stored once.

    `digest` is the SHA-256 of `tariff_json`; every bill computed with this tariff points here,
    so a bill keeps the prices it was made with whatever is loaded later.
    """

    __tablename__ = "tariff_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    tariff_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))


class Bill(Base):
    """The bill of one account for one season; at most one per account and season.

    `facts_id` is the account_facts row the opening lines were computed from and `status`
    the season status (heating / suspended) used.
    """

    __tablename__ = "bills"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    tariff_version_id: Mapped[int] = mapped_column(ForeignKey("tariff_versions.id"))
    facts_id: Mapped[int] = mapped_column(ForeignKey("account_facts.id"))
    status: Mapped[str] = mapped_column(String(16))
    billed_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("account_id", "season_id"),
        Index("ix_bills_season", "season_id", "id"),
    )


class BillLine(Base):
    """One dated line of a bill, amount in fen (negative for a credit).

    `kind` is a fees.LABELS code; `corrects` names the kind an adjustment corrects; `reason`
    and `approved_by` are set for corrections, credits and waivers.
    """

    __tablename__ = "bill_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"))
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(64))
    amount_fen: Mapped[int] = mapped_column(Fen)
    detail: Mapped[str] = mapped_column(String(200), default="")
    corrects: Mapped[str | None] = mapped_column(String(32))
    posted_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_bill_lines_bill", "bill_id"),)
