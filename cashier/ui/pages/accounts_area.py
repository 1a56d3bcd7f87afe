"""The 账户 area of the main window: the Accounts page and the Seasons page as two tabs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from cashier.services.context import AppContext
from cashier.ui.main_window import MainWindow
from cashier.ui.pages.accounts import AccountsPage, add_search_shortcuts
from cashier.ui.pages.seasons import SeasonsPage
from cashier.ui.runner import Runner

PAGE_KEY = "accounts"


class AccountsArea(QTabWidget):
    """Accounts (search and account view) and Seasons (tariffs, 开征) sharing one runner.

    Ctrl+F / F3 go back to the Accounts tab and put the cursor in the search field.
    """

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.runner = Runner(context.uow_factory, self)
        self.accounts = AccountsPage(context, self.runner, self, today=today, shortcuts=False)
        self.seasons = SeasonsPage(context, self.runner, self, today=today)
        self.addTab(self.accounts, self.tr("Accounts"))
        self.addTab(self.seasons, self.tr("Seasons and tariffs"))
        self.setFocusProxy(self.accounts)
        add_search_shortcuts(self, self.focus_search)

    def focus_search(self) -> None:
        """Show the Accounts tab with the cursor in the search field."""
        self.setCurrentWidget(self.accounts)
        self.accounts.focus_search()


def install_account_pages(window: MainWindow) -> AccountsArea:
    """Put the Accounts area in the main window's 账户 entry; returns it."""
    area = AccountsArea(window.context, window)
    window.add_page(PAGE_KEY, area)
    return area
