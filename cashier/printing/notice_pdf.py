"""Arrears notices (催缴通知单) as PDF: A4 with two notices a page (cut along the dashed line),
or one notice a page on receipt paper (58 mm: 32 columns, 80 mm: 48) for a portable printer
that prints PDFs. The narrow pages draw the receipt printer's own lines on its grid of
columns (a two-byte character takes two), so they look as the printer would print them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from cashier.domain.arrears_notice import LATE_FEE_NOTE, TITLE, Notice, notice_lines
from cashier.domain.errors import UserError
from cashier.domain.money import format_yuan
from cashier.domain.textwidth import char_width
from cashier.printing.pdf import PdfFont, cjk_font

PAPER = {"58": (58 * mm, 48 * mm, 32), "80": (80 * mm, 72 * mm, 48)}
"""Receipt paper: (page width, printed width, columns)."""
SIZES = ("a4", "58", "80")
_MARGIN = 18 * mm
_LINE = 15.0


class NoticePdf:
    """Implements services.report_ports.NoticeWriter."""

    def __init__(self, font: PdfFont | None = None) -> None:
        self.font = font or cjk_font()

    def notices_pdf(self, notices: Sequence[Notice], *, size: str = "a4") -> bytes:
        """The notices as PDF bytes. Raises UserError for a size not in SIZES."""
        if size not in SIZES:
            raise UserError(f"纸张只能是 {'、'.join(SIZES)}。", f"size must be one of {SIZES}")
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, invariant=1)
        canvas.setTitle(TITLE)
        canvas.setCreator("cashier")
        if size == "a4":
            self._a4(canvas, notices)
        else:
            self._narrow(canvas, notices, *PAPER[size])
        canvas.save()
        return buffer.getvalue()

    def write_notices(self, notices: Sequence[Notice], path: Path, *, size: str) -> None:
        """Write the notices' PDF to ``path``."""
        Path(path).write_bytes(self.notices_pdf(notices, size=size))

    def _a4(self, canvas: Canvas, notices: Sequence[Notice]) -> None:
        width, height = A4
        half = height / 2
        for index, notice in enumerate(notices):
            top = height if index % 2 == 0 else half
            self._a4_notice(canvas, notice, top, width)
            if index % 2 == 0 and index + 1 < len(notices):
                canvas.setDash(4, 3)
                canvas.setStrokeColor(colors.HexColor("#999999"))
                canvas.line(10 * mm, half, width - 10 * mm, half)
                canvas.setDash()
            if index % 2 == 1 or index + 1 == len(notices):
                canvas.showPage()

    def _a4_notice(self, canvas: Canvas, notice: Notice, top: float, width: float) -> None:
        font = self.font.name
        y = top - _MARGIN
        canvas.setFillColor(colors.black)
        canvas.setFont(font, 13)
        canvas.drawCentredString(width / 2, y, notice.company)
        y -= 24
        canvas.setFont(font, 18)
        canvas.drawCentredString(width / 2, y, TITLE)
        y -= 28
        canvas.setFont(font, 11)
        y = self._para(canvas, notice.greeting, _MARGIN, y, width - 2 * _MARGIN, 11)
        y = self._para(canvas, "　　" + notice.body, _MARGIN, y, width - 2 * _MARGIN, 11)
        y -= 4
        for season, fen in (*notice.seasons, ("欠费合计", notice.total_fen)):
            canvas.drawString(_MARGIN + 20 * mm, y, season)
            canvas.drawRightString(width - _MARGIN - 20 * mm, y, format_yuan(fen))
            y -= _LINE
        room = width - 2 * _MARGIN
        y = self._para(canvas, f"大写：{notice.capital}", _MARGIN + 20 * mm, y, room, 11)
        canvas.setFont(font, 9.5)
        for text in (f"缴费方式：{notice.channels}", LATE_FEE_NOTE):
            y = self._para(canvas, text, _MARGIN, y - 2, width - 2 * _MARGIN, 9.5)
        canvas.drawString(_MARGIN, y - 4, f"24小时服务电话：{notice.service_phone}")
        canvas.drawRightString(width - _MARGIN, y - 4,
                               f"{notice.company}　{notice.on:%Y年%m月%d日}")  # fmt: skip

    def _para(self, canvas: Canvas, text: str, x: float, y: float, room: float, size: float):
        """Draw ``text`` wrapped to ``room`` points from (x, y); returns the next line's y."""
        line = ""
        for char in text:
            if canvas.stringWidth(line + char, self.font.name, size) > room:
                canvas.drawString(x, y, line)
                y -= _LINE
                line = ""
            line += char
        canvas.drawString(x, y, line)
        return y - _LINE

    def _narrow(self, canvas: Canvas, notices: Sequence[Notice], page: float, printed: float,
                columns: int) -> None:  # fmt: skip
        column = printed / columns
        left = (page - printed) / 2
        for notice in notices:
            lines = notice_lines(notice, columns)
            height = (len(lines) + sum(line.double for line in lines) + 4) * _LINE
            canvas.setPageSize((page, height))
            y = height - 2 * _LINE
            for line in lines:
                y = self._grid_line(canvas, line, left, y, column, columns)
            canvas.showPage()

    def _grid_line(self, canvas: Canvas, line, left: float, y: float, column: float,
                   columns: int) -> float:  # fmt: skip
        scale = 2 if line.double else 1
        size = column * 2 * scale * 0.92
        canvas.setFont(self.font.name, size)
        used = sum(char_width(c) for c in line.text) * scale
        x = left
        if line.align == "center":
            x += max(0, (columns - used) / 2) * column
        elif line.align == "right":
            x += max(0, columns - used) * column
        for char in line.text:
            cell = char_width(char) * column * scale
            canvas.drawCentredString(x + cell / 2, y, char)  # as a monospace printer does
            x += cell
        return y - _LINE * scale
