"""Collector hand-over (缴款): a collector's cash handed to a cashier or the finance desk.

The receiver counts the cash by denomination; both sign on screen. The hand-over is a
journal entry of the receiving counter (kind "handover", the cash as its one part), in the
receiver's open shift when they have one there (the drawer then expects that cash too),
and a `handovers` row with both signatures, whose digests the entry's hash covers. It
settles the collector's open cash; a difference above the threshold needs a reason and a
supervisor ("handover_variance").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.cash_count import BlindCount, CountComparison, compare_count
from cashier.domain.errors import UserError
from cashier.domain.handover import HandoverRecord, open_cash
from cashier.domain.journal import HANDOVER, CounterState, EntryDetails, JournalEntry
from cashier.domain.money import format_yuan
from cashier.domain.roles import COLLECTOR, Approval
from cashier.domain.signature import Signature, require_signature
from cashier.domain.tender import CASH, TenderPart
from cashier.services import audit
from cashier.services.permissions import require, require_approved
from cashier.services.ports import UnitOfWork
from cashier.services.posting import EntryDraft, check_uuid, number_entry
from cashier.services.shift_close import MAX_REASON, variance_threshold
from cashier.services.station import Station


class HandoverRefused(UserError):
    """A hand-over that cannot be taken (unknown collector, nothing to hand over...)."""


@dataclass(frozen=True)
class CollectorCash:
    """A collector and the cash they hold (fen) that no hand-over has settled yet."""

    staff_no: str
    name: str
    open_fen: int


def _collector(uow: UnitOfWork, staff_no: str) -> tuple[str, str]:
    user = uow.users.get(staff_no.strip())
    if user is None or COLLECTOR not in user.roles:
        raise HandoverRefused(
            f"{staff_no} 不是上门收费员。", f"{staff_no} is not a collector"
        )
    return user.staff_no, user.name


def _open_fen(uow: UnitOfWork, staff_no: str) -> int:
    entries = uow.reconciliation.staff_money_entries(staff_no)
    return open_cash(entries, uow.reconciliation.handovers(collector=staff_no))


def _held(uow: UnitOfWork, staff_no: str) -> CollectorCash:
    number, name = _collector(uow, staff_no)
    return CollectorCash(number, name, _open_fen(uow, number))


def collector_cash(uow: UnitOfWork, actor: Actor, staff_no: str) -> CollectorCash:
    """The collector's open cash, for the hand-over dialog (after the count, like a shift
    close, the dialog shows it). Raises PermissionDenied, HandoverRefused."""
    require(actor, "receive_handover")
    with uow:
        return _held(uow, staff_no)


def compare_handover(
    uow: UnitOfWork, actor: Actor, staff_no: str, count: BlindCount
) -> tuple[CollectorCash, CountComparison]:
    """The collector's open cash and how the count compares with it (threshold applied).
    Raises PermissionDenied, HandoverRefused."""
    require(actor, "receive_handover")
    with uow:
        held = _held(uow, staff_no)
        comparison = compare_count({CASH: held.open_fen}, count, variance_threshold(uow))
    return held, comparison


def collectors_holding_cash(uow: UnitOfWork, actor: Actor, through: dt.date) -> list[CollectorCash]:
    """Collectors who took money booked up to `through`, with their open cash now."""
    require(actor, "receive_handover")
    with uow:
        found = uow.reconciliation.collectors_with_money(through)
        return [CollectorCash(no, name, _open_fen(uow, no)) for no, name in found]


@dataclass(frozen=True)
class HandoverRequest:
    """What the dialog collected: who hands over, the count, both signatures, and for a
    difference above the threshold the reason and a supervisor's approval."""

    client_uuid: str
    collector_staff_no: str
    count: BlindCount
    collector_signature: Signature | None
    receiver_signature: Signature | None
    reason: str = ""
    approval: Approval | None = None


