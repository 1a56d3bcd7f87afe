"""A device's sync run in a child process, for the tests that kill it (SIGKILL) mid-sync.

    python -m support.sync_child CENTRAL_URL DEVICE_URL DEVICE_TIME CENTRAL_TIME

The times are ISO texts (the device's clock reading and the central clock). Prints "done"
when the sync completed, after "syncing" when it starts and "posted DONE TOTAL" after each
chunk of the upload the central books committed (the parent kills it after one of those).
"""

from __future__ import annotations

import datetime as dt
import sys

from cashier.services import sync
from cashier.services.sync_device import sync_direct
from cashier.store.engine import make_engine
from cashier.store.uow import uow_factory
from support.device_world import COLLECTOR


def _report(done: int, total: int, what: str) -> None:
    if what == "上传":
        print(f"posted {done} {total}", flush=True)


def main(argv: list[str]) -> int:
    central_url, device_url, device_time, central_time = argv
    central = uow_factory(make_engine(central_url))
    device = uow_factory(make_engine(device_url))
    sync.CHUNK = 5  # many small transactions: a kill lands between or inside them
    print("syncing", flush=True)
    sync_direct(
        device, central, COLLECTOR,
        device_clock=lambda: dt.datetime.fromisoformat(device_time),
        central_clock=lambda: dt.datetime.fromisoformat(central_time),
        progress=_report,
    )  # fmt: skip
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
