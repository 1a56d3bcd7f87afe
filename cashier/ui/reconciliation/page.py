"""The Reconciliation page (对账): the day's cashiers and collectors, the money per method,
the last 30 days' chart, the day close (日结) and the settlement tab.

The day's table lists every cashier's shift (closed: expected, counted, difference and
status as the close recorded; open: what the drawer should hold now) and every collector
(hand-overs against what they held). Double-clicking a closed shift opens its Z report.
Buttons open the shift-close dialog for this counter, the hand-over dialog, and the day
close, which signs the day's anchors with the key file the accountant picks and writes
them where they say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.day_close import SignedAnchors
from cashier.domain.money import format_yuan
from cashier.domain.tender import method_label
from cashier.services.anchor_signing import load_signer
from cashier.services.context import AppContext
from cashier.services.day_close import DayStatus, close_day, day_status
from cashier.services.permissions import can
from cashier.services.reconciliation import (
    CASHIER_ROW,
    ChartData,
    DayTotals,
    ReconRow,
    collections_chart,
    day_overview,
    day_totals,
)
from cashier.services.shift_close import z_report
from cashier.services.station import Station
from cashier.ui.counter.page import ask_yes_no
from cashier.ui.reconciliation.chart import CollectionsChart
from cashier.ui.reconciliation.handover_dialog import HandoverDialog
from cashier.ui.reconciliation.models import ReconRowsModel
from cashier.ui.reconciliation.settlements_panel import SettlementsPanel
from cashier.ui.reconciliation.shift_close_dialog import CountDialog, ShiftCloseDialog
from cashier.ui.reconciliation.z_report_view import ZReportView
from cashier.ui.runner import JobFailure, Runner

KEY_SETTING = "reconciliation/signing_key"
Confirm = Callable[[QWidget, str, str], bool]


def _close_and_write(uow, actor, station, day: dt.date, key: Path, out: Path) -> SignedAnchors:
    signed = close_day(uow, actor, station, day, signer=load_signer(key))
    out.write_text(signed.to_json(), encoding="utf-8")
    return signed


def _day_reads(uow, actor, day: dt.date):
    """Everything the day's tab shows, read in one background job (one transaction each)."""
    return (
        day_overview(uow, actor, day),
        day_totals(uow, actor, day),
        day_status(uow, actor, day),
        collections_chart(uow, actor, day),
    )


