"""`cashier verify` for the counter journals, and the anchors exported to catch truncation.

Every entry is read once, in storage order (one sequential scan, whatever the number of
counters), and fed to its counter's CounterWalk (numbering, hash chain); a counter whose
entries are out of number order or fail is walked again alone in (seq, row id) order to name
its first bad entry. Each journal's end is then compared with the counter's recorded head,
with the anchors stored at shift closes, and with anchors from an exported file
(`--anchors`): an anchor file kept outside the database is what catches a tail removed by
someone who also rewrote the counters table.
"""

from __future__ import annotations

from collections.abc import Sequence

from cashier.domain.chain import Anchor, CheckResult, anchors_json
from cashier.domain.journal import journal_chain
from cashier.domain.journal_check import CounterWalk, JournalProblem
from cashier.services.ports import UnitOfWork

JOURNAL_CHECK_NAME = "收费日记账"
JOURNAL_CHAIN_PREFIX = "journal:"


def _file_counters(anchors: Sequence[Anchor]) -> set[str]:
    return {
        a.chain.removeprefix(JOURNAL_CHAIN_PREFIX)
        for a in anchors
        if a.chain.startswith(JOURNAL_CHAIN_PREFIX)
    }


def check_journals(uow: UnitOfWork, anchors: Sequence[Anchor] = ()) -> CheckResult:
    """Check every counter's journal (see module docstring); one result for all of them.

    The result names the first bad entry of each counter that has one (counters in code
    order; `first_bad_seq` is that of the first such counter) and counts entries checked.
    """
    with uow:
        heads = {state.counter: state for state in uow.journal.counters()}
        stored = uow.journal.anchors()
        codes = set(uow.journal.counter_codes()) | _file_counters(anchors)

        def walk_for(code: str) -> CounterWalk:
            chain = journal_chain(code)
            mine = [a for a in anchors if a.chain == chain] + [a for c, a in stored if c == code]
            return CounterWalk(code, mine)

        walks, suspect = _one_pass(uow, {code: walk_for(code) for code in codes}, walk_for)
        problems: list[JournalProblem] = []
        total = 0
        for code in sorted(walks):
            walk, problem = walks[code], None
            if code in suspect:
                walk = walk_for(code)
                problem = _walk(walk, uow.journal.iter_counter(code))
            total += walk.count
            problem = problem or walk.finish(heads.get(code))
            if problem is not None:
                problems.append(problem)
    return _result(total, problems)


def _one_pass(uow: UnitOfWork, walks: dict[str, CounterWalk], walk_for):
    """Feed every entry, in storage order, to its counter's walk. A counter whose entries do
    not come in number order (or fail) is only marked: it is walked again in number order,
    so the problem named is the same whatever the storage order."""
    suspect: set[str] = set()
    for entry in uow.journal.iter_all():
        if entry.counter in suspect:
            continue
        walk = walks.get(entry.counter)
        if walk is None:
            walk = walks[entry.counter] = walk_for(entry.counter)
        if walk.feed(entry) is not None:
            suspect.add(entry.counter)
    return walks, suspect


def _result(total: int, problems: list[JournalProblem]) -> CheckResult:
    if not problems:
        return CheckResult(name=JOURNAL_CHECK_NAME, chain="journal", records=total)
    return CheckResult(
        name=JOURNAL_CHECK_NAME,
        chain="journal",
        records=total,
        problem="\n".join(p.zh for p in problems),
        english="\n".join(p.en for p in problems),
        first_bad_seq=problems[0].seq,
    )


def _walk(walk: CounterWalk, entries) -> JournalProblem | None:
    for entry in entries:
        problem = walk.feed(entry)
        if problem is not None:
            return problem
    return None


def journal_anchors(uow: UnitOfWork) -> list[Anchor]:
    """The head of every counter's journal now, as anchors (chain ``journal:<counter>``)."""
    with uow:
        return [
            Anchor(journal_chain(state.counter), state.last_seq, state.head_hash)
            for state in uow.journal.counters()
            if state.last_seq > 0
        ]


def export_anchors(uow: UnitOfWork) -> str:
    """The anchors file text (JSON that `cashier verify --anchors` reads) of every journal.

    Keep it outside the database; the day close will add an Ed25519 signature to it.
    """
    return anchors_json(journal_anchors(uow))
