"""A signature made on screen (客户签字, 测温员签字): the picture and the strokes it was drawn with.

The picture (PNG) is what people look at; the strokes (points with pressure and time) are
kept as evidence of how it was written. Both are bound to the record they sign through
:meth:`Signature.digest`, which the record's hash chain covers.

Points are integers so the stroke data serialises exactly: ``(x, y, pressure, t)`` with x
and y in tenths of a pixel of the pad, pressure 0-1000 (1000 = full pressure; a mouse gives
500) and t in milliseconds since the first point of the signature.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.errors import UserError

Point = tuple[int, int, int, int]
"""(x, y, pressure, t): tenths of a pixel, 0-1000, milliseconds since the first point."""

Stroke = tuple[Point, ...]

MAX_PRESSURE = 1000
MIN_POINTS = 2
"""A signature needs at least one stroke with this many points (a dot is not a signature)."""

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class SignatureMissing(UserError):
    """A record that must be signed was given no signature, or an empty one."""


@dataclass(frozen=True)
class Signature:
    """An on-screen signature: PNG bytes, the strokes, and the pad size in pixels."""

    png: bytes
    strokes: tuple[Stroke, ...]
    width: int
    height: int

    def __post_init__(self) -> None:
        if not self.png.startswith(PNG_MAGIC):
            raise ValueError("signature picture is not a PNG")
        if self.width <= 0 or self.height <= 0:
            raise ValueError("signature pad size must be positive")
        for stroke in self.strokes:
            for point in stroke:
                _check_point(point)

    @property
    def blank(self) -> bool:
        """True when no stroke has enough points to count as writing."""
        return not any(len(stroke) >= MIN_POINTS for stroke in self.strokes)

    def strokes_json(self) -> str:
        """The strokes as compact JSON (a list of strokes, each a list of [x, y, p, t])."""
        return strokes_to_json(self.strokes)

    def digest(self) -> str:
        """SHA-256 (hex) over the PNG bytes and the stroke JSON: what a record's chain covers."""
        return signature_digest(self.png, self.strokes_json())


def _check_point(point: Sequence[int]) -> None:
    if len(point) != 4 or not all(type(value) is int for value in point):
        raise ValueError(f"a stroke point is four integers, not {point!r}")
    if not 0 <= point[2] <= MAX_PRESSURE or point[3] < 0:
        raise ValueError(f"pressure must be 0-{MAX_PRESSURE} and time >= 0: {point!r}")


def strokes_to_json(strokes: Sequence[Stroke]) -> str:
    """Strokes as compact JSON text."""
    return json.dumps([[list(p) for p in s] for s in strokes], separators=(",", ":"))


def strokes_from_json(text: str) -> tuple[Stroke, ...]:
    """Strokes read back from :func:`strokes_to_json`; raises ValueError on malformed text."""
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("strokes must be a list")
    strokes = tuple(tuple(tuple(point) for point in stroke) for stroke in data)
    for stroke in strokes:
        for point in stroke:
            _check_point(point)
    return strokes


def signature_digest(png: bytes, strokes_json: str) -> str:
    """SHA-256 (hex) over the PNG bytes, a zero byte, and the UTF-8 stroke JSON."""
    return hashlib.sha256(png + b"\x00" + strokes_json.encode("utf-8")).hexdigest()


def require_signature(signature: Signature | None, who_zh: str, who_en: str) -> Signature:
    """The signature, or SignatureMissing naming who must sign when it is absent or blank."""
    if signature is None or signature.blank:
        raise SignatureMissing(f"缺少{who_zh}签字。", f"the {who_en} has not signed")
    return signature
