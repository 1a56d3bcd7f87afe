"""What a shift close records and the Z report (结班报表) prints.

The shift_close journal entry keeps, in its hashed body: the period totals per method and
per season, the receipt-number range of the shift, count and sum of voids, refunds and
reprints, the cash handed over by collectors into the drawer, the blind count and its
comparison with the books, the reason and approver of a difference, and the counter's
perpetual grand totals. Its anchor (counter, last seq, chain head) is the entry itself.

Grand totals are per counter and never go down: ``grand_total_fen`` adds every amount of
money taken in (payments), ``grand_total_abs_fen`` the absolute value of every money
movement (payments, voids, refunds). Money is int fen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cashier.domain.cash_count import (
    BlindCount,
    CountComparison,
    comparison_from_extra,
)
from cashier.domain.chain import Anchor
from cashier.domain.journal import (
    HANDOVER,
    PAYMENT,
    REFUND,
    REPAIR_PAYMENT,
    REPAIR_REFUND,
    SHIFT_CLOSE,
    VOID,
    JournalEntry,
    journal_chain,
    receipt_number,
)
from cashier.domain.shift import ShiftTotals
from cashier.domain.tariffs import OPENING
from cashier.domain.tender import CASH

MONEY_KINDS = frozenset({PAYMENT, VOID, REFUND, REPAIR_PAYMENT, REPAIR_REFUND})
"""Entry kinds that move customers' money (a hand-over moves cash between staff only)."""

SEASON_KINDS = frozenset({"principal", "late_fee"})
OTHER_SEASON = "其他"
OPENING_LABEL = "往年欠费"


@dataclass(frozen=True)
class GrandTotals:
    """A counter's perpetual totals after some entry (fen; see the module docstring)."""

    grand_total_fen: int = 0
    grand_total_abs_fen: int = 0

    def after(self, entries: Iterable[JournalEntry]) -> GrandTotals:
        """These totals advanced by the money entries among `entries`."""
        total, absolute = self.grand_total_fen, self.grand_total_abs_fen
        for entry in entries:
            if entry.kind in MONEY_KINDS:
                total += max(entry.amount_fen, 0)
                absolute += abs(entry.amount_fen)
        return GrandTotals(total, absolute)


@dataclass(frozen=True)
class PeriodTotals:
    """What the Z report adds to the shift's running totals: sums per kind, per season, the
    reprints made by the shift's cashier during the shift, and collectors' hand-overs."""

    void_fen: int = 0
    refund_fen: int = 0
    by_season: dict[str, int] = field(default_factory=dict)
    reprints: int = 0
    reprint_fen: int = 0
    handovers: int = 0
    handover_fen: int = 0


def season_label(season: str) -> str:
    """How a season bucket is named on the Z report."""
    return OPENING_LABEL if season == OPENING else season


def _season_sums(entries: Sequence[JournalEntry]) -> dict[str, int]:
    """Principal and late fee paid per season by the money entries; the rest of their net
    money (credit, repairs, rounding) under "其他"."""
    by_season: dict[str, int] = {}
    net = 0
    for entry in entries:
        if entry.kind not in MONEY_KINDS:
            continue
        net += entry.amount_fen
        for line in entry.details.lines:
            if line.season and line.kind in SEASON_KINDS:
                label = season_label(line.season)
                by_season[label] = by_season.get(label, 0) + line.amount_fen
    other = net - sum(by_season.values())
    if other:
        by_season[OTHER_SEASON] = other
    return dict(sorted(by_season.items()))


def period_totals(
    entries: Sequence[JournalEntry], reprinted: Sequence[JournalEntry] = ()
) -> PeriodTotals:
    """Sums of the shift's `entries` by kind and season, and of the `reprinted` receipts
    (one item per reprint, the entry reprinted).

    A season's amount is the principal and late fee paid to it; what is left of the net
    money (credit, repair bills, cash rounding) is in the bucket "其他".
    """
    handovers = [e for e in entries if e.kind == HANDOVER]
    return PeriodTotals(
        void_fen=-sum(e.amount_fen for e in entries if e.kind == VOID),
        refund_fen=-sum(e.amount_fen for e in entries if e.kind in (REFUND, REPAIR_REFUND)),
        by_season=_season_sums(entries),
        reprints=len(reprinted),
        reprint_fen=sum(abs(entry.amount_fen) for entry in reprinted),
        handovers=len(handovers),
        handover_fen=sum(e.amount_fen for e in handovers),
    )


def expected_by_method(totals: ShiftTotals, period: PeriodTotals) -> dict[str, int]:
    """What the drawer and terminals should hold per method: cash is the opening float plus
    the net cash plus collectors' cash handed over into the drawer."""
    expected = dict(totals.by_method)
    expected[CASH] = totals.cash_expected_fen + period.handover_fen
    return expected


