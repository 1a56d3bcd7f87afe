"""Finding the account at the counter: one search field, a short list of results.

Typing searches after a short pause (Enter at once). Down moves into the results; Enter on a
result (or in the field, for the highlighted or first result) opens the account. A barcode
scanner types the account number and Enter, which opens it straight away. Text that is a
scanned receipt QR code is not searched: it is handed on for the receipt check.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.search import SearchCursor, SearchPage
from cashier.services.receipt_records import is_receipt_code
from cashier.services.search import search_accounts
from cashier.ui.pages.account_results import AccountResultsModel, ErrorCallback, PageCallback
from cashier.ui.runner import Runner

SEARCH_DELAY_MS = 200
RESULT_ROWS = 4
"""Rows of results the list shows without scrolling."""
COLUMN_SAMPLES = ("HP-01000000M", "欧阳某某某", "13900000000M")
"""Texts as wide as the account number, name and phone columns need to be."""


class AccountFinder(QWidget):
    """The search field and its results. Signals `account_chosen(account_no)` and
    `receipt_scanned(text)`."""

    account_chosen = Signal(str)
    receipt_scanned = Signal(str)

    def __init__(self, actor: Actor, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor, self.runner = actor, runner
        self._open_first = False
        self.model = AccountResultsModel(self._fetch_page, self)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self._build()
        self.search_field.textChanged.connect(self._typed)
        self.search_field.returnPressed.connect(self._enter)
        self.results.activated.connect(self._open_index)
        self.model.page_arrived.connect(self._page_arrived)
        self.model.failed.connect(self.status.setText)

    def _build(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("counterSearch")
        self.search_field.setPlaceholderText(
            self.tr("Account no., phone, name or address; or scan a receipt (F6 / Ctrl+F)")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.installEventFilter(self)
        font = self.search_field.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.search_field.setFont(font)
        self._build_results()
        self.status = QLabel(self)
        self.status.setObjectName("counterSearchStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        self.setFocusProxy(self.search_field)

    def _build_results(self) -> None:
        self.results = QTableView(self)
        self.results.setObjectName("counterResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.results.fontMetrics()
        for column, sample in enumerate(COLUMN_SAMPLES):
            self.results.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        rows = self.results.verticalHeader().defaultSectionSize() * RESULT_ROWS
        self.results.setFixedHeight(rows + self.results.horizontalHeader().sizeHint().height() + 4)

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search(self, text: str) -> None:
        """Type `text` and press Enter (as a scanner would)."""
        self.search_field.setText(text)
        self._enter()

    def clear(self) -> bool:
        """Empty the field and the results; False when there was nothing to clear."""
        if not self.search_field.text() and not self.model.rowCount():
            return False
        self.search_field.clear()
        self._search_now()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            return self._search_key(event)  # a QKeyEvent for KeyPress
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Down and self.model.rowCount():
            self.results.setFocus()
            self.results.selectRow(max(0, self.results.currentIndex().row()))
            return True
        return False

    def _typed(self, text: str) -> None:
        if is_receipt_code(text):
            self._timer.stop()
            return
        self._timer.start()

    def _search_now(self) -> None:
        self._timer.stop()
        self.model.search(self.search_field.text())
        self.status.setText("")

    def _enter(self) -> None:
        text = self.search_field.text()
        if is_receipt_code(text):
            self.receipt_scanned.emit(text.strip())
        elif self._timer.isActive() or self.model.text != text or self.model.is_loading():
            self._open_first = True
            if self.model.text != text or self._timer.isActive():
                self._search_now()
        elif self.model.rowCount():
            self._open_index(self.model.index(max(0, self.results.currentIndex().row()), 0))

    def _fetch_page(
        self, text: str, after: SearchCursor | None, on_page: PageCallback, on_error: ErrorCallback
    ) -> None:
        actor = self.actor

        def work(uow) -> SearchPage:
            return search_accounts(uow, actor, text, after=after)

        self.runner.submit(work, on_done=on_page, on_error=lambda f: on_error(f.message))

    def _page_arrived(self, rows: int) -> None:
        if rows == 0:
            self.status.setText(
                self.tr("No account matches “{text}”.").format(text=self.model.text)
            )
        else:
            self.status.setText(self.tr("{count} found; Enter opens the first.").format(count=rows))
        if self._open_first and rows:
            self.results.selectRow(0)
            self._open_index(self.model.index(0, 0))
        self._open_first = False

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_first = False
            self.account_chosen.emit(self.model.hit(index.row()).account_no)
