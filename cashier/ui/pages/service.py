"""The Service page (服务): what is overdue, and the records the service standard requires.

Tabs: To do (overdue and soon-due cases, follow-ups owed, outages without restoration or a
12-hour notice, device readings below standard), Cases, Measurements, Outages. Buttons
receive a complaint or application, record a signed measurement (or correct one) and record
an outage. Nothing here is edited or deleted; everything is appended.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.service_cases import CaseFilter
from cashier.services.context import AppContext
from cashier.services.measurements import list_measurements, signature_images
from cashier.services.outages import list_outages
from cashier.services.permissions import can
from cashier.services.service_cases import list_cases
from cashier.services.service_overview import ServiceOverview, service_overview
from cashier.ui.main_window import MainWindow
from cashier.ui.pages.service_case_dialogs import CaseDialog, NewCaseDialog
from cashier.ui.pages.service_measurement_dialog import MeasurementDialog, result_text
from cashier.ui.pages.service_models import (
    CASE_COLUMNS,
    MEASUREMENT_COLUMNS,
    OUTAGE_COLUMNS,
    RecordTableModel,
    deadline_text,
    moment_text,
    word,
)
from cashier.ui.pages.service_outage_dialog import OutageDialog, OutageEventDialog
from cashier.ui.pages.ui_tables import fill_table, read_only_table
from cashier.ui.runner import Runner

PAGE_KEY = "service"


def _view(model: RecordTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ServicePage(QWidget):
    """The service desk's page; every read and write goes through the background runner."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, runner: Runner | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self.overview: ServiceOverview | None = None
        actor = context.actor
        self.cases = RecordTableModel(CASE_COLUMNS, self._fetch(list_cases, CaseFilter()), self)
        self.measurements = RecordTableModel(
            MEASUREMENT_COLUMNS, self._fetch(list_measurements), self
        )
        self.outages = RecordTableModel(OUTAGE_COLUMNS, self._fetch(list_outages), self)
        self._build(can(actor, "measure_temperature"), can(actor, "record_outage"))
        self._shortcuts()
        self.refresh()

    # --- building ------------------------------------------------------------------------------

    def _button(self, text: str, slot, visible: bool = True) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        button.setVisible(visible)
        return button

    def _build(self, may_measure: bool, may_outage: bool) -> None:
        title = QLabel(self.tr("Service records"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.new_complaint = self._button(
            self.tr("Complaint / report (F2)"), self.receive_complaint
        )
        self.new_application = self._button(self.tr("Application"), self.receive_application)
        self.new_measurement = self._button(self.tr("Measure (F4)"), self.measure, may_measure)
        self.new_outage = self._button(self.tr("Outage"), self.record_outage, may_outage)
        refresh = self._button(self.tr("Refresh (F5)"), self.refresh)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for button in (self.new_complaint, self.new_application, self.new_measurement,
                       self.new_outage, refresh):  # fmt: skip
            top.addWidget(button)
        self.summary = QLabel(self)
        self.summary.setObjectName("serviceSummary")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._todo_tab(), self.tr("To do"))
        self.case_view = self._records_tab(self.cases, self.tr("Cases"), self.open_case)
        self.measurement_view = self._records_tab(
            self.measurements, self.tr("Measurements"), self.show_signatures,
            [self._button(self.tr("Correct selected"), self.correct_measurement, may_measure),
             self._button(self.tr("Show signatures"), self.show_signatures)],
        )  # fmt: skip
        self.outage_view = self._records_tab(
            self.outages, self.tr("Outages"), None,
            [self._button(self.tr("Heat restored…"), partial(self.outage_event, "restored"),
                          may_outage),
             self._button(self.tr("Households told…"), partial(self.outage_event, "notice"),
                          may_outage)],
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def _todo_tab(self) -> QWidget:
        tab = QWidget(self)
        self.todo_cases = read_only_table(
            [self.tr("Needs"), self.tr("Number"), self.tr("Kind"), self.tr("Category"),
             self.tr("Received"), self.tr("Account / contact"), self.tr("Deadline")], tab,
        )  # fmt: skip
        self.todo_cases.doubleClicked.connect(self._open_todo_case)
        self.todo_other = read_only_table(
            [self.tr("Needs"), self.tr("Number"), self.tr("Time"), self.tr("Details")], tab
        )
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("Cases (double-click to handle)"), tab))
        layout.addWidget(self.todo_cases, 2)
        layout.addWidget(QLabel(self.tr("Outages and device readings"), tab))
        layout.addWidget(self.todo_other, 1)
        return tab

    def _records_tab(self, model, title: str, activated, buttons=()) -> QTableView:
        tab = QWidget(self)
        view = _view(model, tab)
        model.failed.connect(lambda message: self.summary.setText(message))
        if activated is not None:
            view.doubleClicked.connect(lambda _index: activated())
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(view, 1)
        self.tabs.addTab(tab, title)
        return view

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (("F2", self.receive_complaint), ("F4", self.measure),
                          ("F5", self.refresh)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # --- reading -------------------------------------------------------------------------------

    def _fetch(self, service, *args):
        def fetch(before, on_page, on_error):
            self.runner.submit(
                partial(service, before_id=before), self.context.actor, *args,
                on_done=on_page, on_error=lambda failure: on_error(failure.message),
            )  # fmt: skip

        return fetch

    def refresh(self) -> None:
        """Load the to-do lists and the newest records again."""
        self.runner.submit(service_overview, self.context.actor, on_done=self.show_overview,
                           on_error=lambda f: self.summary.setText(f.message))  # fmt: skip
        for model in (self.cases, self.measurements, self.outages):
            model.reload()

    def show_overview(self, overview: ServiceOverview) -> None:
        """Fill the To do tab and the summary line from ``overview``."""
        self.overview = overview
        self.summary.setText(self.tr(
            "Overdue: {overdue} · due within 24 h: {soon} · no deadline: {none} · follow-ups: "
            "{follow} · heat not back: {open} · not told in 12 h: {late} · cold device readings: "
            "{cold}"
        ).format(
            overdue=len(overview.overdue), soon=len(overview.due_soon),
            none=len(overview.undetermined), follow=len(overview.follow_ups),
            open=len(overview.outages_open), late=len(overview.notices_late),
            cold=len(overview.device_alerts),
        ))  # fmt: skip
        self._todo = [
            *((self.tr("Overdue"), s) for s in overview.overdue),
            *((self.tr("Due within 24 hours"), s) for s in overview.due_soon),
            *((self.tr("Awaiting answer"), s) for s in overview.waiting),
            *((self.tr("Deadline cannot be computed"), s) for s in overview.undetermined),
            *((self.tr("Follow-up owed"), s) for s in overview.follow_ups),
        ]
        fill_table(self.todo_cases, [self._todo_row(need, s) for need, s in self._todo])
        fill_table(self.todo_other, self._other_rows(overview))

    @staticmethod
    def _todo_row(need: str, status) -> tuple:
        case = status.case
        who = case.account_no or f"{case.contact_name} {case.contact_phone}".strip()
        return (need, case.case_no, word(case.kind), word(case.category),
                moment_text(case.received_at), who, deadline_text(status))  # fmt: skip

    def _other_rows(self, overview: ServiceOverview) -> list[tuple]:
        rows = [(self.tr("Heat not back"), o.number, moment_text(o.started_at),
                 f"{o.cause}（{o.scope}）") for o in overview.outages_open]  # fmt: skip
        rows += [(self.tr("Not told within 12 hours"), o.number, moment_text(o.started_at),
                  f"{o.cause}（{o.scope}）") for o in overview.notices_late]  # fmt: skip
        rows += [(self.tr("Cold device reading: measure on site"), m.number,
                  moment_text(m.measured_at), f"{m.account_no} {m.lowest_reading()}°C")
                 for m in overview.device_alerts]  # fmt: skip
        return rows

    # --- actions -------------------------------------------------------------------------------

    def _selected(self, view: QTableView, model: RecordTableModel):
        rows = view.selectionModel().selectedRows()
        return model.record(rows[0].row()) if rows else None

    def _after(self, dialog: QDialog, message) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.summary.setText(message(dialog.saved))
            self.refresh()

    def receive_complaint(self) -> None:
        """Open the form for a complaint or report."""
        self._receive("complaint")

    def receive_application(self) -> None:
        """Open the form for a heat-supply application."""
        self._receive("application")

    def _receive(self, kind: str) -> None:
        dialog = NewCaseDialog(self.context, self.runner, kind, self)
        self._after(dialog, lambda s: self.tr("{number} received, answer {deadline}").format(
            number=s.case.case_no, deadline=deadline_text(s)))  # fmt: skip

    def open_case(self, status=None) -> None:
        """Show the selected case with its steps (append a step there)."""
        status = status or self._selected(self.case_view, self.cases)
        if status is None:
            return
        dialog = CaseDialog(self.context, self.runner, status, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()

    def _open_todo_case(self, index: QModelIndex) -> None:
        self.open_case(self._todo[index.row()][1])

    def measure(self, corrects=None) -> None:
        """Open the measurement form (a correction of ``corrects`` when given)."""
        if not can(self.context.actor, "measure_temperature"):
            return
        dialog = MeasurementDialog(self.context, self.runner, self, corrects=corrects)
        self._after(dialog, result_text)

    def correct_measurement(self) -> None:
        """Open the form pre-filled from the selected measurement, to correct it."""
        selected = self._selected(self.measurement_view, self.measurements)
        if selected is not None:
            self.measure(selected)

    def show_signatures(self) -> None:
        """Show both signatures of the selected measurement."""
        selected = self._selected(self.measurement_view, self.measurements)
        if selected is not None:
            self.runner.submit(signature_images, self.context.actor, selected.id,
                               on_done=partial(self._signatures, selected.number))  # fmt: skip

    def _signatures(self, number: str, images) -> None:
        SignatureViewer(number, images, self).exec()

    def record_outage(self) -> None:
        """Open the outage form."""
        dialog = OutageDialog(self.context, self.runner, self)
        self._after(dialog, lambda r: self.tr(
            "{number} recorded for {count} accounts; credits posted: {credited}"
        ).format(number=r.outage.number, count=r.outage.account_count, credited=r.credited))

    def outage_event(self, kind: str) -> None:
        """Record that heat came back / households were told, for the selected outage."""
        selected = self._selected(self.outage_view, self.outages)
        if selected is not None:
            dialog = OutageEventDialog(self.context, self.runner, selected, kind, self)
            self._after(dialog, lambda r: f"{r.outage.number} {word(kind)}")


class SignatureViewer(QDialog):
    """The two stored signatures of a measurement, side by side."""

    def __init__(self, number: str, images, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(number)
        row = QHBoxLayout(self)
        for caption, png in zip((self.tr("Measurer"), self.tr("Household")), images, strict=True):
            column = QVBoxLayout()
            column.addWidget(QLabel(caption, self))
            picture = QLabel(self)
            pixmap = QPixmap()
            if png and pixmap.loadFromData(png):
                picture.setPixmap(pixmap)
            else:
                picture.setText(self.tr("(not signed)"))
            picture.setStyleSheet("QLabel { border: 1px solid palette(mid); background: white; }")
            column.addWidget(picture)
            row.addLayout(column)


def install_service_page(window: MainWindow) -> ServicePage:
    """Put the Service page in the main window's 服务 entry; returns it."""
    page = ServicePage(window.context, window)
    window.add_page(PAGE_KEY, page)
    return page
