"""Background jobs of the Counter page: each takes its own unit of work first (the Runner
gives it one) and calls services only; nothing here touches a widget."""

from __future__ import annotations

from collections.abc import Sequence

from cashier.domain.statement import Statement
from cashier.domain.tender import CASH
from cashier.services.payments import account_panel
from cashier.services.ports import UnitOfWork
from cashier.services.receipt_records import PaymentRow, account_payments
from cashier.services.station import Station


def statement_for(
    uow: UnitOfWork, station: Station, account_no: str, methods: Sequence[str]
) -> Statement:
    """Today's statement as the payment service will see it for a tender of `methods`.

    One method: that method's channel. A split tender: the method earning the least early
    discount (the service's `ledger_channel` rule: a discount needs every part to qualify).
    """
    chosen = sorted(set(methods)) or [CASH]
    statements = [account_panel(uow, station, account_no, method).statement for method in chosen]
    return min(statements, key=lambda st: (sum(s.discount_fen for s in st.seasons), st.channel))


def payment_page(uow: UnitOfWork, account_no: str, offset: int, limit: int) -> list[PaymentRow]:
    """One page of the account's payments list, newest first."""
    return account_payments(uow, account_no, offset=offset, limit=limit)
