"""Correcting the opening arrears (往年欠费) of an account, with a supervisor's approval.

The amount carried over from the previous system stays as it was recorded; a correction is an
adjustment appended after it (cashier.domain.arrears), dated, with the reason and the
approver's staff number, and audited. Statements, payments and the account view read the
arrears with every adjustment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from cashier.domain.actor import Actor
from cashier.domain.arrears import ArrearsAdjustment, adjustment_to, arrears_total
from cashier.domain.money import format_yuan
from cashier.domain.roles import Approval
from cashier.services import audit
from cashier.services.accounts import find_account, today_or
from cashier.services.permissions import require, require_approved
from cashier.services.ports import UnitOfWork


@dataclass(frozen=True)
class ArrearsHistory:
    """An account's opening arrears: what was carried over (fen, booked on; 0 and None when
    nothing was), every adjustment oldest first, and the total as corrected."""

    account_no: str
    carried_over_fen: int
    booked_on: dt.date | None
    adjustments: tuple[ArrearsAdjustment, ...]

    @property
    def total_fen(self) -> int:
        """The opening arrears as corrected (fen)."""
        return arrears_total(self.carried_over_fen, self.adjustments)


def _history(uow: UnitOfWork, account_id: int, account_no: str) -> ArrearsHistory:
    original = uow.account_history.opening_arrears(account_id)
    return ArrearsHistory(
        account_no=account_no,
        carried_over_fen=original.amount_fen if original else 0,
        booked_on=original.on if original else None,
        adjustments=tuple(uow.arrears_adjustments.for_account(account_id)),
    )


def opening_arrears(uow: UnitOfWork, actor: Actor, account_no: str) -> ArrearsHistory:
    """The account's opening arrears with their corrections.

    Raises AccountNotFound, PermissionDenied without "view_accounts".
    """
    require(actor, "view_accounts")
    with uow:
        account = find_account(uow, account_no, open_only=False)
        return _history(uow, account.id, account.account_no)


def adjust_opening_arrears(
    uow: UnitOfWork,
    actor: Actor,
    account_no: str,
    new_total_fen: int,
    *,
    reason: str,
    approval: Approval | None,
    on: dt.date | None = None,
) -> ArrearsAdjustment:
    """Set the account's opening arrears to ``new_total_fen`` (fen, >= 0) from ``on`` (today
    by default) by appending the difference as an adjustment.

    Needs a supervisor's Approval of "edit_opening_arrears" given by someone other than
    ``actor``; the approver's staff number is recorded with the adjustment. Audited. Returns
    the adjustment. Raises PermissionDenied, ApprovalRequired, SelfApprovalRefused,
    AccountNotFound, AccountClosed, ArrearsError (no reason, unchanged or negative total).
    """
    require_approved(actor, "edit_opening_arrears", approval)
    assert approval is not None
    day = today_or(on)
    with uow:
        account = find_account(uow, account_no)
        uow.journal.lock_account(account.account_no)
        before = _history(uow, account.id, account.account_no)
        adjustment = replace(
            adjustment_to(before.total_fen, new_total_fen, day, reason),
            recorded_by=actor.staff_no,
            approved_by=approval.approver.staff_no,
        )
        uow.arrears_adjustments.add(account.id, adjustment)
        details = {
            "account_no": account.account_no,
            "old": format_yuan(before.total_fen),
            "new": format_yuan(new_total_fen),
            "booked_on": day.isoformat(),
            "reason": adjustment.reason,
            "approver": adjustment.approved_by,
        }
        audit.record(uow, actor, "opening_arrears_adjust", details)
        uow.commit()
    return adjustment
