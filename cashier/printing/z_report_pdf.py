"""The Z report (结班报表) as an A4 PDF: the same sections as the paper report, as tables.

Built on printing/pdf.py (embedded CJK font, company header, numbered footer, invariant
bytes). A reprint is marked 补打（第N次） under the title.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from cashier.domain.shift_report import ShiftReport
from cashier.domain.z_report import TITLE, ZRow, ZSection, z_heading, z_sections
from cashier.printing.pdf import (
    Letter,
    Styles,
    build_pdf,
    cjk_font,
    grid_table,
    styles,
    text_width,
)


def _cell(row: ZRow, value: str, style: Styles) -> Paragraph:
    shown = value
    if row.money and value[:1].isdigit():
        shown = f"¥{value}"
    elif row.money and value.startswith("-"):
        shown = f"-¥{value[1:]}"
    return Paragraph(shown, style.number if row.money else style.cell)


def _table(section: ZSection, style: Styles, font):
    width = text_width()
    if section.columns:
        header = ["", *section.columns]
        rows = [header] + [
            [Paragraph(r.label, style.cell), *(_cell(r, v, style) for v in r.values)]
            for r in section.rows
        ]
        share = (width * 0.34, *(width * 0.22 for _ in section.columns))
        return grid_table(rows, share, font, header=True)
    rows = [
        [Paragraph(r.label, style.cell), _cell(r, r.values[0] if r.values else "", style)]
        for r in section.rows
    ]
    return grid_table(rows, (width * 0.34, width * 0.66), font, header=False)


def z_report_pdf(
    report: ShiftReport, company: str, service_phone: str = "", reprint_count: int = 0
) -> bytes:
    """The Z report as PDF bytes (the same input gives the same bytes)."""
    font = cjk_font()
    style = styles(font)
    story: list = [Paragraph(TITLE, style.title)]
    if reprint_count:
        story.append(Paragraph(f"补打（第{reprint_count}次）", style.heading))
    story.append(_table(ZSection("", z_heading(report)), style, font))
    for section in z_sections(report):
        story.append(KeepTogether([Paragraph(section.title, style.heading),
                                   _table(section, style, font)]))
    story += [
        Spacer(1, 10 * mm),
        Paragraph("收费员签字：____________________　　主管签字：____________________", style.body),
    ]
    letter = Letter(company or "供热公司", TITLE, service_phone)
    return build_pdf(story, letter, font)


def write_z_report_pdf(
    path: Path, report: ShiftReport, company: str, service_phone: str = "", reprint_count: int = 0
) -> None:
    """Write the Z report PDF to `path`; raises OSError when it cannot be written."""
    path.write_bytes(z_report_pdf(report, company, service_phone, reprint_count))
