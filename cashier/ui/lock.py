"""The lock screen: hides the window's content until the same user's password is typed,
or lets another user sign in at the counter (quick switch).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.services import users
from cashier.services.context import AppContext
from cashier.ui.signin import error_label, heading, password_field

LOCK_TITLE_SCALE = 1.3
"""On top of the dialog heading's own enlargement."""


class LockScreen(QWidget):
    """A top-level window standing in for the locked main window.

    Emits `unlocked` after the locked user's password was accepted, `switch_requested` when
    another user wants to sign in. Wrong passwords count towards the sign-in slow-down.
    """

    unlocked = Signal()
    switch_requested = Signal()

    def __init__(self, context: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        self.setObjectName("lockScreen")
        self.setWindowTitle(self.tr("Heating Fee Cashier — Locked"))
        self.password = password_field(self, "unlockPassword")
        self.error = error_label(self)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("Switch user"), self)
        self.switch_button.setObjectName("switchButton")
        self.unlock_button.clicked.connect(self.unlock)
        self.password.returnPressed.connect(self.unlock)
        self.switch_button.clicked.connect(self.switch_requested)
        self._build()

    def _build(self) -> None:
        title = heading(self.tr("This counter is locked"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * LOCK_TITLE_SCALE)
        title.setFont(font)
        who = QLabel(
            self.tr("Signed in: {name} (staff number {staff_no})").format(
                name=self.actor.name, staff_no=self.actor.staff_no
            ),
            self,
        )
        who.setObjectName("lockedUser")
        hint = QLabel(self.tr("Type your password to go on working."), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        column = QVBoxLayout()
        for widget in (title, who, hint, self.password, self.error):
            column.addWidget(widget)
        column.addLayout(buttons)
        box = QWidget(self)
        box.setLayout(column)
        box.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def showEvent(self, event) -> None:
        """Start with an empty field that has the focus."""
        super().showEvent(event)
        self.password.clear()
        self.password.setFocus()

    def unlock(self) -> None:
        """Check the locked user's password; emit `unlocked` when it is right."""
        try:
            users.unlock_session(self.context.uow_factory(), self.actor, self.password.text())
        except UserError as refused:
            self.password.clear()
            self.error.setText(str(refused))
            self.password.setFocus()
            return
        self.error.clear()
        self.unlocked.emit()
