"""The Repairs page's forms: a new order, the crew's steps, a follow-up, taking payment."""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.money import MoneyError, format_yuan, parse_yuan
from cashier.domain.repair_orders import (
    CANCELLED,
    CHANNELS,
    CHARGE,
    DISPATCHED,
    FINISHED,
    OWNERS,
    SATISFACTION,
    FollowUp,
    NewOrder,
    Order,
    OrderEvent,
    is_paid,
)
from cashier.domain.tender import CASH, METHODS, TenderPart
from cashier.services.context import AppContext
from cashier.services.ports import ReceiptPrinter
from cashier.services.repair_orders import record_event, record_followup, take_order
from cashier.services.repair_payments import RepairPaymentRequest, pay_repair_bill
from cashier.services.station import Station
from cashier.ui.pages.repair_models import word
from cashier.ui.pages.service_forms import AccountField, error_label, moment_of, time_field
from cashier.ui.runner import JobFailure, Runner

PAID_STYLE = "QLabel#chargeDecision { color: #8a4b00; font-weight: bold; font-size: 15pt; }"
FREE_STYLE = "QLabel#chargeDecision { color: #1b6e20; font-weight: bold; font-size: 15pt; }"


def _combo(parent: QWidget, codes) -> QComboBox:
    combo = QComboBox(parent)
    for code in codes:
        combo.addItem(word(code), code)
    return combo


class _Form(QDialog):
    """A form with Save/Cancel and an error line; ``saved`` holds the service's result."""

    def __init__(self, context: AppContext, runner: Runner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context, self.runner = context, runner
        self.saved = None
        self.form = QFormLayout()
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _arrange(self, *extra: QWidget) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        for widget in extra:
            layout.addWidget(widget)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        """Send the form to its service in the background."""
        raise NotImplementedError

    def _submit(self, job, *args) -> None:
        self.buttons.setEnabled(False)
        self.runner.submit(
            job, self.context.actor, *args, on_done=self._done, on_error=self._failed
        )

    def _done(self, result) -> None:
        self.saved = result
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(failure.message)


class NewOrderDialog(_Form):
    """Take a repair call: when, how, who and where, the fault, and paid or free."""

    def __init__(self, context: AppContext, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(context, runner, parent)
        self.setWindowTitle(self.tr("New repair order"))
        self.received = time_field(self)
        self.channel = _combo(self, CHANNELS)
        self.account = AccountField(context, runner, self)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(self.tr("Only when there is no account number"))
        self.contact = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.fault = QPlainTextEdit(self)
        self.fault.setObjectName("fault")
        self.fault.setMaximumHeight(self.fontMetrics().height() * 5)
        self.owner = _combo(self, OWNERS)
        self.owner.setCurrentIndex(1)
        self.damage = QCheckBox(self.tr("Company facility damaged by the household"), self)
        self.decision = QLabel(self)
        self.decision.setObjectName("chargeDecision")
        self.told = QCheckBox(self.tr("I told the caller whether this repair is paid"), self)
        self.told.setObjectName("customerTold")
        for row in (
            (self.tr("Received:"), self.received),
            (self.tr("Channel:"), self.channel),
            (self.tr("Account:"), self.account),
            (self.tr("Address:"), self.address),
            (self.tr("Contact:"), self.contact),
            (self.tr("Phone:"), self.phone),
            (self.tr("Fault as reported:"), self.fault),
            (self.tr("Failed part owned by:"), self.owner),
        ):
            self.form.addRow(*row)
        self.form.addRow("", self.damage)
        self.owner.currentIndexChanged.connect(self._decide)
        self.damage.toggled.connect(self._decide)
        self._decide()
        self._arrange(self.decision, self.told)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60, 560)

    def _decide(self) -> None:
        owner = self.owner.currentData()
        self.damage.setEnabled(owner == "company")
        if owner != "company":
            self.damage.setChecked(False)
        paid = is_paid(owner, self.damage.isChecked())
        self.decision.setText(
            self.tr("Paid repair: the household pays at the approved rates")
            if paid
            else self.tr("Free repair: the company's facility")
        )
        self.decision.setStyleSheet(PAID_STYLE if paid else FREE_STYLE)

    def order(self) -> NewOrder:
        """The order as filled in."""
        return NewOrder(
            received_at=moment_of(self.received),
            channel=self.channel.currentData(),
            fault=self.fault.toPlainText(),
            owner=self.owner.currentData(),
            customer_told=self.told.isChecked(),
            account_no=self.account.number.text().strip(),
            address=self.address.text(),
            contact_name=self.contact.text(),
            contact_phone=self.phone.text(),
            household_damage=self.damage.isChecked(),
        )

    def save(self) -> None:
        """Take the order."""
        self._submit(take_order, self.order())


class EventDialog(_Form):
    """Record a step of an order: dispatch, arrival, finishing, cancelling, paid/free."""

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        order: Order,
        kind: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, runner, parent)
        self.order, self.kind = order, kind
        self.setWindowTitle(f"{order.number} · {word(kind)}")
        self.at = time_field(self)
        self.form.addRow(self.tr("Time:"), self.at)
        self.technicians = QLineEdit(f"{context.actor.staff_no} {context.actor.name}", self)
        self.owner = _combo(self, OWNERS)
        self.paid = QCheckBox(self.tr("The household pays"), self)
        if kind == DISPATCHED:
            self.technicians.setToolTip(self.tr("Separate several technicians with 、"))
            self.form.addRow(self.tr("Technicians:"), self.technicians)
        if kind == CHARGE:
            owner, paid = order.charge
            self.owner.setCurrentIndex(max(0, self.owner.findData(owner)))
            self.paid.setChecked(not paid)
            self.form.addRow(self.tr("Failed part owned by:"), self.owner)
            self.form.addRow("", self.paid)
        self.note = QLineEdit(self)
        label = {
            CANCELLED: self.tr("Reason:"),
            CHARGE: self.tr("What the customer was told:"),
            FINISHED: self.tr("Work done:"),
        }.get(kind, self.tr("Note:"))
        self.form.addRow(label, self.note)
        self._arrange()

    def event_value(self) -> OrderEvent:
        """The step as filled in."""
        technicians = tuple(t.strip() for t in self.technicians.text().split("、") if t.strip())
        return OrderEvent(
            kind=self.kind,
            at=moment_of(self.at),
            technicians=technicians if self.kind == DISPATCHED else (),
            note=self.note.text(),
            owner=self.owner.currentData() if self.kind == CHARGE else None,
            paid=self.paid.isChecked() if self.kind == CHARGE else None,
        )

    def save(self) -> None:
        """Record the step."""
        self._submit(record_event, self.order.number, self.event_value())


