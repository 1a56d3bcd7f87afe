"""The accounting voucher export (记账凭证) for the accounting software.

One voucher per business day and payment method: the method's account (库存现金, 银行存款-微信
...) is debited with the day's net money through it, and the income side is credited: heat
fees (payments, voids, refunds) to 应收账款-热费, repair bills to 其他业务收入-维修. A day whose
refunds exceed its receipts gives negative amounts (红字), as accounting software expects.

Which columns are written, and in which order, is configurable (:data:`VOUCHER_FIELDS`), and
so are the account codes and names of each method and income (:func:`parse_subjects`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cashier.domain.errors import UserError
from cashier.domain.journal import REPAIR_PAYMENT, REPAIR_REFUND, JournalEntry
from cashier.domain.money import format_yuan
from cashier.domain.report_ledger import MONEY_KINDS, method_label, ordered_methods
from cashier.domain.report_table import COUNT, DATE, MONEY, TEXT, Column, Report, Table

VOUCHER_FIELDS: dict[str, tuple[str, str]] = {
    "date": ("凭证日期", DATE),
    "word": ("凭证字", TEXT),
    "number": ("凭证号", COUNT),
    "line": ("分录号", COUNT),
    "summary": ("摘要", TEXT),
    "subject_code": ("科目代码", TEXT),
    "subject_name": ("科目名称", TEXT),
    "debit": ("借方金额", MONEY),
    "credit": ("贷方金额", MONEY),
    "method": ("结算方式", TEXT),
}
"""Column key -> (Chinese heading, kind)."""
_WIDTHS = {"date": 1.1, "word": 0.6, "number": 0.7, "line": 0.7, "summary": 3.0,
           "subject_code": 1.0, "subject_name": 1.8, "debit": 1.2, "credit": 1.2}  # fmt: skip
DEFAULT_COLUMNS = ("date", "word", "number", "line", "summary", "subject_code", "subject_name",
                   "debit", "credit")  # fmt: skip
DEFAULT_SUBJECTS: dict[str, tuple[str, str]] = {
    "cash": ("1001", "库存现金"),
    "wechat": ("100201", "银行存款-微信"),
    "alipay": ("100202", "银行存款-支付宝"),
    "bank_card": ("100203", "银行存款-银行卡"),
    "bank_transfer": ("100204", "银行存款-转账"),
    "agent": ("100205", "银行存款-代收"),
    "heat": ("1122", "应收账款-热费"),
    "repair": ("6051", "其他业务收入-维修"),
}
"""Method or income key -> (account code, account name); settings may override each."""
VOUCHER_WORD = "收"


class VoucherSetupError(UserError):
    """The configured voucher columns or accounts cannot be used."""


def parse_columns(text: str) -> tuple[str, ...]:
    """Column keys from a comma-separated list of keys or Chinese headings (empty: default).

    Raises VoucherSetupError naming an unknown column.
    """
    by_heading = {heading: key for key, (heading, _) in VOUCHER_FIELDS.items()}
    keys = []
    for word in (w.strip() for w in text.replace("，", ",").split(",")):
        if not word:
            continue
        key = word if word in VOUCHER_FIELDS else by_heading.get(word)
        if key is None:
            raise VoucherSetupError(
                f"未知的凭证列：{word}（可用：{'、'.join(by_heading)}）",
                f"unknown voucher column {word!r}; use {', '.join(VOUCHER_FIELDS)}",
            )
        keys.append(key)
    return tuple(keys) or DEFAULT_COLUMNS


def parse_subjects(text: str) -> dict[str, tuple[str, str]]:
    """The accounts: defaults overridden by lines ``key=code name`` (``cash=1001 库存现金``).

    Raises VoucherSetupError for a line without ``=`` or code, or an unknown key.
    """
    subjects = dict(DEFAULT_SUBJECTS)
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = (part.strip() for part in line.partition("="))
        code, _, name = value.partition(" ")
        if not sep or not code or key not in DEFAULT_SUBJECTS:
            raise VoucherSetupError(
                f"凭证科目设置有误：{line}（格式：cash=1001 库存现金）",
                f"bad voucher account line {line!r} (key=code name)",
            )
        subjects[key] = (code, name.strip() or subjects[key][1])
    return subjects


@dataclass(frozen=True)
class VoucherLine:
    """One debit or credit line (fen; the other side is 0)."""

    on: dt.date
    number: int
    line: int
    summary: str
    subject: tuple[str, str]
    debit_fen: int
    credit_fen: int
    method: str

    def cell(self, key: str) -> object:
        """The value of column ``key``."""
        values = {
            "date": self.on, "word": VOUCHER_WORD, "number": self.number, "line": self.line,
            "summary": self.summary, "subject_code": self.subject[0],
            "subject_name": self.subject[1], "debit": self.debit_fen,
            "credit": self.credit_fen, "method": method_label(self.method),
        }  # fmt: skip
        return values[key]


def _nets(entries: Iterable[JournalEntry]) -> dict[dt.date, dict[str, dict[str, int]]]:
    """day -> method -> income ("heat"/"repair") -> net fen."""
    nets: dict[dt.date, dict[str, dict[str, int]]] = {}
    for entry in entries:
        if entry.kind not in MONEY_KINDS:
            continue
        income = "repair" if entry.kind in (REPAIR_PAYMENT, REPAIR_REFUND) else "heat"
        day = nets.setdefault(entry.business_date, {})
        for part in entry.details.parts:
            per = day.setdefault(part.method, {})
            per[income] = per.get(income, 0) + part.amount_fen
    return nets


def voucher_lines(
    entries: Iterable[JournalEntry], subjects: Mapping[str, tuple[str, str]]
) -> list[VoucherLine]:
    """The vouchers of the entries' days: per day and method, a debit line of the method's
    account and a credit line per income; numbered from 1 each day."""
    lines: list[VoucherLine] = []
    for day, methods in sorted(_nets(entries).items()):
        number = 0
        for method in ordered_methods(methods):
            per = {k: v for k, v in methods[method].items() if v}
            if not per:
                continue
            number += 1
            summary = f"{day.isoformat()} {method_label(method)}收款"
            debit = subjects.get(method, (method, method_label(method)))
            lines.append(VoucherLine(day, number, 1, summary, debit, sum(per.values()), 0, method))
            for index, income in enumerate(sorted(per), start=2):
                summary_in = f"{summary}（{subjects[income][1]}）"
                lines.append(
                    VoucherLine(day, number, index, summary_in, subjects[income], 0, per[income],
                                method)  # fmt: skip
                )
    return lines


def voucher_report(
    lines: Sequence[VoucherLine],
    columns: Sequence[str],
    first: dt.date,
    last: dt.date,
    company: str,
) -> Report:
    """The voucher lines as a one-table report with the chosen columns."""
    table_columns = tuple(
        Column(VOUCHER_FIELDS[k][0], VOUCHER_FIELDS[k][1], _WIDTHS.get(k, 1.0)) for k in columns
    )
    rows = [tuple(line.cell(k) for k in columns) for line in lines]
    debit = sum(line.debit_fen for line in lines)
    credit = sum(line.credit_fen for line in lines)
    facts = (
        ("期间", f"{first.isoformat()} 至 {last.isoformat()}"),
        ("借方合计", format_yuan(debit, symbol="")),
        ("贷方合计", format_yuan(credit, symbol="")),
    )
    return Report("vouchers", "记账凭证", company, facts, (Table("凭证分录", table_columns, rows),))

