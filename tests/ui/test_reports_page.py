"""The Reports page: kinds per role, the form per kind, a report written in the background,
cancelling, and refusals shown on the page (SQLite books of tests/integration/report_books)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import threading
from pathlib import Path

import openpyxl
import pytest

import cashier.ui.pages.reports as reports_module
from cashier.domain.actor import Actor
from cashier.services.context import AppContext
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory
from cashier.ui.pages.long_job import LongJob
from cashier.ui.pages.reports import ReportsPage, _qdate
from tests.integration.report_books import AS_OF, DAY1, two_days
from tests.support.payment_books import ADMIN

WAIT_MS = 15_000
COLLECTOR = Actor(11, "0011", "钱某", frozenset({"collector"}))


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("books") / "books.db"
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    two_days(uow_factory(engine))
    engine.dispose()
    return path


def _context(books: Path, tmp_path: Path, actor: Actor) -> AppContext:
    copy = tmp_path / "books.db"
    shutil.copyfile(books, copy)
    engine = make_engine(f"sqlite:///{copy}")
    return AppContext(uow_factory(engine), actor, "SQLite", "A01", "幸福热力有限公司",
                      "0000-0000000", False)  # fmt: skip


@pytest.fixture
def page(qtbot, books, tmp_path) -> ReportsPage:
    out = tmp_path / "out"
    out.mkdir()
    widget = ReportsPage(_context(books, tmp_path, ADMIN), today=lambda: AS_OF, folder=out)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def test_an_accountant_sees_every_report_and_a_collector_the_notices(qtbot, books, tmp_path, page):
    assert page.kinds.count() == 8 and page.kind() == "daily"
    collector = ReportsPage(_context(books, tmp_path, COLLECTOR))
    qtbot.addWidget(collector)
    assert [collector.kinds.item(i).data(256) for i in range(collector.kinds.count())] == [
        "notices"]  # fmt: skip


def test_the_form_follows_the_kind(page):
    page.select_kind("reversals")
    assert page.last_edit.isVisibleTo(page) and not page.estate_edit.isVisibleTo(page)
    assert [page.format_box.itemData(i) for i in range(page.format_box.count())] == [
        ".pdf", ".xlsx"]  # fmt: skip
    page.select_kind("vouchers")
    assert page.path_edit.text().endswith(".csv")
    page.format_box.setCurrentIndex(1)
    assert page.path_edit.text().endswith(".xlsx")
    page.select_kind("notices")
    assert page.size_box.isVisibleTo(page) and page.estate_edit.isVisibleTo(page)
    assert not page.last_edit.isVisibleTo(page)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_daily_ledger_is_written_in_the_background(qtbot, page, tmp_path):
    page.select_kind("daily")
    page.date_edit.setDate(_qdate(DAY1))
    target = tmp_path / "日记账.pdf"
    page.path_edit.setText(str(target))
    page.run()
    qtbot.waitUntil(lambda: page.last_path is not None, timeout=WAIT_MS)
    assert page.last_path == target and str(target) in page.status.text()
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True)
    assert "日记账" in text.stdout.decode() and "5,390.50" in text.stdout.decode()
    assert page.run_button.isEnabled()


def test_the_arrears_list_goes_to_excel(qtbot, page, tmp_path):
    page.select_kind("arrears")
    page.format_box.setCurrentIndex(1)
    page.estate_edit.setText("幸福小区")
    page.run()
    qtbot.waitUntil(lambda: page.last_path is not None, timeout=WAIT_MS)
    sheet = openpyxl.load_workbook(page.last_path)["欠费明细"]
    assert {row[0] for row in sheet.iter_rows(values_only=True)} >= {"T-0002", "T-0003", "总计"}


def test_cancelling_writes_nothing(qtbot, page, tmp_path, monkeypatch):
    started = threading.Event()
    real = reports_module.run_report

    def slow(uow, actor, request, writer, notices, *, progress, cancelled):
        started.set()
        for _ in range(500):  # wait (at most 5 s) for the user to cancel
            if cancelled():
                break
            threading.Event().wait(0.01)
        return real(uow, actor, request, writer, notices, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(reports_module, "run_report", slow)
    page.select_kind("collection")
    target = tmp_path / "rate.pdf"
    page.path_edit.setText(str(target))
    page.run()
    assert isinstance(page.job, LongJob)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    page.job.cancel()
    qtbot.waitUntil(lambda: page.run_button.isEnabled(), timeout=WAIT_MS)
    assert "Cancelled" in page.status.text() and not target.exists()


def test_a_refusal_is_shown_on_the_page(qtbot, page, tmp_path):
    page.select_kind("daily")
    page.path_edit.setText(str(tmp_path / "daily.docx"))
    page.run()
    qtbot.waitUntil(lambda: page.run_button.isEnabled(), timeout=WAIT_MS)
    assert "只能保存为" in page.status.text() and page.last_path is None
