"""Operators for an administrator: add, roles, disable/enable, reset a password.

A handful of users per company, so a QTableWidget is enough here.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.errors import UserError
from cashier.domain.roles import ROLE_LABELS, roles_text
from cashier.services import users
from cashier.services.context import AppContext
from cashier.ui.signin import ERROR_STYLE, error_label, password_field


class UserDialog(QDialog):
    """Details of one user: a new user (staff number, name, roles, initial password),
    another user's roles, or a temporary password for a reset.
    """

    def __init__(self, title: str, *, details: bool, roles: bool, password: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.staff_no = QLineEdit(self)
        self.staff_no.setMaxLength(16)
        self.name = QLineEdit(self)
        self.name.setMaxLength(50)
        self.role_boxes = {code: QCheckBox(label, self) for code, label in ROLE_LABELS.items()}
        self.password = password_field(self, "password")
        self.again = password_field(self, "again")
        self.error = error_label(self)
        form = QFormLayout()
        if details:
            form.addRow(self.tr("Staff number:"), self.staff_no)
            form.addRow(self.tr("Name:"), self.name)
        if roles:
            grid = QGridLayout()
            for number, box in enumerate(self.role_boxes.values()):
                grid.addWidget(box, number // 3, number % 3)
            form.addRow(self.tr("Roles:"), grid)
        if password:
            form.addRow(self.tr("Password (changed at first sign-in):"), self.password)
            form.addRow(self.tr("Password again:"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._password_shown = password

    def chosen_roles(self) -> list[str]:
        """The ticked role codes."""
        return [code for code, box in self.role_boxes.items() if box.isChecked()]

    def _check(self) -> None:
        if self._password_shown and self.password.text() != self.again.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        self.accept()


class UsersPanel(QWidget):
    """The list of operators and what an administrator does with them."""

    COLUMNS = 4

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Staff no."), self.tr("Name"), self.tr("Roles"), self.tr("State")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = error_label(self)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Add…"), self.add),
            (self.tr("Roles…"), self.edit_roles),
            (self.tr("Disable / enable"), self.toggle_disabled),
            (self.tr("Reset password…"), self.reset_password),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        """Read the users again."""
        try:
            self.rows = users.list_users(self.context.uow_factory(), self.context.actor)
        except UserError as refused:
            self.rows = []
            self._say(str(refused), error=True)
        self.table.setRowCount(len(self.rows))
        for row, info in enumerate(self.rows):
            state = self.tr("disabled") if info.disabled else (
                self.tr("must change password") if info.must_change_password else self.tr("active")
            )
            cells = (info.staff_no, info.name, roles_text(info.roles), state)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def selected_staff_no(self) -> str | None:
        """The staff number of the selected row, or None."""
        row = self.table.currentRow()
        return self.rows[row].staff_no if 0 <= row < len(self.rows) else None

    def _run(self, action, done: str) -> None:
        try:
            action()
        except UserError as refused:
            self._say(str(refused), error=True)
            return
        self.reload()
        self._say(done)

    def add(self) -> None:
        """Ask for a new user's details and add them."""
        dialog = UserDialog(self.tr("Add operator"), details=True, roles=True, password=True,
                            parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(
            lambda: users.add_user(
                self.context.uow_factory(), self.context.actor, staff_no=dialog.staff_no.text(),
                name=dialog.name.text(), roles=dialog.chosen_roles(),
                password=dialog.password.text(),
            ),
            self.tr("Operator added; they change the password at their first sign-in."),
        )

    def edit_roles(self) -> None:
        """Replace the selected user's roles."""
        staff_no = self.selected_staff_no()
        if staff_no is None:
            return
        dialog = UserDialog(self.tr("Roles"), details=False, roles=True, password=False,
                            parent=self)
        current = next(info.roles for info in self.rows if info.staff_no == staff_no)
        for code, box in dialog.role_boxes.items():
            box.setChecked(code in current)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda: users.set_roles(
                    self.context.uow_factory(), self.context.actor, staff_no, dialog.chosen_roles()
                ),
                self.tr("Roles changed."),
            )

    def toggle_disabled(self) -> None:
        """Disable the selected user, or enable them again."""
        staff_no = self.selected_staff_no()
        if staff_no is None:
            return
        info = next(info for info in self.rows if info.staff_no == staff_no)
        change = users.enable_user if info.disabled else users.disable_user
        self._run(
            lambda: change(self.context.uow_factory(), self.context.actor, staff_no),
            self.tr("Saved."),
        )

    def reset_password(self) -> None:
        """Give the selected user a temporary password."""
        staff_no = self.selected_staff_no()
        if staff_no is None:
            return
        dialog = UserDialog(self.tr("Reset password"), details=False, roles=False, password=True,
                            parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda: users.reset_password(
                    self.context.uow_factory(), self.context.actor, staff_no,
                    dialog.password.text(),
                ),
                self.tr("Password reset; it must be changed at the next sign-in."),
            )

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
