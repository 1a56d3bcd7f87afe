"""Open items, late fees, early discounts and the allocation of payments (heat-fees.md 7-9).

The model is event-sourced: nothing here is mutated in place.

- Each season of an account is an :class:`OpenItem` holding its dated charge lines
  (:class:`~cashier.domain.fees.DatedLine`: the opening bill, credits, adjustments, late-fee
  waivers) and the dated :class:`ItemAllocation` parts of the payments applied to it.
  Arrears carried over from a previous system are an item with season ``"opening"``, ordered
  before every season and without late fee.
- :func:`item_state` derives an item's unpaid principal and late fee on a date by walking those
  events in date order. Every event is a segment boundary: the late fee accrued on the unpaid
  principal since the last boundary (or the due date, whichever is later) is fixed there, at
  most up to the season's cap, and a new segment starts.
- :func:`allocate` works out where a new payment goes; :func:`apply_allocation` records it.
- :func:`replay` rebuilds an account from its charges and its payments, in date order. A void
  is not an event that undoes anything: the voided payment is simply left out of the replay,
  so the late fee it fixed, the discount it earned and the way later payments were split all
  come out as if it had never been made. Allocations are therefore derived data; the
  payments (amount, date, channel) and the charge lines are the records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from cashier.domain.accounts import BillingFacts
from cashier.domain.fees import LABELS, BillLine, DatedLine
from cashier.domain.money import decimal_from_fen, fen_from_decimal
from cashier.domain.tariffs import CHANNELS, OPENING, EarlyDiscount, LateFeeRule, SeasonTariff

CREDIT_CHANNEL = "credit"
"""Pseudo-channel of the credit balance (预存) being consumed by a new bill; earns no discount."""


@dataclass(frozen=True)
class ItemAllocation:
    """The part of one payment applied to one open item, in fen.

    ``late_fee_fixed`` is the late fee that accrued up to ``on`` and was fixed by this payment.
    A negative ``principal_paid`` moves an overpaid season's excess to the credit balance.
    """

    season: str
    on: date
    late_fee_fixed: int
    late_fee_paid: int
    principal_paid: int
    discount: int = 0


@dataclass(frozen=True)
class OpenItem:
    """One season of one account (or its opening arrears), as dated events.

    ``start`` orders items (oldest first); ``due_date`` None means no late fee;
    ``discount_eligible`` is true for a residential account that takes heat this season.
    """

    season: str
    start: date
    due_date: date | None
    late_fee: LateFeeRule | None = None
    discounts: tuple[EarlyDiscount, ...] = ()
    discount_eligible: bool = False
    charges: tuple[DatedLine, ...] = ()
    allocations: tuple[ItemAllocation, ...] = ()


def season_item(
    tariff: SeasonTariff, facts: BillingFacts, charges: Iterable[DatedLine]
) -> OpenItem:
    """The open item of a season bill: ``charges`` are its dated lines (fees.bill_lines etc.)."""
    return OpenItem(
        season=tariff.season.code,
        start=tariff.season.start,
        due_date=tariff.season.due_date,
        late_fee=tariff.late_fee,
        discounts=tariff.discounts,
        discount_eligible=facts.category == "residential" and not facts.suspended,
        charges=tuple(charges),
    )


def opening_item(amount_fen: int, on: date) -> OpenItem:
    """Arrears carried over from a previous system (往年欠费): older than any season, no late fee.

    Raises ValueError for an amount that is not positive.
    """
    if amount_fen <= 0:
        raise ValueError("opening arrears must be positive")
    line = BillLine("opening", "往年欠费", amount_fen)
    return OpenItem(OPENING, date.min, None, charges=(DatedLine(on, line),))


def add_charges(item: OpenItem, lines: Iterable[DatedLine]) -> OpenItem:
    """The item with more dated lines (a credit, settlement or adjustment) posted to it."""
    return replace(item, charges=item.charges + tuple(lines))


# --- state on a date ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemState:
    """An open item on a date, in fen.

    ``principal`` is unpaid (negative when credits exceed what is left to pay);
    ``late_fee_fixed`` is fixed and neither paid nor waived; ``late_fee_accrued`` accrued since
    the last boundary; ``late_fee_charged`` is every late fee fixed so far (the cap counts it).
    """

    principal: int
    late_fee_fixed: int
    late_fee_accrued: int
    late_fee_charged: int
    principal_paid: int
    charged: int

    @property
    def late_fee(self) -> int:
        """Late fee owed on the date: fixed and unpaid plus the open accrual."""
        return self.late_fee_fixed + self.late_fee_accrued

    @property
    def open(self) -> bool:
        """True while principal or late fee is owed."""
        return self.principal > 0 or self.late_fee > 0


class _Walk:
    """Accumulates an item's events in date order (private helper of :func:`item_state`)."""

    def __init__(self, item: OpenItem) -> None:
        self.item = item
        self.principal = self.fixed = self.fixed_total = self.paid = self.charged = 0
        self.since: date | None = None

    def accrual(self, on: date) -> int:
        rule, due = self.item.late_fee, self.item.due_date
        if rule is None or due is None or self.principal <= 0:
            return 0
        start = due if self.since is None else max(self.since, due)
        days = (on - start).days
        if days <= 0:
            return 0
        amount = fen_from_decimal(decimal_from_fen(self.principal) * rule.daily_rate * days)
        if rule.cap_ratio is None:
            return amount
        cap = fen_from_decimal(decimal_from_fen(max(0, self.charged)) * rule.cap_ratio)
        return min(amount, max(0, cap - self.fixed_total))

    def step(self, event: DatedLine | ItemAllocation) -> None:
        accrued = self.accrual(event.on)
        self.fixed += accrued
        self.fixed_total += accrued
        self.since = event.on
        if isinstance(event, ItemAllocation):
            self.fixed -= event.late_fee_paid
            self.principal -= event.principal_paid + event.discount
            self.paid += max(0, event.principal_paid)
        elif event.line.kind == "late_fee_waiver":
            self.fixed = max(0, self.fixed + event.line.amount_fen)
        else:
            self.principal += event.line.amount_fen
            self.charged += event.line.amount_fen


