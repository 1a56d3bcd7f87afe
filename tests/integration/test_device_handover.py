"""After a sync, the collector's cash taken offline goes through the hand-over (缴款) of the
reconciliation issue: it shows as the collector's open cash, and a hand-over settles it."""

from __future__ import annotations

import datetime as dt

from support.device_world import COLLECTOR, beijing, fixed, make_device
from support.payment_books import CASHIER, seed_books, start_shift, station_at
from support.reconciliation_books import add_collector, handover_request

from cashier.services.handover import collector_cash, collectors_holding_cash, record_handover
from cashier.services.sync_device import sync_direct

DAY = dt.date(2025, 11, 20)


def test_cash_taken_offline_is_handed_over_after_the_sync(make_uow, tmp_path):
    seed_books(make_uow)
    add_collector(make_uow, COLLECTOR)
    device = make_device(make_uow, tmp_path, "C01")
    device.open_shift()
    device.pay("T-0001", 100000)
    device.pay("T-0002", 55000)
    assert collector_cash(make_uow(), CASHIER, COLLECTOR.staff_no).open_fen == 0
    device.now = beijing(DAY, 17)
    sync_direct(
        device.make_uow, make_uow, COLLECTOR,
        device_clock=device.clock, central_clock=fixed(device.now),
    )  # fmt: skip
    held = collector_cash(make_uow(), CASHIER, COLLECTOR.staff_no)
    assert held.open_fen == 155000
    assert [c.staff_no for c in collectors_holding_cash(make_uow(), CASHIER, DAY)] == ["0011"]
    counter = station_at(DAY, hour=17)
    start_shift(make_uow, counter)
    record = record_handover(make_uow(), CASHIER, counter, handover_request(COLLECTOR, 155000))
    assert record.counted_fen == record.expected_fen == 155000
    assert collector_cash(make_uow(), CASHIER, COLLECTOR.staff_no).open_fen == 0
