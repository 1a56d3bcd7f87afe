"""Registering accounts, changing holder (过户), closing (销户), and reading an account's records.

Every action is one unit of work and leaves a record with who did it and why; nothing an
account has been is overwritten silently. Changes of billing facts and status, which may
correct bills already made, are in :mod:`cashier.services.account_facts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cashier.domain.account_history import (
    AccountSummary,
    Closure,
    FactsVersion,
    HolderChange,
    MeterReading,
    OpeningArrears,
    StatusRecord,
    earliest,
    facts_on,
)
from cashier.domain.account_import import address_key, check_account, check_cell
from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.ledger import replay
from cashier.domain.money import format_yuan
from cashier.domain.registration import NewAccount
from cashier.domain.statement import statement
from cashier.domain.table_rows import CellProblem
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork


class AccountNotFound(UserError):
    """No account has this number."""

    def __init__(self, account_no: str) -> None:
        super().__init__(f"户号 {account_no} 不存在。", f"no account {account_no}")


class AccountClosed(UserError):
    """The account was closed (销户); nothing more can be recorded on it."""

    def __init__(self, account: AccountSummary) -> None:
        super().__init__(
            f"户号 {account.account_no} 已于 {account.closed_on} 销户。",
            f"account {account.account_no} was closed on {account.closed_on}",
        )


class DuplicateAccount(UserError):
    """The account number or the address is already registered."""


class CannotClose(UserError):
    """The account still owes money or has credit left, so it cannot be closed."""


class ReasonRequired(UserError):
    """A change of record was asked for without saying why."""

    def __init__(self) -> None:
        super().__init__("请填写原因。", "a reason is required")


def today_or(on: dt.date | None) -> dt.date:
    """``on``, or today's date when None."""
    return on if on is not None else dt.date.today()


def check_reason(reason: str) -> str:
    """The reason without surrounding spaces; raises ReasonRequired when empty."""
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    return reason


def find_account(uow: UnitOfWork, account_no: str, *, open_only: bool = True) -> AccountSummary:
    """The account with this number (inside ``with uow``).

    Raises AccountNotFound, and AccountClosed when ``open_only`` and it was closed.
    """
    account = uow.accounts.get(account_no.strip())
    if account is None:
        raise AccountNotFound(account_no)
    if open_only and account.closed_on is not None:
        raise AccountClosed(account)
    return account


def newest_season(uow: UnitOfWork) -> str | None:
    """The code of the season with the latest first day, or None before any is loaded."""
    codes = uow.seasons.codes()
    return codes[-1] if codes else None


def add_accounts(
    uow: UnitOfWork, actor: Actor, accounts: Iterable[NewAccount], *, on: dt.date, source: str = ""
) -> int:
    """Register checked accounts inside an open unit of work (the caller commits).

    Their first facts are valid from ``on``, or from the newest season's first day when that
    is earlier (so they are billed for it); a suspended account is recorded as 报停 for the
    newest season; opening arrears become an open item booked on the same day. Returns how
    many. Raises ValueError for a suspended account when no season exists.
    """
    season = newest_season(uow)
    valid_from = on
    if season is not None:
        valid_from = min(on, uow.seasons.get(season).season.start)
    return uow.accounts.add_many(
        accounts,
        valid_from=valid_from,
        recorded_by=actor.staff_no,
        status_season=season,
        source=source,
    )


def register_account(
    uow: UnitOfWork, actor: Actor, account: NewAccount, *, on: dt.date | None = None
) -> None:
    """Register one account (开户) typed in at the window, checked as a row of the file.

    Raises UserError naming every bad field, DuplicateAccount when its number or address is
    taken, ValueError as add_accounts.
    """
    require(actor, "edit_account")
    problems = check_account(account)
    if problems:
        raise UserError(
            "；".join(f"{p.column_zh}：{p.zh}" for p in problems),
            "; ".join(f"{p.column_en}: {p.en}" for p in problems),
        )
    with uow:
        if uow.accounts.ids_by_number([account.account_no]):
            raise DuplicateAccount(
                f"户号 {account.account_no} 已存在。", f"account {account.account_no} exists"
            )
        taken = uow.accounts.existing_addresses([address_key(account.address)])
        if taken:
            other = next(iter(taken.values()))
            raise DuplicateAccount(
                f"地址 {account.address.display()} 已登记为户号 {other}。",
                f"the address is already registered as account {other}",
            )
        add_accounts(uow, actor, [account], on=today_or(on))
        uow.commit()


