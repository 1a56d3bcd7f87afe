"""`cashier verify` for the counter journals, and the anchors exported to catch truncation.

Every counter's journal is streamed once in (seq, row id) order through the domain's
CounterWalk (numbering, hash chain), then its end is compared with the counter's recorded
head, with the anchors stored at shift closes, and with anchors from an exported file
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
    problems: list[JournalProblem] = []
    total = 0
    with uow:
        heads = {state.counter: state for state in uow.journal.counters()}
        stored = uow.journal.anchors()
        codes = sorted(set(uow.journal.counter_codes()) | _file_counters(anchors))
        for code in codes:
            chain = journal_chain(code)
            mine = [a for a in anchors if a.chain == chain] + [a for c, a in stored if c == code]
            walk = CounterWalk(code, mine)
            problem = _walk(walk, uow.journal.iter_counter(code))
            total += walk.count
            problem = problem or walk.finish(heads.get(code))
            if problem is not None:
                problems.append(problem)
    result = CheckResult(name=JOURNAL_CHECK_NAME, chain="journal", records=total)
    if not problems:
        return result
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
