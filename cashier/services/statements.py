"""What an account owes on a date (`cashier statement ACCOUNT --date D --channel C`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cashier.domain.errors import UserError
from cashier.domain.ledger import replay
from cashier.domain.statement import Statement, statement, statement_to_json_dict
from cashier.domain.tariffs import CHANNELS
from cashier.services.ports import UnitOfWork


class UnknownAccount(UserError):
    """No account has this number."""


class UnknownChannel(UserError):
    """A payment channel that formats.md does not define."""


@dataclass(frozen=True)
class AccountStatement:
    """The statement of one account (amounts in fen inside `statement`)."""

    account_no: str
    name: str
    statement: Statement

    def to_json_dict(self) -> dict[str, Any]:
        """The `--json` document of formats.md (amounts as strings with two decimals)."""
        return statement_to_json_dict(self.statement, self.account_no)


def account_statement(
    uow: UnitOfWork, account_no: str, on: dt.date, channel: str
) -> AccountStatement:
    """What `account_no` owes on `on` for a payment through `channel` (heat-fees.md).

    Open items are the opening arrears and every billed season with its dated lines; the
    account's payments and voids up to `on` are replayed onto them first. Raises
    UnknownChannel and UnknownAccount.
    """
    if channel not in CHANNELS:
        raise UnknownChannel(
            f"未知的缴费渠道：{channel}（可用：{'、'.join(CHANNELS)}）",
            f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}",
        )
    with uow:
        found = uow.ledger.account(account_no)
        if found is None:
            raise UnknownAccount(f"户号 {account_no} 不存在。", f"no account {account_no}")
        account_id, name = found
        items = uow.ledger.open_items(account_id)
        payments, voids = uow.ledger.payments(account_id)
    ledger = replay(items, payments, voids, as_of=on)
    owed = statement(ledger.items, ledger.credit_fen, on, channel)
    return AccountStatement(account_no, name, owed)
