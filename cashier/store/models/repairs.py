"""Repairs: the price list, orders and their events, bill versions, sign-offs, follow-ups.

Every table here is append-only (schema.APPEND_ONLY_TABLES): a new price is a new row with a
later date, an order's progress is events, a changed bill is a new version, and a signature
is a sign-off row pointing at the `signatures` row (service.py) that holds the PNG and
strokes. Money is int fen; quantities are hundredths (0.01) so both databases are exact.
"""

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
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base, Fen


class RepairPriceRow(Base):
    """An approved repair item price or a catalogue material, valid from a date."""

    __tablename__ = "repair_prices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    spec: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(16))
    price_fen: Mapped[int] = mapped_column(Fen)
    basis: Mapped[str] = mapped_column(String(300), default="")
    valid_from: Mapped[dt.date] = mapped_column(Date)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    loaded_by: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (UniqueConstraint("kind", "code", "valid_from"),)


class RepairOrderRow(Base):
    """A repair call as received, with the paid/free decision told to the caller."""

    __tablename__ = "repair_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    channel: Mapped[str] = mapped_column(String(16))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    address: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    fault: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(16))
    paid: Mapped[bool] = mapped_column(Boolean)
    told_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))
    recorder_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (
        Index("ix_repair_orders_received", "received_at"),
        Index("ix_repair_orders_account", "account_id"),
    )


class RepairEventRow(Base):
    """Dispatch, arrival, finishing, cancelling or a revised charge decision of an order."""

    __tablename__ = "repair_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    technicians: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str | None] = mapped_column(String(16))
    paid: Mapped[bool | None] = mapped_column(Boolean)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))
    recorder_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (Index("ix_repair_events_order", "order_id", "kind"),)


class RepairBillVersionRow(Base):
    """One version of an order's itemised bill, with the digest the customer signs."""

    __tablename__ = "repair_bill_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    version: Mapped[int] = mapped_column(Integer)
    account_no: Mapped[str] = mapped_column(String(32), default="")
    customer_name: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    priced_on: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column(Fen)
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(16))
    creator_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (UniqueConstraint("order_id", "version"),)


class RepairBillLineRow(Base):
    """A line of a bill version: the price row's values copied, quantity in hundredths."""

    __tablename__ = "repair_bill_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("repair_bill_versions.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    spec: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(300), default="")
    quantity_centi: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Fen)
    amount_fen: Mapped[int] = mapped_column(Fen)

    __table_args__ = (Index("ix_repair_bill_lines_version", "version_id", "position"),)


class RepairSignOffRow(Base):
    """A customer's signature on a bill version (``version_id``) or on a damage
    confirmation (``damage_id``): the digest signed and the signature row."""

    __tablename__ = "repair_signoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("repair_bill_versions.id"))
    damage_id: Mapped[int | None] = mapped_column(ForeignKey("repair_damages.id"))
    digest: Mapped[str] = mapped_column(String(64))
    signature_id: Mapped[int] = mapped_column(ForeignKey("signatures.id"))
    signature_digest: Mapped[str] = mapped_column(String(64))
    signer_name: Mapped[str] = mapped_column(String(50), default="")
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    staff_no: Mapped[str] = mapped_column(String(16))
    staff_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (
        Index("uq_repair_signoffs_version", "version_id", unique=True),
        Index("uq_repair_signoffs_damage", "damage_id", unique=True),
    )


class RepairDamageRow(Base):
    """A damage confirmation (用户责任损坏确认单): facility and cause as explained."""

    __tablename__ = "repair_damages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    account_no: Mapped[str] = mapped_column(String(32), default="")
    customer_name: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    facility: Mapped[str] = mapped_column(String(100))
    cause: Mapped[str] = mapped_column(Text)
    explained_by: Mapped[str] = mapped_column(String(80))
    explained_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    digest: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_repair_damages_order", "order_id"),)


class RepairPaymentRow(Base):
    """A journal entry paying (or refunding) a bill version: the link from bill to money.

    ``serial`` counts the payments (refunds) of the version, so two counters paying the same
    bill at the same moment collide on the unique key instead of both being taken."""

    __tablename__ = "repair_payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("repair_bill_versions.id"))
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    serial: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Fen)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("version_id", "kind", "serial"),)


class RepairFollowUpRow(Base):
    """A follow-up (回访) of a finished order."""

    __tablename__ = "repair_followups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    satisfaction: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(Text, default="")
    staff_no: Mapped[str] = mapped_column(String(16))
    staff_name: Mapped[str] = mapped_column(String(50))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_repair_followups_order", "order_id"),)


REPAIR_TABLES = [
    "repair_prices",
    "repair_orders",
    "repair_events",
    "repair_bill_versions",
    "repair_bill_lines",
    "repair_signoffs",
    "repair_damages",
    "repair_payments",
    "repair_followups",
]
"""The append-only tables of this module (listed in schema.APPEND_ONLY_TABLES)."""
