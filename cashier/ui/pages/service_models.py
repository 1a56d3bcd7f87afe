"""Lazy tables of the Service page (cases, measurements, outages) and the words for codes.

Each table fetches one page of records at a time (newest first) through a fetcher the page
supplies, so years of records never load at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from cashier.domain.measurements import StoredMeasurement
from cashier.domain.outages import StoredOutage
from cashier.domain.service_cases import CaseStatus
from cashier.domain.workdays import CHINA_TZ

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""data(index, RECORD_ROLE) is the row's record (CaseStatus, StoredMeasurement, ...)."""

OVERDUE = QColor(200, 30, 30)
WARNING = QColor(170, 100, 0)

_CODES = "ServiceCodes"
CODE_WORDS = {
    "complaint": QT_TRANSLATE_NOOP("ServiceCodes", "Complaint"),
    "report": QT_TRANSLATE_NOOP("ServiceCodes", "Report"),
    "application": QT_TRANSLATE_NOOP("ServiceCodes", "Heat-supply application"),
    "phone": QT_TRANSLATE_NOOP("ServiceCodes", "Phone"),
    "visit": QT_TRANSLATE_NOOP("ServiceCodes", "Visit"),
    "hotline": QT_TRANSLATE_NOOP("ServiceCodes", "12345 hotline"),
    "referral": QT_TRANSLATE_NOOP("ServiceCodes", "Referred by the authority"),
    "online": QT_TRANSLATE_NOOP("ServiceCodes", "Online"),
    "letter": QT_TRANSLATE_NOOP("ServiceCodes", "Letter"),
    "other": QT_TRANSLATE_NOOP("ServiceCodes", "Other"),
    "indoor_temperature": QT_TRANSLATE_NOOP("ServiceCodes", "Rooms below standard"),
    "outage": QT_TRANSLATE_NOOP("ServiceCodes", "No heat"),
    "billing": QT_TRANSLATE_NOOP("ServiceCodes", "Charges"),
    "repair": QT_TRANSLATE_NOOP("ServiceCodes", "Repairs"),
    "conduct": QT_TRANSLATE_NOOP("ServiceCodes", "Staff conduct"),
    "connect": QT_TRANSLATE_NOOP("ServiceCodes", "New connection"),
    "resume": QT_TRANSLATE_NOOP("ServiceCodes", "Resume heating"),
    "suspend": QT_TRANSLATE_NOOP("ServiceCodes", "Suspend heating"),
    "handling": QT_TRANSLATE_NOOP("ServiceCodes", "Handling"),
    "reply": QT_TRANSLATE_NOOP("ServiceCodes", "Reply"),
    "follow_up": QT_TRANSLATE_NOOP("ServiceCodes", "Follow-up"),
    "close": QT_TRANSLATE_NOOP("ServiceCodes", "Closed"),
    "onsite": QT_TRANSLATE_NOOP("ServiceCodes", "On site"),
    "device": QT_TRANSLATE_NOOP("ServiceCodes", "Device log"),
    "restored": QT_TRANSLATE_NOOP("ServiceCodes", "Heat restored"),
    "notice": QT_TRANSLATE_NOOP("ServiceCodes", "Households told"),
    "open": QT_TRANSLATE_NOOP("ServiceCodes", "Open"),
    "replied": QT_TRANSLATE_NOOP("ServiceCodes", "Answered"),
    "closed": QT_TRANSLATE_NOOP("ServiceCodes", "Closed"),
}
"""Codes of the service records and the (translated) words a user reads for them."""


NO_SCHEDULE = QT_TRANSLATE_NOOP("ServiceTables", "No holiday schedule for {year}")
BY_END = QT_TRANSLATE_NOOP("ServiceTables", "By end of {date}")
BY_TIME = QT_TRANSLATE_NOOP("ServiceTables", "By {time}")
OVERDUE_TEXT = QT_TRANSLATE_NOOP("ServiceTables", "Overdue")
LATE = QT_TRANSLATE_NOOP("ServiceTables", " (late)")
BOTH_SIGNED = QT_TRANSLATE_NOOP("ServiceTables", "Both signed")
UNSIGNED = QT_TRANSLATE_NOOP("ServiceTables", "Unsigned")
NOT_YET = QT_TRANSLATE_NOOP("ServiceTables", "Not yet")


def word(code: str) -> str:
    """The user's word for a service code."""
    source = CODE_WORDS.get(code)
    return QCoreApplication.translate(_CODES, source) if source else code


def moment_text(moment: dt.datetime | None) -> str:
    """A time as 2025-12-01 10:30, Beijing time (the clock deadlines count on)."""
    return "" if moment is None else moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def tr(text: str) -> str:
    """Translate ``text`` (marked with QT_TRANSLATE_NOOP("ServiceTables", ...))."""
    return QCoreApplication.translate("ServiceTables", text)