class FollowUpDialog(_Form):
    """Record a follow-up (回访) of a finished order."""

    def __init__(
        self, context: AppContext, runner: Runner, order: Order, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self.order = order
        self.setWindowTitle(self.tr("Follow-up of {number}").format(number=order.number))
        self.at = time_field(self)
        self.satisfaction = _combo(self, SATISFACTION)
        self.satisfaction.setCurrentIndex(1)
        self.notes = QPlainTextEdit(self)
        self.form.addRow(self.tr("Time:"), self.at)
        self.form.addRow(self.tr("Satisfaction:"), self.satisfaction)
        self.form.addRow(self.tr("What the household said:"), self.notes)
        self._arrange()

    def save(self) -> None:
        """Record the follow-up."""
        value = FollowUp(
            0, moment_of(self.at), self.satisfaction.currentData(), self.notes.toPlainText()
        )
        self._submit(record_followup, self.order.number, value)


class PaymentDialog(_Form):
    """Take the full amount of a signed bill; the receipt prints after it is stored."""

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        order_number: str,
        total_fen: int,
        printer: ReceiptPrinter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, runner, parent)
        self.order_number, self.total_fen, self.printer = order_number, total_fen, printer
        self.client_uuid: str | None = None
        self.setWindowTitle(self.tr("Take payment for {number}").format(number=order_number))
        self.method = QComboBox(self)
        for code in METHODS:
            self.method.addItem(word_method(code), code)
        self.reference = QLineEdit(self)
        self.tendered = QLineEdit(self)
        self.change = QLabel(self)
        total = QLabel(format_yuan(total_fen), self)
        total.setObjectName("paymentTotal")
        self.form.addRow(self.tr("Amount due:"), total)
        self.form.addRow(self.tr("Method:"), self.method)
        self.form.addRow(self.tr("Reference no.:"), self.reference)
        self.form.addRow(self.tr("Cash tendered:"), self.tendered)
        self.form.addRow(self.tr("Change:"), self.change)
        self.tendered.textChanged.connect(self._change)
        self.method.currentIndexChanged.connect(self._change)
        self._change()
        self._arrange()

    def _tendered_fen(self) -> int | None:
        text = self.tendered.text().strip()
        return parse_yuan(text) if text and self.method.currentData() == CASH else None

    def _change(self) -> None:
        cash = self.method.currentData() == CASH
        self.tendered.setEnabled(cash)
        self.reference.setEnabled(not cash)
        try:
            tendered = self._tendered_fen()
        except MoneyError as problem:
            self.change.setText(str(problem))
            return
        self.change.setText("" if tendered is None else format_yuan(tendered - self.total_fen))

    def save(self) -> None:
        """Post the payment (the same client UUID on every retry of this dialog)."""
        try:
            tendered = self._tendered_fen()
        except MoneyError as problem:
            self.error.setText(str(problem))
            return
        self.client_uuid = self.client_uuid or str(uuid.uuid4())
        part = TenderPart(self.method.currentData(), self.total_fen, self.reference.text().strip())
        request = RepairPaymentRequest(self.client_uuid, self.order_number, (part,), tendered)
        station = Station(self.context.counter_code)
        job = partial(pay_repair_bill, printer=self.printer)
        self.buttons.setEnabled(False)
        self.runner.submit(
            job, self.context.actor, station, request, on_done=self._done, on_error=self._failed
        )


def word_method(code: str) -> str:
    """The name of a payment method (receipt wording; the same in every UI language)."""
    return METHODS.get(code, code)
