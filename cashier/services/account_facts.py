"""Changing an account's billing facts or season status, and correcting bills already made.

A bill is never edited (heat-fees.md, "Corrections after a season is billed"). When facts or a
status change after a season was billed, the season's lines are computed again with the facts
the season now uses and the frozen tariff of the bill, and an adjustment (调整) new − old is
posted per changed line, dated, with the reason and the approver. The lines computed again are
those that follow from the facts: 采暖费, 层高加收, 基本热费 and, once the reading is in,
计量结算. Credits (停热减收, 室温退费) are posted by their own records and synced after the
change (a suspended season earns none; a new area changes the daily charge).

A change of the heated area, the category (or the low-income flag) and of a season's status
needs a supervisor's approval (cashier.domain.roles.APPROVAL_REQUIRED): the service takes the
verified Approval and records the approver's staff number with the new records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cashier.domain.account_history import FactsError, status_for, versions_for_change
from cashier.domain.accounts import STATUSES
from cashier.domain.actor import Actor
from cashier.domain.billing import StoredBill
from cashier.domain.fees import (
    BillLine,
    DatedLine,
    bill_lines,
    correction_lines,
    metered_settlement,
)
from cashier.domain.roles import Approval, needs_approval
from cashier.domain.workdays import CHINA_TZ
from cashier.services import audit
from cashier.services.accounts import check_reason, find_account, today_or
from cashier.services.permissions import require, require_approved
from cashier.services.ports import UnitOfWork
from cashier.services.service_credits import sync_credits

RECOMPUTED_KINDS = frozenset({"heating", "ceiling", "suspension", "metered_settlement"})
"""Line kinds that follow from an account's facts and are corrected when they change."""

PREPAID_KINDS = frozenset({"heating", "ceiling"})
"""Line kinds a metered account prepays at opening (settled by 计量结算)."""

_PERMISSION_BY_FIELD = {
    "heated_area": "change_area",
    "category": "change_category",
    "low_income": "change_category",
}


@dataclass(frozen=True)
class SeasonCorrection:
    """Adjustment lines posted to one season's bill (amounts in fen)."""

    season: str
    lines: tuple[DatedLine, ...]

    @property
    def total_fen(self) -> int:
        """The net change of the season's charge."""
        return sum(dated.line.amount_fen for dated in self.lines)


def _counted(line: BillLine) -> str:
    return line.corrects if line.kind == "adjustment" and line.corrects else line.kind


def prepaid_fen(bill: StoredBill) -> int:
    """What a metered account prepaid on the bill: 采暖费 and 层高加收 with their adjustments."""
    return sum(d.line.amount_fen for d in bill.lines if _counted(d.line) in PREPAID_KINDS)


def recomputed_lines(bill: StoredBill, facts, consumption) -> list[BillLine]:
    """The season's fact-dependent lines computed again with ``facts`` and the bill's tariff.

    ``consumption`` (Decimal, or None before the reading) adds the metered settlement against
    the heating fee these facts give.
    """
    lines = bill_lines(facts, bill.tariff)
    if consumption is not None and facts.metered:
        prepaid = sum(line.amount_fen for line in lines if line.kind in PREPAID_KINDS)
        settlement = metered_settlement(facts, bill.tariff, consumption, prepaid)
        if settlement is not None:
            lines.append(settlement)
    return lines


def correct_bills(
    uow: UnitOfWork,
    actor: Actor,
    account_id: int,
    *,
    on: dt.date,
    reason: str,
    approved_by: str | None,
) -> list[SeasonCorrection]:
    """Post adjustments to every bill of the account whose fact-dependent lines changed.

    Runs inside an open unit of work (the caller commits). Lines are dated ``on``.
    """
    readings = {r.season: r.consumption for r in uow.readings.for_account(account_id)}
    corrections = []
    for bill in uow.bills.for_account(account_id):
        subject = uow.bills.facts_for_season(account_id, bill.season)
        if subject is None:
            continue
        old = [d.line for d in bill.lines if _counted(d.line) in RECOMPUTED_KINDS]
        new = recomputed_lines(bill, subject.facts, readings.get(bill.season))
        posted = correction_lines(old, new, reason, on)
        if posted:
            uow.bills.add_lines(
                account_id, bill.season, posted, recorded_by=actor.staff_no, approved_by=approved_by
            )
            corrections.append(SeasonCorrection(bill.season, tuple(posted)))
    return corrections


def approvals_needed(changes: Mapping[str, object]) -> tuple[str, ...]:
    """The approval actions a change of these facts needs, sorted (change_area for the heated
    area, change_category for the category or the low-income flag; none for the others)."""
    actions = {_PERMISSION_BY_FIELD.get(field, "edit_account") for field in changes}
    return tuple(sorted(action for action in actions if needs_approval(action)))


def _check_approvals(
    actor: Actor, changes: Mapping[str, object], approvals: Sequence[Approval]
) -> str | None:
    """Check the permission for every field and an approval for every action that needs one;
    the approvers' staff numbers (comma-separated, None when no approval was needed)."""
    for field in sorted(set(changes)):
        require(actor, _PERMISSION_BY_FIELD.get(field, "edit_account"))
    by_action = {approval.action: approval for approval in approvals}
    approvers = []
    for action in approvals_needed(changes):
        approval = by_action.get(action)
        require_approved(actor, action, approval)
        assert approval is not None
        approvers.append(approval.approver.staff_no)
    return ",".join(dict.fromkeys(approvers)) or None


