"""The collector's route page and sync dialog on a real laptop database (SQLite) checked out
from central books, driven through their own methods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from collector_data import laptop
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from support.device_sim import DAY
from support.device_world import COLLECTOR, beijing, fixed

from cashier.domain.route import OWES, PAID_TODAY, natural_key
from cashier.services.context import AppContext
from cashier.services.station import Station
from cashier.services.sync_device import import_upload, sync_direct
from cashier.ui.app import make_main_window
from cashier.ui.collector import install_collector, sync_dialog
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


def _context(world) -> AppContext:
    return AppContext(
        uow_factory=world.device.make_uow, actor=COLLECTOR, database_label="SQLite: C01.db",
        counter_code="C01", company_name="幸福热力有限公司", service_phone="0000-0000000",
        demo=False,
    )  # fmt: skip


def _outbox(world) -> int:
    with world.device.make_uow() as uow:
        return len(uow.devices.outbox())


def _bundle_dialog(qtbot, world, monkeypatch, upload: Path, answer: Path) -> SyncDialog:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(upload), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(answer), ""))
    dialog = sync_dialog(None, _context(world), None, Runner(world.device.make_uow))
    qtbot.addWidget(dialog)
    assert dialog.start_button.isHidden() and not dialog.upload_button.isHidden()
    return dialog


def test_without_a_connection_the_dialog_carries_both_bundle_files(
    qtbot, world, monkeypatch, tmp_path
):
    upload, answer = tmp_path / "up.cbundle", tmp_path / "back.cbundle"
    dialog = _bundle_dialog(qtbot, world, monkeypatch, upload, answer)
    dialog.upload_button.click()
    qtbot.waitUntil(lambda: dialog.upload_button.isEnabled(), timeout=20000)
    assert str(upload) in dialog.stage.text() and "5" in dialog.stage.text()
    assert dialog.bar.value() == dialog.bar.maximum() == 1
    posted, content = import_upload(
        world.central, COLLECTOR, upload.read_bytes(), clock=fixed(beijing(DAY, 18))
    )
    assert posted.summary.uploaded == 5 and _outbox(world) == 5
    answer.write_bytes(content)
    dialog.answer_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20000)
    assert dialog.summary.uploaded == 5 and _outbox(world) == 0
    assert dialog.findChild(type(dialog.stage), "syncFigure0").text() == "5"


def test_an_upload_file_that_cannot_be_written_is_said_and_loses_nothing(
    qtbot, world, monkeypatch, tmp_path
):
    upload = tmp_path / "no such stick" / "up.cbundle"
    dialog = _bundle_dialog(qtbot, world, monkeypatch, upload, tmp_path / "back.cbundle")
    dialog.upload_button.click()
    qtbot.waitUntil(lambda: dialog.upload_button.isEnabled(), timeout=20000)
    assert dialog.summary is None and not upload.exists()
    said = dialog.tr("The sync did not finish: {message}").split("{message}")[0]
    assert dialog.stage.text().startswith(said) and dialog.close_button.isEnabled()
    assert _outbox(world) == 5


def test_enter_on_the_route_opens_the_household_on_the_counter_page(qtbot, world):
    window = make_main_window(_context(world))
    qtbot.addWidget(window)
    page = install_collector(window, world.central)
    assert window.page("accounts") is page and window.nav_button("accounts").text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40, timeout=20000)
    stop = page.model.stop(7)
    page.table.activated.emit(page.model.index(7, 0))
    assert window.current_page_key() == "counter"
    counter = window.page("counter")
    qtbot.waitUntil(lambda: counter.account.panel is not None, timeout=20000)
    assert counter.account.panel.account_no == stop.account_no
