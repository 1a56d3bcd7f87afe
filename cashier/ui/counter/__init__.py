"""The Counter area (收费): the cashier's page, its dialogs and the receipt preview."""

from __future__ import annotations

from cashier.ui.counter.page import CounterPage
from cashier.ui.main_window import MainWindow

PAGE_KEY = "counter"


def install_counter_page(window: MainWindow) -> CounterPage:
    """Put the Counter page in the main window's 收费 entry; returns it."""
    page = CounterPage(window.context, window)
    window.add_page(PAGE_KEY, page)
    return page


__all__ = ["PAGE_KEY", "CounterPage", "install_counter_page"]
