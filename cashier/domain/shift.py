"""A shift's totals (班次汇总) from its journal entries.

Money is counted where it moved: a void or refund made in this shift subtracts from this
shift's methods, whatever shift took the payment. The cash expected in the drawer is the
opening float plus the net cash. (The blind count and the Z report are the day-close issue's.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from cashier.domain.chain import Anchor
from cashier.domain.journal import (
    PAYMENT,
    REFUND,
    REPAIR_PAYMENT,
    REPAIR_REFUND,
    SHIFT_OPEN,
    VOID,
    JournalEntry,
)
from cashier.domain.tender import CASH


@dataclass(frozen=True)
class ShiftTotals:
    """Counts and net amounts (fen) of one shift; ``by_method`` is signed, per method code."""

    counter: str
    shift_seq: int
    staff_no: str
    staff_name: str
    opened_at: dt.datetime
    opening_float_fen: int
    payments: int = 0
    voids: int = 0
    refunds: int = 0
    collected_fen: int = 0
    returned_fen: int = 0
    rounding_fen: int = 0
    by_method: dict[str, int] = field(default_factory=dict)
    closed_receipt_no: str | None = None
    anchor: Anchor | None = None

    @property
    def cash_expected_fen(self) -> int:
        """What the drawer should hold: opening float plus net cash."""
        return self.opening_float_fen + self.by_method.get(CASH, 0)

    @property
    def net_fen(self) -> int:
        """Money taken in minus money paid out."""
        return self.collected_fen - self.returned_fen

    def as_extra(self) -> dict[str, object]:
        """The totals as kept in the shift_close entry's body."""
        return {
            "opening_float": self.opening_float_fen,
            "payments": self.payments,
            "voids": self.voids,
            "refunds": self.refunds,
            "collected": self.collected_fen,
            "returned": self.returned_fen,
            "rounding": self.rounding_fen,
            "by_method": dict(sorted(self.by_method.items())),
            "cash_expected": self.cash_expected_fen,
        }


_COUNTED_AS = {REPAIR_PAYMENT: PAYMENT, REPAIR_REFUND: REFUND}
"""Repair bill payments and refunds are money of the shift like heat-fee ones."""


def shift_totals(opening: JournalEntry, entries: Sequence[JournalEntry]) -> ShiftTotals:
    """The totals of the shift opened by ``opening`` over its ``entries`` (any order).

    Raises ValueError when ``opening`` is not a shift_open entry.
    """
    if opening.kind != SHIFT_OPEN:
        raise ValueError(f"{opening.receipt_no} does not open a shift")
    counts = {PAYMENT: 0, VOID: 0, REFUND: 0}
    by_method: dict[str, int] = {}
    collected = returned = rounding = 0
    for entry in entries:
        kind = _COUNTED_AS.get(entry.kind, entry.kind)
        if kind not in counts:
            continue
        counts[kind] += 1
        details = entry.details
        for part in details.parts:
            by_method[part.method] = by_method.get(part.method, 0) + part.amount_fen
        rounding += entry.amount_fen - entry.applied_fen
        if kind == PAYMENT:
            collected += entry.amount_fen
        else:
            returned -= entry.amount_fen
    return ShiftTotals(
        counter=opening.counter,
        shift_seq=opening.seq,
        staff_no=opening.staff_no,
        staff_name=opening.staff_name,
        opened_at=opening.taken_at,
        opening_float_fen=int(opening.details.extra.get("opening_float", 0)),  # type: ignore[arg-type]
        payments=counts[PAYMENT],
        voids=counts[VOID],
        refunds=counts[REFUND],
        collected_fen=collected,
        returned_fen=returned,
        rounding_fen=rounding,
        by_method=by_method,
    )
