"""Voids, refunds and waivers (作废、退费及减免明细) with their reasons and approvers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cashier.domain.journal import REFUND, REPAIR_REFUND, VOID, JournalEntry
from cashier.domain.report_ledger import ledger_row
from cashier.domain.report_table import DATE, MONEY, TEXT, Column, Report, Row, Subtotal, Table

REVERSAL_KINDS = (VOID, REFUND, REPAIR_REFUND)
VOIDS_TITLE, REFUNDS_TITLE, WAIVERS_TITLE = "作废明细", "退费明细", "滞纳金减免明细"

_ENTRY_COLUMNS = (
    Column("日期", DATE, 0.95),
    Column("收据号", TEXT, 1.3),
    Column("原收据号", TEXT, 1.3),
    Column("户号", TEXT, 0.9),
    Column("户名", TEXT, 1.0),
    Column("方式", TEXT, 1.0),
    Column("金额", MONEY, 0.9),
    Column("原因", TEXT, 1.6),
    Column("批准人", TEXT, 0.9),
    Column("经办人", TEXT, 0.9),
)
_WAIVER_COLUMNS = (
    Column("日期", DATE, 0.95),
    Column("户号", TEXT, 0.9),
    Column("户名", TEXT, 1.0),
    Column("采暖期", TEXT, 1.0),
    Column("减免金额", MONEY, 0.9),
    Column("原因", TEXT, 2.2),
    Column("批准人", TEXT, 1.0),
    Column("经办人", TEXT, 1.0),
)


@dataclass(frozen=True)
class Waiver:
    """A late-fee waiver line posted to a bill (amount positive, fen)."""

    posted_on: dt.date
    account_no: str
    name: str
    season: str
    amount_fen: int
    reason: str
    approved_by: str
    recorded_by: str


def _entry_table(title: str, entries: Sequence[JournalEntry]) -> Table:
    rows: list[Row] = []
    for entry in entries:
        row = ledger_row(entry)
        rows.append((row.business_date, row.receipt_no, row.reverses or "—", row.account_no,
                     row.name, row.methods, row.amount_fen, row.reason, row.approver or "—",
                     row.staff))  # fmt: skip
    total = sum(e.amount_fen for e in entries)
    rows.append(Subtotal(("合计", f"{len(entries)}笔", "", "", "", "", total, "", "", "")))
    return Table(title, _ENTRY_COLUMNS, rows)


def _waiver_table(waivers: Sequence[Waiver]) -> Table:
    rows: list[Row] = [
        (w.posted_on, w.account_no, w.name, w.season, w.amount_fen, w.reason,
         w.approved_by or "—", w.recorded_by)  # fmt: skip
        for w in waivers
    ]
    total = sum(w.amount_fen for w in waivers)
    rows.append(Subtotal(("合计", f"{len(waivers)}笔", "", "", total, "", "", "")))
    return Table(WAIVERS_TITLE, _WAIVER_COLUMNS, rows)


def reversals_report(
    entries: Iterable[JournalEntry],
    waivers: Sequence[Waiver],
    first: dt.date,
    last: dt.date,
    company: str,
    service_phone: str = "",
) -> Report:
    """Voids, refunds (repair refunds too) and late-fee waivers booked from ``first`` to
    ``last``; amounts of voids and refunds are negative (money paid back)."""
    chosen = sorted(
        (e for e in entries if e.kind in REVERSAL_KINDS and first <= e.business_date <= last),
        key=lambda e: (e.business_date, e.taken_at, e.receipt_no),
    )
    voids = [e for e in chosen if e.kind == VOID]
    refunds = [e for e in chosen if e.kind != VOID]
    counts = f"作废 {len(voids)} 笔，退费 {len(refunds)} 笔，减免 {len(waivers)} 笔"
    facts = (("期间", f"{first.isoformat()} 至 {last.isoformat()}"), ("笔数", counts))
    return Report(
        kind="reversals",
        title="作废、退费及减免明细",
        company=company,
        facts=facts,
        tables=(
            _entry_table(VOIDS_TITLE, voids),
            _entry_table(REFUNDS_TITLE, refunds),
            _waiver_table(waivers),
        ),
        notes=("作废与退费金额为负数（退回的款项）；减免为免收的滞纳金。",),
        landscape=True,
        service_phone=service_phone,
    )
