"""Shift close (结班) with the blind count, and the Z report (结班报表).

The cashier counts the drawer and the card terminal's slips first (`BlindCount`); only then
does `compare_count` show expected against counted per method. A difference above the
threshold (company setting, fen) needs a reason and a supervisor's approval
("shift_variance"). `close_counted_shift` appends the chained shift_close entry with the
whole report (domain/shift_report.py) and stores the anchor; the Z report prints after
commit on the receipt printer, and a reprint is marked 补打（第N次）. A closed shift takes
no more payments: posting needs the cashier's open shift.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from cashier.domain.actor import Actor
from cashier.domain.cash_count import BlindCount, CountComparison, compare_count
from cashier.domain.chain import Anchor
from cashier.domain.errors import UserError
from cashier.domain.journal import (
    SHIFT_CLOSE,
    SHIFT_OPEN,
    CounterState,
    EntryDetails,
    JournalEntry,
    journal_chain,
    split_receipt_number,
)
from cashier.domain.money import format_yuan
from cashier.domain.receipt import ReceiptLine
from cashier.domain.roles import SUPERVISOR, Approval
from cashier.domain.shift import ShiftTotals, shift_totals
from cashier.domain.shift_report import (
    ShiftReport,
    expected_by_method,
    grand_totals_of,
    period_totals,
    report_from_entry,
)
from cashier.domain.z_report import layout_z_report
from cashier.services import audit
from cashier.services.permissions import require, require_approved
from cashier.services.ports import ReceiptPrinter, UnitOfWork
from cashier.services.posting import EntryDraft, check_uuid, number_entry
from cashier.services.receipts import UnknownReceipt, find_entry, read_letterhead
from cashier.services.shifts import ShiftNotOpen, ShiftOpenByOther
from cashier.services.station import Station

VARIANCE_THRESHOLD = "shift_variance_threshold"
"""Settings key: the largest difference (fen, integer text) accepted without a supervisor."""
DEFAULT_THRESHOLD_FEN = 0
MAX_REASON = 200


@dataclass(frozen=True)
class ShiftCloseResult:
    """A closed shift: its report, the totals (with the close's receipt number and anchor)
    and how printing the Z report went (`print_error` in Chinese; None when not tried)."""

    report: ShiftReport
    totals: ShiftTotals
    printed: bool = False
    print_error: str | None = None


def variance_threshold(uow: UnitOfWork) -> int:
    """The shift-variance threshold in fen (read inside the caller's open unit of work)."""
    text = uow.settings.get(VARIANCE_THRESHOLD)
    return int(text) if text and text.isdigit() else DEFAULT_THRESHOLD_FEN


def set_variance_threshold(uow: UnitOfWork, actor: Actor, fen: int) -> None:
    """Set the threshold (fen, >= 0). Raises PermissionDenied, UserError for a bad amount."""
    require(actor, "change_settings")
    if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
        raise UserError("结班差额阈值无效。", f"invalid variance threshold {fen!r}")
    with uow:
        uow.settings.put(VARIANCE_THRESHOLD, str(fen))
        details = {"key": VARIANCE_THRESHOLD, "new": format_yuan(fen)}
        audit.record(uow, actor, "settings_changed", details)
        uow.commit()


def _open_shift_of(uow: UnitOfWork, state: CounterState, actor: Actor) -> int:
    """The open shift's seq if `actor` may close it (its cashier, or a supervisor)."""
    if state.open_shift_seq is None:
        raise ShiftNotOpen(
            f"窗口 {state.counter} 没有开着的班次。", f"counter {state.counter} has no open shift"
        )
    if state.open_shift_staff != actor.staff_no and not actor.has_role(SUPERVISOR):
        raise ShiftOpenByOther(
            f"这是 {state.open_shift_staff} 的班次，只能由本人或主管结班。",
            f"shift of {state.open_shift_staff}: only its cashier or a supervisor closes it",
        )
    return state.open_shift_seq


def _reprinted(uow: UnitOfWork, opening: JournalEntry, until: dt.datetime) -> list[JournalEntry]:
    found = []
    for receipt_no in uow.reconciliation.reprinted_by(opening.staff_no, opening.taken_at, until):
        parts = split_receipt_number(receipt_no)
        entry = None if parts is None else uow.journal.get(*parts)
        if entry is not None:
            found.append(entry)
    return found


def _draft_report(
    uow: UnitOfWork,
    state: CounterState,
    shift_seq: int,
    count: BlindCount | None,
    moment: dt.datetime,
) -> ShiftReport:
    """The report of the open shift as it would close now (close hash not known yet)."""
    entries = uow.journal.shift_entries(state.counter, shift_seq)
    opening = next(e for e in entries if e.kind == SHIFT_OPEN)
    totals = shift_totals(opening, entries)
    period = period_totals(entries, _reprinted(uow, opening, moment))
    comparison = compare_count(expected_by_method(totals, period), count, variance_threshold(uow))
    previous = uow.reconciliation.last_shift_close(state.counter, state.last_seq + 1)
    since = uow.reconciliation.counter_entries(state.counter, previous.seq if previous else 0)
    report = ShiftReport(
        totals=totals,
        period=period,
        comparison=comparison,
        count=count,
        grand=grand_totals_of(previous).after(since),
        close_seq=state.last_seq + 1,
        closed_at=moment,
        business_date=moment.date(),
        closed_by="",
    )
    return report


def compare_shift_count(
    uow: UnitOfWork, actor: Actor, station: Station, count: BlindCount
) -> CountComparison:
    """Expected against counted for the counter's open shift, after the blind count.

    Raises ShiftNotOpen, ShiftOpenByOther, PermissionDenied.
    """
    require(actor, "close_shift")
    with uow:
        state = uow.journal.counter(station.counter) or CounterState(station.counter)
        seq = _open_shift_of(uow, state, actor)
        return _draft_report(uow, state, seq, count, station.now()).comparison


def _check_variance(
    actor: Actor, comparison: CountComparison, reason: str, approval: Approval | None
) -> str:
    """The approver ("staff_no name") when the difference needs one; raises otherwise."""
    if not comparison.needs_approval:
        return ""
    if not reason.strip():
        raise UserError(
            f"差额 {format_yuan(comparison.difference_fen)} 超过阈值"
            f" {format_yuan(comparison.threshold_fen)}，请填写原因。",
            "a difference above the threshold needs a reason",
        )
    require_approved(actor, "shift_variance", approval)
    assert approval is not None
    return f"{approval.approver.staff_no} {approval.approver.name}"


def close_counted_shift(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    *,
    count: BlindCount | None,
    client_uuid: str,
    reason: str = "",
    approval: Approval | None = None,
    printer: ReceiptPrinter | None = None,
) -> ShiftCloseResult:
    """Close the counter's open shift with the blind count (None: closed without counting,
    shown as 未清点), record the Z report in the chained shift_close entry and the anchor,
    then print the Z report when a printer is given.

    A retried UUID returns the recorded close. Raises ShiftNotOpen, ShiftOpenByOther,
    PermissionDenied, ApprovalRequired, UserError (no reason for a difference).
    """
    require(actor, "close_shift")
    uuid, why = check_uuid(client_uuid), reason.strip()[:MAX_REASON]
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None and done.kind == SHIFT_CLOSE:
            return _result(uow, done)
        seq = _open_shift_of(uow, state, actor)
        moment = station.now()
        draft = _draft_report(uow, state, seq, count, moment)
        approver = _check_variance(actor, draft.comparison, why, approval)
        details = EntryDetails(extra=draft.as_extra(), reason=why, approver=approver)
        entry = number_entry(
            state, EntryDraft(uuid, SHIFT_CLOSE, details), actor, station, moment, seq
        )
        _append_close(uow, actor, station, entry, draft)
        letterhead = read_letterhead(uow)
        uow.commit()
    return _printed(_result_of(entry, draft), printer, letterhead.company)


def _printed(
    result: ShiftCloseResult, printer: ReceiptPrinter | None, company: str
) -> ShiftCloseResult:
    """The close with its Z report printed (after commit) when a printer is given."""
    if printer is None:
        return result
    error = _print(printer, layout_z_report(result.report, company, printer.width_cols))
    return replace(result, printed=error is None, print_error=error)


def _append_close(
    uow: UnitOfWork, actor: Actor, station: Station, entry: JournalEntry, draft: ShiftReport
) -> None:
    uow.journal.append(entry)
    uow.journal.set_open_shift(station.counter, None, None)
    anchor = Anchor(journal_chain(station.counter), entry.seq, entry.hash)
    uow.journal.add_anchor(anchor, station.counter, made_at=entry.taken_at, made_by=actor.staff_no)
    details = {
        "receipt_no": entry.receipt_no,
        "cash_expected": format_yuan(draft.totals.cash_expected_fen),
        "difference": format_yuan(draft.comparison.difference_fen),
        "counted": draft.count is not None,
    }
    audit.record(uow, actor, "shift_close", details, now=entry.taken_at)


def _result_of(entry: JournalEntry, draft: ShiftReport) -> ShiftCloseResult:
    report = replace(
        draft,
        close_hash=entry.hash,
        closed_at=entry.taken_at,
        business_date=entry.business_date,
        closed_by=f"{entry.staff_no} {entry.staff_name}",
        reason=entry.details.reason,
        approver=entry.details.approver,
    )
    return ShiftCloseResult(report, _closed_totals(report))


def _closed_totals(report: ShiftReport) -> ShiftTotals:
    return replace(report.totals, closed_receipt_no=report.last_receipt, anchor=report.anchor)


def _result(uow: UnitOfWork, close: JournalEntry) -> ShiftCloseResult:
    report = _report(uow, close)
    return ShiftCloseResult(report, _closed_totals(report))


def _report(uow: UnitOfWork, close: JournalEntry) -> ShiftReport:
    opening = uow.journal.get(close.counter, close.shift_seq or 0)
    if opening is None:
        raise UnknownReceipt(f"{close.counter}-{close.shift_seq}")
    return report_from_entry(close, opening)


def z_report(uow: UnitOfWork, receipt_no: str) -> tuple[ShiftReport, int]:
    """The report of a shift close (by its receipt number) and how often it was reprinted.

    Raises UnknownReceipt, UserError when the receipt is not a shift close.
    """
    with uow:
        close = _close_entry(uow, receipt_no)
        return _report(uow, close), uow.receipts.reprint_count(close.receipt_no)


def _close_entry(uow: UnitOfWork, receipt_no: str) -> JournalEntry:
    entry = find_entry(uow, receipt_no)
    if entry.kind != SHIFT_CLOSE:
        raise UserError(
            f"{entry.receipt_no} 不是结班记录。", f"{entry.receipt_no} is not a shift close"
        )
    return entry


def reprint_z_report(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    receipt_no: str,
    *,
    printer: ReceiptPrinter | None = None,
) -> tuple[ShiftReport, int, str | None]:
    """Reprint a Z report marked 补打（第N次）: recorded and audited, then printed.

    Returns the report, N and the print error (None when printed or no printer given).
    Raises UnknownReceipt, PermissionDenied, UserError.
    """
    require(actor, "reprint_receipt")
    with uow:
        close = _close_entry(uow, receipt_no)
        report = _report(uow, close)
        count = uow.receipts.reprint_count(close.receipt_no) + 1
        moment = station.now()
        uow.receipts.add_reprint(
            close.receipt_no, count, printed_at=moment, staff_no=actor.staff_no
        )
        details = {"receipt_no": close.receipt_no, "reprint_no": count}
        audit.record(uow, actor, "reprint", details, now=moment)
        company = read_letterhead(uow).company
        uow.commit()
    if printer is None:
        return report, count, None
    lines = layout_z_report(report, company, printer.width_cols, count)
    return report, count, _print(printer, lines)


def _print(printer: ReceiptPrinter, lines: list[ReceiptLine]) -> str | None:
    try:
        printer.print_lines(lines, open_drawer=False)
    except (UserError, OSError, ValueError) as error:
        return f"结班报表打印失败：{error}。结班已记录，可稍后补打。"
    return None
