"""Voids (作废) and refunds (退费): new journal entries that name what they reverse.

- A void reverses a payment of the same business day, by the cashier who took it, with a
  supervisor's approval and a reason. The money goes back the way it came.
- A refund reverses a payment of any day (approval and reason too); the money may go back
  another way. A credit balance (预存) can also be paid out as a refund.

In the ledger a void or refund of a payment removes the payment from the replay from that
day on, so its whole effect is reversed, including the late fee it fixed. A payment is
reversed at most once (a unique index backs this), and the original receipt number is never
reused: the slip gets the counter's next number and names the original.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.journal import (
    PAYMENT,
    REFUND,
    VOID,
    CounterState,
    EntryDetails,
    EntryLine,
    JournalEntry,
    credit_payout_item,
    receipt_number,
)
from cashier.domain.ledger import Void
from cashier.domain.money import format_yuan
from cashier.domain.receipt import ChargeItem
from cashier.domain.receipt_content import (
    ReceiptAccount,
    negated,
    original_items,
    receipt_data,
    receipt_extra,
)
from cashier.domain.roles import Approval
from cashier.domain.tender import CASH, TenderPart, settle_tender
from cashier.services import audit
from cashier.services.payments import PaymentResult, print_result
from cashier.services.permissions import require_approved
from cashier.services.ports import ReceiptPrinter, UnitOfWork
from cashier.services.posting import (
    EntryDraft,
    check_uuid,
    number_entry,
    read_books,
    receipt_account,
)
from cashier.services.receipts import find_entry, read_letterhead
from cashier.services.shifts import require_shift
from cashier.services.station import Station

MAX_REASON = 200


class NotReversible(UserError):
    """The payment cannot be voided or refunded (another day, another cashier, reversed ...)."""


def _reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise NotReversible("请填写原因。", "a reason is required")
    return text[:MAX_REASON]


def _approver(approval: Approval) -> str:
    return f"{approval.approver.staff_no} {approval.approver.name}"


def void_payment(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    receipt_no: str,
    *,
    reason: str,
    approval: Approval | None,
    client_uuid: str,
    printer: ReceiptPrinter | None = None,
) -> PaymentResult:
    """Void a payment of today taken by `actor`; the money goes back the way it came.

    Raises ApprovalRequired/SelfApprovalRefused/PermissionDenied, NotReversible,
    UnknownReceipt, ShiftNotOpen.
    """
    require_approved(actor, "void", approval)
    assert approval is not None
    why, uuid = _reason(reason), check_uuid(client_uuid)
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None:
            return PaymentResult(done, receipt_data(done, read_letterhead(uow)), duplicate=True)
        shift_seq = require_shift(state, actor, station)
        original = find_entry(uow, receipt_no)
        moment = station.now()
        _check_void(uow, original, actor, station.business_date(moment))
        parts = _returned(original)
        draft = _reversal(uow, original, VOID, uuid, why, approval, parts, moment, station)
        entry = number_entry(state, draft, actor, station, moment, shift_seq)
        _append(uow, actor, entry, why, approval, moment)
        letterhead = read_letterhead(uow)
        uow.commit()
    result = PaymentResult(entry, receipt_data(entry, letterhead))
    return print_result(result, printer, open_drawer=_has_cash(entry))


def _check_original(uow: UnitOfWork, original: JournalEntry, what: str) -> None:
    if original.kind != PAYMENT:
        raise NotReversible(
            f"{original.receipt_no} 是{original.kind_label}记录，不能{what}。",
            f"{original.receipt_no} is not a payment",
        )
    reversal = uow.journal.reversal_of(original.receipt_no)
    if reversal is not None:
        raise NotReversible(
            f"收据 {original.receipt_no} 已{reversal.kind_label}（{reversal.receipt_no}）。",
            f"{original.receipt_no} was already reversed by {reversal.receipt_no}",
        )


def _check_void(uow: UnitOfWork, original: JournalEntry, actor: Actor, today: dt.date) -> None:
    _check_original(uow, original, "作废")
    if original.business_date != today:
        raise NotReversible(
            f"只能作废当天的收费；{original.receipt_no} 是 {original.business_date} 的，"
            "请办理退费。",
            "only a payment of today can be voided; refund it instead",
        )
    if original.staff_no != actor.staff_no:
        raise NotReversible(
            f"只能作废本人收取的款项；{original.receipt_no} 由 {original.staff_no} 收取。",
            "only the cashier who took a payment can void it",
        )
    mark = uow.receipts.invoice(original.receipt_no)
    if mark is not None:
        raise NotReversible(
            f"收据 {original.receipt_no} 已换开发票（{mark.invoice_no}），不能作废，"
            "请办理退费。",
            "the receipt was exchanged for an invoice: refund it instead",
        )


def _reversal(
    uow: UnitOfWork,
    original: JournalEntry,
    kind: str,
    uuid: str,
    reason: str,
    approval: Approval,
    parts: Sequence[TenderPart],
    moment: dt.datetime,
    station: Station,
) -> EntryDraft:
    """The entry reversing `original`: its lines and charges negated, balance after."""
    account_no = original.account_no or ""
    uow.journal.lock_account(account_no)
    books = read_books(uow, account_no)
    today = station.business_date(moment)
    balance = books.balance(today, voids=[Void(original.uuid, today)])
    stored = original.details
    account = ReceiptAccount.from_dict(stored.extra["account"])  # type: ignore[arg-type]
    lines = tuple(EntryLine(x.season, x.kind, -x.amount_fen) for x in stored.lines)
    extra = receipt_extra(
        account, negated(original_items(original)), due_before_fen=0, balance_after_fen=balance
    )
    details = EntryDetails(
        lines=lines, parts=tuple(parts), reason=reason, approver=_approver(approval), extra=extra
    )
    return EntryDraft(
        uuid,
        kind,
        details,
        account_no=account_no,
        amount_fen=sum(p.amount_fen for p in parts),
        applied_fen=-original.applied_fen,
        channel=original.channel,
        reverses=original.receipt_no,
    )


def _append(
    uow: UnitOfWork,
    actor: Actor,
    entry: JournalEntry,
    reason: str,
    approval: Approval,
    moment: dt.datetime,
) -> None:
    uow.journal.append(entry)
    details = {
        "receipt_no": entry.receipt_no,
        "original": entry.reverses or "",
        "account_no": entry.account_no or "",
        "amount": format_yuan(entry.amount_fen),
        "reason": reason,
        "approver": approval.approver.staff_no,
    }
    audit.record(uow, actor, entry.kind, details, now=moment)


def _returned(original: JournalEntry) -> tuple[TenderPart, ...]:
    """The original's parts negated: the money goes back the way it came."""
    return tuple(TenderPart(p.method, -p.amount_fen, p.reference) for p in original.details.parts)


