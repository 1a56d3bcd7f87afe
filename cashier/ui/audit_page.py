"""The Audit page (审计日志) for accountants and administrators: filter, read, export, verify."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.audit import EVENT_LABELS, AuditFilter, day_filter
from cashier.domain.errors import UserError
from cashier.services import audit
from cashier.services.audit_export import export_entries
from cashier.services.context import AppContext
from cashier.services.permissions import can
from cashier.services.verify import verify_books
from cashier.ui.audit_model import AuditTableModel
from cashier.ui.signin import ERROR_STYLE, heading

DEFAULT_DAYS = 30


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AuditPage(QWidget):
    """Audit entries, newest first, loaded page by page; only for "view_audit" holders."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = context.actor
        self.model = AuditTableModel(parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Audit log"), self))
        if not can(self.actor, "view_audit"):
            denied = QLabel(self.tr("Only accountants and administrators see the audit log."))
            denied.setObjectName("deniedLabel")
            layout.addWidget(denied)
            layout.addStretch(1)
            return
        layout.addLayout(self._filters())
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.refresh()

    def _filters(self) -> QHBoxLayout:
        today = dt.date.today()
        self.date_from = QDateEdit(_qdate(today - dt.timedelta(days=DEFAULT_DAYS)), self)
        self.date_to = QDateEdit(_qdate(today), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.all_dates = QCheckBox(self.tr("All dates"), self)
        self.all_dates.toggled.connect(self._dates_toggled)
        self.staff_no = QLineEdit(self)
        self.staff_no.setObjectName("staffNoFilter")
        self.staff_no.setPlaceholderText(self.tr("all"))
        self.staff_no.setMaxLength(16)
        self.staff_no.returnPressed.connect(self.refresh)
        self.event = self._event_filter()
        row = QHBoxLayout()
        for widget in (
            QLabel(self.tr("From"), self), self.date_from,
            QLabel(self.tr("to"), self), self.date_to, self.all_dates,
            QLabel(self.tr("Staff no."), self), self.staff_no,
            QLabel(self.tr("Event"), self), self.event,
        ):
            row.addWidget(widget)
        self._add_buttons(row)
        return row

    def _event_filter(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("eventFilter")
        combo.addItem(self.tr("All events"), "")
        for code, label in EVENT_LABELS.items():
            combo.addItem(label, code)
        return combo

    def _add_buttons(self, row: QHBoxLayout) -> None:
        for text, slot, name in (
            (self.tr("Search"), self.refresh, "searchButton"),
            (self.tr("Export…"), self.choose_export_file, "exportButton"),
            (self.tr("Verify chain"), self.verify, "verifyButton"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)

    def _dates_toggled(self, everything: bool) -> None:
        self.date_from.setEnabled(not everything)
        self.date_to.setEnabled(not everything)

    def current_filter(self) -> AuditFilter:
        """The filter the controls describe (whole days in this computer's time zone)."""
        zone = dt.datetime.now().astimezone().tzinfo
        first = last = None
        if not self.all_dates.isChecked():
            first = self.date_from.date().toPython()
            last = self.date_to.date().toPython()
        return day_filter(
            first, last, zone, staff_no=self.staff_no.text().strip(), event=self.event.currentData()
        )

    def refresh(self) -> None:
        """Run the query again and show its first page."""
        where = self.current_filter()
        factory, actor = self.context.uow_factory, self.actor

        def fetch(offset: int, limit: int):
            return audit.list_entries(factory(), actor, where, offset=offset, limit=limit)

        try:
            total = audit.count_entries(factory(), actor, where)
        except UserError as refused:
            self._say(str(refused), error=True)
            return
        self.model.reset(fetch, total)
        if self.model.canFetchMore():
            self.model.fetchMore()
        self._say(self.tr("{count} entries").format(count=f"{total:,}"))

    def choose_export_file(self) -> None:
        """Ask where to save, then export what the filter selects."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export audit log"),
            str(Path.home() / "audit.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export the filtered entries to `path` (.xlsx or .csv) and say how many."""
        try:
            count = export_entries(
                self.context.uow_factory(), self.actor, self.current_filter(), path
            )
        except UserError as refused:
            self._say(str(refused), error=True)
            return
        self._say(self.tr("Exported {count} entries to {path}.").format(count=count, path=path))

    def verify(self) -> None:
        """Recompute the chains and show the result under the table."""
        try:
            results = verify_books(self.context.uow_factory, self.actor)
        except UserError as refused:
            self._say(str(refused), error=True)
            return
        bad = [result for result in results if not result.ok]
        if bad:
            self._say("\n".join(result.problem or "" for result in bad), error=True)
            return
        counts = "，".join(f"{r.name} {r.records:,}" for r in results)
        self._say(self.tr("Every chain is intact ({counts}).").format(counts=counts))

    def _say(self, message: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(message)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft)
