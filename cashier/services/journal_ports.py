"""The repositories the payments services need: journal, receipt records, agent receipts.

They are attributes of the unit of work (`uow.journal`, `uow.receipts`, `uow.agent_receipts`,
declared in ports.UnitOfWork); store/repositories/journal.py and receipts.py implement them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Protocol

from cashier.domain.agent_file import AgentRow, SuspenseItem
from cashier.domain.chain import Anchor
from cashier.domain.journal import CounterState, InvoiceMark, JournalEntry


class JournalRepository(Protocol):
    """The counters' append-only journals and the counters' heads."""

    def lock_counter(self, counter: str) -> CounterState:
        """The counter's state, creating it when new and holding it locked until the
        transaction ends (FOR UPDATE on PostgreSQL; SQLite writes are serialised anyway)."""

    def counter(self, counter: str) -> CounterState | None:
        """The counter's state without locking it, or None for an unknown counter."""

    def counters(self) -> list[CounterState]:
        """Every counter, by code."""

    def append(self, entry: JournalEntry) -> None:
        """Insert a sealed entry and make it the counter's head (last seq and hash)."""

    def set_open_shift(self, counter: str, shift_seq: int | None, staff_no: str | None) -> None:
        """Record the counter's open shift (None, None: no shift open)."""

    def lock_account(self, account_no: str) -> None:
        """Hold the account against other postings until the transaction ends."""

    def by_uuid(self, uuid: str) -> JournalEntry | None:
        """The entry with this client UUID, or None."""

    def get(self, counter: str, seq: int) -> JournalEntry | None:
        """The entry numbered `seq` of `counter`, or None."""

    def reversal_of(self, receipt_no: str) -> JournalEntry | None:
        """The void or refund entry reversing `receipt_no`, or None."""

    def for_account(self, account_no: str, *, offset: int, limit: int) -> list[JournalEntry]:
        """The account's entries, newest first."""

    def shift_entries(self, counter: str, shift_seq: int) -> list[JournalEntry]:
        """The entries of one shift of a counter, in order."""

    def iter_counter(self, counter: str, batch: int = 5000) -> Iterator[JournalEntry]:
        """Every entry of a counter by (seq, row id), fetched `batch` at a time."""

    def iter_all(self, batch: int = 5000) -> Iterator[JournalEntry]:
        """Every entry of every counter in storage order (one sequential scan)."""

    def counter_codes(self) -> list[str]:
        """Every counter code that has entries or a counter row, sorted."""

    def add_anchor(
        self, anchor: Anchor, counter: str, *, made_at: dt.datetime, made_by: str
    ) -> None:
        """Store an anchor taken at a shift close."""

    def anchors(self) -> list[tuple[str, Anchor]]:
        """Every stored anchor as (counter, anchor), oldest first."""


class ReceiptRecordRepository(Protocol):
    """Reprints and invoice exchanges recorded against receipt numbers (append-only)."""

    def reprint_count(self, receipt_no: str) -> int:
        """How many times the receipt was reprinted."""

    def add_reprint(
        self, receipt_no: str, reprint_no: int, *, printed_at: dt.datetime, staff_no: str
    ) -> None:
        """Record the `reprint_no`th reprint (unique per receipt)."""

    def reprints_for(self, receipt_nos: Sequence[str]) -> dict[str, int]:
        """Reprint counts of those receipts that were reprinted."""

    def invoice(self, receipt_no: str) -> InvoiceMark | None:
        """The invoice the receipt was exchanged for, or None."""

    def invoices_for(self, receipt_nos: Sequence[str]) -> dict[str, str]:
        """Invoice numbers of those receipts that were exchanged."""

    def add_invoice(self, mark: InvoiceMark) -> None:
        """Record an exchange (the database refuses a second one for the receipt)."""


class AgentReceiptRepository(Protocol):
    """Rows of bank/agent collection files as imported, and the suspense list."""

    def known(self, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (channel, serial) pairs were imported before."""

    def add(
        self,
        row: AgentRow,
        receipt_no: str | None,
        *,
        file_name: str,
        imported_at: dt.datetime,
        imported_by: str,
    ) -> None:
        """Record an imported row; `receipt_no` None books it to suspense."""

    def suspense(self) -> list[SuspenseItem]:
        """Rows in suspense that are not assigned yet, oldest first."""

    def suspense_item(self, item_id: int) -> SuspenseItem | None:
        """One unassigned suspense row, or None (unknown or already assigned)."""

    def assign(
        self, item_id: int, account_no: str, receipt_no: str, *, at: dt.datetime, by: str
    ) -> None:
        """Record the assignment of a suspense row (once)."""
