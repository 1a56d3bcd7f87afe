"""Set-based reads for reports: journal entries by day, balances of every account, waivers.

Everything streams (Core rows, `yield_per`), so a report over a million accounts holds one
account at a time: the account balances are a merge of two queries ordered by account number
(accounts with their charges per season and opening arrears; the journal entries' bodies,
read along the journal's account index).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import suppress
from itertools import count, groupby
from operator import itemgetter

from sqlalchemy import Date, Select, String, func, literal, select, union_all
from sqlalchemy.orm import Session

from cashier.domain.journal import PAYMENT, REFUND, VOID, JournalEntry
from cashier.domain.report_arrears import (
    OPENING,
    AccountBalance,
    Charge,
    Household,
    PaidSums,
)
from cashier.domain.report_reversals import Waiver
from cashier.store.models import (
    Account,
    Bill,
    BillLine,
    JournalRow,
    OpeningArrearsRecord,
    Season,
)
from cashier.store.registry import repository
from cashier.store.repositories.journal import ENTRY_COLUMNS, entry_from_row

BATCH = 10_000
WAIVER = "late_fee_waiver"
_LEDGER_KINDS = (PAYMENT, VOID, REFUND)


def body_lines(body: str) -> list:
    """The ``lines`` of an entry's body (see cashier.domain.journal.EntryDetails.to_body).

    The body is canonical JSON with sorted keys, so its own ``"lines":`` is the last one
    (``extra`` comes before it; ``parts``, ``reason`` and ``tendered`` after hold no keys)
    and is followed by ``,"parts":``: only that slice is parsed, a fraction of the body.
    """
    start = body.rfind('"lines":')
    end = body.find(',"parts":', start)
    if start < 0 or end < 0:
        return json.loads(body)["lines"]
    return json.loads(body[start + 8 : end])


_CURSORS = count(1)


def _date(value: object) -> dt.date:
    """A date from a raw row: SQLite gives ISO text, PostgreSQL a date."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class _Charges:
    """A Charge from a raw row of `_charged` (season, first day, due date, fen at its end);
    the dates of each distinct season are read once."""

    def __init__(self) -> None:
        self._seasons: dict[tuple, tuple[str, dt.date, dt.date]] = {}

    def __call__(self, row: tuple) -> Charge:
        key = row[7:10]
        season = self._seasons.get(key)
        if season is None:
            season = self._seasons[key] = (key[0], _date(key[1]), _date(key[2]))
        return Charge(*season, int(row[10]))


class _Peek:
    """An iterator of rows ordered by their first column, taken one account at a time."""

    def __init__(self, rows) -> None:
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def take(self, key: str) -> list:
        """The rows of `key` (skipping rows of smaller keys)."""
        out = []
        while self._next is not None and self._next[0] <= key:
            if self._next[0] == key:
                out.append(self._next)
            self._next = next(self._rows, None)
        return out


