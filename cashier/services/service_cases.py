"""Complaints, reports and heat-supply applications: receiving, handling, answering, lists.

Every case and step is entered in the service journal (hash chain) in the same transaction.
Deadlines are not stored: they are computed from the working-day calendar whenever a case is
shown, so a year loaded later gives the cases received before it their deadline.
"""

from __future__ import annotations

import datetime as dt

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.service_cases import (
    CASE_PREFIXES,
    CaseError,
    CaseFilter,
    CaseStatus,
    NewCase,
    StoredCase,
    case_number,
    case_status,
    check_new_case,
    check_step,
)
from cashier.domain.service_records import AccountBrief
from cashier.domain.workdays import CHINA_TZ
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.service_journal import enter
from cashier.services.work_calendar import work_calendar

PAGE = 200


class UnknownAccount(UserError):
    """No account has this number."""

    def __init__(self, account_no: str) -> None:
        super().__init__(f"户号 {account_no} 不存在。", f"no account {account_no}")


class UnknownCase(UserError):
    """No case has this number."""


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _by(actor: Actor) -> tuple[str, str]:
    return actor.staff_no, actor.name


def find_account(uow: UnitOfWork, account_no: str) -> AccountBrief:
    """The account with this number (inside an open unit of work); raises UnknownAccount."""
    brief = uow.service_credits.account_by_number(account_no.strip())
    if brief is None:
        raise UnknownAccount(account_no.strip())
    return brief


def lookup_account(uow: UnitOfWork, actor: Actor, account_no: str) -> AccountBrief:
    """The account with this number, for a form to show who it is; raises UnknownAccount."""
    require(actor, "view_accounts")
    with uow:
        return find_account(uow, account_no)


def record_case(
    uow: UnitOfWork, actor: Actor, case: NewCase, *, now: dt.datetime | None = None
) -> CaseStatus:
    """Record a complaint, report or application as received; returns it with its deadline.

    The number is the kind's prefix, the year received and the next serial (TS2025-00012).
    Raises PermissionDenied without "service_case", CaseError for an incomplete case and
    UnknownAccount for an account id that does not exist.
    """
    require(actor, "service_case")
    checked = check_new_case(case)
    moment = _now(now)
    with uow:
        known = checked.account_id is None or uow.service_credits.account(checked.account_id)
        if not known:
            raise UnknownAccount(str(checked.account_id))
        uow.service_journal.head()
        year = checked.received_at.astimezone(CHINA_TZ).year
        serial = uow.service_cases.next_serial(f"{CASE_PREFIXES[checked.kind]}{year}-")
        number = case_number(checked.kind, year, serial)
        stored = uow.service_cases.add(checked, case_no=number, recorded_at=moment, by=_by(actor))
        enter(uow, "case", stored, moment)
        audit.record(uow, actor, "service_case", {"case_no": number}, now=moment)
        status = case_status(stored, work_calendar(uow), moment)
        uow.commit()
    return status


def add_case_step(
    uow: UnitOfWork,
    actor: Actor,
    case_no: str,
    kind: str,
    text: str,
    *,
    at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> CaseStatus:
    """Append a step (处理, 答复, 回访, 办结) to a case; ``at`` defaults to now.

    Raises PermissionDenied, UnknownCase, and CaseError for a step the case cannot take.
    """
    require(actor, "service_case")
    moment = _now(now)
    when = (at or moment).astimezone(dt.UTC)
    with uow:
        case = _case(uow, case_no)
        body = check_step(kind, when, text, case)
        uow.service_journal.head()
        step = uow.service_cases.add_step(
            case.id, kind, when, body, recorded_at=moment, by=_by(actor)
        )
        enter(uow, "case_step", step, moment, parent_ref=case.case_no)
        updated = uow.service_cases.get(case.id)
        assert updated is not None
        status = case_status(updated, work_calendar(uow), moment)
        uow.commit()
    return status


def _case(uow: UnitOfWork, case_no: str) -> StoredCase:
    case = uow.service_cases.by_number(case_no.strip().upper())
    if case is None:
        raise UnknownCase(f"没有编号为 {case_no} 的记录。", f"no case {case_no}")
    return case


def case_detail(
    uow: UnitOfWork, actor: Actor, case_no: str, *, now: dt.datetime | None = None
) -> CaseStatus:
    """One case with its steps and deadline; raises UnknownCase."""
    require(actor, "view_accounts")
    with uow:
        return case_status(_case(uow, case_no), work_calendar(uow), _now(now))


def list_cases(
    uow: UnitOfWork,
    actor: Actor,
    where: CaseFilter,
    *,
    before_id: int | None = None,
    limit: int = PAGE,
    now: dt.datetime | None = None,
) -> list[CaseStatus]:
    """Matching cases, newest first, one page with ids below ``before_id``."""
    require(actor, "view_accounts")
    with uow:
        cases = uow.service_cases.find(where, before_id=before_id, limit=limit)
        calendar = work_calendar(uow)
    moment = _now(now)
    return [case_status(case, calendar, moment) for case in cases]


def pending_cases(
    uow: UnitOfWork, actor: Actor, *, now: dt.datetime | None = None
) -> list[CaseStatus]:
    """Every case not closed, as of ``now``: the source of the overdue lists.

    Ordered by deadline (cases whose deadline cannot be computed first, they need
    attention), then by time received.
    """
    require(actor, "view_accounts")
    with uow:
        cases = uow.service_cases.unfinished()
        calendar = work_calendar(uow)
    moment = _now(now)
    statuses = [case_status(case, calendar, moment) for case in cases]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(
        statuses,
        key=lambda s: (
            s.deadline is not None,
            s.deadline.due_at if s.deadline else far,
            s.case.received_at,
        ),
    )


def check_case_fields(case: NewCase) -> NewCase:
    """Validate a case without storing it (for a form to show errors early)."""
    try:
        return check_new_case(case)
    except ValueError as exc:
        raise CaseError("时间无效。", str(exc)) from None
