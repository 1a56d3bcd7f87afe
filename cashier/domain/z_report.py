"""The Z report (结班报表): its content as titled sections, and the receipt-printer layout.

:func:`z_sections` decides what the report says (the same for paper and PDF);
:func:`layout_z_report` lays the sections out as :class:`ReceiptLine`s for 32 or 48 columns
(GB18030 widths, as receipts). A reprint is marked 补打（第N次） under the title. Amounts on
paper use the full-width ￥ (money-and-receipts.md).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cashier.domain.cash_count import DENOMINATIONS
from cashier.domain.journal import local_time
from cashier.domain.money import format_yuan
from cashier.domain.receipt import MIN_COLUMNS, ReceiptLine
from cashier.domain.shift_report import ShiftReport
from cashier.domain.textwidth import fits_between, gb_width, pad_between, wrap

TITLE = "结班报表"
NOT_COUNTED = "未清点"
SETTLEMENT_CHECK = "凭对账单核对"


@dataclass(frozen=True)
class ZRow:
    """One row: a label and its values (amounts already formatted, without a currency
    symbol; ``money`` says whether the values are amounts)."""

    label: str
    values: tuple[str, ...] = ()
    money: bool = True


@dataclass(frozen=True)
class ZSection:
    """A titled block of rows; ``columns`` names the values of multi-value rows."""

    title: str
    rows: tuple[ZRow, ...]
    columns: tuple[str, ...] = ()


def _yuan(fen: int) -> str:
    return format_yuan(fen, symbol="")


def _when(report_time) -> str:
    return local_time(report_time).strftime("%Y-%m-%d %H:%M")


def z_heading(report: ShiftReport) -> tuple[ZRow, ...]:
    """Who, where and when: the rows under the title."""
    totals = report.totals
    rows = [
        ZRow("窗口", (report.counter,), money=False),
        ZRow("收费员", (f"{totals.staff_no} {totals.staff_name}",), money=False),
        ZRow("开班", (_when(totals.opened_at),), money=False),
        ZRow("结班", (_when(report.closed_at),), money=False),
        ZRow("营业日", (report.business_date.isoformat(),), money=False),
        ZRow("起始收据号", (report.first_receipt,), money=False),
        ZRow("结束收据号", (report.last_receipt,), money=False),
    ]
    if not report.closed_by.startswith(f"{totals.staff_no} "):
        rows.append(ZRow("结班人", (report.closed_by,), money=False))
    return tuple(rows)


def z_sections(report: ShiftReport) -> list[ZSection]:
    """The report's sections, top to bottom (see the module docstring)."""
    seasons = report.period.by_season
    return [
        _summary(report),
        _methods(report),
        ZSection("按采暖期", tuple(ZRow(k, (_yuan(v),)) for k, v in seasons.items())),
        _cash(report),
        *_variance(report),
        ZSection(
            "累计总额（永不减少）",
            (
                ZRow("累计收款", (_yuan(report.grand.grand_total_fen),)),
                ZRow("累计绝对值", (_yuan(report.grand.grand_total_abs_fen),)),
            ),
        ),
        ZSection(
            "锚点",
            (
                ZRow("窗口/序号", (f"{report.counter} #{report.close_seq}",), money=False),
                ZRow("链头", (report.close_hash,), money=False),
            ),
        ),
    ]


def _summary(report: ShiftReport) -> ZSection:
    totals, period = report.totals, report.period
    return ZSection(
        "收费汇总",
        (
            ZRow(f"收费 {totals.payments} 笔", (_yuan(totals.collected_fen),)),
            ZRow(f"作废 {totals.voids} 笔", (_yuan(period.void_fen),)),
            ZRow(f"退费 {totals.refunds} 笔", (_yuan(period.refund_fen),)),
            ZRow(f"补打 {period.reprints} 次", (_yuan(period.reprint_fen),)),
            ZRow("抹零", (_yuan(totals.rounding_fen),)),
            ZRow("净额", (_yuan(totals.net_fen),)),
        ),
    )


def _methods(report: ShiftReport) -> ZSection:
    rows = []
    for check in report.comparison.checks:
        if check.counted_fen is None:
            counted = NOT_COUNTED if report.count is None else SETTLEMENT_CHECK
            values = (_yuan(check.expected_fen), counted, "")
        else:
            values = (
                _yuan(check.expected_fen),
                _yuan(check.counted_fen),
                _yuan(check.difference_fen),
            )
        label = "现金（含备用金）" if check.method == "cash" else check.label
        rows.append(ZRow(label, values))
    return ZSection("按支付方式", tuple(rows), columns=("应有", "实点", "差额"))


