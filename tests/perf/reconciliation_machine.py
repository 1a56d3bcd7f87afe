"""The reconciliation state machine (tests/support/reconciliation_machine.py) at 5,000 examples.

    .venv/bin/python tests/perf/reconciliation_machine.py [--examples N]
        [--steps S] [--db URL]

Default: 5,000 examples of up to 25 steps on a new SQLite file (pass --db for a PostgreSQL
database made empty beforehand). Prints how many examples ran, what the services did
(payments, voids, refunds, reprints, shift closes, hand-overs, day closes, refusals), the
time and examples per second, and then checks every chain. Exit 1 when hypothesis finds a
counterexample (it prints the steps). Not part of the normal test run.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reconcile-machine-") as workdir:
        url = args.db or f"sqlite:///{workdir}/books.db"
        engine = make_engine(url)
        create_schema(engine)
        books = uow_factory(engine)
        seed_books(books)
        tally: collections.Counter = collections.Counter()
        _count_calls(tally)
        started = time.perf_counter()
        try:
            run_state_machine_as_test(
                lambda: machine.ReconciliationMachine(books),
                settings=settings(max_examples=args.examples, stateful_step_count=args.steps,
                                  deadline=None, database=None,
                                  suppress_health_check=list(HealthCheck)),
            )
        finally:
            elapsed = time.perf_counter() - started
            print(f"{args.examples} examples of up to {args.steps} steps on "
                  f"{engine.dialect.name}: {elapsed:.1f} s, {args.examples / elapsed:.1f} "
                  "examples/s")
            for name, calls in sorted(tally.items()):
                print(f"  {name}: {calls}")
        chains = [check_journals(books()), check_audit_chain(books())]
        for result in chains:
            print(f"  {result.name}: {result.records} records, {'ok' if result.ok else 'BAD'}")
        return 0 if all(result.ok for result in chains) else 1


if __name__ == "__main__":
    sys.exit(main())
