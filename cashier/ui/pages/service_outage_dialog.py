"""Recording an outage for an estate, some buildings or listed accounts; later events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.outages import NewOutage, StoredOutage
from cashier.domain.service_import import split_list
from cashier.services.context import AppContext
from cashier.services.outages import (
    OutageResult,
    Places,
    accounts_in,
    add_outage_event,
    places,
    record_outage,
)
from cashier.services.ports import UnitOfWork
from cashier.services.service_cases import lookup_account
from cashier.ui.pages.service_forms import error_label, moment_of, time_field
from cashier.ui.pages.service_models import word
from cashier.ui.runner import JobFailure, Runner


def save_outage(
    uow: UnitOfWork,
    actor: Actor,
    draft: NewOutage,
    estate: str,
    buildings: Sequence[str],
    numbers: Sequence[str],
) -> OutageResult:
    """Record ``draft`` for the listed account numbers, or else the estate's buildings."""
    if numbers:
        ids = tuple(lookup_account(uow, actor, number).id for number in numbers)
    else:
        ids = tuple(accounts_in(uow, actor, estate, buildings)) if estate else ()
    return record_outage(uow, actor, replace(draft, account_ids=ids))


def scope_text(estate: str, buildings: Sequence[str], numbers: Sequence[str]) -> str:
    """The affected places as people write them."""
    if numbers:
        return "户号 " + "、".join(numbers)
    return estate + (f" {'、'.join(buildings)}号楼" if buildings else "")


class OutageDialog(QDialog):
    """Start, end if known, cause, notice time, and the affected accounts."""

    def __init__(self, context: AppContext, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.runner = context, runner
        self.saved: OutageResult | None = None
        self.setWindowTitle(self.tr("Record an outage"))
        self.started = time_field(self)
        self.restored_box = QCheckBox(self.tr("Heat is back at"), self)
        self.restored = time_field(self)
        self.notice_box = QCheckBox(self.tr("Households told at"), self)
        self.notice = time_field(self)
        self.cause = QLineEdit(self)
        self.estate = QComboBox(self)
        self.buildings = QListWidget(self)
        self.buildings.setMaximumHeight(self.fontMetrics().height() * 7)
        self.numbers = QLineEdit(self)
        self.numbers.setPlaceholderText(self.tr("Or account numbers, separated by commas"))
        self.error = error_label(self)
        for box, field in ((self.restored_box, self.restored), (self.notice_box, self.notice)):
            field.setEnabled(False)
            box.toggled.connect(field.setEnabled)
        self._layout()
        self.estate.currentTextChanged.connect(self._load_buildings)
        runner.submit(places, context.actor, on_done=self._show_places,
                      on_error=lambda f: self.error.setText(f.message))  # fmt: skip

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Heat stopped at:"), self.started)
        form.addRow(self.restored_box, self.restored)
        form.addRow(self.tr("Cause:"), self.cause)
        form.addRow(self.notice_box, self.notice)
        form.addRow(self.tr("Estate:"), self.estate)
        form.addRow(self.tr("Buildings (none ticked: all):"), self.buildings)
        form.addRow(self.tr("Accounts:"), self.numbers)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr(
            "Outages of at least the season's minimum hours credit every affected account with "
            "a bill, once the time heat came back is known."
        ), self, wordWrap=True))  # fmt: skip
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 50, self.sizeHint().height())

    def _show_places(self, found: Places) -> None:
        self.estate.clear()
        self.estate.addItems(list(found.estates))

    def _load_buildings(self, estate: str) -> None:
        self.buildings.clear()
        if estate:
            self.runner.submit(partial(places, estate=estate), self.context.actor,
                               on_done=self._show_buildings)  # fmt: skip

    def _show_buildings(self, found: Places) -> None:
        self.buildings.clear()
        for building in found.buildings:
            item = QListWidgetItem(self.tr("Building {b}").format(b=building), self.buildings)
            item.setData(Qt.ItemDataRole.UserRole, building)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def chosen_buildings(self) -> list[str]:
        """The ticked buildings (empty: the whole estate)."""
        items = (self.buildings.item(i) for i in range(self.buildings.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items
                if i.checkState() == Qt.CheckState.Checked]  # fmt: skip

    def save(self) -> None:
        """Record the outage in the background; closes when stored."""
        self.error.clear()
        numbers = list(split_list(self.numbers.text()))
        estate, buildings = self.estate.currentText(), self.chosen_buildings()
        draft = NewOutage(
            started_at=moment_of(self.started),
            ended_at=moment_of(self.restored) if self.restored_box.isChecked() else None,
            cause=self.cause.text(),
            scope=scope_text(estate, buildings, numbers),
            account_ids=(),
            notice_at=moment_of(self.notice) if self.notice_box.isChecked() else None,
        )
        self.runner.submit(
            save_outage, self.context.actor, draft, estate, buildings, numbers,
            on_done=self._saved, on_error=self._failed,
        )  # fmt: skip

    def _saved(self, result: OutageResult) -> None:
        self.saved = result
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.error.setText(failure.message)


class OutageEventDialog(QDialog):
    """When heat came back, or when the households were told, for one outage."""

    def __init__(
        self, context: AppContext, runner: Runner, outage: StoredOutage, kind: str,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.context, self.runner, self.outage, self.kind = context, runner, outage, kind
        self.saved: OutageResult | None = None
        self.setWindowTitle(f"{outage.number} {word(kind)}")
        self.when = time_field(self, max(outage.started_at, dt.datetime.now(dt.UTC)))
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Time:"), self.when)
        form.addRow(self.error)
        form.addRow(buttons)

    def save(self) -> None:
        """Record the event in the background; closes when stored."""
        self.runner.submit(
            add_outage_event, self.context.actor, self.outage.number, self.kind,
            moment_of(self.when),
            on_done=self._saved, on_error=lambda f: self.error.setText(f.message),
        )  # fmt: skip

    def _saved(self, result: OutageResult) -> None:
        self.saved = result
        self.accept()
