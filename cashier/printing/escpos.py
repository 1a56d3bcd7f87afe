"""ESC/POS bytes for a laid-out receipt, per printer profile.

The stream is: `ESC @` (initialise), `FS &` (Chinese character mode), then each line with
`ESC a` (alignment) and `GS !` (size) where they change, its text encoded here in GB18030 or
GBK (python-escpos' automatic encoder mangles mixed Chinese and symbols), the QR code with
`GS ( k` or as a `GS v 0` bit image, a feed, `GS V` (cut) when the printer has a cutter, and
`ESC p` (drawer kick) last, only when asked. Text that the printer font cannot print (four
bytes in GB18030, or outside GBK on a GBK printer) is drawn as an image when a CJK TrueType
font is available; otherwise those characters print as □ and a warning is logged, so no
byte the printer would garble is ever sent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from cashier.domain.receipt import PAPER_COLUMNS, ReceiptLine
from cashier.domain.textwidth import char_width
from cashier.printing import raster

logger = logging.getLogger(__name__)

ESC, FS, GS, LF = b"\x1b", b"\x1c", b"\x1d", b"\n"
INITIALISE = ESC + b"@"
CHINESE_MODE = FS + b"&"
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
SIZE_NORMAL = GS + b"!\x00"
SIZE_DOUBLE = GS + b"!\x11"
FEED = ESC + b"d\x04"
CUT = GS + b"V\x42\x00"
"""Feed to the cutting position and cut partially (GS V 66 0)."""
DRAWER_KICK = ESC + b"p\x00\x19\xfa"
"""Pulse drawer pin 2 for 50 ms on, 500 ms off."""
QR_EC_LEVEL_M = 0x31
MISSING_GLYPH = "□"

DOTS = {58: 384, 80: 576}
"""Printable width in dots (203 dpi; 12 dots per column)."""
QR_MODULE_DOTS = {58: 6, 80: 8}


@dataclass(frozen=True)
class PrinterProfile:
    """A counter's receipt printer: paper width in mm (58 or 80), whether it has a cutter,
    prints QR codes natively (`GS ( k`), its Chinese encoding, and a cash drawer."""

    paper: Literal[58, 80] = 80
    cutter: bool = True
    native_qr: bool = True
    encoding: Literal["gb18030", "gbk"] = "gb18030"
    drawer: bool = True

    def __post_init__(self) -> None:
        if self.paper not in PAPER_COLUMNS:
            raise ValueError(f"paper must be 58 or 80 mm, not {self.paper!r}")
        if self.encoding not in ("gb18030", "gbk"):
            raise ValueError(f"encoding must be gb18030 or gbk, not {self.encoding!r}")

    @property
    def width_cols(self) -> int:
        """Columns of normal-size text: 32 on 58 mm, 48 on 80 mm."""
        return PAPER_COLUMNS[self.paper]

    @property
    def width_dots(self) -> int:
        """Printable width in dots."""
        return DOTS[self.paper]


def render_receipt(
    lines: Iterable[ReceiptLine],
    profile: PrinterProfile,
    *,
    open_drawer: bool,
    font_path: str | None = None,
) -> bytes:
    """The ESC/POS bytes printing `lines` on a printer of `profile`.

    `open_drawer` adds the drawer kick at the very end (after a committed cash payment); it
    is ignored when the profile has no drawer. `font_path` is a TrueType CJK font used to
    draw lines the printer font cannot print (see `raster.find_cjk_font`).

    Raises:
        ValueError: a line is wider than the paper (double size counts double).
    """
    out = bytearray(INITIALISE + CHINESE_MODE)
    state = _State()
    for line in lines:
        if line.columns > profile.width_cols:
            raise ValueError(f"line wider than {profile.width_cols} columns: {line.text!r}")
        out += state.switch(line.align, line.double and line.kind == "text")
        out += _line_bytes(line, profile, font_path)
    out += state.switch("left", False) + FEED
    if profile.cutter:
        out += CUT
    if open_drawer and profile.drawer:
        out += DRAWER_KICK
    return bytes(out)


def unprintable_lines(lines: Iterable[ReceiptLine], profile: PrinterProfile) -> list[ReceiptLine]:
    """Text lines with characters the printer's font lacks, to warn the cashier about
    before printing (they print as images, or as □ when no CJK font is available)."""
    return [line for line in lines if line.kind != "qr" and _encode(line.text, profile) is None]


def native_qr_command(payload: str, module_dots: int) -> bytes:
    """`GS ( k` functions 165, 167, 169, 180, 181: model 2, module size, level M, store the
    payload, print it."""
    data = payload.encode("ascii")
    store_length = len(data) + 3
    return b"".join(
        (
            GS + b"(k\x04\x00\x31\x41\x32\x00",
            GS + b"(k\x03\x00\x31\x43" + bytes((module_dots,)),
            GS + b"(k\x03\x00\x31\x45" + bytes((QR_EC_LEVEL_M,)),
            GS + b"(k" + bytes((store_length & 0xFF, store_length >> 8)) + b"\x31\x50\x30" + data,
            GS + b"(k\x03\x00\x31\x51\x30",
        )
    )


class _State:
    """Alignment and size currently set on the printer, to send commands only on change."""

    def __init__(self) -> None:
        self.align, self.double = "left", False

    def switch(self, align: str, double: bool) -> bytes:
        out = b""
        if align != self.align:
            out += ALIGN[align]
        if double != self.double:
            out += SIZE_DOUBLE if double else SIZE_NORMAL
        self.align, self.double = align, double
        return out


def _line_bytes(line: ReceiptLine, profile: PrinterProfile, font_path: str | None) -> bytes:
    if line.kind == "qr":
        return _qr_bytes(line.text, profile)
    encoded = _encode(line.text, profile)
    if encoded is not None:
        return encoded + LF
    if font_path is not None:
        try:
            return _text_image(line, profile, font_path)
        except OSError:
            logger.exception("cannot draw receipt line with font %s", font_path)
    logger.warning("receipt line has characters the printer cannot print: %r", line.text)
    return _encode_replacing(line.text, profile) + LF


def _qr_bytes(payload: str, profile: PrinterProfile) -> bytes:
    module = QR_MODULE_DOTS[profile.paper]
    if profile.native_qr:
        return native_qr_command(payload, module) + LF
    bitmap = raster.scale(raster.qr_matrix(payload), module)
    return raster.raster_command(raster.place(bitmap, profile.width_dots, "center"))


def _text_image(line: ReceiptLine, profile: PrinterProfile, font_path: str) -> bytes:
    bitmap = raster.text_bitmap(line.text, font_path, double=line.double)
    bitmap = raster.squeeze(bitmap, profile.width_dots)
    return raster.raster_command(raster.place(bitmap, profile.width_dots, line.align))


def _safe_char(char: str) -> str:
    """A control character would be a printer command: it prints as a space instead."""
    return " " if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 else char


def _encode(text: str, profile: PrinterProfile) -> bytes | None:
    """`text` in the profile's encoding, or None if the printer font lacks a character."""
    safe = "".join(_safe_char(char) for char in text)
    if any(char_width(char) > 2 for char in safe):
        return None
    try:
        return safe.encode(profile.encoding)
    except UnicodeEncodeError:
        return None


def _encode_replacing(text: str, profile: PrinterProfile) -> bytes:
    """`text` encoded with every character the printer lacks printed as □."""
    out = bytearray()
    for char in text:
        encoded = _encode(char, profile)
        out += encoded if encoded is not None else MISSING_GLYPH.encode(profile.encoding)
    return bytes(out)