def _variance_approver(
    uow: UnitOfWork, actor: Actor, request: HandoverRequest, expected: int
) -> str:
    difference = request.count.cash_fen - expected
    if abs(difference) <= variance_threshold(uow):
        return ""
    if not request.reason.strip():
        raise HandoverRefused(
            f"缴款差额 {format_yuan(difference)} 超过阈值，请填写原因。",
            "a hand-over difference above the threshold needs a reason",
        )
    require_approved(actor, "handover_variance", request.approval)
    assert request.approval is not None
    return f"{request.approval.approver.staff_no} {request.approval.approver.name}"


def record_handover(
    uow: UnitOfWork, actor: Actor, station: Station, request: HandoverRequest
) -> HandoverRecord:
    """Record the hand-over (see the module docstring); a retried UUID returns the stored one.

    Raises PermissionDenied, HandoverRefused, SignatureMissing, ApprovalRequired.
    """
    require(actor, "receive_handover")
    uuid = check_uuid(request.client_uuid)
    collector_sig = require_signature(request.collector_signature, "上门收费员", "collector")
    receiver_sig = require_signature(request.receiver_signature, "收款人", "receiver")
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None and done.kind == HANDOVER:
            return _stored(uow, done)
        number, name = _collector(uow, request.collector_staff_no)
        if number == actor.staff_no:
            raise HandoverRefused("不能向自己缴款。", "a collector cannot hand over to themself")
        expected = _open_fen(uow, number)
        if expected <= 0 and request.count.cash_fen == 0:
            raise HandoverRefused(f"{name} 没有未缴的现金。", f"{number} holds no open cash")
        approver = _variance_approver(uow, actor, request, expected)
        entry = _entry(state, actor, station, request, (number, name, expected), approver, uuid)
        record = HandoverRecord(
            entry.receipt_no, station.counter, entry.business_date, entry.taken_at,
            number, name, actor.staff_no, actor.name, expected, request.count.cash_fen,
            collector_sig, receiver_sig,
        )
        _store(uow, actor, entry, record)
        uow.commit()
    return record


def _store(uow: UnitOfWork, actor: Actor, entry: JournalEntry, record: HandoverRecord) -> None:
    uow.journal.append(entry)
    uow.reconciliation.add_handover(record)
    details = {
        "receipt_no": entry.receipt_no,
        "staff_no": record.collector_staff_no,
        "amount": format_yuan(record.counted_fen),
        "expected": format_yuan(record.expected_fen),
    }
    audit.record(uow, actor, "handover", details, now=entry.taken_at)


def _entry(
    state: CounterState,
    actor: Actor,
    station: Station,
    request: HandoverRequest,
    collector: tuple[str, str, int],
    approver: str,
    uuid: str,
) -> JournalEntry:
    number, name, expected = collector
    counted = request.count.cash_fen
    extra = {
        "collector": number,
        "collector_name": name,
        "expected": expected,
        "count": request.count.as_extra(),
        "collector_signature": request.collector_signature.digest(),  # type: ignore[union-attr]
        "receiver_signature": request.receiver_signature.digest(),  # type: ignore[union-attr]
    }
    details = EntryDetails(
        parts=(TenderPart(CASH, counted),),
        reason=request.reason.strip()[:MAX_REASON],
        approver=approver,
        extra=extra,
    )
    own_shift = state.open_shift_staff == actor.staff_no
    shift_seq = state.open_shift_seq if own_shift else None
    draft = EntryDraft(uuid, HANDOVER, details, amount_fen=counted)
    return number_entry(state, draft, actor, station, station.now(), shift_seq)


def _stored(uow: UnitOfWork, entry: JournalEntry) -> HandoverRecord:
    collector = str(entry.details.extra.get("collector", ""))
    found = [
        r for r in uow.reconciliation.handovers(collector=collector)
        if r.receipt_no == entry.receipt_no
    ]
    if not found:
        raise HandoverRefused("缴款记录不完整。", f"no hand-over row for {entry.receipt_no}")
    return found[0]
