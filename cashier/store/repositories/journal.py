"""The counters' journals: numbering under a lock, appending, reading, streaming for verify."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from sqlalchemy import Row, bindparam, func, select, update
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
from cashier.store.models import Account, CounterRow, DayCloseRow, JournalAnchor, JournalRow
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

GENERATION = "journal_generation"
"""Key in a session's `info`: bumped by every append, so readers can cache per generation."""

_FIELDS = tuple(f.name for f in dataclasses.fields(JournalEntry))
ENTRY_COLUMNS = tuple(
    JournalRow.__table__.c["counter_code" if name == "counter" else name] for name in _FIELDS
)
"""The columns of an entry, in the order of JournalEntry's fields (see entry_from_row)."""
_COLUMNS = ENTRY_COLUMNS
_TAKEN_AT = _FIELDS.index("taken_at")


def entry_from_row(row: Row) -> JournalEntry:
    """A journal entry from a row selected with ENTRY_COLUMNS (by position: fast enough to
    stream a million rows through verify)."""
    values = list(row)
    values[_TAKEN_AT] = from_db(values[_TAKEN_AT])
    return JournalEntry(*values)


def _row_values(entry: JournalEntry) -> dict:
    pairs = zip(_FIELDS, _COLUMNS, strict=True)
    values = {column.name: getattr(entry, name) for name, column in pairs}
    values["taken_at"] = to_db(entry.taken_at)
    return values


_COUNTERS = CounterRow.__table__
_ENTRIES = JournalRow.__table__
_CLOSED_THROUGH = select(func.max(DayCloseRow.through_date)).scalar_subquery()
"""The last business date closed (日结): postings are booked after it."""
_STATE = select(
    _COUNTERS.c.code,
    _COUNTERS.c.last_seq,
    _COUNTERS.c.head_hash,
    _COUNTERS.c.open_shift_seq,
    _COUNTERS.c.open_shift_staff,
    _CLOSED_THROUGH,
)
_ONE_STATE = _STATE.where(_COUNTERS.c.code == bindparam("code"))
_ADVANCE = (
    update(_COUNTERS)
    .where(_COUNTERS.c.code == bindparam("which"))
    .values(last_seq=bindparam("new_seq"), head_hash=bindparam("new_head"))
)
_SELECT_ENTRY = select(*_COLUMNS)
_BY_UUID = _SELECT_ENTRY.where(_ENTRIES.c.uuid == bindparam("uuid")).limit(1)
_BY_SEQ = _SELECT_ENTRY.where(
    _ENTRIES.c.counter_code == bindparam("code"), _ENTRIES.c.seq == bindparam("seq")
).limit(1)
_BY_REVERSES = _SELECT_ENTRY.where(_ENTRIES.c.reverses == bindparam("receipt_no")).limit(1)


def _state(row: Row) -> CounterState:
    return CounterState(*row)


