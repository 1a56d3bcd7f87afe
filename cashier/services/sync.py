"""The central side of a sync: take a device's journal entries exactly once, check its chain
and numbering, book them, flag allocation differences, and answer with what changed.

- Each entry is stored verbatim in the central journal under the device's counter code (its
  hash is on the printed receipt); its UUID is UNIQUE, so a replay finds it "already there".
- Before anything is posted, the entries must continue the device's chain as the central
  books hold it: an entry edited, removed, inserted or moved refuses the whole upload,
  naming the first bad entry; an entry the central books hold differently refuses it too.
- Entries are posted in chunks, each its own transaction: a dropped connection keeps what
  was committed, and the retry (same sync UUID) posts the rest.
- Booking (DESIGN.md §4): the central business date of the sync (the first open day when
  the accountant closed that day already, domain/day_close.py); the ledger date is the
  device's taking time corrected by the measured clock skew (cashier.domain.device).
- A payment whose central allocation differs from its receipt is flagged for the accountant
  (a credit or an adjustment), never refused.
- A completed sync is recorded under its UUID: replaying it answers the stored summary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from cashier.domain.actor import Actor
from cashier.domain.chain import Anchor
from cashier.domain.day_close import booking_date
from cashier.domain.device import (
    PostingRecord,
    SyncSummary,
    WorklistScope,
    clock_skew_seconds,
    compare_allocation,
    ledger_date,
)
from cashier.domain.errors import UserError
from cashier.domain.journal import (
    CHINA,
    PAYMENT,
    SHIFT_CLOSE,
    SHIFT_OPEN,
    CounterState,
    JournalEntry,
    journal_chain,
)
from cashier.domain.journal_check import CounterWalk
from cashier.services import audit
from cashier.services.checkout import Progress, _no_progress
from cashier.services.devices import DeviceRefused
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork, UnitOfWorkFactory
from cashier.services.posting import read_books
from cashier.services.station import utc_now

CHUNK = 250
"""Entries posted per transaction."""


class SyncRefused(UserError):
    """An upload that does not continue the device's chain: nothing from it is posted."""


@dataclass(frozen=True)
class Upload:
    """What a device sends: its code, the sync's UUID, its clock reading, its entries, and
    what it knew of the accounts it took money from (`stamps`: see the devices repository's
    `account_stamps`; None: not known, check every payment) and of the seasons."""

    device: str
    sync_uuid: str
    device_time: dt.datetime
    entries: tuple[JournalEntry, ...]
    stamps: Mapping[str, tuple[int, ...]] | None = None
    seasons: str = ""


@dataclass(frozen=True)
class SyncAnswer:
    """What the central books send back: the summary, the device's chain head as they hold
    it now (0 and "" before its first entry), and the work-list records of the download.
    `replayed`: the sync was completed before (the summary is the one stored then)."""

    device: str
    sync_uuid: str
    summary: SyncSummary
    last_seq: int
    head: str
    records: tuple[dict[str, object], ...] = ()
    replayed: bool = False


def receive_upload(
    factory: UnitOfWorkFactory,
    actor: Actor,
    upload: Upload,
    *,
    via: str,
    clock: Callable[[], dt.datetime] = utc_now,
    progress: Progress = _no_progress,
) -> SyncAnswer:
    """Post a device's upload in the central books (see the module docstring).

    Raises PermissionDenied, DeviceRefused (unknown device), SyncRefused (chain or numbering
    broken, naming the first bad entry).
    """
    require(actor, "sync_device")
    now = clock()
    skew = clock_skew_seconds(upload.device_time, now)
    if via == "bundle":
        skew = max(0, skew)  # the bundle travelled for a while: only a fast clock shows
    with factory() as uow:
        if uow.devices.device(upload.device) is None:
            raise DeviceRefused(f"设备 {upload.device} 未登记。", f"unknown device {upload.device}")
        stored = uow.devices.sync_result(upload.sync_uuid)
        booked_on = booking_date(now.astimezone(CHINA).date(), uow.reconciliation.closed_through())
        if stored is None:
            new = _new_entries(uow, upload)
            days = uow.devices.checkout_days(upload.device)
    if stored is not None:
        return replace(_answer(factory, upload, stored), replayed=True)
    rules = _Booking(upload.sync_uuid, booked_on, skew, days, upload)
    posted = 0
    for start in range(0, len(new), CHUNK):
        posted += _post_chunk(factory(), upload.device, new[start : start + CHUNK], rules, now)
        progress(start + len(new[start : start + CHUNK]), len(new), "上传")
    summary = _finish(factory(), actor, upload, rules, posted, now, via)
    return _answer(factory, upload, summary)


