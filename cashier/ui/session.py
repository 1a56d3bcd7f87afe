"""Who works at this counter: sign-in at start, the idle and Ctrl+L lock, quick switching.

The main window is built for one signed-in user (its status bar, pages and permissions come
from `context.actor`); switching user closes it and builds a new one after the next sign-in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QPushButton, QWidget

from cashier.domain.actor import Actor
from cashier.services import users
from cashier.services.context import AppContext
from cashier.services.permissions import can
from cashier.ui.account_settings import SettingsTabs
from cashier.ui.audit_page import AuditPage
from cashier.ui.lock import LockScreen
from cashier.ui.signin import FirstAdminDialog, SignInDialog

log = logging.getLogger(__name__)

LOCK_SHORTCUT = "Ctrl+L"
AUDIT_PAGE_KEY = "audit"
"""The navigation entry that shows the Audit page to accountants and administrators."""

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}

WindowFactory = Callable[[AppContext], QMainWindow]


def install_pages(window: QMainWindow, context: AppContext) -> SettingsTabs:
    """Put this area's pages on a new main window for `context.actor`."""
    if can(context.actor, "view_audit"):
        window.add_page(AUDIT_PAGE_KEY, AuditPage(context))
    else:
        window.set_page_allowed(AUDIT_PAGE_KEY, False)
    settings = SettingsTabs(context)
    window.add_page("settings", settings)
    return settings


def _cancel_open_dialogs() -> None:
    """Cancel every dialog open over the window, the innermost modal one first.

    Hiding the window does not hide its dialogs: left open, they would stay usable beside
    the lock screen, and a modal one would keep the lock screen from taking the password.
    Nothing confirmed is lost: the dialogs act only when accepted (a cancelled approval or
    void changes nothing).
    """
    cancelled: list[QDialog] = []
    while isinstance(dialog := QApplication.activeModalWidget(), QDialog):
        if any(dialog is done for done in cancelled):
            break
        cancelled.append(dialog)
        dialog.reject()
        dialog.hide()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


class Session(QObject):
    """The sign-in dialog, then the main window, its lock screen, and the next user."""

    def __init__(self, context: AppContext, make_window: WindowFactory, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.make_window = make_window
        self.window: QMainWindow | None = None
        self.dialog: QDialog | None = None
        self.lock_screen: LockScreen | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(lambda: self.lock(idle=True))
        QApplication.instance().installEventFilter(self)

    @property
    def locked(self) -> bool:
        """True while the lock screen stands in for the window."""
        return self.lock_screen is not None

    def active_widget(self) -> QWidget | None:
        """What the user sees now (for message boxes)."""
        return self.lock_screen or self.window or self.dialog

    def begin(self) -> QWidget:
        """Show the window straight away for a context already signed in, else the sign-in
        (or, with no users yet, the first-administrator) dialog. Returns what is shown.
        """
        if self.context.actor.id is not None:
            return self._open_window(self.context.actor)
        return self.ask_sign_in()

    def ask_sign_in(self) -> QDialog:
        """Show the sign-in dialog (non-modal); the window opens once it is accepted."""
        first_run = not users.has_users(self.context.uow_factory())
        dialog = (FirstAdminDialog if first_run else SignInDialog)(self.context)
        dialog.accepted.connect(lambda: self._signed_in(dialog))
        dialog.rejected.connect(self._quit)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _signed_in(self, dialog: SignInDialog | FirstAdminDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        if dialog.actor is not None:
            self._open_window(dialog.actor)

    def _open_window(self, actor: Actor) -> QMainWindow:
        self.context = replace(self.context, actor=actor)
        window = self.make_window(self.context)
        settings = install_pages(window, self.context)
        if settings.backup_panel is not None:
            settings.backup_panel.restored.connect(self.switch_user)
        self._add_session_controls(window)
        self.window = window
        window.show()
        self._restart_idle_timer()
        return window

    def _add_session_controls(self, window: QMainWindow) -> None:
        lock = QAction(self.tr("Lock"), window)
        lock.setObjectName("lockAction")
        lock.setShortcut(QKeySequence(LOCK_SHORTCUT))
        lock.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        lock.triggered.connect(lambda: self.lock(idle=False))
        window.addAction(lock)
        for name, text, slot in (
            ("lockButton", self.tr("Lock (Ctrl+L)"), lambda: self.lock(idle=False)),
            ("switchUserButton", self.tr("Switch user"), self.switch_user),
        ):
            button = QPushButton(text, window)
            button.setObjectName(name)
            button.setFlat(True)
            button.clicked.connect(slot)
            window.statusBar().addPermanentWidget(button)

    def lock(self, *, idle: bool = False) -> None:
        """Hide the window behind the lock screen (recorded in the audit log)."""
        if self.window is None or self.locked:
            return
        self.idle_timer.stop()
        _cancel_open_dialogs()
        self._record(lambda uow: users.lock_session(uow, self.context.actor, idle=idle))
        screen = LockScreen(self.context, self.context.actor)
        screen.unlocked.connect(self._unlocked)
        screen.switch_requested.connect(self.switch_user)
        screen.setGeometry(self.window.geometry())
        self.lock_screen = screen
        screen.show()
        self.window.hide()

    def _unlocked(self) -> None:
        screen, self.lock_screen = self.lock_screen, None
        if self.window is not None:
            self.window.show()
            self.window.activateWindow()
        if screen is not None:
            screen.hide()
            screen.deleteLater()
        self._restart_idle_timer()

    def switch_user(self) -> None:
        """Sign the current user out and ask who comes next; the old window goes away."""
        self.idle_timer.stop()
        if self.context.actor.id is not None:
            self._record(lambda uow: users.sign_out(uow, self.context.actor))
        self.ask_sign_in()
        for widget in (self.lock_screen, self.window):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.lock_screen = None
        self.window = None

    def sign_out(self) -> None:
        """Record the sign-out when the application quits."""
        if self.window is not None and self.context.actor.id is not None:
            self._record(lambda uow: users.sign_out(uow, self.context.actor))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key, click or mouse move while the window is in use restarts the idle timer."""
        if event.type() in _INPUT_EVENTS and self.window is not None and not self.locked:
            self._restart_idle_timer()
        return False

    def _restart_idle_timer(self) -> None:
        minutes = self.context.idle_lock_minutes
        if minutes > 0 and self.window is not None:
            self.idle_timer.start(minutes * 60_000)

    def _record(self, write: Callable) -> None:
        try:
            write(self.context.uow_factory())
        except Exception:
            log.exception("Could not record a session event in the audit log")

    def _quit(self) -> None:
        self.dialog = None
        QTimer.singleShot(0, QApplication.quit)
