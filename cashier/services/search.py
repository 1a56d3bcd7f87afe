"""Finding accounts as the user types: one page of results at a time."""

from __future__ import annotations

from cashier.domain.actor import Actor
from cashier.domain.search import (
    SUBSTRING,
    AccountHit,
    SearchCursor,
    SearchPage,
    SearchPlan,
    is_exact,
    plan_search,
)
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

PAGE_SIZE = 50
"""Rows fetched per page by the Accounts page's result table."""


def search_accounts(
    uow: UnitOfWork,
    actor: Actor,
    text: str,
    *,
    after: SearchCursor | None = None,
    limit: int = PAGE_SIZE,
) -> SearchPage:
    """Up to ``limit`` accounts matching ``text``, continuing after ``after``.

    Exact and prefix matches of the account number, phone and name come first, then accounts
    containing every typed term, unless the text is exactly an account number or phone on
    file (see domain/search.py). ``page.next`` continues the search;
    it is None when nothing more matches. Text too short to search gives an empty page.
    Raises PermissionDenied, and ValueError for a limit below 1.
    """
    require(actor, "view_accounts")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    plan = plan_search(text)
    if plan is None:
        return SearchPage((), None)
    with uow:
        return _collect(uow, plan, after, limit)


def _collect(
    uow: UnitOfWork, plan: SearchPlan, after: SearchCursor | None, limit: int
) -> SearchPage:
    hits: list[AccountHit] = []
    start = plan.tiers.index(after.tier) if after is not None else 0
    last = after.last if after is not None else None
    exact = after.exact if after is not None else False
    for tier in plan.tiers[start:]:
        if tier == SUBSTRING and exact:
            break
        wanted = limit - len(hits)
        found = uow.account_search.find(plan, tier, last, wanted + 1)
        listed = found[:wanted]
        hits.extend(listed)
        exact = exact or any(is_exact(plan, tier, hit) for hit in listed)
        if len(found) > wanted:
            resume = hits[-1] if wanted else last
            return SearchPage(tuple(hits), SearchCursor(tier, resume, exact))
        last = None
    return SearchPage(tuple(hits), None)
