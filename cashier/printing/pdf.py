"""A4 PDF documents with ReportLab: a Chinese font, styles, and pages with header and footer.

Fonts: a TrueType CJK font found on the system is embedded (subset), so the PDF shows and
copies the same characters everywhere: Windows SimHei, SimSun or Microsoft YaHei; Linux
WenQuanYi Micro/Zen Hei or Droid Sans Fallback; ``CASHIER_PDF_FONT`` may name another
.ttf/.ttc. Noto/Source Han OTF fonts (CFF outlines) do not load in ReportLab and are not
tried. Without any of them the built-in STSong-Light CID font is used (not embedded; readers
substitute a Song font).

Every page has the company and the document title at the top and, at the bottom, the
company's service telephone and 第 N 页 / 共 M 页. ``invariant=1`` makes the same input give
the same bytes (no creation date or random document id), so documents can be compared.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

log = logging.getLogger(__name__)

FONT_ENV = "CASHIER_PDF_FONT"
FALLBACK_FONT = "STSong-Light"
_WINDOWS_FONTS = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
FONT_CANDIDATES: tuple[Path, ...] = (
    _WINDOWS_FONTS / "simhei.ttf",
    _WINDOWS_FONTS / "simsun.ttc",
    _WINDOWS_FONTS / "msyh.ttc",
    _WINDOWS_FONTS / "msyh.ttf",
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf"),
    Path("/System/Library/Fonts/STHeiti Light.ttc"),
)
"""Where the CJK TrueType fonts live on Windows, common Linux distributions and macOS."""

MARGIN = 18 * mm
HEADER_GAP = 10 * mm


@dataclass(frozen=True)
class PdfFont:
    """The font registered for documents: its ReportLab name and the file (None: CID)."""

    name: str
    path: Path | None

    @property
    def embedded(self) -> bool:
        """True for a TrueType font embedded in the PDF."""
        return self.path is not None


_registered: dict[tuple[str, ...], PdfFont] = {}


def cjk_font(candidates: Sequence[Path] | None = None) -> PdfFont:
    """Register (once) and return the first loadable CJK TrueType font among ``candidates``
    (default: ``CASHIER_PDF_FONT``, then FONT_CANDIDATES), else the STSong-Light CID font."""
    paths = list(candidates if candidates is not None else _default_candidates())
    key = tuple(str(path) for path in paths)
    if key not in _registered:
        _registered[key] = _register(paths)
    return _registered[key]


def _default_candidates() -> list[Path]:
    chosen = os.environ.get(FONT_ENV, "").strip()
    return ([Path(chosen)] if chosen else []) + list(FONT_CANDIDATES)


def _register(paths: Iterable[Path]) -> PdfFont:
    for path in paths:
        if not path.is_file():
            continue
        name = f"CJK-{path.stem}"
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except (TTFError, OSError, ValueError) as error:
            log.info("PDF font %s not usable: %s", path, error)
            continue
        pdfmetrics.registerFont(font)
        return PdfFont(name, path)
    log.warning("No CJK TrueType font found; PDFs use the non-embedded %s", FALLBACK_FONT)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return PdfFont(FALLBACK_FONT, None)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles in one font: title, body, small print, table cells."""

    title: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    number: ParagraphStyle
    heading: ParagraphStyle


def styles(font: PdfFont) -> Styles:
    """The document styles set in ``font`` (CJK text wraps between any two characters)."""
    base = ParagraphStyle("body", fontName=font.name, fontSize=10.5, leading=15, wordWrap="CJK")
    return Styles(
        title=ParagraphStyle(
            "title", parent=base, fontSize=18, leading=24, alignment=TA_CENTER, spaceAfter=4 * mm
        ),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        cell=ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12.5),
        number=ParagraphStyle(
            "number", parent=base, fontSize=9.5, leading=12.5, alignment=TA_RIGHT
        ),
        heading=ParagraphStyle(
            "heading", parent=base, fontSize=12, leading=17, spaceBefore=3 * mm, spaceAfter=1.5 * mm
        ),
    )


@dataclass(frozen=True)
class Letter:
    """What every page repeats: company, document title, service telephone."""

    company: str
    title: str
    service_phone: str = ""


def _numbered_canvas(letter: Letter, font: PdfFont) -> type[Canvas]:
    """A canvas class that draws header and footer once the page count is known."""

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
                _decorate(self, letter, font, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _decorate(canvas: Canvas, letter: Letter, font: PdfFont, number: int, total: int) -> None:
    width, height = A4
    canvas.saveState()
    canvas.setFont(font.name, 9)
    canvas.setFillColor(colors.HexColor("#444444"))
    canvas.drawString(MARGIN, height - MARGIN + 4 * mm, letter.company)
    canvas.drawRightString(width - MARGIN, height - MARGIN + 4 * mm, letter.title)
    canvas.setStrokeColor(colors.HexColor("#999999"))
    canvas.line(MARGIN, height - MARGIN + 2.5 * mm, width - MARGIN, height - MARGIN + 2.5 * mm)
    canvas.line(MARGIN, MARGIN - 3 * mm, width - MARGIN, MARGIN - 3 * mm)
    if letter.service_phone:
        canvas.drawString(MARGIN, MARGIN - 8 * mm, f"24小时服务电话：{letter.service_phone}")
    canvas.drawRightString(width - MARGIN, MARGIN - 8 * mm, f"第 {number} 页 / 共 {total} 页")
    canvas.restoreState()


def build_pdf(story: list[Flowable], letter: Letter, font: PdfFont) -> bytes:
    """Lay ``story`` out on A4 pages with the letter's header and footer; the PDF bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_GAP / 2,
        bottomMargin=MARGIN + HEADER_GAP / 2,
        title=letter.title,
        author=letter.company,
        creator="cashier",
        invariant=1,
    )
    document.build(story, canvasmaker=_numbered_canvas(letter, font))
    return buffer.getvalue()


def text_width() -> float:
    """The width between the margins, in points."""
    return A4[0] - 2 * MARGIN


def grid_table(rows: list[list], widths: Sequence[float], font: PdfFont, *, header: bool) -> Table:
    """A table with thin grid lines; the first row shaded when ``header``."""
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), font.name),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    table.setStyle(TableStyle(commands))
    return table
