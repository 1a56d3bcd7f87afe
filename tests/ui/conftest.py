"""Fixtures for the window tests: a fake context and the Chinese translation installed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from ui_fakes import make_context

from cashier.services.context import AppContext
from cashier.ui.resources import translation_file


@pytest.fixture
def context() -> AppContext:
    """A non-demo context."""
    return make_context()


@pytest.fixture
def zh_translator(qapp: QApplication) -> Iterator[QTranslator]:
    """Our compiled Simplified Chinese translation, installed for the test's duration."""
    translator = QTranslator()
    assert translator.load(str(translation_file())), f"cannot load {translation_file()}"
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)