def _events(item: OpenItem, on: date) -> list[DatedLine | ItemAllocation]:
    """The item's events up to ``on``: by date, charges before payments on the same day."""
    keyed = [((c.on, 0, i), c) for i, c in enumerate(item.charges) if c.on <= on]
    keyed += [((a.on, 1, i), a) for i, a in enumerate(item.allocations) if a.on <= on]
    return [event for _, event in sorted(keyed, key=lambda pair: pair[0])]


def item_state(item: OpenItem, on: date) -> ItemState:
    """The unpaid principal and late fee of ``item`` on ``on`` (events after it are ignored).

    Late fee: from the day after the due date, ``daily_rate`` of the unpaid principal per day,
    fixed at every event (rounded half-up per segment) and capped at charge × ``cap_ratio``.
    """
    walk = _Walk(item)
    for event in _events(item, on):
        walk.step(event)
    return ItemState(
        principal=walk.principal,
        late_fee_fixed=walk.fixed,
        late_fee_accrued=walk.accrual(on),
        late_fee_charged=walk.fixed_total,
        principal_paid=walk.paid,
        charged=walk.charged,
    )


def oldest_first(items: Iterable[OpenItem]) -> list[OpenItem]:
    """Items in allocation order: opening arrears, then seasons by first heating day."""
    return sorted(items, key=lambda item: (item.start, item.season))


def early_discount_fen(
    item: OpenItem, state: ItemState, on: date, channel: str, older_unpaid: bool
) -> int:
    """The discount (positive fen) a payment of the whole principal on ``on`` would earn.

    0 unless the date is in a window that allows ``channel``, the account is residential and
    heating, no older item is unpaid, and nothing of the principal has been paid yet.
    """
    if older_unpaid or not item.discount_eligible or state.principal_paid or state.principal <= 0:
        return 0
    rates = [window.rate for window in item.discounts if window.applies(on, channel)]
    if not rates:
        return 0
    return fen_from_decimal(decimal_from_fen(state.principal) * max(rates))


# --- allocation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    """Where a payment of ``amount_fen`` went: parts per item, and the rest to credit (预存)."""

    on: date
    channel: str
    amount_fen: int
    items: tuple[ItemAllocation, ...]
    credit_fen: int

    @property
    def paid_fen(self) -> int:
        """Money applied to items (late fee and principal)."""
        return sum(part.late_fee_paid + part.principal_paid for part in self.items)

    @property
    def discount_fen(self) -> int:
        """Early discounts granted with this payment."""
        return sum(part.discount for part in self.items)


def _check_order(items: Sequence[OpenItem], on: date) -> None:
    if any(part.on > on for item in items for part in item.allocations):
        raise ValueError(f"a payment on {on} precedes recorded ones; replay the account instead")


def _allocate_item(
    item: OpenItem, remaining: int, on: date, channel: str, older_unpaid: bool
) -> ItemAllocation:
    state = item_state(item, on)
    principal = max(0, state.principal)
    late_paid = min(remaining, max(0, state.late_fee))
    remaining -= late_paid
    discount = early_discount_fen(item, state, on, channel, older_unpaid)
    if discount and remaining >= principal - discount:
        paid = principal - discount
    else:
        discount, paid = 0, min(remaining, principal)
    return ItemAllocation(item.season, on, state.late_fee_accrued, late_paid, paid, discount)


