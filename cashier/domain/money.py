"""Money in integer fen: parsing user input, formatting, and capital amounts (人民币大写).

All amounts are ``int`` counts of fen (1 yuan = 100 fen). Yuan amounts computed by domain code
are ``Decimal``; they become fen through :func:`fen_from_decimal`. A float never touches money.

Input accepted by :func:`parse_yuan` (decided here, see the tests for the full list):

- surrounding whitespace, including the full-width space U+3000 and U+00A0;
- full-width digits ``０-９``, full-width ``．``, ``，``, ``￥`` and ``－`` (a Chinese input
  method in full-width mode produces these);
- one optional ``¥``/``￥`` after the optional sign (``-¥12``, as :func:`format_yuan` writes);
- thousands separators only in complete groups of three (``1,234``; not ``1,23`` or ``0,123``);
- ``12.``, ``.5`` and leading zeros: unambiguous, nothing is rounded, so they are accepted;
- at most two decimals; never rounded silently;
- a leading ``-`` only with ``allow_negative``; ``+`` is refused (nobody types it, and it would
  suggest that ``-`` is fine too);
- no exponent, no ``_``, no NaN or Infinity, no digits of other scripts, nothing inside the
  number (``¥ 12`` and ``1 234`` are refused).
"""

import re
from decimal import ROUND_HALF_UP, Context, Decimal

MAX_FEN = 99_999_999_999_999
"""Largest amount handled: ¥999,999,999,999.99."""

_MAX_YUAN_DIGITS = 12
_SPACES = " \t\r\n\u3000\u00a0"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，￥－", "0123456789.,¥-")
_AMOUNT = re.compile(
    r"(?P<sign>-)?¥?(?=\.?[0-9])"
    r"(?P<int>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]*)"
    r"(?:\.(?P<frac>[0-9]{0,2}))?"
)
_LOOSE = re.compile(r"-?¥?[0-9,]*(?:\.(?P<frac>[0-9]*))?")
_CENT = Decimal("0.01")
_CONTEXT = Context(prec=60, rounding=ROUND_HALF_UP)

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("仟", "佰", "拾", "")
_GROUP_UNITS = ("亿", "万", "")


class MoneyError(ValueError):
    """Bad amount typed by a user.

    ``str(error)`` is a Chinese message a cashier can act on; ``error.english`` says the same
    in English (for logs and developers).
    """

    def __init__(self, chinese: str, english: str) -> None:
        super().__init__(chinese)
        self.english = english


def parse_yuan(text: str, *, allow_negative: bool = False) -> int:
    """Parse an amount typed in yuan (e.g. ``"¥1,234.50"``) and return it in fen (123450).

    The accepted forms are listed in the module docstring. Raises :class:`MoneyError` (with a
    Chinese message) for anything else: empty input, more than two decimals, a negative amount
    when ``allow_negative`` is false, misplaced thousands separators, amounts beyond
    ¥999,999,999,999.99, or any other character.
    """
    shown = text.strip(_SPACES)
    if not shown:
        raise MoneyError("请输入金额", "Please enter an amount")
    normal = shown.translate(_FULL_WIDTH)
    match = _AMOUNT.fullmatch(normal)
    if match is None:
        raise _diagnose(shown, normal)
    if match["sign"] and not allow_negative:
        raise MoneyError(f"金额不能为负数：{shown}", f"Amount must not be negative: {shown}")
    fen = _fen_from_parts(shown, match["int"], match["frac"] or "")
    return -fen if match["sign"] else fen


def _diagnose(shown: str, normal: str) -> MoneyError:
    """Choose the most helpful error for text that is not a valid amount."""
    loose = _LOOSE.fullmatch(normal)
    if loose is not None and len(loose["frac"] or "") > 2:
        return MoneyError(
            f"金额最多两位小数：{shown}", f"An amount has at most two decimals: {shown}"
        )
    if loose is not None and "," in normal:
        return MoneyError(
            f"千位分隔符位置不对：{shown}", f"Thousands separators are misplaced: {shown}"
        )
    return MoneyError(
        f"金额格式不正确：{shown}（只能输入数字，最多两位小数）",
        f"Not a valid amount: {shown} (digits only, at most two decimals)",
    )


