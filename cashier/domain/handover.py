"""A collector's hand-over (缴款): cash taken at the door handed to a cashier or the finance
desk, counted there and signed by both on screen.

A collector's open cash is the cash of their payments, voids and refunds minus what their
hand-overs settled. A hand-over settles all of it: ``expected_fen`` is the open cash at that
moment and ``counted_fen`` what was counted; the difference (counted minus expected) is
recorded with a reason, and above the threshold needs a supervisor, like a shift close.
Money is int fen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cashier.domain.journal import JournalEntry
from cashier.domain.shift_report import MONEY_KINDS
from cashier.domain.signature import Signature
from cashier.domain.tender import CASH


@dataclass(frozen=True)
class HandoverRecord:
    """A stored hand-over: the receipt number of its journal entry, where and when, both
    people (staff number, name), the amounts and both signatures."""

    receipt_no: str
    counter: str
    business_date: dt.date
    taken_at: dt.datetime
    collector_staff_no: str
    collector_name: str
    receiver_staff_no: str
    receiver_name: str
    expected_fen: int
    counted_fen: int
    collector_signature: Signature
    receiver_signature: Signature

    @property
    def difference_fen(self) -> int:
        """Counted minus expected: negative is a shortage."""
        return self.counted_fen - self.expected_fen


def cash_of(entry: JournalEntry) -> int:
    """The cash an entry moved (negative when paid out); 0 for entries that move no money
    of customers."""
    if entry.kind not in MONEY_KINDS:
        return 0
    return sum(part.amount_fen for part in entry.details.parts if part.method == CASH)


def open_cash(entries: Iterable[JournalEntry], handovers: Iterable[HandoverRecord]) -> int:
    """A collector's cash not handed over yet: the cash of `entries` (theirs) minus what
    `handovers` (theirs) settled."""
    taken = sum(cash_of(entry) for entry in entries)
    return taken - sum(record.expected_fen for record in handovers)
