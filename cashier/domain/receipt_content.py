"""What a journal entry's receipt says: the lines of a payment and the receipt data.

At posting, :func:`allocation_lines` records what the payment did (late fee, principal,
discount per season, the credit), and :func:`charge_items` decides the charge lines printed
(money-and-receipts.md item 4). Those, the account as printed and the amounts due before and
owed after, are kept in the entry's hashed body (:func:`receipt_extra`), so a reprint years
later shows exactly what the first print showed, and the receipt check can trust it.
:func:`receipt_data` turns an entry back into the domain's :class:`ReceiptData`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cashier.domain.fees import BillLine
from cashier.domain.journal import (
    PAYMENT,
    REFUND,
    VOID,
    EntryDetails,
    EntryLine,
    JournalEntry,
    local_time,
)
from cashier.domain.ledger import Allocation
from cashier.domain.receipt import ChargeItem, MethodPart, ReceiptData, ReceiptKind, qr_payload
from cashier.domain.tariffs import OPENING
from cashier.domain.tender import CASH, method_label

NOT_CHARGES = frozenset({"late_fee_waiver"})
"""Bill line kinds that are not part of a season's principal."""


@dataclass(frozen=True)
class ReceiptAccount:
    """The account as printed: number, holder, address, category label, area (m²), season."""

    account_no: str
    name: str
    address: str
    category: str
    heated_area: Decimal
    season: str

    def to_dict(self) -> dict[str, str]:
        """The account for the entry body (the area as text with two decimals)."""
        return {
            "no": self.account_no,
            "name": self.name,
            "address": self.address,
            "category": self.category,
            "area": str(self.heated_area),
            "season": self.season,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ReceiptAccount:
        """The account read back from an entry body."""
        return cls(
            str(data["no"]),
            str(data["name"]),
            str(data["address"]),
            str(data["category"]),
            Decimal(str(data["area"])),
            str(data["season"]),
        )


def allocation_lines(allocation: Allocation) -> tuple[EntryLine, ...]:
    """The lines of a payment: per season late fee, principal and discount; then credit."""
    lines: list[EntryLine] = []
    for part in allocation.items:
        if part.late_fee_paid:
            lines.append(EntryLine(part.season, "late_fee", part.late_fee_paid))
        if part.principal_paid:
            lines.append(EntryLine(part.season, "principal", part.principal_paid))
        if part.discount:
            lines.append(EntryLine(part.season, "discount", part.discount))
    if allocation.credit_fen:
        lines.append(EntryLine("", "credit", allocation.credit_fen))
    return tuple(lines)


def charge_items(
    lines: Sequence[EntryLine],
    season_charges: Mapping[str, Sequence[BillLine]],
    newest_season: str,
) -> tuple[ChargeItem, ...]:
    """The charge lines printed for a payment's lines; they add up to the money collected.

    A season whose whole charge this payment settles at once is printed line by line as
    billed (采暖费 89.56㎡×22.00 ...) followed by its 优惠; otherwise one 热费 line. Older seasons
    carry their code in the label; carried-over arrears print as 往年欠费.
    """
    items: list[ChargeItem] = []
    by_season: dict[str, dict[str, int]] = {}
    for line in lines:
        by_season.setdefault(line.season, {})[line.kind] = line.amount_fen
    for season, kinds in by_season.items():
        if season:
            items += _season_items(season, kinds, season_charges.get(season, ()), newest_season)
    rest = by_season.get("", {})
    labels = (("credit", "预存"), ("payout", "预存退款"), ("rounding", "抹零"))
    items += [ChargeItem(label, rest[kind]) for kind, label in labels if rest.get(kind)]
    return tuple(items)


def _season_items(
    season: str, kinds: Mapping[str, int], charges: Sequence[BillLine], newest: str
) -> list[ChargeItem]:
    if season == OPENING:
        return [ChargeItem("往年欠费", kinds.get("principal", 0) + kinds.get("late_fee", 0))]
    prefix = "" if season == newest else season
    items = []
    if kinds.get("late_fee"):
        items.append(ChargeItem(f"{prefix}滞纳金", kinds["late_fee"]))
    principal, discount = kinds.get("principal", 0), kinds.get("discount", 0)
    billed = [line for line in charges if line.kind not in NOT_CHARGES and line.amount_fen]
    if billed and principal + discount == sum(line.amount_fen for line in billed):
        items += [ChargeItem(f"{prefix}{x.label_zh}", x.amount_fen, x.detail) for x in billed]
    elif principal + discount:
        items.append(ChargeItem(f"{prefix}热费", principal + discount))
    if discount:
        items.append(ChargeItem("优惠", -discount, "提前缴费"))
    return items


def receipt_extra(
    account: ReceiptAccount,
    items: Sequence[ChargeItem],
    *,
    due_before_fen: int,
    balance_after_fen: int,
) -> dict[str, object]:
    """What the entry body keeps for its receipt (see the module docstring).

    ``balance_after_fen`` is owed after the entry when positive, the credit left when
    negative.
    """
    return {
        "account": account.to_dict(),
        "items": [[item.label, item.amount_fen, item.detail] for item in items],
        "due": due_before_fen,
        "balance": balance_after_fen,
    }


@dataclass(frozen=True)
class Letterhead:
    """The company details printed on every receipt."""

    company: str
    service_phone: str = ""
    invoice_note: bool = False


_SLIP_KINDS = {PAYMENT: ReceiptKind.RECEIPT, VOID: ReceiptKind.VOID, REFUND: ReceiptKind.REFUND}


def receipt_data(
    entry: JournalEntry,
    letterhead: Letterhead,
    *,
    reprint_count: int = 0,
    staff_label: str = "收费员",
) -> ReceiptData:
    """The receipt (or void/refund slip) of a payment, void or refund entry.

    Raises ValueError for another kind of entry or a body without receipt details.
    """
    if entry.kind not in _SLIP_KINDS:
        raise ValueError(f"a {entry.kind} entry has no receipt")
    details = entry.details
    extra = details.extra
    try:
        account = ReceiptAccount.from_dict(extra["account"])  # type: ignore[arg-type]
        items = tuple(ChargeItem(label, int(fen), detail) for label, fen, detail in extra["items"])
        due, balance = int(extra["due"]), int(extra["balance"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"entry {entry.receipt_no} has no receipt details") from error
    taken = local_time(entry.taken_at)
    return ReceiptData(
        company=letterhead.company,
        receipt_no=entry.receipt_no,
        taken_at=taken.replace(tzinfo=None),
        counter_code=entry.counter,
        staff_no=entry.staff_no,
        staff_name=entry.staff_name,
        account_no=account.account_no,
        account_name=account.name,
        address=account.address,
        category=account.category,
        heated_area=account.heated_area,
        season=account.season,
        charges=items,
        total_due_fen=due,
        paid_fen=entry.amount_fen,
        methods=_methods(details),
        cash_tendered_fen=details.cash_tendered_fen,
        change_fen=details.change_fen,
        balance_after_fen=balance,
        qr_payload=qr_payload(entry.receipt_no, entry.amount_fen, taken.date(), entry.hash),
        service_phone=letterhead.service_phone,
        invoice_note=letterhead.invoice_note and entry.kind == PAYMENT,
        kind=_SLIP_KINDS[entry.kind],
        reprint_count=reprint_count,
        original_receipt_no=entry.reverses or ("预存余额" if entry.kind == REFUND else ""),
        staff_label=staff_label,
    )


def _methods(details: EntryDetails) -> tuple[MethodPart, ...]:
    return tuple(
        MethodPart(method_label(p.method), abs(p.amount_fen), p.reference, p.method == CASH)
        for p in details.parts
    )


def negated(items: Sequence[ChargeItem]) -> tuple[ChargeItem, ...]:
    """Charge items with their amounts negated (the lines of a void or refund slip)."""
    return tuple(ChargeItem(item.label, -item.amount_fen, item.detail) for item in items)


def original_items(entry: JournalEntry) -> tuple[ChargeItem, ...]:
    """The charge items stored with an entry (empty when it has none)."""
    stored = entry.details.extra.get("items") or []
    return tuple(ChargeItem(label, int(fen), detail) for label, fen, detail in stored)
