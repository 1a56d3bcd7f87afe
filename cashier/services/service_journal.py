"""Entering service records in their hash chain, and checking the chain (`cashier verify`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace

from cashier.domain.chain import GENESIS_HASH, Anchor, CheckResult, chain_hash
from cashier.domain.service_journal import (
    RECORD_KINDS,
    SERVICE_CHAIN,
    JournalEntry,
    entry_label,
    entry_payload,
    record_fields,
    record_ref,
)
from cashier.services.ports import UnitOfWork

BATCH = 500
CHECK_NAME = "服务记录（投诉、测温、停热）"

_Problem = tuple[str, str, int | None]


def enter(
    uow: UnitOfWork,
    kind: str,
    record: object,
    now: dt.datetime,
    *,
    account_ids: list[int] | None = None,
    parent_ref: str = "",
) -> JournalEntry:
    """Append ``record`` (as stored, of journal ``kind``) to the service journal.

    Call inside the caller's open unit of work, after the record is stored; the caller
    commits. ``account_ids`` are an outage's affected accounts; ``parent_ref`` is the number
    of the case or outage a step or event belongs to.
    """
    head = uow.service_journal.head()
    seq, prev = (1, GENESIS_HASH) if head is None else (head[0] + 1, head[1])
    ref = parent_ref or record_ref(kind, record)
    record_id: int = record.id  # type: ignore[attr-defined]
    entry = JournalEntry(seq, kind, record_id, ref, now.astimezone(dt.UTC))
    digest = chain_hash(prev, entry_payload(entry, record_fields(kind, record, account_ids)))
    chained = replace(entry, hash=digest)
    uow.service_journal.append(chained)
    return chained


def check_service_chain(uow: UnitOfWork, anchors: Sequence[Anchor] = ()) -> CheckResult:
    """Recompute the service journal from the records and compare it with ``anchors``.

    Names the first problem: a record deleted (its entry points at nothing), a record altered
    (its entry's hash differs), an entry deleted (a gap in the numbering), a record written
    without an entry, or an anchor the journal no longer reaches or matches.
    """
    with uow:
        count, problem = _walk(uow)
        if problem is None:
            problem = _unjournaled(uow)
        if problem is None:
            problem = _anchor_problem(uow, [a for a in anchors if a.chain == SERVICE_CHAIN])
    result = CheckResult(name=CHECK_NAME, chain=SERVICE_CHAIN, records=count)
    if problem is None:
        return result
    chinese, english, seq = problem
    return replace(result, problem=chinese, english=english, first_bad_seq=seq)


def _entries(uow: UnitOfWork) -> Iterator[list[JournalEntry]]:
    after = 0
    while batch := uow.service_journal.batch(after, BATCH):
        yield batch
        after = batch[-1].seq


def _walk(uow: UnitOfWork) -> tuple[int, _Problem | None]:
    prev, count = GENESIS_HASH, 0
    for batch in _entries(uow):
        records = _records(uow, batch)
        for entry in batch:
            count += 1
            if entry.seq != count:
                return count, _gap(count)
            record, accounts = records.get((entry.kind, entry.record_id), (None, None))
            label = entry_label(entry)
            if record is None:
                return count, _deleted(entry, label)
            payload = entry_payload(entry, record_fields(entry.kind, record, accounts))
            if chain_hash(prev, payload) != entry.hash:
                return count, _altered(entry, label)
            prev = entry.hash
    return count, None


def _records(uow: UnitOfWork, batch: list[JournalEntry]) -> dict:
    """(kind, id) -> (record, affected account ids or None) for the entries of a batch."""
    ids: dict[str, list[int]] = {}
    for entry in batch:
        ids.setdefault(entry.kind, []).append(entry.record_id)
    found: dict[tuple[str, int], tuple[object, list[int] | None]] = {}
    loaders = {
        "case": uow.service_cases.many,
        "case_step": uow.service_cases.steps,
        "measurement": lambda i: uow.measurements.many(i, recompute=True),
        "outage": uow.outages.many,
        "outage_event": uow.outages.events,
    }
    for kind, record_ids in ids.items():
        loader = loaders.get(kind)
        for record_id, record in (loader(record_ids) if loader else {}).items():
            accounts = uow.outages.account_ids(record_id) if kind == "outage" else None
            found[(kind, record_id)] = (record, accounts)
    return found


def _gap(seq: int) -> _Problem:
    return (
        f"服务记录日志编号不连续：缺少第 {seq} 条。",
        f"service journal numbering has a gap: entry {seq} is missing",
        seq,
    )


def _deleted(entry: JournalEntry, label: str) -> _Problem:
    return (
        f"服务记录日志第 {entry.seq} 条登记的{label} 已不存在：该记录被删除。",
        f"service journal entry {entry.seq}: {entry.kind} {entry.ref or entry.record_id} "
        "was deleted",
        entry.seq,
    )


def _altered(entry: JournalEntry, label: str) -> _Problem:
    return (
        f"{label}与服务记录日志第 {entry.seq} 条不符：该记录被改动，或其前一条日志被删除。",
        f"{entry.kind} {entry.ref or entry.record_id} does not match journal entry {entry.seq}: "
        "it was altered, or the entry before it was removed",
        entry.seq,
    )


def _unjournaled(uow: UnitOfWork) -> _Problem | None:
    for kind, name in RECORD_KINDS.items():
        ids = uow.service_journal.unjournaled(kind)
        if ids:
            return (
                f"{name}（编号 {ids[0]}）没有登记在服务记录日志中：它绕过程序写入。",
                f"{kind} {ids[0]} has no journal entry: it was written around the application",
                None,
            )
    return None


def _anchor_problem(uow: UnitOfWork, anchors: Sequence[Anchor]) -> _Problem | None:
    for anchor in sorted(anchors, key=lambda a: a.seq):
        entry = uow.service_journal.get(anchor.seq)
        if entry is None:
            return (
                f"服务记录日志缺少锚点记录的第 {anchor.seq} 条：日志被截断。",
                f"service journal lacks entry {anchor.seq} named by an anchor: cut short",
                anchor.seq,
            )
        if entry.hash != anchor.hash:
            return (
                f"服务记录日志第 {anchor.seq} 条与锚点不符：历史被改写。",
                f"service journal entry {anchor.seq} differs from its anchor: rewritten",
                anchor.seq,
            )
    return None


def service_anchor(uow: UnitOfWork) -> Anchor | None:
    """The service journal's head as an anchor to keep outside the database (None if empty)."""
    with uow:
        head = uow.service_journal.head()
    return None if head is None else Anchor(SERVICE_CHAIN, head[0], head[1])
