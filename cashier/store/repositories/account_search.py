"""Account search on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm); see domain/search.py."""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Text,
    and_,
    cast,
    column,
    literal_column,
    not_,
    select,
    table,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY, array
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
from cashier.store.search_index import SEARCH_TABLE, VOCAB_TABLE, bigrams_sql, haystack_sql

_FTS = table(SEARCH_TABLE, column("rowid"))
_VOCAB = table(VOCAB_TABLE, column("term", String))
_HAYSTACK = literal_column(haystack_sql("accounts."))
_BIGRAMS = literal_column(bigrams_sql("accounts."), ARRAY(Text))
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
        if query is None:
            return []
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

    def _substring(self, plan: SearchPlan, after: AccountHit | None) -> Select | None:
        if self._sqlite:
            found = self._fts(plan)
            if found is None:
                return None
            query, key, filters = found
        else:
            query, key, filters = self._trgm(plan)
        for term in filters:
            query = query.where(self._contains(term))
        if after is not None:
            query = query.where(key > after.id)
        return query.order_by(key)

    def _fts(self, plan: SearchPlan) -> tuple[Select, ColumnElement, tuple[str, ...]] | None:
        """SQLite: FTS5 MATCH on the long terms, or on the trigrams the short term starts."""
        if plan.trigram:
            phrases, filters = plan.long_terms, plan.short_terms
        else:
            phrases = self._trigrams_starting(plan.short_term)
            filters = tuple(t for t in plan.terms if t != plan.short_term)
        if not phrases:
            return None
        match = (" AND " if plan.trigram else " OR ").join(fts_phrase(t) for t in phrases)
        query = (
            select(*_COLUMNS)
            .select_from(_FTS)
            .join(Account, Account.id == _FTS.c.rowid)
            .where(literal_column(SEARCH_TABLE).op("MATCH")(match))
        )
        return query, _FTS.c.rowid, filters

    def _trigrams_starting(self, term: str) -> list[str]:
        low = term.lower()
        query = select(_VOCAB.c.term).where(
            _VOCAB.c.term >= low, _VOCAB.c.term < prefix_upper_bound(low)
        )
        return list(self._session.scalars(query))

    def _trgm(self, plan: SearchPlan) -> tuple[Select, ColumnElement, tuple[str, ...]]:
        """PostgreSQL: ILIKE every term (pg_trgm GIN), or the short term's bigram index."""
        query = select(*_COLUMNS)
        if not plan.trigram:
            wanted = cast(array([plan.short_term.lower()]), ARRAY(Text))
            query = query.where(_BIGRAMS.contains(wanted))
        return query, Account.id, plan.terms

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
