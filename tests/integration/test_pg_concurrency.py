"""Concurrent posting on PostgreSQL: 4 processes on 4 counters plus 2 on one counter.

No duplicate or missing receipt numbers, every chain verifies, the totals equal the sum
posted. (The 2,000-payments-per-process run is tests/perf/pg_concurrency.py.)
"""

from __future__ import annotations

from tests.support.concurrency_harness import check, prepare, run_workers

COUNTERS = ["B01", "B02", "B03", "B04", "B05", "B05"]
PER_PROCESS = 40


def test_counters_post_concurrently_without_gaps_or_duplicates(pg_url_factory, tmp_path):
    url = pg_url_factory()
    prepare(url, COUNTERS)
    outputs = run_workers(url, COUNTERS, PER_PROCESS, tmp_path)
    report = check(url, outputs)
    assert report.acknowledged == len(COUNTERS) * PER_PROCESS
    assert report.stored_payments == report.acknowledged
    assert report.stored_fen == report.acknowledged_fen
    assert report.duplicate_uuids == 0 and report.numbering_ok
    assert report.verified, report.problem
