"""A read-only view of the connection this window is working with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from cashier.services.context import AppContext


class SettingsPage(QWidget):
    """Shows the database, counter, company and service phone from the running context."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = self._title_label()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        rows = (
            ("database", self.tr("Database:"), context.database_label),
            ("counter", self.tr("Counter:"), context.counter_code),
            ("company", self.tr("Company:"), context.company_name),
            ("service_phone", self.tr("Service phone:"), context.service_phone),
        )
        for key, caption, value in rows:
            self.values[key] = self._value_label(value)
            form.addRow(caption, self.values[key])
        hint = QLabel(
            self.tr("These settings come from the configuration file and can only be viewed here."),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height() * 3 // 2
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(title)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(hint)
        layout.addStretch(1)

    def _title_label(self) -> QLabel:
        title = QLabel(self.tr("Settings"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        return title

    def _value_label(self, value: str) -> QLabel:
        label = QLabel(value or self.tr("(not set)"), self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label
