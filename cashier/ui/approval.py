"""The supervisor approval dialog: a second person confirms an action with their password.

    approval = ask_approval(self, context, "void", context.actor)
    if approval is None:
        return                      # cancelled: do nothing
    post_void(uow, actor, ..., approval=approval)

The services check the approval again (`require_approved`); this dialog only collects it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.roles import Approval, action_label
from cashier.services import users
from cashier.services.context import AppContext
from cashier.ui.signin import dialog_buttons, error_label, heading, password_field


class ApprovalDialog(QDialog):
    """Asks a supervisor other than `requester` for their staff number and password.

    After `accept()`, `approval` holds the verified Approval; refusals stay on the dialog so
    the supervisor can correct a typo; Cancel leaves `approval` None.
    """

    def __init__(
        self,
        context: AppContext,
        action: str,
        requester: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.action = action
        self.requester = requester
        self.approval: Approval | None = None
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.staff_no = QLineEdit(self)
        self.staff_no.setObjectName("approverStaffNo")
        self.staff_no.setMaxLength(16)
        self.password = password_field(self, "approverPassword")
        self.error = error_label(self)
        self._build()
        self.staff_no.setFocus()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = self.tr("{action} needs a supervisor").format(action=action_label(self.action))
        layout.addWidget(heading(title, self))
        asked = self.tr("Asked by {name} (staff number {staff_no}).").format(
            name=self.requester.name, staff_no=self.requester.staff_no
        )
        layout.addWidget(QLabel(asked, self))
        layout.addWidget(
            QLabel(self.tr("A supervisor other than the person asking types in here."), self)
        )
        form = QFormLayout()
        form.addRow(self.tr("Supervisor's staff number:"), self.staff_no)
        form.addRow(self.tr("Supervisor's password:"), self.password)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Approve"), self.tr("Cancel")))

    def submit(self) -> None:
        """Verify the supervisor's credentials; accept when the approval is granted."""
        try:
            self.approval = users.verify_approval(
                self.context.uow_factory(),
                staff_no=self.staff_no.text(),
                password=self.password.text(),
                action=self.action,
                requester=self.requester,
            )
        except UserError as refused:
            self.password.clear()
            self.error.setText(str(refused))
            self.staff_no.setFocus()
            return
        self.accept()


def ask_approval(
    parent: QWidget | None, context: AppContext, action: str, requester: Actor
) -> Approval | None:
    """Show the approval dialog modally; the verified Approval, or None when cancelled."""
    dialog = ApprovalDialog(context, action, requester, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.approval
        return None
    finally:
        dialog.deleteLater()