def _fen_from_parts(shown: str, int_part: str, frac: str) -> int:
    """Combine validated ASCII yuan digits and up to two decimals into fen."""
    digits = int_part.replace(",", "").lstrip("0")
    if len(digits) > _MAX_YUAN_DIGITS:
        raise MoneyError(
            f"金额超出上限（{format_yuan(MAX_FEN, symbol='')}元）：{shown}",
            f"Amount is too large (at most {format_yuan(MAX_FEN)}): {shown}",
        )
    return int(digits or "0") * 100 + int(frac.ljust(2, "0"))


def _check_fen(fen: int) -> None:
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"amount in fen must be an int, not {type(fen).__name__}")


def format_yuan(fen: int, *, symbol: str = "¥") -> str:
    """Format fen for people: ``¥1,234.56``, negative ``-¥1,234.56``.

    ``symbol=""`` gives ``1,234.56``; printed receipts pass ``"￥"`` (U+FFE5).
    Raises TypeError if ``fen`` is not an int.
    """
    _check_fen(fen)
    yuan, cents = divmod(abs(fen), 100)
    sign = "-" if fen < 0 else ""
    return f"{sign}{symbol}{yuan:,}.{cents:02d}"


def format_plain(fen: int) -> str:
    """Format fen for files and JSON: ``1234.56``, ``-5.00`` (no separators, two decimals).

    Raises TypeError if ``fen`` is not an int.
    """
    return format_yuan(fen, symbol="").replace(",", "")


def fen_from_decimal(value: Decimal) -> int:
    """Round a yuan amount to whole fen, half-up (halves away from zero), and return the fen.

    ``Decimal("12.345")`` gives 1235 and ``Decimal("-0.005")`` gives -1.
    Raises TypeError for anything but a Decimal and ValueError for NaN or infinity.
    """
    if not isinstance(value, Decimal):
        raise TypeError(f"expected a Decimal amount in yuan, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"amount is not a finite number: {value}")
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)
    return int(rounded.scaleb(2, context=_CONTEXT))


def decimal_from_fen(fen: int) -> Decimal:
    """Return fen as an exact Decimal amount of yuan with two decimals (12345 -> 123.45).

    Raises TypeError if ``fen`` is not an int.
    """
    _check_fen(fen)
    return Decimal(fen).scaleb(-2, context=_CONTEXT)


def to_capital(fen: int) -> str:
    """Write a non-negative amount in fen as 人民币大写, without the leading ``人民币``.

    Follows the canonical form of shared/domain/money-and-receipts.md: 1409.50 yuan gives
    ``壹仟肆佰零玖元伍角整``, 0 gives ``零元整``. Raises TypeError for a non-int and ValueError
    for a negative amount or one beyond ¥999,999,999,999.99.
    """
    _check_fen(fen)
    if fen < 0:
        raise ValueError(f"capital amounts are for non-negative amounts only: {fen}")
    if fen > MAX_FEN:
        raise ValueError(f"amount too large for a capital amount: {fen}")
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    if fen == 0:
        return "零元整"
    head = f"{_yuan_words(yuan)}元" if yuan else ""
    return head + _fraction_words(yuan, jiao, cents)


def _fraction_words(yuan: int, jiao: int, cents: int) -> str:
    """The part after 元 (or the whole text under one yuan): 角, 分, 零 and 整."""
    zero_before = yuan > 0 and (yuan % 10 == 0 or jiao == 0)
    text = "零" if zero_before and (jiao or cents) else ""
    if jiao:
        text += _DIGITS[jiao] + "角"
    return text + (_DIGITS[cents] + "分" if cents else "整")


def _yuan_words(yuan: int) -> str:
    """Capital digits of a positive whole number of yuan, in groups of 亿, 万 and units."""
    groups = (yuan // 10**8, yuan // 10**4 % 10**4, yuan % 10**4)
    text = ""
    for group, unit in zip(groups, _GROUP_UNITS, strict=True):
        if group == 0:
            continue
        if text and group < 1000:
            text += "零"
        text += _group_words(group) + unit
    return text


def _group_words(group: int) -> str:
    """Capital digits of 1..9999 with 仟佰拾; inner zero runs become one 零, trailing ones go."""
    text = ""
    pending_zero = False
    for digit, place in zip(f"{group:04d}", _PLACES, strict=True):
        if digit == "0":
            pending_zero = bool(text)
            continue
        text += ("零" if pending_zero else "") + _DIGITS[int(digit)] + place
        pending_zero = False
    return text
