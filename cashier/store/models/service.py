"""Service records the service standard requires: cases, measurements, outages, their journal.

Every table here is append-only (schema.APPEND_ONLY_TABLES): nothing is edited or deleted.
What happens later is a new row (a case step, an outage event, a correcting measurement).
`service_journal` chains every record (cashier.domain.service_journal); `cashier verify`
recomputes it from the rows. Areas are 0.01 m² and readings 0.1 ℃ integers, so both
databases give back exactly what was written.
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
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base, Fen


class ServiceJournalEntry(Base):
    """One entry of the service journal: which record (table kind, id, and the number people
    know it by), in which order, and its chain hash."""

    __tablename__ = "service_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("kind", "record_id"),)


class ServiceCase(Base):
    """A complaint, report or heat-supply application as received (投诉/举报/用热申请)."""

    __tablename__ = "service_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    channel: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))
    recorder_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (
        Index("ix_service_cases_received", "received_at"),
        Index("ix_service_cases_account", "account_id"),
    )


class ServiceCaseStep(Base):
    """A step appended to a case: handling, reply, follow-up or closing."""

    __tablename__ = "service_case_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_cases.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))
    recorder_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (Index("ix_service_case_steps_case", "case_id"),)


class SignatureRecord(Base):
    """A signature made on screen: PNG, stroke JSON, pad size, and the digest of both.

    Any record that needs a signature (measurements here, repair bills later) points at a
    row; its own chained content includes the digest, which `verify` recomputes from the bytes.
    """

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    png: Mapped[bytes] = mapped_column(LargeBinary)
    strokes: Mapped[str] = mapped_column(Text)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class TemperatureMeasurement(Base):
    """An indoor temperature measurement (测温记录); `corrects_id` names the one it replaces."""

    __tablename__ = "temperature_measurements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    measured_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    measurer: Mapped[str] = mapped_column(String(50))
    source: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(String(500), default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("temperature_measurements.id"))
    measurer_signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))
    household_signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))
    recorder_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (
        Index("ix_temperature_measurements_account", "account_id", "season_id"),
        Index("ix_temperature_measurements_measured", "measured_at"),
    )


class MeasurementRoom(Base):
    """One room of a measurement: name, area (0.01 m²) and reading (0.1 ℃)."""

    __tablename__ = "measurement_rooms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measurement_id: Mapped[int] = mapped_column(ForeignKey("temperature_measurements.id"))
    position: Mapped[int] = mapped_column(Integer)
    room: Mapped[str] = mapped_column(String(20))
    area_centi: Mapped[int] = mapped_column(Integer)
    reading_deci: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_measurement_rooms_measurement", "measurement_id"),)


class Outage(Base):
    """An outage (停热): start, end if known, cause, when households were told."""

    __tablename__ = "outages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    cause: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(200), default="")
    notice_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("outages.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))
    recorder_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (Index("ix_outages_started", "started_at"),)


class OutageAccount(Base):
    """An account an outage affected."""

    __tablename__ = "outage_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outage_id: Mapped[int] = mapped_column(ForeignKey("outages.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))

    __table_args__ = (
        UniqueConstraint("outage_id", "account_id"),
        Index("ix_outage_accounts_account", "account_id"),
    )


class OutageEventRecord(Base):
    """Something learnt about an outage later: heat restored, or households told."""

    __tablename__ = "outage_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outage_id: Mapped[int] = mapped_column(ForeignKey("outages.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))
    recorder_name: Mapped[str] = mapped_column(String(50))

    __table_args__ = (Index("ix_outage_events_outage", "outage_id"),)


class ServiceCredit(Base):
    """A credit (or its adjustment) posted to a season bill because of one record.

    `source` is "outage:ID" or "measurement:ID"; the sum per source is what that record has
    credited so far, so a correction posts only the difference.
    """

    __tablename__ = "service_credits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    source: Mapped[str] = mapped_column(String(32))
    amount_fen: Mapped[int] = mapped_column(Fen)
    posted_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_service_credits_account", "account_id", "season_id"),)


SERVICE_TABLES = [
    "service_journal",
    "service_cases",
    "service_case_steps",
    "signatures",
    "temperature_measurements",
    "measurement_rooms",
    "outages",
    "outage_accounts",
    "outage_events",
    "service_credits",
]
"""The append-only tables of this module (listed in schema.APPEND_ONLY_TABLES)."""
