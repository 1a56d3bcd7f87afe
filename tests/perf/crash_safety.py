"""Crash safety, the long run: 1,000 SIGKILLs while a child posts payments (SQLite).

    .venv/bin/python tests/perf/crash_safety.py [--kills N]

Same harness as tests/integration/test_crash_safety.py (200 kills): afterwards every
acknowledged payment must be there exactly once, PRAGMA integrity_check ok, the journal
verified and its numbers without gaps. Prints the figures; exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.crash_harness import inspect, prepare, run_kills  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000, help="default 1,000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crash-") as workdir:
        work = Path(workdir)
        url = f"sqlite:///{work / 'crash.db'}"
        start = time.perf_counter()
        run_kills(prepare(url), work, args.kills)
        report = inspect(url, work, args.kills)
        seconds = time.perf_counter() - start
    print(f"{report.kills:,} kills in {seconds:.0f} s: {report.acknowledged:,} payments "
          f"acknowledged, {report.duplicates_returned:,} retries found already posted, "
          f"{report.entries:,} journal entries")
    checks = {
        "every acknowledged payment present": not report.missing,
        "none twice": not report.doubled,
        "integrity_check ok": report.integrity == "ok",
        "journal verifies": report.verified,
        "no gaps in numbers": not report.gaps,
    }
    for name, ok in checks.items():
        print(f"  {name}: {'OK' if ok else 'FAILED'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
