"""A calm placeholder for a page the signed-in operator's role does not open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

TITLE_SCALE = 1.6
MESSAGE_SCALE = 1.15


class EmptyPage(QWidget):
    """The page name and one sentence on why it is closed and what it is for; no fake data."""

    def __init__(self, title: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("emptyPageTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        self.title_label.setFont(font)
        self.message_label = QLabel(message, self)
        self.message_label.setObjectName("emptyPageMessage")
        self.message_label.setWordWrap(True)
        message_font = self.message_label.font()
        message_font.setPointSizeF(message_font.pointSizeF() * MESSAGE_SCALE)
        self.message_label.setFont(message_font)
        for label in (self.title_label, self.message_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title_label)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.message_label)
        layout.addStretch(3)
