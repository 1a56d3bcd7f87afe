"""The Accounts page: search as you type, a lazy table of results, and the account view.

Ctrl+F or F3 puts the cursor in the search field from anywhere on the page; Down moves into
the results, Enter opens the highlighted (or first) account, Esc clears the search. A barcode
or QR scanner types the account number and Enter, which opens the account at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.search import SearchCursor, SearchPage
from cashier.services.account_view import AccountView, account_view
from cashier.services.context import AppContext
from cashier.services.permissions import can
from cashier.services.search import search_accounts
from cashier.ui.pages.account_actions import AccountActions
from cashier.ui.pages.account_files import AccountFiles
from cashier.ui.pages.account_panel import AccountPanel
from cashier.ui.pages.account_results import AccountResultsModel, ErrorCallback, PageCallback
from cashier.ui.pages.account_service_panel import AccountServicePanel
from cashier.ui.runner import JobFailure, Runner

SEARCH_DELAY_MS = 200
"""Pause in typing after which the search runs (Enter runs it at once)."""

SEARCH_KEYS = ("Ctrl+F", "F3")


def add_search_shortcuts(widget: QWidget, focus: Callable[[], None]) -> None:
    """Ctrl+F and F3 anywhere in `widget`'s window call `focus` while `widget` is shown."""
    for keys in SEARCH_KEYS:
        shortcut = QShortcut(QKeySequence(keys), widget)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(focus)