def _has_cash(entry: JournalEntry) -> bool:
    return any(p.method == CASH for p in entry.details.parts)


def _payout_parts(parts: Sequence[TenderPart] | None, amount_fen: int) -> tuple[TenderPart, ...]:
    """Refund parts (positive amounts in) as negative collected parts; they must add up to
    `amount_fen` and carry references for non-cash methods."""
    chosen = list(parts) if parts else [TenderPart(CASH, amount_fen)]
    tender = settle_tender(chosen, None, round_cash=False)
    if tender.applied_fen != amount_fen:
        raise NotReversible(
            f"退款各方式合计 {format_yuan(tender.applied_fen)}，应为 {format_yuan(amount_fen)}。",
            f"refund parts add up to {tender.applied_fen}, not {amount_fen} fen",
        )
    return tuple(TenderPart(p.method, -p.amount_fen, p.reference) for p in tender.parts)


def _refund_shift(
    state: CounterState, actor: Actor, station: Station, parts: Sequence[TenderPart]
) -> int | None:
    """The refunding cashier's open shift; required when cash is paid out."""
    if any(p.method == CASH for p in parts):
        return require_shift(state, actor, station)
    own = state.open_shift_seq is not None and state.open_shift_staff == actor.staff_no
    return state.open_shift_seq if own else None


