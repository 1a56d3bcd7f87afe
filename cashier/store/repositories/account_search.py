"""Account search on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm); see domain/search.py."""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    literal_column,
    not_,
    select,
    table,
    tuple_,
)
from sqlalchemy.orm import Session

from cashier.domain.registration import Address
from cashier.domain.search import (
    ACCOUNT_NO,
    NAME,
    PHONE,
    SUBSTRING,
    AccountHit,
    SearchPlan,
    fts_phrase,
    like_pattern,
    prefix_upper_bound,
)
from cashier.store.models import Account
from cashier.store.registry import repository
from cashier.store.search_index import SEARCH_TABLE, haystack_sql

_FTS = table(SEARCH_TABLE, column("rowid"))
_HAYSTACK = literal_column(haystack_sql("accounts."))
_COLUMNS = (
    Account.id,
    Account.account_no,
    Account.name,
    Account.phone,
    Account.estate,
    Account.building,
    Account.unit,
    Account.room,
)


@repository("account_search")
class SqlAccountSearch:
    """Finds accounts for a SearchPlan, one tier and one page at a time."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._sqlite = session.get_bind().dialect.name == "sqlite"

    def find(
        self, plan: SearchPlan, tier: str, after: AccountHit | None, limit: int
    ) -> list[AccountHit]:
        """Up to ``limit`` accounts of ``tier`` that come after ``after`` in that tier's order.

        Prefix tiers are ordered by the matched column (then id), the substring tier by id.
        Accounts an earlier tier of the plan matches are left out.
        """
        if tier == SUBSTRING:
            query = self._substring(plan, after)
        else:
            query = self._prefix(plan, tier, after)
        query = query.where(*self._earlier_tiers(plan, tier)).limit(limit)
        return [_hit(row) for row in self._session.execute(query)]

    def _column(self, tier: str) -> ColumnElement[str]:
        attribute = {ACCOUNT_NO: Account.account_no, PHONE: Account.phone, NAME: Account.name}
        col = attribute[tier]
        return col if self._sqlite else col.collate("C")

    def _starts_with(self, tier: str, prefix: str) -> ColumnElement[bool]:
        col = self._column(tier)
        return and_(col >= prefix, col < prefix_upper_bound(prefix))

    def _prefix(self, plan: SearchPlan, tier: str, after: AccountHit | None) -> Select:
        col = self._column(tier)
        query = select(*_COLUMNS).where(self._starts_with(tier, plan.text))
        if after is not None:
            query = query.where(tuple_(col, Account.id) > tuple_(getattr(after, tier), after.id))
        return query.order_by(col, Account.id)

    def _substring(self, plan: SearchPlan, after: AccountHit | None) -> Select:
        if self._sqlite and plan.trigram:
            query, key = self._fts(plan), _FTS.c.rowid
            filters = plan.short_terms
        else:
            query, key = select(*_COLUMNS), Account.id
            filters = plan.terms
        for term in filters:
            query = query.where(self._contains(term))
        if after is not None:
            query = query.where(key > after.id)
        return query.order_by(key)

    def _fts(self, plan: SearchPlan) -> Select:
        match = " AND ".join(fts_phrase(t) for t in plan.long_terms)
        return (
            select(*_COLUMNS)
            .select_from(_FTS)
            .join(Account, Account.id == _FTS.c.rowid)
            .where(literal_column(SEARCH_TABLE).op("MATCH")(match))
        )

    def _contains(self, term: str) -> ColumnElement[bool]:
        pattern = like_pattern(term)
        if self._sqlite:
            return _HAYSTACK.like(pattern, escape="\\")
        return _HAYSTACK.ilike(pattern, escape="\\")

    def _earlier_tiers(self, plan: SearchPlan, tier: str) -> list[ColumnElement[bool]]:
        earlier = plan.tiers[: plan.tiers.index(tier)]
        return [not_(self._starts_with(t, plan.text)) for t in earlier]


def _hit(row) -> AccountHit:
    return AccountHit(
        id=row.id,
        account_no=row.account_no,
        name=row.name,
        phone=row.phone,
        address=Address(row.estate, row.building, row.unit, row.room),
    )
