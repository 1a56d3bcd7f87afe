"""Start-up pieces: resources, translators, the CJK font, the crash handler, run_gui."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_fakes import make_context

from cashier.ui import app as app_module
from cashier.ui.main_window import MainWindow
from cashier.ui.resources import resources_dir, translation_file

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_translators(qapp):
    """Remove whatever translators the test installed on the shared application."""
    yield
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()


def test_resources_are_found_next_to_the_package():
    assert resources_dir() == REPO / "resources"
    assert translation_file().is_file()


def test_resources_are_found_in_a_frozen_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def test_chinese_is_loaded_by_default(qapp, monkeypatch, clean_translators):
    monkeypatch.delenv(app_module.LANGUAGE_ENV, raising=False)
    translators = app_module.install_translators(qapp)
    assert len(translators) == 2
    assert QCoreApplication.translate("MainWindow", "Accounts") == "账户"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_cashier_lang_en_skips_our_translation(qapp, monkeypatch, clean_translators):
    monkeypatch.setenv(app_module.LANGUAGE_ENV, "en")
    assert app_module.install_translators(qapp) == []
    assert QCoreApplication.translate("MainWindow", "Accounts") == "Accounts"


def test_a_cjk_font_replaces_a_latin_only_default(qapp):
    latin = [f for f in QFontDatabase.families() if not app_module.has_cjk(f)]
    cjk = [f for f in app_module.CJK_FONT_FAMILIES if f in QFontDatabase.families()]
    if not latin or not cjk:
        pytest.skip("needs one Latin-only and one listed CJK font installed")
    original = qapp.font()
    font = qapp.font()
    font.setFamily(latin[0])
    qapp.setFont(font)
    try:
        chosen = app_module.ensure_cjk_font(qapp)
        assert chosen == cjk[0]
        assert qapp.font().family() == cjk[0]
        assert qapp.font().pointSizeF() == font.pointSizeF()
    finally:
        qapp.setFont(original)


def test_excepthook_logs_the_traceback_and_shows_a_short_chinese_message(
    qapp, zh_translator, monkeypatch, caplog
):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text: shown.append((title, text))
    )
    try:
        raise ZeroDivisionError("division by zero in receipt_total")
    except ZeroDivisionError:
        kind, error, tb = sys.exc_info()
    with caplog.at_level(logging.CRITICAL, logger="cashier.ui.app"):
        app_module.make_excepthook()(kind, error, tb)
    assert "Traceback" in caplog.text and "receipt_total" in caplog.text
    [(title, text)] = shown
    assert title == "程序错误"
    assert "日志" in text
    assert "Traceback" not in text and "receipt_total" not in text


def test_run_gui_shows_the_translated_window_and_returns_the_exit_code(
    qapp, monkeypatch, clean_translators
):
    monkeypatch.delenv(app_module.LANGUAGE_ENV, raising=False)
    seen: list[str] = []

    def inspect_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.windowTitle() for w in windows if w.isVisible())
        for window in windows:
            window.deleteLater()
        QApplication.exit(3)

    hook_before = sys.excepthook
    QTimer.singleShot(0, inspect_and_quit)
    assert app_module.run_gui(make_context(demo=True), ["cashier"]) == 3
    assert seen == ["供热收费收银台 — 幸福热力有限公司 【演示数据】"]
    assert sys.excepthook is hook_before