class AccountsPage(QWidget):
    """Find an account and see everything about it."""

    def __init__(
        self,
        context: AppContext,
        runner: Runner | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        shortcuts: bool = True,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self._today = today
        self._open_first = False
        self._view_request = 0
        self.model = AccountResultsModel(self._fetch_page, self)
        self.files = AccountFiles(context, self.runner, self)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self._build()
        self._connect()
        if shortcuts:
            add_search_shortcuts(self, self.focus_search)

    def _build(self) -> None:
        self._build_search_field()
        self.status = QLabel(self.tr("Type to search."), self)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.template_button = QPushButton(self.tr("Template…"), self)
        self._build_results()
        self.panel = AccountPanel(self)
        self.actions = AccountActions(self.context, self.runner, self, today=self._today)
        self.panel.add_actions(self.actions)
        self.service = AccountServicePanel(self.context, self.runner, self.panel)
        self.panel.tabs.addTab(self.service, self.tr("Service records"))
        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        for button in (self.import_button, self.export_button, self.template_button):
            top.addWidget(button)
        self.import_button.setVisible(can(self.context.actor, "import_accounts"))
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.results, 1)
        column.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 1)
        self._size_columns()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.search_field)

    def _build_search_field(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("accountSearch")
        self.search_field.setPlaceholderText(
            self.tr("Account no., phone, name or address (Ctrl+F / F3)")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.installEventFilter(self)
        font = self.search_field.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.search_field.setFont(font)

    def _build_results(self) -> None:
        self.results = QTableView(self)
        self.results.setObjectName("accountResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setAlternatingRowColors(True)
        self.results.verticalHeader().setVisible(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def _size_columns(self) -> None:
        metrics = self.results.fontMetrics()
        samples = ("HP-01000000M", "欧阳某某", "13900000000M")
        for column, sample in enumerate(samples):
            self.results.setColumnWidth(column, metrics.horizontalAdvance(sample) + 12)
        address = metrics.horizontalAdvance("幸福小区30号楼4单元1801M")
        width = sum(self.results.columnWidth(c) for c in range(3)) + address + 24
        self.results.parentWidget().setMinimumWidth(width)

    def _connect(self) -> None:
        self.search_field.textChanged.connect(lambda _text: self._timer.start())
        self.search_field.returnPressed.connect(self._enter)
        self.model.page_arrived.connect(self._page_arrived)
        self.model.loading.connect(self._loading)
        self.model.failed.connect(self._show_status)
        self.results.selectionModel().currentRowChanged.connect(self._row_changed)
        self.results.activated.connect(self._open_index)
        self.panel.statement_changed.connect(self._reload_statement)
        self.import_button.clicked.connect(self.files.choose_import)
        self.export_button.clicked.connect(self.files.choose_export)
        self.template_button.clicked.connect(self.files.choose_template)
        self.files.imported.connect(self._search_now)
        self.actions.changed.connect(self._reload_account)
        self.actions.message.connect(self._show_status)

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected (Ctrl+F, F3)."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search(self, text: str) -> None:
        """Type `text` into the search field and search at once."""
        self.search_field.setText(text)
        self._search_now()

    def open_account(self, account_no: str) -> None:
        """Load and show the account with this number (today's statement, cash)."""
        self._load(account_no, self._today(), "cash")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            return self._search_key(event)  # a QKeyEvent for KeyPress
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Down and self.model.rowCount():
            self.results.setFocus()
            self.results.selectRow(max(0, self.results.currentIndex().row()))
            return True
        if event.key() == Qt.Key.Key_Escape and self.search_field.text():
            self.search_field.clear()
            return True
        return False

    def _search_now(self) -> None:
        self._timer.stop()
        self.model.search(self.search_field.text())
        if not self.model.is_loading():  # nothing to search for
            self._open_first = False
            self._show_status(self.tr("Type an account no., phone, name or address."))

    def _enter(self) -> None:
        if self._timer.isActive() or self.model.text != self.search_field.text():
            self._open_first = True
            self._search_now()
        elif self.model.is_loading():
            self._open_first = True
        elif self.model.rowCount():
            self._open_index(self.model.index(max(0, self.results.currentIndex().row()), 0))

    def _fetch_page(
        self, text: str, after: SearchCursor | None, on_page: PageCallback, on_error: ErrorCallback
    ) -> None:
        actor = self.context.actor

        def work(uow) -> SearchPage:
            return search_accounts(uow, actor, text, after=after)

        self.runner.submit(work, on_done=on_page, on_error=lambda f: on_error(f.message))

    def _page_arrived(self, rows: int) -> None:
        more = self.model.canFetchMore(QModelIndex())
        if rows == 0:
            self._show_status(self.tr("No account matches “{text}”.").format(text=self.model.text))
        elif more:
            text = self.tr("{count} accounts shown; scroll down for more.")
            self._show_status(text.format(count=rows))
        else:
            self._show_status(self.tr("{count} accounts found.").format(count=rows))
        if self._open_first and rows:
            self._open_first = False
            self.results.selectRow(0)
            self._open_index(self.model.index(0, 0))
        elif not more:
            self._open_first = False

    def _loading(self, busy: bool) -> None:
        if busy and self.model.rowCount() == 0:
            self._show_status(self.tr("Searching…"))

    def _show_status(self, text: str) -> None:
        self.status.setText(text)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._open_index(current)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_account(self.model.hit(index.row()).account_no)

    def _reload_account(self, account_no: str) -> None:
        """Show the account again after a change, on the statement's date and channel."""
        day = self.panel.statement_date.date().toPython()
        self._load(account_no, day, self.panel.statement_channel.currentData())

    def _reload_statement(self, day: dt.date, channel: str) -> None:
        if self.panel.view is not None:
            self._load(self.panel.view.details.summary.account_no, day, channel)

    def _load(self, account_no: str, day: dt.date, channel: str) -> None:
        self._view_request += 1
        request, actor = self._view_request, self.context.actor

        def work(uow) -> AccountView:
            return account_view(uow, actor, account_no, on=day, channel=channel)

        def show(view: AccountView) -> None:
            if request == self._view_request:
                self.panel.show_view(view, day, channel)
                self.actions.set_view(view)
                self.service.load(view.details.summary.id)

        def fail(failure: JobFailure) -> None:
            if request == self._view_request:
                self._show_status(failure.message)

        self.runner.submit(work, on_done=show, on_error=fail)
