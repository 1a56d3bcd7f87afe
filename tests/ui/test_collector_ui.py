"""The collector's route page and sync dialog on a real laptop database (SQLite) checked out
from central books, driven through their own methods."""

from __future__ import annotations

import datetime as dt

import pytest
from collector_data import laptop
from PySide6.QtCore import Qt
from support.device_sim import DAY
from support.device_world import COLLECTOR, beijing, fixed

from cashier.domain.route import OWES, PAID_TODAY, natural_key
from cashier.services.station import Station
from cashier.services.sync_device import sync_direct
from cashier.ui.collector.route_model import RouteModel
from cashier.ui.collector.route_page import RoutePage
from cashier.ui.collector.sync_dialog import SyncDialog
from cashier.ui.runner import Runner


@pytest.fixture
def world(tmp_path):
    return laptop(tmp_path)


def _page(qtbot, world, opened: list[str]) -> RoutePage:
    device = world.device
    runner = Runner(device.make_uow)
    station = Station("C01", fixed(device.now))
    page = RoutePage(runner, station, opened.append, lambda: None)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40, timeout=20000)
    return page


def test_the_route_walks_building_by_building_and_shows_who_still_owes(qtbot, world):
    opened: list[str] = []
    page = _page(qtbot, world, opened)
    stops = [page.model.stop(row) for row in range(page.model.rowCount())]
    keys = [(natural_key(s.building), natural_key(s.unit), natural_key(s.room)) for s in stops]
    assert keys == sorted(keys)
    paid = {s.account_no for s in stops if s.status == PAID_TODAY}
    assert paid == set(world.numbers[:12:3])
    assert all(s.status == OWES for s in stops if s.account_no not in paid)
    assert "36" in page.totals.text() and "4" in page.totals.text()
    page.table.setCurrentIndex(page.model.index(5, 0))
    page.table.activated.emit(page.table.currentIndex())
    assert opened == [stops[5].account_no]


def test_one_building_at_a_time(qtbot, world):
    page = _page(qtbot, world, [])
    page.building.setCurrentIndex(page.building.findData("2"))
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < 40, timeout=20000)
    assert {page.model.stop(r).building for r in range(page.model.rowCount())} == {"2"}


def test_route_model(qtmodeltester, world, qtbot):
    page = _page(qtbot, world, [])
    model = RouteModel()
    model.set_stops([page.model.stop(r) for r in range(page.model.rowCount())])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole) is not None


def test_the_sync_dialog_shows_progress_then_the_summary(qtbot, world):
    device = world.device
    device.now = beijing(DAY, 18)
    seen: list[tuple[int, int, str]] = []

    def job(progress):
        def track(done, total, what):
            seen.append((done, total, what))
            progress(done, total, what)

        return sync_direct(
            device.make_uow, world.central, COLLECTOR,
            device_clock=device.clock, central_clock=fixed(beijing(DAY, 18)), progress=track,
        )  # fmt: skip

    dialog = SyncDialog(Runner(device.make_uow), job)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20000)
    assert dialog.summary.uploaded == 5 and dialog.summary.conflicts == 0
    assert dialog.findChild(type(dialog.stage), "syncFigure0").text() == "5"
    assert seen and seen[-1][0] == seen[-1][1] == 5
    assert dialog.summary.booked_on == DAY + dt.timedelta(days=0)
