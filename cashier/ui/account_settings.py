"""The Settings page with the signed-in user's tabs: the connection (read-only), their own
password, and for an administrator the operators and backup/restore.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.errors import UserError
from cashier.services import users
from cashier.services.backup import backup_database, restore_database
from cashier.services.context import AppContext
from cashier.services.permissions import can
from cashier.ui.counter.printer_panel import PrinterPanel
from cashier.ui.pages.settings import SettingsPage
from cashier.ui.signin import ERROR_STYLE, error_label, password_field
from cashier.ui.users_panel import UsersPanel


class PasswordPanel(QWidget):
    """The signed-in user changes their own password (the old one is asked again)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.old = password_field(self, "oldPassword")
        self.new = password_field(self, "newPassword")
        self.again = password_field(self, "newAgain")
        self.message = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old)
        form.addRow(self.tr("New password (at least 8 characters):"), self.new)
        form.addRow(self.tr("New password again:"), self.again)
        button = QPushButton(self.tr("Change password"), self)
        button.setObjectName("changePasswordButton")
        button.clicked.connect(self.change)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(button)
        layout.addStretch(1)

    def change(self) -> None:
        """Change the password; say what happened below the fields."""
        if self.new.text() != self.again.text():
            self._say(self.tr("The two new passwords differ."), error=True)
            return
        try:
            users.change_password(
                self.context.uow_factory(), self.context.actor, self.old.text(), self.new.text()
            )
        except UserError as refused:
            self._say(str(refused), error=True)
            return
        for field in (self.old, self.new, self.again):
            field.clear()
        self._say(self.tr("Your password was changed."), error=False)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)


class BackupPanel(QWidget):
    """Back up the database now, or restore a checked backup (administrators).

    Emits `restored` after a restore: the window must sign in again on the restored data.
    """

    restored = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.message = error_label(self)
        explain = QLabel(
            self.tr(
                "A backup is a consistent copy of the whole database, made while the counters "
                "keep working. A restore first checks the copy (integrity and every hash "
                "chain) and keeps the current database beside itself."
            ),
            self,
        )
        explain.setWordWrap(True)
        backup = QPushButton(self.tr("Back up to a file…"), self)
        backup.setObjectName("backupButton")
        backup.clicked.connect(self.choose_backup_file)
        restore = QPushButton(self.tr("Restore from a backup…"), self)
        restore.setObjectName("restoreButton")
        restore.clicked.connect(self.choose_restore_file)
        layout = QVBoxLayout(self)
        for widget in (explain, backup, restore, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)

    def choose_backup_file(self) -> None:
        """Ask for a file name, then back up."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up the database"), str(Path.home() / "cashier-backup.db")
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> bool:
        """Back up to `path`; True on success (the result is shown on the panel)."""
        try:
            backup_database(
                self.context.uow_factory, self.context.actor, self._port(), Path(path)
            )
        except UserError as refused:
            self._say(str(refused), error=True)
            return False
        self._say(self.tr("Backed up to {path}; the copy passed its check.").format(path=path))
        return True

    def choose_restore_file(self) -> None:
        """Ask for a backup file and a confirmation, then restore."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a backup"))
        if not path:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr(
                "Replace the current database with {path}? Everything recorded after that "
                "backup will no longer be shown (the current database is kept beside it)."
            ).format(path=path),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> bool:
        """Restore `path` after its checks; True on success, then emits `restored`."""
        try:
            report = restore_database(
                self.context.uow_factory, self.context.actor, self._port(), Path(path)
            )
        except UserError as refused:
            self._say(str(refused), error=True)
            return False
        self._say(
            self.tr("Restored. The previous database was kept as {path}.").format(
                path=report.safety_copy
            )
        )
        self.restored.emit()
        return True

    def _port(self):
        if self.context.backup is None:
            raise UserError("此数据库不支持在此备份。", "backup is not available here")
        return self.context.backup

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)


class SettingsTabs(QTabWidget):
    """The Settings page: what every user sees, plus the administrator's tabs."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsTabs")
        self.addTab(SettingsPage(context, self), self.tr("Connection"))
        self.addTab(PasswordPanel(context, self), self.tr("My password"))
        self.addTab(PrinterPanel(context, self), self.tr("Receipt printer"))
        self.backup_panel: BackupPanel | None = None
        if can(context.actor, "manage_users"):
            self.addTab(UsersPanel(context, self), self.tr("Operators"))
        if can(context.actor, "restore") and context.backup is not None:
            self.backup_panel = BackupPanel(context, self)
            self.addTab(self.backup_panel, self.tr("Backup and restore"))
