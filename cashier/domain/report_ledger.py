"""The daily ledger (日记账) and the month-end summary (月度汇总) from journal entries.

Only entries that move money count: payments, voids, refunds and their repair-bill kinds.
Money is counted on the day an entry is booked to (its business date), so a void or refund
subtracts on its own day. Per method the ledger's net is receipts minus voids minus refunds;
per season it is what each entry's lines paid (principal and late fee; credit to the
prepayment 预存; cash rounding 抹零; repair bills 维修费), so both splits add up to the same
total as the entries' amounts. Amounts are fen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from cashier.domain.journal import (
    PAYMENT,
    REFUND,
    REPAIR_PAYMENT,
    REPAIR_REFUND,
    VOID,
    EntryDetails,
    JournalEntry,
    local_time,
)
from cashier.domain.money import format_yuan
from cashier.domain.tender import AGENT_METHODS, METHODS

MONEY_KINDS = (PAYMENT, VOID, REFUND, REPAIR_PAYMENT, REPAIR_REFUND)
"""Entry kinds the ledger lists."""

_GROUP = {PAYMENT: "receipts", REPAIR_PAYMENT: "receipts", VOID: "voids"}
METHOD_LABELS: dict[str, str] = {**METHODS, **AGENT_METHODS}
"""Payment method code -> Chinese name, in the order reports list them."""

_BUCKETS = {"credit": "预存", "payout": "预存", "rounding": "抹零"}
_REPAIR_LINES = ("repair_labour", "repair_material")
OTHER = "其他"


def method_label(code: str) -> str:
    """The Chinese name of a payment method (the code itself when unknown)."""
    return METHOD_LABELS.get(code, code)


def season_label(season: str) -> str:
    """How a season bucket is shown: ``opening`` is 往年欠费."""
    return "往年欠费" if season == "opening" else season


def season_split(entry: JournalEntry, details: EntryDetails | None = None) -> dict[str, int]:
    """What the entry's money paid, by bucket (season code, 预存, 抹零, 维修费, 其他); the
    values add up to ``entry.amount_fen``. Discount lines are not money and are left out.
    ``details`` is the entry's parsed body when the caller has it already."""
    split: dict[str, int] = {}
    for line in (details or entry.details).lines:
        if line.kind == "discount":
            continue
        if line.kind in _REPAIR_LINES:
            bucket = "维修费"
        else:
            bucket = _BUCKETS.get(line.kind) or season_label(line.season) or OTHER
        fen = -line.amount_fen if line.kind == "payout" else line.amount_fen  # paid out
        split[bucket] = split.get(bucket, 0) + fen
    rest = entry.amount_fen - sum(split.values())
    if rest:
        bucket = "维修费" if entry.kind in (REPAIR_PAYMENT, REPAIR_REFUND) else OTHER
        split[bucket] = split.get(bucket, 0) + rest
    return {key: value for key, value in split.items() if value}


@dataclass(frozen=True)
class LedgerRow:
    """One entry as the ledger lists it (``taken_at`` in Beijing time)."""

    receipt_no: str
    business_date: dt.date
    taken_at: dt.datetime
    counter: str
    staff: str
    kind: str
    kind_label: str
    account_no: str
    name: str
    seasons: str
    methods: str
    amount_fen: int
    reverses: str
    reason: str
    approver: str


def ledger_row(entry: JournalEntry, details: EntryDetails | None = None) -> LedgerRow:
    """The ledger's view of one money entry (``details``: its parsed body, if at hand)."""
    details = details or entry.details
    account = details.extra.get("account")
    name = account.get("name", "") if isinstance(account, dict) else ""
    parts = details.parts
    if len(parts) == 1:
        methods = method_label(parts[0].method)
    else:
        methods = "、".join(
            f"{method_label(p.method)}{format_yuan(p.amount_fen, symbol='')}" for p in parts
        )
    return LedgerRow(
        receipt_no=entry.receipt_no,
        business_date=entry.business_date,
        taken_at=local_time(entry.taken_at),
        counter=entry.counter,
        staff=f"{entry.staff_no} {entry.staff_name}",
        kind=entry.kind,
        kind_label=entry.kind_label,
        account_no=entry.account_no or "",
        name=str(name),
        seasons="、".join(season_split(entry, details)),
        methods=methods,
        amount_fen=entry.amount_fen,
        reverses=entry.reverses or "",
        reason=details.reason,
        approver=details.approver,
    )


