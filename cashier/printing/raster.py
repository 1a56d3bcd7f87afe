"""Bit images for ESC/POS `GS v 0`: QR codes drawn from the `qrcode` matrix, and text lines
the printer's font cannot print (drawn with a TrueType CJK font through Pillow).

Images are packed by hand, eight dots a byte, most significant bit leftmost, 1 = black, so
the bytes do not depend on Pillow's image conversions. Every image is as wide as the paper's
printable area and places its content itself (left, centred or right), so alignment does not
depend on whether a printer honours `ESC a` for images.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import qrcode
from qrcode.constants import ERROR_CORRECT_M

GS = b"\x1d"
TEXT_DOTS = 24
"""Height in dots of one line of the printer's 24-dot Chinese font."""

FONT_CANDIDATES = (
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)

Bitmap = list[list[bool]]


def qr_matrix(payload: str) -> Bitmap:
    """The QR code of `payload` (model 2, error correction M) as rows of modules, with the
    standard four-module quiet zone; True is a dark module."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=1, border=4)
    code.add_data(payload.encode("ascii"))
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def scale(bitmap: Bitmap, factor: int) -> Bitmap:
    """Each dot of `bitmap` as a `factor` x `factor` square."""
    rows = []
    for row in bitmap:
        wide = [dot for dot in row for _ in range(factor)]
        rows.extend(list(wide) for _ in range(factor))
    return rows


def place(bitmap: Bitmap, width_dots: int, align: str) -> Bitmap:
    """`bitmap` placed on rows `width_dots` wide: at the left, centred, or at the right.

    Raises:
        ValueError: the bitmap is wider than `width_dots`.
    """
    inner = len(bitmap[0]) if bitmap else 0
    if inner > width_dots:
        raise ValueError(f"image of {inner} dots does not fit in {width_dots}")
    spare = width_dots - inner
    left = {"left": 0, "center": spare // 2, "right": spare}[align]
    return [[False] * left + row + [False] * (spare - left) for row in bitmap]


def squeeze(bitmap: Bitmap, width_dots: int) -> Bitmap:
    """`bitmap` narrowed to `width_dots` by dropping columns evenly, if it is wider."""
    inner = len(bitmap[0]) if bitmap else 0
    if inner <= width_dots:
        return bitmap
    keep = [x * inner // width_dots for x in range(width_dots)]
    return [[row[x] for x in keep] for row in bitmap]


def raster_command(bitmap: Bitmap) -> bytes:
    """`GS v 0` (normal density) printing `bitmap`; its width is padded to whole bytes."""
    height = len(bitmap)
    width_bytes = (len(bitmap[0]) + 7) // 8 if bitmap else 0
    data = bytearray()
    for row in bitmap:
        padded = row + [False] * (width_bytes * 8 - len(row))
        for start in range(0, len(padded), 8):
            byte = 0
            for dot in padded[start : start + 8]:
                byte = (byte << 1) | dot
            data.append(byte)
    header = GS + b"v0\x00" + _le16(width_bytes) + _le16(height)
    return header + bytes(data)


def find_cjk_font(candidates: Sequence[str] = FONT_CANDIDATES) -> str | None:
    """The first TrueType CJK font found on this system, or None."""
    return next((path for path in candidates if os.path.isfile(path)), None)


def text_bitmap(text: str, font_path: str, *, double: bool = False) -> Bitmap:
    """`text` drawn in black with the TrueType font at `font_path`, 24 dots high (48 when
    double), cropped to its advance width.

    Raises:
        OSError: the font cannot be loaded.
    """
    from PIL import Image, ImageDraw, ImageFont

    size = TEXT_DOTS * (2 if double else 1)
    font = ImageFont.truetype(font_path, size)
    width = max(int(font.getlength(text)), 1)
    image = Image.new("L", (width, size), 255)
    ImageDraw.Draw(image).text((0, 0), text, font=font, fill=0)
    pixels = image.load()
    return [[pixels[x, y] < 128 for x in range(width)] for y in range(size)]


def _le16(value: int) -> bytes:
    return bytes((value & 0xFF, value >> 8 & 0xFF))
