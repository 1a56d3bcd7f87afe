"""The bill editor: pick approved items and materials, enter quantities, see the totals.

The catalogue shown is the one valid on the bill's date (services.repair_prices); the lines
are priced by the domain as the customer will see them, so the totals update while typing.
Saving stores a new version of the bill; a changed bill needs the customer's signature again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.money import format_yuan
from cashier.domain.repair_bills import BillContent, LineRequest, price_lines
from cashier.domain.repair_orders import RepairError
from cashier.domain.repair_prices import Catalogue, PriceRow
from cashier.services.context import AppContext
from cashier.services.repair_bills import RepairView, bill_date, save_bill
from cashier.services.repair_prices import price_catalogue
from cashier.ui.pages.repair_models import word
from cashier.ui.pages.service_forms import error_label
from cashier.ui.runner import JobFailure, Runner

QTY_COLUMN = 4


def _cell(text: str, *, right: bool = False, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class BillEditor(QDialog):
    """Edit the bill of ``view.order``; ``saved`` is the RepairView after saving."""

    def __init__(
        self, context: AppContext, runner: Runner, view: RepairView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.runner, self.view = context, runner, view
        self.saved: RepairView | None = None
        self.catalogue: Catalogue | None = None
        latest = view.latest
        self.priced_on: dt.date = latest.content.priced_on if latest else bill_date(view.order)
        self.setWindowTitle(
            self.tr("Bill for {number} (prices of {date})").format(
                number=view.order.number, date=self.priced_on.isoformat()
            )
        )
        self._build()
        self._start = (
            [LineRequest(x.kind, x.code, x.quantity) for x in latest.content.lines]
            if latest
            else []
        )
        self.runner.submit(
            price_catalogue,
            context.actor,
            self.priced_on,
            on_done=self._catalogue_loaded,
            on_error=self._failed,
        )

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.addLayout(self._catalogue_column(), 5)
        layout.addLayout(self._lines_column(), 6)
        QShortcut(QKeySequence("Delete"), self.lines, activated=self.remove_selected)
        self.resize(1240, 640)

    def _catalogue_column(self) -> QVBoxLayout:
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by code or name"))
        self.filter.textChanged.connect(self._fill_catalogue)
        headers = [
            self.tr("Kind"),
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Unit"),
            self.tr("Price"),
            self.tr("Basis"),
        ]
        self.prices = _table(self, headers)
        self.prices.setObjectName("priceCatalogue")
        self.prices.doubleClicked.connect(lambda _index: self.add_selected())
        add = QPushButton(self.tr("Add to bill →"), self)
        add.clicked.connect(self.add_selected)
        column = QVBoxLayout()
        column.addWidget(QLabel(self.tr("Approved prices and materials"), self))
        column.addWidget(self.filter)
        column.addWidget(self.prices, 1)
        column.addWidget(add)
        return column

    def _lines_column(self) -> QVBoxLayout:
        headers = [
            self.tr("Kind"),
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Unit"),
            self.tr("Quantity"),
            self.tr("Unit price"),
            self.tr("Amount"),
        ]
        self.lines = _table(self, headers)
        self.lines.setObjectName("billLines")
        self.lines.itemChanged.connect(lambda _item: self.recompute())
        remove = QPushButton(self.tr("Remove line"), self)
        remove.clicked.connect(self.remove_selected)
        self.totals = QLabel(self)
        self.totals.setObjectName("billTotals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.error = error_label(self)
        note = QLabel(
            self.tr(
                "Saving a changed bill voids the customer's signature: the new "
                "version must be signed again."
            ),
            self,
        )
        note.setWordWrap(True)
        column = QVBoxLayout()
        column.addWidget(QLabel(self.tr("Bill lines (edit the quantity)"), self))
        column.addWidget(self.lines, 1)
        column.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.totals, note, self.error):
            column.addWidget(widget)
        column.addLayout(self._buttons())
        return column

    def _buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton(self.tr("Save bill"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(cancel)
        return row

    # --- catalogue -----------------------------------------------------------------------------

    def _catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._fill_catalogue()
        for request in self._start:
            row = catalogue.find(request.kind, request.code)
            if row is not None:
                self._append(row, request.quantity)
        self.recompute()

    def _rows(self) -> list[PriceRow]:
        if self.catalogue is None:
            return []
        text = self.filter.text().strip().lower()
        rows = self.catalogue.of_kind("labour") + self.catalogue.of_kind("material")
        return [r for r in rows if not text or text in f"{r.code} {r.name} {r.spec}".lower()]

    def _fill_catalogue(self) -> None:
        rows = self._rows()
        self.prices.setRowCount(len(rows))
        for index, row in enumerate(rows):
            name = f"{row.name} {row.spec}".strip()
            cells = [
                _cell(word(row.kind)),
                _cell(row.code),
                _cell(name),
                _cell(row.unit),
                _cell(format_yuan(row.price_fen), right=True),
                _cell(row.basis),
            ]
            for column, item in enumerate(cells):
                self.prices.setItem(index, column, item)
            self.prices.item(index, 0).setData(Qt.ItemDataRole.UserRole, row)

    # --- lines ---------------------------------------------------------------------------------

    def add_selected(self) -> None:
        """Add the selected catalogue row to the bill (quantity 1, or one more if present)."""
        selected = self.prices.selectionModel().selectedRows()
        if not selected:
            return
        row: PriceRow = self.prices.item(selected[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        for index in range(self.lines.rowCount()):
            if self._row_key(index) == (row.kind, row.code):
                quantity = self.lines.item(index, QTY_COLUMN)
                quantity.setText(str(_quantity(quantity.text(), Decimal(0)) + 1))
                return
        self._append(row, Decimal(1))

    def add_code(self, kind: str, code: str, quantity: str = "1") -> None:
        """Add a catalogue row by kind and code (the keyboard path, and tests)."""
        if self.catalogue is not None and (row := self.catalogue.find(kind, code)) is not None:
            self._append(row, Decimal(quantity))

    def _append(self, row: PriceRow, quantity: Decimal) -> None:
        self.lines.blockSignals(True)
        index = self.lines.rowCount()
        self.lines.insertRow(index)
        cells = [
            _cell(word(row.kind)),
            _cell(row.code),
            _cell(f"{row.name} {row.spec}".strip()),
            _cell(row.unit),
            _cell(f"{quantity.normalize():f}", right=True, editable=True),
            _cell(format_yuan(row.price_fen), right=True),
            _cell("", right=True),
        ]
        for column, item in enumerate(cells):
            self.lines.setItem(index, column, item)
        self.lines.item(index, 0).setData(Qt.ItemDataRole.UserRole, (row.kind, row.code))
        self.lines.blockSignals(False)
        self.recompute()

    def _row_key(self, index: int) -> tuple[str, str]:
        return self.lines.item(index, 0).data(Qt.ItemDataRole.UserRole)

    def remove_selected(self) -> None:
        """Remove the selected bill line."""
        selected = self.lines.selectionModel().selectedRows()
        if selected:
            self.lines.removeRow(selected[0].row())
            self.recompute()

    def requests(self) -> list[LineRequest]:
        """The lines as entered; raises RepairError for a quantity that is not a number."""
        found = []
        for index in range(self.lines.rowCount()):
            kind, code = self._row_key(index)
            text = self.lines.item(index, QTY_COLUMN).text()
            quantity = _quantity(text, None)
            if quantity is None:
                raise RepairError(
                    self.tr("Line {row}: the quantity is not a number.").format(row=index + 1)
                )
            found.append(LineRequest(kind, code, quantity))
        return found

    def content(self) -> BillContent:
        """The bill the lines make, priced as it will be stored; raises RepairError."""
        assert self.catalogue is not None
        lines = price_lines(self.requests(), self.catalogue)
        order = self.view.order
        return BillContent(
            order.number,
            order.account_no,
            order.customer_name,
            order.address,
            self.priced_on,
            len(self.view.versions) + 1,
            lines,
        )

    def recompute(self) -> None:
        """Refresh each line's amount and the totals, or say what is wrong."""
        self.error.clear()
        try:
            content = self.content() if self.catalogue is not None else None
        except RepairError as problem:
            self.error.setText(str(problem))
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(content is not None)
        if content is None:
            return
        amounts = {(x.kind, x.code): x.amount_fen for x in content.lines}
        self.lines.blockSignals(True)
        for index in range(self.lines.rowCount()):
            fen = amounts.get(self._row_key(index), 0)
            self.lines.item(index, 6).setText(format_yuan(fen))
        self.lines.blockSignals(False)
        self.totals.setText(
            self.tr(
                "Labour {labour} · Materials {material} · <b>Total {total}</b><br>{capital}"
            ).format(
                labour=format_yuan(content.labour_fen),
                material=format_yuan(content.material_fen),
                total=format_yuan(content.total_fen),
                capital=content.capital,
            )
        )

    def save(self) -> None:
        """Store the bill (a new version when it changed) in the background."""
        try:
            requests = self.requests()
        except RepairError as problem:
            self.error.setText(str(problem))
            return
        self.save_button.setEnabled(False)
        self.runner.submit(
            save_bill,
            self.context.actor,
            self.view.order.number,
            requests,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, view: RepairView) -> None:
        self.saved = view
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(failure.message)


def _quantity(text: str, default: Decimal | None) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return default
    return value if value.is_finite() else default
