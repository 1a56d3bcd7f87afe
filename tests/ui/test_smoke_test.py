"""CASHIER_SMOKE_TEST: the window opens, reports itself, saves a picture and quits with 0."""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from ui_fakes import make_context

from cashier.ui import app as app_module
from cashier.ui.main_window import MainWindow
from cashier.ui.running_mutex import hold_running_mutex
from cashier.ui.smoke_test import SMOKE_TEST_ENV


def _close_main_windows() -> None:
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.close()
            window.deleteLater()


def test_smoke_test_quits_after_the_window_is_shown(qapp, monkeypatch, tmp_path, capsys):
    picture = tmp_path / "window.png"
    monkeypatch.setenv(SMOKE_TEST_ENV, str(picture))
    monkeypatch.setenv(app_module.LANGUAGE_ENV, "en")
    try:
        assert app_module.run_gui(make_context(), ["cashier"]) == 0
    finally:
        _close_main_windows()
    assert capsys.readouterr().out.startswith("smoke test: window shown: Heating Fee Cashier")
    image = QImage(str(picture))
    assert image.width() >= 800 and image.height() >= 500


def test_without_the_variable_the_window_stays_open(qapp, monkeypatch):
    monkeypatch.delenv(SMOKE_TEST_ENV, raising=False)
    monkeypatch.setenv(app_module.LANGUAGE_ENV, "en")
    window = MainWindow(make_context())
    try:
        assert app_module.schedule_smoke_exit(qapp, window) is False
    finally:
        window.deleteLater()


def test_the_running_mutex_exists_only_on_windows():
    handle = hold_running_mutex()
    if sys.platform == "win32":
        assert handle
    else:
        assert handle is None
