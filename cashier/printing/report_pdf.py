"""Reports as PDF (ReportLab), in the embedded CJK font of cashier/printing/pdf.py.

A table is drawn by :class:`RowsFlowable`, straight onto the canvas, a page at a time: the
rows that fit on a page go there under a repeated heading row and the rest flows on, so a
ledger of 20,000 payments is laid out as quickly as it is drawn (never one giant platypus
Table). Text wraps inside its column; money is right-aligned; subtotal rows are shaded.
Every page carries the company and title at the top and the service telephone and
第 N 页 / 共 M 页 at the bottom; ``invariant=1`` keeps the bytes reproducible.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from cashier.domain.report_table import (
    COUNT,
    MONEY,
    PERCENT,
    Report,
    Row,
    Table,
    cell_text,
    cells_of,
    is_subtotal,
)
from cashier.printing.pdf import Letter, PdfFont, Styles, cjk_font, styles

MARGIN = 15 * mm
FONT_SIZE = 8.5
LEADING = 11.0
PAD = 2.5
_RIGHT = (MONEY, COUNT, PERCENT)
_HEAD_FILL = colors.HexColor("#e4e4e4")
_SUB_FILL = colors.HexColor("#f2f2f2")
_LINE = colors.HexColor("#888888")


class _Measure:
    """Text widths in one font and size, cached per character."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self._widths: dict[str, float] = {}

    def width(self, text: str) -> float:
        widths = self._widths
        total = 0.0
        for char in text:
            w = widths.get(char)
            if w is None:
                w = widths[char] = stringWidth(char, self.font, self.size)
            total += w
        return total

    def wrap(self, text: str, room: float) -> list[str]:
        """``text`` in lines no wider than ``room`` (breaking between any characters)."""
        if len(text) * self.size <= room:  # a CJK glyph is at most one em wide
            return [text]
        lines, current, used = [], [], 0.0
        for char in text:
            w = self.width(char)
            if current and used + w > room:
                lines.append("".join(current))
                current, used = [], 0.0
            current.append(char)
            used += w
        lines.append("".join(current))
        return lines


