"""The accountant's collection files and suspense list, reached from the Counter page."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from dataclasses import replace

import pytest
from counter_data import counter_context
from counter_support import idle, make_page

from cashier.services.receipt_records import account_payments
from cashier.ui.pages.account_files import ImportErrorsDialog

JAN_5 = dt.date(2026, 1, 5)
HEADER = "户号,金额,渠道,流水号,日期"
ROWS = [
    "T-0001,1900.00,代收,S-0001,2025-11-10",
    "X-404,100.00,银行转账,S-0002,2025-11-10",
]


@pytest.fixture
def page(qtbot, tmp_path):
    context = counter_context(tmp_path / "db")
    accountant = replace(context.actor, staff_no="0010", name="孙某",
                         roles=frozenset({"accountant"}))
    return make_page(qtbot, replace(context, actor=accountant), JAN_5, shift=False)


def _file(folder, rows: list[str]):
    path = folder / "bank.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def _open(qtbot, page):
    assert page.agent_button.isVisible()
    page.agent_button.click()
    dialog = page.agent_dialog
    qtbot.waitUntil(lambda: page.runner.active_jobs() == 0, timeout=10_000)
    return dialog


def test_check_then_import_then_assign_the_suspense_row(qtbot, page, tmp_path):
    dialog = _open(qtbot, page)
    assert dialog.suspense.rowCount() == 0
    dialog.check_file(_file(tmp_path, ROWS))
    idle(qtbot, page)
    assert dialog.summary.text().startswith("Checked, nothing written yet")
    assert account_payments(page.context.uow_factory(), "T-0001") == []
    assert dialog.import_button.isEnabled()
    dialog.import_file()
    qtbot.waitUntil(lambda: dialog.suspense.rowCount() == 1, timeout=10_000)
    idle(qtbot, page)
    assert "1 payments (¥1,900.00)" in dialog.summary.text()
    assert "1 to suspense (¥100.00)" in dialog.summary.text()
    [paid] = account_payments(page.context.uow_factory(), "T-0001")
    assert paid.business_date == JAN_5 and paid.amount_fen == 190000
    assert dialog.suspense.item(0, 2).text() == "X-404"
    dialog.suspense.selectRow(0)
    dialog.account.setText("T-0003")
    dialog.assign_button.click()
    qtbot.waitUntil(lambda: dialog.suspense.rowCount() == 0, timeout=10_000)
    idle(qtbot, page)
    [assigned] = account_payments(page.context.uow_factory(), "T-0003")
    assert assigned.amount_fen == 10000
    assert assigned.receipt_no in dialog.status.text()
    dialog.check_file(_file(tmp_path, ROWS))
    idle(qtbot, page)
    assert "2 imported before, skipped" in dialog.summary.text()


def test_a_malformed_file_is_refused_whole_with_every_problem(qtbot, page, tmp_path):
    dialog = _open(qtbot, page)
    dialog.check_file(_file(tmp_path, [*ROWS, "T-0002,abc,代收,S-0003,2025-11-10"]))
    idle(qtbot, page)
    assert dialog.summary.text() == "The file was refused: nothing was imported."
    assert isinstance(dialog.errors_dialog, ImportErrorsDialog)
    assert "第4行" in dialog.errors_dialog.errors.toPlainText()
    assert not dialog.import_button.isEnabled()


def test_a_cashier_has_no_collection_files_button(qtbot, tmp_path):
    page = make_page(qtbot, counter_context(tmp_path), JAN_5)
    assert page.agent_button.isHidden()
