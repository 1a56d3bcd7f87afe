"""Matching a provider's statement lines with the non-cash parts of the day's payments.

First by reference: a part whose reference (the order number the cashier typed or scanned)
is one of a line's references, with the same sign (a payment with a payment line, a refund
with a refund line). A pair found by reference whose amounts differ is a mismatch. Then by
amount and time: among what is left, the same amount within ``window`` of each other, the
closest in time first. What is still left is unmatched, on either side. Every unmatched or
mismatched item is resolved by an accountant with a note (the newest note counts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cashier.domain.settlement_files import StatementLine

DEFAULT_WINDOW = dt.timedelta(minutes=10)
BY_REFERENCE, BY_AMOUNT_TIME = "reference", "amount_time"


@dataclass(frozen=True)
class BookPart:
    """One non-cash part of a payment, void or refund entry: fen (negative when paid out)."""

    receipt_no: str
    index: int
    method: str
    amount_fen: int
    reference: str
    taken_at: dt.datetime
    staff: str

    @property
    def key(self) -> str:
        """The part's item key: ``part:A01-00000123#0``."""
        return f"part:{self.receipt_no}#{self.index}"


@dataclass(frozen=True)
class Match:
    """A statement line paired with a part, and how."""

    line: StatementLine
    part: BookPart
    by: str

    @property
    def amount_differs(self) -> bool:
        """True for a mismatch: paired by reference, amounts not equal."""
        return self.line.amount_fen != self.part.amount_fen

    @property
    def key(self) -> str:
        """The mismatch's item key: ``match:A01-00000123#0``."""
        return f"match:{self.part.receipt_no}#{self.part.index}"


def line_key(line: StatementLine) -> str:
    """An unmatched line's item key: ``line:<stored id>``."""
    return f"line:{line.line_id if line.line_id is not None else f'n{line.line_no}'}"


@dataclass(frozen=True)
class MatchResult:
    """Pairs, mismatches among them, and what is left on each side."""

    matched: tuple[Match, ...]
    unmatched_lines: tuple[StatementLine, ...]
    unmatched_parts: tuple[BookPart, ...]

    @property
    def mismatched(self) -> tuple[Match, ...]:
        """Pairs found by reference whose amounts differ."""
        return tuple(m for m in self.matched if m.amount_differs)

    def open_items(self) -> list[str]:
        """Keys of every item an accountant must resolve."""
        return (
            [m.key for m in self.mismatched]
            + [line_key(line) for line in self.unmatched_lines]
            + [part.key for part in self.unmatched_parts]
        )


@dataclass(frozen=True)
class Resolution:
    """An accountant's note on an item of a provider's statement of a day."""

    day: dt.date
    provider: str
    item_key: str
    note: str
    resolved_at: dt.datetime
    resolved_by: str


def _same_sign(a: int, b: int) -> bool:
    return (a > 0) == (b > 0)


def match_statement(
    lines: Sequence[StatementLine],
    parts: Sequence[BookPart],
    window: dt.timedelta = DEFAULT_WINDOW,
) -> MatchResult:
    """Pair `lines` with `parts` (see the module docstring); each is used at most once."""
    matched: list[Match] = []
    free_lines = list(lines)
    free_parts = list(parts)
    for part in list(free_parts):
        line = _by_reference(part, free_lines)
        if line is not None:
            matched.append(Match(line, part, BY_REFERENCE))
            free_lines.remove(line)
            free_parts.remove(part)
    for line, part in _by_amount_time(free_lines, free_parts, window):
        matched.append(Match(line, part, BY_AMOUNT_TIME))
        free_lines.remove(line)
        free_parts.remove(part)
    return MatchResult(tuple(matched), tuple(free_lines), tuple(free_parts))


def _by_reference(part: BookPart, lines: Iterable[StatementLine]) -> StatementLine | None:
    reference = part.reference.strip()
    if not reference:
        return None
    candidates = [
        line
        for line in lines
        if reference in line.refs and _same_sign(line.amount_fen, part.amount_fen)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda line: line.amount_fen != part.amount_fen)


def _by_amount_time(
    lines: Sequence[StatementLine], parts: Sequence[BookPart], window: dt.timedelta
) -> list[tuple[StatementLine, BookPart]]:
    """Greedy pairs of equal amount within `window`, the smallest time gap first."""
    by_amount: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_amount.setdefault(line.amount_fen, []).append(i)
    pairs = [
        (abs(lines[i].occurred_at - part.taken_at), i, j)
        for j, part in enumerate(parts)
        for i in by_amount.get(part.amount_fen, ())
        if abs(lines[i].occurred_at - part.taken_at) <= window
    ]
    used_lines: set[int] = set()
    used_parts: set[int] = set()
    chosen = []
    for _gap, i, j in sorted(pairs):
        if i in used_lines or j in used_parts:
            continue
        used_lines.add(i)
        used_parts.add(j)
        chosen.append((lines[i], parts[j]))
    return chosen


def latest_notes(resolutions: Iterable[Resolution]) -> dict[str, Resolution]:
    """The newest resolution of each item key."""
    latest: dict[str, Resolution] = {}
    for resolution in resolutions:
        latest[resolution.item_key] = resolution
    return latest
