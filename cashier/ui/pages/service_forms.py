"""Pieces the Service page's dialogs share: time fields, an account field, an error line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from cashier.domain.service_records import AccountBrief
from cashier.domain.workdays import CHINA_TZ
from cashier.services.context import AppContext
from cashier.services.service_cases import lookup_account
from cashier.ui.pages.service_models import word
from cashier.ui.runner import JobFailure, Runner

TIME_FORMAT = "yyyy-MM-dd HH:mm"
_BEIJING = QTimeZone(8 * 3600)


def time_field(parent: QWidget, moment: dt.datetime | None = None) -> QDateTimeEdit:
    """A date-and-time field in Beijing time, set to ``moment`` (default: now)."""
    edit = QDateTimeEdit(parent)
    edit.setDisplayFormat(TIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setTimeZone(_BEIJING)
    set_moment(edit, moment or dt.datetime.now(dt.UTC))
    return edit


def set_moment(edit: QDateTimeEdit, moment: dt.datetime) -> None:
    """Show an aware ``moment`` in the field (in Beijing time)."""
    local = moment.astimezone(CHINA_TZ).replace(second=0, microsecond=0)
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(local.timestamp()), _BEIJING))


def moment_of(edit: QDateTimeEdit) -> dt.datetime:
    """The field's value as an aware datetime (whole minutes)."""
    seconds = edit.dateTime().toSecsSinceEpoch()
    return dt.datetime.fromtimestamp(seconds, CHINA_TZ)


def code_combo(parent: QWidget, codes: list[str] | tuple[str, ...]) -> QComboBox:
    """A combo box showing the words for ``codes``; itemData is the code."""
    combo = QComboBox(parent)
    fill_codes(combo, codes)
    return combo


def fill_codes(combo: QComboBox, codes: list[str] | tuple[str, ...]) -> None:
    """Replace the items of ``combo`` with ``codes``."""
    combo.clear()
    for code in codes:
        combo.addItem(word(code), code)


def error_label(parent: QWidget) -> QLabel:
    """A red line for what went wrong (hidden until set)."""
    label = QLabel(parent)
    label.setObjectName("formError")
    label.setStyleSheet("QLabel#formError { color: #b00020; }")
    label.setWordWrap(True)
    return label


class AccountField(QWidget):
    """An account number field that looks the account up and shows who and where it is.

    ``account`` is the AccountBrief found (None while unknown); ``found`` is called with it.
    """

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        found: Callable[[AccountBrief | None], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.runner, self._found = context, runner, found
        self.account: AccountBrief | None = None
        self.number = QLineEdit(self)
        self.number.setObjectName("accountNumber")
        self.number.setPlaceholderText(self.tr("Account no., Enter to look up"))
        self.number.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self.who = QLabel(self)
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.number)
        layout.addWidget(self.who, 1)
        self.number.editingFinished.connect(self.look_up)

    def look_up(self) -> None:
        """Find the account whose number is typed (nothing for an empty field)."""
        text = self.number.text().strip()
        if not text:
            self._show(None, "")
            return
        self.runner.submit(
            lookup_account, self.context.actor, text,
            on_done=lambda brief: self._show(brief, ""),
            on_error=lambda failure: self._show(None, failure.message),
        )  # fmt: skip

    def _show(self, brief: AccountBrief | None, problem: str) -> None:
        self.account = brief
        if brief is not None:
            self.who.setText(f"{brief.name}　{brief.address}")
            self.who.setStyleSheet("")
        else:
            self.who.setText(problem)
            self.who.setStyleSheet("color: #b00020;")
        if self._found is not None:
            self._found(brief)


def failure_text(failure: JobFailure) -> str:
    """What to show in a dialog's error line."""
    return failure.message
