"""Benchmark: `cashier verify` of the counter journals over 1,000,000 entries (SQLite).

    .venv/bin/python tests/perf/bench_verify.py [--accounts N] [--entries M]
        [--cache DIR]

Uses the books of bench_post_payment.py (built once into --cache). Times the journal checker
`cashier verify` runs (every chain and numbering recomputed, stored head and anchors
compared) in a read-only transaction, and prints entries per second (target: 1,000,000
entries in under 30 s). Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "perf")]

from journal_books import cached_copy  # noqa: E402

from cashier.services.journal_verify import check_journals  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cashier-bench"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-verify-", dir=args.cache) as workdir:
        db = Path(workdir) / "books.db"
        cached_copy(args.cache, db, args.accounts, args.entries)
        engine = make_engine(f"sqlite:///{db}")
        start, start_cpu = time.perf_counter(), time.process_time()
        result = check_journals(uow_factory(engine, read_only=True)())
        seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"verify: {result.records:,} entries in {seconds:.1f} s "
          f"({result.records / seconds:,.0f} entries/s; CPU {cpu:.1f} s), peak RSS {peak:.0f} MiB, "
          f"{'intact' if result.ok else result.english}")
    print(f"target < 30 s: {'OK' if seconds < 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
