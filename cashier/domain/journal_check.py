"""Checking one counter's journal: numbering, hash chain, recorded head and anchors.

A :class:`CounterWalk` is fed the counter's entries in (seq, row id) order, once, so millions
of entries stream through it, and stops at the first bad one:

- a number seen twice: a duplicated (or inserted) entry;
- a number skipped: a deleted entry;
- a previous hash that is not the hash before it: an entry deleted, inserted or moved;
- a stored hash that is not the recomputed one: an edited entry (an amount, a date ...).

:meth:`CounterWalk.finish` then compares the end of the chain with the counter's recorded
head (last number and hash, kept by every posting) and with anchors taken at shift closes or
exported to a file: an anchor beyond the end, or with another hash, reveals a truncated or
rewritten journal even when the chain itself is consistent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cashier.domain.chain import GENESIS_HASH, Anchor
from cashier.domain.journal import CounterState, JournalEntry, receipt_number

EDITED, DELETED, DUPLICATED, RELINKED, TRUNCATED, EXTRA, ANCHOR = (
    "edited",
    "deleted",
    "duplicated",
    "relinked",
    "truncated",
    "extra",
    "anchor",
)


@dataclass(frozen=True)
class JournalProblem:
    """The first thing found wrong in a counter's journal: where, what kind, and why."""

    counter: str
    seq: int
    code: str
    zh: str
    en: str

    @property
    def receipt_no(self) -> str:
        """The receipt number of the entry named."""
        return receipt_number(self.counter, self.seq)


class CounterWalk:
    """Streams one counter's entries through the checks of the module docstring."""

    def __init__(self, counter: str, anchors: Iterable[Anchor] = ()) -> None:
        self.counter = counter
        self.count = 0
        self.last_seq = 0
        self.head = GENESIS_HASH
        self._anchors = sorted(anchors, key=lambda a: a.seq)
        self._wanted = {a.seq for a in self._anchors}
        self._seen: dict[int, str] = {}

    def feed(self, entry: JournalEntry) -> JournalProblem | None:
        """Check the next entry; a problem means the walk must stop there."""
        expected = self.last_seq + 1
        if entry.seq <= self.last_seq:
            return self._problem(
                entry.seq,
                DUPLICATED,
                "编号重复出现：该记录被复制或插入",
                "the number occurs twice: the entry was duplicated or inserted",
            )
        if entry.seq > expected:
            return self._problem(
                expected,
                DELETED,
                f"编号不连续，缺少第 {expected} 号至第 {entry.seq - 1} 号：记录被删除",
                f"numbering has a gap up to {entry.seq - 1}: entries were deleted",
            )
        if entry.prev_hash != self.head:
            return self._problem(
                entry.seq,
                RELINKED,
                "与前一条记录的哈希链接不符：前面的记录被删除、插入或调换",
                "its link to the previous entry is wrong: entries were removed, inserted "
                "or reordered",
            )
        if _recomputed(entry) != entry.hash:
            return self._problem(
                entry.seq,
                EDITED,
                "内容与哈希不符：记录被改动（如金额、日期）",
                "its content does not match its hash: the entry was edited",
            )
        self.count += 1
        self.last_seq, self.head = entry.seq, entry.hash
        if entry.seq in self._wanted:
            self._seen[entry.seq] = entry.hash
        return None

    def finish(self, recorded: CounterState | None) -> JournalProblem | None:
        """Compare the end of the walk with the recorded head and the anchors."""
        if recorded is not None:
            problem = self._check_head(recorded)
            if problem is not None:
                return problem
        for anchor in self._anchors:
            if anchor.seq > self.last_seq:
                return self._problem(
                    self.last_seq + 1,
                    TRUNCATED,
                    f"锚点记录到第 {anchor.seq} 号，日记账只到第 {self.last_seq} 号："
                    "末尾的记录被截掉",
                    f"an anchor names entry {anchor.seq} but the journal ends at "
                    f"{self.last_seq}: its tail was cut off",
                )
            if self._seen.get(anchor.seq) != anchor.hash:
                return self._problem(
                    anchor.seq,
                    ANCHOR,
                    "与锚点的哈希不符：历史被改写",
                    "differs from its anchor: the history was rewritten",
                )
        return None

    def _check_head(self, recorded: CounterState) -> JournalProblem | None:
        if recorded.last_seq > self.last_seq:
            return self._problem(
                self.last_seq + 1,
                TRUNCATED,
                f"窗口记录的最后编号为第 {recorded.last_seq} 号，日记账只到第 {self.last_seq} 号："
                "末尾的记录被删除",
                f"the counter's last number is {recorded.last_seq} but the journal ends at "
                f"{self.last_seq}: its tail was removed",
            )
        if recorded.last_seq < self.last_seq:
            return self._problem(
                recorded.last_seq + 1,
                EXTRA,
                "窗口从未发出此编号：记录是事后插入的",
                "the counter never issued this number: the entry was added afterwards",
            )
        if recorded.last_seq and recorded.head_hash != self.head:
            return self._problem(
                self.last_seq,
                ANCHOR,
                "与窗口记录的链头不符：历史被改写",
                "differs from the counter's recorded chain head: the history was rewritten",
            )
        return None

    def _problem(self, seq: int, code: str, zh: str, en: str) -> JournalProblem:
        number = receipt_number(self.counter, seq)
        return JournalProblem(
            self.counter,
            seq,
            code,
            f"窗口 {self.counter} 日记账第 {seq} 号（收据号 {number}）{zh}。",
            f"journal of counter {self.counter}, entry {seq} ({number}): {en}",
        )


def _recomputed(entry: JournalEntry) -> str:
    try:
        return entry.recomputed_hash()
    except (TypeError, ValueError, AttributeError, OverflowError):
        return ""
