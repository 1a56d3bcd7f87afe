"""The audit log: appending chained entries, reading them for the Audit page, verifying.

`record` is called by every service that does something worth auditing, inside its own
transaction (the entry commits or rolls back with the action). Reading needs the
"view_audit" permission.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from cashier.domain.actor import Actor
from cashier.domain.audit import (
    AUDIT_CHAIN,
    AUDIT_VERSION,
    AuditFilter,
    AuditRecord,
    event_label,
    validate_event,
)
from cashier.domain.chain import (
    GENESIS_HASH,
    Anchor,
    CheckResult,
    chain_hash,
    verify_chain,
)
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

MAX_STAFF_NO = 16
MAX_NAME = 50

_Problem = tuple[str, str, int]
"""(Chinese message, English message, sequence number of the first bad record)."""


def record(
    uow: UnitOfWork,
    actor: Actor | None,
    event: str,
    details: Mapping[str, object] | None = None,
    *,
    now: dt.datetime | None = None,
) -> AuditRecord:
    """Append an audit entry for `event` by `actor` to the chain, inside the caller's open
    unit of work (the caller commits). `actor` None records an anonymous entry.

    `details` values are str, int, bool, None, or lists/dicts of these (no floats). Raises
    ValueError for a malformed event code, TypeError for details that cannot be chained.
    """
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    head = uow.audit.head()
    seq, prev = (1, GENESIS_HASH) if head is None else (head[0] + 1, head[1])
    entry = AuditRecord(
        seq=seq,
        recorded_at=moment,
        actor_id=None if actor is None else actor.id,
        staff_no="" if actor is None else actor.staff_no[:MAX_STAFF_NO],
        actor_name="" if actor is None else actor.name[:MAX_NAME],
        event=validate_event(event),
        details=dict(details or {}),
        version=AUDIT_VERSION,
    )
    chained = _with_hash(entry, chain_hash(prev, entry.payload()))
    uow.audit.append(chained)
    return chained


def _with_hash(entry: AuditRecord, digest: str) -> AuditRecord:
    return replace(entry, hash=digest)


def count_entries(uow: UnitOfWork, actor: Actor, where: AuditFilter) -> int:
    """How many audit entries match `where`. Raises PermissionDenied without "view_audit"."""
    require(actor, "view_audit")
    with uow:
        return uow.audit.count(where)


def list_entries(
    uow: UnitOfWork, actor: Actor, where: AuditFilter, *, offset: int = 0, limit: int = 200
) -> list[AuditRecord]:
    """Matching audit entries, newest first, one page of `limit` after `offset`.

    Raises PermissionDenied without "view_audit".
    """
    require(actor, "view_audit")
    with uow:
        return uow.audit.find(where, offset=offset, limit=limit)


def audit_anchor(uow: UnitOfWork) -> Anchor | None:
    """The audit chain's head as an anchor to keep outside the database (None when empty)."""
    with uow:
        head = uow.audit.head()
    return None if head is None else Anchor(AUDIT_CHAIN, head[0], head[1])


def check_audit_chain(uow: UnitOfWork, anchors: Sequence[Anchor] = ()) -> CheckResult:
    """Recompute the audit chain from the first entry and compare it with `anchors`.

    Names the first entry that does not match: an edited entry fails itself, a removed entry
    makes the next one fail, a gap in the numbering is reported where it starts, and an
    anchor beyond the last entry or with another hash shows a cut or rewritten history.
    """
    with uow:
        walk = _ChainWalk(uow.audit.iter_all())
        bad = verify_chain(walk.links())
        problem = walk.problem(bad)
        if problem is None:
            problem = _anchor_problem(uow, [a for a in anchors if a.chain == AUDIT_CHAIN])
    result = CheckResult(name="审计日志", chain=AUDIT_CHAIN, records=walk.count)
    if problem is None:
        return result
    chinese, english, seq = problem
    return replace(result, problem=chinese, english=english, first_bad_seq=seq)


class _ChainWalk:
    """Feeds (payload, hash) pairs to verify_chain and remembers where it stopped."""

    def __init__(self, records: Iterator[AuditRecord]) -> None:
        self._records = records
        self.count = 0
        self.current: AuditRecord | None = None
        self.gap_at: int | None = None

    def links(self) -> Iterator[tuple[bytes, str]]:
        for record in self._records:
            self.current = record
            self.count += 1
            if record.seq != self.count:
                self.gap_at = self.count
                return
            try:
                payload = record.payload()
            except (TypeError, ValueError):
                payload = b""
            yield payload, record.hash

    def problem(self, bad_index: int | None) -> _Problem | None:
        if self.gap_at is not None:
            return (
                f"审计日志编号不连续：缺少第 {self.gap_at} 条记录。",
                f"audit log numbering has a gap: record {self.gap_at} is missing",
                self.gap_at,
            )
        if bad_index is None or self.current is None:
            return None
        entry = self.current
        local = entry.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        who = f"{entry.staff_no} {entry.actor_name}".strip() or "匿名"
        return (
            f"审计日志第 {entry.seq} 条记录（{local}，{who}，{event_label(entry.event)}）"
            "与哈希链不符：该记录被改动，或其前一条记录被删除。",
            f"audit log record {entry.seq} ({entry.event} at {local}) does not match the "
            "hash chain: it was altered, or the record before it was removed",
            entry.seq,
        )


def _anchor_problem(uow: UnitOfWork, anchors: Sequence[Anchor]) -> _Problem | None:
    for anchor in sorted(anchors, key=lambda a: a.seq):
        entry = uow.audit.get(anchor.seq)
        if entry is None:
            return (
                f"审计日志缺少锚点记录的第 {anchor.seq} 条：日志被截断。",
                f"audit log lacks record {anchor.seq} named by an anchor: it was cut short",
                anchor.seq,
            )
        if entry.hash != anchor.hash:
            return (
                f"审计日志第 {anchor.seq} 条与锚点不符：历史被改写。",
                f"audit log record {anchor.seq} differs from its anchor: history was rewritten",
                anchor.seq,
            )
    return None

