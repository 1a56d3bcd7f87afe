"""The route page (路线) of a collector's laptop: the work list of one estate or building in
walking order (building, unit, room), who still owes and what was taken today, the device's
state (entries waiting to be synced, last sync), and the sync (F8).

Enter or a double click on a household opens it on the Counter page to take the money.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.journal import local_time
from cashier.domain.money import format_yuan
from cashier.domain.route import RouteTotals, route_totals
from cashier.services.device_status import DeviceStatus, device_status
from cashier.services.route import Route, route, route_places
from cashier.services.station import Station
from cashier.ui.collector.route_model import RouteModel
from cashier.ui.runner import Runner

SYNC_KEY = "F8"


class RoutePage(QWidget):
    """The route. `open_account(account_no)` takes a household to the Counter page;
    `sync()` opens the sync dialog (both given by whoever installs the page)."""

    def __init__(
        self,
        runner: Runner,
        station: Station,
        open_account: Callable[[str], None],
        sync: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.station = runner, station
        self._open_account, self._sync = open_account, sync
        self._places: dict[str, list[str]] = {}
        self.model = RouteModel(self)
        self._build()
        self.estate.currentIndexChanged.connect(self._estate_chosen)
        self.building.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.sync_button.clicked.connect(self._sync)
        self.refresh_button.clicked.connect(self.reload)
        shortcut = QShortcut(QKeySequence(SYNC_KEY), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._sync)

    def _build(self) -> None:
        self.device_label = QLabel(self)
        self.device_label.setObjectName("routeDevice")
        self.device_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.estate = QComboBox(self)
        self.estate.setObjectName("routeEstate")
        self.building = QComboBox(self)
        self.building.setObjectName("routeBuilding")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.sync_button = QPushButton(self.tr("Sync… (F8)"), self)
        self.sync_button.setObjectName("routeSync")
        bar = QHBoxLayout()
        pairs = ((self.tr("Estate"), self.estate), (self.tr("Building"), self.building))
        for label, widget in pairs:
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.sync_button)
        self.table = QTableView(self)
        self.table.setObjectName("routeTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.totals = QLabel(self)
        self.totals.setObjectName("routeTotals")
        self.hint = QLabel(
            self.tr("Enter opens the household on the Counter page; F8 syncs."), self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.device_label)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.table)

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the device's state and the work list's places again, then the route."""
        self.runner.submit(device_status, on_done=self.show_status)
        self.runner.submit(route_places, on_done=self._places_arrived)

    def show_status(self, status: DeviceStatus) -> None:
        """The device line: code, name, entries waiting, last sync."""
        synced = (
            local_time(status.synced_at).strftime("%Y-%m-%d %H:%M")
            if status.synced_at
            else self.tr("never")
        )
        self.device_label.setText(
            self.tr("Device {code} ({name}) · {waiting} entries to sync · last sync {when}")
            .format(code=status.code, name=status.name, waiting=status.waiting, when=synced)
        )

    def _places_arrived(self, places: dict[str, list[str]]) -> None:
        self._places = places
        current = self.estate.currentText()
        self.estate.blockSignals(True)
        self.estate.clear()
        self.estate.addItems(list(places))
        if current in places:
            self.estate.setCurrentText(current)
        self.estate.blockSignals(False)
        self._estate_chosen()

    def _estate_chosen(self, _index: int = 0) -> None:
        current = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(self.tr("All buildings"), "")
        for building in self._places.get(self.estate.currentText(), []):
            self.building.addItem(self.tr("Building {no}").format(no=building), building)
        index = self.building.findData(current)
        self.building.setCurrentIndex(max(index, 0))
        self.building.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Compute the chosen estate/building's route again (after a payment, a sync)."""
        estate = self.estate.currentText()
        if not estate:
            self.show_route(Route("", "", (), _empty_totals()))
            return
        building = self.building.currentData() or ""
        self.totals.setText(self.tr("Reading the route…"))
        self.runner.submit(route, self.station, estate, building, on_done=self.show_route)

    def show_route(self, result: Route) -> None:
        """Show the stops and their totals."""
        self.model.set_stops(result.stops)
        t = result.totals
        self.totals.setText(
            self.tr(
                "{households} households; {owing} still owe {owed}; "
                "{paid} paid today, {taken} taken"
            ).format(
                households=t.households,
                owing=t.owing,
                owed=format_yuan(t.owed_fen),
                paid=t.paid_today,
                taken=format_yuan(t.paid_today_fen),
            )
        )
        if result.stops and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._open_account(self.model.stop(row).account_no)

    def showEvent(self, event) -> None:
        """Coming back to the route (after taking money) shows it as it is now."""
        super().showEvent(event)
        if self._places:
            self.refresh()
            self.runner.submit(device_status, on_done=self.show_status)


def _empty_totals() -> RouteTotals:
    return route_totals(())