def _credit_moment(on: dt.date | None) -> dt.datetime:
    """When outage and temperature credits are recomputed: now, or noon (Beijing) on ``on``."""
    if on is None:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.combine(on, dt.time(12), tzinfo=CHINA_TZ)


def _after_change(
    uow: UnitOfWork, actor: Actor, account_id: int, on: dt.date | None, **recorded
) -> list[SeasonCorrection]:
    """Correct the billed seasons, then let their outage and temperature credits follow."""
    corrections = correct_bills(uow, actor, account_id, on=today_or(on), **recorded)
    moment = _credit_moment(on)
    for bill in uow.bills.for_account(account_id):
        sync_credits(uow, actor, account_id, bill.season, moment)
    return corrections


def change_facts(
    uow: UnitOfWork,
    actor: Actor,
    account_no: str,
    changes: Mapping[str, object],
    *,
    valid_from: dt.date,
    reason: str,
    approvals: Sequence[Approval] = (),
    on: dt.date | None = None,
) -> list[SeasonCorrection]:
    """Change billing facts from ``valid_from`` on and correct the seasons already billed.

    ``changes`` maps fact names (category, low_income, heated_area (Decimal m²),
    ceiling_height (Decimal m or None), billing, connected_on) to new values. A change of the
    heated area, category or low-income flag needs a supervisor's Approval of each action in
    ``approvals_needed(changes)`` (given by someone other than ``actor``); the approvers'
    staff numbers are recorded with the new versions and adjustments. Adjustments are dated
    ``on`` (today by default), then outage and temperature credits are synced. Audited.
    Returns the corrections posted. Raises AccountNotFound, AccountClosed, ReasonRequired,
    FactsError, PermissionDenied, ApprovalRequired, SelfApprovalRefused.
    """
    approved_by = _check_approvals(actor, changes, approvals)
    reason = check_reason(reason)
    with uow:
        account = find_account(uow, account_no)
        versions = uow.account_history.facts_versions(account.id)
        new = versions_for_change(versions, changes, valid_from)
        uow.account_history.add_facts_versions(
            account.id, new, recorded_by=actor.staff_no, reason=reason, approved_by=approved_by
        )
        corrections = _after_change(
            uow, actor, account.id, on, reason=reason, approved_by=approved_by
        )
        details = {
            "account_no": account.account_no,
            "changes": {field: _text(value) for field, value in sorted(changes.items())},
            "valid_from": valid_from.isoformat(),
            "reason": reason,
            "approver": approved_by,
            "adjusted_fen": sum(c.total_fen for c in corrections),
        }
        audit.record(uow, actor, "facts_change", details)
        uow.commit()
    return corrections


def _text(value: object) -> str | bool | None:
    """A fact's value as the audit log keeps it (no Decimal, no date objects)."""
    if value is None or isinstance(value, bool | str):
        return value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def season_statuses(uow: UnitOfWork, actor: Actor, account_no: str) -> list[tuple[str, str]]:
    """Every season, newest first, with the account's status in it (heating unless recorded).

    Raises AccountNotFound, PermissionDenied without "view_accounts".
    """
    require(actor, "view_accounts")
    with uow:
        account = find_account(uow, account_no, open_only=False)
        records = uow.account_history.statuses(account.id)
        return [(code, status_for(records, code)) for code in reversed(uow.seasons.codes())]


def set_status(
    uow: UnitOfWork,
    actor: Actor,
    account_no: str,
    season: str,
    status: str,
    *,
    reason: str,
    approval: Approval | None,
    on: dt.date | None = None,
) -> list[SeasonCorrection]:
    """Record heating or suspended (供热/报停) for a season; correct its bill if it has one.

    Needs a supervisor's Approval of "change_status" given by someone other than ``actor``;
    the approver's staff number is recorded with the status and the adjustments, then
    outage and temperature credits are synced. Audited. Raises AccountNotFound,
    AccountClosed, ReasonRequired, FactsError for an unknown status or season, or when the
    status does not change; PermissionDenied, ApprovalRequired, SelfApprovalRefused.
    """
    require_approved(actor, "change_status", approval)
    assert approval is not None
    approved_by = approval.approver.staff_no
    reason = check_reason(reason)
    if status not in STATUSES:
        raise FactsError(f"未知的状态：{status}", f"unknown status {status!r}")
    with uow:
        account = find_account(uow, account_no)
        if uow.seasons.get(season) is None:
            raise FactsError(f"采暖期 {season} 不存在。", f"no season {season}")
        if status_for(uow.account_history.statuses(account.id), season) == status:
            raise FactsError("状态没有变化。", "the status does not change")
        uow.account_history.add_status(
            account.id, season, status,
            recorded_by=actor.staff_no, reason=reason, approved_by=approved_by,
        )  # fmt: skip
        corrections = _after_change(
            uow, actor, account.id, on, reason=reason, approved_by=approved_by
        )
        details = {
            "account_no": account.account_no, "season": season, "status": status,
            "reason": reason, "approver": approved_by,
            "adjusted_fen": sum(c.total_fen for c in corrections),
        }  # fmt: skip
        audit.record(uow, actor, "status_change", details)
        uow.commit()
    return corrections
