"""The Reconciliation page's reads: every cashier and collector of a day, the day's totals per
method, and the last 30 days' collections per method for the chart.

A cashier's row is a shift: closed ones show what the close recorded (expected against
counted for the counted methods, cash and bank card), open ones what the drawer should hold
now. A collector's row is the hand-overs booked that day against what the collector held.
Money is int fen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from cashier.domain.actor import Actor
from cashier.domain.cash_count import COUNTED_METHODS
from cashier.domain.handover import open_cash
from cashier.domain.journal import PAYMENT, REPAIR_PAYMENT, VOID, JournalEntry
from cashier.domain.shift import shift_totals
from cashier.domain.shift_report import (
    MONEY_KINDS,
    ShiftReport,
    expected_by_method,
    period_totals,
    report_from_entry,
)
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

CASHIER_ROW, COLLECTOR_ROW = "cashier", "collector"
CHART_DAYS = 30
OPEN, CLOSED, UNCOUNTED, APPROVED, DIFFERENCE, HANDED, HOLDING = (
    "未结班",
    "已结班",
    "未清点",
    "差额已批准",
    "有差额",
    "已缴款",
    "未缴款",
)


@dataclass(frozen=True)
class ReconRow:
    """One person's line of the day: expected, counted and difference (None: not counted),
    a status in Chinese, and the receipt number to open (the shift close, or a hand-over)."""

    kind: str
    staff: str
    place: str
    expected_fen: int
    counted_fen: int | None
    difference_fen: int | None
    status: str
    receipt_no: str = ""


@dataclass(frozen=True)
class DayTotals:
    """Money booked on a day per method (fen): received, voided, refunded, and net."""

    received: dict[str, int] = field(default_factory=dict)
    voided: dict[str, int] = field(default_factory=dict)
    refunded: dict[str, int] = field(default_factory=dict)

    def net(self) -> dict[str, int]:
        """Received plus voided plus refunded (those two are negative), per method."""
        methods = set(self.received) | set(self.voided) | set(self.refunded)
        return {
            m: self.received.get(m, 0) + self.voided.get(m, 0) + self.refunded.get(m, 0)
            for m in sorted(methods)
        }


def _add(into: dict[str, int], entry: JournalEntry) -> None:
    for part in entry.details.parts:
        into[part.method] = into.get(part.method, 0) + part.amount_fen


def totals_of(entries: Iterable[JournalEntry]) -> DayTotals:
    """Per-method sums of payments (heat fees and repairs), voids and refunds."""
    totals = DayTotals()
    for entry in entries:
        if entry.kind in (PAYMENT, REPAIR_PAYMENT):
            _add(totals.received, entry)
        elif entry.kind == VOID:
            _add(totals.voided, entry)
        elif entry.kind in MONEY_KINDS:
            _add(totals.refunded, entry)
    return totals


def day_totals(uow: UnitOfWork, actor: Actor, day: dt.date) -> DayTotals:
    """The money booked on `day` per method. Raises PermissionDenied."""
    require(actor, "reconcile")
    with uow:
        return totals_of(uow.reports.entries_between(day, day, sorted(MONEY_KINDS)))


def _counted_sum(report: ShiftReport) -> tuple[int, int | None]:
    checks = [c for c in report.comparison.checks if c.method in COUNTED_METHODS]
    expected = sum(c.expected_fen for c in checks)
    if report.count is None:
        return expected, None
    return expected, sum(c.counted_fen or 0 for c in checks)


def _closed_row(report: ShiftReport) -> ReconRow:
    expected, counted = _counted_sum(report)
    difference = None if counted is None else counted - expected
    if counted is None:
        status = UNCOUNTED
    elif report.approver:
        status = APPROVED
    else:
        status = CLOSED if difference == 0 else DIFFERENCE
    totals = report.totals
    return ReconRow(
        CASHIER_ROW,
        f"{totals.staff_no} {totals.staff_name}",
        f"{report.counter} {report.first_receipt}～{report.close_seq}",
        expected,
        counted,
        difference,
        status,
        report.last_receipt,
    )


def _shift_rows(uow: UnitOfWork, day: dt.date) -> list[ReconRow]:
    rows = []
    for close in uow.reconciliation.shift_closes_between(day, day):
        opening = uow.journal.get(close.counter, close.shift_seq or 0)
        if opening is not None:
            rows.append(_closed_row(report_from_entry(close, opening)))
    for state in uow.journal.counters():
        opening = uow.journal.get(state.counter, state.open_shift_seq or 0)
        if state.open_shift_seq is None or opening is None or opening.business_date > day:
            continue
        entries = uow.journal.shift_entries(state.counter, state.open_shift_seq)
        totals = shift_totals(opening, entries)
        drawer = expected_by_method(totals, period_totals(entries))
        expected = sum(drawer.get(method, 0) for method in COUNTED_METHODS)
        staff = f"{opening.staff_no} {opening.staff_name}"
        place = f"{state.counter} {opening.receipt_no}～"
        rows.append(ReconRow(CASHIER_ROW, staff, place, expected, None, None, OPEN))
    return rows


def _collector_rows(uow: UnitOfWork, day: dt.date) -> list[ReconRow]:
    people = dict(uow.reconciliation.collectors_with_money(day))
    today = uow.reconciliation.handovers(on=day)
    people.update({r.collector_staff_no: r.collector_name for r in today})
    rows = []
    for staff_no, name in sorted(people.items()):
        mine = [r for r in today if r.collector_staff_no == staff_no]
        holding = max(open_cash(
            uow.reconciliation.staff_money_entries(staff_no, day),
            uow.reconciliation.handovers(collector=staff_no),
        ), 0)  # fmt: skip
        expected = sum(r.expected_fen for r in mine) + holding
        counted = sum(r.counted_fen for r in mine)
        difference = counted - expected if not holding else None
        status = HOLDING if holding else (HANDED if difference == 0 else DIFFERENCE)
        receipt = mine[-1].receipt_no if mine else ""
        place = "、".join(r.receipt_no for r in mine)
        rows.append(
            ReconRow(COLLECTOR_ROW, f"{staff_no} {name}", place, expected,
                     counted if mine else None, difference, status, receipt)
        )
    return rows


def day_overview(uow: UnitOfWork, actor: Actor, day: dt.date) -> list[ReconRow]:
    """Every cashier's shift and every collector of `day`. Raises PermissionDenied."""
    require(actor, "reconcile")
    with uow:
        return _shift_rows(uow, day) + _collector_rows(uow, day)


@dataclass(frozen=True)
class ChartData:
    """Collections per method per day (net fen), oldest day first."""

    days: tuple[dt.date, ...]
    by_method: dict[str, tuple[int, ...]]


def collections_chart(
    uow: UnitOfWork, actor: Actor, last: dt.date, days: int = CHART_DAYS
) -> ChartData:
    """The net money per method booked on each of the `days` days ending `last`."""
    require(actor, "reconcile")
    first = last - dt.timedelta(days=days - 1)
    calendar = tuple(first + dt.timedelta(days=n) for n in range(days))
    sums: dict[str, dict[dt.date, int]] = {}
    kinds = sorted(MONEY_KINDS)
    with uow:
        for entry in uow.reports.entries_between(first, last, kinds):
            for part in entry.details.parts:
                per_day = sums.setdefault(part.method, {})
                day = entry.business_date
                per_day[day] = per_day.get(day, 0) + part.amount_fen
    by_method = {
        method: tuple(per_day.get(day, 0) for day in calendar)
        for method, per_day in sorted(sums.items())
    }
    return ChartData(calendar, by_method)

