"""Table models of the Counter page: today's statement and the account's payments list.

The payments list fetches one page at a time (canFetchMore/fetchMore) through a fetcher that
runs the service off the GUI thread and calls back; a reset drops pages still on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

from cashier.domain.money import format_yuan
from cashier.domain.statement import SeasonDue, Statement
from cashier.domain.tariffs import OPENING
from cashier.services.receipt_records import PaymentRow
from cashier.ui.pages.ui_tables import name_of

Index = QModelIndex | QPersistentModelIndex
RowsCallback = Callable[[list[PaymentRow]], None]
ErrorCallback = Callable[[str], None]
RowsFetcher = Callable[[str, int, int, RowsCallback, ErrorCallback], None]
"""fetch(account_no, offset, limit, on_rows, on_error): one page of rows, now or later."""

PAGE_SIZE = 50
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

STATEMENT_HEADERS = (
    QT_TRANSLATE_NOOP("StatementModel", "Season"),
    QT_TRANSLATE_NOOP("StatementModel", "Principal"),
    QT_TRANSLATE_NOOP("StatementModel", "Late fee"),
    QT_TRANSLATE_NOOP("StatementModel", "Discount"),
    QT_TRANSLATE_NOOP("StatementModel", "Due"),
)

PAYMENT_HEADERS = (
    QT_TRANSLATE_NOOP("PaymentRowsModel", "Receipt no."),
    QT_TRANSLATE_NOOP("PaymentRowsModel", "Kind"),
    QT_TRANSLATE_NOOP("PaymentRowsModel", "Time"),
    QT_TRANSLATE_NOOP("PaymentRowsModel", "Amount"),
    QT_TRANSLATE_NOOP("PaymentRowsModel", "Methods"),
    QT_TRANSLATE_NOOP("PaymentRowsModel", "Cashier"),
    QT_TRANSLATE_NOOP("PaymentRowsModel", "Notes"),
)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""data(index, ROW_ROLE) is the row's SeasonDue or PaymentRow."""


def _header(context: str, headers: Sequence[str], section: int, orientation, role) -> Any:
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal and 0 <= section < len(headers):
        return QCoreApplication.translate(context, headers[section])
    if orientation == Qt.Orientation.Vertical:
        return section + 1
    return None


class StatementModel(QAbstractTableModel):
    """One row per open season of today's statement: principal, late fee, discount, due."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seasons: tuple[SeasonDue, ...] = ()

    def show_statement(self, statement: Statement | None) -> None:
        """Show `statement`'s seasons (nothing for None)."""
        self.beginResetModel()
        self._seasons = statement.seasons if statement is not None else ()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._seasons)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STATEMENT_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._seasons):
            return None
        season = self._seasons[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _season_cells(season)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(_RIGHT.value)
        if role == ROW_ROLE:
            return season
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return _header("StatementModel", STATEMENT_HEADERS, section, orientation, role)


def _season_cells(season: SeasonDue) -> tuple[str, ...]:
    discount = format_yuan(-season.discount_fen) if season.discount_fen else format_yuan(0)
    return (
        season.season if season.season != OPENING else name_of(OPENING),
        format_yuan(season.principal_fen),
        format_yuan(season.late_fee_fen),
        discount,
        format_yuan(season.due_fen),
    )


class PaymentRowsModel(QAbstractTableModel):
    """An account's payments, voids and refunds, newest first, fetched a page at a time.

    Signals `failed(str)` with a message when a page could not be fetched, and
    `page_arrived(int)` with the row count after each page.
    """

    failed = Signal(str)
    page_arrived = Signal(int)

    def __init__(self, fetch: RowsFetcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._rows: list[PaymentRow] = []
        self._account_no = ""
        self._more = False
        self._busy = False
        self._generation = 0

    @property
    def account_no(self) -> str:
        """The account whose rows are shown ("" for none)."""
        return self._account_no

    def show_account(self, account_no: str) -> None:
        """Start over with `account_no`'s rows ("" empties the list)."""
        self.beginResetModel()
        self._generation += 1
        self._rows, self._account_no = [], account_no
        self._more, self._busy = bool(account_no), False
        self.endResetModel()
        if self._more:
            self._request()

    def row(self, row: int) -> PaymentRow:
        """The payment shown in `row`."""
        return self._rows[row]

    def is_loading(self) -> bool:
        """True while a page is on its way."""
        return self._busy

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PAYMENT_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        payment = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return payment_cells(payment)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(_RIGHT.value)
        if role == ROW_ROLE:
            return payment
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return _header("PaymentRowsModel", PAYMENT_HEADERS, section, orientation, role)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._busy

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request()

    def _request(self) -> None:
        generation = self._generation
        self._busy = True
        self._fetch(
            self._account_no,
            len(self._rows),
            PAGE_SIZE,
            lambda rows: self._receive(generation, rows),
            lambda message: self._fail(generation, message),
        )

    def _receive(self, generation: int, rows: list[PaymentRow]) -> None:
        if generation != self._generation:
            return
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._more = len(rows) == PAGE_SIZE
        self._busy = False
        self.page_arrived.emit(len(self._rows))

    def _fail(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._more = self._busy = False
        self.failed.emit(message)


def payment_cells(row: PaymentRow) -> tuple[str, ...]:
    """The cells of a payments-list row (receipt no., kind, time, amount, methods, ...)."""
    return (
        row.receipt_no,
        row.kind_label,
        row.taken_at.strftime("%Y-%m-%d %H:%M"),
        format_yuan(row.amount_fen),
        row.methods,
        row.staff,
        _notes(row),
    )


def _notes(row: PaymentRow) -> str:
    notes = []
    if row.reversed_by:
        text = QCoreApplication.translate("PaymentRowsModel", "reversed by {receipt}")
        notes.append(text.format(receipt=row.reversed_by))
    if row.reverses:
        text = QCoreApplication.translate("PaymentRowsModel", "reverses {receipt}")
        notes.append(text.format(receipt=row.reverses))
    if row.invoice_no:
        text = QCoreApplication.translate("PaymentRowsModel", "invoice {number}")
        notes.append(text.format(number=row.invoice_no))
    if row.reprints:
        text = QCoreApplication.translate("PaymentRowsModel", "reprinted {count}×")
        notes.append(text.format(count=row.reprints))
    return "; ".join(notes)