@dataclass(frozen=True)
class _Booking:
    sync_uuid: str
    booked_on: dt.date
    skew: int
    checkout_days: Sequence[dt.date]
    upload: Upload

    def posting(self, entry: JournalEntry) -> PostingRecord:
        corrected = (entry.taken_at - dt.timedelta(seconds=self.skew)).astimezone(CHINA).date()
        earlier = [d for d in self.checkout_days if d <= corrected]
        first = self.checkout_days[0] if self.checkout_days else None
        earliest = earlier[-1] if earlier else first
        day = ledger_date(entry.taken_at, self.skew, booked_on=self.booked_on, earliest=earliest)
        return PostingRecord(
            entry.uuid, entry.counter, entry.seq, entry.kind, entry.account_no, None,
            entry.business_date, self.booked_on, day, self.skew, self.sync_uuid,
        )  # fmt: skip


def _new_entries(uow: UnitOfWork, upload: Upload) -> list[JournalEntry]:
    """The upload's entries the central books do not hold yet, checked to continue the
    device's chain. Raises SyncRefused naming the first bad entry."""
    state = uow.journal.counter(upload.device) or CounterState(upload.device)
    entries = sorted(upload.entries, key=lambda e: e.seq)
    walk = CounterWalk(upload.device)
    walk.last_seq, walk.head = state.last_seq, state.head_hash
    new: list[JournalEntry] = []
    for entry in entries:
        if entry.counter != upload.device:
            raise SyncRefused(
                f"上传中含有其他窗口 {entry.counter} 的记录 {entry.receipt_no}。",
                f"the upload holds {entry.receipt_no} of another counter",
            )
        if entry.seq <= state.last_seq:
            _same_as_stored(uow, entry)
            continue
        problem = walk.feed(entry)
        if problem is not None:
            raise SyncRefused(f"上传被拒绝，未过账任何记录：{problem.zh}", problem.en)
        new.append(entry)
    return new


def _same_as_stored(uow: UnitOfWork, entry: JournalEntry) -> None:
    held = uow.journal.get(entry.counter, entry.seq)
    if held is None or held.hash != entry.hash or entry.recomputed_hash() != entry.hash:
        raise SyncRefused(
            f"上传被拒绝，未过账任何记录：收据 {entry.receipt_no} 与总账中已有的同号记录不一致。",
            f"{entry.receipt_no} differs from the entry the central books hold",
        )


def _post_chunk(
    uow: UnitOfWork,
    code: str,
    chunk: Sequence[JournalEntry],
    rules: _Booking,
    now: dt.datetime,
) -> int:
    """Post one chunk in one transaction; returns how many entries were new (a concurrent
    replay may have posted some meanwhile)."""
    with uow:
        state = uow.journal.lock_counter(code)
        todo = [e for e in chunk if e.seq > state.last_seq]
        if todo and (todo[0].seq != state.last_seq + 1 or todo[0].prev_hash != state.head_hash):
            raise SyncRefused(
                f"设备 {code} 的日记账在总账中已有变化，请重新同步。",
                f"the journal of {code} changed meanwhile: sync again",
            )
        uow.devices.append_entries(todo)
        for entry in todo:
            _follow_shift(uow, entry)
        postings = _with_reversals(uow, [rules.posting(e) for e in todo], todo)
        uow.devices.add_postings(postings, at=now)
        stale = _stale_accounts(uow, code, todo, rules.upload)
        for entry, posting in zip(todo, postings, strict=True):
            if entry.account_no in stale or posting.ledger_date != entry.value_date:
                _flag(uow, entry, posting, now)
        uow.commit()
    return len(todo)


def _stale_accounts(
    uow: UnitOfWork, code: str, entries: Sequence[JournalEntry], upload: Upload
) -> set[str]:
    """The accounts paid in `entries` whose statement the device may have seen otherwise
    than the central books do: the central books know a payment, bill line, facts or
    status record more than the device knew, or the seasons differ. Only their payments
    are allocated again and compared with the receipt; for the others the device's
    allocation is the central one (same records, same rules, same ledger date)."""
    paid = {e.account_no for e in entries if e.kind == PAYMENT and e.account_no}
    if upload.stamps is None or upload.seasons != uow.devices.seasons_stamp():
        return paid
    central = uow.devices.account_stamps(paid, code, mirror=False)
    return {a for a in paid if tuple(upload.stamps.get(a, ())) != central.get(a)}


