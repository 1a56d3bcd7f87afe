"""The on-screen receipt: the same lines as the paper, on a grid of printer columns.

Screen fonts do not make a Chinese character exactly two Latin characters wide, so the
preview does not trust a "monospace" font: it places every character itself, in as many
columns as the printer gives it (its GB18030 byte length, domain/textwidth.py). Amounts padded
by the domain with spaces therefore line up as on paper. Double-size lines are drawn twice as
wide and high, and the QR code is drawn from the same matrix the printer's raster fallback
uses.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from cashier.domain.receipt import ReceiptData, ReceiptLine, preview_text
from cashier.domain.textwidth import char_width
from cashier.printing.raster import qr_matrix
from cashier.services.receipts import receipt_lines

MARGIN = 14
FONT_SCALE = 1.15
QR_SHARE = 0.55
"""The QR code takes about this share of the paper's width (as on the printed receipt)."""

PAPER = QColor("#ffffff")
INK = QColor("#1a1a1a")
EDGE = QColor("#b8b8b8")


def preview_font() -> QFont:
    """A fixed-pitch font for the Latin part; Chinese falls back to a CJK font (the grid
    keeps the columns whatever the fallback's width)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
    return font


class ReceiptPreview(QWidget):
    """Paints a receipt laid out for `columns` printer columns (32 on 58 mm, 48 on 80 mm)."""

    def __init__(self, columns: int = 32, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self._columns = columns
        self._lines: list[ReceiptLine] = []
        self._receipt: ReceiptData | None = None
        self.setFont(preview_font())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def columns(self) -> int:
        """Printer columns of the paper shown."""
        return self._columns

    @property
    def receipt(self) -> ReceiptData | None:
        """The receipt shown, or None."""
        return self._receipt

    def show_receipt(self, receipt: ReceiptData | None) -> None:
        """Lay `receipt` out for the paper and show it (None: a blank preview)."""
        self._receipt = receipt
        self._lines = [] if receipt is None else receipt_lines(receipt, self._columns)
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def lines(self) -> list[ReceiptLine]:
        """The printed lines shown, in order."""
        return list(self._lines)

    def text(self) -> str:
        """The preview as plain text (QR shown as a placeholder), e.g. for copying or tests."""
        return preview_text(self._lines, self._columns, qr_placeholder="[二维码]")

    def _cell(self) -> tuple[int, int]:
        metrics = QFontMetrics(self.font())
        cell = max(metrics.horizontalAdvance("0"), math.ceil(metrics.horizontalAdvance("中") / 2))
        return cell, metrics.height() + 2

    def _qr_size(self, payload: str, paper_width: int) -> tuple[list[list[bool]], int]:
        matrix = qr_matrix(payload)
        module = max(2, int(paper_width * QR_SHARE / len(matrix)))
        return matrix, module

    def sizeHint(self) -> QSize:
        cell, height = self._cell()
        width = self._columns * cell
        total = 0
        for line in self._lines:
            if line.kind == "qr":
                matrix, module = self._qr_size(line.text, width)
                total += len(matrix) * module
            else:
                total += height * (2 if line.double else 1)
        return QSize(width + 2 * MARGIN, total + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        painter.setPen(EDGE)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        cell, height = self._cell()
        y = MARGIN
        for line in self._lines:
            if line.kind == "qr":
                y += self._paint_qr(painter, line.text, y, cell)
            else:
                y += self._paint_text(painter, line, y, cell, height)
        painter.end()

    def _paint_text(
        self, painter: QPainter, line: ReceiptLine, y: int, cell: int, height: int
    ) -> int:
        scale = 2 if line.double else 1
        font = QFont(self.font())
        if line.double:
            font.setPointSizeF(font.pointSizeF() * 2)
            font.setBold(True)
        painter.setFont(font)
        painter.setPen(INK)
        metrics = QFontMetrics(font)
        spare = max(self._columns - line.columns, 0)
        lead = {"left": 0, "center": spare // 2, "right": spare}[line.align]
        column = lead
        for char in line.text:
            width = char_width(char) * scale
            if char != " ":
                box = QRect(MARGIN + column * cell, y, width * cell, height * scale)
                advance = metrics.horizontalAdvance(char)
                if advance > box.width():
                    box.setWidth(advance)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, char)
            column += width
        return height * scale

    def _paint_qr(self, painter: QPainter, payload: str, y: int, cell: int) -> int:
        paper_width = self._columns * cell
        matrix, module = self._qr_size(payload, paper_width)
        left = MARGIN + (paper_width - len(matrix) * module) // 2
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(left + c * module, y + r * module, module, module, INK)
        return len(matrix) * module