def allocate(items: Sequence[OpenItem], amount_fen: int, on: date, channel: str) -> Allocation:
    """Allocate a payment of ``amount_fen`` dated ``on`` (heat-fees.md rule 9).

    Fixes each touched item's late fee to ``on``, pays the oldest item first and within it the
    late fee before the principal, grants an early discount where the payment settles the whole
    principal (rule 8), and returns the rest as credit. Nothing is recorded: see
    :func:`apply_allocation`. Raises ValueError for an amount <= 0, an unknown channel, or a
    date before a payment already recorded on the items.
    """
    if amount_fen <= 0:
        raise ValueError("a payment must be positive")
    if channel not in CHANNELS and channel != CREDIT_CHANNEL:
        raise ValueError(f"unknown channel: {channel!r}")
    _check_order(items, on)
    remaining, parts, older_unpaid = amount_fen, [], False
    for item in oldest_first(items):
        if remaining == 0:
            break
        if not item_state(item, on).open:
            continue
        part = _allocate_item(item, remaining, on, channel, older_unpaid)
        parts.append(part)
        remaining -= part.late_fee_paid + part.principal_paid
        older_unpaid = True
    return Allocation(on, channel, amount_fen, tuple(parts), remaining)


def apply_allocation(items: Sequence[OpenItem], allocation: Allocation) -> list[OpenItem]:
    """The items with the allocation's parts recorded on them (same order as given)."""
    by_season: dict[str, list[ItemAllocation]] = {}
    for part in allocation.items:
        by_season.setdefault(part.season, []).append(part)
    return [
        replace(item, allocations=item.allocations + tuple(by_season.get(item.season, ())))
        for item in items
    ]


def waive_late_fee(item: OpenItem, amount_fen: int, on: date, reason: str) -> OpenItem:
    """The item with a late-fee waiver (滞纳金减免) of ``amount_fen`` posted on ``on``.

    Raises ValueError without a reason, for an amount <= 0 or above the late fee owed on ``on``.
    """
    if not reason.strip():
        raise ValueError("a waiver needs a reason")
    owed = item_state(item, on).late_fee
    if not 0 < amount_fen <= owed:
        raise ValueError(f"waiver {amount_fen} outside 1..{owed} fen")
    line = BillLine("late_fee_waiver", LABELS["late_fee_waiver"], -amount_fen, reason)
    return add_charges(item, [DatedLine(on, line, reason)])


# --- replay ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payment:
    """A payment as recorded: the household paid ``amount_fen`` on ``on`` through ``channel``."""

    payment_id: str
    on: date
    amount_fen: int
    channel: str


@dataclass(frozen=True)
class Void:
    """The void (作废) of a payment, dated ``on``."""

    payment_id: str
    on: date


@dataclass(frozen=True)
class Ledger:
    """An account's open items and credit balance after a replay; allocations by payment id."""

    items: tuple[OpenItem, ...]
    credit_fen: int
    allocations: dict[str, Allocation] = field(default_factory=dict)


def _settle_credit(items: list[OpenItem], credit: int, on: date) -> tuple[list[OpenItem], int]:
    """After charges on ``on``: move overpaid principal to credit, then let credit pay dues."""
    for item in list(items):
        state = item_state(item, on)
        if state.principal < 0:
            part = ItemAllocation(item.season, on, state.late_fee_accrued, 0, state.principal)
            items = apply_allocation(items, Allocation(on, CREDIT_CHANNEL, 0, (part,), 0))
            credit -= state.principal
    if credit > 0:
        allocation = allocate(items, credit, on, CREDIT_CHANNEL)
        items, credit = apply_allocation(items, allocation), allocation.credit_fen
    return items, credit


def _live_payments(
    payments: Iterable[Payment], voids: Iterable[Void], as_of: date | None
) -> list[Payment]:
    """Payments up to ``as_of`` that are not voided by then."""
    payments = list(payments)
    if len({p.payment_id for p in payments}) != len(payments):
        raise ValueError("duplicate payment id")
    voided = {v.payment_id for v in voids if as_of is None or v.on <= as_of}
    return [p for p in payments if p.payment_id not in voided and (as_of is None or p.on <= as_of)]


def replay(
    items: Iterable[OpenItem],
    payments: Iterable[Payment],
    voids: Iterable[Void] = (),
    *,
    credit_fen: int = 0,
    as_of: date | None = None,
) -> Ledger:
    """Rebuild an account from its items' charge lines and its payments, in date order.

    Allocations already on ``items`` are discarded and recomputed. Voided payments (voids dated
    up to ``as_of``) are left out, which reverses their whole effect. On each charge date,
    overpaid principal moves to the credit balance and credit pays what is due; payments of a
    day follow that day's charges, in the order given. ``credit_fen`` is an opening credit.
    Raises ValueError for duplicate payment ids or an invalid payment.
    """
    live = _live_payments(payments, voids, as_of)
    current = [replace(item, allocations=()) for item in items]
    charge_days = {c.on for item in current for c in item.charges}
    if as_of is not None:
        charge_days = {day for day in charge_days if day <= as_of}
    credit, allocations = credit_fen, {}
    for day in sorted(charge_days | {p.on for p in live}):
        if day in charge_days:
            current, credit = _settle_credit(current, credit, day)
        for payment in (p for p in live if p.on == day):
            allocation = allocate(current, payment.amount_fen, day, payment.channel)
            current = apply_allocation(current, allocation)
            credit += allocation.credit_fen
            allocations[payment.payment_id] = allocation
    return Ledger(tuple(current), credit, allocations)