def _follow_shift(uow: UnitOfWork, entry: JournalEntry) -> None:
    """Keep the device's counter row as the device had it: its open shift, its anchors."""
    if entry.kind == SHIFT_OPEN:
        uow.journal.set_open_shift(entry.counter, entry.seq, entry.staff_no)
    elif entry.kind == SHIFT_CLOSE:
        uow.journal.set_open_shift(entry.counter, None, None)
        anchor = Anchor(journal_chain(entry.counter), entry.seq, entry.hash)
        uow.journal.add_anchor(
            anchor, entry.counter, made_at=entry.taken_at, made_by=entry.staff_no
        )


def _with_reversals(
    uow: UnitOfWork, postings: list[PostingRecord], entries: Sequence[JournalEntry]
) -> list[PostingRecord]:
    """A void or refund's posting names the UUID of the payment it reverses (the ledger
    dates the reversal by it)."""
    result = []
    for posting, entry in zip(postings, entries, strict=True):
        if entry.reverses:
            target = _entry_by_receipt(uow, entry.reverses)
            posting = replace(posting, reverses_uuid=target.uuid if target else None)
        result.append(posting)
    return result


def _entry_by_receipt(uow: UnitOfWork, receipt_no: str) -> JournalEntry | None:
    counter, _, seq = receipt_no.rpartition("-")
    return uow.journal.get(counter, int(seq)) if seq.isdigit() else None


def _flag(uow: UnitOfWork, entry: JournalEntry, posting: PostingRecord, now) -> None:
    """Flag a payment whose central allocation differs from its receipt."""
    if entry.kind != PAYMENT or not entry.account_no:
        return
    if uow.journal.reversal_of(entry.receipt_no) is not None:
        return
    books = read_books(uow, entry.account_no)
    central = books.balance(posting.ledger_date)
    booked = books.balance(posting.booked_on)
    told = int(entry.details.extra.get("balance", central))  # type: ignore[arg-type]
    flag = compare_allocation(entry.receipt_no, entry.account_no, told, central, booked)
    if flag is not None:
        uow.devices.add_flag(flag, entry.uuid, posting.sync_uuid, at=now)


def _finish(
    uow: UnitOfWork, actor: Actor, upload: Upload, rules: _Booking, posted: int, now, via: str
) -> SyncSummary:
    """Record the completed sync (once per UUID) and audit it."""
    uuids = [e.uuid for e in upload.entries]
    seqs = [e.seq for e in upload.entries]
    with uow:
        stored = uow.devices.sync_result(upload.sync_uuid)
        if stored is not None:
            return stored
        summary = SyncSummary(
            uploaded=posted,
            already_there=len(uuids) - posted,
            conflicts=len(uow.devices.flagged_uuids(uuids)),
            first_seq=min(seqs) if seqs else None,
            last_seq=max(seqs) if seqs else None,
            booked_on=rules.booked_on,
            skew_seconds=rules.skew,
        )
        uow.devices.add_sync(
            upload.sync_uuid, upload.device, via, summary,
            at=now, device_time=upload.device_time.isoformat(), staff_no=actor.staff_no,
        )  # fmt: skip
        details = {
            "device": upload.device,
            "uploaded": summary.uploaded,
            "already": summary.already_there,
            "conflicts": summary.conflicts,
            "skew_seconds": rules.skew,
        }
        audit.record(uow, actor, "device_sync", details, now=now)
        uow.commit()
    return summary


def _answer(factory: UnitOfWorkFactory, upload: Upload, summary: SyncSummary) -> SyncAnswer:
    """The answer: the device's head as held now and the download of its work list."""
    with factory() as uow:
        state = uow.journal.counter(upload.device) or CounterState(upload.device)
        scope = uow.devices.latest_scope(upload.device)
        records = (
            tuple(uow.worklist.export(WorklistScope.from_dict(scope), upload.device))
            if scope is not None
            else ()
        )
    head = state.head_hash if state.last_seq else ""
    return SyncAnswer(upload.device, upload.sync_uuid, summary, state.last_seq, head, records)