@repository("reports")
class SqlReportRepository:
    """Reads for cashier/services/reports.py (see services/report_ports.ReportRepository)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def read_only(self) -> None:
        """Begin this transaction as a reader's (SQLite: DEFERRED instead of IMMEDIATE, so a
        report reading for half a minute never holds the write lock the counters need).
        Must come before any other statement of the unit of work; no-op on PostgreSQL."""
        if self._session.in_transaction():
            raise RuntimeError("read_only() must be the first call of the unit of work")
        self._session.connection(execution_options={"sqlite_begin": "DEFERRED"})

    def _bytewise(self, column):
        """`column` ordered by code point, as Python compares strings (the merge of
        account_balances relies on it): SQLite's default; PostgreSQL's "C" collation."""
        if self._session.get_bind().dialect.name == "postgresql":
            return column.collate("C")
        return column

    def _raw_rows(self, query: Select) -> Iterator[tuple]:
        """The rows of `query` straight from the driver's cursor, as plain tuples, `BATCH` at
        a time (a server-side cursor on PostgreSQL). A million rows come through without
        SQLAlchemy's per-row processing; dates come back as ISO text from SQLite (see
        _date), and date parameters are passed to it as ISO text, as SQLAlchemy stores them.
        """
        connection = self._session.connection()
        compiled = query.compile(dialect=connection.dialect,
                                 compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        driver = connection.connection.dbapi_connection
        if connection.dialect.name == "sqlite":
            params = {k: v.isoformat() if isinstance(v, dt.date) else v
                      for k, v in params.items()}  # fmt: skip
            cursor = driver.cursor()
        else:
            cursor = driver.cursor(name=f"report_rows_{next(_CURSORS)}")
        args = [params[name] for name in compiled.positiontup] if compiled.positional else params
        try:
            cursor.execute(str(compiled), args)
            while rows := cursor.fetchmany(BATCH):
                yield from rows
        finally:
            with suppress(Exception):  # an abandoned stream may outlive its connection
                cursor.close()

    def _stream(self, query: Select):
        connection = self._session.connection()
        return connection.execute(query.execution_options(yield_per=BATCH))

    def entries_between(
        self, first: dt.date, last: dt.date, kinds: Sequence[str]
    ) -> Iterator[JournalEntry]:
        """Entries of `kinds` booked from `first` to `last`, by date, counter and seq."""
        query = (
            select(*ENTRY_COLUMNS)
            .where(
                JournalRow.business_date >= first,
                JournalRow.business_date <= last,
                JournalRow.kind.in_(tuple(kinds)),
            )
            .order_by(JournalRow.business_date, JournalRow.counter_code, JournalRow.seq)
        )
        for row in self._stream(query):
            yield entry_from_row(row)

    def _account_filter(self, query: Select, estate: str, building: str) -> Select:
        if estate:
            query = query.where(Account.estate == estate)
        if building:
            query = query.where(Account.building == building)
        return query

    def account_count(self, *, estate: str = "", building: str = "") -> int:
        """How many accounts `account_balances` looks at."""
        query = self._account_filter(select(func.count(Account.id)), estate, building)
        return int(self._session.scalar(query) or 0)

    def account_balances(
        self, on: dt.date, *, estate: str = "", building: str = ""
    ) -> Iterator[AccountBalance]:
        """Every charged account's charges and payments up to `on`, by account number."""
        charged = self._raw_rows(self._charged(on, estate, building))
        paid = _Peek(self._raw_rows(self._paid(on, estate, building)))
        charge = _Charges()
        for account_no, group in groupby(charged, key=itemgetter(0)):
            rows = list(group)
            found = tuple([charge(row) for row in rows])
            sums = PaidSums({})
            for _, body in paid.take(account_no):
                sums.add(body_lines(body))
            yield AccountBalance(Household._make(rows[0][:7]), found, sums.paid, sums.credit_fen)

    def _charged(self, on: dt.date, estate: str, building: str) -> Select:
        """Account, then one row per bill (its lines summed) and for opening arrears."""
        record = OpeningArrearsRecord
        sums = (
            select(BillLine.bill_id.label("bill_id"), func.sum(BillLine.amount_fen).label("fen"))
            .where(BillLine.posted_on <= on, BillLine.kind != WAIVER)
            .group_by(BillLine.bill_id)
            .subquery()
        )
        seasons = (
            select(Bill.account_id.label("account_id"), Season.code.label("code"),
                   Season.first_day.label("first"), Season.due_date.label("due"),
                   sums.c.fen)  # fmt: skip
            .join(Bill, Bill.id == sums.c.bill_id)
            .join(Season, Season.id == Bill.season_id)
        )
        opening = select(
            record.account_id, literal(OPENING, String), literal(dt.date.min, Date),
            record.booked_on, record.amount_fen,
        ).where(record.booked_on <= on, record.amount_fen > 0)  # fmt: skip
        charges = union_all(seasons, opening).subquery()
        query = (
            select(Account.account_no, Account.name, Account.phone, Account.estate,
                   Account.building, Account.unit, Account.room, charges.c.code,
                   charges.c.first, charges.c.due, charges.c.fen)  # fmt: skip
            .join(charges, charges.c.account_id == Account.id)
            .order_by(self._bytewise(Account.account_no), charges.c.first)
        )
        return self._account_filter(query, estate, building)

    def _paid(self, on: dt.date, estate: str, building: str) -> Select:
        query = (
            select(JournalRow.account_no, JournalRow.body)
            .where(JournalRow.kind.in_(_LEDGER_KINDS), JournalRow.business_date <= on,
                   JournalRow.account_no.is_not(None))  # fmt: skip
            .order_by(self._bytewise(JournalRow.account_no), JournalRow.id)
        )
        if estate or building:
            query = self._account_filter(
                query.join(Account, Account.account_no == JournalRow.account_no), estate, building
            )
        return query

    def waivers(self, first: dt.date, last: dt.date) -> list[Waiver]:
        """Late-fee waivers posted from `first` to `last`, by date and line id."""
        query = (
            select(BillLine.posted_on, Account.account_no, Account.name, Season.code,
                   BillLine.amount_fen, BillLine.reason, BillLine.approved_by,
                   BillLine.recorded_by)  # fmt: skip
            .join(Bill, Bill.id == BillLine.bill_id)
            .join(Season, Season.id == Bill.season_id)
            .join(Account, Account.id == Bill.account_id)
            .where(BillLine.kind == WAIVER, BillLine.posted_on.between(first, last))
            .order_by(BillLine.posted_on, BillLine.id)
        )
        return [
            Waiver(on, no, name, code, -int(fen), reason or "", approver or "", by)
            for on, no, name, code, fen, reason, approver, by in self._session.execute(query)
        ]

    def bill_changes(self, first: dt.date, last: dt.date) -> list[tuple[str, int, int]]:
        """(label, count, fen) of bill lines posted from `first` to `last`, by kind."""
        query = (
            select(
                BillLine.kind,
                func.min(BillLine.label),
                func.count(),
                func.sum(BillLine.amount_fen),
            )
            .where(BillLine.posted_on.between(first, last))
            .group_by(BillLine.kind)
            .order_by(BillLine.kind)
        )
        rows = self._session.execute(query)
        return [(label, int(count), int(fen)) for _, label, count, fen in rows]
