"""Paying a signed repair bill into the counter's journal, and refunding it.

A repair bill is paid in full, at the counter or by the technician on site (on the laptop's
own counter), with the same tender rules as heat fees (split tender, a reference for every
non-cash part, cash tendered and change; no 抹零). The payment is a journal entry of kind
``repair_payment`` in the counter's numbered, hash-chained journal and the shift's money,
linked to the bill version it pays; it never touches the account's heat-fee ledger. A paid
bill cannot change: a correction is a refund (``repair_refund``, with a supervisor's
approval and a reason), after which the bill may be revised, signed and paid again.
Printing happens after commit; a printer failure is returned, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.journal import (
    REPAIR_PAYMENT,
    REPAIR_REFUND,
    EntryDetails,
    EntryLine,
    JournalEntry,
)
from cashier.domain.money import format_yuan
from cashier.domain.receipt_content import Letterhead
from cashier.domain.repair_bills import BillVersion
from cashier.domain.repair_documents import RepairReceipt, layout_repair_receipt
from cashier.domain.repair_orders import Order, RepairError
from cashier.domain.roles import Approval
from cashier.domain.tender import CASH, TenderPart, method_label, settle_tender
from cashier.services import audit
from cashier.services.permissions import require, require_approved
from cashier.services.ports import ReceiptPrinter, UnitOfWork
from cashier.services.posting import EntryDraft, check_uuid, number_entry
from cashier.services.receipts import find_entry, read_letterhead
from cashier.services.repair_bills import read_view
from cashier.services.repair_orders import find_order
from cashier.services.shifts import require_shift
from cashier.services.station import Station


@dataclass(frozen=True)
class RepairPaymentRequest:
    """A repair payment as confirmed: ``client_uuid`` made once and reused on retries."""

    client_uuid: str
    order_no: str
    parts: tuple[TenderPart, ...]
    cash_tendered_fen: int | None = None


@dataclass(frozen=True)
class RepairPaymentResult:
    """The committed entry and its slip; ``duplicate`` when a retry found it posted."""

    entry: JournalEntry
    receipt: RepairReceipt
    duplicate: bool = False
    printed: bool = False
    print_error: str | None = None

    @property
    def receipt_no(self) -> str:
        """The receipt number of the entry."""
        return self.entry.receipt_no


def _payable(uow: UnitOfWork, order: Order) -> BillVersion:
    """The bill version to pay: signed, unpaid, above zero. Raises RepairError."""
    view = read_view(uow, order)
    latest = view.latest
    if latest is None or not view.signed:
        raise RepairError(
            f"维修单 {order.number} 的收费清单须经用户签字确认后才能收费（{view.state_label}）。",
            "only a bill the customer signed can be paid",
        )
    if view.paid_fen > 0:
        raise RepairError(f"维修单 {order.number} 已收费。", "the bill is paid already")
    if latest.content.total_fen <= 0:
        raise RepairError("收费清单金额为零。", "the bill total is zero")
    return latest


def _extra(order: Order, bill: BillVersion) -> dict[str, object]:
    content = bill.content
    return {
        "repair_order": order.number,
        "bill_version": content.version,
        "bill_digest": bill.digest,
        "labour": content.labour_fen,
        "material": content.material_fen,
        "account": [content.account_no, content.customer_name, content.address],
    }


def _lines(bill: BillVersion, sign: int = 1) -> tuple[EntryLine, ...]:
    content = bill.content
    return (
        EntryLine("", "repair_labour", sign * content.labour_fen),
        EntryLine("", "repair_material", sign * content.material_fen),
    )


def pay_repair_bill(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    request: RepairPaymentRequest,
    *,
    printer: ReceiptPrinter | None = None,
) -> RepairPaymentResult:
    """Take the full amount of the order's signed bill into the counter's journal.

    A retried UUID returns the stored result (not printed again). Raises PermissionDenied
    without "collect_repair_payment", ShiftNotOpen, UnknownOrder, TenderError, RepairError
    (not signed, paid already, amount not the bill's total).
    """
    require(actor, "collect_repair_payment")
    tender = settle_tender(request.parts, request.cash_tendered_fen, round_cash=False)

    def draft(uow: UnitOfWork, uuid: str) -> tuple[EntryDraft, BillVersion]:
        order = find_order(uow, request.order_no.strip().upper())
        bill = _payable(uow, order)
        if tender.applied_fen != bill.content.total_fen:
            raise RepairError(
                f"维修费应收 {format_yuan(bill.content.total_fen)}，"
                f"实收 {format_yuan(tender.applied_fen)}：维修费须一次付清。",
                "a repair bill is paid in full",
            )
        details = EntryDetails(
            lines=_lines(bill),
            parts=tender.collected,
            cash_tendered_fen=tender.cash_tendered_fen,
            change_fen=tender.change_fen,
            extra=_extra(order, bill),
        )
        entry = EntryDraft(
            uuid,
            REPAIR_PAYMENT,
            details,
            account_no=order.account_no or None,
            amount_fen=tender.collected_fen,
            applied_fen=tender.applied_fen,
        )
        return entry, bill

    result = _post(uow, actor, station, request.client_uuid, draft, {})
    return _print(result, printer, open_drawer=tender.cash_fen > 0 and not result.duplicate)


def refund_repair_payment(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    receipt_no: str,
    *,
    reason: str,
    approval: Approval | None,
    client_uuid: str,
    printer: ReceiptPrinter | None = None,
) -> RepairPaymentResult:
    """Refund a repair payment in full, with a supervisor's approval and a reason; the bill
    may then be revised. Raises PermissionDenied/ApprovalRequired, ShiftNotOpen,
    UnknownReceipt, RepairError (not a repair payment, refunded already, no reason)."""
    require_approved(actor, "refund", approval)
    assert approval is not None
    reason = " ".join(reason.split())
    if not reason:
        raise RepairError("请填写退费原因。", "a refund needs a reason")
    approver = f"{approval.approver.staff_no} {approval.approver.name}"

    def draft(uow: UnitOfWork, uuid: str) -> tuple[EntryDraft, BillVersion]:
        original = _refundable(uow, receipt_no)
        bill = _paid_version(uow, original)
        parts = tuple(
            TenderPart(p.method, -p.amount_fen, p.reference) for p in original.details.parts
        )
        details = EntryDetails(
            lines=_lines(bill, -1),
            parts=parts,
            reason=reason,
            approver=approver,
            extra=dict(original.details.extra),
        )
        entry = EntryDraft(
            uuid,
            REPAIR_REFUND,
            details,
            account_no=original.account_no,
            amount_fen=-original.amount_fen,
            applied_fen=-original.applied_fen,
            reverses=original.receipt_no,
        )
        return entry, bill

    audited = {"approver": approval.approver.staff_no, "reason": reason}
    result = _post(uow, actor, station, client_uuid, draft, audited)
    cash_out = any(p.method == CASH for p in result.entry.details.parts)
    return _print(result, printer, open_drawer=cash_out and not result.duplicate)


Drafter = Callable[[UnitOfWork, str], tuple[EntryDraft, BillVersion]]


def _post(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    client_uuid: str,
    draft: Drafter,
    audited: dict[str, object],
) -> RepairPaymentResult:
    """One transaction: lock the counter, recognise a retried UUID, check the shift, append
    the drafted entry, link it to its bill version, audit it."""
    uuid = check_uuid(client_uuid)
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None:
            return RepairPaymentResult(done, _slip(done, read_letterhead(uow)), duplicate=True)
        shift_seq = require_shift(state, actor, station)
        entry_draft, bill = draft(uow, uuid)
        moment = station.now()
        entry = number_entry(state, entry_draft, actor, station, moment, shift_seq)
        uow.journal.append(entry)
        kind = "refund" if entry.kind == REPAIR_REFUND else "payment"
        uow.repair_bills.add_payment(
            bill.id, entry.receipt_no, kind, entry.amount_fen, recorded_at=moment
        )
        details = {
            "number": bill.content.order_no,
            "receipt_no": entry.receipt_no,
            "reverses": entry.reverses,
            **audited,
        }
        audit.record(uow, actor, entry.kind, details, now=moment)
        letterhead = read_letterhead(uow)
        uow.commit()
    return RepairPaymentResult(entry, _slip(entry, letterhead))


def _refundable(uow: UnitOfWork, receipt_no: str) -> JournalEntry:
    original = find_entry(uow, receipt_no)
    if original.kind != REPAIR_PAYMENT:
        raise RepairError(
            f"{original.receipt_no} 不是维修收费收据。",
            f"{original.receipt_no} is not a repair payment",
        )
    reversal = uow.journal.reversal_of(original.receipt_no)
    if reversal is not None:
        raise RepairError(
            f"{original.receipt_no} 已退费（{reversal.receipt_no}）。", "refunded already"
        )
    return original


def _paid_version(uow: UnitOfWork, entry: JournalEntry) -> BillVersion:
    extra = entry.details.extra
    order = find_order(uow, str(extra["repair_order"]))
    for version in uow.repair_bills.versions(order.id):
        if version.content.version == extra["bill_version"]:
            return version
    raise RepairError("找不到该收据所付的收费清单。", "the paid bill version is missing")


def _slip(entry: JournalEntry, letterhead: Letterhead) -> RepairReceipt:
    """The slip of a repair payment or refund entry, from the entry alone."""
    details = entry.details
    extra = details.extra
    account_no, name, address = extra["account"]  # type: ignore[misc]
    sign = -1 if entry.kind == REPAIR_REFUND else 1
    return RepairReceipt(
        company=letterhead.company,
        service_phone=letterhead.service_phone,
        receipt_no=entry.receipt_no,
        taken_at=entry.taken_at,
        counter=entry.counter,
        staff=f"{entry.staff_no} {entry.staff_name}",
        order_no=str(extra["repair_order"]),
        account_no=account_no,
        customer_name=name,
        address=address,
        labour_fen=int(extra["labour"]),  # type: ignore[call-overload]
        material_fen=int(extra["material"]),  # type: ignore[call-overload]
        amount_fen=sign * abs(entry.amount_fen),
        methods=tuple((method_label(p.method), p.amount_fen, p.reference) for p in details.parts),
        cash_tendered_fen=details.cash_tendered_fen,
        change_fen=details.change_fen,
        refund_of=entry.reverses or "",
        reason=details.reason,
    )


def repair_receipt(uow: UnitOfWork, actor: Actor, receipt_no: str) -> RepairReceipt:
    """The slip of a stored repair payment or refund (for reprinting). Raises
    UnknownReceipt, RepairError for another kind of entry."""
    require(actor, "view_accounts")
    with uow:
        entry = find_entry(uow, receipt_no)
        if entry.kind not in (REPAIR_PAYMENT, REPAIR_REFUND):
            raise RepairError(f"{receipt_no} 不是维修收费收据。", "not a repair receipt")
        return _slip(entry, read_letterhead(uow))


def _print(
    result: RepairPaymentResult, printer: ReceiptPrinter | None, *, open_drawer: bool
) -> RepairPaymentResult:
    if printer is None:
        return result
    try:
        lines = layout_repair_receipt(result.receipt, printer.width_cols)
        printer.print_lines(lines, open_drawer=open_drawer)
    except UserError as error:
        return replace(result, print_error=str(error))
    return replace(result, printed=True)
