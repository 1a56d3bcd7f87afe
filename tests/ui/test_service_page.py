"""The Service page on a real SQLite database: lists, forms, signing, the account panel."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from service_pages_data import build_service_database

from cashier.domain.signature import signature_digest
from cashier.domain.workdays import CHINA_TZ
from cashier.ui.pages.account_service_panel import AccountServicePanel
from cashier.ui.pages.accounts import AccountsPage
from cashier.ui.pages.service import ServicePage
from cashier.ui.pages.service_case_dialogs import CaseDialog, NewCaseDialog
from cashier.ui.pages.service_forms import set_moment
from cashier.ui.pages.service_measurement_dialog import MeasurementDialog
from cashier.ui.pages.service_models import CASE_COLUMNS, RecordTableModel
from cashier.ui.pages.service_outage_dialog import OutageDialog

WAIT_MS = 15_000
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture
def context(tmp_path):
    return build_service_database(tmp_path, NOW)


@pytest.fixture
def page(qtbot, context, zh_translator) -> ServicePage:
    widget = ServicePage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    models = (widget.cases, widget.measurements, widget.outages)
    qtbot.waitUntil(
        lambda: widget.overview is not None and all(m.rowCount() for m in models),
        timeout=WAIT_MS,
    )
    return widget


def _idle(qtbot, runner) -> None:
    qtbot.waitUntil(lambda: runner.active_jobs() == 0, timeout=WAIT_MS)


def _sign(qtbot, pad, offset: int = 0) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30 + offset, 60))
    for x, y in ((80, 90), (140, 50), (220, 100)):
        QTest.mouseMove(pad, QPoint(x + offset, y), 5)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(220 + offset, 100))


def test_the_to_do_list_puts_overdue_first_in_chinese(page):
    table = page.todo_cases
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip
    assert rows[0][:3] == ["已逾期", "TS2026-00001", "投诉"]
    assert rows[1][:2] == ["24小时内到期", "TS2026-00002"]
    assert ["待回访", "TS2026-00003"] in [row[:2] for row in rows]
    other = [page.todo_other.item(r, 0).text() for r in range(page.todo_other.rowCount())]
    assert other == ["未恢复供热", "12小时内未通知用户", "设备测温偏低，需上门测温"]
    assert page.summary.text().startswith("已逾期：1")
    assert page.tabs.tabText(2) == "测温记录"


def test_the_record_tables_pass_the_model_tester(qtbot, page):
    for model in (page.cases, page.measurements, page.outages):
        ModelTester(None).check(model, force_py=True)
    assert page.cases.index(0, 0).data() == "TS2026-00003"  # newest first
    assert page.measurements.rowCount() == 3 and page.outages.rowCount() == 2


def test_the_model_fetches_older_pages_until_one_comes_back_empty(qtbot):
    pages = {None: ["c", "b"], 2: ["a"], 1: []}
    asked = []

    class Row:
        def __init__(self, name, ident):
            self.id, self.case, self.name = ident, None, name

    records = {None: [Row("c", 3), Row("b", 2)], 2: [Row("a", 1)], 1: []}

    def fetch(before, on_page, on_error):
        asked.append(before)
        on_page(records[before])

    model = RecordTableModel(CASE_COLUMNS[:1], fetch)
    model._columns = (replace(CASE_COLUMNS[0], text=lambda r: r.name),)
    ModelTester(None).check(model, force_py=True)
    model.reload()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert asked[-3:] == [None, 2, 1] and pages
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["c", "b", "a"]


def test_a_measurement_is_signed_on_screen_and_stored_with_both_signatures(qtbot, page, context):
    dialog = MeasurementDialog(context, page.runner, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.account.number.setText("100002")
    for row, (area, reading) in enumerate((("15.00", "16.2"), ("38.50", "18.4"))):
        dialog.rooms.item(row, 1).setText(area)
        dialog.rooms.item(row, 2).setText(reading)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT_MS)
    assert "缺少测温员签字" in dialog.error.text()
    _sign(qtbot, dialog.measurer_sign.pad)
    _sign(qtbot, dialog.household_sign.pad, 40)
    expected = dialog.household_sign.signature()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT_MS)
    stored = dialog.saved.measurement
    assert stored.number == "CW2026-00004" and stored.signed
    assert stored.household_signature == signature_digest(expected.png, expected.strokes_json())
    with context.uow_factory() as uow:
        measurer_png, household_png = uow.measurements.signature_images(stored.id)
    assert household_png == expected.png and measurer_png != household_png


def test_a_correction_is_prefilled_and_refers_to_the_original(qtbot, page, context):
    original = page.measurements.record(2)  # the oldest: CW2026-00001
    dialog = MeasurementDialog(context, page.runner, page, corrects=original)
    qtbot.addWidget(dialog)
    assert not dialog.account.number.isEnabled()
    assert dialog.rooms.item(0, 2).text() == "16.5"
    dialog.rooms.item(0, 2).setText("15.5")
    dialog.show()
    _sign(qtbot, dialog.measurer_sign.pad)
    _sign(qtbot, dialog.household_sign.pad)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT_MS)
    assert dialog.saved.measurement.corrects_id == original.id
    assert dialog.saved.credits.posted  # the refund of the original is adjusted


def test_receiving_a_complaint_shows_its_deadline_and_steps_append(qtbot, page, context):
    dialog = NewCaseDialog(context, page.runner, "complaint", page)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(1)  # report
    assert dialog.category.currentData() == "conduct"
    set_moment(dialog.received, dt.datetime(2026, 9, 30, 9, 0, tzinfo=CHINA_TZ))
    dialog.contact_phone.setText("13800000000")
    dialog.text.setPlainText("抄表员态度恶劣")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT_MS)
    status = dialog.saved
    assert status.case.case_no == "JB2026-00002"
    # 10-08, 10-09, the make-up Saturday 10-10, 10-12, 10-13: five working days
    assert status.deadline.due_date == dt.date(2026, 10, 13)
    case = CaseDialog(context, page.runner, status, page)
    qtbot.addWidget(case)
    case.step_kind.setCurrentIndex(1)  # reply
    case.step_text.setPlainText("已核实并批评教育")
    case.append_step()
    qtbot.waitUntil(lambda: case.changed, timeout=WAIT_MS)
    assert case.steps.rowCount() == 1 and case.status.case.state == "replied"
    assert "已答复（逾期答复）" in case.summary.text()


def test_an_outage_for_ticked_buildings_reaches_their_accounts(qtbot, page, context):
    dialog = OutageDialog(context, page.runner, page)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.estate.count() == 2, timeout=WAIT_MS)
    dialog.estate.setCurrentText("幸福小区")
    qtbot.waitUntil(lambda: dialog.buildings.count() == 2, timeout=WAIT_MS)
    dialog.buildings.item(1).setCheckState(Qt.CheckState.Checked)  # 3号楼
    dialog.cause.setText("阀门更换")
    set_moment(dialog.started, NOW - dt.timedelta(hours=60))
    dialog.restored_box.setChecked(True)
    set_moment(dialog.restored, NOW - dt.timedelta(hours=10))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT_MS)
    result = dialog.saved
    assert result.outage.scope == "幸福小区 3号楼" and result.outage.account_count == 1
    assert result.total_fen == -3509  # 96.50 m² x 22 = 2123.00; / 121 x 2 days = 35.09


def test_a_cashier_sees_no_measuring_or_outage_buttons(qtbot, context):
    from cashier.domain.actor import Actor

    desk = replace(context, actor=Actor(None, "1001", "王五", frozenset({"cashier"})))
    widget = ServicePage(desk)
    qtbot.addWidget(widget)
    assert widget.new_complaint.isVisibleTo(widget)
    assert not widget.new_measurement.isVisibleTo(widget)
    assert not widget.new_outage.isVisibleTo(widget)
    _idle(qtbot, widget.runner)


def test_the_account_panel_shows_the_records_behind_the_credits(qtbot, page, context):
    panel = AccountServicePanel(context, page.runner)
    qtbot.addWidget(panel)
    with context.uow_factory() as uow:
        account_id = uow.service_credits.account_by_number("100001").id
    panel.load(account_id)
    qtbot.waitUntil(lambda: panel.view is not None, timeout=WAIT_MS)
    cells = {panel.records.item(r, 1).text(): panel.records.item(r, 3).text()
             for r in range(panel.records.rowCount())}  # fmt: skip
    assert cells == {"CW2026-00001": "-¥25.45", "CW2026-00002": "¥0.00",
                     "TR2026-00001": "-¥14.55"}  # fmt: skip
    assert panel.total.text() == "服务记录减收合计：-¥40.00"
    assert panel.cases.item(0, 0).text() == "TS2026-00002"
    panel.clear()
    assert panel.records.rowCount() == 0
    panel.load_number("200001")
    qtbot.waitUntil(lambda: panel.view is not None, timeout=WAIT_MS)
    assert panel.view.account.account_no == "200001" and panel.view.credited_fen == 0
    assert panel.records.item(0, 1).text() == "TR2026-00002"


def test_the_accounts_page_has_a_tab_with_the_records_behind_the_credits(qtbot, context):
    accounts = AccountsPage(context, shortcuts=False)
    qtbot.addWidget(accounts)
    accounts.open_account("100001")
    qtbot.waitUntil(lambda: accounts.service.view is not None, timeout=WAIT_MS)
    tabs = accounts.panel.tabs
    assert tabs.widget(tabs.count() - 1) is accounts.service
    numbers = {accounts.service.records.item(r, 1).text()
               for r in range(accounts.service.records.rowCount())}  # fmt: skip
    assert numbers == {"CW2026-00001", "CW2026-00002", "TR2026-00001"}
    accounts.open_account("200001")
    qtbot.waitUntil(
        lambda: accounts.service.view is not None
        and accounts.service.view.account.account_no == "200001",
        timeout=WAIT_MS,
    )
    assert accounts.service.records.item(0, 1).text() == "TR2026-00002"
    _idle(qtbot, accounts.runner)
