"""The device side of `uow.devices`: this database's identity, its outbox (filled by a
trigger in each journal entry's own transaction), the payments made elsewhere that it keeps
for its statements, and what it loaded from the central books."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cashier.domain.device import DeviceIdentity
from cashier.domain.journal import JournalEntry
from cashier.store.models.devices import (
    DeviceIdentityRow,
    DeviceLoadRow,
    DeviceMirrorRow,
    DeviceOutboxRow,
)
from cashier.store.timeutil import from_db, to_db

OUTBOX_TRIGGER = "device_outbox_enqueue"
COUNTER_GUARD = "device_only_own_counter"


def install_device_triggers(session: Session, code: str) -> None:
    """On a device's own SQLite file: every journal entry goes into the outbox in the same
    transaction (a trigger, whatever service wrote it), and an entry of another counter is
    refused (the device numbers only its own series). Idempotent."""
    if session.get_bind().dialect.name != "sqlite":
        raise ValueError("a device's database is an SQLite file")
    quoted = code.replace("'", "''")
    session.execute(
        text(
            f"CREATE TRIGGER IF NOT EXISTS {COUNTER_GUARD} BEFORE INSERT ON journal_entries "
            f"WHEN NEW.counter_code <> '{quoted}' BEGIN SELECT RAISE(ABORT, "
            f"'device {quoted} numbers only its own journal'); END"
        )
    )
    session.execute(
        text(
            f"CREATE TRIGGER IF NOT EXISTS {OUTBOX_TRIGGER} AFTER INSERT ON journal_entries "
            "BEGIN INSERT INTO device_outbox (uuid, counter_code, seq) "
            "VALUES (NEW.uuid, NEW.counter_code, NEW.seq); END"
        )
    )


def _identity(row: DeviceIdentityRow) -> DeviceIdentity:
    return DeviceIdentity(row.code, row.name, row.private_key, row.public_key, row.central_key)


class DeviceSideRecords:
    """What a device's own database records about itself (mixed into the repository)."""

    _session: Session

    def identity(self) -> DeviceIdentity | None:
        """This database's device identity, or None (not a device)."""
        row = self._session.scalar(select(DeviceIdentityRow))
        return None if row is None else _identity(row)

    def set_identity(self, identity: DeviceIdentity, *, at: dt.datetime) -> None:
        """Make this database the device `identity` (its triggers installed)."""
        self._session.add(
            DeviceIdentityRow(
                code=identity.code,
                name=identity.name,
                private_key=identity.private_key,
                public_key=identity.public_key,
                central_key=identity.central_key,
                created_at=to_db(at),
            )
        )
        self._session.flush()
        install_device_triggers(self._session, identity.code)

    def set_central_key(self, code: str, central_key: str) -> None:
        """Record the central books' public key on this device."""
        row = self._session.get(DeviceIdentityRow, code)
        if row is not None:
            row.central_key = central_key
            self._session.flush()

    def ensure_triggers(self) -> None:
        """Install the device triggers again (a schema upgrade may have rebuilt the table)."""
        identity = self.identity()
        if identity is not None:
            install_device_triggers(self._session, identity.code)

    def outbox(self) -> list[tuple[str, int]]:
        """(counter, seq) of every entry not acknowledged yet, in number order."""
        rows = self._session.execute(
            select(DeviceOutboxRow.counter_code, DeviceOutboxRow.seq).order_by(
                DeviceOutboxRow.counter_code, DeviceOutboxRow.seq
            )
        )
        return [(code, seq) for code, seq in rows]

    def acknowledge(self, counter: str, through_seq: int) -> int:
        """Take the counter's entries up to `through_seq` off the outbox; returns how many."""
        result = self._session.execute(
            delete(DeviceOutboxRow).where(
                DeviceOutboxRow.counter_code == counter, DeviceOutboxRow.seq <= through_seq
            )
        )
        return result.rowcount or 0

    def add_mirror(self, entries: Iterable[JournalEntry]) -> int:
        """Store payments made elsewhere (by UUID, once); returns how many were new."""
        rows = [
            {
                "uuid": e.uuid,
                "counter_code": e.counter,
                "seq": e.seq,
                "kind": e.kind,
                "account_no": e.account_no,
                "business_date": e.business_date,
                "value_date": e.value_date,
                "amount_fen": e.amount_fen,
                "applied_fen": e.applied_fen,
                "channel": e.channel,
                "reverses": e.reverses,
                "staff_no": e.staff_no,
            }
            for e in entries
        ]
        if not rows:
            return 0
        before = self._mirror_count()
        self._session.execute(
            sqlite_insert(DeviceMirrorRow.__table__).on_conflict_do_nothing(), rows
        )
        return self._mirror_count() - before

    def _mirror_count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(DeviceMirrorRow)) or 0

    def add_load(
        self, kind: str, on: dt.date, accounts: int, rows: int, summary: dict, *, at: dt.datetime
    ) -> None:
        """Record a check-out or sync answer loaded on this device."""
        self._session.add(
            DeviceLoadRow(
                kind=kind,
                business_date=on,
                accounts=accounts,
                rows=rows,
                summary=json.dumps(summary, ensure_ascii=False, sort_keys=True),
                loaded_at=to_db(at),
            )
        )

    def last_load(self, kind: str) -> tuple[dt.datetime, dict] | None:
        """When the newest load of `kind` happened and its summary, or None."""
        query = select(DeviceLoadRow).where(DeviceLoadRow.kind == kind)
        row = self._session.scalar(query.order_by(DeviceLoadRow.id.desc()))
        return None if row is None else (from_db(row.loaded_at), json.loads(row.summary))
