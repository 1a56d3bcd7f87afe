"""Benchmark: the daily ledger of a day with 20,000 payments (PDF, .xlsx) and the arrears list
over 1,000,000 accounts with 100,000 in arrears (.xlsx), on SQLite.

    .venv/bin/python tests/perf/bench_reports.py [--part daily|arrears|all]
        [--cache DIR] [--accounts N] [--owing M] [--payments P]

Targets (issue 6): daily ledger to PDF < 10 s and to .xlsx < 5 s; arrears list to .xlsx
< 30 s with peak memory < 1 GB. Each figure is the whole job as the user runs it: reading
the books, building the report and writing the file. Each part runs in its own process so
that its peak RSS is its own. Books come from journal_books.py (cached in --cache): P
accounts with one payment each on one day for the ledger; N billed accounts with one payment
each, of which all but every (N/M)-th get an adjustment settling their bill, for the arrears.
Not a pass/fail test: it prints its figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "perf")]

from journal_books import PAID_ON, cached_copy  # noqa: E402

from cashier.domain.actor import LOCAL_OPERATOR  # noqa: E402
from cashier.printing.report_files import ReportFiles  # noqa: E402
from cashier.services import reports  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402

AS_OF = PAID_ON + dt.timedelta(days=60)
"""The arrears list's day: two months after the payments, so arrears have ages."""
SETTLE = """
INSERT INTO bill_lines (bill_id, kind, label, amount_fen, detail, corrects, posted_on, reason,
                        approved_by, recorded_at, recorded_by)
SELECT b.id, 'adjustment', '调整',
       j.amount_fen - (SELECT SUM(l.amount_fen) FROM bill_lines l WHERE l.bill_id = b.id),
       '', 'heating', '2025-11-01', '基准测试：结清', NULL, '2025-11-01 00:00:00', 'bench'
FROM bills b
JOIN accounts a ON a.id = b.account_id
JOIN journal_entries j ON j.account_no = a.account_no
WHERE a.id % ? != 0
"""


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _timed(label: str, job) -> tuple[object, float]:
    start, cpu = time.perf_counter(), time.process_time()
    result = job()
    seconds = time.perf_counter() - start
    print(f"  {label}: {seconds:.2f} s (CPU {time.process_time() - cpu:.2f} s)")
    return result, seconds


def daily(cache: Path, payments: int) -> None:
    """The daily ledger of a day with `payments` payments, to PDF and to .xlsx."""
    with tempfile.TemporaryDirectory(prefix="bench-reports-", dir=cache) as workdir:
        db = Path(workdir) / "books.db"
        cached_copy(cache, db, payments, payments)
        engine = make_engine(f"sqlite:///{db}")
        make_uow = uow_factory(engine)
        files = ReportFiles()
        print(f"daily ledger of {PAID_ON} ({payments:,} payments), {_load()}")
        for suffix, target in ((".pdf", 10), (".xlsx", 5)):
            out = Path(workdir) / f"daily{suffix}"

            def job(out=out):
                report = reports.daily_ledger_of(make_uow(), LOCAL_OPERATOR, PAID_ON)
                return reports.write_report(report, out, files)

            _, seconds = _timed(f"build + write {suffix}", job)
            size = out.stat().st_size / 1024 / 1024
            pages = _pdf_pages(out) if suffix == ".pdf" else ""
            print(f"  {suffix}: {seconds:.2f} s ({payments / seconds:,.0f} rows/s), "
                  f"{size:.1f} MiB{pages}; target < {target} s: "
                  f"{'OK' if seconds < target else 'MISSED'}")  # fmt: skip
        engine.dispose()
    print(f"  peak RSS {_peak_mib():.0f} MiB")


def _pdf_pages(path: Path) -> str:
    try:
        run = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    pages = next((line.split()[-1] for line in run.stdout.splitlines()
                  if line.startswith("Pages:")), "?")  # fmt: skip
    return f", {pages} pages"


def arrears_books(cache: Path, accounts: int, owing: int) -> Path:
    """The cached books for the arrears list, built once from journal_books' books."""
    source = cache / f"arrears-{accounts}-{owing}.db"
    if source.exists():
        return source
    partial = source.with_suffix(".part")
    print(f"building {source} (once) ...")
    cached_copy(cache, partial, accounts, accounts)
    conn = sqlite3.connect(partial)
    conn.execute(SETTLE, (accounts // owing,))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    partial.rename(source)
    return source


def arrears(cache: Path, accounts: int, owing: int) -> None:
    """The arrears list over every account, to .xlsx."""
    import shutil

    source = arrears_books(cache, accounts, owing)
    with tempfile.TemporaryDirectory(prefix="bench-reports-", dir=cache) as workdir:
        db = Path(workdir) / "books.db"
        shutil.copyfile(source, db)
        engine = make_engine(f"sqlite:///{db}")
        out = Path(workdir) / "arrears.xlsx"
        print(f"arrears list over {accounts:,} accounts, {_load()}")
        before = _peak_mib()

        def job():
            report = reports.arrears_list(uow_factory(engine)(), LOCAL_OPERATOR, AS_OF)
            reports.write_report(report, out, ReportFiles())
            return report

        report, seconds = _timed("read + build + write .xlsx", job)
        households = report.facts[2][1]
        peak = _peak_mib()
        print(f"  {households} in arrears, {accounts / seconds:,.0f} accounts/s, "
              f"{out.stat().st_size / 1024 / 1024:.1f} MiB file, peak RSS {peak:.0f} MiB "
              f"(before the report {before:.0f} MiB)")  # fmt: skip
        print(f"  target < 30 s: {'OK' if seconds < 30 else 'MISSED'}; "
              f"memory < 1024 MiB: {'OK' if peak < 1024 else 'MISSED'}")  # fmt: skip
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("daily", "arrears", "all"), default="all")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cashier-bench"))
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--owing", type=int, default=100_000)
    parser.add_argument("--payments", type=int, default=20_000)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.part == "all":
        for part in ("daily", "arrears"):
            subprocess.run([sys.executable, __file__, "--part", part, "--cache", str(args.cache),
                            "--accounts", str(args.accounts), "--owing", str(args.owing),
                            "--payments", str(args.payments)], check=True)  # fmt: skip
    elif args.part == "daily":
        daily(args.cache, args.payments)
    else:
        arrears(args.cache, args.accounts, args.owing)


if __name__ == "__main__":
    main()
