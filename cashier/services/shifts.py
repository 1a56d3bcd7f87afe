"""Shifts (班次): a cashier opens one with an opening float before taking cash, and closes it.

One shift is open per counter at a time; a change of cashier closes one shift and opens the
next. Both are journal entries of the counter. Closing records the shift's totals and an
anchor of the counter's chain (counter, last seq, chain head) that `cashier verify` and the
exported anchors use to catch a truncated journal. The blind count and the Z report are in
services/shift_close.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.cash_count import BlindCount
from cashier.domain.errors import UserError
from cashier.domain.journal import (
    SHIFT_OPEN,
    CounterState,
    EntryDetails,
    JournalEntry,
)
from cashier.domain.roles import Approval
from cashier.domain.shift import ShiftTotals, shift_totals
from cashier.services.permissions import can, require
from cashier.services.ports import UnitOfWork
from cashier.services.posting import EntryDraft, check_uuid, number_entry
from cashier.services.station import Station

MAX_FLOAT_FEN = 10**9


class ShiftNotOpen(UserError):
    """No shift of this cashier is open at the counter."""


class ShiftOpenByOther(UserError):
    """Another cashier's shift is open at the counter: it must be closed first."""


@dataclass(frozen=True)
class ShiftInfo:
    """An open shift: its counter, the seq and receipt number of its shift_open entry, who
    opened it, when (aware UTC) and with what opening float (fen)."""

    counter: str
    shift_seq: int
    receipt_no: str
    staff_no: str
    staff_name: str
    opened_at: dt.datetime
    opening_float_fen: int


def _info(entry: JournalEntry) -> ShiftInfo:
    float_fen = int(entry.details.extra.get("opening_float", 0))  # type: ignore[arg-type]
    return ShiftInfo(
        entry.counter,
        entry.seq,
        entry.receipt_no,
        entry.staff_no,
        entry.staff_name,
        entry.taken_at,
        float_fen,
    )


def current_shift(uow: UnitOfWork, station: Station) -> ShiftInfo | None:
    """The open shift of the station's counter, or None."""
    with uow:
        state = uow.journal.counter(station.counter)
        if state is None or state.open_shift_seq is None:
            return None
        entry = uow.journal.get(station.counter, state.open_shift_seq)
    return None if entry is None else _info(entry)


def open_shift(
    uow: UnitOfWork, actor: Actor, station: Station, *, opening_float_fen: int, client_uuid: str
) -> ShiftInfo:
    """Open a shift of `actor` at the counter with an opening float (备用金, fen, >= 0).

    A cashier opens one to take payments; a repair technician (collect_repair_payment) to
    take repair payments on site. The same cashier's open shift is returned as it is; a
    retried UUID returns the shift it opened. Raises ShiftOpenByOther, PermissionDenied,
    UserError for a bad float.
    """
    if not can(actor, "collect_payment"):
        require(actor, "collect_repair_payment")
    if isinstance(opening_float_fen, bool) or not 0 <= opening_float_fen <= MAX_FLOAT_FEN:
        raise UserError("备用金金额无效。", f"invalid opening float {opening_float_fen!r}")
    uuid = check_uuid(client_uuid)
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None:
            return _info(done)
        if state.open_shift_seq is not None:
            return _info(_open_entry(uow, state, actor, station))
        extra = {"opening_float": opening_float_fen}
        draft = EntryDraft(uuid, SHIFT_OPEN, EntryDetails(extra=extra))
        moment = station.now()
        entry = number_entry(state, draft, actor, station, moment, state.last_seq + 1)
        uow.journal.append(entry)
        uow.journal.set_open_shift(station.counter, entry.seq, actor.staff_no)
        uow.commit()
    return _info(entry)


def _open_entry(
    uow: UnitOfWork, state: CounterState, actor: Actor, station: Station
) -> JournalEntry:
    """The open shift's entry if it is `actor`'s; raises ShiftOpenByOther otherwise."""
    entry = uow.journal.get(station.counter, state.open_shift_seq or 0)
    if entry is None or entry.staff_no != actor.staff_no:
        who = f"{entry.staff_no} {entry.staff_name}" if entry else state.open_shift_staff
        raise ShiftOpenByOther(
            f"窗口 {station.counter} 的班次由 {who} 开着，请先由其结班。",
            f"counter {station.counter} has an open shift of {who}: close it first",
        )
    return entry


def require_shift(state: CounterState, actor: Actor, station: Station) -> int:
    """The seq of `actor`'s open shift at the counter; raises ShiftNotOpen otherwise."""
    if state.open_shift_seq is None or state.open_shift_staff != actor.staff_no:
        raise ShiftNotOpen(
            f"请先开班：窗口 {station.counter} 没有 {actor.staff_no} {actor.name} 的班次。",
            f"open a shift first: counter {station.counter} has no shift of {actor.staff_no}",
        )
    return state.open_shift_seq


def shift_summary(uow: UnitOfWork, station: Station) -> ShiftTotals:
    """The running totals of the counter's open shift. Raises ShiftNotOpen."""
    with uow:
        state = uow.journal.counter(station.counter)
        if state is None or state.open_shift_seq is None:
            raise _none_open(station)
        return _totals(uow, station, state.open_shift_seq)


def _totals(uow: UnitOfWork, station: Station, shift_seq: int) -> ShiftTotals:
    entries = uow.journal.shift_entries(station.counter, shift_seq)
    opening = next(e for e in entries if e.kind == SHIFT_OPEN)
    return shift_totals(opening, entries)


def _none_open(station: Station) -> ShiftNotOpen:
    return ShiftNotOpen(
        f"窗口 {station.counter} 没有开着的班次。", f"counter {station.counter} has no open shift"
    )


def close_shift(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    *,
    client_uuid: str,
    count: BlindCount | None = None,
    reason: str = "",
    approval: Approval | None = None,
) -> ShiftTotals:
    """Close the counter's open shift; its totals with the close's receipt number and anchor.

    The close records the whole Z report (services/shift_close.py: `close_counted_shift`,
    which also takes a printer); without a blind count the report shows 未清点. The shift's
    cashier or a supervisor may close it; a retried UUID returns what it recorded. Raises
    ShiftNotOpen, ShiftOpenByOther, PermissionDenied, ApprovalRequired.
    """
    from cashier.services.shift_close import close_counted_shift  # it imports this module

    return close_counted_shift(
        uow, actor, station, count=count, client_uuid=client_uuid, reason=reason,
        approval=approval,
    ).totals