def deadline_text(status: CaseStatus) -> str:
    """The deadline as people read it, or why it cannot be computed."""
    if status.deadline is None:
        return tr(NO_SCHEDULE).format(year=status.missing_year)
    if status.deadline.due_date is not None:
        return tr(BY_END).format(date=status.deadline.due_date.isoformat())
    return tr(BY_TIME).format(time=moment_text(status.deadline.due_at))


def state_text(status: CaseStatus) -> str:
    """Open / Answered / Closed, with "overdue" or "answered late" when so."""
    text = word(status.case.state)
    if status.overdue:
        return tr(OVERDUE_TEXT)
    if status.late:
        return text + tr(LATE)
    return text


def case_color(status: CaseStatus) -> QColor | None:
    """Red for an overdue or late case, amber when the deadline cannot be computed."""
    if status.overdue or status.late:
        return OVERDUE
    return WARNING if status.deadline is None else None


@dataclass(frozen=True)
class Column:
    """A table column: header (translated in ServiceTables), cell text, optional colour."""

    header: str
    text: Callable[[Any], str]
    color: Callable[[Any], QColor | None] | None = None
    right: bool = False


def _who(status: CaseStatus) -> str:
    case = status.case
    return case.account_no or " ".join(filter(None, [case.contact_name, case.contact_phone]))


CASE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Number"), lambda s: s.case.case_no),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Kind"), lambda s: word(s.case.kind)),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Category"), lambda s: word(s.case.category)),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Received"),
           lambda s: moment_text(s.case.received_at)),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Channel"), lambda s: word(s.case.channel)),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Account / contact"), _who),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Deadline"), deadline_text, case_color),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "State"), state_text, case_color),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "What was said"), lambda s: s.case.text),
)  # fmt: skip


def _rooms(m: StoredMeasurement) -> str:
    return "；".join(f"{r.room} {r.area}㎡ {r.reading}°C" for r in m.rooms)


def _signed(m: StoredMeasurement) -> str:
    return tr(BOTH_SIGNED) if m.signed else tr(UNSIGNED)


MEASUREMENT_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Number"), lambda m: m.number),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Account no."), lambda m: m.account_no),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Measured"), lambda m: moment_text(m.measured_at)),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Lowest °C"), lambda m: str(m.lowest_reading()),
           right=True),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Rooms"), _rooms),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Measurer"), lambda m: m.measurer),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Source"), lambda m: word(m.source)),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Signatures"), _signed),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Corrects"),
           lambda m: "" if m.corrects_id is None else f"#{m.corrects_id}"),
)  # fmt: skip


def _notice(o: StoredOutage) -> str:
    return moment_text(o.told_at) or tr(NOT_YET)


def _notice_color(o: StoredOutage) -> QColor | None:
    return OVERDUE if o.notice_late(dt.datetime.now(dt.UTC)) else None


OUTAGE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Number"), lambda o: o.number),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Started"), lambda o: moment_text(o.started_at)),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Heat back"),
           lambda o: moment_text(o.end) or tr(NOT_YET),
           lambda o: None if o.end else WARNING),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Cause"), lambda o: o.cause),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Where"), lambda o: o.scope),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Accounts"), lambda o: str(o.account_count),
           right=True),
    Column(QT_TRANSLATE_NOOP("ServiceTables", "Households told"), _notice, _notice_color),
)  # fmt: skip

PageFetcher = Callable[[int | None, Callable[[list], None], Callable[[str], None]], None]
"""fetch(before_id, on_page, on_error): get the page of records with ids below before_id."""


def record_id(record: object) -> int:
    """The id used for paging (a CaseStatus pages by its case)."""
    case = getattr(record, "case", None)
    return case.id if case is not None else record.id  # type: ignore[attr-defined]


class RecordTableModel(QAbstractTableModel):
    """Records newest first; `fetchMore` asks the fetcher for the next (older) page."""

    failed = Signal(str)

    def __init__(
        self, columns: Sequence[Column], fetch: PageFetcher, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._fetch = fetch
        self._rows: list[Any] = []
        self._more = True
        self._busy = False
        self._generation = 0

    def reload(self) -> None:
        """Forget every row and fetch the newest page again."""
        self.beginResetModel()
        self._generation += 1
        self._rows, self._more, self._busy = [], True, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def record(self, row: int) -> Any:
        """The record shown in ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self._columns):
            return tr(self._columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            color = column.color(record)
            return None if color is None else QBrush(color)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return record
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._busy

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._busy = True
        generation = self._generation
        before = record_id(self._rows[-1]) if self._rows else None
        self._fetch(
            before,
            lambda page: self._arrived(generation, page),
            lambda message: self._failed(generation, message),
        )

    def _arrived(self, generation: int, page: list) -> None:
        if generation != self._generation:
            return
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        # Only now: a view or model tester asking for more while the rows go in would
        # otherwise fetch the same page a second time.
        self._busy = False
        self._more = bool(page)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._busy, self._more = False, False
            self.failed.emit(message)
