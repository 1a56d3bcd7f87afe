"""How a payment is tendered: method parts (split tender), references, cash, change, 抹零.

The cashier enters what is applied to the account, split over methods; a reference number
(the WeChat/Alipay transaction number, the card slip number, the transfer serial) is required
for every non-cash part. With cash rounding on (money-and-receipts.md "Cash"), the cash part
is collected rounded half-up to the 角 and the difference is the rounding line of the payment:
the account is still settled by the full applied amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.errors import UserError
from cashier.domain.money import format_yuan

METHODS: dict[str, str] = {
    "cash": "现金",
    "wechat": "微信",
    "alipay": "支付宝",
    "bank_card": "银行卡",
    "bank_transfer": "银行转账",
}
"""Methods a cashier can take at the counter, with the label printed on receipts."""

AGENT_METHODS: dict[str, str] = {"agent": "代收"}
"""Methods that only arrive through a bank or agent collection file."""

METHOD_KEYS: dict[str, str] = {
    "F1": "cash",
    "F2": "wechat",
    "F3": "alipay",
    "F4": "bank_card",
    "F5": "bank_transfer",
}
"""The function key that picks each method on the Counter page."""

CASH = "cash"
MAX_REFERENCE = 64
MAX_AMOUNT_FEN = 10**12


class TenderError(UserError):
    """A tender the cashier must correct: a missing reference, too little cash, ..."""


def method_label(method: str) -> str:
    """The Chinese label of a method code (the code itself when unknown)."""
    return METHODS.get(method) or AGENT_METHODS.get(method) or method


def round_to_jiao(fen: int) -> int:
    """``fen`` rounded half-up to the 角 (10 fen), for cash parts with 抹零 on.

    Raises ValueError for a negative amount.
    """
    if fen < 0:
        raise ValueError("cash rounding takes non-negative amounts")
    return (fen + 5) // 10 * 10


@dataclass(frozen=True)
class TenderPart:
    """One part of a split tender: ``amount_fen`` applied to the account through ``method``."""

    method: str
    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class Tender:
    """A checked tender. ``collected`` holds each part as money actually taken (cash rounded).

    ``applied_fen`` settles the account; ``collected_fen`` is the money taken in;
    ``rounding_fen`` = collected - applied (negative when rounded down); ``change_fen`` is
    cash tendered minus cash collected (None without a tendered amount).
    """

    parts: tuple[TenderPart, ...]
    collected: tuple[TenderPart, ...]
    cash_tendered_fen: int | None
    change_fen: int | None

    @property
    def applied_fen(self) -> int:
        """What the payment settles on the account, in fen."""
        return sum(part.amount_fen for part in self.parts)

    @property
    def collected_fen(self) -> int:
        """Money taken in, in fen."""
        return sum(part.amount_fen for part in self.collected)

    @property
    def rounding_fen(self) -> int:
        """Collected minus applied (抹零), in fen."""
        return self.collected_fen - self.applied_fen

    @property
    def cash_fen(self) -> int:
        """Cash collected, in fen."""
        return sum(part.amount_fen for part in self.collected if part.method == CASH)


def settle_tender(
    parts: Sequence[TenderPart],
    cash_tendered_fen: int | None,
    *,
    round_cash: bool,
    methods: dict[str, str] = METHODS,
) -> Tender:
    """Check a split tender and work out the cash collected, rounding and change.

    ``parts`` must be non-empty, each with a known method and a positive amount, at most one
    cash part, and a reference for every non-cash part. ``cash_tendered_fen`` (the notes the
    household hands over) must cover the cash collected; it is refused without a cash part.
    Raises TenderError with a message for the cashier.
    """
    if not parts:
        raise TenderError("请至少输入一种付款方式。", "a payment needs at least one method")
    checked = tuple(_checked(part, methods) for part in parts)
    if sum(part.method == CASH for part in checked) > 1:
        raise TenderError("现金只能作为一种付款方式输入一次。", "at most one cash part")
    collected = tuple(_collected(part, round_cash) for part in checked)
    cash = sum(part.amount_fen for part in collected if part.method == CASH)
    change = _change(cash, cash_tendered_fen, any(part.method == CASH for part in checked))
    return Tender(checked, collected, cash_tendered_fen, change)


def _checked(part: TenderPart, methods: dict[str, str]) -> TenderPart:
    if part.method not in methods:
        raise TenderError(f"未知的付款方式：{part.method}", f"unknown method {part.method!r}")
    label = methods[part.method]
    amount = part.amount_fen
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount < MAX_AMOUNT_FEN:
        raise TenderError(f"{label}金额必须大于零。", f"{part.method} amount must be positive")
    reference = part.reference.strip()
    if part.method != CASH and not reference:
        raise TenderError(
            f"{label}付款必须输入单号（交易流水号）。",
            f"a {part.method} part needs a reference number",
        )
    if len(reference) > MAX_REFERENCE or any(ch.isspace() for ch in reference):
        raise TenderError(
            f"{label}单号不能含空格，最多{MAX_REFERENCE}个字符。",
            f"reference must have no spaces and at most {MAX_REFERENCE} characters",
        )
    return TenderPart(part.method, amount, reference)


def _collected(part: TenderPart, round_cash: bool) -> TenderPart:
    if part.method == CASH and round_cash:
        return TenderPart(CASH, round_to_jiao(part.amount_fen), part.reference)
    return part


def _change(cash: int, tendered: int | None, has_cash: bool) -> int | None:
    if tendered is None:
        return None
    if not has_cash:
        raise TenderError("没有现金部分，不能输入现金收讫。", "cash tendered without a cash part")
    if isinstance(tendered, bool) or not isinstance(tendered, int) or tendered < cash:
        raise TenderError(
            f"现金收讫不足：应收现金 {format_yuan(cash)}。",
            f"cash tendered is less than the cash due ({cash} fen)",
        )
    return tendered - cash
