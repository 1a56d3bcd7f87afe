"""Waiving late fee (滞纳金减免) with a supervisor's approval (heat-fees.md line 7).

A waiver is a dated credit line of the season (kind ``late_fee_waiver``) with the reason and
the approver's staff number, audited. It can waive at most the late fee the season owes on
its date: fixed and unpaid plus what accrued since, after replaying the account's payments.
"""

from __future__ import annotations

import datetime as dt

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.fees import DatedLine
from cashier.domain.ledger import OpenItem, item_state, oldest_first, waive_late_fee
from cashier.domain.money import format_yuan
from cashier.domain.roles import Approval
from cashier.domain.tariffs import OPENING
from cashier.services import audit
from cashier.services.accounts import check_reason, find_account, today_or
from cashier.services.permissions import require, require_approved
from cashier.services.ports import UnitOfWork
from cashier.services.posting import read_books

MAX_REASON = 200
"""The longest reason kept with the waiver line (characters)."""


class WaiverRefused(UserError):
    """A late-fee waiver that cannot be posted (no bill, nothing owed, more than is owed)."""


def _reason(text: str) -> str:
    reason = check_reason(text)
    if len(reason) > MAX_REASON:
        raise WaiverRefused(f"原因最多 {MAX_REASON} 字。", "the reason is too long")
    return reason


def _season_item(items: tuple[OpenItem, ...], season: str) -> OpenItem:
    found = next((i for i in items if i.season == season and season != OPENING), None)
    if found is None:
        raise WaiverRefused(
            f"该户在采暖期 {season} 没有账单。", f"the account has no bill for season {season}"
        )
    return found


def late_fee_owed(item: OpenItem, on: dt.date) -> int:
    """The late fee (fen) the season's open item owes on ``on``: fixed and unpaid plus the
    accrual since the last change of its principal."""
    return item_state(item, on).late_fee


def _checked_amount(item: OpenItem, amount_fen: int, on: dt.date) -> int:
    owed = late_fee_owed(item, on)
    if owed <= 0:
        raise WaiverRefused(
            f"采暖期 {item.season} 在 {on} 没有滞纳金可减免。",
            f"season {item.season} owes no late fee on {on}",
        )
    if isinstance(amount_fen, bool) or not 0 < amount_fen <= owed:
        raise WaiverRefused(
            f"减免金额应在 ¥0.01 至 {format_yuan(owed)} 之间（{on} 的滞纳金）。",
            f"waiver of {amount_fen} fen outside 1..{owed}",
        )
    return amount_fen


def late_fees_owed(
    uow: UnitOfWork, actor: Actor, account_no: str, on: dt.date
) -> dict[str, int]:
    """The late fee (fen) each billed season of the account owes on ``on``, seasons owing
    none left out, oldest first. Raises AccountNotFound, PermissionDenied."""
    require(actor, "view_accounts")
    with uow:
        account = find_account(uow, account_no, open_only=False)
        books = read_books(uow, account.account_no)
    items = oldest_first(books.ledger(on).items)
    owed = {item.season: late_fee_owed(item, on) for item in items}
    return {season: fen for season, fen in owed.items() if fen > 0 and season != OPENING}


def waive(
    uow: UnitOfWork,
    actor: Actor,
    account_no: str,
    season: str,
    amount_fen: int,
    *,
    reason: str,
    approval: Approval | None,
    on: dt.date | None = None,
) -> DatedLine:
    """Waive ``amount_fen`` of the late fee ``season`` owes on ``on`` (today by default).

    Needs a supervisor's Approval of "late_fee_waiver" given by someone other than ``actor``.
    Posts the waiver line dated ``on`` with the reason and the approver's staff number, audits
    it and returns it. Raises PermissionDenied, ApprovalRequired, SelfApprovalRefused,
    ReasonRequired, AccountNotFound, AccountClosed, WaiverRefused (also for a reason over 200
    characters).
    """
    require_approved(actor, "late_fee_waiver", approval)
    assert approval is not None
    reason = _reason(reason)
    day = today_or(on)
    with uow:
        account = find_account(uow, account_no)
        uow.journal.lock_account(account.account_no)
        books = read_books(uow, account.account_no)
        item = _season_item(books.ledger(day).items, season)
        amount = _checked_amount(item, amount_fen, day)
        dated = waive_late_fee(item, amount, day, reason).charges[-1]
        approver = approval.approver.staff_no
        uow.bills.add_lines(
            account.id, season, [dated], recorded_by=actor.staff_no, approved_by=approver
        )
        details = {
            "account_no": account.account_no,
            "season": season,
            "amount": format_yuan(amount),
            "on": day.isoformat(),
            "reason": reason,
            "approver": approver,
        }
        audit.record(uow, actor, "late_fee_waiver", details)
        uow.commit()
    return dated
