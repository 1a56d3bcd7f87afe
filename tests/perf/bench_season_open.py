"""Benchmark: `season open` for 1,000,000 accounts against the raw sqlite3 floor.

    .venv/bin/python tests/perf/bench_season_open.py [--accounts N] [--skip-pg]

1. A base SQLite database gets the whole schema, the demo season's tariffs and N fictional
   accounts; it is copied twice.
2. `open_season` (the service `cashier season open` runs) bills every account of the first
   copy in a child process, so that its peak RSS is its own.
3. The floor: the bill and bill-line rows season open wrote are read back, then inserted into
   the second copy with plain `sqlite3.executemany` in one transaction, with the same schema,
   indexes, triggers and PRAGMAs (WAL, synchronous=FULL, foreign_keys=ON).
4. The same season open on PostgreSQL (a throwaway cluster from tests/support, or
   CASHIER_TEST_PG_URL).

Prints both SQLite times and their ratio (target: within 4x), the peak RSS (target: < 1 GB)
and the PostgreSQL time. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.billing_seed import many_accounts, seed_accounts  # noqa: E402

from cashier.domain.actor import LOCAL_OPERATOR  # noqa: E402
from cashier.services.billing import open_season  # noqa: E402
from cashier.services.demo import DEMO_TARIFF  # noqa: E402
from cashier.services.tariffs import load_tariffs  # noqa: E402
from cashier.store.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402

SEASON = "2025-2026"
BILLED_ON = dt.date(2025, 10, 1)
PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
           f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
GB = 1024**3


def prepare(url: str, accounts: int) -> float:
    """Schema, the demo tariffs and `accounts` accounts; returns seconds taken."""
    start = time.perf_counter()
    engine = make_engine(url)
    create_schema(engine)
    load_tariffs(uow_factory(engine)(), LOCAL_OPERATOR, DEMO_TARIFF)
    seed_accounts(engine, many_accounts(accounts), season=SEASON)
    engine.dispose()
    return time.perf_counter() - start


def timed_open(url: str) -> dict:
    """Run season open on `url`; returns seconds, bills made and this process's peak RSS."""
    engine = make_engine(url)
    start = time.perf_counter()
    result = open_season(uow_factory(engine)(), LOCAL_OPERATOR, SEASON, billed_on=BILLED_ON)
    seconds = time.perf_counter() - start
    engine.dispose()
    return {"seconds": seconds, "billed": result.billed, "peak_rss": peak_rss()}


def peak_rss() -> int:
    """This process's peak RSS in bytes.

    VmHWM belongs to the process's own memory map, unlike ru_maxrss, which on Linux keeps the
    parent's size at fork across exec (the parent may hold the floor's rows by then).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def open_in_child(url: str) -> dict:
    """`timed_open` in a fresh interpreter, so the peak RSS is season open's alone."""
    out = subprocess.run(
        [sys.executable, __file__, "--child-open", url],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def checkpoint_copy(source: Path, *targets: Path) -> None:
    """Fold the WAL into the file and copy it."""
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for target in targets:
        for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, target)


def rows_of(path: Path, table: str) -> tuple[list[str], list[tuple]]:
    """Every row of `table` exactly as stored, in id order, with the column names."""
    conn = sqlite3.connect(path)
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
    conn.close()
    return columns, rows


def floor(opened: Path, target: Path) -> tuple[float, int, int]:
    """Insert season open's tariff, bill and line rows into `target` with raw executemany."""
    tables = [(name, *rows_of(opened, name)) for name in ("tariff_versions", "bills", "bill_lines")]
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for name, columns, rows in tables:
        marks = ", ".join("?" * len(columns))
        conn.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds, len(tables[1][2]), len(tables[2][2])


def bench_sqlite(accounts: int, workdir: Path) -> None:
    base, opened, raw = (workdir / name for name in ("base.db", "open.db", "floor.db"))
    setup = prepare(f"sqlite:///{base}", accounts)
    print(f"setup: {accounts:,} accounts in {setup:.1f} s")
    checkpoint_copy(base, opened, raw)
    result = open_in_child(f"sqlite:///{opened}")
    floor_s, bills, lines = floor(opened, raw)
    ratio = result["seconds"] / floor_s
    print(f"SQLite season open : {result['seconds']:8.2f} s  ({result['billed']:,} bills, "
          f"{accounts / result['seconds']:,.0f} accounts/s)")
    print(f"SQLite floor       : {floor_s:8.2f} s  (raw executemany of {bills:,} bills + "
          f"{lines:,} lines, one transaction)")
    verdict = "OK" if ratio <= 4 else "MISSED"
    print(f"ratio              : {ratio:8.2f} x   (target <= 4)  {verdict}")
    peak = result["peak_rss"]
    print(f"peak RSS           : {peak / 2**20:8.0f} MiB (target < 1 GiB)  "
          f"{'OK' if peak < GB else 'MISSED'}")


def bench_postgres(accounts: int) -> None:
    from support.pgcluster import PgCluster, PgUnavailable

    cluster = PgCluster()
    try:
        cluster.start()
    except PgUnavailable as exc:
        print(f"PostgreSQL: skipped ({exc.reason})")
        return
    try:
        url = cluster.create_database("cashier_bench_season_open")
        setup = prepare(url, accounts)
        print(f"PostgreSQL setup: {accounts:,} accounts in {setup:.1f} s")
        result = open_in_child(url)
        print(f"PostgreSQL season open: {result['seconds']:8.2f} s  ({result['billed']:,} bills, "
              f"{accounts / result['seconds']:,.0f} accounts/s, peak RSS "
              f"{result['peak_rss'] / 2**20:.0f} MiB; throwaway cluster, fsync off)")
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000, help="default 1,000,000")
    parser.add_argument("--pg-accounts", type=int, default=None, help="default: --accounts")
    parser.add_argument("--skip-pg", action="store_true", help="SQLite only")
    parser.add_argument("--child-open", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_open:
        print(json.dumps(timed_open(args.child_open)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-season-") as workdir:
        bench_sqlite(args.accounts, Path(workdir))
    if not args.skip_pg:
        bench_postgres(args.pg_accounts or args.accounts)


if __name__ == "__main__":
    main()
