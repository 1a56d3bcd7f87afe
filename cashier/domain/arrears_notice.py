"""Arrears notices (催缴通知单) that collectors hand to households.

A notice names the household, each season still owed with its amount, the total, the day the
figures were taken and by when to pay, how to pay, and the service telephone. The same notice
is laid out for A4 paper (printing/report_pdf.py) and as lines for the receipt printer
(58 mm: 32 columns, 80 mm: 48), wrapped by printed width like receipts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.money import format_yuan, to_capital
from cashier.domain.receipt import ReceiptLine
from cashier.domain.report_arrears import AccountDues, season_label
from cashier.domain.textwidth import fits_between, pad_between, wrap

TITLE = "催缴通知单"
LATE_FEE_NOTE = "逾期未缴的，按规定自缴费截止日次日起加收滞纳金，以缴费当日计算为准。"


@dataclass(frozen=True)
class Notice:
    """One household's notice; amounts fen (principal; late fee is computed when paid)."""

    company: str
    service_phone: str
    account_no: str
    name: str
    address: str
    seasons: tuple[tuple[str, int], ...]
    total_fen: int
    on: dt.date
    pay_by: dt.date
    channels: str

    @property
    def greeting(self) -> str:
        """尊敬的张三（户号 T-0001）："""
        return f"尊敬的{self.name}（户号 {self.account_no}）："

    @property
    def body(self) -> str:
        """The sentence asking to pay."""
        return (
            f"您位于{self.address}的供热用户截至{self.on:%Y年%m月%d日}尚欠采暖费"
            f"{format_yuan(self.total_fen, symbol='')}元，请于{self.pay_by:%Y年%m月%d日}前缴纳。"
        )

    @property
    def capital(self) -> str:
        """The total in capital letters."""
        return "人民币" + to_capital(self.total_fen)


def notice_of(
    dues: AccountDues, company: str, service_phone: str, *, pay_by: dt.date, channels: str
) -> Notice:
    """The notice of a household in arrears. Raises ValueError when nothing is owed."""
    if dues.unpaid_fen <= 0:
        raise ValueError(f"{dues.household.account_no} owes nothing")
    h = dues.household
    seasons = tuple((season_label(s.season), s.unpaid_fen) for s in dues.owed)
    return Notice(company, service_phone, h.account_no, h.name, h.address, seasons,
                  dues.unpaid_fen, dues.on, pay_by, channels)  # fmt: skip


NO_LINE_START = frozenset("，。、：；！？）》」』”’,.:;!?)")
"""Punctuation that Chinese typesetting never puts at the start of a line."""


def _in_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-.,")


def wrap_text(text: str, width: int) -> list[str]:
    """`text` wrapped to `width` columns like textwidth.wrap, except that a line never starts
    with closing punctuation: the character before it (a whole Latin word or number, and any
    punctuation between) moves down with it, as long as the line it leaves keeps at least one
    character. Raises ValueError as textwidth.wrap does."""
    lines = wrap(text, width)
    for index in range(1, len(lines)):
        line, before = lines[index], lines[index - 1]
        if line[:1] not in NO_LINE_START:
            continue
        moved = 1
        while moved < len(before) and before[-moved] in NO_LINE_START:
            moved += 1
        while moved < len(before) and _in_word(before[-moved]) and _in_word(before[-moved - 1]):
            moved += 1  # an account number or amount moves down whole
        if moved < len(before):
            rest = before[-moved:] + "".join(lines[index:])
            return lines[: index - 1] + [before[:-moved]] + wrap_text(rest, width)
    return lines


def _text(text: str, width: int, *, align: str = "left", double: bool = False) -> list:
    room = width // 2 if double else width
    return [ReceiptLine(part, double=double, align=align) for part in wrap_text(text, room)]  # type: ignore[arg-type]


def _pair(left: str, right: str, width: int) -> list[ReceiptLine]:
    if fits_between(left, right, width):
        return [ReceiptLine(pad_between(left, right, width))]
    return [*_text(left, width), ReceiptLine(pad_between("", right, width))]


def notice_lines(notice: Notice, width: int) -> list[ReceiptLine]:
    """The notice as receipt-printer lines of ``width`` columns (32 or 48)."""
    rule = ReceiptLine("-" * width, kind="rule")
    lines = [*_text(notice.company, width, align="center", double=True)]
    lines += _text(TITLE, width, align="center")
    lines += [rule, *_text(notice.greeting, width), *_text(notice.body, width), rule]
    for season, fen in notice.seasons:
        lines += _pair(season, format_yuan(fen, symbol="￥"), width)
    lines += _pair("欠费合计", format_yuan(notice.total_fen, symbol="￥"), width)
    lines += _text(f"大写：{notice.capital}", width)
    lines += [rule, *_text(f"缴费方式：{notice.channels}", width)]
    lines += _text(LATE_FEE_NOTE, width)
    if notice.service_phone:
        lines += _text(f"24小时服务电话：{notice.service_phone}", width)
    lines += _text(f"通知日期：{notice.on.isoformat()}", width)
    return lines
