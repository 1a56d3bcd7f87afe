"""The daily ledger (日记账) and month-end summary (月度汇总) laid out as reports.

Both list money per method (收费, 作废, 退费, 净额), per season, and per cashier or collector;
the daily ledger then lists every entry grouped by who took it, with a subtotal each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cashier.domain.journal import (
    PAYMENT,
    REFUND,
    REPAIR_PAYMENT,
    REPAIR_REFUND,
    VOID,
    JournalEntry,
)
from cashier.domain.money import format_yuan
from cashier.domain.report_ledger import (
    MONEY_KINDS,
    DailyLedger,
    LedgerRow,
    LedgerTotals,
    method_label,
    ordered_buckets,
    ordered_methods,
)
from cashier.domain.report_table import (
    COUNT,
    DATE,
    MONEY,
    TEXT,
    Column,
    Report,
    Row,
    Subtotal,
    Table,
)

DETAIL_COLUMNS = (
    Column("收据号", TEXT, 1.35),
    Column("时间", TEXT, 0.75),
    Column("类型", TEXT, 0.7),
    Column("户号", TEXT, 1.0),
    Column("户名", TEXT, 1.2),
    Column("采暖期", TEXT, 1.05),
    Column("方式", TEXT, 1.2),
    Column("金额", MONEY, 1.0),
)
METHODS_TITLE, SEASONS_TITLE, STAFF_TITLE, DETAIL_TITLE = (
    "按缴费方式汇总",
    "按采暖期汇总",
    "按收费员汇总",
    "收费明细",
)
DAYS_TITLE, BILLING_TITLE = "按日汇总", "应收变动"


def method_table(totals: LedgerTotals) -> Table:
    """收费/作废/退费/净额 per method, with the total row."""
    rows: list[Row] = []
    for code in ordered_methods(totals.by_method):
        t = totals.by_method[code]
        rows.append((method_label(code), t.receipts, t.voids, t.refunds, t.net))
    sums = [sum(int(row[i]) for row in rows) for i in range(1, 5)]  # type: ignore[index]
    rows.append(Subtotal(("合计", *sums)))
    columns = (Column("缴费方式"), *(Column(t, MONEY) for t in ("收费", "作废", "退费", "净额")))
    return Table(METHODS_TITLE, columns, rows)


def season_table(totals: LedgerTotals) -> Table:
    """Net money per season bucket, with the total row."""
    rows: list[Row] = [(b, totals.by_season[b]) for b in ordered_buckets(totals.by_season)]
    rows.append(Subtotal(("合计", sum(totals.by_season.values()))))
    return Table(SEASONS_TITLE, (Column("采暖期/项目"), Column("金额", MONEY)), rows)


def staff_table(totals: LedgerTotals) -> Table:
    """Net money per cashier/collector and method, with the total row."""
    methods = ordered_methods(m for per in totals.by_staff.values() for m in per)
    rows: list[Row] = []
    for staff in sorted(totals.by_staff):
        per = totals.by_staff[staff]
        rows.append((staff, *(per.get(m, 0) for m in methods), sum(per.values())))
    width = len(methods) + 1
    sums = [sum(int(row[i + 1]) for row in rows) for i in range(width)]  # type: ignore[index]
    rows.append(Subtotal(("合计", *sums)))
    columns = (
        Column("收费员", TEXT, 1.4),
        *(Column(method_label(m), MONEY) for m in methods),
        Column("合计", MONEY),
    )
    return Table(STAFF_TITLE, columns, rows)


def detail_table(rows: Sequence[LedgerRow]) -> Table:
    """Every entry, grouped by cashier/collector with a subtotal after each, then the total."""
    out: list[Row] = []
    current: str | None = None
    subtotal = count = 0
    for row in rows:
        if current is not None and row.staff != current:
            out.append(Subtotal((f"{current} 小计", f"{count}笔", "", "", "", "", "", subtotal)))
            subtotal = count = 0
        current = row.staff
        subtotal += row.amount_fen
        count += 1
        out.append(_detail_cells(row))
    if current is not None:
        out.append(Subtotal((f"{current} 小计", f"{count}笔", "", "", "", "", "", subtotal)))
    total = sum(row.amount_fen for row in rows)
    out.append(Subtotal(("合计", f"{len(rows)}笔", "", "", "", "", "", total)))
    return Table(DETAIL_TITLE, DETAIL_COLUMNS, out)


def _detail_cells(row: LedgerRow) -> tuple:
    return (
        row.receipt_no,
        row.taken_at.strftime("%H:%M:%S"),
        row.kind_label,
        row.account_no,
        row.name,
        row.seasons,
        row.methods,
        row.amount_fen,
    )


def _counts(totals: LedgerTotals) -> str:
    receipts = totals.count.get(PAYMENT, 0) + totals.count.get(REPAIR_PAYMENT, 0)
    refunds = totals.count.get(REFUND, 0) + totals.count.get(REPAIR_REFUND, 0)
    return f"收费 {receipts} 笔，作废 {totals.count.get(VOID, 0)} 笔，退费 {refunds} 笔"


def daily_ledger_report(ledger: DailyLedger, company: str, service_phone: str = "") -> Report:
    """The daily ledger of one business day as a report."""
    totals = ledger.totals
    facts = (
        ("营业日", ledger.on.isoformat()),
        ("笔数", _counts(totals)),
        ("净额", f"{format_yuan(totals.total_fen, symbol='')} 元"),
    )
    tables = (method_table(totals), season_table(totals), staff_table(totals))
    return Report(
        kind="daily",
        title="日记账",
        company=company,
        facts=facts,
        tables=(*tables, detail_table(ledger.rows)),
        notes=("作废、退费以负数计入办理当日；净额 = 收费 − 作废 − 退费。",),
        service_phone=service_phone,
    )


@dataclass
class MonthBook:
    """The month's totals, and each day's totals, built up one entry at a time."""

    first: dt.date
    last: dt.date
    totals: LedgerTotals = field(default_factory=LedgerTotals)
    days: dict[dt.date, LedgerTotals] = field(default_factory=dict)

    def add_all(self, entries: Iterable[JournalEntry]) -> None:
        """Count money entries booked between ``first`` and ``last``."""
        for entry in entries:
            if entry.kind not in MONEY_KINDS or not self.first <= entry.business_date <= self.last:
                continue
            details = entry.details
            staff = f"{entry.staff_no} {entry.staff_name}"
            self.totals.add(entry, staff, details)
            self.days.setdefault(entry.business_date, LedgerTotals()).add(entry, staff, details)


def day_table(book: MonthBook) -> Table:
    """One row per day with money: counts, net per method, net total; then the month."""
    methods = ordered_methods(book.totals.by_method)
    rows: list[Row] = []
    for day in sorted(book.days):
        t = book.days[day]
        net = t.method_net()
        rows.append((day, *_day_counts(t), *(net.get(m, 0) for m in methods), t.total_fen))
    net = book.totals.method_net()
    total = (*_day_counts(book.totals), *(net.get(m, 0) for m in methods), book.totals.total_fen)
    rows.append(Subtotal(("合计", *total)))
    columns = (
        Column("日期", DATE, 1.1),
        Column("收费笔数", COUNT, 0.8),
        Column("作废笔数", COUNT, 0.8),
        Column("退费笔数", COUNT, 0.8),
        *(Column(method_label(m), MONEY) for m in methods),
        Column("净额", MONEY, 1.1),
    )
    return Table(DAYS_TITLE, columns, rows)


def _day_counts(t: LedgerTotals) -> tuple[int, int, int]:
    return (
        t.count.get(PAYMENT, 0) + t.count.get(REPAIR_PAYMENT, 0),
        t.count.get(VOID, 0),
        t.count.get(REFUND, 0) + t.count.get(REPAIR_REFUND, 0),
    )


def billing_table(changes: Sequence[tuple[str, int, int]]) -> Table:
    """Bill lines posted in the month by kind: (label, count, fen), with the total."""
    rows: list[Row] = [(label, count, fen) for label, count, fen in changes]
    rows.append(Subtotal(("合计", sum(c for _, c, _ in changes), sum(f for _, _, f in changes))))
    columns = (Column("项目", TEXT, 1.4), Column("笔数", COUNT), Column("金额", MONEY))
    return Table(BILLING_TITLE, columns, rows)


def monthly_report(
    book: MonthBook,
    changes: Sequence[tuple[str, int, int]],
    company: str,
    service_phone: str = "",
) -> Report:
    """The month-end summary: per day, per method, per season, per staff, and what was
    added to or taken off the bills (应收变动) in the month."""
    totals = book.totals
    facts = (
        ("月份", f"{book.first:%Y-%m}（{book.first.isoformat()} 至 {book.last.isoformat()}）"),
        ("笔数", _counts(totals)),
        ("净额", f"{format_yuan(totals.total_fen, symbol='')} 元"),
    )
    tables = (
        day_table(book),
        method_table(totals),
        season_table(totals),
        staff_table(totals),
        billing_table(changes),
    )
    return Report(
        kind="monthly",
        title="月度收费汇总",
        company=company,
        facts=facts,
        tables=tables,
        notes=("收费按入账营业日统计；应收变动为本月记入账单的开征、调整、减收与减免。",),
        landscape=True,
        service_phone=service_phone,
    )