@repository("journal")
class SqlJournalRepository:
    """Append-only access to journal_entries; `counters` holds each journal's head.

    Statements are built once at import and run with parameters: posting is on the counter's
    critical path (see tests/perf/bench_post_payment.py).
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _postgres(self) -> bool:
        return self._session.get_bind().dialect.name == "postgresql"

    def lock_counter(self, counter: str) -> CounterState:
        """The counter's state, created when new, locked until the transaction ends."""
        query = _ONE_STATE.with_for_update(of=_COUNTERS) if self._postgres else _ONE_STATE
        row = self._session.execute(query, {"code": counter}).first()
        if row is None:
            maker = pg_insert if self._postgres else sqlite_insert
            self._session.execute(
                maker(_COUNTERS)
                .values(code=counter, last_seq=0, head_hash=GENESIS_HASH)
                .on_conflict_do_nothing()
            )
            row = self._session.execute(query, {"code": counter}).one()
        return _state(row)

    def counter(self, counter: str) -> CounterState | None:
        """The counter's state without locking it, or None."""
        row = self._session.execute(_ONE_STATE, {"code": counter}).first()
        return None if row is None else _state(row)

    def counters(self) -> list[CounterState]:
        """Every counter, by code."""
        rows = self._session.execute(_STATE.order_by(_COUNTERS.c.code))
        return [_state(row) for row in rows]

    def append(self, entry: JournalEntry) -> None:
        """Insert a sealed entry and advance the counter's head to it."""
        self._session.execute(_ENTRIES.insert(), _row_values(entry))
        advance = {"which": entry.counter, "new_seq": entry.seq, "new_head": entry.hash}
        self._session.execute(_ADVANCE, advance)
        self._session.info[GENERATION] = self._session.info.get(GENERATION, 0) + 1

    def set_open_shift(self, counter: str, shift_seq: int | None, staff_no: str | None) -> None:
        """Record the counter's open shift (None, None when it closes)."""
        self._session.execute(
            update(_COUNTERS)
            .where(_COUNTERS.c.code == counter)
            .values(open_shift_seq=shift_seq, open_shift_staff=staff_no)
        )

    def lock_account(self, account_no: str) -> None:
        """Lock the account's row on PostgreSQL (SQLite serialises every write anyway)."""
        if self._postgres:
            self._session.execute(
                select(Account.id).where(Account.account_no == account_no).with_for_update()
            )

    def _one(self, query, **params) -> JournalEntry | None:
        row = self._session.execute(query, params).first()
        return None if row is None else entry_from_row(row)

    def by_uuid(self, uuid: str) -> JournalEntry | None:
        """The entry with this client UUID, or None."""
        return self._one(_BY_UUID, uuid=uuid)

    def get(self, counter: str, seq: int) -> JournalEntry | None:
        """Entry `seq` of `counter`, or None."""
        return self._one(_BY_SEQ, code=counter, seq=seq)

    def reversal_of(self, receipt_no: str) -> JournalEntry | None:
        """The void or refund reversing `receipt_no`, or None."""
        return self._one(_BY_REVERSES, receipt_no=receipt_no)

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
        connection = self._session.connection()  # Core rows: no ORM loading per row
        for row in connection.execute(query):
            yield entry_from_row(row)

    def iter_all(self, batch: int = 5000) -> Iterator[JournalEntry]:
        """Every entry of every counter in the order they were stored (one sequential scan)."""
        query = select(*_COLUMNS).order_by(_ENTRIES.c.id).execution_options(yield_per=batch)
        for row in self._session.connection().execute(query):
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


_EVENTS = (
    select(
        _ENTRIES.c.uuid,
        _ENTRIES.c.counter_code,
        _ENTRIES.c.seq,
        _ENTRIES.c.kind,
        _ENTRIES.c.business_date,
        _ENTRIES.c.value_date,
        _ENTRIES.c.applied_fen,
        _ENTRIES.c.channel,
        _ENTRIES.c.reverses,
    )
    .join(Account, Account.account_no == _ENTRIES.c.account_no)
    .where(Account.id == bindparam("account_id"), _ENTRIES.c.kind.in_((PAYMENT, VOID, REFUND)))
    .order_by(_ENTRIES.c.id)
)


def ledger_events(
    session: Session, account_id: int
) -> tuple[list[Payment], list[Void], list[OpenItem]]:
    """An account's payments and their voids/refunds for the ledger replay, in posting order,
    and the open items its credit payouts (预存退款) are (paid from the credit balance).

    Cached in the session for its current transaction until the next journal append.
    """
    key = (GENERATION, account_id, session.info.get(GENERATION, 0), session.get_transaction())
    cached = session.info.get(key)
    if cached is None:
        rows = session.execute(_EVENTS, {"account_id": account_id}).all()
        cached = session.info[key] = _events_of(rows)
    payments, voids, payouts = cached
    return list(payments), list(voids), list(payouts)


def _events_of(rows) -> tuple[list[Payment], list[Void], list[OpenItem]]:
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
