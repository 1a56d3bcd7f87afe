"""Concurrency on PostgreSQL, the long run: 4 counters x 2,000 payments + 2 processes on one
counter, in parallel.

    .venv/bin/python tests/perf/pg_concurrency.py [--payments N]

A throwaway cluster (tests/support/pgcluster.py) or CASHIER_TEST_PG_URL. Checks no duplicate
or missing numbers, every chain verifies, totals equal the sum posted; prints payments/s.
Exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.concurrency_harness import check, prepare, run_workers  # noqa: E402
from support.pgcluster import PgCluster, PgUnavailable  # noqa: E402

COUNTERS = ["B01", "B02", "B03", "B04", "B05", "B05"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=2000, help="per process (2,000)")
    args = parser.parse_args()
    cluster = PgCluster()
    try:
        cluster.start()
    except PgUnavailable as exc:
        print(f"PostgreSQL unavailable: {exc.reason}")
        return 1
    try:
        url = cluster.create_database("cashier_pg_concurrency")
        accounts = len(COUNTERS) * args.payments // 4
        prepare(url, COUNTERS, accounts)
        with tempfile.TemporaryDirectory(prefix="pgconc-") as workdir:
            start = time.perf_counter()
            outputs = run_workers(url, COUNTERS, args.payments, Path(workdir), accounts)
            seconds = time.perf_counter() - start
            report = check(url, outputs)
    finally:
        cluster.stop()
    total = len(COUNTERS) * args.payments
    print(f"{total:,} payments by {len(COUNTERS)} processes in {seconds:.1f} s "
          f"({total / seconds:,.0f} payments/s)")
    checks = {
        "every payment stored": report.stored_payments == report.acknowledged == total,
        "totals equal the sum posted": report.stored_fen == report.acknowledged_fen,
        "no duplicate UUIDs": report.duplicate_uuids == 0,
        "no duplicate or missing numbers": report.numbering_ok,
        "chains verify": report.verified,
    }
    for name, ok in checks.items():
        print(f"  {name}: {'OK' if ok else 'FAILED'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
