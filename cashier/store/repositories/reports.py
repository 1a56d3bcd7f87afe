"""Set-based reads for reports: journal entries by day, balances of every account, waivers.

Everything streams (Core rows, `yield_per`), so a report over a million accounts holds one
account at a time: the account balances are a merge of four queries each ordered by account
id (accounts, bill charges summed per season, opening arrears, journal entry lines).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence

from sqlalchemy import Select, func, select
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


class _Peek:
    """An iterator of rows ordered by their first column, taken one account id at a time."""

    def __init__(self, rows) -> None:
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def take(self, account_id: int) -> list:
        """The rows of `account_id` (skipping rows of smaller ids)."""
        out = []
        while self._next is not None and self._next[0] <= account_id:
            if self._next[0] == account_id:
                out.append(self._next)
            self._next = next(self._rows, None)
        return out


@repository("reports")
class SqlReportRepository:
    """Reads for cashier/services/reports.py (see services/report_ports.ReportRepository)."""

    def __init__(self, session: Session) -> None:
        self._session = session

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
        """Every charged account's charges and payments up to `on`, by account id."""
        accounts = self._stream(self._accounts(estate, building))
        charges = _Peek(self._stream(self._charges(on, estate, building)))
        opening = _Peek(self._stream(self._opening(on, estate, building)))
        paid = _Peek(self._stream(self._paid(on, estate, building)))
        loads = json.loads
        for row in accounts:
            account_id = row[0]
            found = [
                Charge(code, first, due, int(fen))
                for _, code, first, due, fen in charges.take(account_id)
            ]
            found += [
                Charge(OPENING, dt.date.min, booked, int(fen))
                for _, fen, booked in opening.take(account_id)
            ]
            bodies = paid.take(account_id)
            if not found:
                continue
            sums = PaidSums({})
            for _, body in bodies:
                sums.add(loads(body)["lines"])
            yield AccountBalance(Household(*row[1:]), tuple(found), sums.paid, sums.credit_fen)

    def _accounts(self, estate: str, building: str) -> Select:
        query = select(
            Account.id, Account.account_no, Account.name, Account.phone, Account.estate,
            Account.building, Account.unit, Account.room,
        ).order_by(Account.id)  # fmt: skip
        return self._account_filter(query, estate, building)

    def _charges(self, on: dt.date, estate: str, building: str) -> Select:
        query = (
            select(Bill.account_id, Season.code, Season.first_day, Season.due_date,
                   func.sum(BillLine.amount_fen))  # fmt: skip
            .join(Bill, Bill.id == BillLine.bill_id)
            .join(Season, Season.id == Bill.season_id)
            .where(BillLine.posted_on <= on, BillLine.kind != WAIVER)
            .group_by(Bill.account_id, Season.code, Season.first_day, Season.due_date)
            .order_by(Bill.account_id, Season.first_day)
        )
        if estate or building:
            query = self._account_filter(query.join(Account, Account.id == Bill.account_id),
                                         estate, building)  # fmt: skip
        return query

    def _opening(self, on: dt.date, estate: str, building: str) -> Select:
        record = OpeningArrearsRecord
        query = (
            select(record.account_id, record.amount_fen, record.booked_on)
            .where(record.booked_on <= on, record.amount_fen > 0)
            .order_by(record.account_id)
        )
        if estate or building:
            query = self._account_filter(query.join(Account, Account.id == record.account_id),
                                         estate, building)  # fmt: skip
        return query

    def _paid(self, on: dt.date, estate: str, building: str) -> Select:
        query = (
            select(Account.id, JournalRow.body)
            .join(Account, Account.account_no == JournalRow.account_no)
            .where(JournalRow.kind.in_(_LEDGER_KINDS), JournalRow.business_date <= on)
            .order_by(Account.id, JournalRow.id)
        )
        return self._account_filter(query, estate, building)

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
