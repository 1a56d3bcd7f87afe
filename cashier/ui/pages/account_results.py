"""The lazy table of account search results: one page fetched at a time as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from cashier.domain.search import AccountHit, SearchCursor, SearchPage, plan_search

PageCallback = Callable[[SearchPage], None]
ErrorCallback = Callable[[str], None]
PageFetcher = Callable[[str, SearchCursor | None, PageCallback, ErrorCallback], None]
"""fetch(text, after, on_page, on_error): get one page, now or later, and report it."""

Index = QModelIndex | QPersistentModelIndex

_CONTEXT = "AccountResultsModel"
HEADERS = (
    QT_TRANSLATE_NOOP("AccountResultsModel", "Account no."),
    QT_TRANSLATE_NOOP("AccountResultsModel", "Name"),
    QT_TRANSLATE_NOOP("AccountResultsModel", "Phone"),
    QT_TRANSLATE_NOOP("AccountResultsModel", "Address"),
)
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
"""data(index, HIT_ROLE) is the row's AccountHit."""


def _cells(hit: AccountHit) -> tuple[str, str, str, str]:
    return (hit.account_no, hit.name, hit.phone, hit.address.display())


class AccountResultsModel(QAbstractTableModel):
    """Results of the current search; `fetchMore` asks the fetcher for the next page.

    A new `search` discards the pages of the previous one, including any still on the way.
    Signals: `loading(bool)` while a page is being fetched, `page_arrived(int)` with the row
    count after a page, `failed(str)` with a message when fetching failed.
    """

    loading = Signal(bool)
    page_arrived = Signal(int)
    failed = Signal(str)

    def __init__(self, fetch: PageFetcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._hits: list[AccountHit] = []
        self._text = ""
        self._cursor: SearchCursor | None = None
        self._more = False
        self._busy = False
        self._generation = 0

    @property
    def text(self) -> str:
        """The text of the current search."""
        return self._text

    def search(self, text: str) -> None:
        """Start a new search for `text` (nothing is fetched for text too short to search)."""
        self.beginResetModel()
        self._generation += 1
        self._hits, self._text, self._cursor = [], text, None
        self._more = plan_search(text) is not None
        self._set_busy(False)
        self.endResetModel()
        if self._more:
            self._request()

    def hit(self, row: int) -> AccountHit:
        """The account shown in `row`."""
        return self._hits[row]

    def is_loading(self) -> bool:
        """True while a page is being fetched."""
        return self._busy

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cells(hit)[index.column()]
        if role == HIT_ROLE:
            return hit
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return QCoreApplication.translate(_CONTEXT, HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._busy

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request()

    def _request(self) -> None:
        generation = self._generation
        self._set_busy(True)
        self._fetch(
            self._text,
            self._cursor,
            lambda page: self._receive(generation, page),
            lambda message: self._fail(generation, message),
        )

    def _receive(self, generation: int, page: SearchPage) -> None:
        if generation != self._generation:
            return
        if page.hits:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(page.hits) - 1)
            self._hits.extend(page.hits)
            self.endInsertRows()
        self._cursor = page.next
        self._more = page.next is not None
        self._set_busy(False)
        self.page_arrived.emit(len(self._hits))

    def _fail(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._more = False
        self._set_busy(False)
        self.failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.loading.emit(busy)
