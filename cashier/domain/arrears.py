"""Corrections of opening arrears (往年欠费) carried over from the previous system.

The carried-over amount is recorded once and never edited. A correction is an adjustment
appended after it: a signed amount in fen, dated, with a reason and the approving supervisor.
The open item of the arrears (season ``"opening"``, older than any season, without late fee)
holds the original amount and every adjustment as dated lines, so payments made before a
correction keep their place and an amount reduced below what was paid becomes credit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.errors import UserError
from cashier.domain.fees import BillLine, DatedLine
from cashier.domain.ledger import OpenItem
from cashier.domain.money import format_plain, format_yuan
from cashier.domain.tariffs import OPENING

MAX_ARREARS_FEN = 10**11
"""The largest total of opening arrears accepted (one billion yuan): a typo guard."""

MAX_REASON = 200
"""The longest reason kept (characters)."""

OPENING_LABEL = "往年欠费"
ADJUSTMENT_LABEL = "调整（往年欠费）"


class ArrearsError(UserError):
    """A correction of opening arrears that cannot be recorded (no change, negative total)."""


@dataclass(frozen=True)
class ArrearsAdjustment:
    """One correction of an account's opening arrears: ``amount_fen`` (signed, not zero)
    added to the arrears on ``on``; who recorded it, why, and the approver's staff number."""

    on: dt.date
    amount_fen: int
    reason: str
    recorded_by: str = ""
    approved_by: str | None = None
    recorded_at: dt.datetime | None = None


def arrears_total(original_fen: int, adjustments: Sequence[ArrearsAdjustment]) -> int:
    """The opening arrears as corrected: the carried-over amount plus every adjustment (fen)."""
    return original_fen + sum(adjustment.amount_fen for adjustment in adjustments)


def adjustment_to(
    current_fen: int, new_total_fen: int, on: dt.date, reason: str
) -> ArrearsAdjustment:
    """The adjustment taking the arrears from ``current_fen`` to ``new_total_fen`` (fen).

    Raises ArrearsError for a negative or absurd total, an unchanged one, or a missing or
    too long reason.
    """
    if not reason.strip():
        raise ArrearsError("请填写原因。", "a reason is required")
    if len(reason.strip()) > MAX_REASON:
        raise ArrearsError(f"原因最多 {MAX_REASON} 字。", "the reason is too long")
    if isinstance(new_total_fen, bool) or not 0 <= new_total_fen <= MAX_ARREARS_FEN:
        raise ArrearsError(
            f"往年欠费金额无效：{format_yuan(new_total_fen)}。",
            f"opening arrears out of range: {new_total_fen} fen",
        )
    if new_total_fen == current_fen:
        raise ArrearsError(
            f"往年欠费已是 {format_yuan(current_fen)}，没有变化。",
            "the opening arrears do not change",
        )
    return ArrearsAdjustment(on, new_total_fen - current_fen, reason.strip())


def adjustment_line(adjustment: ArrearsAdjustment, before_fen: int) -> DatedLine:
    """The adjustment as a dated line of the arrears' open item (detail ``before→after``)."""
    after = before_fen + adjustment.amount_fen
    line = BillLine(
        "adjustment",
        ADJUSTMENT_LABEL,
        adjustment.amount_fen,
        f"{format_plain(before_fen)}→{format_plain(after)}",
        corrects="opening",
    )
    return DatedLine(adjustment.on, line, adjustment.reason)


def opening_arrears_item(
    original: tuple[int, dt.date] | None, adjustments: Sequence[ArrearsAdjustment]
) -> OpenItem | None:
    """The open item of the arrears: the carried-over ``(amount_fen, booked_on)`` (None or
    0 fen when nothing was carried over) and the adjustments in the order recorded.

    None when there is nothing to show (no amount carried over and no adjustment).
    """
    charges: list[DatedLine] = []
    running = 0
    if original is not None and original[0] > 0:
        running = original[0]
        charges.append(DatedLine(original[1], BillLine("opening", OPENING_LABEL, running)))
    for adjustment in adjustments:
        charges.append(adjustment_line(adjustment, running))
        running += adjustment.amount_fen
    if not charges:
        return None
    return OpenItem(OPENING, dt.date.min, None, charges=tuple(charges))
