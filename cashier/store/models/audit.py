"""The append-only, hash-chained audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base


class AuditEntry(Base):
    """Who did what and when. Rows are never updated or deleted (guarded by triggers and,
    on PostgreSQL, by privileges); `hash` chains each row to the one before (by `seq`).

    `actor_id` deliberately has no foreign key: a failed sign-in names a staff number that
    may not exist, and the log must outlive any change to the users table.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    staff_no: Mapped[str] = mapped_column(String(16))
    actor_name: Mapped[str] = mapped_column(String(50))
    event: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_log_recorded_at", "recorded_at"),
        Index("ix_audit_log_staff_no", "staff_no", "recorded_at"),
        Index("ix_audit_log_event", "event", "recorded_at"),
    )
