"""The collectors' reliability simulation at CI size: 3 devices × 200 payments with dropped
connections, replays, a bundle imported twice, clocks ±1 day and a sync killed mid-way
(tests/support/device_sim.py; the full size is tests/perf/device_sync.py)."""

from __future__ import annotations

import pytest
from support.device_sim import check_union, run_simulation


@pytest.mark.slow
def test_three_devices_sync_exactly_the_union_through_every_fault(engine, make_uow, tmp_path):
    fleet, report = run_simulation(
        make_uow, engine.url.render_as_string(hide_password=False), tmp_path,
        devices=3, payments=200, rounds=5,
    )  # fmt: skip
    assert check_union(make_uow, fleet) == []
    assert report.payments == 600
    assert report.entries == 600 + report.voids + 3
    assert set(report.syncs) == {"direct", "replay", "bundle", "killed", "lost"}
    assert report.drops > 0 and report.kills > 0 and report.partial > 0, report
    with make_uow() as uow:
        flags = uow.devices.flags()
        postings = [p for d in fleet for p in uow.devices.postings_for(d.code)]
    skews = [p.skew_seconds for p in postings]
    assert max(skews) > 43200 and min(skews) < -43200, "clocks a day fast and slow recorded"
    assert all(p.ledger_date <= p.booked_on for p in postings)
    assert flags, "credits from the same accounts paid twice are flagged"
