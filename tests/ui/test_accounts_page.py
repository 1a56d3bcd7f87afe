"""The Accounts page on a real SQLite database: search as you type, the keyboard, the account
view, and import with its all-or-nothing error list."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace
from pathlib import Path

import pytest
from account_pages_data import SEASON, TODAY, build_database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from cashier.domain.actor import Actor
from cashier.ui.main_window import MainWindow
from cashier.ui.pages.account_files import ImportErrorsDialog
from cashier.ui.pages.accounts_area import AccountsArea, install_account_pages

WAIT_MS = 10_000
HEADER = "户号,户名,电话,小区,楼号,单元,室号,用户类别,供热面积,往年欠费\n"


@pytest.fixture
def context(tmp_path):
    return build_database(tmp_path)


@pytest.fixture
def area(qtbot, context) -> AccountsArea:
    widget = AccountsArea(context, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    return widget


@pytest.fixture
def window(qtbot, context) -> MainWindow:
    win = MainWindow(context)
    qtbot.addWidget(win)
    install_account_pages(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _numbers(page) -> list[str]:
    return [page.model.hit(r).account_no for r in range(page.model.rowCount())]


def _wait_idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.runner.active_jobs() == 0, timeout=WAIT_MS)


def test_typing_searches_after_a_pause(qtbot, area):
    page = area.accounts
    page.search_field.insert("张三")  # what an input method commits
    assert page.model.rowCount() == 0 and page.model.text == ""  # nothing before the pause
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT_MS)
    assert _numbers(page)[0] == "A-0001"
    assert all("张三" in page.model.hit(r).name or "张三" in page.model.hit(r).address.display()
               for r in range(page.model.rowCount()))


def test_results_load_lazily_as_the_table_scrolls(qtbot, area):
    page = area.accounts
    page.search("HP-0")
    qtbot.waitUntil(lambda: page.model.rowCount() == 50, timeout=WAIT_MS)
    assert "50" in page.status.text()
    page.results.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 50, timeout=WAIT_MS)
    numbers = _numbers(page)
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_scanner_types_the_number_and_enter_opens_the_account(qtbot, area):
    page = area.accounts
    qtbot.keyClicks(page.search_field, "A-0002")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.panel.view is not None, timeout=WAIT_MS)
    view = page.panel.view
    assert view.details.summary.account_no == "A-0002"
    assert "李四" in page.panel.title.text()
    assert page.panel.fact_values["heated_area"].text() == "65.30 ㎡"


def test_enter_on_text_too_short_to_search_opens_nothing_later(qtbot, area):
    page = area.accounts
    page.search_field.setText("3 5")  # two one-character words: nothing to search for
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    assert page.model.rowCount() == 0 and not page.model.is_loading()
    page.search("李四")  # typed, not confirmed with Enter
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.wait(100)
    assert page.panel.view is None


def test_account_view_shows_bills_open_items_and_statement(qtbot, area):
    page = area.accounts
    page.open_account("A-0001")
    qtbot.waitUntil(lambda: page.panel.view is not None, timeout=WAIT_MS)
    panel = page.panel
    bill = panel.bills.topLevelItem(0)
    assert bill.text(0) == SEASON and bill.text(3) == "¥1,970.32"
    assert bill.child(0).text(0) == "采暖费" and bill.child(0).text(2) == "89.56㎡×22.00"
    assert panel.items.rowCount() == 2  # opening arrears and the season
    assert panel.items.item(1, 4).text() == "¥78.81"  # 20 days late at 2‰ a day
    assert not panel.no_payments.isHidden() and panel.payments.rowCount() == 0
    total = 35_000 + 197_032 + 7_881
    assert f"¥{total // 100:,}.{total % 100:02d}" in panel.statement_total.text()
    assert panel.fact_values["contract"].text() == "GR-2025-0001　2025-10-01～2028-09-30"


def test_changing_the_statement_date_reloads_it(qtbot, area):
    page = area.accounts
    page.open_account("A-0001")
    qtbot.waitUntil(lambda: page.panel.view is not None, timeout=WAIT_MS)
    before = page.panel.view.statement.total_due_fen
    page.panel.statement_date.setDate(page.panel.statement_date.date().addDays(10))
    qtbot.waitUntil(lambda: page.panel.view.statement.on != TODAY, timeout=WAIT_MS)
    # ten more days of late fee on 1970.32: 1970.32 x 0.002 x 30 = 118.22 instead of 78.81
    assert page.panel.view.statement.total_due_fen - before == 11_822 - 7_881


def test_down_moves_into_the_results_and_escape_clears(qtbot, area):
    page = area.accounts
    page.search("幸福小区3号楼")
    qtbot.waitUntil(lambda: page.model.rowCount() > 1, timeout=WAIT_MS)
    page.search_field.setFocus()
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)
    assert page.results.currentIndex().row() == 0
    qtbot.waitUntil(lambda: page.panel.view is not None, timeout=WAIT_MS)
    assert page.panel.view.details.summary.account_no == page.model.hit(0).account_no
    qtbot.keyClick(page.search_field, Qt.Key.Key_Escape)
    assert page.search_field.text() == ""


@pytest.mark.parametrize("keys", ["Ctrl+F", "F3"])
def test_search_is_one_key_away_from_anywhere_in_the_window(qtbot, window, keys):
    window.show_page("accounts")
    area = window.page("accounts")
    area.setCurrentWidget(area.seasons)
    window.nav_button("settings").setFocus()
    key, modifier = (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier) if keys == "Ctrl+F" else (
        Qt.Key.Key_F3, Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(window, key, modifier)
    assert area.currentWidget() is area.accounts
    assert QApplication.focusWidget() is area.accounts.search_field


def test_the_shortcut_does_nothing_while_another_page_is_shown(qtbot, window):
    window.show_page("settings")
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.current_page_key() == "settings"
    assert QApplication.focusWidget() is not window.page("accounts").accounts.search_field


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_a_bad_row_refuses_the_whole_import_and_names_row_and_column(qtbot, area, tmp_path):
    page = area.accounts
    rows = ["B-0001,王五,,春晖苑,1,1,101,居民,80.00,\n", "B-0002,赵六,,春晖苑,1,1,102,居民,-5,\n"]
    page.files.import_file(_write(tmp_path / "bad.csv", rows))
    qtbot.waitUntil(lambda: page.files.last_dialog is not None, timeout=WAIT_MS)
    dialog = page.files.last_dialog
    assert isinstance(dialog, ImportErrorsDialog)
    assert dialog.errors.toPlainText().startswith("第3行，供热面积")
    page.search("王五")
    _wait_idle(qtbot, page)
    assert page.model.rowCount() == 0


def test_a_good_import_is_found_at_once(qtbot, area, tmp_path):
    page = area.accounts
    rows = ["B-0001,王五,,春晖苑,1,1,101,居民,80.00,12.50\n"]
    page.files.import_file(_write(tmp_path / "good.csv", rows))
    qtbot.waitUntil(lambda: page.files.last_dialog is not None, timeout=WAIT_MS)
    assert isinstance(page.files.last_dialog, QMessageBox)
    assert "1" in page.files.last_dialog.text()
    page.search("王五")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert page.model.hit(0).account_no == "B-0001"


def test_export_writes_every_account(qtbot, area, tmp_path):
    page = area.accounts
    out = tmp_path / "out.csv"
    page.files.export_file(out)
    qtbot.waitUntil(lambda: page.files.last_dialog is not None, timeout=WAIT_MS)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + 302 and lines[0].startswith("户号,户名")


def test_the_application_window_has_the_accounts_area(qtbot, context):
    from cashier.ui.app import make_main_window

    win = make_main_window(context)
    qtbot.addWidget(win)
    assert isinstance(win.page("accounts"), AccountsArea)


def test_a_cashier_may_search_and_export_but_not_import(qtbot, context):
    cashier = Actor(id=7, staff_no="0007", name="张三", roles=frozenset({"cashier"}))
    area = AccountsArea(replace(context, actor=cashier), today=lambda: TODAY)
    qtbot.addWidget(area)
    page = area.accounts
    assert page.import_button.isHidden() and not page.export_button.isHidden()
    page.search("李四")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
