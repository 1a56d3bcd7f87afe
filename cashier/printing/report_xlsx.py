"""Reports as .xlsx workbooks (openpyxl, write-only: rows stream to the file).

One sheet per table: the report title and facts on top, the heading row, then the rows with
real number formats (money ``#,##0.00`` as exact decimals of yuan, counts ``#,##0``, rates
``0.00%``, dates ``yyyy-mm-dd``); the panes are frozen below the heading row, so it stays in
view; subtotal rows are bold. Money never passes through float: a fen amount is written as
the Decimal of yuan.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cashier.domain.report_table import (
    COUNT,
    DATE,
    MONEY,
    PERCENT,
    Report,
    Table,
    cells_of,
    is_subtotal,
)

NUMBER_FORMATS = {MONEY: "#,##0.00", COUNT: "#,##0", PERCENT: "0.00%", DATE: "yyyy-mm-dd"}
"""Column kind -> Excel number format."""
HEADING_ROW = 4
"""The heading row of every sheet (title, facts and a blank row above it)."""
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_FILL = PatternFill("solid", fgColor="E4E4E4")
_CENTER = Alignment(horizontal="center", vertical="center")
_BAD_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, no []:*?/\\)."""
    base = _BAD_CHARS.sub("_", title)[:28] or "表"
    name, number = base, 2
    while name in used:
        name = f"{base}{number}"
        number += 1
    used.add(name)
    return name


def _value(value: object, kind: str) -> object:
    if value is None or value == "":
        return None
    if kind == MONEY and isinstance(value, int):
        return Decimal(value).scaleb(-2)
    return value


class _Sheet:
    """Writes one table to a write-only sheet."""

    def __init__(self, book: Workbook, report: Report, table: Table, used: set[str]) -> None:
        self.sheet = book.create_sheet(sheet_name(table.title, used))
        self.table = table
        self.report = report
        self.formats = [NUMBER_FORMATS.get(c.kind) for c in table.columns]
        self.kinds = [c.kind for c in table.columns]
        self._cells: dict[tuple[int, bool], WriteOnlyCell] = {}

    def _cell(self, value: object, *, font=None, number_format=None, fill=None):
        cell = WriteOnlyCell(self.sheet, value=value)
        if font is not None:
            cell.font = font
        if number_format is not None:
            cell.number_format = number_format
        if fill is not None:
            cell.fill = fill
        return cell

    def write(self) -> None:
        sheet, table = self.sheet, self.table
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(8, column.width * 13)
        sheet.freeze_panes = f"A{HEADING_ROW + 1}"
        facts = "　".join(f"{k}：{v}" for k, v in self.report.facts)
        sheet.append([self._cell(f"{self.report.company} {self.report.title}", font=_TITLE)])
        sheet.append([f"{table.title}　{facts}"])
        sheet.append([])
        sheet.append([self._cell(c.title, font=_BOLD, fill=_FILL) for c in table.columns])
        for row in table.rows:
            sheet.append(self._row(cells_of(row), bold=is_subtotal(row)))
        for note in self.report.notes:
            sheet.append([f"注：{note}"])

    def _row(self, cells: tuple, *, bold: bool) -> list:
        out = []
        for index, (value, kind) in enumerate(zip(cells, self.kinds, strict=True)):
            value = _value(value, kind)
            if self.formats[index] is None and not bold:
                out.append(value)
            else:
                cell = self._styled(index, bold)
                cell.value = value
                out.append(cell)
        return out

    def _styled(self, index: int, bold: bool) -> WriteOnlyCell:
        """The styled cell of a column, made once and reused: a write-only sheet writes each
        row out as it is appended, and setting a style is what costs (100,000 rows)."""
        key = (index, bold)
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = self._cell(
                None, font=_BOLD if bold else None, number_format=self.formats[index]
            )
        return cell


def write_xlsx(report: Report, path: Path) -> None:
    """Write the report as an .xlsx workbook, one sheet per table, in table order."""
    book = Workbook(write_only=True)
    used: set[str] = set()
    for table in report.tables:
        _Sheet(book, report, table, used).write()
    book.save(Path(path))
