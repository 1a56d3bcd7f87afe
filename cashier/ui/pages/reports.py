"""The Reports page (报表): pick a report, its day (or month, or dates), where to save it, and
run it in the background behind a progress dialog that can cancel it.

The work is cashier.services.report_jobs.run_report; the page only collects the request and
shows the outcome. A collector (without "view_reports") sees the arrears notices only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.services.context import AppContext
from cashier.services.report_jobs import (
    KINDS,
    ReportRequest,
    allowed_kinds,
    run_report,
    suffixes,
)
from cashier.services.report_ports import NoticeWriter, ReportWriter
from cashier.services.reports import ReportCancelled
from cashier.ui.pages.long_job import LongJob
from cashier.ui.runner import JobFailure, Runner

PAGE_KEY = "reports"
_T = "ReportsPage"
_NAMES = {
    "daily": QT_TRANSLATE_NOOP("ReportsPage", "Daily ledger"),
    "monthly": QT_TRANSLATE_NOOP("ReportsPage", "Month-end summary"),
    "arrears": QT_TRANSLATE_NOOP("ReportsPage", "Arrears list"),
    "collection": QT_TRANSLATE_NOOP("ReportsPage", "Collection rate"),
    "reversals": QT_TRANSLATE_NOOP("ReportsPage", "Voids, refunds and waivers"),
    "prices": QT_TRANSLATE_NOOP("ReportsPage", "Public price list"),
    "vouchers": QT_TRANSLATE_NOOP("ReportsPage", "Accounting vouchers"),
    "notices": QT_TRANSLATE_NOOP("ReportsPage", "Arrears notices"),
}
"""Report kind -> its name on the page (translated when shown)."""
_ABOUT = {
    "daily": QT_TRANSLATE_NOOP(
        "ReportsPage", "Every payment, void and refund booked to the day, by cashier or "
        "collector, with totals per payment method and per season."),
    "monthly": QT_TRANSLATE_NOOP(
        "ReportsPage", "The month day by day, per payment method, season and cashier, and "
        "what was added to or taken off the bills."),
    "arrears": QT_TRANSLATE_NOOP(
        "ReportsPage", "Households that still owe on the day, by estate, building and unit, "
        "with subtotals and how long each has owed."),
    "collection": QT_TRANSLATE_NOOP(
        "ReportsPage", "Billed, collected and owed per estate and season, as amounts and as "
        "households."),
    "reversals": QT_TRANSLATE_NOOP(
        "ReportsPage", "Voids, refunds and late-fee waivers between two days, with the reason "
        "and who approved each."),
    "prices": QT_TRANSLATE_NOOP(
        "ReportsPage", "The season's prices and rules for the notice board."),
    "vouchers": QT_TRANSLATE_NOOP(
        "ReportsPage", "Debit and credit lines per day and payment method for the accounting "
        "software (columns and accounts as set up in the settings)."),
    "notices": QT_TRANSLATE_NOOP(
        "ReportsPage", "One notice per household in arrears for collectors to hand out, on A4 "
        "or on receipt paper."),
}
"""Report kind -> one sentence saying what it shows."""


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ReportsPage(QWidget):
    """Report kinds on the left, the chosen one's parameters and file on the right.

    `last_path` is the file written last; `status` shows what happened (for tests too).
    """

    def __init__(
        self,
        context: AppContext,
        runner: Runner | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        writer: ReportWriter | None = None,
        notice_writer: NoticeWriter | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self._writer, self._notice_writer = writer, notice_writer
        self._folder = folder or Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())  # fmt: skip
        self.job: LongJob | None = None
        self.last_path: Path | None = None
        self._suggested = ""
        self._build(today())
        self.kinds.currentRowChanged.connect(self._kind_changed)
        self.format_box.currentIndexChanged.connect(self._suggest_path)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.month_edit.dateChanged.connect(self._date_changed)
        self.browse_button.clicked.connect(self._browse)
        self.run_button.clicked.connect(self.run)
        if self.kinds.count():
            self.kinds.setCurrentRow(0)

    def _names(self) -> dict[str, str]:
        return {kind: QCoreApplication.translate(_T, text) for kind, text in _NAMES.items()}

    def _build(self, today: dt.date) -> None:
        self._kind_list()
        self.title = QLabel(self)
        self.title.setObjectName("reportTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.form = QFormLayout()
        self._parameters(today)
        self._form_rows()
        self._actions()
        layout = QHBoxLayout(self)
        layout.addWidget(self.kinds)
        layout.addWidget(self._panel(), 1)
        layout.addStretch(0)

    def _kind_list(self) -> None:
        self.kinds = QListWidget(self)
        self.kinds.setObjectName("reportKinds")
        self.kinds.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.kinds.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        names = self._names()
        for kind in allowed_kinds(self.context.actor):
            item = QListWidgetItem(names[kind], self.kinds)
            item.setData(Qt.ItemDataRole.UserRole, kind)

    def _panel(self) -> QWidget:
        panel = QWidget(self)
        panel.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 52)
        right = QVBoxLayout(panel)
        right.setContentsMargins(12, 0, 0, 0)
        right.addWidget(self.title)
        right.addWidget(self.about)
        right.addSpacing(8)
        right.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addStretch(1)
        return panel

    def _parameters(self, today: dt.date) -> None:
        self.date_edit = self._date_edit(today, "yyyy-MM-dd")
        self.last_edit = self._date_edit(today, "yyyy-MM-dd")
        self.month_edit = self._date_edit(today, "yyyy-MM")
        self.estate_edit = QLineEdit(self)
        self.estate_edit.setPlaceholderText(self.tr("All estates"))
        self.building_edit = QLineEdit(self)
        self.building_edit.setPlaceholderText(self.tr("All buildings"))
        self.season_edit = QLineEdit(self)
        self.season_edit.setPlaceholderText(self.tr("e.g. 2025-2026 (empty: all, or the newest)"))
        self.size_box = QComboBox(self)
        for size, text in (("a4", self.tr("A4, two to a page")),
                           ("58", self.tr("Receipt paper 58 mm")),
                           ("80", self.tr("Receipt paper 80 mm"))):  # fmt: skip
            self.size_box.addItem(text, size)
        self.format_box = QComboBox(self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("reportPath")
        self.browse_button = QPushButton(self.tr("Browse…"), self)

    def _form_rows(self) -> None:
        self.rows: dict[str, list[QWidget]] = {}
        for key, label, widget in (
            ("date", self.tr("Date"), self.date_edit),
            ("range", self.tr("To"), self.last_edit),
            ("month", self.tr("Month"), self.month_edit),
            ("place", self.tr("Estate"), self.estate_edit),
            ("place", self.tr("Building"), self.building_edit),
            ("season", self.tr("Season"), self.season_edit),
            ("size", self.tr("Paper"), self.size_box),
        ):
            caption = QLabel(label, self)
            self.form.addRow(caption, widget)
            self.rows.setdefault(key, []).append(caption)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.form.addRow(self.tr("Format"), self.format_box)
        self.form.addRow(self.tr("Save as"), file_row)

    def _actions(self) -> None:
        self.run_button = QPushButton(self.tr("Create report"), self)
        self.run_button.setObjectName("runReport")
        self.run_button.setDefault(True)
        self.open_button = QPushButton(self.tr("Open the file"), self)
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open_file)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _date_edit(self, day: dt.date, pattern: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setDisplayFormat(pattern)
        edit.setCalendarPopup(True)
        return edit

    def kind(self) -> str:
        """The selected report kind ("" when none may be run)."""
        item = self.kinds.currentItem()
        return "" if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select_kind(self, kind: str) -> None:
        """Select a report kind; raises ValueError when it is not offered."""
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(Qt.ItemDataRole.UserRole) == kind:
                self.kinds.setCurrentRow(row)
                return
        raise ValueError(f"report {kind!r} is not offered")

    def _kind_changed(self) -> None:
        kind = self.kind()
        uses = set(KINDS.get(kind, ()))
        if "range" in uses:
            uses.add("date")
        date_label = self.rows["date"][0]
        for key, captions in self.rows.items():
            for caption in captions:
                caption.setVisible(key in uses)
        for widget, key in ((self.last_edit, "range"), (self.month_edit, "month"),
                            (self.estate_edit, "place"), (self.building_edit, "place"),
                            (self.season_edit, "season"), (self.size_box, "size")):  # fmt: skip
            widget.setVisible(key in uses)
        self.date_edit.setVisible("date" in uses)
        date_label.setText(self.tr("From") if "range" in uses else self.tr("Date"))
        self.title.setText(self._names().get(kind, ""))
        self.about.setText(QCoreApplication.translate(_T, _ABOUT[kind]) if kind else "")
        self.format_box.blockSignals(True)
        self.format_box.clear()
        for suffix in suffixes(kind):
            self.format_box.addItem(suffix.lstrip(".").upper(), suffix)
        self.format_box.blockSignals(False)
        self._suggest_path()

    def _suggest_path(self) -> None:
        kind, suffix = self.kind(), self.format_box.currentData() or ".pdf"
        if not kind:
            return
        if kind == "monthly":
            stamp = _pydate(self.month_edit.date()).strftime("%Y-%m")
        else:
            stamp = _pydate(self.date_edit.date()).isoformat()
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else self._folder
        self._suggested = str(folder / f"{self._names()[kind]}_{stamp}{suffix}")
        self.path_edit.setText(self._suggested)

    def _date_changed(self) -> None:
        """A new date renames the file only while it is still the suggested name."""
        if self.path_edit.text().strip() == self._suggested:
            self._suggest_path()

    def _open_file(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))

    def _browse(self) -> None:
        suffix = self.format_box.currentData() or ".pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report as"),
                                              self.path_edit.text(), f"*{suffix}")  # fmt: skip
        if path:
            self.path_edit.setText(path)

    def request(self) -> ReportRequest:
        """The report run the form describes."""
        kind = self.kind()
        on = _pydate(self.month_edit.date() if kind == "monthly" else self.date_edit.date())
        return ReportRequest(
            kind=kind, path=Path(self.path_edit.text().strip()), on=on,
            last=_pydate(self.last_edit.date()), estate=self.estate_edit.text().strip(),
            building=self.building_edit.text().strip(), season=self.season_edit.text().strip(),
            size=str(self.size_box.currentData()),
        )  # fmt: skip

    def run(self) -> None:
        """Run the report in the background behind a cancellable progress dialog."""
        if not self.kind() or not self.path_edit.text().strip():
            self.status.setText(self.tr("Choose a report and where to save it."))
            return
        request, actor = self.request(), self.context.actor
        writer, notices = self._writers()
        self.status.setText(self.tr("Creating the report…"))
        self.run_button.setEnabled(False)
        self.open_button.setVisible(False)
        self.job = LongJob(self.runner, self, self._names()[request.kind], self._progress_text)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start(lambda uow, progress, cancelled: run_report(
            uow, actor, request, writer, notices, progress=progress, cancelled=cancelled,
        ))  # fmt: skip

    def _writers(self) -> tuple[ReportWriter, NoticeWriter]:
        if self._writer is None or self._notice_writer is None:
            from cashier.printing.notice_pdf import NoticePdf
            from cashier.printing.report_files import ReportFiles

            self._writer = self._writer or ReportFiles()
            self._notice_writer = self._notice_writer or NoticePdf()
        return self._writer, self._notice_writer

    def _progress_text(self, done: int, total: int) -> str:
        if total:
            return self.tr("Read {done} of {total}…").format(done=f"{done:,}", total=f"{total:,}")
        return self.tr("Read {done}…").format(done=f"{done:,}") if done else self.tr("Reading…")

    def _done(self, path: Path) -> None:
        self.run_button.setEnabled(True)
        self.last_path = path
        self.status.setText(self.tr("Saved: {path}").format(path=path))
        self.open_button.setVisible(True)

    def _failed(self, failure: JobFailure) -> None:
        self.run_button.setEnabled(True)
        if isinstance(failure.error, ReportCancelled):
            self.status.setText(self.tr("Cancelled; no file was written."))
        else:
            self.status.setText(failure.message)


def install_reports_page(window) -> ReportsPage:
    """Put the Reports page in the main window's 报表 entry (hidden from an operator who may
    run none); returns it."""
    page = ReportsPage(window.context, parent=window)
    window.add_page(PAGE_KEY, page)
    window.set_page_allowed(PAGE_KEY, page.kinds.count() > 0)
    return page