@dataclass
class MethodTotals:
    """Receipts, voids and refunds of one method (voids and refunds as negative fen)."""

    receipts: int = 0
    voids: int = 0
    refunds: int = 0

    @property
    def net(self) -> int:
        """Receipts minus voids minus refunds."""
        return self.receipts + self.voids + self.refunds

    def add(self, kind: str, fen: int) -> None:
        """Count ``fen`` of an entry of ``kind``."""
        group = _GROUP.get(kind, "refunds")
        setattr(self, group, getattr(self, group) + fen)


@dataclass
class LedgerTotals:
    """Running totals over entries: counts by kind, per method, per season bucket, per staff."""

    count: dict[str, int] = field(default_factory=dict)
    by_method: dict[str, MethodTotals] = field(default_factory=dict)
    by_season: dict[str, int] = field(default_factory=dict)
    by_staff: dict[str, dict[str, int]] = field(default_factory=dict)
    total_fen: int = 0

    def add(self, entry: JournalEntry, staff: str, details: EntryDetails | None = None) -> None:
        """Count one money entry (``details``: its parsed body, if at hand)."""
        details = details or entry.details
        self.count[entry.kind] = self.count.get(entry.kind, 0) + 1
        self.total_fen += entry.amount_fen
        mine = self.by_staff.setdefault(staff, {})
        for part in details.parts:
            self.by_method.setdefault(part.method, MethodTotals()).add(entry.kind, part.amount_fen)
            mine[part.method] = mine.get(part.method, 0) + part.amount_fen
        for bucket, fen in season_split(entry, details).items():
            self.by_season[bucket] = self.by_season.get(bucket, 0) + fen

    def method_net(self) -> dict[str, int]:
        """Net fen per method code (receipts − voids − refunds)."""
        return {method: totals.net for method, totals in self.by_method.items()}


@dataclass(frozen=True)
class DailyLedger:
    """The ledger of one business day: its rows (by staff, then time) and totals."""

    on: dt.date
    rows: tuple[LedgerRow, ...]
    totals: LedgerTotals


def daily_ledger(entries: Iterable[JournalEntry], on: dt.date) -> DailyLedger:
    """The ledger of ``on`` from journal entries (others, and non-money kinds, are skipped)."""
    rows: list[LedgerRow] = []
    totals = LedgerTotals()
    for entry in entries:
        if entry.kind not in MONEY_KINDS or entry.business_date != on:
            continue
        details = entry.details
        row = ledger_row(entry, details)
        rows.append(row)
        totals.add(entry, row.staff, details)
    rows.sort(key=lambda r: (r.staff, r.taken_at, r.receipt_no))
    return DailyLedger(on, tuple(rows), totals)


def ordered_methods(codes: Iterable[str]) -> list[str]:
    """Method codes in the reports' order (known methods first, then any other, sorted)."""
    present = set(codes)
    known = [code for code in METHOD_LABELS if code in present]
    return known + sorted(present - set(known))


def ordered_buckets(buckets: Iterable[str]) -> list[str]:
    """Season buckets: 往年欠费 first, seasons in order, then 预存, 维修费, 抹零, 其他."""
    tail = ["预存", "维修费", "抹零", OTHER]
    present = set(buckets)
    seasons = sorted(present - set(tail) - {"往年欠费"})
    head = ["往年欠费"] if "往年欠费" in present else []
    return head + seasons + [bucket for bucket in tail if bucket in present]
