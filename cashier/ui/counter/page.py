"""The Counter page (收费): find the account, take the money, hand over the receipt.

Keyboard first. F6 or Ctrl+F puts the cursor in the search field from anywhere on the page;
Enter on a result opens the account with today's statement and the amount set to the total
due; F1-F5 add a method (cash, WeChat, Alipay, bank card, bank transfer); Enter confirms;
Esc backs out one step (a search text, the last method, the open account, the last result).
After each payment the cursor is back in the search field. F9 reprints the receipt shown.
Every read and write runs through the background runner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.statement import Statement
from cashier.domain.tender import METHOD_KEYS
from cashier.services.context import AppContext
from cashier.services.payments import (
    AccountPanel,
    OverpaymentNeedsConfirmation,
    PaymentRequest,
    PaymentResult,
    account_panel,
    post_payment,
)
from cashier.services.permissions import can
from cashier.services.shifts import ShiftNotOpen
from cashier.services.station import Station
from cashier.ui.counter.account_box import AccountBox
from cashier.ui.counter.agent_dialog import AgentCollectionDialog
from cashier.ui.counter.attempts import ClientUuids
from cashier.ui.counter.dialogs import AskApproval
from cashier.ui.counter.finder import AccountFinder
from cashier.ui.counter.jobs import payment_page, statement_for
from cashier.ui.counter.receipt_actions import ReceiptActions
from cashier.ui.counter.result_view import ResultView
from cashier.ui.counter.shift import ShiftBar
from cashier.ui.counter.shift_actions import ShiftActions
from cashier.ui.counter.tender_panel import TenderInputError, TenderPanel
from cashier.ui.runner import JobFailure, Runner

SEARCH_KEYS = ("F6", "Ctrl+F")
REPRINT_KEY = "F9"
IDLE, TENDER, RESULT = 0, 1, 2
"""Pages of the right-hand stack."""

Confirm = Callable[[QWidget, str, str], bool]


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question; True for Yes."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class CounterPage(QWidget):
    """The cashier's page. `station` (this counter and its clock), `ask` (supervisor
    approval) and `confirm` (yes/no questions) can be given for tests."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
        station: Station | None = None,
        ask: AskApproval | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self.station = station or Station(context.counter_code)
        self.confirm = confirm or ask_yes_no
        self.uuids = ClientUuids()
        self.posting = False
        self._focus_before: QWidget | None = None
        self.agent_dialog: AgentCollectionDialog | None = None
        self._panel_request = 0
        self.finder = AccountFinder(context.actor, self.runner, self)
        self.shift_bar = ShiftBar(context.actor, self)
        self.account = AccountBox(self._fetch_rows, self)
        self.account.can_void = self._can_void
        self.tender = TenderPanel(self)
        self.result = ResultView(context.receipt_columns, self)
        self.shifts = ShiftActions(self)
        self.receipts = ReceiptActions(self, ask)
        self._build()
        self._connect()
        self._add_shortcuts()

    def _build(self) -> None:
        self.idle = QLabel(self._idle_text(), self)
        self.idle.setObjectName("counterIdle")
        self.idle.setWordWrap(True)
        self.idle.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget(self)
        for widget in (self.idle, self.tender, self.result):
            self.stack.addWidget(widget)
        self.stack.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.finder)
        column.addWidget(self.account, 1)
        column.addStretch(0)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_row())
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.finder)

    def _top_row(self) -> QHBoxLayout:
        self.agent_button = QPushButton(self.tr("Collection files…"), self)
        self.agent_button.setObjectName("agentFilesButton")
        self.agent_button.setVisible(can(self.context.actor, "import_payments"))
        self.agent_button.clicked.connect(self.open_agent_files)
        top = QHBoxLayout()
        top.addWidget(self.shift_bar, 1)
        top.addWidget(self.agent_button)
        return top

    def _idle_text(self) -> str:
        lines = [
            self.tr("Find the account: type its number, the phone, a name or an address."),
            self.tr("Enter opens it; F1-F5 pick how the money is paid; Enter confirms."),
            self.tr("Esc backs out a step; F6 or Ctrl+F comes back to the search."),
            self.tr("A scanned receipt QR code is checked: genuine, voided or refunded."),
        ]
        if not can(self.context.actor, "collect_payment"):
            lines.append(self.tr("You may look up accounts and receipts but not take money."))
        return "\n\n".join(lines)

    def _connect(self) -> None:
        self.finder.account_chosen.connect(self.open_account)
        self.finder.receipt_scanned.connect(self.receipts.check)
        self.tender.confirmed.connect(self.confirm_payment)
        self.tender.methods_changed.connect(self._methods_changed)
        self.shift_bar.open_requested.connect(self.shifts.open_shift)
        self.shift_bar.close_requested.connect(self.shifts.close_shift)
        self.account.receipt_requested.connect(self.receipts.show_receipt)
        self.account.void_requested.connect(self.receipts.void)
        self.account.refund_requested.connect(self.receipts.refund)
        self.account.invoice_requested.connect(self.receipts.exchange_invoice)
        self.account.payout_requested.connect(self.receipts.pay_out_credit)
        self.result.reprint_requested.connect(self.receipts.reprint)

    def _add_shortcuts(self) -> None:
        keys: list[tuple[str, Callable[[], None]]] = [
            (key, self.focus_search) for key in SEARCH_KEYS
        ]
        keys += [(key, partial(self.add_method, method)) for key, method in METHOD_KEYS.items()]
        keys += [(REPRINT_KEY, self.receipts.reprint), ("Esc", self.back_out)]
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page: the shift may have changed meanwhile."""
        super().showEvent(event)
        self.shifts.refresh()

    def open_agent_files(self) -> None:
        """The accountant's collection files and suspense list."""
        self.agent_dialog = AgentCollectionDialog(self.context, self.runner, self.station, self)
        self.agent_dialog.finished.connect(self.refresh_account)
        self.agent_dialog.open()

    # -- keyboard -------------------------------------------------------------------------

    def focus_search(self) -> None:
        """F6 / Ctrl+F: the cursor in the search field, its text selected."""
        self.finder.focus_search()

    def add_method(self, method: str) -> None:
        """F1-F5: add a part for `method` to the tender of the open account."""
        if self.stack.currentIndex() == TENDER and self.tender.isEnabled():
            self.tender.add_method(method)

    def back_out(self) -> None:
        """Esc: back out one step (see the module docstring)."""
        if self.posting:
            return
        if self.finder.search_field.hasFocus() and self.finder.search_field.text():
            self.finder.clear()
        elif self.stack.currentIndex() == TENDER and self.tender.remove_last_part():
            return
        elif self.stack.currentIndex() != IDLE or self.account.panel is not None:
            self.close_account()
        else:
            self.finder.clear()
        self.focus_search()

    def close_account(self) -> None:
        """Put the open account and the last result away."""
        self._panel_request += 1
        self.account.show_panel(None)
        self.stack.setCurrentIndex(IDLE)

    # -- the account ----------------------------------------------------------------------

    def open_account(self, account_no: str) -> None:
        """Load the account and start a tender for its total due."""
        self._load_panel(account_no, self._start_tender)

    def _load_panel(self, account_no: str, then: Callable[[AccountPanel], None]) -> None:
        self._panel_request += 1
        request = self._panel_request

        def shown(panel: AccountPanel) -> None:
            if request == self._panel_request:
                then(panel)

        self.runner.submit(
            account_panel, self.station, account_no, on_done=shown, on_error=self._say_in_finder
        )

    def _start_tender(self, panel: AccountPanel) -> None:
        self.account.show_panel(panel)
        self.uuids.settled()
        self.tender.start(panel.statement.total_due_fen, round_cash=panel.cash_rounding)
        collecting = can(self.context.actor, "collect_payment")
        self.tender.setEnabled(collecting)
        self.stack.setCurrentIndex(TENDER)
        if collecting:
            self.tender.focus_amount()

    def _methods_changed(self, methods: tuple[str, ...]) -> None:
        panel = self.account.panel
        if panel is None or not methods:
            return
        request = self._panel_request

        def arrived(statement: Statement) -> None:
            if request == self._panel_request and self.tender.methods() == methods:
                self.account.show_statement(statement)
                self.tender.set_due(statement.total_due_fen)

        self.runner.submit(
            statement_for, self.station, panel.account_no, methods,
            on_done=arrived, on_error=self._say_in_tender,
        )

    def refresh_account(self) -> None:
        """Reload the open account's statement and payments, keeping the right-hand side."""
        if self.account.panel is not None:
            self._load_panel(self.account.panel.account_no, self.account.show_panel)

    def _fetch_rows(self, account_no, offset, limit, on_rows, on_error) -> None:
        self.runner.submit(
            payment_page, account_no, offset, limit,
            on_done=on_rows, on_error=lambda failure: on_error(failure.message),
        )

    def _can_void(self, row) -> bool:
        same_day = row.business_date == self.station.business_date()
        return same_day and row.staff.split(" ", 1)[0] == self.context.actor.staff_no

    # -- posting --------------------------------------------------------------------------

    def confirm_payment(self) -> None:
        """Enter: check the tender and post it (the same UUID on every retry of it)."""
        panel = self.account.panel
        if self.posting or panel is None or self.stack.currentIndex() != TENDER:
            return
        try:
            self.tender.settle()
            typed = self.tender.read()
        except TenderInputError as problem:
            self._say_in_tender(str(problem), problem.field)
            return
        key = (panel.account_no, typed.parts, typed.cash_tendered_fen)
        request = PaymentRequest(
            self.uuids.for_action(key), panel.account_no, typed.parts, typed.cash_tendered_fen
        )
        self.post(request)

    def post(self, request: PaymentRequest) -> None:
        """Post `request` in the background; the result or the refusal comes back here."""
        self._set_posting(True)
        job = partial(post_payment, printer=self.context.printer)
        self.runner.submit(
            job, self.context.actor, self.station, request,
            on_done=self.show_posted,
            on_error=lambda failure: self._post_refused(request, failure),
        )

    def show_posted(self, result: PaymentResult) -> None:
        """A payment, void or refund is stored: show it, refresh, back to the search."""
        self._set_posting(False)
        self.uuids.settled()
        self.result.show_result(result, printer_set=self.context.printer is not None)
        self.stack.setCurrentIndex(RESULT)
        self.refresh_account()
        self.shifts.refresh()
        self.focus_search()

    def _post_refused(self, request: PaymentRequest, failure: JobFailure) -> None:
        self._set_posting(False)
        error = failure.error
        if isinstance(error, OverpaymentNeedsConfirmation):
            if self.confirm(self, self.tr("Payment above what is due"), failure.message):
                self.post(replace(request, allow_credit=True))
            return
        if isinstance(error, ShiftNotOpen) and self.shift_bar.state.info is None:
            self.shifts.open_shift(then=lambda: self.post(request))
            return
        if not failure.user_error:
            self._say_in_tender(self.tr(
                "It is not known whether the payment was recorded. Press Enter again without "
                "changing anything: a payment already recorded is recognised, never posted twice."
            ))
            return
        self._say_in_tender(failure.message)

    def _set_posting(self, posting: bool) -> None:
        """Freeze the tender while posting; afterwards the cursor is back where it was."""
        self.posting = posting
        if posting:
            self._focus_before = QApplication.focusWidget()
        self.tender.set_busy(posting)
        if posting:
            self.tender.problem.setText(self.tr("Posting…"))
        elif self._focus_before is not None and self.tender.isAncestorOf(self._focus_before):
            self._focus_before.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say_in_tender(self, message: str | JobFailure, field: QWidget | None = None) -> None:
        text = message.message if isinstance(message, JobFailure) else message
        self.tender.problem.setText(text)
        if field is not None:
            field.setFocus()

    def _say_in_finder(self, failure: JobFailure) -> None:
        self.finder.status.setText(failure.message)
