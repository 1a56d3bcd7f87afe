"""The reconciliation state machine (tests/support/reconciliation_machine.py) at 5,000 examples.

    .venv/bin/python tests/perf/reconciliation_machine.py [--examples N]
        [--steps S] [--batch B] [--db URL]

Default: 5,000 examples of up to 25 steps, in batches of 250 examples, each batch on new
books in a new SQLite file (pass --db for a PostgreSQL database made empty beforehand: one
batch of N). The examples of a batch share their books, as in the test run, so the books of a
batch grow over many days; a new file per batch keeps one run of 5,000 examples from spending
its time re-reading the books of the thousands before (a day close reads each collector's
whole history). Prints each batch, then how many examples ran, what the services did
(payments, voids, refunds, reprints, shift closes, hand-overs, day closes, refusals) and the
time, and checks every chain of every batch. Exit 1 when hypothesis finds a counterexample
(it prints the steps) or a chain does not verify. Not part of the normal test run.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis.stateful import run_state_machine_as_test  # noqa: E402

import tests.support.reconciliation_machine as machine  # noqa: E402
from cashier.services.audit import check_audit_chain  # noqa: E402
from cashier.services.journal_verify import check_journals  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402
from tests.support.payment_books import seed_books  # noqa: E402

COUNTED = (
    "open_shift", "post_payment", "void_payment", "refund_payment", "reprint",
    "close_counted_shift", "record_handover", "close_day",
)


def _count_calls(tally: collections.Counter) -> None:
    """Wrap the services the machine calls so each call (or refusal) is tallied."""
    for name in COUNTED:
        service = getattr(machine, name)

        def counted(*args, _service=service, _name=name, **kwargs):
            try:
                result = _service(*args, **kwargs)
            except Exception as error:
                tally[f"{_name} refused ({type(error).__name__})"] += 1
                raise
            tally[_name] += 1
            return result

        setattr(machine, name, counted)


def _batch(url: str, examples: int, steps: int) -> bool:
    """Run `examples` examples on new books at `url`; True when every chain verifies."""
    engine = make_engine(url)
    create_schema(engine)
    books = uow_factory(engine)
    seed_books(books)
    run_state_machine_as_test(
        lambda: machine.ReconciliationMachine(books),
        settings=settings(max_examples=examples, stateful_step_count=steps, deadline=None,
                          database=None, suppress_health_check=list(HealthCheck)),
    )
    chains = [check_journals(books()), check_audit_chain(books())]
    for result in chains:
        print(f"    {result.name}: {result.records} records, {'ok' if result.ok else 'BAD'}")
    engine.dispose()
    return all(result.ok for result in chains)


def _batches(args: argparse.Namespace, workdir: str) -> list[tuple[str, int]]:
    if args.db:
        return [(args.db, args.examples)]
    sizes = [args.batch] * (args.examples // args.batch)
    if args.examples % args.batch:
        sizes.append(args.examples % args.batch)
    return [(f"sqlite:///{workdir}/books-{i}.db", size) for i, size in enumerate(sizes, 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--batch", type=int, default=250, help="examples per new SQLite file")
    parser.add_argument("--db", help="database URL (default: a new SQLite file per batch)")
    args = parser.parse_args()
    tally: collections.Counter = collections.Counter()
    _count_calls(tally)
    ok, done, started = True, 0, time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reconcile-machine-") as workdir:
        try:
            for url, size in _batches(args, workdir):
                print(f"  batch of {size} examples on {url.split('://')[0]} …", flush=True)
                ok = _batch(url, size, args.steps) and ok
                done += size
        finally:
            elapsed = time.perf_counter() - started
            print(f"{done} examples of up to {args.steps} steps: {elapsed:.1f} s, "
                  f"{done / elapsed:.1f} examples/s")
            for name, calls in sorted(tally.items()):
                print(f"  {name}: {calls}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
