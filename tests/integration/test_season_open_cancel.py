"""`cashier season open` stopped with Ctrl+C keeps the committed batches; a rerun completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from support.billing_seed import many_accounts, migrated_database, seed_accounts
from support.tariff_files import LANGFANG

from cashier.domain.actor import LOCAL_OPERATOR
from cashier.services.tariffs import load_tariffs
from cashier.store.engine import make_engine
from cashier.store.uow import uow_factory

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS = 6_000


def _season_open(url: str, batch: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cashier", "--db", url, "season", "open", "2025-2026",
         "--batch", str(batch)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _bills(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM bills")).scalar()


def test_ctrl_c_stops_after_a_batch_and_a_rerun_completes(db_url):
    migrated_database(db_url)
    engine = make_engine(db_url)
    load_tariffs(uow_factory(engine)(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, many_accounts(ACCOUNTS), season="2025-2026")

    run = _season_open(db_url, 10)
    first = run.stderr.readline()
    assert first.startswith("开征 2025-2026："), first
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 1, out + err
    assert "已取消" in err and "可继续" in err
    stopped_at = _bills(engine)
    assert 0 < stopped_at < ACCOUNTS
    assert stopped_at % 10 == 0  # whole batches only

    rerun = _season_open(db_url, 5_000)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"此前已开征 {stopped_at:,} 户" in out
    assert _bills(engine) == ACCOUNTS
    engine.dispose()
