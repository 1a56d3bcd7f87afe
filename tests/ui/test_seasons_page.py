"""The Seasons page: tariff files, 开征 with progress, cancelling and completing it later."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from dataclasses import replace

import pytest
from account_pages_data import SEASON, TODAY, build_database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

import cashier.ui.pages.seasons as seasons_module
from cashier.domain.actor import Actor
from cashier.services.billing import open_season
from cashier.services.demo import DEMO_TARIFF
from cashier.ui.pages.long_job import LongJob
from cashier.ui.pages.seasons import SeasonsPage
from cashier.ui.runner import Runner

WAIT_MS = 10_000
ACCOUNTS = 302
CASHIER = Actor(id=7, staff_no="0007", name="张三", roles=frozenset({"cashier"}))


@pytest.fixture
def page(qtbot, tmp_path) -> SeasonsPage:
    widget = SeasonsPage(build_database(tmp_path, bill=False), today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: len(widget.rows) == 1, timeout=WAIT_MS)
    return widget


def _cells(page: SeasonsPage) -> list[str]:
    return [page.table.item(0, c).text() for c in range(page.table.columnCount())]


def _message(qtbot, page: SeasonsPage) -> str:
    qtbot.waitUntil(lambda: page.last_dialog is not None, timeout=WAIT_MS)
    text = page.last_dialog.text()
    page.last_dialog = None
    return text


def test_lists_the_season_with_nothing_billed_yet(page):
    assert _cells(page) == [SEASON, "2025-11-15", "2026-03-15", "121", "2025-12-31", "0",
                            str(ACCOUNTS)]
    assert page.selected_code() == SEASON and page.open_button.isEnabled()


def test_billing_the_season_fills_the_bills_column(qtbot, page):
    page.open_selected()
    assert f"{ACCOUNTS} new bills" in _message(qtbot, page)
    qtbot.waitUntil(lambda: page.rows[0].bills == ACCOUNTS, timeout=WAIT_MS)
    assert _cells(page)[5:] == [str(ACCOUNTS), "0"]


def test_a_cancelled_run_keeps_its_bills_and_a_second_run_completes(qtbot, page, monkeypatch):
    def stop_after_first_batch(uow, actor, code, *, billed_on, progress, cancelled):
        batches: list[int] = []

        def counted(done: int, total: int) -> None:
            batches.append(done)
            progress(done, total)

        return open_season(uow, actor, code, billed_on=billed_on, batch_size=100,
                           progress=counted, cancelled=lambda: bool(batches))

    monkeypatch.setattr(seasons_module, "open_season", stop_after_first_batch)
    page.open_selected()
    assert "Cancelled. 100 accounts" in _message(qtbot, page)
    qtbot.waitUntil(lambda: page.rows[0].bills == 100, timeout=WAIT_MS)
    assert page.rows[0].unbilled == ACCOUNTS - 100
    monkeypatch.undo()
    page.open_selected()
    assert f"{ACCOUNTS - 100} new bills, 100 already billed" in _message(qtbot, page)
    qtbot.waitUntil(lambda: page.rows[0].unbilled == 0, timeout=WAIT_MS)


def test_a_changed_tariff_file_is_refused_once_the_season_has_bills(qtbot, page, tmp_path):
    page.open_selected()
    _message(qtbot, page)
    dearer = tmp_path / "dearer.toml"
    dearer.write_text(DEMO_TARIFF.replace("area_price = 22.00", "area_price = 23.00"), "utf-8")
    page.load_tariff_file(dearer)
    text = _message(qtbot, page)
    assert "已开征" in text and page.last_dialog is None


def test_a_new_season_file_adds_a_row(qtbot, page, tmp_path):
    later = tmp_path / "later.toml"
    later.write_text(DEMO_TARIFF.replace("2025-2026", "2026-2027").replace("2025-", "2026-")
                     .replace("2026-03-15", "2027-03-15"), "utf-8")
    page.load_tariff_file(later)
    assert "2026-2027" in _message(qtbot, page)
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=WAIT_MS)
    assert [r.code for r in page.rows] == ["2026-2027", SEASON]


def test_a_broken_tariff_file_names_the_key(qtbot, page, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(DEMO_TARIFF.replace("area_price = 22.00\n", ""), "utf-8")
    page.load_tariff_file(broken)
    assert "tariff.residential.area_price" in _message(qtbot, page)
    assert page.last_dialog is None and len(page.rows) == 1


def test_the_cancel_button_reaches_the_running_job(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = Runner(lambda: None, parent)
    job = LongJob(runner, parent, "开征", lambda done, total: f"{done}/{total}")

    def work(_uow, progress, cancelled):
        progress(1, 10)
        deadline = time.monotonic() + 5
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        return cancelled()

    with qtbot.waitSignal(job.done, timeout=WAIT_MS) as finished:
        job.start(work)
        qtbot.waitUntil(lambda: job.dialog.labelText() == "1/10", timeout=WAIT_MS)
        qtbot.waitUntil(job.dialog.isVisible, timeout=WAIT_MS)
        qtbot.mouseClick(job.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        assert "Cancelling" in job.dialog.labelText()
    assert finished.args == [True]
    assert not job.dialog.isVisible()



def test_a_cashier_sees_the_seasons_but_not_the_admin_buttons(qtbot, tmp_path):
    context = replace(build_database(tmp_path, bill=False), actor=CASHIER)
    page = SeasonsPage(context, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=WAIT_MS)
    assert page.load_button.isHidden() and page.open_button.isHidden()
    assert not page.refresh_button.isHidden()
