"""Width of text on a Chinese ESC/POS printer, and wrapping to a paper width.

In Chinese mode a receipt printer prints each character in as many columns as its GB18030
encoding has bytes: ASCII takes one column, every two-byte character takes two, including
full-width punctuation and symbols such as `：（）￥×㎡℃—、` that Unicode calls "ambiguous"
width. Characters that need four bytes (rare name characters, emoji) are not in the
printer's font at all; callers must print them as an image or warn the cashier.
"""

from __future__ import annotations

ENCODING = "gb18030"


def char_width(char: str) -> int:
    """Columns one character takes on paper: its GB18030 byte length (1, 2 or 4).

    Raises:
        ValueError: `char` is not a single character, or cannot be encoded (a lone surrogate).
    """
    if len(char) != 1:
        raise ValueError(f"expected one character, got {char!r}")
    try:
        return len(char.encode(ENCODING))
    except UnicodeEncodeError as error:
        raise ValueError(f"character {char!r} cannot be encoded in GB18030") from error


def gb_width(text: str) -> int:
    """Columns `text` takes on paper in Chinese mode: its GB18030 byte length.

    Raises:
        ValueError: `text` contains a character GB18030 cannot encode (a lone surrogate).
    """
    try:
        return len(text.encode(ENCODING))
    except UnicodeEncodeError as error:
        raise ValueError(f"text {text!r} cannot be encoded in GB18030") from error


def needs_four_bytes(text: str) -> bool:
    """Whether `text` has a character outside the printer's font (four bytes in GB18030).

    Those are the rare characters (生僻字) of the supplementary planes and extension A, and
    emoji. A line for which this is true must be printed as an image, or the cashier warned.
    """
    return any(char_width(char) == 4 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """Split `text` into lines of at most `width` columns, never splitting a character.

    The lines joined together give back `text` exactly; an empty text gives one empty line.

    Raises:
        ValueError: `width` is smaller than the widest character of `text` (or below 1).
    """
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for char in text:
        columns = char_width(char)
        if columns > width:
            raise ValueError(f"character {char!r} is wider than {width} columns")
        if used + columns > width:
            lines.append("".join(current))
            current, used = [], 0
        current.append(char)
        used += columns
    lines.append("".join(current))
    return lines


def pad_between(left: str, right: str, width: int) -> str:
    """`left` and `right` on one line of exactly `width` columns, spaces in between.

    Used for a label on the left and a right-aligned amount. At least one space separates
    them when both are non-empty.

    Raises:
        ValueError: the two do not fit on one line of `width` columns.
    """
    gap = width - gb_width(left) - gb_width(right)
    minimum = 1 if left and right else 0
    if gap < minimum:
        raise ValueError(f"{left!r} and {right!r} do not fit in {width} columns")
    return left + " " * gap + right


def fits_between(left: str, right: str, width: int) -> bool:
    """Whether `pad_between(left, right, width)` would succeed."""
    minimum = 1 if left and right else 0
    return gb_width(left) + gb_width(right) + minimum <= width
