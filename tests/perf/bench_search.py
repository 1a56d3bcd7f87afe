"""Benchmark: account search on 1,000,000 accounts, SQLite and PostgreSQL (printed, not a test).

    .venv/bin/python tests/perf/bench_search.py [--accounts N] [--queries Q]
        [--backend sqlite|postgres|both] [--keep DIR]

Builds a database with the schema of the models (FTS5 trigram table and triggers on SQLite,
pg_trgm GIN index on PostgreSQL, a throwaway cluster unless CASHIER_TEST_PG_URL is set), fills
it with fictional accounts, then times `search_accounts` (the first page of 50, as the Accounts
page asks for it) for Q queries of each kind drawn from the data, and prints p50/p95/max
against the issue's targets. Names draw on a wide set of characters, so a two-character piece
of a given name is rare and its search cannot stop early: the honest worst case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from sqlalchemy import Engine, func, insert, select  # noqa: E402

from cashier.domain.actor import LOCAL_OPERATOR  # noqa: E402
from cashier.domain.registration import Address  # noqa: E402
from cashier.services.search import search_accounts  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.models import Account  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
GIVEN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 2400, 4))  # 600 characters
ESTATE_WORDS = "幸福和平阳光春晖锦绣东湖翠园康乐金色家园花园新村名苑华庭雅居丽都"
ESTATE_KINDS = ("小区", "家园", "花园", "苑", "新村", "公寓")
BATCH = 10_000
SERVER_MEMORY = {"shared_buffers": "'1GB'", "effective_cache_size": "'4GB'", "work_mem": "'16MB'"}
"""PostgreSQL memory of a small dedicated server (the test cluster's defaults are tiny)."""
TARGETS_MS = {
    "account number, exact": 20,
    "account number, prefix": 20,
    "phone, exact": 20,
    "phone, prefix": 20,
    "name, exact": 20,
    "name, prefix": 20,
    "substring, 3+ characters": 200,
    "substring, 2 characters": 500,
}


def estates(rng: random.Random, count: int = 300) -> list[str]:
    """Distinct fictional estate names."""
    names: set[str] = set()
    while len(names) < count:
        a, b = rng.sample(range(len(ESTATE_WORDS) // 2), 2)
        words = ESTATE_WORDS[2 * a : 2 * a + 2] + ESTATE_WORDS[2 * b : 2 * b + 2]
        names.add(words[: rng.choice((2, 4))] + rng.choice(ESTATE_KINDS))
    return sorted(names)


def account_rows(count: int, seed: int = 1) -> Iterator[dict]:
    """`count` fictional account rows, reproducible from `seed`."""
    rng = random.Random(seed)
    places = estates(rng)
    now = dt.datetime.now(dt.UTC)
    for index in range(count):
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        yield {
            "account_no": f"HR-{index % 97:02d}{index:07d}",
            "name": rng.choice(SURNAMES) + given,
            "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            "estate": rng.choice(places),
            "building": str(rng.randint(1, 40)),
            "unit": str(rng.randint(1, 6)),
            "room": f"{rng.randint(1, 32)}{rng.randint(1, 4):02d}",
            "contract_no": "",
            "created_at": now,
        }


def fill(engine: Engine, count: int) -> float:
    """Insert `count` accounts (the search index follows through triggers); seconds taken."""
    started = time.perf_counter()
    rows = account_rows(count)
    done = 0
    with engine.begin() as conn:
        while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
            conn.execute(insert(Account), batch)
            done += len(batch)
            if done % 100_000 == 0:
                print(f"  inserted {done:,}", file=sys.stderr, flush=True)
    return time.perf_counter() - started


def queries(engine: Engine, per_kind: int, seed: int = 7) -> dict[str, list[str]]:
    """Search texts of each kind, drawn from random accounts of the database."""
    rng = random.Random(seed)
    with engine.connect() as conn:
        top = conn.execute(select(func.max(Account.id))).scalar()
        picks = [
            conn.execute(select(Account).where(Account.id == rng.randint(1, top))).one()
            for _ in range(per_kind)
        ]
    kinds: dict[str, list[str]] = {kind: [] for kind in TARGETS_MS}
    for row in picks:
        address = Address(row.estate, row.building, row.unit, row.room).display()
        kinds["account number, exact"].append(row.account_no)
        kinds["account number, prefix"].append(row.account_no[: rng.randint(5, 9)])
        kinds["phone, exact"].append(row.phone)
        kinds["phone, prefix"].append(row.phone[: rng.randint(3, 8)])
        kinds["name, exact"].append(row.name)
        kinds["name, prefix"].append(row.name[:2])
        field = rng.choice((row.name, address, address)) if len(row.name) >= 3 else address
        size = rng.randint(3, min(6, len(field)))
        start = rng.randint(0, len(field) - size)
        kinds["substring, 3+ characters"].append(field[start : start + size])
        inside = row.name[1:3] if len(row.name) >= 3 else row.name[-2:]
        kinds["substring, 2 characters"].append(inside)
    return kinds


def time_searches(make_uow: Callable, texts: list[str]) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds per search (first page), and how many found nothing.

    CPU time is this process's: for SQLite that is the search itself, whatever else the
    machine is doing; for PostgreSQL the server's work is not in it.
    """
    wall, cpu, empty = [], [], 0
    for text in texts:
        started, started_cpu = time.perf_counter(), time.process_time()
        page = search_accounts(make_uow(), LOCAL_OPERATOR, text)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        empty += not page.hits
    return wall, cpu, empty


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(label: str, engine: Engine, per_kind: int) -> None:
    """Time every kind of search and print one line per kind."""
    make_uow = uow_factory(engine, read_only=True)
    kinds = queries(engine, per_kind)
    time_searches(make_uow, [texts[0] for texts in kinds.values()])  # warm the caches
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{label}: first page of 50, {per_kind} queries per kind (load average {load})")
    print(f"  {'kind':<26}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'target':>9}"
          f"{'cpu p95':>9}  empty")
    for kind, texts in kinds.items():
        times, cpu, empty = time_searches(make_uow, texts)
        p50, p95, target = statistics.median(times), percentile(times, 0.95), TARGETS_MS[kind]
        verdict = "ok" if p95 < target else "OVER"
        print(
            f"  {kind:<26}{p50:9.1f}{p95:9.1f}{max(times):9.1f}{'< ' + str(target):>9}"
            f"{percentile(cpu, 0.95):9.1f}  {empty:>5}  {verdict}"
        )


def sqlite_engine(count: int, keep: Path | None) -> Engine:
    """An SQLite database with `count` accounts (reused from `keep` when already built)."""
    folder = keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"search-{count}.db"
    fresh = not path.exists()
    engine = make_engine(f"sqlite:///{path}")
    if fresh:
        create_schema(engine)
        print(f"SQLite fill: {fill(engine, count):.0f} s ({path})", file=sys.stderr)
    return engine


def postgres_engine(count: int, url: str | None) -> tuple[Engine, Callable[[], None]]:
    """A PostgreSQL database with `count` accounts and a function that cleans up.

    With `url`, that database is used (filled first when it has no accounts); otherwise a
    throwaway cluster is started with the memory settings of a small production server.
    """
    from support import pgcluster

    cluster = None
    if url is None:
        pgcluster.SERVER_SETTINGS.update(SERVER_MEMORY)
        cluster = pgcluster.PgCluster()
        cluster.start()
        url = cluster.create_database("bench_search")
    engine = make_engine(url)
    with engine.connect() as conn:
        empty = not conn.exec_driver_sql("SELECT to_regclass('accounts')").scalar()
    if empty:
        create_schema(engine)
        print(f"PostgreSQL fill: {fill(engine, count):.0f} s", file=sys.stderr)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE accounts")  # autovacuum is off in the cluster

    def stop() -> None:
        engine.dispose()
        if cluster is not None:
            cluster.stop()

    return engine, stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000, help="accounts to create")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the SQLite file")
    parser.add_argument("--pg-url", help="use this PostgreSQL database instead of a new cluster")
    args = parser.parse_args()
    print(f"{args.accounts:,} accounts; {os.cpu_count()} CPUs")
    if args.backend in ("sqlite", "both"):
        engine = sqlite_engine(args.accounts, args.keep)
        report("SQLite (FTS5 trigram)", engine, args.queries)
        engine.dispose()
    if args.backend in ("postgres", "both"):
        engine, stop = postgres_engine(args.accounts, args.pg_url)
        try:
            report("PostgreSQL (pg_trgm GIN)", engine, args.queries)
        finally:
            stop()


if __name__ == "__main__":
    main()
