"""Reading and writing the tables people exchange: CSV and Excel .xlsx, as rows of text.

Reading: a .csv file in UTF-8 (with or without BOM) or GB18030 (what Excel saves on a Chinese
Windows); an .xlsx file's first worksheet (services/xlsx_rows.py). Every cell comes back as
text: an Excel number as Excel shows it (89.56, a whole number without ".0"), a date as
YYYY-MM-DD; the domain reads that text exactly with Decimal.

Writing: CSV in UTF-8 with BOM (so Excel opens it with the right characters) or .xlsx.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from cashier.domain.errors import UserError
from cashier.services.xlsx_rows import XlsxError, xlsx_rows

CSV_SUFFIX = ".csv"
XLSX_SUFFIX = ".xlsx"
Cell = str | Decimal | int | date | None


class TableFileError(UserError):
    """A file that cannot be read or written as a table."""


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (CSV_SUFFIX, XLSX_SUFFIX):
        raise TableFileError(
            f"不支持的文件类型“{path.suffix or path.name}”，请使用 .csv 或 .xlsx 文件"
            "（旧版 .xls 请在 Excel 中另存为 .xlsx）。",
            f"unsupported file type {path.suffix!r}: use .csv or .xlsx",
        )
    return suffix


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """The rows of a .csv or .xlsx file as ``(row number, cells as text)``, header first.

    Row numbers count from 1 as a spreadsheet shows them (for CSV, records, so a quoted
    line break does not shift them). Completely empty rows are skipped. Raises
    TableFileError for a missing or unreadable file, an unknown encoding or file type.
    """
    kind = _kind(path)
    if not path.is_file():
        raise TableFileError(f"找不到文件：{path}", f"file not found: {path}")
    rows = _csv_rows(path) if kind == CSV_SUFFIX else _xlsx_rows(path)
    for number, cells in rows:
        if any(cell.strip() for cell in cells):
            yield number, cells


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableFileError(
        f"无法识别文件编码：{path.name}（请保存为 UTF-8 或 GB18030）",
        f"unknown text encoding of {path.name}: save it as UTF-8 or GB18030",
    )


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    text = _decode(path.read_bytes(), path)
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
    except csv.Error as error:
        raise TableFileError(
            f"CSV 文件格式错误：{error}", f"malformed CSV file: {error}"
        ) from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        yield from xlsx_rows(path)
    except XlsxError as error:
        raise TableFileError(
            f"无法打开 Excel 文件：{path.name}", f"cannot open the Excel file {path.name}: {error}"
        ) from None


def write_rows(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    notes: Sequence[Sequence[str]] = (),
) -> int:
    """Write a header and rows to a .csv (UTF-8 with BOM) or .xlsx file; returns the rows.

    Decimal and int cells become numbers in .xlsx; text stays text (so 户号 0012 keeps its
    zeros). ``notes`` go to a second sheet, 填写说明, of an .xlsx file (CSV has no room for
    them). Raises TableFileError for an unknown file type or a file that cannot be written.
    """
    kind = _kind(path)
    try:
        if kind == CSV_SUFFIX:
            return _write_csv(path, header, rows)
        return _write_xlsx(path, header, rows, notes)
    except OSError as error:
        raise TableFileError(
            f"无法写入文件：{path}（{error.strerror}）", f"cannot write {path}: {error}"
        ) from None


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if cell is None else str(cell) for cell in row])
            count += 1
    return count


def _write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    notes: Sequence[Sequence[str]],
) -> int:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("数据")
    sheet.append(list(header))
    count = 0
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
        count += 1
    if notes:
        help_sheet = workbook.create_sheet("填写说明")
        for line in notes:
            help_sheet.append(list(line))
    workbook.save(path)
    return count
