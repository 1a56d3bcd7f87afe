"""Sign-in at start, the first administrator, the lock screen and quick switching."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from signin_support import PW, db_context, signed_in

from cashier.domain.audit import AuditFilter
from cashier.services import audit, users
from cashier.ui.audit_page import AuditPage
from cashier.ui.lock import LockScreen
from cashier.ui.main_window import MainWindow
from cashier.ui.session import Session
from cashier.ui.signin import FirstAdminDialog, SignInDialog


def _events(context) -> list[str]:
    admin = signed_in(context, "0001").actor
    entries = audit.list_entries(context.uow_factory(), admin, AuditFilter(), limit=500)
    return [entry.event for entry in reversed(entries)]


@pytest.fixture
def session(qtbot, tmp_path):
    context = db_context(tmp_path)
    made = Session(context, MainWindow)
    yield made
    for widget in (made.window, made.lock_screen, made.dialog):
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def _sign_in(qtbot, dialog: SignInDialog, staff_no: str, password: str) -> None:
    dialog.staff_no.setText(staff_no)
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_start_asks_for_sign_in_and_opens_the_window_for_that_user(qtbot, session):
    dialog = session.begin()
    assert isinstance(dialog, SignInDialog) and dialog.isVisible()
    assert session.window is None
    _sign_in(qtbot, dialog, "1001", PW)
    assert session.window is not None and session.window.isVisible()
    assert session.context.actor.name == "张三"
    assert "张三" in session.window.user_label.text()


def test_wrong_password_stays_on_the_dialog_with_the_reason(qtbot, session):
    dialog = session.begin()
    _sign_in(qtbot, dialog, "1001", "wrong-password")
    assert session.window is None and dialog.isVisible()
    assert dialog.error.text() == "工号或密码错误。"
    assert dialog.password.text() == ""


def test_a_reset_password_is_replaced_in_the_dialog(qtbot, session):
    context = session.context
    users.reset_password(context.uow_factory(), signed_in(context, "0001").actor, "1001",
                         "temporary-1")
    dialog = session.begin()
    _sign_in(qtbot, dialog, "1001", "temporary-1")
    assert session.window is None
    assert dialog.form.isRowVisible(dialog.new_password)
    dialog.password.setText("temporary-1")
    dialog.new_password.setText("another-pass-1")
    dialog.new_again.setText("another-pass-2")
    dialog.submit()
    assert dialog.error.text() == "The two new passwords differ."
    dialog.new_again.setText("another-pass-1")
    dialog.submit()
    assert session.window is not None
    assert users.sign_in(context.uow_factory(), "1001", "another-pass-1").staff_no == "1001"


def test_demo_password_is_shown_only_for_a_demo_database(qtbot, tmp_path):
    plain = SignInDialog(db_context(tmp_path / "a", with_users=False))
    qtbot.addWidget(plain)
    assert plain.findChild(QLabel, "demoHint") is None
    demo = SignInDialog(db_context(tmp_path / "b", with_users=False, demo=True))
    qtbot.addWidget(demo)
    hint = demo.findChild(QLabel, "demoHint")
    assert hint is not None and "demo1234" in hint.text() and "孙七" in hint.text()


def test_first_run_creates_the_first_administrator(qtbot, tmp_path):
    context = db_context(tmp_path, with_users=False)
    session = Session(context, MainWindow)
    dialog = session.begin()
    assert isinstance(dialog, FirstAdminDialog)
    dialog.staff_no.setText("0001")
    dialog.name.setText("周八")
    dialog.password.setText(PW)
    dialog.again.setText("something-else")
    dialog.submit()
    assert dialog.error.text() == "The two passwords differ."
    dialog.again.setText(PW)
    dialog.submit()
    assert session.window is not None
    assert session.context.actor.roles == {"admin"}
    assert users.has_users(context.uow_factory())
    session.window.hide()


def test_ctrl_l_locks_and_only_the_same_users_password_unlocks(qtbot, session):
    _sign_in(qtbot, session.begin(), "1001", PW)
    window = session.window
    window.activateWindow()
    lock_action = next(a for a in window.actions() if a.objectName() == "lockAction")
    assert lock_action.shortcut().toString() == "Ctrl+L"
    lock_action.trigger()
    assert session.locked and not window.isVisible()
    screen = session.lock_screen
    assert isinstance(screen, LockScreen) and screen.isVisible()
    screen.password.setText("幸福小区2024")
    screen.unlock()
    assert session.locked and screen.error.text() == "工号或密码错误。"
    screen.password.setText(PW)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert not session.locked and window.isVisible()
    assert _events(session.context)[-4:-1] == ["lock", "unlock_failed", "unlock"]


def test_idle_time_locks_the_window(qtbot, session):
    _sign_in(qtbot, session.begin(), "1001", PW)
    assert session.idle_timer.isActive()
    assert session.idle_timer.interval() == 10 * 60_000
    session.idle_timer.setInterval(50)
    session.idle_timer.start()
    qtbot.waitUntil(lambda: session.locked, timeout=2000)
    entries = audit.list_entries(
        session.context.uow_factory(), signed_in(session.context, "0001").actor,
        AuditFilter(event="lock"),
    )
    assert entries[0].details == {"reason": "idle"}


def test_the_idle_lock_cancels_the_dialogs_left_open_over_the_window(qtbot, session):
    _sign_in(qtbot, session.begin(), "1001", PW)
    outer, inner = QDialog(session.window), QDialog(session.window)
    for dialog in (outer, inner):
        qtbot.addWidget(dialog)
    results: dict[str, int] = {}
    rescued: list[str] = []

    def rescue() -> None:
        """Without the fix the dialogs stay open: close them so the test fails, not hangs."""
        for name, dialog in (("inner", inner), ("outer", outer)):
            if dialog.isVisible():
                rescued.append(name)
                dialog.reject()

    def open_inner() -> None:
        session.idle_timer.start(50)
        results["inner"] = inner.exec()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(rescue)
    guard.start(5000)
    QTimer.singleShot(0, open_inner)
    results["outer"] = outer.exec()
    guard.stop()
    assert rescued == [] and session.locked
    assert results == {"inner": QDialog.DialogCode.Rejected, "outer": QDialog.DialogCode.Rejected}
    assert session.lock_screen.isVisible() and QApplication.activeModalWidget() is None
    session.lock_screen.password.setText(PW)
    session.lock_screen.unlock()
    assert not session.locked and session.window.isVisible()


def test_switch_user_from_the_lock_screen(qtbot, session):
    _sign_in(qtbot, session.begin(), "1001", PW)
    session.lock()
    session.lock_screen.switch_button.click()
    assert session.window is None and not session.locked
    dialog = session.dialog
    assert isinstance(dialog, SignInDialog) and dialog.isVisible()
    _sign_in(qtbot, dialog, "1004", PW)
    assert session.context.actor.name == "赵六"
    assert isinstance(session.window.page("audit"), AuditPage)
    assert not session.window.nav_button("audit").isHidden()
    assert "sign_out" in _events(session.context)


def test_audit_page_only_for_accountants_and_admins(qtbot, session):
    _sign_in(qtbot, session.begin(), "1001", PW)
    assert not isinstance(session.window.page("audit"), AuditPage)
    assert session.window.nav_button("audit").isHidden()


def test_rejecting_the_sign_in_quits(qtbot, session, monkeypatch):
    quits = []
    monkeypatch.setattr("cashier.ui.session.QApplication.quit", lambda: quits.append(1))
    dialog = session.begin()
    dialog.reject()
    qtbot.waitUntil(lambda: quits == [1], timeout=1000)
