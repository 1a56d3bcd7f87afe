"""Everything the Accounts page shows about one account, read in one call.

Facts and their history, statuses, holder changes and closing come from
:func:`cashier.services.accounts.account_details`; bills with their dated lines, open items,
payments and the statement on a date come from the ledger, computed by the domain (replay,
item_state, statement): nothing here does fee arithmetic of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.billing import StoredBill
from cashier.domain.ledger import Payment, Void, item_state, oldest_first, replay
from cashier.domain.statement import Statement, statement
from cashier.domain.tariffs import CHANNELS, OPENING
from cashier.services.accounts import AccountDetails, account_details
from cashier.services.ports import UnitOfWork
from cashier.services.receipt_records import PaymentRow, payment_rows
from cashier.services.statements import UnknownChannel

RECEIPT_ROWS = 200
"""Receipts the account view lists (a household has a few a season)."""


@dataclass(frozen=True)
class OpenItemRow:
    """One open item on a date, in fen: what was charged, paid, and is still owed."""

    season: str
    charged_fen: int
    paid_fen: int
    principal_fen: int
    late_fee_fen: int

    @property
    def opening(self) -> bool:
        """True for arrears carried over from the previous system (往年欠费)."""
        return self.season == OPENING

    @property
    def owed_fen(self) -> int:
        """Unpaid principal plus late fee."""
        return self.principal_fen + self.late_fee_fen


@dataclass(frozen=True)
class AccountView:
    """An account as the Accounts page shows it on ``on`` for a payment through ``channel``."""

    details: AccountDetails
    bills: tuple[StoredBill, ...]
    open_items: tuple[OpenItemRow, ...]
    payments: tuple[Payment, ...]
    voids: tuple[Void, ...]
    statement: Statement
    receipts: tuple[PaymentRow, ...] = ()
    """The account's payments, voids and refunds with their receipt numbers, newest first
    (at most RECEIPT_ROWS)."""


def account_view(
    uow: UnitOfWork, actor: Actor, account_no: str, *, on: dt.date, channel: str = "cash"
) -> AccountView:
    """Read everything about ``account_no`` for the account view, as of ``on``.

    Open items are every item (paid ones too) after replaying the payments up to ``on``;
    the statement is what a payment through ``channel`` on ``on`` would settle. Raises
    AccountNotFound, UnknownChannel, PermissionDenied.
    """
    if channel not in CHANNELS:
        raise UnknownChannel(f"未知的缴费渠道：{channel}", f"unknown channel {channel!r}")
    details = account_details(uow, actor, account_no, on=on)
    account_id = details.summary.id
    with uow:
        bills = tuple(uow.bills.for_account(account_id))
        items = uow.ledger.open_items(account_id)
        payments, voids = uow.ledger.payments(account_id)
        receipts = payment_rows(uow, details.summary.account_no, offset=0, limit=RECEIPT_ROWS)
    ledger = replay(items, payments, voids, as_of=on)
    return AccountView(
        details=details,
        bills=bills,
        open_items=tuple(_item_row(item, on) for item in oldest_first(ledger.items)),
        payments=tuple(payments),
        voids=tuple(voids),
        statement=statement(ledger.items, ledger.credit_fen, on, channel),
        receipts=tuple(receipts),
    )


def _item_row(item, on: dt.date) -> OpenItemRow:
    state = item_state(item, on)
    return OpenItemRow(
        season=item.season,
        charged_fen=state.charged,
        paid_fen=state.principal_paid,
        principal_fen=state.principal,
        late_fee_fen=state.late_fee,
    )
