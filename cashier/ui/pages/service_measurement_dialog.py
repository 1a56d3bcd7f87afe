"""Recording a temperature measurement on site, signed on screen by measurer and household."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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

from cashier.domain.actor import Actor
from cashier.domain.measurements import NewMeasurement, RoomReading, StoredMeasurement
from cashier.domain.money import format_yuan
from cashier.services.context import AppContext
from cashier.services.measurements import MeasurementResult, record_measurement
from cashier.services.ports import UnitOfWork
from cashier.services.service_cases import lookup_account
from cashier.ui.pages.service_forms import (
    AccountField,
    error_label,
    moment_of,
    set_moment,
    time_field,
)
from cashier.ui.runner import JobFailure, Runner
from cashier.ui.widgets.signature_pad import SignatureField

DEFAULT_ROOMS = ("卧室", "客厅")


class RoomsError(ValueError):
    """A room row that is not filled in properly (message for the user)."""


def save_measurement(
    uow: UnitOfWork, actor: Actor, draft: NewMeasurement, account_no: str
) -> MeasurementResult:
    """Record ``draft`` for the account numbered ``account_no``."""
    account = lookup_account(uow, actor, account_no)
    return record_measurement(uow, actor, replace(draft, account_id=account.id))


class MeasurementDialog(QDialog):
    """The measurement form: account, time, rooms with area and ℃, both signatures.

    ``corrects`` pre-fills the form from a measurement this one replaces. After saving,
    ``saved`` holds the MeasurementResult (the number and any refund posted).
    """

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        corrects: StoredMeasurement | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.runner, self.corrects = context, runner, corrects
        self.saved: MeasurementResult | None = None
        self.setWindowTitle(self.tr("Temperature measurement"))
        self.account = AccountField(context, runner, self)
        self.measured = time_field(self)
        self.measurer = QLineEdit(context.actor.name, self)
        self.note = QLineEdit(self)
        self.rooms = self._rooms_table()
        self.measurer_sign = SignatureField(self.tr("Measurer's signature"), self)
        self.household_sign = SignatureField(self.tr("Household's signature"), self)
        self.error = error_label(self)
        self._layout()
        if corrects is not None:
            self._fill_from(corrects)

    def _rooms_table(self) -> QTableWidget:
        table = QTableWidget(0, 3, self)
        table.setObjectName("roomsTable")
        headers = [self.tr("Room"), self.tr("Area m²"), self.tr("Reading °C")]
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for room in DEFAULT_ROOMS:
            self._add_row(table, room)
        table.setMaximumHeight(table.fontMetrics().height() * 9)
        return table

    @staticmethod
    def _add_row(table: QTableWidget, room: str = "", area: str = "", reading: str = "") -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, text in enumerate((room, area, reading)):
            table.setItem(row, column, QTableWidgetItem(text))

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Account:"), self.account)
        form.addRow(self.tr("Measured at:"), self.measured)
        form.addRow(self.tr("Measurer:"), self.measurer)
        form.addRow(self.tr("Note:"), self.note)
        add = QPushButton(self.tr("Add room"), self)
        remove = QPushButton(self.tr("Remove room"), self)
        add.clicked.connect(lambda: self._add_row(self.rooms))
        remove.clicked.connect(lambda: self.rooms.removeRow(max(0, self.rooms.currentRow())))
        room_buttons = QHBoxLayout()
        room_buttons.addWidget(add)
        room_buttons.addWidget(remove)
        room_buttons.addStretch(1)
        signs = QHBoxLayout()
        signs.addWidget(self.measurer_sign)
        signs.addWidget(self.household_sign)
        hint = QLabel(self.tr(
            "Rooms below the season's standard earn a refund for the whole days until the next "
            "signed measurement. Both sides sign; the record can never be changed afterwards."
        ), self)  # fmt: skip
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.corrects is not None:
            layout.addWidget(QLabel(self.tr(
                "Correcting {number}: the original stays on record, this one takes its place."
            ).format(number=self.corrects.number), self))  # fmt: skip
        layout.addLayout(form)
        layout.addWidget(self.rooms)
        layout.addLayout(room_buttons)
        layout.addWidget(hint)
        layout.addLayout(signs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 70, 700)

    def _fill_from(self, old: StoredMeasurement) -> None:
        self.account.number.setText(old.account_no)
        self.account.number.setEnabled(False)
        self.rooms.setRowCount(0)
        for room in old.rooms:
            self._add_row(self.rooms, room.room, str(room.area), str(room.reading))
        set_moment(self.measured, old.measured_at)

    def room_readings(self) -> tuple[RoomReading, ...]:
        """The filled-in rows; raises RoomsError naming the first row that is wrong."""
        rooms = []
        for row in range(self.rooms.rowCount()):
            cells = [(self.rooms.item(row, c) or QTableWidgetItem()).text().strip()
                     for c in range(3)]  # fmt: skip
            if not any(cells):
                continue
            try:
                rooms.append(RoomReading(cells[0], Decimal(cells[1]), Decimal(cells[2])))
            except InvalidOperation:
                raise RoomsError(
                    self.tr("Row {row}: area and reading must be numbers.").format(row=row + 1)
                ) from None
        return tuple(rooms)

    def draft(self) -> NewMeasurement:
        """The measurement as filled in (account resolved when saving)."""
        return NewMeasurement(
            account_id=0,
            measured_at=moment_of(self.measured),
            rooms=self.room_readings(),
            measurer=self.measurer.text(),
            note=self.note.text(),
            corrects_id=None if self.corrects is None else self.corrects.id,
            measurer_signature=self.measurer_sign.signature(),
            household_signature=self.household_sign.signature(),
        )

    def save(self) -> None:
        """Record the measurement in the background; closes when stored."""
        self.error.clear()
        try:
            draft = self.draft()
        except RoomsError as problem:
            self.error.setText(str(problem))
            return
        self.runner.submit(
            save_measurement, self.context.actor, draft, self.account.number.text(),
            on_done=self._saved, on_error=self._failed,
        )  # fmt: skip

    def _saved(self, result: MeasurementResult) -> None:
        self.saved = result
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.error.setText(failure.message)


def result_text(result: MeasurementResult) -> str:
    """What to tell the user after saving: the number and any refund posted."""
    number = result.measurement.number
    total = result.credits.total_fen
    if total:
        return QCoreApplication.translate(
            "MeasurementDialog", "{number} saved; refund posted to the bill: {amount}"
        ).format(number=number, amount=format_yuan(total))
    return QCoreApplication.translate("MeasurementDialog", "{number} saved.").format(number=number)
