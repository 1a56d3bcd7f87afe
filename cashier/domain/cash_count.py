"""The blind count at a shift close (结班清点) and its comparison with the books.

A cashier counts the drawer by denomination (money-and-receipts.md, "Cash") and enters the
slips of the bank-card terminal before the application shows what the books expect. Only
then are expected and counted compared per method. Cash and bank card are counted; WeChat,
Alipay and bank transfers are not in the drawer: they are checked against the providers'
statements (settlement matching), so their counted amount is None here.

Amounts are int fen. A difference is counted minus expected: negative is a shortage (短款),
positive a surplus (长款).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cashier.domain.errors import UserError
from cashier.domain.tender import CASH, METHODS

BANK_CARD = "bank_card"
COUNTED_METHODS = (CASH, BANK_CARD)
"""Methods the cashier counts at the close: the drawer and the card terminal's slips."""

DENOMINATIONS: tuple[tuple[int, str], ...] = (
    (10000, "100元"),
    (5000, "50元"),
    (2000, "20元"),
    (1000, "10元"),
    (500, "5元"),
    (100, "1元"),
    (50, "5角"),
    (10, "1角"),
    (5, "5分"),
    (2, "2分"),
    (1, "1分"),
)
"""Notes and coins counted, in fen, largest first, with their Chinese names."""

DENOMINATION_FEN = frozenset(value for value, _ in DENOMINATIONS)
MAX_PIECES = 1_000_000
MAX_SLIPS = 1000
MAX_SLIP_FEN = 10**10


class CountError(UserError):
    """A count that cannot be taken as entered (unknown denomination, negative pieces...)."""


@dataclass(frozen=True)
class CardSlip:
    """One slip printed by the bank-card terminal: its amount (fen; negative for a refund
    slip, 退货) and its reference (参考号 or 凭证号, may be empty)."""

    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class BlindCount:
    """What the cashier counted: pieces per denomination (fen -> pieces) and card slips.

    Raises CountError for an unknown denomination, a negative or absurd number of pieces,
    or a slip amount that is zero or too large.
    """

    pieces: Mapping[int, int] = field(default_factory=dict)
    slips: tuple[CardSlip, ...] = ()

    def __post_init__(self) -> None:
        for value, count in self.pieces.items():
            if value not in DENOMINATION_FEN:
                raise CountError(f"没有面额为 {value} 分的钱币。", f"no denomination {value}")
            if type(count) is not int or not 0 <= count <= MAX_PIECES:
                raise CountError(f"张数无效：{count}", f"invalid number of pieces {count!r}")
        if len(self.slips) > MAX_SLIPS:
            raise CountError("刷卡小票过多。", f"more than {MAX_SLIPS} card slips")
        for slip in self.slips:
            if slip.amount_fen == 0 or abs(slip.amount_fen) > MAX_SLIP_FEN:
                raise CountError(
                    "刷卡小票金额不能为零或过大。", f"invalid slip amount {slip.amount_fen}"
                )

    @property
    def cash_fen(self) -> int:
        """The cash counted: the sum of pieces times their value."""
        return sum(value * count for value, count in self.pieces.items())

    @property
    def card_fen(self) -> int:
        """The total of the card terminal's slips."""
        return sum(slip.amount_fen for slip in self.slips)

    def counted(self) -> dict[str, int]:
        """Counted amount per counted method (cash and bank card)."""
        return {CASH: self.cash_fen, BANK_CARD: self.card_fen}

    def as_extra(self) -> dict[str, object]:
        """The count as kept in the shift close entry: pieces by denomination (only those
        counted), the slips as [amount, reference] pairs."""
        pieces = {str(v): n for v, n in sorted(self.pieces.items(), reverse=True) if n}
        return {"pieces": pieces, "slips": [[s.amount_fen, s.reference] for s in self.slips]}

    @classmethod
    def from_extra(cls, data: Mapping[str, object]) -> BlindCount:
        """The count read back from :meth:`as_extra`; raises CountError or ValueError."""
        pieces = {int(k): int(v) for k, v in dict(data["pieces"]).items()}  # type: ignore[call-overload]
        slips = tuple(CardSlip(int(a), str(r)) for a, r in data["slips"])  # type: ignore[attr-defined]
        return cls(pieces, slips)


@dataclass(frozen=True)
class MethodCheck:
    """One method's line of the comparison: expected (books) and counted (None: not counted
    at the close, checked against a provider statement instead)."""

    method: str
    expected_fen: int
    counted_fen: int | None

    @property
    def label(self) -> str:
        """The method's Chinese name."""
        return METHODS.get(self.method, self.method)

    @property
    def difference_fen(self) -> int:
        """Counted minus expected (0 when not counted)."""
        return 0 if self.counted_fen is None else self.counted_fen - self.expected_fen


@dataclass(frozen=True)
class CountComparison:
    """Expected against counted per method, and whether the difference needs a supervisor.

    ``threshold_fen`` is the largest absolute difference per counted method accepted without
    a reason and a supervisor's approval.
    """

    checks: tuple[MethodCheck, ...]
    threshold_fen: int

    @property
    def difference_fen(self) -> int:
        """Sum of the counted methods' differences."""
        return sum(check.difference_fen for check in self.checks)

    @property
    def needs_approval(self) -> bool:
        """True when some counted method differs by more than the threshold."""
        return any(abs(c.difference_fen) > self.threshold_fen for c in self.checks)

    def check(self, method: str) -> MethodCheck | None:
        """The line of `method`, or None."""
        return next((c for c in self.checks if c.method == method), None)

    def as_extra(self) -> list[list[object]]:
        """The comparison as [method, expected, counted or None, difference] rows."""
        return [[c.method, c.expected_fen, c.counted_fen, c.difference_fen] for c in self.checks]


def compare_count(
    expected: Mapping[str, int], count: BlindCount | None, threshold_fen: int
) -> CountComparison:
    """Compare the books' expected amount per method with a blind count.

    Every method with a non-zero expected amount gets a line, and cash and bank card always
    do. With `count` None (a shift closed without counting) nothing is counted. Raises
    ValueError for a negative threshold.
    """
    if threshold_fen < 0:
        raise ValueError("the variance threshold cannot be negative")
    counted = count.counted() if count is not None else {}
    methods = [m for m in COUNTED_METHODS]
    methods += sorted(m for m, fen in expected.items() if fen and m not in COUNTED_METHODS)
    checks = tuple(
        MethodCheck(m, expected.get(m, 0), counted.get(m) if count is not None else None)
        for m in methods
    )
    return CountComparison(checks, threshold_fen)


def comparison_from_extra(rows: Sequence[Sequence[object]], threshold_fen: int) -> CountComparison:
    """A comparison read back from :meth:`CountComparison.as_extra`."""
    checks = tuple(
        MethodCheck(str(m), int(e), None if c is None else int(c))  # type: ignore[call-overload]
        for m, e, c, _ in rows
    )
    return CountComparison(checks, threshold_fen)
