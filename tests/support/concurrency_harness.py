"""Concurrent posting on PostgreSQL: processes on different counters and on the same counter.

Each worker process posts `count` payments of pseudo-random amounts to pseudo-random accounts
and writes what it was acknowledged (uuid, receipt number, fen) to its own file. `check` then
compares the database with the acknowledgements: no duplicate or missing numbers per counter,
every chain verifies, every acknowledged UUID is there once, and the totals agree.
Used by tests/integration/test_pg_concurrency.py and tests/perf/pg_concurrency.py.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from cashier.domain.actor import Actor
from cashier.services.journal_verify import check_journals
from cashier.services.payments import PaymentRequest, post_payment
from cashier.store.engine import make_engine
from cashier.store.models import JournalRow
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory
from tests.support.payment_books import (
    add_plain_accounts,
    cash,
    seed_books,
    start_shift,
    station_at,
)

DAY = dt.date(2025, 11, 10)
ACCOUNTS = ("T-0001", "T-0002", "T-0003", "T-0004")


def cashier_of(counter: str) -> Actor:
    """The cashier whose shift is open at `counter`."""
    return Actor(None, f"9{counter}", f"收费员{counter}", frozenset({"cashier"}))


def prepare(url: str, counters: list[str], accounts: int = 200) -> None:
    """The test books, `accounts` more accounts (payments spread over them as over a real
    company's households), and an open shift at each counter."""
    engine = make_engine(url)
    create_schema(engine)
    make_uow = uow_factory(engine)
    seed_books(make_uow)
    add_plain_accounts(make_uow, accounts)
    for counter in sorted(set(counters)):
        start_shift(make_uow, station_at(DAY, counter), cashier_of(counter))
    engine.dispose()


def _worker(url: str, counter: str, count: int, out: str, seed: int, accounts: int) -> None:
    rng = random.Random(seed)
    numbers = [*ACCOUNTS, *(f"P-{index:05d}" for index in range(1, accounts + 1))]
    engine = make_engine(url)
    make_uow = uow_factory(engine)
    station, actor = station_at(DAY, counter), cashier_of(counter)
    with open(out, "w", encoding="utf-8") as acks:
        for _ in range(count):
            amount = rng.randint(1, 50000)
            request = PaymentRequest(
                str(uuid.uuid4()), rng.choice(numbers), (cash(amount),), allow_credit=True
            )
            result = post_payment(make_uow(), actor, station, request)
            acks.write(f"{request.client_uuid} {result.receipt_no} {amount}\n")
    engine.dispose()


def run_workers(
    url: str, counters: list[str], count: int, work: Path, accounts: int = 200
) -> list[Path]:
    """One process per entry of `counters` (repeat a code for two on one counter)."""
    context = multiprocessing.get_context("spawn")
    outputs = [work / f"acks-{i}-{code}.txt" for i, code in enumerate(counters)]
    processes = [
        context.Process(target=_worker, args=(url, code, count, str(out), i, accounts))
        for i, (code, out) in enumerate(zip(counters, outputs, strict=True))
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"worker exited with {process.exitcode}")
    return outputs


@dataclass
class ConcurrencyReport:
    """What the database holds compared with the acknowledgements."""

    acknowledged: int
    acknowledged_fen: int
    stored_payments: int
    stored_fen: int
    duplicate_uuids: int
    numbering_ok: bool
    verified: bool
    problem: str | None


def check(url: str, outputs: list[Path]) -> ConcurrencyReport:
    """Compare the database with the workers' acknowledgements."""
    acked = [line.split() for out in outputs for line in out.read_text().splitlines()]
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(JournalRow.counter_code, JournalRow.seq, JournalRow.uuid)
        ).all()
        stored_fen = conn.scalar(
            select(func.sum(JournalRow.amount_fen)).where(JournalRow.kind == "payment")
        )
    by_counter: dict[str, list[int]] = {}
    for code, seq, _ in rows:
        by_counter.setdefault(code, []).append(seq)
    numbering = all(sorted(s) == list(range(1, len(s) + 1)) for s in by_counter.values())
    stored = {u for _, _, u in rows}
    result = check_journals(uow_factory(engine)())
    engine.dispose()
    return ConcurrencyReport(
        acknowledged=len(acked),
        acknowledged_fen=sum(int(amount) for _, _, amount in acked),
        stored_payments=sum(1 for line in acked if line[0] in stored),
        stored_fen=stored_fen or 0,
        duplicate_uuids=len(rows) - len(stored),
        numbering_ok=numbering,
        verified=result.ok,
        problem=result.problem,
    )
