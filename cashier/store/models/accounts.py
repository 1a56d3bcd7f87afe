"""Accounts (热用户) and the dated history of their billing facts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base


class Account(Base):
    """A household or business that is billed for heat; who it is and where."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(32), default="")
    estate: Mapped[str] = mapped_column(String(100))
    building: Mapped[str] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(32), default="")
    room: Mapped[str] = mapped_column(String(32))
    contract_no: Mapped[str] = mapped_column(String(64), default="")
    contract_start: Mapped[dt.date | None] = mapped_column(Date)
    contract_end: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_accounts_phone", "phone"),
        Index("ix_accounts_name", "name"),
        Index("ix_accounts_address", "estate", "building", "unit", "room"),
    )


class AccountFacts(Base):
    """One dated version of an account's billing facts; the newest valid one applies.

    Areas and heights are integer hundredths (0.01 m², 0.01 m) so both databases are exact.
    Rows are appended, never edited: a change is a new row with who, why and who approved.
    """

    __tablename__ = "account_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(16))
    low_income: Mapped[bool] = mapped_column(Boolean, default=False)
    heated_area_centi: Mapped[int] = mapped_column(Integer)
    ceiling_height_centi: Mapped[int | None] = mapped_column(Integer)
    billing: Mapped[str] = mapped_column(String(16), default="area")
    connected_on: Mapped[dt.date | None] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_account_facts_account", "account_id", "valid_from"),)


class AccountStatus(Base):
    """Heating or suspended (供热/报停) for one season; the newest row for a season applies."""

    __tablename__ = "account_statuses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    status: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_account_statuses_account", "account_id", "season_id"),)