class RowsFlowable(Flowable):
    """A table's rows drawn directly, split across pages at row boundaries."""

    def __init__(self, table: Table, widths: Sequence[float], measure: _Measure,
                 rows: Sequence[Row] | None = None) -> None:  # fmt: skip
        super().__init__()
        self.table, self.widths, self.measure = table, list(widths), measure
        self.rows = table.rows if rows is None else rows
        self._head = self._lines(tuple(c.title for c in table.columns), heading=True)
        self._heights: list[float] | None = None

    def _lines(self, cells: Sequence, heading: bool = False) -> list[list[str]]:
        out = []
        for value, column, width in zip(cells, self.table.columns, self.widths, strict=True):
            text = str(value) if heading else cell_text(value, column.kind)
            out.append(self.measure.wrap(text, width - 2 * PAD))
        return out

    @staticmethod
    def _height(lines: list[list[str]]) -> float:
        return max(len(cell) for cell in lines) * LEADING + 2 * PAD

    def heights(self) -> list[float]:
        """Each row's height (cached)."""
        if self._heights is None:
            self._heights = [self._height(self._lines(cells_of(r))) for r in self.rows]
        return self._heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self._height(self._head) + sum(self.heights())
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self._height(self._head)
        used, count = 0.0, 0
        for height in self.heights():
            if used + height > room:
                break
            used += height
            count += 1
        if count == 0:
            return []
        first = RowsFlowable(self.table, self.widths, self.measure, self.rows[:count])
        rest = RowsFlowable(self.table, self.widths, self.measure, self.rows[count:])
        first._heights, rest._heights = self.heights()[:count], self.heights()[count:]
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.measure.font, self.measure.size)
        canvas.setStrokeColor(_LINE)
        canvas.setLineWidth(0.4)
        top = self.height
        top = self._draw_row(canvas, top, self._head, _HEAD_FILL, heading=True)
        for row, height in zip(self.rows, self.heights(), strict=True):
            fill = _SUB_FILL if is_subtotal(row) else None
            top = self._draw_row(canvas, top, self._lines(cells_of(row)), fill, height=height)
        x = 0.0
        for width in [0.0, *self.widths]:
            x += width
            canvas.line(x, top, x, self.height)

    def _draw_row(self, canvas: Canvas, top: float, lines: list[list[str]], fill,
                  *, heading: bool = False, height: float | None = None) -> float:  # fmt: skip
        height = height or self._height(lines)
        bottom = top - height
        if fill is not None:
            canvas.setFillColor(fill)
            canvas.rect(0, bottom, sum(self.widths), height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        x = 0.0
        for cell, column, width in zip(lines, self.table.columns, self.widths, strict=True):
            right = not heading and column.kind in _RIGHT
            y = top - PAD - self.measure.size
            for text in cell:
                if right:
                    canvas.drawRightString(x + width - PAD, y, text)
                else:
                    canvas.drawString(x + PAD, y, text)
                y -= LEADING
            x += width
        canvas.line(0, bottom, sum(self.widths), bottom)
        if heading:
            canvas.line(0, top, sum(self.widths), top)
        return bottom


def _numbered_canvas(letter: Letter, font: PdfFont, pagesize) -> type[Canvas]:
    """A canvas that adds header and footer once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, letter, font, pagesize, f"第 {number} 页 / 共 {total} 页")
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def decorate(canvas: Canvas, letter: Letter, font: PdfFont, pagesize, page_text: str) -> None:
    """Header (company, title) and footer (service telephone, page number) of a page."""
    width, height = pagesize
    canvas.saveState()
    canvas.setFont(font.name, 8.5)
    canvas.setFillColor(colors.HexColor("#444444"))
    canvas.setStrokeColor(colors.HexColor("#999999"))
    canvas.drawString(MARGIN, height - MARGIN + 4 * mm, letter.company)
    canvas.drawRightString(width - MARGIN, height - MARGIN + 4 * mm, letter.title)
    canvas.line(MARGIN, height - MARGIN + 2.5 * mm, width - MARGIN, height - MARGIN + 2.5 * mm)
    canvas.line(MARGIN, MARGIN - 3 * mm, width - MARGIN, MARGIN - 3 * mm)
    if letter.service_phone:
        canvas.drawString(MARGIN, MARGIN - 7.5 * mm, f"24小时服务电话：{letter.service_phone}")
    canvas.drawRightString(width - MARGIN, MARGIN - 7.5 * mm, page_text)
    canvas.restoreState()


class ReportPdf:
    """Renders reports as PDF bytes."""

    def __init__(self, font: PdfFont | None = None) -> None:
        self.font = font or cjk_font()
        self.styles: Styles = styles(self.font)
        self.measure = _Measure(self.font.name, FONT_SIZE)

    def pdf_bytes(self, report: Report) -> bytes:
        """The report as a PDF (A4, landscape for wide reports)."""
        pagesize = landscape(A4) if report.landscape else A4
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + 3 * mm, bottomMargin=MARGIN + 3 * mm, title=report.title,
            author=report.company, creator="cashier", invariant=1,
        )  # fmt: skip
        letter = Letter(report.company, report.title, report.service_phone)
        room = pagesize[0] - 2 * MARGIN
        document.build(self._story(report, room),
                       canvasmaker=_numbered_canvas(letter, self.font, pagesize))  # fmt: skip
        return buffer.getvalue()

    def _story(self, report: Report, room: float) -> list[Flowable]:
        s = self.styles
        heading = ParagraphStyle("table_heading", parent=s.heading, keepWithNext=1)
        story: list[Flowable] = [Paragraph(escape(report.title), s.title)]
        facts = "　　".join(f"{escape(k)}：{escape(v)}" for k, v in report.facts)
        story.append(Paragraph(facts, s.body))
        for table in report.tables:
            story += [Spacer(1, 2 * mm), Paragraph(escape(table.title), heading)]
            total = sum(c.width for c in table.columns)
            widths = [room * c.width / total for c in table.columns]
            story.append(RowsFlowable(table, widths, self.measure))
        story.append(Spacer(1, 3 * mm))
        story += [Paragraph(escape(f"注：{note}"), s.small) for note in report.notes]
        return story

    def write(self, report: Report, path: Path) -> None:
        """Write the report's PDF to ``path``."""
        Path(path).write_bytes(self.pdf_bytes(report))
