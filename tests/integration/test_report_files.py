"""Every report kind written to .xlsx and PDF and read back, on SQLite and PostgreSQL: each
sheet has the table's headings in its frozen heading row and every cell of the report with its
kind's number format (money as exact yuan); each PDF's text (pdftotext) has the report's title,
every table's title and the money of every total row. The figures themselves are checked by
hand in test_reports.py; this file checks that no format loses or changes one."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from cashier.domain.report_table import (
    DATE,
    MONEY,
    Report,
    Table,
    cell_text,
    cells_of,
    is_subtotal,
)
from cashier.printing.report_files import ReportFiles
from cashier.printing.report_xlsx import HEADING_ROW, NUMBER_FORMATS, sheet_name
from cashier.services import reports
from tests.integration.report_books import AS_OF, DAY1, DAY2, two_days
from tests.support.payment_books import ADMIN

BUILDERS: dict[str, Callable] = {
    "daily": lambda uow: reports.daily_ledger_of(uow, ADMIN, DAY1),
    "monthly": lambda uow: reports.monthly_summary(uow, ADMIN, 2025, 10),
    "arrears": lambda uow: reports.arrears_list(uow, ADMIN, AS_OF),
    "collection": lambda uow: reports.collection_rate(uow, ADMIN, AS_OF),
    "reversals": lambda uow: reports.reversals_between(uow, ADMIN, DAY1, DAY2),
    "prices": lambda uow: reports.price_list(uow, ADMIN, basis="某价管〔2025〕8号"),
    "vouchers": lambda uow: reports.vouchers_between(uow, ADMIN, DAY1, DAY2),
}


@pytest.fixture
def books(make_uow):
    two_days(make_uow)
    return make_uow


def _stored(value: object, kind: str) -> object:
    """What openpyxl reads back for a report cell of this kind."""
    if value is None or value == "":
        return None
    if kind == MONEY:
        return Decimal(int(value)).scaleb(-2)
    if kind == DATE and isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return value


def _read(cell) -> object:
    value = cell.value
    if isinstance(value, float):  # openpyxl reads numbers back as float; compare exactly
        return Decimal(str(value))
    return value


def _check_sheet(sheet, report: Report, table: Table) -> None:
    assert sheet.freeze_panes == f"A{HEADING_ROW + 1}", table.title
    assert [c.value for c in sheet[HEADING_ROW]] == [c.title for c in table.columns]
    rows = list(sheet.iter_rows(min_row=HEADING_ROW + 1, max_col=len(table.columns)))
    rows, notes = rows[: len(table.rows)], rows[len(table.rows) :]
    assert [row[0].value for row in notes] == [f"注：{note}" for note in report.notes]
    for row, cells in zip(table.rows, rows, strict=True):
        for value, cell, column in zip(cells_of(row), cells, table.columns, strict=True):
            expected = _stored(value, column.kind)
            assert _read(cell) == expected, (table.title, column.title, value)
            if expected is not None and column.kind in NUMBER_FORMATS:
                assert cell.number_format == NUMBER_FORMATS[column.kind], column.title
        assert cells[0].font.b == is_subtotal(row), table.title


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_each_report_reads_back_from_xlsx_cell_for_cell(books, tmp_path, kind):
    report: Report = BUILDERS[kind](books())
    assert any(table.rows for table in report.tables), "a report with nothing in it tests nothing"
    path = tmp_path / f"{kind}.xlsx"
    reports.write_report(report, path, ReportFiles())
    book = openpyxl.load_workbook(path)
    used: set[str] = set()
    for table in report.tables:
        _check_sheet(book[sheet_name(table.title, used)], report, table)


def _pdf_text(path: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def _total_money(report: Report) -> list[str]:
    """The printed money of every total row of the report."""
    return [
        cell_text(value, column.kind)
        for table in report.tables
        for row in table.rows
        if is_subtotal(row)
        for value, column in zip(cells_of(row), table.columns, strict=True)
        if column.kind == MONEY and value not in (None, "")
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
@pytest.mark.parametrize("kind", sorted(set(BUILDERS) - {"vouchers"}))
def test_each_report_pdf_has_its_headings_and_totals(books, tmp_path, kind):
    report: Report = BUILDERS[kind](books())
    path = tmp_path / f"{kind}.pdf"
    reports.write_report(report, path, ReportFiles())
    text = _pdf_text(path)
    words = text.split()
    assert report.title in text
    for table in report.tables:
        assert table.title in text, table.title
    for money in _total_money(report):
        assert money in words, money
