"""Season bills, their lines and the frozen tariffs: billing many accounts in batches.

Which facts a season uses: the account's newest facts row (by valid_from, then id) whose
valid_from is on or before the season's last day; the account's status for the season is the
newest account_statuses row for it, heating when there is none. A closed account (销户) is
never billed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from sqlalchemy import and_, exists, func, insert, select
from sqlalchemy.orm import Session, aliased

from cashier.domain.accounts import BillingFacts
from cashier.domain.billing import BillingSubject, NewBill, StoredBill
from cashier.domain.fees import BillLine as DomainLine
from cashier.domain.fees import DatedLine
from cashier.domain.tariffs import SeasonTariff, tariff_from_dict
from cashier.store.bulk import bulk_insert, driver_value
from cashier.store.models import Account, AccountFacts, AccountStatus, ClosureRecord, Season
from cashier.store.models.bills import Bill, BillLine, TariffVersion
from cashier.store.registry import repository
from cashier.store.repositories.bill_rows import (
    BILL_COLUMNS,
    FACTS_COLUMNS,
    LINE_COLUMNS,
    NoBill,
    NoSuchSeason,
    canonical_tariff_json,
    facts_from_row,
    line_row,
    tariff_digest,
)

_FACTS_CACHE_SIZE = 100_000
_BILLS = Bill.__table__
_LINES = BillLine.__table__
@repository("bills")
class SqlBillRepository:
    """Bills (one per account and season), their dated lines and frozen tariffs."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._tariffs: dict[int, SeasonTariff] = {}
        self._facts_cache: dict[tuple, BillingFacts] = {}

    # --- seasons and tariffs ------------------------------------------------------------------

    def _season(self, code: str) -> Season:
        season = self._session.scalar(select(Season).where(Season.code == code))
        if season is None:
            raise NoSuchSeason(code)
        return season

    def count_for_season(self, code: str) -> int:
        """How many bills the season has (0 for an unknown season)."""
        query = select(func.count()).select_from(Bill).join(Season, Bill.season_id == Season.id)
        return self._session.scalar(query.where(Season.code == code)) or 0

    def freeze_tariff(self, tariff: SeasonTariff, *, created_by: str) -> int:
        """The id of the stored copy of ``tariff``, storing it first if it is new."""
        text = canonical_tariff_json(tariff)
        digest = tariff_digest(text)
        found = self._session.scalar(
            select(TariffVersion.id).where(TariffVersion.digest == digest)
        )
        if found is not None:
            return found
        now = dt.datetime.now(dt.UTC)
        row = TariffVersion(digest=digest, tariff_json=text, created_at=now, created_by=created_by)
        self._session.add(row)
        self._session.flush()
        return row.id

    def frozen_tariff(self, version_id: int) -> SeasonTariff:
        """The tariff stored as ``version_id`` (cached for the unit of work)."""
        tariff = self._tariffs.get(version_id)
        if tariff is None:
            text = self._session.get_one(TariffVersion, version_id).tariff_json
            tariff = self._tariffs[version_id] = tariff_from_dict(json.loads(text))
        return tariff

    # --- season opening -----------------------------------------------------------------------

    def _unbilled(self, season_id: int):
        """Accounts to bill: no bill for the season yet, and not closed (销户)."""
        has_bill = exists().where(and_(Bill.account_id == Account.id, Bill.season_id == season_id))
        closed = exists().where(ClosureRecord.account_id == Account.id)
        return and_(~has_bill, ~closed)

    def unbilled_count(self, code: str) -> int:
        """How many accounts have no bill for the season yet."""
        season = self._season(code)
        query = select(func.count()).select_from(Account).where(self._unbilled(season.id))
        return self._session.scalar(query) or 0

    def categories_without_tariff(self, code: str, priced: set[str]) -> set[str]:
        """Categories of the facts accounts would be billed with that are not in ``priced``.

        A cheap scan of every facts row valid by the season's end comes first; only when it
        finds an unpriced category is the exact (newest row per account) query run.
        """
        season = self._season(code)
        in_season = AccountFacts.valid_from <= season.last_day
        cheap = select(AccountFacts.category).where(in_season).distinct()
        if set(self._session.scalars(cheap)) <= priced:
            return set()
        later = aliased(AccountFacts)
        newer = exists().where(
            later.account_id == AccountFacts.account_id,
            later.valid_from <= season.last_day,
            (later.valid_from > AccountFacts.valid_from)
            | and_(later.valid_from == AccountFacts.valid_from, later.id > AccountFacts.id),
        )
        exact = select(AccountFacts.category).where(in_season, ~newer).distinct()
        return set(self._session.scalars(exact)) - priced

    def unbilled(
        self, code: str, *, after_id: int, limit: int
    ) -> tuple[list[BillingSubject], list[int]]:
        """The next accounts (id > ``after_id``, at most ``limit``) with no bill for the season.

        Returns the subjects to bill and the account ids looked at, ascending (empty when there
        are no more). Accounts without facts valid by the season's last day are not subjects.
        """
        season = self._season(code)
        ids = list(
            self._session.scalars(
                select(Account.id)
                .where(Account.id > after_id, self._unbilled(season.id))
                .order_by(Account.id)
                .limit(limit)
            )
        )
        if not ids:
            return [], []
        facts = self._facts_in_force(ids, season.last_day)
        statuses = self._statuses(ids, season.id)
        subjects = [
            BillingSubject(aid, facts[aid][0], self._billing_facts(facts[aid], status))
            for aid in ids
            if aid in facts
            for status in (statuses.get(aid, "heating"),)
        ]
        return subjects, ids

    def _facts_in_force(self, ids: list[int], last_day: dt.date) -> dict:
        wanted = set(ids)
        rows = self._session.connection().execute(
            select(*FACTS_COLUMNS)
            .where(
                AccountFacts.account_id.between(ids[0], ids[-1]),
                AccountFacts.valid_from <= last_day,
            )
            .order_by(AccountFacts.account_id, AccountFacts.valid_from, AccountFacts.id)
        ).all()
        return {row[1]: row for row in rows if row[1] in wanted}

    def _statuses(self, ids: list[int], season_id: int) -> dict[int, str]:
        rows = self._session.connection().execute(
            select(AccountStatus.account_id, AccountStatus.status)
            .where(
                AccountStatus.account_id.between(ids[0], ids[-1]),
                AccountStatus.season_id == season_id,
            )
            .order_by(AccountStatus.id)
        ).all()
        return {key: value for key, value in rows}

    def _billing_facts(self, row, status: str) -> BillingFacts:
        """The facts of a facts row; equal rows share one object (many households alike)."""
        key = (row[2:], status)
        facts = self._facts_cache.get(key)
        if facts is None:
            if len(self._facts_cache) >= _FACTS_CACHE_SIZE:
                self._facts_cache.clear()
            facts = self._facts_cache[key] = facts_from_row(row, status)
        return facts

    def facts_for_season(self, account_id: int, code: str) -> BillingSubject | None:
        """The facts (with the season status) a bill of the season uses for the account."""
        season = self._season(code)
        facts = self._facts_in_force([account_id], season.last_day).get(account_id)
        if facts is None:
            return None
        status = self._statuses([account_id], season.id).get(account_id, "heating")
        return BillingSubject(account_id, facts[0], facts_from_row(facts, status))

    def add_bills(
        self,
        code: str,
        version_id: int,
        bills: Sequence[NewBill],
        *,
        billed_on: dt.date,
        recorded_by: str,
    ) -> int:
        """Store bills with their opening lines dated ``billed_on``; returns how many.

        Raises IntegrityError (from the database) when an account already has a bill for the
        season.
        """
        if not bills:
            return 0
        season = self._season(code)
        conn = self._session.connection()
        now = driver_value(conn, _BILLS, "created_at", dt.datetime.now(dt.UTC))
        day = driver_value(conn, _BILLS, "billed_on", billed_on)
        head = (season.id, version_id)
        tail = (day, now, recorded_by)
        rows = [(*head, bill.account_id, bill.facts_id, bill.status, *tail) for bill in bills]
        bulk_insert(conn, _BILLS, BILL_COLUMNS, rows)
        ids = self._bill_ids(season.id, [bill.account_id for bill in bills])
        tail = (day, "", None, now, recorded_by)
        lines = [
            (ids[bill.account_id], line.kind, line.label_zh, line.amount_fen, line.detail,
             line.corrects, *tail)
            for bill in bills
            for line in bill.lines
        ]
        bulk_insert(conn, _LINES, LINE_COLUMNS, lines)
        return len(bills)

    def _bill_ids(self, season_id: int, account_ids: list[int]) -> dict[int, int]:
        """Bill ids by account id; the season is filtered here so the account index is used."""
        rows = self._session.connection().execute(
            select(Bill.account_id, Bill.id, Bill.season_id).where(
                Bill.account_id.between(min(account_ids), max(account_ids))
            )
        ).all()
        return {account: bill for account, bill, season in rows if season == season_id}

    # --- later lines and reading --------------------------------------------------------------

    def add_lines(
        self,
        account_id: int,
        code: str,
        lines: Iterable[DatedLine],
        *,
        recorded_by: str,
        approved_by: str | None = None,
    ) -> int:
        """Post dated lines (adjustments, credits, settlements) to the account's season bill.

        Returns how many lines were stored. Raises NoBill when the account has no bill for the
        season, NoSuchSeason for an unknown season.
        """
        season = self._season(code)
        bill_id = self._bill_ids(season.id, [account_id]).get(account_id)
        if bill_id is None:
            raise NoBill(
                f"该户在采暖期 {code} 没有账单，请先开征。",
                f"the account has no bill for season {code}: open the season first",
            )
        now = dt.datetime.now(dt.UTC)
        rows = [line_row(bill_id, dated, recorded_by, now, approved_by) for dated in lines]
        if rows:
            self._session.execute(insert(_LINES), rows)
        return len(rows)

    def for_account(self, account_id: int) -> list[StoredBill]:
        """Every bill of the account with its lines, oldest season first."""
        bills = self._session.execute(
            select(Bill, Season.code)
            .join(Season, Bill.season_id == Season.id)
            .where(Bill.account_id == account_id)
            .order_by(Season.first_day)
        ).all()
        lines = self._lines_of([bill.id for bill, _ in bills])
        return [self._stored(bill, code, lines.get(bill.id, ())) for bill, code in bills]

    def get(self, account_id: int, code: str) -> StoredBill | None:
        """The account's bill for the season with its lines, or None."""
        return next((b for b in self.for_account(account_id) if b.season == code), None)

    def _lines_of(self, bill_ids: list[int]) -> dict[int, list[DatedLine]]:
        result: dict[int, list[DatedLine]] = {}
        if not bill_ids:
            return result
        rows = self._session.scalars(
            select(BillLine).where(BillLine.bill_id.in_(bill_ids)).order_by(BillLine.id)
        )
        for row in rows:
            line = DomainLine(row.kind, row.label, row.amount_fen, row.detail, row.corrects)
            result.setdefault(row.bill_id, []).append(DatedLine(row.posted_on, line, row.reason))
        return result

    def _stored(self, bill: Bill, code: str, lines: Sequence[DatedLine]) -> StoredBill:
        return StoredBill(
            bill_id=bill.id,
            account_id=bill.account_id,
            season=code,
            tariff=self.frozen_tariff(bill.tariff_version_id),
            facts_id=bill.facts_id,
            status=bill.status,
            billed_on=bill.billed_on,
            lines=tuple(lines),
        )

    def export_batch(
        self, code: str, *, after_bill_id: int, limit: int
    ) -> list[tuple[int, str, str, list[tuple[str, str | None, int]]]]:
        """The next bills of the season (bill id > ``after_bill_id``), oldest first.

        Each is ``(bill_id, account_no, name, [(kind, corrects, amount_fen), ...])``.
        """
        season = self._season(code)
        bills = self._session.execute(
            select(Bill.id, Account.account_no, Account.name)
            .join(Account, Bill.account_id == Account.id)
            .where(Bill.season_id == season.id, Bill.id > after_bill_id)
            .order_by(Bill.id)
            .limit(limit)
        ).all()
        if not bills:
            return []
        lines: dict[int, list[tuple[str, str | None, int]]] = {}
        rows = self._session.execute(
            select(BillLine.bill_id, BillLine.kind, BillLine.corrects, BillLine.amount_fen)
            .where(BillLine.bill_id.between(bills[0].id, bills[-1].id))
            .order_by(BillLine.id)
        )
        for bill_id, kind, corrects, amount in rows:
            lines.setdefault(bill_id, []).append((kind, corrects, amount))
        return [(b.id, b.account_no, b.name, lines.get(b.id, [])) for b in bills]
