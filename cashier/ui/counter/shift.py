"""The shift strip of the Counter page and the open-shift dialog (opening float, 备用金).

A cashier opens a shift before taking money; the strip shows whose shift is open at this
counter, since when, with what float, and its running totals. Closing here records the
shift's totals (the blind count and the Z report come with the day close).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.journal import local_time
from cashier.domain.money import format_yuan, parse_yuan
from cashier.domain.shift import ShiftTotals
from cashier.services.ports import UnitOfWork
from cashier.services.shifts import ShiftInfo, current_shift, shift_summary
from cashier.services.station import Station
from cashier.ui.pages.ui_tables import name_of
from cashier.ui.signin import dialog_buttons, error_label, heading

OWN_STYLE = "QLabel { background: #e6f4ea; color: #0b4f23; padding: 4px 8px; }"
NONE_STYLE = "QLabel { background: #fff3bf; color: #5c3c00; padding: 4px 8px; }"


@dataclass(frozen=True)
class ShiftState:
    """The counter's open shift (None when none) and its running totals."""

    info: ShiftInfo | None
    totals: ShiftTotals | None


def read_shift_state(uow: UnitOfWork, station: Station) -> ShiftState:
    """The open shift of the station's counter and its totals (a background job)."""
    info = current_shift(uow, station)
    totals = shift_summary(uow, station) if info is not None else None
    return ShiftState(info, totals)


class ShiftBar(QWidget):
    """One line on the shift, with Open and Close buttons.

    Signals `open_requested` and `close_requested`; the page does the work.
    """

    open_requested = Signal()
    close_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.state = ShiftState(None, None)
        self.label = QLabel(self.tr("Shift: loading…"), self)
        self.label.setObjectName("shiftLabel")
        self.label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open shift…"), self)
        self.open_button.setObjectName("openShiftButton")
        self.close_button = QPushButton(self.tr("Close shift…"), self)
        self.close_button.setObjectName("closeShiftButton")
        for button in (self.open_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.open_button.clicked.connect(self.open_requested)
        self.close_button.clicked.connect(self.close_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button)

    def is_own_shift_open(self) -> bool:
        """True when this operator's shift is open at the counter."""
        info = self.state.info
        return info is not None and info.staff_no == self.actor.staff_no

    def show_state(self, state: ShiftState) -> None:
        """Show `state`; Open is offered when no shift is open, Close when one is."""
        self.state = state
        info = state.info
        self.open_button.setVisible(info is None)
        self.close_button.setVisible(info is not None)
        if info is None:
            self.label.setText(self.tr("No shift is open: open one before taking money."))
            self.label.setStyleSheet(NONE_STYLE)
            return
        self.label.setStyleSheet(OWN_STYLE if self.is_own_shift_open() else NONE_STYLE)
        self.label.setText(self._describe(info, state.totals))

    def _describe(self, info: ShiftInfo, totals: ShiftTotals | None) -> str:
        opened = local_time(info.opened_at).strftime("%H:%M")
        text = self.tr("Shift {receipt} of {name} ({staff_no}) since {time}, float {float}").format(
            receipt=info.receipt_no,
            name=info.staff_name,
            staff_no=info.staff_no,
            time=opened,
            float=format_yuan(info.opening_float_fen),
        )
        if totals is not None:
            text += " · " + totals_text(totals)
        return text


def totals_text(totals: ShiftTotals) -> str:
    """The running totals in one line: counts, per method, cash expected in the drawer."""
    methods = "、".join(
        f"{name_of(method)} {format_yuan(fen)}" for method, fen in sorted(totals.by_method.items())
    )
    counts = QCoreApplication.translate(
        "ShiftBar", "{payments} payments, {voids} voids, {refunds} refunds"
    )
    text = counts.format(payments=totals.payments, voids=totals.voids, refunds=totals.refunds)
    if methods:
        text += f" · {methods}"
    cash = QCoreApplication.translate("ShiftBar", "cash expected {amount}")
    return text + " · " + cash.format(amount=format_yuan(totals.cash_expected_fen))


class OpenShiftDialog(QDialog):
    """Asks for the opening float; after accept(), `float_fen` holds it."""

    def __init__(self, actor: Actor, counter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open shift"))
        self.float_fen: int | None = None
        self.float_field = QLineEdit("0.00", self)
        self.float_field.setObjectName("openingFloat")
        self.float_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        title = self.tr("Open a shift at counter {counter}").format(counter=counter)
        layout.addWidget(heading(title, self))
        who = self.tr("Cashier: {name} ({staff_no})").format(
            name=actor.name, staff_no=actor.staff_no
        )
        layout.addWidget(QLabel(who, self))
        form = QFormLayout()
        form.addRow(self.tr("Opening float (yuan):"), self.float_field)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Open shift"), self.tr("Cancel")))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 26)
        self.float_field.setFocus()
        self.float_field.selectAll()

    def submit(self) -> None:
        """Accept when the float is a valid amount; say what is wrong otherwise."""
        try:
            self.float_fen = parse_yuan(self.float_field.text())
        except ValueError as bad:
            self.error.setText(str(bad))
            self.float_field.setFocus()
            return
        self.accept()
