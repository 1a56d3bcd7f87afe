"""Crash safety on SQLite: 200 SIGKILLs at random moments while a child posts payments.

Afterwards every acknowledged payment is there exactly once, PRAGMA integrity_check is ok,
the journal verifies and its numbers have no gaps (the 1,000-kill run is tests/perf).
"""

from __future__ import annotations

import sys

import pytest

from tests.support.crash_harness import inspect, prepare, run_kills

KILLS = 200

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def test_sigkill_while_posting_loses_and_doubles_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    engine = prepare(url)
    run_kills(engine, tmp_path, KILLS)
    report = inspect(url, tmp_path, KILLS)
    assert report.acknowledged > KILLS // 2, report
    assert report.missing == [] and report.doubled == [], report
    assert report.integrity == "ok"
    assert report.verified, report.problem
    assert not report.gaps
    assert report.payments >= report.acknowledged
    assert report.duplicates_returned >= 1, "no kill fell between commit and acknowledgement"
