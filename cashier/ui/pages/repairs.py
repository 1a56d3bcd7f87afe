"""The Repairs page (维修): open, overdue and finished orders, and everything done to one.

The list on the left shows one list at a time (open, overdue, finished, awaiting a
follow-up, cancelled, all) filtered by the search field; the panel on the right shows the
selected order (times, crew, paid or free, the bill and its signature, payments, follow-ups)
with the next steps as buttons. Every read and write goes through the background runner.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.repair_orders import (
    ARRIVED,
    CANCELLED,
    CHARGE,
    DISPATCHED,
    FINISHED,
    OrderFilter,
)
from cashier.services.context import AppContext
from cashier.services.permissions import can
from cashier.services.ports import ReceiptPrinter
from cashier.services.repair_bills import RepairView, repair_view
from cashier.services.repair_orders import list_orders, order_counts
from cashier.services.repair_ports import RepairDocumentWriter
from cashier.ui.main_window import MainWindow
from cashier.ui.pages.repair_actions import RepairActions
from cashier.ui.pages.repair_detail import detail_html, next_steps
from cashier.ui.pages.repair_models import OrderTableModel
from cashier.ui.runner import JobFailure, Runner

PAGE_KEY = "repairs"
LISTS = ("open", "overdue", "finished", "no_followup", "cancelled", "all")
SEARCH_DELAY_MS = 300


class RepairsPage(RepairActions):
    """The repair desk's page. ``documents`` writes PDFs; ``printer`` prints narrow slips."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
        documents: RepairDocumentWriter | None = None,
        printer: ReceiptPrinter | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self.documents, self.printer = documents, printer
        self.state = "open"
        self.current: RepairView | None = None
        self.orders = OrderTableModel(self._fetch, self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._build()
        self._shortcuts()
        self.setFocusProxy(self.search)
        self.refresh()

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Repairs"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.search = QLineEdit(self)
        self.search.setObjectName("repairSearch")
        self.search.setPlaceholderText(
            self.tr("Search: order no., account, name, address, phone or fault (Ctrl+F)")
        )
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.new_button = self._button(
            self.tr("New order (F2)"), self.new_order, can(self.context.actor, "repair_order")
        )
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(
            self._button(
                self.tr("Load prices…"),
                lambda: self.load_prices(),
                can(self.context.actor, "repair_prices"),
            )
        )
        top.addWidget(self._button(self.tr("Refresh (F5)"), self.refresh))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._list_buttons())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._table())
        splitter.addWidget(self._detail_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 520])
        layout.addWidget(splitter, 1)

    def _button(self, text: str, slot, visible: bool = True) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        button.setVisible(visible)
        return button

    def _list_buttons(self) -> QHBoxLayout:
        names = {
            "open": self.tr("Open"),
            "overdue": self.tr("Overdue"),
            "finished": self.tr("Finished"),
            "no_followup": self.tr("Awaiting follow-up"),
            "cancelled": self.tr("Cancelled"),
            "all": self.tr("All"),
        }
        self.list_group = QButtonGroup(self)
        self.list_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key in LISTS:
            button = QPushButton(names[key], self)
            button.setCheckable(True)
            button.setObjectName(f"list_{key}")
            button.clicked.connect(partial(self.show_list, key))
            self.list_group.addButton(button)
            self.list_buttons[key] = button
            row.addWidget(button)
        self.list_buttons["open"].setChecked(True)
        self.counts = QLabel(self)
        self.counts.setObjectName("repairCounts")
        row.addStretch(1)
        row.addWidget(self.counts)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setObjectName("repairOrders")
        self.table.setModel(self.orders)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fault = self.orders.columnCount() - 1  # the fault takes what is left, elided
        header.setSectionResizeMode(fault, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.orders.failed.connect(self.counts.setText)
        return self.table

    def _detail_panel(self) -> QWidget:
        panel = QWidget(self)
        self.detail = QTextBrowser(panel)
        self.detail.setObjectName("repairDetail")
        self.detail.setPlaceholderText(self.tr("Select an order to see it here."))
        actor = self.context.actor
        works, collects = can(actor, "repair_order"), can(actor, "collect_repair_payment")
        specs = [
            ("dispatch", self.tr("Dispatch…"), partial(self.step, DISPATCHED), works),
            ("arrive", self.tr("Arrived…"), partial(self.step, ARRIVED), works),
            ("finish", self.tr("Finished…"), partial(self.step, FINISHED), works),
            ("charge", self.tr("Paid or free…"), partial(self.step, CHARGE), works),
            ("bill", self.tr("Bill…"), self.edit_bill, works),
            ("sign", self.tr("Customer signs…"), self.sign, works),
            ("damage", self.tr("Damage confirmation…"), self.confirm_damage, works),
            ("pay", self.tr("Take payment…"), self.pay, collects),
            ("refund", self.tr("Refund…"), self.refund, can(actor, "refund")),
            ("followup", self.tr("Follow-up…"), self.follow_up, can(actor, "repair_followup")),
            ("pdf", self.tr("Save bill PDF…"), partial(self.export_pdf, False), True),
            ("damage_pdf", self.tr("Save damage PDF…"), partial(self.export_pdf, True), True),
            ("slip", self.tr("Print slip"), self.print_slip, self.printer is not None),
            ("cancel", self.tr("Cancel order…"), partial(self.step, CANCELLED), works),
        ]
        self.actions: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, (key, text, slot, allowed) in enumerate(specs):
            button = self._button(text, slot, allowed)
            button.setObjectName(f"repair_{key}")
            self.actions[key] = button
            grid.addWidget(button, index // 3, index % 3)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail, 1)
        column.addLayout(grid)
        self._enable_actions()
        return panel

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            ("F2", self.new_order),
            ("F5", self.refresh),
            ("Ctrl+F", self.search.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # --- reading -------------------------------------------------------------------------------

    def _where(self) -> OrderFilter:
        return OrderFilter(self.state, self.search.text().strip())

    def _fetch(self, before, on_page, on_error) -> None:
        job = partial(list_orders, before_id=before)
        self.runner.submit(
            job,
            self.context.actor,
            self._where(),
            on_done=on_page,
            on_error=lambda failure: on_error(failure.message),
        )

    def show_list(self, state: str) -> None:
        """Show one of LISTS."""
        self.state = state
        self.list_buttons[state].setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list, the counts and the selected order."""
        self.orders.reload()
        self.runner.submit(
            order_counts,
            self.context.actor,
            self.search.text().strip(),
            on_done=self._show_counts,
            on_error=self._report,
        )
        if self.current is not None:
            self.load(self.current.order.number)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts.setText(
            self.tr("Open {open} · overdue {overdue} · awaiting follow-up {no_followup}").format(
                **counts
            )
        )
        overdue = self.list_buttons["overdue"]
        overdue.setStyleSheet(
            "QPushButton { color: #b00020; font-weight: bold; }" if counts["overdue"] else ""
        )

    def _report(self, failure: JobFailure) -> None:
        self.counts.setText(failure.message)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.load(self.orders.record(rows[0].row()).number)

    def load(self, number: str) -> None:
        """Show the order ``number`` in the panel."""
        self.runner.submit(
            repair_view, self.context.actor, number, on_done=self.show_view, on_error=self._report
        )

    def show_view(self, view: RepairView) -> None:
        """Fill the panel from ``view`` and offer the steps that may follow."""
        self.current = view
        self.detail.setHtml(detail_html(view, dt.datetime.now(dt.UTC)))
        self._enable_actions()

    def _enable_actions(self) -> None:
        enabled = next_steps(self.current)
        for key, button in self.actions.items():
            button.setEnabled(enabled.get(key, False))


def install_repair_page(
    window: MainWindow,
    *,
    documents: RepairDocumentWriter | None = None,
    printer: ReceiptPrinter | None = None,
) -> RepairsPage:
    """Put the Repairs page in the main window's 维修 entry; returns it.

    ``documents`` defaults to the ReportLab writer (printing/repair_pdf.py); ``printer`` is
    the counter's receipt printer for narrow slips (None: the Print slip button is hidden).
    """
    if documents is None:
        from cashier.printing.repair_pdf import RepairPdf

        documents = RepairPdf()
    page = RepairsPage(window.context, window, documents=documents, printer=printer)
    window.add_page(PAGE_KEY, page)
    return page
