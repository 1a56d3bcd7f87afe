"""The supervisor approval dialog, the Audit page and its lazy table model, the settings tabs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from signin_support import PW, db_context, signed_in

from cashier.domain.audit import AuditFilter, AuditRecord
from cashier.domain.errors import SelfApprovalRefused
from cashier.services import audit, users
from cashier.services.permissions import require_approved
from cashier.ui.account_settings import SettingsTabs
from cashier.ui.approval import ApprovalDialog, ask_approval
from cashier.ui.audit_model import PAGE_SIZE, AuditTableModel
from cashier.ui.audit_page import AuditPage

T0 = dt.datetime(2025, 11, 15, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def context(tmp_path):
    return db_context(tmp_path)


def test_approval_dialog_returns_a_verified_approval(qtbot, context):
    cashier = signed_in(context, "1001")
    dialog = ApprovalDialog(cashier, "void", cashier.actor)
    qtbot.addWidget(dialog)
    dialog.staff_no.setText("1005")
    dialog.password.setText("wrong-password")
    dialog.submit()
    assert dialog.approval is None and dialog.error.text() == "工号或密码错误。"
    dialog.staff_no.setText("1005")
    dialog.password.setText(PW)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    require_approved(cashier.actor, "void", dialog.approval)


def test_approval_dialog_refuses_self_approval(qtbot, context):
    supervisor = signed_in(context, "1005")
    dialog = ApprovalDialog(supervisor, "void", supervisor.actor)
    qtbot.addWidget(dialog)
    dialog.staff_no.setText("1005")
    dialog.password.setText(PW)
    dialog.submit()
    assert dialog.approval is None and "不能批准自己的作废收费" in dialog.error.text()
    with pytest.raises(SelfApprovalRefused):
        users.verify_approval(
            context.uow_factory(), staff_no="1005", password=PW, action="void",
            requester=supervisor.actor,
        )


def test_ask_approval_returns_none_when_cancelled(qtbot, context):
    cashier = signed_in(context, "1001")

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ApprovalDialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert ask_approval(None, cashier, "refund", cashier.actor) is None


def _entries(n: int) -> list[AuditRecord]:
    return [
        AuditRecord(seq, T0, 7, "1001", "张三", "reprint", {"n": seq}, hash=f"{seq:064x}")
        for seq in range(n, 0, -1)
    ]


def test_audit_model_fetches_page_by_page_and_passes_the_model_tester(qtmodeltester):
    rows = _entries(PAGE_SIZE * 2 + 5)
    calls: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int):
        calls.append((offset, limit))
        return rows[offset : offset + limit]

    model = AuditTableModel()
    model.reset(fetch, len(rows))
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE and calls == [(0, PAGE_SIZE)]
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(rows)
    assert model.data(model.index(0, 0)) == str(len(rows))
    assert model.data(model.index(0, 4)) == "补打收据"
    assert model.data(model.index(0, 0, QModelIndex()), Qt.ItemDataRole.ToolTipRole).endswith(
        rows[0].hash
    )
    assert model.rowCount(model.index(0, 0)) == 0


def test_audit_model_stops_when_the_query_returns_fewer_rows(qtmodeltester):
    model = AuditTableModel()
    model.reset(lambda offset, limit: _entries(3)[offset : offset + limit], 10)
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 3 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_audit_page_filters_exports_and_verifies(qtbot, context, tmp_path):
    admin = signed_in(context, "0001")
    for staff_no in ("1001", "1004"):
        users.sign_in(context.uow_factory(), staff_no, PW)
    page = AuditPage(admin)
    qtbot.addWidget(page)
    everything = page.model.total
    assert everything >= 7 and page.model.rowCount() == everything
    page.staff_no.setText("1004")
    page.refresh()
    assert page.model.total == 1 and page.model.entry(0).event == "sign_in"
    page.staff_no.clear()
    page.event.setCurrentIndex(page.event.findData("user_added"))
    page.refresh()
    assert {page.model.entry(row).event for row in range(page.model.rowCount())} == {"user_added"}
    page.date_from.setDate(page.date_from.date().addDays(1 + 30))
    page.refresh()
    assert page.model.total == 0
    page.all_dates.setChecked(True)
    page.refresh()
    assert page.model.total == 4
    page.export_to(tmp_path / "audit.csv")
    assert "4" in page.status.text()
    assert (tmp_path / "audit.csv").read_text(encoding="utf-8-sig").count("\n") == 5
    page.verify()
    assert "审计日志" in page.status.text()


def test_audit_page_refuses_a_cashier(qtbot, context):
    page = AuditPage(signed_in(context, "1001"))
    qtbot.addWidget(page)
    assert page.findChild(QLabel, "deniedLabel") is not None
    assert page.model.rowCount() == 0


def test_settings_tabs_per_role_and_password_change(qtbot, context):
    cashier_tabs = SettingsTabs(signed_in(context, "1001"))
    qtbot.addWidget(cashier_tabs)
    assert cashier_tabs.count() == 3 and cashier_tabs.backup_panel is None
    assert cashier_tabs.tabText(2) == "Receipt printer"
    admin_tabs = SettingsTabs(signed_in(context, "0001"))
    qtbot.addWidget(admin_tabs)
    assert admin_tabs.count() == 5
    panel = cashier_tabs.widget(1)
    panel.old.setText(PW)
    panel.new.setText("new-password-1")
    panel.again.setText("new-password-1")
    panel.change()
    assert panel.message.text() == "Your password was changed."
    assert users.sign_in(context.uow_factory(), "1001", "new-password-1").name == "张三"


def test_backup_and_restore_from_the_settings(qtbot, context, tmp_path):
    tabs = SettingsTabs(signed_in(context, "0001"))
    qtbot.addWidget(tabs)
    panel = tabs.backup_panel
    copy = tmp_path / "copy.db"
    assert panel.backup_to(copy) and copy.exists()
    assert not panel.backup_to(copy)
    users.sign_in(context.uow_factory(), "1001", PW)
    with qtbot.waitSignal(panel.restored, timeout=5000):
        assert panel.restore_from(copy)
    admin = signed_in(context, "0001").actor
    entries = audit.list_entries(context.uow_factory(), admin, AuditFilter())
    events = [entry.event for entry in entries]
    assert "restore" in events and events.count("sign_in") == 2
