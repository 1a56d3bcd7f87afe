"""Benchmark: `cashier accounts import` of 100,000 rows from an .xlsx file (target: < 60 s).

    .venv/bin/python tests/perf/bench_import.py [--rows N] [--skip-pg]

1. An .xlsx file of N fictional accounts in the formats.md columns is written (numbers as
   Excel numbers, dates as text, some low-income, suspended, metered, shops with a ceiling
   height, opening arrears); this is not timed.
2. A new SQLite database gets the schema and the demo season; `import_accounts` (what the
   command runs) reads the file, checks every cell of every row, looks for duplicates in the
   file and in the database, and writes everything in one transaction. Timed as a whole, with
   the reading and checking alone timed too, and the peak RSS of the process.
3. The same import into PostgreSQL (a throwaway cluster from tests/support).

Not a pass/fail test: it prints the figures (wall time, and this process's CPU time, which
tells what the import costs when other work shares the machine).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from openpyxl import Workbook  # noqa: E402

from cashier.domain.account_import import header_cells  # noqa: E402
from cashier.domain.actor import LOCAL_OPERATOR  # noqa: E402
from cashier.services.account_files import import_accounts, read_account_file  # noqa: E402
from cashier.services.demo import DEMO_TARIFF  # noqa: E402
from cashier.services.tariffs import load_tariffs  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402

TARGET_S = 60.0
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def account_row(rng: random.Random, index: int) -> list:
    """One row of the accounts file; every address is unique."""
    shop = rng.random() < 0.04
    name = f"{rng.choice(SURNAMES)}记商店" if shop else rng.choice(SURNAMES) + rng.choice(GIVEN)
    arrears = Decimal(rng.randint(100, 300_000)).scaleb(-2) if rng.random() < 0.05 else None
    return [
        f"HP-{index:07d}",
        name,
        f"139{rng.randint(0, 99_999_999):08d}",
        f"幸福小区{index // 20_000 + 1}期",
        str(index // 400 % 50 + 1),
        str(index // 100 % 4 + 1),
        f"{index // 4 % 25 + 1}{index % 4 + 1:02d}",
        "非居民" if shop else "居民",
        "是" if not shop and rng.random() < 0.05 else "否",
        Decimal(rng.randint(4_500, 15_000)).scaleb(-2),
        Decimal("3.90") if shop else None,
        "计量" if not shop and rng.random() < 0.03 else "面积",
        "报停" if rng.random() < 0.03 else "供热",
        "2026-01-01" if rng.random() < 0.01 else None,
        arrears,
    ]


def write_file(path: Path, rows: int) -> float:
    start = time.perf_counter()
    rng = random.Random(2025)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("数据")
    sheet.append(header_cells()[:15])
    for index in range(rows):
        sheet.append(account_row(rng, index))
    workbook.save(path)
    return time.perf_counter() - start


def timed_import(url: str, path: Path) -> tuple[float, float, int]:
    """Import `path` into a new database at `url`: (wall s, this process's CPU s, accounts)."""
    engine = make_engine(url)
    create_schema(engine)
    make_uow = uow_factory(engine)
    load_tariffs(make_uow(), LOCAL_OPERATOR, DEMO_TARIFF)
    start, cpu = time.perf_counter(), time.process_time()
    summary = import_accounts(make_uow(), LOCAL_OPERATOR, path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.dispose()
    return seconds, cpu, summary.accounts


def report(label: str, seconds: float, cpu: float, accounts: int) -> None:
    verdict = "OK" if seconds < TARGET_S else "MISSED"
    print(f"{label:<24}: {seconds:7.2f} s wall, {cpu:6.2f} s CPU  ({accounts:,} rows, "
          f"{accounts / seconds:,.0f} rows/s; target < {TARGET_S:.0f} s)  {verdict}")


def bench_postgres(path: Path) -> None:
    from support.pgcluster import PgCluster, PgUnavailable

    cluster = PgCluster()
    try:
        cluster.start()
    except PgUnavailable as exc:
        print(f"PostgreSQL: skipped ({exc.reason})")
        return
    try:
        url = cluster.create_database("cashier_bench_import")
        report("PostgreSQL import", *timed_import(url, path))
        print("  (throwaway cluster with fsync off)")
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="default 100,000")
    parser.add_argument("--skip-pg", action="store_true", help="SQLite only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as workdir:
        path = Path(workdir) / "accounts.xlsx"
        written = write_file(path, args.rows)
        print(f"file: {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MiB .xlsx "
              f"(written in {written:.1f} s, not timed)")
        start, cpu = time.perf_counter(), time.process_time()
        accounts, errors = read_account_file(path)
        checked, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert not errors, errors[:3]
        report("read + check every row", checked, cpu, len(accounts))
        report("SQLite import (whole)", *timed_import(f"sqlite:///{Path(workdir) / 'b.db'}", path))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"{'peak RSS so far':<24}: {peak / 2**20:7.0f} MiB")
        if not args.skip_pg:
            bench_postgres(path)


if __name__ == "__main__":
    main()