@dataclass(frozen=True)
class ShiftReport:
    """Everything the Z report shows, as recorded by the shift close entry."""

    totals: ShiftTotals
    period: PeriodTotals
    comparison: CountComparison
    count: BlindCount | None
    grand: GrandTotals
    close_seq: int
    closed_at: dt.datetime
    business_date: dt.date
    closed_by: str
    reason: str = ""
    approver: str = ""
    close_hash: str = ""

    @property
    def counter(self) -> str:
        """The counter of the shift."""
        return self.totals.counter

    @property
    def first_receipt(self) -> str:
        """The shift's first receipt number (its shift_open entry)."""
        return receipt_number(self.counter, self.totals.shift_seq)

    @property
    def last_receipt(self) -> str:
        """The shift's last receipt number (its shift_close entry)."""
        return receipt_number(self.counter, self.close_seq)

    @property
    def anchor(self) -> Anchor:
        """The counter's chain head at the close: the close entry itself."""
        return Anchor(journal_chain(self.counter), self.close_seq, self.close_hash)

    @property
    def counted(self) -> bool:
        """True when a blind count was entered at the close."""
        return self.count is not None

    def as_extra(self) -> dict[str, object]:
        """The report as kept in the shift_close entry's body (with the old totals' keys)."""
        period = self.period
        return {
            **self.totals.as_extra(),
            "void_sum": period.void_fen,
            "refund_sum": period.refund_fen,
            "by_season": period.by_season,
            "reprints": period.reprints,
            "reprint_sum": period.reprint_fen,
            "handovers": period.handovers,
            "handover_sum": period.handover_fen,
            "receipt_range": [self.first_receipt, self.last_receipt],
            "count": None if self.count is None else self.count.as_extra(),
            "checks": self.comparison.as_extra(),
            "threshold": self.comparison.threshold_fen,
            "grand_total": self.grand.grand_total_fen,
            "grand_total_abs": self.grand.grand_total_abs_fen,
        }


def grand_totals_of(entry: JournalEntry | None) -> GrandTotals:
    """The grand totals a shift_close entry recorded (zero before the first close)."""
    if entry is None:
        return GrandTotals()
    extra = entry.details.extra
    return GrandTotals(int(extra.get("grand_total", 0)), int(extra.get("grand_total_abs", 0)))  # type: ignore[call-overload]


def report_from_entry(entry: JournalEntry, opening: JournalEntry) -> ShiftReport:
    """The report recorded by a shift_close `entry` for the shift `opening` opened (who and
    when come from the opening; every amount from the close's own hashed body).

    Raises ValueError when the entries are not a shift's close and open.
    """
    if entry.kind != SHIFT_CLOSE or opening.seq != entry.shift_seq:
        raise ValueError(f"{entry.receipt_no} is not the close of {opening.receipt_no}")
    details = entry.details
    extra: Mapping[str, object] = details.extra
    count_data = extra.get("count")
    return ShiftReport(
        totals=_recorded_totals(opening, extra),
        period=_recorded_period(extra),
        comparison=comparison_from_extra(
            extra.get("checks") or [], _int(extra, "threshold")  # type: ignore[arg-type]
        ),
        count=BlindCount.from_extra(count_data) if isinstance(count_data, dict) else None,
        grand=grand_totals_of(entry),
        close_seq=entry.seq,
        closed_at=entry.taken_at,
        business_date=entry.business_date,
        closed_by=f"{entry.staff_no} {entry.staff_name}",
        reason=details.reason,
        approver=details.approver,
        close_hash=entry.hash,
    )


def _recorded_totals(opening: JournalEntry, extra: Mapping[str, object]) -> ShiftTotals:
    by_method = extra.get("by_method") or {}
    return ShiftTotals(
        counter=opening.counter,
        shift_seq=opening.seq,
        staff_no=opening.staff_no,
        staff_name=opening.staff_name,
        opened_at=opening.taken_at,
        opening_float_fen=_int(extra, "opening_float"),
        payments=_int(extra, "payments"),
        voids=_int(extra, "voids"),
        refunds=_int(extra, "refunds"),
        collected_fen=_int(extra, "collected"),
        returned_fen=_int(extra, "returned"),
        rounding_fen=_int(extra, "rounding"),
        by_method={str(k): int(v) for k, v in dict(by_method).items()},  # type: ignore[call-overload]
    )


def _recorded_period(extra: Mapping[str, object]) -> PeriodTotals:
    by_season = extra.get("by_season") or {}
    return PeriodTotals(
        void_fen=_int(extra, "void_sum"),
        refund_fen=_int(extra, "refund_sum"),
        by_season={str(k): int(v) for k, v in dict(by_season).items()},  # type: ignore[call-overload]
        reprints=_int(extra, "reprints"),
        reprint_fen=_int(extra, "reprint_sum"),
        handovers=_int(extra, "handovers"),
        handover_fen=_int(extra, "handover_sum"),
    )


def _int(extra: Mapping[str, object], key: str) -> int:
    value = extra.get(key, 0)
    return int(value) if isinstance(value, int) else 0
