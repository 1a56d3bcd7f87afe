"""Screenshots of the collector's laptop: the route page in the main window and the sync
dialog's summary, in Chinese, rendered offscreen.

Usage: python tests/ui/screenshot_collector.py [OUT_DIR]   (default /tmp/shots)
(not collected by pytest: the file name does not start with test_)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parents[0]), str(HERE)]

from collector_data import laptop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from support.device_sim import DAY  # noqa: E402
from support.device_world import COLLECTOR, beijing, fixed  # noqa: E402
from support.payment_books import cash, pay, start_shift, station_at  # noqa: E402

from cashier.services.context import AppContext  # noqa: E402
from cashier.services.station import Station  # noqa: E402
from cashier.services.sync_device import sync_direct  # noqa: E402
from cashier.ui.app import (  # noqa: E402
    create_application,
    ensure_cjk_font,
    install_translators,
    make_main_window,
)
from cashier.ui.collector import install_collector  # noqa: E402
from cashier.ui.collector.sync_dialog import SyncDialog  # noqa: E402
from cashier.ui.runner import Runner  # noqa: E402


def wait(app: QApplication, done, seconds: float = 30) -> None:
    import time

    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    if not done():
        raise SystemExit("timed out waiting for the window")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    install_translators(app, "zh")
    ensure_cjk_font(app)
    world = laptop(Path(tempfile.mkdtemp(prefix="collector-shots-")), paid=6)
    device = world.device
    context = AppContext(
        uow_factory=device.make_uow, actor=COLLECTOR, database_label="SQLite: C01.db（设备 C01）",
        counter_code="C01", company_name="幸福热力有限公司", service_phone="0000-0000000",
        demo=False,
    )  # fmt: skip
    window = make_main_window(context)
    page = install_collector(window, world.central)
    page.station = Station("C01", fixed(device.now))
    window.resize(1366, 768)
    window.show_page("accounts")
    window.show()
    page.reload()
    wait(app, lambda: page.model.rowCount() == 40)
    page.building.setCurrentIndex(page.building.findData("2"))
    wait(app, lambda: 0 < page.model.rowCount() < 40 and page.model.stop(0).building == "2")
    window.grab().save(str(out / "collector_route.png"))
    counter = station_at(DAY, hour=15)
    start_shift(world.central, counter)
    pay(world.central, counter, world.numbers[0], cash(110000))
    pay(world.central, counter, world.numbers[1], cash(50000))
    device.now = beijing(DAY, 18, 30)
    job = lambda progress: sync_direct(  # noqa: E731
        device.make_uow, world.central, COLLECTOR,
        device_clock=lambda: device.now.replace(minute=33), central_clock=fixed(device.now),
        progress=progress,
    )  # fmt: skip
    dialog = SyncDialog(Runner(device.make_uow), job, window)
    dialog.show()
    dialog.start()
    wait(app, lambda: dialog.summary is not None)
    app.processEvents()
    dialog.grab().save(str(out / "collector_sync_summary.png"))
    print(out / "collector_route.png", out / "collector_sync_summary.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
