"""Reprints and invoice exchanges of receipts, and rows of agent collection files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from cashier.domain.agent_file import AgentRow, SuspenseItem
from cashier.domain.journal import InvoiceMark
from cashier.store.models import AgentReceipt, InvoiceExchange, ReceiptReprint, SuspenseAssignment
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

LOOKUP_BATCH = 500


@repository("receipts")
class SqlReceiptRecordRepository:
    """Append-only records about receipts: reprints (补打) and invoice exchanges (换开发票)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def reprint_count(self, receipt_no: str) -> int:
        """How many times the receipt was reprinted."""
        query = select(func.max(ReceiptReprint.reprint_no)).where(
            ReceiptReprint.receipt_no == receipt_no
        )
        return self._session.scalar(query) or 0

    def add_reprint(
        self, receipt_no: str, reprint_no: int, *, printed_at: dt.datetime, staff_no: str
    ) -> None:
        """Record the `reprint_no`th reprint of the receipt."""
        self._session.add(
            ReceiptReprint(
                receipt_no=receipt_no,
                reprint_no=reprint_no,
                printed_at=to_db(printed_at),
                staff_no=staff_no,
            )
        )
        self._session.flush()

    def reprints_for(self, receipt_nos: Sequence[str]) -> dict[str, int]:
        """Reprint counts of those receipts that were reprinted."""
        found: dict[str, int] = {}
        for start in range(0, len(receipt_nos), LOOKUP_BATCH):
            chunk = list(receipt_nos[start : start + LOOKUP_BATCH])
            rows = self._session.execute(
                select(ReceiptReprint.receipt_no, func.max(ReceiptReprint.reprint_no))
                .where(ReceiptReprint.receipt_no.in_(chunk))
                .group_by(ReceiptReprint.receipt_no)
            )
            found.update({number: count for number, count in rows})
        return found

    def invoice(self, receipt_no: str) -> InvoiceMark | None:
        """The invoice the receipt was exchanged for, or None."""
        row = self._session.scalar(
            select(InvoiceExchange).where(InvoiceExchange.receipt_no == receipt_no)
        )
        if row is None:
            return None
        return InvoiceMark(
            row.receipt_no,
            row.invoice_no,
            row.invoice_date,
            from_db(row.recorded_at),
            row.recorded_by,
        )

    def invoices_for(self, receipt_nos: Sequence[str]) -> dict[str, str]:
        """Invoice numbers of those receipts that were exchanged."""
        found: dict[str, str] = {}
        for start in range(0, len(receipt_nos), LOOKUP_BATCH):
            chunk = list(receipt_nos[start : start + LOOKUP_BATCH])
            rows = self._session.execute(
                select(InvoiceExchange.receipt_no, InvoiceExchange.invoice_no).where(
                    InvoiceExchange.receipt_no.in_(chunk)
                )
            )
            found.update({number: invoice for number, invoice in rows})
        return found

    def add_invoice(self, mark: InvoiceMark) -> None:
        """Record an exchange; the unique index refuses a second one for the receipt."""
        self._session.add(
            InvoiceExchange(
                receipt_no=mark.receipt_no,
                invoice_no=mark.invoice_no,
                invoice_date=mark.invoice_date,
                recorded_at=to_db(mark.recorded_at),
                recorded_by=mark.recorded_by,
            )
        )
        self._session.flush()


def _suspense_item(row: AgentReceipt) -> SuspenseItem:
    return SuspenseItem(
        row.id,
        row.channel,
        row.serial,
        row.account_no,
        row.amount_fen,
        row.paid_on,
        row.file_name,
        from_db(row.imported_at),
    )


@repository("agent_receipts")
class SqlAgentReceiptRepository:
    """Rows of bank/agent collection files as imported, and the suspense list (待查款项)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def known(self, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (channel, serial) pairs were imported before."""
        found: set[tuple[str, str]] = set()
        for start in range(0, len(keys), LOOKUP_BATCH):
            chunk = list(keys[start : start + LOOKUP_BATCH])
            rows = self._session.execute(
                select(AgentReceipt.channel, AgentReceipt.serial).where(
                    tuple_(AgentReceipt.channel, AgentReceipt.serial).in_(chunk)
                )
            )
            found.update((channel, serial) for channel, serial in rows)
        return found

    def add(
        self,
        row: AgentRow,
        receipt_no: str | None,
        *,
        file_name: str,
        imported_at: dt.datetime,
        imported_by: str,
    ) -> None:
        """Record one imported row; `receipt_no` None books it to suspense."""
        self._session.add(
            AgentReceipt(
                channel=row.channel,
                serial=row.serial,
                account_no=row.account_no,
                amount_fen=row.amount_fen,
                paid_on=row.paid_on,
                receipt_no=receipt_no,
                file_name=file_name[:200],
                imported_at=to_db(imported_at),
                imported_by=imported_by,
            )
        )
        self._session.flush()

    def _unassigned(self):
        assigned = select(SuspenseAssignment.agent_receipt_id)
        return select(AgentReceipt).where(
            AgentReceipt.receipt_no.is_(None), AgentReceipt.id.not_in(assigned)
        )

    def suspense(self) -> list[SuspenseItem]:
        """Unassigned suspense rows, oldest first."""
        rows = self._session.scalars(self._unassigned().order_by(AgentReceipt.id))
        return [_suspense_item(row) for row in rows]

    def suspense_item(self, item_id: int) -> SuspenseItem | None:
        """One unassigned suspense row, or None."""
        row = self._session.scalar(self._unassigned().where(AgentReceipt.id == item_id))
        return None if row is None else _suspense_item(row)

    def assign(
        self, item_id: int, account_no: str, receipt_no: str, *, at: dt.datetime, by: str
    ) -> None:
        """Record the assignment of a suspense row (the unique index allows it once)."""
        self._session.add(
            SuspenseAssignment(
                agent_receipt_id=item_id,
                account_no=account_no,
                receipt_no=receipt_no,
                assigned_at=to_db(at),
                assigned_by=by,
            )
        )
        self._session.flush()
