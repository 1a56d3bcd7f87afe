"""Crash-safety harness: a forked child posts payments in a loop and the parent SIGKILLs it.

The child writes the UUID it is about to post to an intent file first (atomically replaced),
posts, then appends "uuid receipt_no" to the acknowledgement file with a single write() to an
O_APPEND descriptor (in the kernel as soon as the call returns; SIGKILL cannot lose it). A
new child first retries the previous child's intent with the same UUID, as a real client
retries after a crash. Used by tests/integration/test_crash_safety.py (200 kills) and
tests/perf/crash_safety.py (1,000 kills).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from cashier.services.journal_verify import check_journals
from cashier.services.payments import PaymentRequest, post_payment
from cashier.store.engine import make_engine
from cashier.store.models import JournalRow
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory
from tests.support.payment_books import (
    CASHIER,
    add_plain_accounts,
    cash,
    seed_books,
    start_shift,
    station_at,
)

ACCOUNTS = ("T-0001", "T-0002", "T-0003", "T-0004", *(f"P-{i:05d}" for i in range(1, 197)))
DAY = dt.date(2025, 11, 10)


@dataclass
class CrashReport:
    """What a run of kills left behind."""

    kills: int
    acknowledged: int
    duplicates_returned: int
    entries: int
    payments: int
    integrity: str
    verified: bool
    problem: str | None
    missing: list[str]
    doubled: list[str]
    gaps: bool


def prepare(url: str) -> Engine:
    """A new database with the test books, an open shift at A01, and an engine whose
    statement cache is warm (children reuse it after fork, with an empty pool)."""
    engine = make_engine(url)
    create_schema(engine)
    make_uow = uow_factory(engine)
    seed_books(make_uow)
    add_plain_accounts(make_uow, 196)
    start_shift(make_uow, station_at(DAY))
    request = PaymentRequest(str(uuid.uuid4()), ACCOUNTS[0], (cash(100),), allow_credit=True)
    post_payment(make_uow(), CASHIER, station_at(DAY), request)
    engine.dispose()
    return engine


def _child(engine: Engine, work: Path, seed: int) -> None:
    rng = random.Random(seed)
    engine.dispose(close=False)
    make_uow = uow_factory(engine)
    station = station_at(DAY)
    acks = os.open(work / "acked.txt", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    intent = work / "intent.txt"
    pending = intent.read_text().strip() if intent.exists() else ""
    while True:
        payment_uuid = pending or str(uuid.uuid4())
        temp = work / f"intent.{os.getpid()}"
        temp.write_text(payment_uuid)
        os.replace(temp, intent)
        account = ACCOUNTS[int(payment_uuid[:8], 16) % len(ACCOUNTS)]
        amount = 100 + int(payment_uuid[9:13], 16) % 9900
        request = PaymentRequest(payment_uuid, account, (cash(amount),), allow_credit=True)
        result = post_payment(make_uow(), CASHIER, station, request)
        tag = "dup" if result.duplicate else "new"
        os.write(acks, f"{payment_uuid} {result.receipt_no} {tag}\n".encode())
        pending = ""
        if rng.random() < 0.01:
            time.sleep(0.001)


def run_kills(
    engine: Engine, work: Path, kills: int, *, seed: int = 5, max_delay: float = 0.08
) -> int:
    """Fork a posting child `kills` times and SIGKILL each after a random delay."""
    rng = random.Random(seed)
    gc.freeze()  # children then do not copy the parent's heap page by page
    for index in range(kills):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child is killed, never returns
            try:
                _child(engine, work, seed * 100_000 + index)
            finally:
                os._exit(3)
        time.sleep(rng.uniform(0.0, max_delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if not os.WIFSIGNALED(status):
            raise RuntimeError(f"child {index} ended by itself (status {status}): it failed")
    return kills


def inspect(url: str, work: Path, kills: int) -> CrashReport:
    """Compare the acknowledgements with the database after the kills."""
    lines = (work / "acked.txt").read_text().splitlines() if (work / "acked.txt").exists() else []
    acked = {}
    duplicates = 0
    for line in lines:
        payment_uuid, receipt_no, tag = line.split()
        acked.setdefault(payment_uuid, receipt_no)
        duplicates += tag == "dup"
    engine = make_engine(url)
    with engine.connect() as conn:
        counts = dict(
            conn.execute(select(JournalRow.uuid, func.count()).group_by(JournalRow.uuid)).all()
        )
        seqs = conn.execute(select(JournalRow.seq).order_by(JournalRow.seq)).scalars().all()
        payments = conn.scalar(
            select(func.count()).select_from(JournalRow).where(JournalRow.kind == "payment")
        )
        integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
    result = check_journals(uow_factory(engine)())
    engine.dispose()
    return CrashReport(
        kills=kills,
        acknowledged=len(acked),
        duplicates_returned=duplicates,
        entries=len(seqs),
        payments=payments or 0,
        integrity=integrity,
        verified=result.ok,
        problem=result.problem,
        missing=[u for u in acked if counts.get(u, 0) == 0],
        doubled=[u for u, n in counts.items() if n > 1],
        gaps=seqs != list(range(1, len(seqs) + 1)),
    )
