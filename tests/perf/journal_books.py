"""Building big books for the payments benchmarks: N billed accounts and M journal entries.

Accounts come from tests/support/billing_seed.py and are billed by the real season open;
journal entries are made by the domain (numbered, sealed onto each counter's chain) and
written with bulk inserts, one payment per account spread over ten counters, so that every
index the posting path reads is as large as in a company with a million households.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sqlalchemy import insert, update  # noqa: E402
from support.billing_seed import many_accounts, seed_accounts  # noqa: E402

from cashier.domain.actor import LOCAL_OPERATOR  # noqa: E402
from cashier.domain.chain import GENESIS_HASH  # noqa: E402
from cashier.domain.journal import (  # noqa: E402
    PAYMENT,
    EntryDetails,
    EntryLine,
    JournalEntry,
    seal,
)
from cashier.domain.tender import TenderPart  # noqa: E402
from cashier.services.billing import open_season  # noqa: E402
from cashier.services.demo import DEMO_TARIFF  # noqa: E402
from cashier.services.station import device_time  # noqa: E402
from cashier.services.tariffs import load_tariffs  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.models import CounterRow, JournalRow  # noqa: E402
from cashier.store.repositories.journal import _row_values  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402

SEASON = "2025-2026"
BILLED_ON = dt.date(2025, 10, 1)
PAID_ON = dt.date(2025, 11, 20)
COUNTERS = [f"H{n:02d}" for n in range(1, 11)]
BATCH = 20_000


def account_no(index: int) -> str:
    """The number of the index-th seeded account."""
    return f"B-{index:07d}"


def build(url: str, accounts: int, entries: int, log=print) -> None:
    """Schema, tariffs, `accounts` billed accounts and `entries` journal entries."""
    start = time.perf_counter()
    engine = make_engine(url)
    create_schema(engine)
    load_tariffs(uow_factory(engine)(), LOCAL_OPERATOR, DEMO_TARIFF)
    seed_accounts(engine, many_accounts(accounts), season=SEASON)
    log(f"  {accounts:,} accounts in {time.perf_counter() - start:.0f} s")
    open_season(uow_factory(engine)(), LOCAL_OPERATOR, SEASON, billed_on=BILLED_ON)
    log(f"  billed in {time.perf_counter() - start:.0f} s")
    write_entries(engine, accounts, entries)
    log(f"  {entries:,} journal entries in {time.perf_counter() - start:.0f} s")
    engine.dispose()


def _entry(counter: str, seq: int, account: str, amount: int, moment) -> JournalEntry:
    details = EntryDetails(
        lines=(EntryLine(SEASON, "principal", amount),),
        parts=(TenderPart("cash", amount),),
        extra={"account": {"no": account, "name": "张三", "address": "幸福小区1号楼1单元101",
                           "category": "居民", "area": "89.56", "season": SEASON},
               "items": [["热费", amount, ""]], "due": amount * 3, "balance": amount * 2},
    )
    return JournalEntry(
        uuid=str(uuid.uuid4()), counter=counter, seq=seq, kind=PAYMENT,
        business_date=PAID_ON, value_date=PAID_ON, taken_at=moment,
        device_time=device_time(moment), staff_no="0007", staff_name="王某", shift_seq=None,
        account_no=account, amount_fen=amount, applied_fen=amount, channel="cash",
        reverses=None, body=details.to_body(),
    )


def write_entries(engine, accounts: int, entries: int) -> None:
    """`entries` sealed payment entries over the counters, one per account (cycling)."""
    heads = {code: (0, GENESIS_HASH) for code in COUNTERS}
    moment = dt.datetime(2025, 11, 20, 2, 0, tzinfo=dt.UTC)
    rows = []
    with engine.begin() as conn:
        for n in range(entries):
            code = COUNTERS[n % len(COUNTERS)]
            seq, prev = heads[code]
            entry = seal(_entry(code, seq + 1, account_no(n % accounts), 1000 + n % 9000,
                                moment), prev)
            heads[code] = (entry.seq, entry.hash)
            rows.append(_row_values(entry))
            if len(rows) == BATCH:
                conn.execute(insert(JournalRow.__table__), rows)
                rows = []
        if rows:
            conn.execute(insert(JournalRow.__table__), rows)
        for code, (seq, digest) in heads.items():
            conn.execute(insert(CounterRow.__table__).values(
                code=code, last_seq=seq, head_hash=digest))
        conn.execute(update(CounterRow.__table__).values(open_shift_seq=None))


def cached_copy(cache: Path, target: Path, accounts: int, entries: int, log=print) -> None:
    """Copy the cached SQLite books of this size to `target`, building them first if needed."""
    source = cache / f"books-{accounts}-{entries}.db"
    if not source.exists():
        log(f"building {source} (once) ...")
        partial = source.with_suffix(".part")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        build(f"sqlite:///{partial}", accounts, entries, log)
        with sqlite3.connect(partial) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        partial.rename(source)
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    engine = make_engine(f"sqlite:///{target}")
    create_schema(engine)  # tables added to the application since the cache was built
    engine.dispose()
