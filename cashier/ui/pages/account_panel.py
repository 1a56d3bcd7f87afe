"""The account view: who and where, facts and their history, bills, open items, payments and
the statement on a date. It only renders an AccountView; the page loads it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.account_history import FactsVersion
from cashier.domain.registration import Contract
from cashier.domain.tariffs import CHANNELS
from cashier.services.account_view import AccountView
from cashier.ui.counter.models import PAYMENT_HEADERS, payment_cells
from cashier.ui.pages.ui_tables import (
    date_text,
    fill_table,
    money_text,
    name_of,
    read_only_table,
)

TITLE_SCALE = 1.4


def _area(value) -> str:
    return "" if value is None else f"{value} ㎡"


def _height(value) -> str:
    return "" if value is None else f"{value} m"


def _contract(contract: Contract) -> str:
    """The contract number and the dates it runs, e.g. HT-2025-001　2025-10-01～2028-09-30."""
    dates = ""
    if contract.start or contract.end:
        dates = f"{date_text(contract.start)}～{date_text(contract.end)}"
    return "　".join(part for part in (contract.number, dates) if part)


class AccountPanel(QWidget):
    """Shows one account; `statement_changed(date, channel)` asks for the view on another
    date or for another payment channel."""

    statement_changed = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: AccountView | None = None
        self._stack = QStackedWidget(self)
        self.placeholder = QLabel(self.tr("Search above and pick an account to see it here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self._build_details())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def _build_details(self) -> QWidget:
        box = QWidget(self)
        self.title = QLabel(box)
        self.title.setObjectName("accountTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(box)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget(box)
        self.tabs.addTab(self._build_facts_tab(), self.tr("Facts"))
        self.tabs.addTab(self._build_bills_tab(), self.tr("Bills"))
        self.tabs.addTab(self._build_items_tab(), self.tr("Open items"))
        self.tabs.addTab(self._build_payments_tab(), self.tr("Payments"))
        self.tabs.addTab(self._build_receipts_tab(), self.tr("Receipts"))
        self.tabs.addTab(self._build_statement_tab(), self.tr("Statement"))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        self._details_layout = layout
        return box

    def add_actions(self, actions: QWidget) -> None:
        """Show `actions` (buttons acting on the account) between the title and the tabs."""
        self._details_layout.insertWidget(2, actions)

    def _build_facts_tab(self) -> QWidget:
        tab = QWidget(self)
        self._build_facts_form(tab)
        self._build_facts_tables(tab)
        row = QHBoxLayout()
        row.addLayout(self.facts_form)
        column = QVBoxLayout()
        column.addWidget(QLabel(self.tr("Status per season"), tab))
        column.addWidget(self.statuses)
        column.addWidget(QLabel(self.tr("Changes of holder"), tab))
        column.addWidget(self.holders)
        row.addLayout(column, 1)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("History of billing facts"), tab))
        layout.addWidget(self.history, 1)
        return tab

    def _build_facts_form(self, tab: QWidget) -> None:
        self.facts_form = QFormLayout()
        self.fact_values: dict[str, QLabel] = {}
        captions = (
            ("category", self.tr("Category:")),
            ("low_income", self.tr("Low income:")),
            ("heated_area", self.tr("Heated area:")),
            ("ceiling_height", self.tr("Ceiling height:")),
            ("billing", self.tr("Billing:")),
            ("connected_on", self.tr("Connected on:")),
            ("contract", self.tr("Contract:")),
            ("status", self.tr("Status (newest season):")),
            ("arrears", self.tr("Opening arrears:")),
        )
        for key, caption in captions:
            self.fact_values[key] = QLabel(tab)
            self.facts_form.addRow(caption, self.fact_values[key])

    def _build_facts_tables(self, tab: QWidget) -> None:
        self.history = read_only_table(
            [
                self.tr("Valid from"), self.tr("Category"), self.tr("Low income"),
                self.tr("Area"), self.tr("Height"), self.tr("Billing"), self.tr("Recorded"),
                self.tr("By"), self.tr("Reason"), self.tr("Approved by"),
            ],
            tab,
        )
        self.statuses = read_only_table(
            [self.tr("Season"), self.tr("Status"), self.tr("Recorded"), self.tr("By"),
             self.tr("Reason"), self.tr("Approved by")],
            tab,
        )
        self.holders = read_only_table(
            [self.tr("Date"), self.tr("Former holder"), self.tr("New holder"), self.tr("By"),
             self.tr("Reason")],
            tab,
        )
        for table in (self.statuses, self.holders):
            table.setMaximumHeight(table.fontMetrics().height() * 8)

    def _build_bills_tab(self) -> QWidget:
        self.bills = QTreeWidget(self)
        self.bills.setHeaderLabels(
            [self.tr("Season / line"), self.tr("Posted"), self.tr("Detail"), self.tr("Amount"),
             self.tr("Reason")]
        )
        self.bills.setAlternatingRowColors(True)
        return self.bills

    def _build_items_tab(self) -> QWidget:
        self.items = read_only_table(
            [self.tr("Season"), self.tr("Charged"), self.tr("Principal paid"),
             self.tr("Principal owed"), self.tr("Late fee"), self.tr("Owed")],
            self,
            stretch_last=False,
        )
        return self.items

    def _build_payments_tab(self) -> QWidget:
        tab = QWidget(self)
        self.payments = read_only_table(
            [self.tr("Date"), self.tr("Amount"), self.tr("Channel"), self.tr("Payment id")], tab
        )
        self.no_payments = QLabel(self.tr("No payments recorded for this account."), tab)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.no_payments)
        layout.addWidget(self.payments, 1)
        return tab

    def _build_receipts_tab(self) -> QWidget:
        headers = [QCoreApplication.translate("PaymentRowsModel", h) for h in PAYMENT_HEADERS]
        self.receipts = read_only_table(headers, self)
        return self.receipts

    def _build_statement_tab(self) -> QWidget:
        tab = QWidget(self)
        self.statement_date = QDateEdit(tab)
        self.statement_date.setCalendarPopup(True)
        self.statement_date.setDisplayFormat("yyyy-MM-dd")
        self.statement_channel = QComboBox(tab)
        for channel in CHANNELS:
            self.statement_channel.addItem(name_of(channel), channel)
        self.statement = read_only_table(
            [self.tr("Season"), self.tr("Principal"), self.tr("Late fee"), self.tr("Discount"),
             self.tr("Due")],
            tab,
            stretch_last=False,
        )
        self.statement_total = QLabel(tab)
        self.statement_total.setObjectName("statementTotal")
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("On:"), tab))
        controls.addWidget(self.statement_date)
        controls.addWidget(QLabel(self.tr("Paying by:"), tab))
        controls.addWidget(self.statement_channel)
        controls.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(controls)
        layout.addWidget(self.statement, 1)
        layout.addWidget(self.statement_total)
        self.statement_date.dateChanged.connect(self._ask_statement)
        self.statement_channel.currentIndexChanged.connect(self._ask_statement)
        return tab

    def _ask_statement(self, *_args: object) -> None:
        if self.view is not None:
            day = self.statement_date.date().toPython()
            self.statement_changed.emit(day, self.statement_channel.currentData())

    def clear(self) -> None:
        """Show the placeholder instead of an account."""
        self.view = None
        self._stack.setCurrentIndex(0)

    def show_view(self, view: AccountView, on: dt.date, channel: str) -> None:
        """Render `view`, read for `on` and `channel`."""
        self.view = None  # no statement_changed while the controls are set
        self.statement_date.setDate(QDate(on.year, on.month, on.day))
        self.statement_channel.setCurrentIndex(max(0, CHANNELS.index(channel)))
        self._show_header(view)
        self._show_facts(view)
        self._show_bills(view)
        self._show_items(view)
        self._show_payments(view)
        fill_table(self.receipts, [payment_cells(row) for row in view.receipts], right=(3,))
        self._show_statement(view)
        self.view = view
        self._stack.setCurrentIndex(1)

    def _show_header(self, view: AccountView) -> None:
        summary = view.details.summary
        self.title.setText(f"{summary.name}　{summary.account_no}")
        parts = [summary.address.display(), summary.phone]
        if summary.closed_on is not None:
            parts.append(self.tr("Closed on {date}").format(date=date_text(summary.closed_on)))
        self.subtitle.setText("　".join(p for p in parts if p))

    def _show_facts(self, view: AccountView) -> None:
        current, details = view.details.current, view.details
        newest = details.statuses[-1].status if details.statuses else "heating"
        arrears = next((i.charged_fen for i in view.open_items if i.opening), 0)
        values = {
            "category": name_of(current.category),
            "low_income": name_of(current.low_income),
            "heated_area": _area(current.heated_area),
            "ceiling_height": _height(current.ceiling_height),
            "billing": name_of(current.billing),
            "connected_on": date_text(current.connected_on),
            "contract": _contract(view.details.summary.contract),
            "status": name_of(newest),
            "arrears": money_text(arrears),
        }
        for key, text in values.items():
            self.fact_values[key].setText(text)
        fill_table(self.history, [self._history_row(v) for v in details.facts])
        fill_table(
            self.statuses,
            [(s.season, name_of(s.status), date_text(s.recorded_at), s.recorded_by, s.reason,
              s.approved_by) for s in details.statuses],
        )
        fill_table(
            self.holders,
            [(date_text(h.on), f"{h.old_name} {h.old_phone}", f"{h.new_name} {h.new_phone}",
              h.recorded_by, h.reason) for h in details.holder_changes],
        )

    @staticmethod
    def _history_row(version: FactsVersion) -> tuple:
        return (
            date_text(version.valid_from), name_of(version.category), name_of(version.low_income),
            _area(version.heated_area), _height(version.ceiling_height), name_of(version.billing),
            date_text(version.recorded_at), version.recorded_by, version.reason,
            version.approved_by,
        )

    def _show_bills(self, view: AccountView) -> None:
        self.bills.clear()
        for bill in view.bills:
            top = QTreeWidgetItem(
                [bill.season, date_text(bill.billed_on), name_of(bill.status),
                 money_text(bill.total_fen), ""]
            )
            for dated in bill.lines:
                line = dated.line
                top.addChild(
                    QTreeWidgetItem(
                        [line.label_zh, date_text(dated.on), line.detail,
                         money_text(line.amount_fen), dated.reason]
                    )
                )
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            for item in (top, *(top.child(i) for i in range(top.childCount()))):
                item.setTextAlignment(3, right)
            self.bills.addTopLevelItem(top)
            top.setExpanded(True)
        for column in range(self.bills.columnCount()):
            self.bills.resizeColumnToContents(column)

    def _show_items(self, view: AccountView) -> None:
        rows = [
            (name_of(i.season) if i.opening else i.season, money_text(i.charged_fen),
             money_text(i.paid_fen), money_text(i.principal_fen), money_text(i.late_fee_fen),
             money_text(i.owed_fen))
            for i in view.open_items
        ]
        fill_table(self.items, rows, right=range(1, 6))

    def _show_payments(self, view: AccountView) -> None:
        rows = [
            (date_text(p.on), money_text(p.amount_fen), name_of(p.channel), p.payment_id)
            for p in view.payments
        ]
        fill_table(self.payments, rows, right=(1,))
        self.no_payments.setVisible(not rows)

    def _show_statement(self, view: AccountView) -> None:
        owed = view.statement
        rows = [
            (name_of(s.season) if s.season == "opening" else s.season, money_text(s.principal_fen),
             money_text(s.late_fee_fen), money_text(s.discount_fen), money_text(s.due_fen))
            for s in owed.seasons
        ]
        fill_table(self.statement, rows, right=range(1, 5))
        self.statement_total.setText(
            self.tr("Credit {credit}    Total due {total}").format(
                credit=money_text(owed.credit_fen), total=money_text(owed.total_due_fen)
            )
        )
