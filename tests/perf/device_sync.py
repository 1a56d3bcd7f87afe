"""Collectors' devices at full size, with the figures of issue 8.

    .venv/bin/python tests/perf/device_sync.py [--devices 10] [--payments 1000]
        [--sync-payments 2000] [--checkout-accounts 5000] [--skip-simulation]

On a throwaway PostgreSQL cluster (tests/support/pgcluster.py):

1. the reliability simulation (tests/support/device_sim.py) with 10 devices x 1,000 payments,
   dropped connections, replays, bundles imported twice, clocks +-1 day and syncs killed
   mid-way: the central books must end with exactly the union, every chain verifying;
2. a sync of 2,000 payments from one laptop to PostgreSQL (target: under 10 s);
3. a check-out of 5,000 accounts into a laptop's SQLite file, direct and as a bundle
   (target: under 10 s).

Prints the figures; exits 1 when a check fails or a figure misses its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.device_sim import DAY, check_union, run_simulation, seed_central  # noqa: E402
from support.device_world import COLLECTOR, beijing, fixed, make_device  # noqa: E402
from support.pgcluster import PgCluster, PgUnavailable  # noqa: E402

from cashier.domain.device import WorklistScope  # noqa: E402
from cashier.services.checkout import (  # noqa: E402
    WorkList,
    checkout_direct,
    load_worklist,
    make_worklist,
    read_central_bundle,
    worklist_bundle,
)
from cashier.services.sync_device import sync_direct  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402

TARGET_SECONDS = 10.0


def _central(cluster: PgCluster, name: str):
    url = cluster.create_database(name)
    engine = make_engine(url)
    create_schema(engine)
    return url, uow_factory(engine)


def simulation(cluster: PgCluster, folder: Path, devices: int, payments: int) -> bool:
    url, central = _central(cluster, "cashier_device_sim")
    fleet, report = run_simulation(
        central, url, folder, devices=devices, payments=payments, rounds=5,
        accounts=2000, log=lambda text: print(f"  {text}", flush=True),
    )  # fmt: skip
    problems = check_union(central, fleet)
    print(f"simulation: {devices} devices x {payments:,} payments ({report.voids} voids), "
          f"{report.entries:,} entries, syncs {report.syncs}, {report.kills} killed "
          f"({report.partial} mid-upload), {report.drops} dropped connections, "
          f"{report.seconds:.1f} s")
    for problem in problems:
        print(f"  FAILED: {problem}")
    print(f"  union, chains, totals, outboxes: {'OK' if not problems else 'FAILED'}")
    return not problems


def sync_figure(cluster: PgCluster, folder: Path, payments: int) -> bool:
    _, central = _central(cluster, "cashier_device_sync")
    numbers = seed_central(central, 2000)
    device = make_device(central, folder, "S01")
    device.open_shift()
    rng = random.Random(2)
    started = time.perf_counter()
    for _ in range(payments):
        device.now += dt.timedelta(seconds=10)
        device.pay(rng.choice(numbers), rng.randint(100, 200000))
    posting = time.perf_counter() - started
    device.now = beijing(DAY + dt.timedelta(days=1), 9)
    started = time.perf_counter()
    summary = sync_direct(
        device.make_uow, central, COLLECTOR,
        device_clock=device.clock, central_clock=fixed(device.now),
    )  # fmt: skip
    seconds = time.perf_counter() - started
    ok = summary.uploaded == payments + 1 and seconds < TARGET_SECONDS
    print(f"sync of {payments:,} payments (+ shift open) to PostgreSQL: {seconds:.2f} s "
          f"({summary.uploaded / seconds:,.0f} entries/s; {summary.conflicts} flagged; "
          f"taking them offline took {posting:.1f} s) target < {TARGET_SECONDS:.0f} s: "
          f"{'OK' if ok else 'MISSED'}")
    return ok


def checkout_figure(cluster: PgCluster, folder: Path, accounts: int) -> bool:
    _, central = _central(cluster, "cashier_device_checkout")
    seed_central(central, accounts)
    device = make_device(central, folder, "K01", checkout=False)
    scope = WorklistScope(everything=True)
    started = time.perf_counter()
    done = checkout_direct(central, device.make_uow, COLLECTOR, scope)
    direct = time.perf_counter() - started
    bundle_device = make_device(central, folder, "K02", checkout=False)
    started = time.perf_counter()
    worklist = make_worklist(central(), COLLECTOR, "K02", scope, via="bundle")
    content = worklist_bundle(central(), worklist)
    bundle = read_central_bundle(bundle_device.make_uow(), content, "checkout")
    load_worklist(bundle_device.make_uow(), WorkList(bundle.header, bundle.records))
    via_bundle = time.perf_counter() - started
    ok = done.accounts == accounts and max(direct, via_bundle) < TARGET_SECONDS
    print(f"check-out of {done.accounts:,} accounts ({done.rows:,} rows): direct {direct:.2f} s, "
          f"as a bundle of {len(content) / 1e6:.1f} MB (make, verify, load) {via_bundle:.2f} s; "
          f"target < {TARGET_SECONDS:.0f} s: {'OK' if ok else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--payments", type=int, default=1000, help="per device")
    parser.add_argument("--sync-payments", type=int, default=2000)
    parser.add_argument("--checkout-accounts", type=int, default=5000)
    parser.add_argument("--skip-simulation", action="store_true")
    args = parser.parse_args()
    cluster = PgCluster()
    try:
        cluster.start()
    except PgUnavailable as exc:
        print(f"PostgreSQL unavailable: {exc.reason}")
        return 1
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="device-perf-") as workdir:
            folder = Path(workdir)
            results.append(checkout_figure(cluster, folder, args.checkout_accounts))
            results.append(sync_figure(cluster, folder, args.sync_payments))
            if not args.skip_simulation:
                results.append(simulation(cluster, folder, args.devices, args.payments))
    finally:
        cluster.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
