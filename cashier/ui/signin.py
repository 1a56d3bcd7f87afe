"""The sign-in dialog shown at start and on switching user, and the first-run dialog that
creates the first administrator when the database has no users.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.errors import PasswordChangeRequired, UserError
from cashier.domain.roles import roles_text
from cashier.domain.users import DEMO_PASSWORD, DEMO_USERS
from cashier.services import users
from cashier.services.context import AppContext

ERROR_STYLE = "QLabel { color: #b00020; }"
HINT_STYLE = "QLabel { background: #fff3bf; color: #5c3c00; padding: 6px; }"
TITLE_SCALE = 1.4
DIALOG_WIDTH_EM = 30


def password_field(parent: QWidget, name: str) -> QLineEdit:
    """A password line edit that never shows what is typed."""
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(128)
    return field


def error_label(parent: QWidget) -> QLabel:
    """An initially empty red label for refusals, read out by screen readers."""
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


def dialog_buttons(dialog: QDialog, accept_text: str, reject_text: str) -> QDialogButtonBox:
    """An accept button (the default, calling `dialog.submit`) and a reject button."""
    buttons = QDialogButtonBox(dialog)
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setDefault(True)
    buttons.addButton(reject_text, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.submit)
    buttons.rejected.connect(dialog.reject)
    return buttons


def heading(text: str, parent: QWidget) -> QLabel:
    """A larger bold label at the top of a dialog."""
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
    font.setBold(True)
    label.setFont(font)
    return label


class SignInDialog(QDialog):
    """Staff number and password; a reset password is replaced here before going on.

    After `accept()`, `actor` is the signed-in user. Rejecting (Esc, 退出) leaves it None.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Heating Fee Cashier — Sign in"))
        self.staff_no = QLineEdit(self)
        self.staff_no.setObjectName("staffNo")
        self.staff_no.setMaxLength(16)
        self.password = password_field(self, "password")
        self.new_password = password_field(self, "newPassword")
        self.new_again = password_field(self, "newAgain")
        self.error = error_label(self)
        self._build()
        self._show_new_password(False)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * DIALOG_WIDTH_EM)
        self.staff_no.setFocus()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.context.company_name, self))
        layout.addWidget(
            QLabel(self.tr("Counter {code}").format(code=self.context.counter_code), self)
        )
        self.form = QFormLayout()
        self.form.addRow(self.tr("Staff number:"), self.staff_no)
        self.form.addRow(self.tr("Password:"), self.password)
        self.form.addRow(self.tr("New password:"), self.new_password)
        self.form.addRow(self.tr("New password again:"), self.new_again)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        if self.context.demo:
            layout.addWidget(self._demo_hint())
        layout.addWidget(dialog_buttons(self, self.tr("Sign in"), self.tr("Quit")))

    def _demo_hint(self) -> QLabel:
        people = "\n".join(
            f"{user.staff_no}  {user.name}（{roles_text(user.roles)}）" for user in DEMO_USERS
        )
        hint = QLabel(
            self.tr("Demo database: every demo user's password is {password}.").format(
                password=DEMO_PASSWORD
            )
            + "\n"
            + people,
            self,
        )
        hint.setObjectName("demoHint")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return hint

    def _show_new_password(self, shown: bool) -> None:
        for field in (self.new_password, self.new_again):
            self.form.setRowVisible(field, shown)

    def submit(self) -> None:
        """Check the staff number and password (and a new one when asked); accept on success."""
        new = None
        if self.form.isRowVisible(self.new_password):
            if self.new_password.text() != self.new_again.text():
                self._refuse(self.tr("The two new passwords differ."), self.new_again)
                return
            new = self.new_password.text()
        try:
            self.actor = users.sign_in(
                self.context.uow_factory(),
                self.staff_no.text(),
                self.password.text(),
                new_password=new,
            )
        except PasswordChangeRequired as needed:
            self._show_new_password(True)
            self._refuse(str(needed), self.new_password)
            return
        except UserError as refused:
            self.password.clear()
            self._refuse(str(refused), self.password)
            return
        self.accept()

    def _refuse(self, message: str, focus: QLineEdit) -> None:
        self.error.setText(message)
        focus.setFocus()


class FirstAdminDialog(QDialog):
    """First run: there are no users yet, so whoever installs the program creates the first
    administrator here. After `accept()`, `actor` is that administrator, signed in.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Heating Fee Cashier — First administrator"))
        self.staff_no = QLineEdit(self)
        self.staff_no.setObjectName("staffNo")
        self.staff_no.setMaxLength(16)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(50)
        self.password = password_field(self, "password")
        self.again = password_field(self, "again")
        self.error = error_label(self)
        self._build()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * DIALOG_WIDTH_EM)
        self.staff_no.setFocus()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Create the first administrator"), self))
        intro = QLabel(
            self.tr(
                "This database has no users yet. The administrator you create here adds the "
                "other users and gives them their roles. There is no default password."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow(self.tr("Staff number:"), self.staff_no)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Password (at least 8 characters):"), self.password)
        form.addRow(self.tr("Password again:"), self.again)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Create"), self.tr("Quit")))

    def submit(self) -> None:
        """Create the administrator; accept on success, show the refusal otherwise."""
        if self.password.text() != self.again.text():
            self.error.setText(self.tr("The two passwords differ."))
            self.again.setFocus()
            return
        try:
            self.actor = users.create_first_admin(
                self.context.uow_factory(),
                staff_no=self.staff_no.text(),
                name=self.name.text(),
                password=self.password.text(),
            )
        except UserError as refused:
            self.error.setText(str(refused))
            return
        self.accept()
