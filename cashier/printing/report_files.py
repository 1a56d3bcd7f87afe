"""Write a report to a file whose suffix names the format: .pdf, .xlsx or .csv.

CSV (for the accounting software) is UTF-8 with a BOM so that Excel opens it; amounts are
yuan with two decimals and no separators (``1234.56``), rates ``95.12%``, dates
``2025-11-15``. A report of several tables writes each under its title, a blank line between.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from cashier.domain.errors import UserError
from cashier.domain.money import format_plain
from cashier.domain.report_table import MONEY, Report, cell_text, cells_of
from cashier.printing.report_pdf import ReportPdf
from cashier.printing.report_xlsx import write_xlsx

SUFFIXES = (".pdf", ".xlsx", ".csv")


def write_csv(report: Report, path: Path) -> None:
    """Write the report's tables as CSV."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        several = len(report.tables) > 1
        for index, table in enumerate(report.tables):
            if several:
                if index:
                    writer.writerow([])
                writer.writerow([table.title])
            writer.writerow([c.title for c in table.columns])
            for row in table.rows:
                writer.writerow(_csv_cells(cells_of(row), [c.kind for c in table.columns]))


def _csv_cells(cells: tuple, kinds: list[str]) -> list[str]:
    out = []
    for value, kind in zip(cells, kinds, strict=True):
        if kind == MONEY and isinstance(value, int):
            out.append(format_plain(value))
        else:
            out.append(cell_text(value, kind).replace(",", "") if kind != "text" else str(value))
    return out


class ReportFiles:
    """Implements services.report_ports.ReportWriter for PDF, .xlsx and CSV files.

    The file appears complete or not at all: it is written beside the target and renamed.
    """

    def __init__(self, pdf: ReportPdf | None = None) -> None:
        self._pdf = pdf

    @property
    def pdf(self) -> ReportPdf:
        """The PDF renderer (its font is looked up on first use)."""
        if self._pdf is None:
            self._pdf = ReportPdf()
        return self._pdf

    def write(self, report: Report, path: Path) -> None:
        """Write ``report`` to ``path`` in the format of its suffix; raises UserError for
        another suffix or a folder that cannot be written."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise UserError(
                f"不支持的文件类型：{path.name}（可用 {'、'.join(SUFFIXES)}）",
                f"cannot write {path.name}: use {', '.join(SUFFIXES)}",
            )
        try:
            handle, temporary = tempfile.mkstemp(suffix=suffix, dir=path.parent or Path("."))
            os.close(handle)
            self._write(report, Path(temporary), suffix)
            os.replace(temporary, path)
        except OSError as error:
            raise UserError(f"无法写入 {path}：{error.strerror or error}",
                            f"cannot write {path}: {error}") from error  # fmt: skip

    def _write(self, report: Report, temporary: Path, suffix: str) -> None:
        try:
            if suffix == ".pdf":
                self.pdf.write(report, temporary)
            elif suffix == ".xlsx":
                write_xlsx(report, temporary)
            else:
                write_csv(report, temporary)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
