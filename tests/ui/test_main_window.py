"""The main window: navigation by click and keyboard, status bar, title, Chinese labels."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from ui_fakes import CASHIER, make_context

from cashier.ui.main_window import PAGE_KEYS, MainWindow
from cashier.ui.pages.empty import EmptyPage
from cashier.ui.pages.settings import SettingsPage


@pytest.fixture
def window(qtbot, context) -> MainWindow:
    win = MainWindow(context)
    qtbot.addWidget(win)
    return win


def _shown_window(qtbot, win: MainWindow) -> MainWindow:
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_starts_on_the_counter_page(window):
    assert window.current_page_key() == "counter"
    assert window.nav_button("counter").isChecked()


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_clicking_a_navigation_button_shows_its_page(qtbot, window, key):
    _shown_window(qtbot, window)
    qtbot.mouseClick(window.nav_button(key), Qt.MouseButton.LeftButton)
    assert window.current_page_key() == key
    assert window.page(key).isVisible()
    assert window.nav_button(key).isChecked()
    others = [k for k in PAGE_KEYS if k != key]
    assert not any(window.nav_button(k).isChecked() for k in others)


@pytest.mark.parametrize(("number", "key"), list(enumerate(PAGE_KEYS, start=1)))
def test_ctrl_number_shows_the_page(qtbot, window, number, key):
    _shown_window(qtbot, window)
    window.show_page("settings" if key == "counter" else "counter")
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + number), Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == key
    assert window.nav_button(key).isChecked()


def test_navigation_buttons_are_reachable_with_tab(window):
    for key in PAGE_KEYS:
        assert window.nav_button(key).focusPolicy() & Qt.FocusPolicy.TabFocus


def test_add_page_replaces_the_widget_in_place(qtbot, window):
    window.show_page("accounts")
    replacement = QWidget()
    window.add_page("accounts", replacement)
    assert window.page("accounts") is replacement
    assert window.current_page_key() == "accounts"
    assert isinstance(window.page("repairs"), EmptyPage)
    window.show_page("repairs")
    assert window.current_page_key() == "repairs"
    window.show_page("accounts")
    assert window._stack.currentWidget() is replacement


def test_unknown_page_key_is_refused(window):
    with pytest.raises(KeyError):
        window.page("payroll")
    with pytest.raises(KeyError):
        window.add_page("payroll", QWidget())


def test_status_bar_shows_database_counter_and_user(window):
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    joined = " | ".join(texts)
    assert "SQLite: /var/lib/cashier/幸福热力.db" in joined
    assert "A01" in window.counter_label.text()
    assert CASHIER.name in window.user_label.text()
    assert CASHIER.staff_no in window.user_label.text()


def test_title_names_the_company_and_has_no_banner_outside_demo(window):
    title = window.windowTitle()
    assert title.endswith("— 幸福热力有限公司")
    assert window.findChild(QLabel, "demoBanner") is None


def test_demo_database_puts_a_banner_in_the_title(qtbot, zh_translator):
    win = MainWindow(make_context(demo=True))
    qtbot.addWidget(win)
    assert win.windowTitle() == "供热收费收银台 — 幸福热力有限公司 【演示数据】"
    assert win.findChild(QLabel, "demoBanner") is not None


def test_labels_are_chinese_with_the_translation_installed(qtbot, zh_translator, context):
    win = MainWindow(context)
    qtbot.addWidget(win)
    labels = [win.nav_button(key).text() for key in PAGE_KEYS]
    assert labels == ["收费", "账户", "维修", "服务", "对账", "报表", "审计", "设置"]
    assert win.windowTitle() == "供热收费收银台 — 幸福热力有限公司"
    assert win.counter_label.text() == "收费窗口：A01"
    assert win.user_label.text() == "操作员：张三（工号 0007）"
    counter_page = win.page("counter")
    assert isinstance(counter_page, EmptyPage)
    assert counter_page.title_label.text() == "收费"
    assert counter_page.message_label.text().startswith("您的角色不含收费功能。")


def test_a_page_outside_the_role_says_so_and_what_it_is_for(window):
    for key in PAGE_KEYS[:-1]:
        page = window.page(key)
        assert isinstance(page, EmptyPage)
        assert page.title_label.text() == window.nav_button(key).text()
        assert "not part of your role" in page.message_label.text()


def test_settings_page_shows_the_real_connection(window, context):
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    assert page.values["database"].text() == context.database_label
    assert page.values["counter"].text() == context.counter_code
    assert page.values["company"].text() == context.company_name
    assert page.values["service_phone"].text() == context.service_phone


def test_default_size_fits_a_1366_by_768_screen(window):
    assert window.width() <= 1366
    assert window.height() <= 768 - 60
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768 - 60


def test_a_page_not_allowed_is_hidden_and_its_shortcut_does_nothing(qtbot, window):
    _shown_window(qtbot, window)
    window.show_page("audit")
    window.set_page_allowed("audit", False)
    assert window.nav_button("audit").isHidden()
    assert window.current_page_key() == "counter"
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "counter"
    window.set_page_allowed("audit", True)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "audit"
