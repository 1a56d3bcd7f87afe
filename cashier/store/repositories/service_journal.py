"""The service journal table: appended in chain order, read back by `cashier verify`."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cashier.domain.service_journal import JournalEntry
from cashier.store.models.service import (
    Outage,
    OutageEventRecord,
    ServiceCase,
    ServiceCaseStep,
    ServiceJournalEntry,
    TemperatureMeasurement,
)
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

CHAIN_LOCK_KEY = 0x7365_7276
"""PostgreSQL advisory lock serialising appends to the service journal ("serv")."""

RECORD_TABLES = {
    "case": ServiceCase,
    "case_step": ServiceCaseStep,
    "measurement": TemperatureMeasurement,
    "outage": Outage,
    "outage_event": OutageEventRecord,
}
"""Journal kind -> the table of its records."""


def _entry(row: ServiceJournalEntry) -> JournalEntry:
    return JournalEntry(
        row.seq, row.kind, row.record_id, row.ref, from_db(row.recorded_at), row.hash
    )


@repository("service_journal")
class SqlServiceJournal:
    """Append-only access to service_journal; the database refuses UPDATE and DELETE."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def head(self) -> tuple[int, str] | None:
        """(last seq, hash), holding the chain lock until the transaction ends; None if empty.

        SQLite write transactions begin IMMEDIATE (one writer at a time); PostgreSQL takes a
        transaction-scoped advisory lock.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY}
            )
        row = self._session.execute(
            select(ServiceJournalEntry.seq, ServiceJournalEntry.hash)
            .order_by(ServiceJournalEntry.seq.desc())
            .limit(1)
        ).first()
        return None if row is None else (row.seq, row.hash)

    def append(self, entry: JournalEntry) -> None:
        """Insert one complete entry (seq and hash computed by the caller)."""
        self._session.add(
            ServiceJournalEntry(
                seq=entry.seq,
                kind=entry.kind,
                record_id=entry.record_id,
                ref=entry.ref,
                recorded_at=to_db(entry.recorded_at),
                hash=entry.hash,
            )
        )
        self._session.flush()

    def batch(self, after_seq: int, limit: int) -> list[JournalEntry]:
        """The next entries after ``after_seq`` in chain order."""
        rows = self._session.scalars(
            select(ServiceJournalEntry)
            .where(ServiceJournalEntry.seq > after_seq)
            .order_by(ServiceJournalEntry.seq)
            .limit(limit)
        )
        return [_entry(row) for row in rows]

    def get(self, seq: int) -> JournalEntry | None:
        """The entry with this sequence number, or None."""
        row = self._session.scalar(
            select(ServiceJournalEntry).where(ServiceJournalEntry.seq == seq)
        )
        return None if row is None else _entry(row)

    def unjournaled(self, kind: str) -> list[int]:
        """Ids of records of ``kind`` that have no journal entry (written around the service)."""
        table = RECORD_TABLES[kind]
        entered = select(ServiceJournalEntry.record_id).where(ServiceJournalEntry.kind == kind)
        return list(
            self._session.scalars(
                select(table.id).where(table.id.not_in(entered)).order_by(table.id).limit(100)
            )
        )