def _cash(report: ShiftReport) -> ZSection:
    totals, period = report.totals, report.period
    rows = [ZRow("备用金", (_yuan(totals.opening_float_fen),))]
    if period.handovers:
        rows.append(ZRow(f"收缴款 {period.handovers} 笔", (_yuan(period.handover_fen),)))
    if report.count is None:
        rows.append(ZRow("现金清点", (NOT_COUNTED,), money=False))
        return ZSection("现金", tuple(rows))
    pieces = report.count.pieces
    for value, name in DENOMINATIONS:
        if pieces.get(value):
            rows.append(ZRow(f"{name}×{pieces[value]}", (_yuan(value * pieces[value]),)))
    rows.append(ZRow("现金合计", (_yuan(report.count.cash_fen),)))
    rows.append(ZRow(f"刷卡小票 {len(report.count.slips)} 张", (_yuan(report.count.card_fen),)))
    return ZSection("现金", tuple(rows))


def _variance(report: ShiftReport) -> list[ZSection]:
    if not report.reason and not report.approver:
        return []
    rows = [ZRow("原因", (report.reason,), money=False)]
    if report.approver:
        rows.append(ZRow("批准", (report.approver,), money=False))
    return [ZSection("差额说明", tuple(rows))]


def layout_z_report(
    report: ShiftReport, company: str, width_cols: int, reprint_count: int = 0
) -> list[ReceiptLine]:
    """The Z report as printed lines of at most `width_cols` columns.

    Raises ValueError for fewer than 16 columns or a negative reprint count.
    """
    if width_cols < MIN_COLUMNS:
        raise ValueError(f"a report needs at least {MIN_COLUMNS} columns, got {width_cols}")
    if reprint_count < 0:
        raise ValueError("reprint_count must not be negative")
    rule = ReceiptLine("-" * width_cols, kind="rule")
    lines = _centered(company or "供热公司", width_cols, double=True)
    lines += _centered(TITLE, width_cols)
    if reprint_count:
        lines += _centered(f"补打（第{reprint_count}次）", width_cols)
    lines += [line for row in z_heading(report) for line in _row(row, width_cols)]
    for section in z_sections(report):
        lines.append(rule)
        lines += _section(section, width_cols)
    lines.append(rule)
    for signer in ("收费员签字：", "主管签字："):
        lines += [ReceiptLine(signer), ReceiptLine("")]
    return lines


def _clean(text: str) -> str:
    """Printable text only: control characters never reach the printer as commands."""
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") else char
        for char in text
        if unicodedata.category(char) != "Cf"
    )


def _centered(text: str, width: int, *, double: bool = False) -> list[ReceiptLine]:
    room = width // 2 if double else width
    return [ReceiptLine(part, double=double, align="center") for part in wrap(_clean(text), room)]


def _section(section: ZSection, width: int) -> list[ReceiptLine]:
    lines = [ReceiptLine(section.title)]
    for row in section.rows:
        if len(row.values) > 1:
            lines.append(ReceiptLine(row.label))
            for name, value in zip(section.columns, row.values, strict=False):
                if value:
                    lines += _pair("  " + name, _shown(value, row.money), width)
        else:
            lines += _row(row, width)
    return lines


def _shown(value: str, money: bool) -> str:
    is_amount = money and (value[:1].isdigit() or value.startswith("-"))
    if not is_amount:
        return value
    return f"-￥{value[1:]}" if value.startswith("-") else f"￥{value}"


def _row(row: ZRow, width: int) -> list[ReceiptLine]:
    value = _clean(_shown(row.values[0], row.money)) if row.values else ""
    if row.money:
        return _pair(row.label, value, width)
    head = _clean(row.label) + "："
    indent = gb_width(head)
    if width - indent < 8:
        return [ReceiptLine(part) for part in wrap(head + value, width)]
    parts = wrap(value, width - indent)
    return [ReceiptLine((head if i == 0 else " " * indent) + p) for i, p in enumerate(parts)]


def _pair(left: str, right: str, width: int) -> list[ReceiptLine]:
    left, right = _clean(left), _clean(right)
    if fits_between(left, right, width):
        return [ReceiptLine(pad_between(left, right, width))]
    return [ReceiptLine(part) for part in wrap(left, width)] + [
        ReceiptLine(pad_between("", part, width)) for part in wrap(right, width)
    ]