class ReconciliationPage(QWidget):
    """See the module docstring. `station`, `runner` and `confirm` can be given for tests."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
        station: Station | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self.station = station or Station(context.counter_code)
        self.confirm = confirm or ask_yes_no
        self.status: DayStatus | None = None
        self.z_dialog: QDialog | None = None
        self._request = 0
        """Numbers the day's reads: an answer for another day than the one asked last is
        dropped (a slow read must not overwrite a newer one)."""
        self.date = QDateEdit(self)
        self.date.setObjectName("reconDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        today = self.station.business_date()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.model = ReconRowsModel(self)
        self.table = self._make_table()
        self.day_label = QLabel(self)
        self.day_label.setObjectName("dayStatus")
        self.day_label.setWordWrap(True)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("dayTotals")
        self.totals_label.setWordWrap(True)
        self.chart: CollectionsChart | None = None
        """Made when the first chart data arrives (only operators who reconcile see one)."""
        self.chart_area = QWidget(self)
        QVBoxLayout(self.chart_area).setContentsMargins(0, 0, 0, 0)
        self.settlements = SettlementsPanel(context, self.runner, self.day, self)
        self._build()
        self.date.dateChanged.connect(lambda _date: self.refresh())
        self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("reconTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.doubleClicked.connect(self.open_z_report)
        return table

    def _top_bar(self) -> QHBoxLayout:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Business day:"), self))
        top.addWidget(self.date)
        actions = (
            (self.tr("Refresh"), self.refresh, "refreshDay", True),
            (self.tr("Close shift…"), self.open_shift_close, "closeShift",
             can(self.context.actor, "close_shift")),
            (self.tr("Hand-over…"), self.open_handover, "handover",
             can(self.context.actor, "receive_handover")),
            (self.tr("Close the day…"), self.ask_close_day, "closeDay",
             can(self.context.actor, "close_day")),
        )
        for text, slot, name, allowed in actions:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            button.setVisible(allowed)
            top.addWidget(button)
        top.addStretch(1)
        return top

    def _build(self) -> None:
        day_tab = QWidget(self)
        splitter = QSplitter(Qt.Orientation.Vertical, day_tab)
        upper = QWidget(splitter)
        column = QVBoxLayout(upper)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.day_label)
        column.addWidget(self.table, 1)
        column.addWidget(self.totals_label)
        splitter.addWidget(upper)
        splitter.addWidget(self.chart_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(day_tab).addWidget(splitter)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(day_tab, self.tr("Shifts and hand-overs"))
        self.tabs.addTab(self.settlements, self.tr("Settlement statements"))
        self.tabs.setTabEnabled(1, can(self.context.actor, "reconcile"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_bar())
        layout.addWidget(self.tabs, 1)

    def day(self) -> dt.date:
        """The business day shown."""
        return self.date.date().toPython()

    def refresh(self) -> None:
        """Read the day again (table, totals, status, chart) and the settlement tab."""
        if not can(self.context.actor, "reconcile"):
            self.day_label.setText(self.tr("Only accountants see the day's reconciliation."))
            return
        self._request += 1
        asked = self._request
        self.runner.submit(
            _day_reads, self.context.actor, self.day(),
            on_done=lambda reads: self._shown(reads) if asked == self._request else None,
            on_error=self._failed,
        )
        self.settlements.refresh()

    def _shown(self, reads: tuple[list[ReconRow], DayTotals, DayStatus, ChartData]) -> None:
        rows, totals, status, chart = reads
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.status = status
        self.day_label.setText(self._status_text(status))
        parts = [f"{method_label(m)} {format_yuan(f)}" for m, f in totals.net().items()]
        self.totals_label.setText(self.tr("Money booked on the day: {parts}").format(
            parts="，".join(parts) or self.tr("none")
        ))
        if self.chart is None:
            self.chart = CollectionsChart(self.chart_area)
            self.chart_area.layout().addWidget(self.chart)
        self.chart.show_data(chart)

    def _status_text(self, status: DayStatus) -> str:
        if status.closed:
            return self.tr("Closed (the books are closed through {day}).").format(
                day=status.closed_through
            )
        if status.blockers.clear:
            return self.tr("Open: every shift is closed and all cash handed over; it can be "
                           "closed once the day has ended.")
        return self.tr("Open: {why}").format(why=status.blockers.message())

    def open_shift_close(self) -> None:
        """The shift-close dialog for this counter."""
        self._run(ShiftCloseDialog)

    def open_handover(self) -> None:
        """The hand-over dialog, receiving at this counter."""
        self._run(HandoverDialog)

    def _run(self, kind: type[CountDialog]) -> None:
        """Run a dialog of this counter modally, then read the day again."""
        dialog = kind(self.context, self.station, self, runner=self.runner)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.refresh()

    def open_z_report(self, index: QModelIndex) -> None:
        """Show the Z report of the closed shift double-clicked."""
        row = self.model.rows[index.row()]
        if row.kind != CASHIER_ROW or not row.receipt_no:
            return
        self.runner.submit(z_report, row.receipt_no, on_done=self._show_z, on_error=self._failed)

    def _show_z(self, found) -> None:
        report, reprints = found
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Z report {receipt}").format(receipt=report.last_receipt))
        view = ZReportView(self.context, self.station, self.runner, dialog)
        view.show_report(report, reprints)
        QVBoxLayout(dialog).addWidget(view)
        dialog.resize(520, 720)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.z_dialog = dialog

    def ask_close_day(self) -> None:
        """Confirm, pick the key file and where to write the anchors, then close the day."""
        day = self.day()
        question = self.tr(
            "Close the books through {day}? Nothing can be booked to it afterwards."
        ).format(day=day)
        if not self.confirm(self, self.tr("Close the day"), question):
            return
        settings = QSettings()
        key, _ = QFileDialog.getOpenFileName(
            self, self.tr("Signing key (kept off the database server)"),
            str(settings.value(KEY_SETTING, "")), self.tr("Key files (*.pem);;All files (*)"),
        )
        if not key:
            return
        settings.setValue(KEY_SETTING, key)
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the signed anchors"), f"anchors-{day}.json",
            self.tr("Anchors (*.json)"),
        )
        if out:
            self.close_day(day, Path(key), Path(out))

    def close_day(self, day: dt.date, key: Path, out: Path) -> None:
        """Close the books through `day`, signing with `key`, writing the anchors to `out`."""
        self.runner.submit(_close_and_write, self.context.actor, self.station, day, key, out,
                           on_done=self._day_closed, on_error=self._failed)

    def _day_closed(self, signed: SignedAnchors) -> None:
        self.day_label.setText(self.tr(
            "Closed through {day}; {count} anchors signed and written."
        ).format(day=signed.through, count=len(signed.anchors)))
        self.refresh()

    def _failed(self, failure: JobFailure) -> None:
        self.day_label.setText(failure.message)

