"""Reads for shift closes and the reconciliation page; hand-overs and day closes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from cashier.domain.handover import HandoverRecord
from cashier.domain.journal import SHIFT_CLOSE, JournalEntry
from cashier.domain.shift_report import MONEY_KINDS
from cashier.domain.signature import Signature, strokes_from_json
from cashier.store.models import (
    DayCloseRow,
    HandoverRow,
    JournalRow,
    ReceiptReprint,
    User,
    UserRole,
)
from cashier.store.registry import repository
from cashier.store.repositories.journal import ENTRY_COLUMNS, entry_from_row
from cashier.store.timeutil import from_db, to_db

COLLECTOR, CASHIER = "collector", "cashier"


def _size(signature: Signature) -> str:
    return f"{signature.width}x{signature.height}"


def _signature(png: bytes, strokes: str, size: str) -> Signature:
    width, height = (int(part) for part in size.split("x"))
    return Signature(bytes(png), strokes_from_json(strokes), width, height)


def _record(row: HandoverRow) -> HandoverRecord:
    return HandoverRecord(
        receipt_no=row.receipt_no,
        counter=row.counter_code,
        business_date=row.business_date,
        taken_at=from_db(row.taken_at),  # type: ignore[arg-type]
        collector_staff_no=row.collector_staff_no,
        collector_name=row.collector_name,
        receiver_staff_no=row.receiver_staff_no,
        receiver_name=row.receiver_name,
        expected_fen=row.expected_fen,
        counted_fen=row.counted_fen,
        collector_signature=_signature(
            row.collector_png, row.collector_strokes, row.collector_size
        ),
        receiver_signature=_signature(row.receiver_png, row.receiver_strokes, row.receiver_size),
    )


def _has_role(role: str):
    return exists().where(UserRole.user_id == User.id, UserRole.role == role)


@repository("reconciliation")
class SqlReconciliationRepository:
    """Shift-close reads over journal_entries and receipt_reprints; hand-overs; day closes."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _entries(self, query) -> list[JournalEntry]:
        return [entry_from_row(row) for row in self._session.execute(query)]

    def closed_through(self) -> dt.date | None:
        """The last business date closed, or None."""
        return self._session.scalar(select(func.max(DayCloseRow.through_date)))

    def last_shift_close(self, counter: str, before_seq: int) -> JournalEntry | None:
        """The counter's newest shift close numbered below `before_seq`."""
        query = (
            select(*ENTRY_COLUMNS)
            .where(
                JournalRow.counter_code == counter,
                JournalRow.kind == SHIFT_CLOSE,
                JournalRow.seq < before_seq,
            )
            .order_by(JournalRow.seq.desc())
            .limit(1)
        )
        found = self._entries(query)
        return found[0] if found else None

    def counter_entries(self, counter: str, after_seq: int) -> list[JournalEntry]:
        """The counter's entries numbered above `after_seq`, in order."""
        query = (
            select(*ENTRY_COLUMNS)
            .where(JournalRow.counter_code == counter, JournalRow.seq > after_seq)
            .order_by(JournalRow.seq)
        )
        return self._entries(query)

    def reprinted_by(self, staff_no: str, since: dt.datetime, until: dt.datetime) -> list[str]:
        """Receipt numbers reprinted by `staff_no` in [since, until], one per reprint."""
        query = (
            select(ReceiptReprint.receipt_no)
            .where(
                ReceiptReprint.staff_no == staff_no,
                ReceiptReprint.printed_at >= to_db(since),
                ReceiptReprint.printed_at <= to_db(until),
            )
            .order_by(ReceiptReprint.id)
        )
        return list(self._session.scalars(query))

    def shift_closes_between(self, first: dt.date, last: dt.date) -> list[JournalEntry]:
        """Shift closes booked from `first` to `last`, by counter and seq."""
        query = (
            select(*ENTRY_COLUMNS)
            .where(
                JournalRow.kind == SHIFT_CLOSE,
                JournalRow.business_date >= first,
                JournalRow.business_date <= last,
            )
            .order_by(JournalRow.counter_code, JournalRow.seq)
        )
        return self._entries(query)

    def staff_money_entries(
        self, staff_no: str, through: dt.date | None = None
    ) -> list[JournalEntry]:
        """The staff member's money entries booked up to `through`, in posting order."""
        query = select(*ENTRY_COLUMNS).where(
            JournalRow.staff_no == staff_no, JournalRow.kind.in_(sorted(MONEY_KINDS))
        )
        if through is not None:
            query = query.where(JournalRow.business_date <= through)
        return self._entries(query.order_by(JournalRow.id))

    def add_handover(self, record: HandoverRecord) -> None:
        """Store a hand-over with both signatures."""
        collector, receiver = record.collector_signature, record.receiver_signature
        self._session.add(
            HandoverRow(
                receipt_no=record.receipt_no,
                counter_code=record.counter,
                business_date=record.business_date,
                taken_at=to_db(record.taken_at),
                collector_staff_no=record.collector_staff_no,
                collector_name=record.collector_name,
                receiver_staff_no=record.receiver_staff_no,
                receiver_name=record.receiver_name,
                expected_fen=record.expected_fen,
                counted_fen=record.counted_fen,
                collector_png=collector.png,
                collector_strokes=collector.strokes_json(),
                collector_size=_size(collector),
                receiver_png=receiver.png,
                receiver_strokes=receiver.strokes_json(),
                receiver_size=_size(receiver),
            )
        )
        self._session.flush()

    def handovers(
        self,
        *,
        collector: str | None = None,
        on: dt.date | None = None,
        through: dt.date | None = None,
    ) -> list[HandoverRecord]:
        """Hand-overs, filtered, oldest first."""
        query = select(HandoverRow).order_by(HandoverRow.id)
        if collector is not None:
            query = query.where(HandoverRow.collector_staff_no == collector)
        if on is not None:
            query = query.where(HandoverRow.business_date == on)
        if through is not None:
            query = query.where(HandoverRow.business_date <= through)
        return [_record(row) for row in self._session.scalars(query)]

    def collectors_with_money(self, through: dt.date) -> list[tuple[str, str]]:
        """Collectors (the collector role without the cashier role, or anyone who handed
        over before) with money entries booked up to `through`, by staff number."""
        users = select(User.staff_no, User.name).where(_has_role(COLLECTOR), ~_has_role(CASHIER))
        past = select(HandoverRow.collector_staff_no, HandoverRow.collector_name).distinct()
        found = dict(self._session.execute(past).all())
        found.update(dict(self._session.execute(users).all()))
        took = select(JournalRow.staff_no).where(
            and_(JournalRow.kind.in_(sorted(MONEY_KINDS)), JournalRow.business_date <= through)
        )
        active = set(self._session.scalars(took.where(JournalRow.staff_no.in_(found)).distinct()))
        return sorted((no, name) for no, name in found.items() if no in active)

    def add_day_close(
        self,
        through: dt.date,
        *,
        closed_at: dt.datetime,
        closed_by: str,
        closed_by_name: str,
        anchors: str,
        public_key: str,
        signature: str,
    ) -> None:
        """Record a day close (the unique through date refuses a second one)."""
        self._session.add(
            DayCloseRow(
                through_date=through,
                closed_at=to_db(closed_at),
                closed_by=closed_by,
                closed_by_name=closed_by_name,
                anchors=anchors,
                public_key=public_key,
                signature=signature,
            )
        )
        self._session.flush()

    def day_close_file(self, through: dt.date) -> str | None:
        """The anchors file text of the close through `through`, or None."""
        return self._session.scalar(
            select(DayCloseRow.anchors).where(DayCloseRow.through_date == through)
        )