def change_holder(
    uow: UnitOfWork,
    actor: Actor,
    account_no: str,
    *,
    name: str,
    phone: str,
    reason: str,
    on: dt.date | None = None,
    approved_by: str | None = None,
) -> HolderChange:
    """Change the account's holder (过户) to ``name`` and ``phone``; the old ones are kept.

    The account keeps its number, bills and arrears. Raises AccountNotFound, AccountClosed,
    ReasonRequired, and UserError for an empty or too long name or a malformed phone.
    """
    require(actor, "edit_account")
    reason, name, phone = check_reason(reason), name.strip(), phone.strip()
    if not name:
        raise UserError("请填写新户名。", "the new holder's name is required")
    try:
        check_cell("name", name)
        check_cell("phone", phone)
    except CellProblem as problem:
        raise UserError(problem.zh, problem.en) from None
    with uow:
        account = find_account(uow, account_no)
        change = HolderChange(
            today_or(on), account.name, account.phone, name, phone,
            actor.staff_no, reason, approved_by,
        )
        uow.account_history.add_holder_change(account.id, change)
        uow.accounts.set_holder(account.id, name, phone)
        uow.commit()
    return change


def close_account(
    uow: UnitOfWork,
    actor: Actor,
    account_no: str,
    *,
    reason: str,
    on: dt.date | None = None,
    approved_by: str | None = None,
) -> Closure:
    """Close the account (销户) when nothing is owed on ``on`` and no credit is left.

    A closed account is no longer billed and takes no more changes. Raises AccountNotFound,
    AccountClosed, ReasonRequired, and CannotClose naming what is still open.
    """
    require(actor, "edit_account")
    reason, day = check_reason(reason), today_or(on)
    with uow:
        account = find_account(uow, account_no)
        _refuse_open_balance(uow, account, day)
        closure = Closure(day, actor.staff_no, reason, approved_by)
        uow.account_history.add_closure(account.id, closure)
        uow.commit()
    return closure


def _refuse_open_balance(uow: UnitOfWork, account: AccountSummary, day: dt.date) -> None:
    payments, voids = uow.ledger.payments(account.id)
    ledger = replay(uow.ledger.open_items(account.id), payments, voids, as_of=day)
    owed = statement(ledger.items, ledger.credit_fen, day, "cash")
    due = sum(season.due_fen for season in owed.seasons)
    if due or owed.credit_fen:
        raise CannotClose(
            f"户号 {account.account_no} 尚有欠费 {format_yuan(due)}、预存 "
            f"{format_yuan(owed.credit_fen)}，结清后才能销户。",
            f"account {account.account_no} owes {due} fen and has {owed.credit_fen} fen credit",
        )


@dataclass(frozen=True)
class AccountDetails:
    """Everything recorded about one account, for the account view.

    ``current`` is the facts version that applies on the day asked for; ``facts`` are all
    versions in recording order; ``statuses`` every status record.
    """

    summary: AccountSummary
    current: FactsVersion
    facts: tuple[FactsVersion, ...]
    statuses: tuple[StatusRecord, ...]
    holder_changes: tuple[HolderChange, ...]
    closure: Closure | None
    opening_arrears: OpeningArrears | None
    readings: tuple[MeterReading, ...]


def account_details(
    uow: UnitOfWork, actor: Actor, account_no: str, *, on: dt.date | None = None
) -> AccountDetails:
    """The account's facts and their history, statuses, holder changes, closing, arrears
    and readings (closed accounts too). Raises AccountNotFound."""
    require(actor, "view_accounts")
    with uow:
        account = find_account(uow, account_no, open_only=False)
        history = uow.account_history
        versions = history.facts_versions(account.id)
        return AccountDetails(
            summary=account,
            current=facts_on(versions, today_or(on)) or earliest(versions),
            facts=tuple(versions),
            statuses=tuple(history.statuses(account.id)),
            holder_changes=tuple(history.holder_changes(account.id)),
            closure=history.closure(account.id),
            opening_arrears=history.opening_arrears(account.id),
            readings=tuple(uow.readings.for_account(account.id)),
        )