def refund_payment(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    receipt_no: str,
    *,
    reason: str,
    approval: Approval | None,
    client_uuid: str,
    parts: Sequence[TenderPart] | None = None,
    printer: ReceiptPrinter | None = None,
) -> PaymentResult:
    """Refund a payment of any day in full. `parts` (positive amounts) say how the money goes
    back; by default the way it came. Raises as void_payment (no same-day or own-cashier
    rule), and TenderError for bad parts."""
    require_approved(actor, "refund", approval)
    assert approval is not None
    why, uuid = _reason(reason), check_uuid(client_uuid)
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None:
            return PaymentResult(done, receipt_data(done, read_letterhead(uow)), duplicate=True)
        original = find_entry(uow, receipt_no)
        _check_original(uow, original, "退费")
        if parts:
            out = _payout_parts(parts, original.amount_fen)
        else:
            out = _returned(original)
        shift_seq = _refund_shift(state, actor, station, out)
        moment = station.now()
        draft = _reversal(uow, original, REFUND, uuid, why, approval, out, moment, station)
        entry = number_entry(state, draft, actor, station, moment, shift_seq)
        _append(uow, actor, entry, why, approval, moment)
        letterhead = read_letterhead(uow)
        uow.commit()
    result = PaymentResult(entry, receipt_data(entry, letterhead))
    return print_result(result, printer, open_drawer=_has_cash(entry))


def refund_credit(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    account_no: str,
    *,
    amount_fen: int,
    reason: str,
    approval: Approval | None,
    client_uuid: str,
    parts: Sequence[TenderPart] | None = None,
    printer: ReceiptPrinter | None = None,
) -> PaymentResult:
    """Pay out (part of) an account's credit balance (预存退款). `parts` default to cash.

    Raises NotReversible when the credit is smaller than `amount_fen`, and as refund_payment.
    """
    require_approved(actor, "refund", approval)
    assert approval is not None
    why, uuid = _reason(reason), check_uuid(client_uuid)
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None:
            return PaymentResult(done, receipt_data(done, read_letterhead(uow)), duplicate=True)
        out = _payout_parts(parts, amount_fen)
        shift_seq = _refund_shift(state, actor, station, out)
        moment = station.now()
        receipt_no = receipt_number(state.counter, state.last_seq + 1)
        payout = _Payout(account_no.strip(), amount_fen, receipt_no, station.business_date(moment))
        draft = _payout(uow, payout, uuid, why, approval, out)
        entry = number_entry(state, draft, actor, station, moment, shift_seq)
        _append(uow, actor, entry, why, approval, moment)
        letterhead = read_letterhead(uow)
        uow.commit()
    result = PaymentResult(entry, receipt_data(entry, letterhead))
    return print_result(result, printer, open_drawer=_has_cash(entry))


@dataclass(frozen=True)
class _Payout:
    account_no: str
    amount_fen: int
    receipt_no: str
    on: dt.date


def _payout(
    uow: UnitOfWork,
    payout: _Payout,
    uuid: str,
    reason: str,
    approval: Approval,
    parts: Sequence[TenderPart],
) -> EntryDraft:
    """The refund entry paying out credit, after checking the credit covers it."""
    account_no, amount_fen, today = payout.account_no, payout.amount_fen, payout.on
    uow.journal.lock_account(account_no)
    books = read_books(uow, account_no)
    credit = books.ledger(today).credit_fen
    if amount_fen > credit:
        raise NotReversible(
            f"预存余额只有 {format_yuan(credit)}，不能退 {format_yuan(amount_fen)}。",
            f"the credit balance is {credit} fen, less than {amount_fen}",
        )
    item = credit_payout_item(payout.receipt_no, amount_fen, today)
    balance = books.balance(today, items=[item])
    account = receipt_account(uow, books, today, books.newest_season())
    items = (ChargeItem("预存退款", -amount_fen),)
    details = EntryDetails(
        lines=(EntryLine("", "payout", amount_fen),),
        parts=tuple(parts),
        reason=reason,
        approver=_approver(approval),
        extra=receipt_extra(account, items, due_before_fen=0, balance_after_fen=balance),
    )
    return EntryDraft(
        uuid,
        REFUND,
        details,
        account_no=account_no,
        amount_fen=-amount_fen,
        applied_fen=-amount_fen,
    )

