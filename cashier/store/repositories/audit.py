"""The audit log table: appended in chain order, read back for the Audit page and verify."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from cashier.domain.audit import AuditFilter, AuditRecord, details_text
from cashier.store.models.audit import AuditEntry
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

CHAIN_LOCK_KEY = 0x6175_6469
"""PostgreSQL advisory lock serialising appends to the audit chain ("audi")."""


_COLUMNS = tuple(AuditEntry.__table__.columns)


def _record(row) -> AuditRecord:
    return AuditRecord(
        seq=row.seq,
        recorded_at=from_db(row.recorded_at),
        actor_id=row.actor_id,
        staff_no=row.staff_no,
        actor_name=row.actor_name,
        event=row.event,
        details=json.loads(row.details),
        version=row.version,
        hash=row.hash,
    )


def _filtered(statement: Select, where: AuditFilter) -> Select:
    if where.since is not None:
        statement = statement.where(AuditEntry.recorded_at >= to_db(where.since))
    if where.until is not None:
        statement = statement.where(AuditEntry.recorded_at < to_db(where.until))
    if where.staff_no:
        statement = statement.where(AuditEntry.staff_no == where.staff_no)
    if where.event:
        statement = statement.where(AuditEntry.event == where.event)
    return statement


@repository("audit")
class SqlAuditRepository:
    """Append-only access to audit_log; the database refuses UPDATE and DELETE anyway."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def head(self) -> tuple[int, str] | None:
        """(last seq, hash), holding the chain lock until the transaction ends; None if empty.

        SQLite write transactions already begin IMMEDIATE (one writer at a time); PostgreSQL
        takes a transaction-scoped advisory lock, which needs no privilege on the table.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY}
            )
        row = self._session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        return None if row is None else (row.seq, row.hash)

    def append(self, record: AuditRecord) -> None:
        """Insert one complete record (seq and hash computed by the caller)."""
        self._session.add(
            AuditEntry(
                seq=record.seq,
                recorded_at=to_db(record.recorded_at),
                actor_id=record.actor_id,
                staff_no=record.staff_no,
                actor_name=record.actor_name,
                event=record.event,
                details=details_text(record.details),
                version=record.version,
                hash=record.hash,
            )
        )
        self._session.flush()

    def find(self, where: AuditFilter, *, offset: int, limit: int) -> list[AuditRecord]:
        """Matching records, newest first, `limit` of them after skipping `offset`."""
        statement = _filtered(select(*_COLUMNS), where)
        statement = statement.order_by(AuditEntry.seq.desc()).offset(offset).limit(limit)
        return [_record(row) for row in self._session.execute(statement)]

    def count(self, where: AuditFilter) -> int:
        """How many records match."""
        statement = _filtered(select(func.count()).select_from(AuditEntry), where)
        return self._session.scalar(statement) or 0

    def get(self, seq: int) -> AuditRecord | None:
        """The record with this sequence number, or None."""
        row = self._session.execute(select(*_COLUMNS).where(AuditEntry.seq == seq)).first()
        return None if row is None else _record(row)

    def iter_all(self, batch: int = 1000) -> Iterator[AuditRecord]:
        """Every record by ascending seq, `batch` rows per query (keyset paging)."""
        last = 0
        while True:
            statement = (
                select(*_COLUMNS)
                .where(AuditEntry.seq > last)
                .order_by(AuditEntry.seq)
                .limit(batch)
            )
            rows = [_record(row) for row in self._session.execute(statement)]
            if not rows:
                return
            yield from rows
            last = rows[-1].seq
