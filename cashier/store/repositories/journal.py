"""The counters' journals: numbering under a lock, appending, reading, streaming for verify."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import Row, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cashier.domain.chain import GENESIS_HASH, Anchor
from cashier.domain.journal import (
    PAYMENT,
    REFUND,
    VOID,
    CounterState,
    JournalEntry,
    credit_payout_item,
    journal_chain,
    receipt_number,
)
from cashier.domain.ledger import OpenItem, Payment, Void
from cashier.store.models import Account, CounterRow, JournalAnchor, JournalRow
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

_COLUMNS = tuple(JournalRow.__table__.columns)
_FIELDS = tuple(c.name for c in _COLUMNS if c.name not in ("id", "counter_code"))


def entry_from_row(row: Row) -> JournalEntry:
    """A journal entry from a journal_entries row."""
    return JournalEntry(
        uuid=row.uuid,
        counter=row.counter_code,
        seq=row.seq,
        kind=row.kind,
        business_date=row.business_date,
        value_date=row.value_date,
        taken_at=from_db(row.taken_at),
        device_time=row.device_time,
        staff_no=row.staff_no,
        staff_name=row.staff_name,
        shift_seq=row.shift_seq,
        account_no=row.account_no,
        amount_fen=row.amount_fen,
        applied_fen=row.applied_fen,
        channel=row.channel,
        reverses=row.reverses,
        body=row.body,
        version=row.version,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def _row_values(entry: JournalEntry) -> dict:
    values = {name: getattr(entry, name) for name in _FIELDS}
    values["counter_code"] = entry.counter
    values["taken_at"] = to_db(entry.taken_at)
    return values


def _state(row: CounterRow) -> CounterState:
    return CounterState(
        row.code, row.last_seq, row.head_hash, row.open_shift_seq, row.open_shift_staff
    )


@repository("journal")
class SqlJournalRepository:
    """Append-only access to journal_entries; `counters` holds each journal's head."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _postgres(self) -> bool:
        return self._session.get_bind().dialect.name == "postgresql"

    def lock_counter(self, counter: str) -> CounterState:
        """The counter's state, created when new, locked until the transaction ends."""
        maker = pg_insert if self._postgres else sqlite_insert
        self._session.execute(
            maker(CounterRow)
            .values(code=counter, last_seq=0, head_hash=GENESIS_HASH)
            .on_conflict_do_nothing()
        )
        query = select(CounterRow).where(CounterRow.code == counter)
        if self._postgres:
            query = query.with_for_update()
        row = self._session.scalars(query.execution_options(populate_existing=True)).one()
        return _state(row)

    def counter(self, counter: str) -> CounterState | None:
        """The counter's state without locking it, or None."""
        row = self._session.get(CounterRow, counter, populate_existing=True)
        return None if row is None else _state(row)

    def counters(self) -> list[CounterState]:
        """Every counter, by code."""
        rows = self._session.scalars(select(CounterRow).order_by(CounterRow.code))
        return [_state(row) for row in rows]

    def append(self, entry: JournalEntry) -> None:
        """Insert a sealed entry and advance the counter's head to it."""
        self._session.execute(JournalRow.__table__.insert().values(**_row_values(entry)))
        self._session.execute(
            update(CounterRow)
            .where(CounterRow.code == entry.counter)
            .values(last_seq=entry.seq, head_hash=entry.hash)
        )

    def set_open_shift(self, counter: str, shift_seq: int | None, staff_no: str | None) -> None:
        """Record the counter's open shift (None, None when it closes)."""
        self._session.execute(
            update(CounterRow)
            .where(CounterRow.code == counter)
            .values(open_shift_seq=shift_seq, open_shift_staff=staff_no)
        )

    def lock_account(self, account_no: str) -> None:
        """Lock the account's row on PostgreSQL (SQLite serialises every write anyway)."""
        if self._postgres:
            self._session.execute(
                select(Account.id).where(Account.account_no == account_no).with_for_update()
            )

    def _one(self, *where) -> JournalEntry | None:
        row = self._session.execute(select(*_COLUMNS).where(*where).limit(1)).first()
        return None if row is None else entry_from_row(row)

    def by_uuid(self, uuid: str) -> JournalEntry | None:
        """The entry with this client UUID, or None."""
        return self._one(JournalRow.uuid == uuid)

    def get(self, counter: str, seq: int) -> JournalEntry | None:
        """Entry `seq` of `counter`, or None."""
        return self._one(JournalRow.counter_code == counter, JournalRow.seq == seq)

    def reversal_of(self, receipt_no: str) -> JournalEntry | None:
        """The void or refund reversing `receipt_no`, or None."""
        return self._one(JournalRow.reverses == receipt_no)

    def for_account(self, account_no: str, *, offset: int, limit: int) -> list[JournalEntry]:
        """The account's entries, newest first."""
        query = (
            select(*_COLUMNS)
            .where(JournalRow.account_no == account_no)
            .order_by(JournalRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [entry_from_row(row) for row in self._session.execute(query)]

    def shift_entries(self, counter: str, shift_seq: int) -> list[JournalEntry]:
        """The entries of one shift, in order."""
        query = (
            select(*_COLUMNS)
            .where(JournalRow.counter_code == counter, JournalRow.shift_seq == shift_seq)
            .order_by(JournalRow.seq)
        )
        return [entry_from_row(row) for row in self._session.execute(query)]

    def iter_counter(self, counter: str, batch: int = 5000) -> Iterator[JournalEntry]:
        """Every entry of `counter` by (seq, row id), streamed `batch` rows at a time."""
        query = (
            select(*_COLUMNS)
            .where(JournalRow.counter_code == counter)
            .order_by(JournalRow.seq, JournalRow.id)
            .execution_options(yield_per=batch)
        )
        for row in self._session.execute(query):
            yield entry_from_row(row)

    def counter_codes(self) -> list[str]:
        """Codes of every counter with entries or a counter row."""
        used = self._session.scalars(select(JournalRow.counter_code).distinct())
        return sorted(set(used) | {state.counter for state in self.counters()})

    def add_anchor(
        self, anchor: Anchor, counter: str, *, made_at: dt.datetime, made_by: str
    ) -> None:
        """Store an anchor taken at a shift close."""
        self._session.add(
            JournalAnchor(
                counter_code=counter,
                seq=anchor.seq,
                hash=anchor.hash,
                made_at=to_db(made_at),
                made_by=made_by,
            )
        )
        self._session.flush()

    def anchors(self) -> list[tuple[str, Anchor]]:
        """Every stored anchor as (counter, anchor), oldest first."""
        rows = self._session.execute(
            select(JournalAnchor.counter_code, JournalAnchor.seq, JournalAnchor.hash).order_by(
                JournalAnchor.id
            )
        )
        return [(code, Anchor(journal_chain(code), seq, digest)) for code, seq, digest in rows]


def ledger_events(
    session: Session, account_no: str
) -> tuple[list[Payment], list[Void], list[OpenItem]]:
    """An account's payments and their voids/refunds for the ledger replay, in posting order,
    and the open items its credit payouts (预存退款) are (paid from the credit balance)."""
    rows = session.execute(
        select(
            JournalRow.uuid,
            JournalRow.counter_code,
            JournalRow.seq,
            JournalRow.kind,
            JournalRow.business_date,
            JournalRow.value_date,
            JournalRow.applied_fen,
            JournalRow.channel,
            JournalRow.reverses,
        )
        .where(JournalRow.account_no == account_no, JournalRow.kind.in_((PAYMENT, VOID, REFUND)))
        .order_by(JournalRow.id)
    ).all()
    uuids = {receipt_number(r.counter_code, r.seq): r.uuid for r in rows if r.kind == PAYMENT}
    payments = [
        Payment(r.uuid, r.value_date, r.applied_fen, r.channel or "cash")
        for r in rows
        if r.kind == PAYMENT
    ]
    voids = [
        Void(uuids[r.reverses], r.business_date)
        for r in rows
        if r.reverses is not None and r.reverses in uuids
    ]
    payouts = [
        credit_payout_item(receipt_number(r.counter_code, r.seq), -r.applied_fen, r.business_date)
        for r in rows
        if r.kind == REFUND and r.reverses is None
    ]
    return payments, voids, payouts


def account_id_to_no(session: Session, account_id: int) -> str | None:
    """The account number of an account id (None when unknown)."""
    return session.scalar(select(Account.account_no).where(Account.id == account_id))

