"""What an account's statement is computed from: open items, payments and voids.

This is the one place the statement reads: season bills (with every dated line posted to
them), opening arrears (往年欠费) with their corrections, and the payments of the counter
journals with their voids and refunds (store/repositories/journal.py); a credit payout
(预存退款) is an open item the credit balance pays.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.domain.arrears import opening_arrears_item
from cashier.domain.ledger import OpenItem, Payment, Void, season_item
from cashier.store.device_ledger import device_events
from cashier.store.models import Account, OpeningArrearsRecord
from cashier.store.registry import repository
from cashier.store.repositories.arrears import adjustment_from_row, adjustments_query
from cashier.store.repositories.bills import SqlBillRepository
from cashier.store.repositories.journal import ledger_events


@repository("ledger")
class SqlLedgerRepository:
    """Reads an account's open items and payments for statements and allocation."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._bills = SqlBillRepository(session)

    def account(self, account_no: str) -> tuple[int, str] | None:
        """(account id, name) of the account number, or None."""
        row = self._session.execute(
            select(Account.id, Account.name).where(Account.account_no == account_no)
        ).first()
        return None if row is None else (row.id, row.name)

    def open_items(self, account_id: int) -> list[OpenItem]:
        """Opening arrears and one item per billed season, with every dated line posted.

        A season item takes its late-fee rule, discount windows and due date from the tariff
        frozen with the bill, and its discount eligibility from the facts in force for it.
        """
        items = self._opening_items(account_id)
        for bill in self._bills.for_account(account_id):
            subject = self._bills.facts_for_season(account_id, bill.season)
            items.append(season_item(bill.tariff, subject.facts, bill.lines))
        return items + self._events(account_id)[2]

    def _opening_items(self, account_id: int) -> list[OpenItem]:
        """The opening arrears as carried over, with their corrections (domain/arrears.py)."""
        record = OpeningArrearsRecord
        original = self._session.execute(
            select(record.amount_fen, record.booked_on).where(record.account_id == account_id)
        ).first()
        rows = self._session.execute(adjustments_query(account_id))
        adjustments = [adjustment_from_row(row) for row in rows]
        item = opening_arrears_item(None if original is None else tuple(original), adjustments)
        return [] if item is None else [item]

    def payments(self, account_id: int) -> tuple[list[Payment], list[Void]]:
        """The account's payments (journal entries) and their voids and refunds, in posting
        order; a refund of a whole payment reverses it like a void dated the refund's day."""
        payments, voids, _ = self._events(account_id)
        return payments, voids

    def _events(self, account_id: int) -> tuple[list[Payment], list[Void], list[OpenItem]]:
        """Payments, voids and credit payouts (as open items) from the journal, as offline
        devices' syncs and check-outs date and complete them (store/device_ledger.py)."""
        return device_events(self._session, account_id, ledger_events(self._session, account_id))
