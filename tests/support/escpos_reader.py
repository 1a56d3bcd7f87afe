"""A small ESC/POS reader for tests, written from the command reference, not from the renderer.

`read_escpos` splits a byte stream into commands and text runs, and `printed_lines` replays
them to tell what each printed line holds and how wide it is. Anything the reader does not
know is an error, so a stray byte in the renderer's output fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, FS, GS, LF = 0x1B, 0x1C, 0x1D, 0x0A


class EscPosReadError(ValueError):
    """The stream has a byte sequence this reader does not understand."""


@dataclass(frozen=True)
class Command:
    """One command: its name as in the reference (`"ESC @"`, `"GS ( k"`) and parameter bytes."""

    name: str
    args: bytes = b""


@dataclass(frozen=True)
class Text:
    """A run of printable bytes; `four_byte` is true if it holds a GB18030 four-byte code,
    which a printer in Chinese mode would garble."""

    data: bytes
    four_byte: bool = False

    def decode(self, encoding: str = "gb18030") -> str:
        return self.data.decode(encoding)


@dataclass
class PrintedLine:
    """Bytes printed between two line feeds, with the size they were printed at."""

    data: bytes = b""
    double_width: bool = False
    align: int = 0
    images: list[Command] = field(default_factory=list)
    qr_printed: bool = False

    @property
    def columns(self) -> int:
        return len(self.data) * (2 if self.double_width else 1)

    def text(self, encoding: str = "gb18030") -> str:
        return self.data.decode(encoding)


Item = Command | Text

# Fixed parameter counts after the two-byte command.
_FIXED = {
    (ESC, ord("@")): ("ESC @", 0),
    (ESC, ord("a")): ("ESC a", 1),
    (ESC, ord("d")): ("ESC d", 1),
    (ESC, ord("p")): ("ESC p", 3),
    (ESC, ord("!")): ("ESC !", 1),
    (FS, ord("&")): ("FS &", 0),
    (FS, ord(".")): ("FS .", 0),
    (GS, ord("!")): ("GS !", 1),
}


def read_escpos(stream: bytes) -> list[Item]:
    """Split `stream` into commands, line feeds (Command "LF") and text runs.

    Raises:
        EscPosReadError: an unknown command or control byte, or a truncated command.
    """
    items: list[Item] = []
    pos = 0
    while pos < len(stream):
        byte = stream[pos]
        if byte == LF:
            items.append(Command("LF"))
            pos += 1
        elif byte in (ESC, FS, GS):
            command, pos = _command(stream, pos)
            items.append(command)
        elif byte < 0x20 or byte == 0x7F:
            raise EscPosReadError(f"control byte {byte:#04x} at {pos}")
        else:
            text, pos = _text(stream, pos)
            items.append(text)
    return items


def _command(stream: bytes, pos: int) -> tuple[Command, int]:
    key = tuple(stream[pos : pos + 2])
    if key in _FIXED:
        name, count = _FIXED[key]
        return Command(name, _take(stream, pos + 2, count)), pos + 2 + count
    if key == (GS, ord("V")):
        mode = _take(stream, pos + 2, 1)[0]
        count = 2 if mode in (65, 66, 97, 98, 103, 104) else 1
        return Command("GS V", _take(stream, pos + 2, count)), pos + 2 + count
    if key == (GS, ord("(")) and _take(stream, pos + 2, 1) == b"k":
        size = _take(stream, pos + 3, 2)
        length = size[0] + 256 * size[1]
        return Command("GS ( k", _take(stream, pos + 5, length)), pos + 5 + length
    if key == (GS, ord("v")) and _take(stream, pos + 2, 1) == b"0":
        header = _take(stream, pos + 3, 5)
        width_bytes = header[1] + 256 * header[2]
        height = header[3] + 256 * header[4]
        data = _take(stream, pos + 8, width_bytes * height)
        return Command("GS v 0", header + data), pos + 8 + width_bytes * height
    raise EscPosReadError(f"unknown command {bytes(key)!r} at {pos}")


def _text(stream: bytes, pos: int) -> tuple[Text, int]:
    """Printable bytes up to the next control byte; Chinese double-byte codes kept whole."""
    start, four_byte = pos, False
    while pos < len(stream) and stream[pos] >= 0x20 and stream[pos] != 0x7F:
        if 0x81 <= stream[pos] <= 0xFE:
            second = _take(stream, pos + 1, 1)[0]
            if 0x30 <= second <= 0x39:
                four_byte = True
                pos += 4
                continue
            pos += 2
            continue
        pos += 1
    return Text(stream[start:pos], four_byte), pos


def _take(stream: bytes, pos: int, count: int) -> bytes:
    if pos + count > len(stream):
        raise EscPosReadError(f"command truncated at {pos}")
    return stream[pos : pos + count]


def names(items: list[Item]) -> list[str]:
    """The command names in order, with each text run shown as "TEXT"."""
    return [item.name if isinstance(item, Command) else "TEXT" for item in items]


def qr_stored(items: list[Item]) -> list[bytes]:
    """Data stored for QR printing: `GS ( k` with cn=49 (0x31), fn=80 (0x50), m=48."""
    return [
        item.args[3:]
        for item in items
        if isinstance(item, Command) and item.name == "GS ( k" and item.args[:3] == b"\x31\x50\x30"
    ]


def printed_lines(items: list[Item]) -> list[PrintedLine]:
    """Replay the stream: one PrintedLine per line feed (and per bit image), tracking `GS !`
    width (bits 4-6 give the width multiplier) and `ESC a`. A trailing unterminated line is
    returned too if it holds anything."""
    lines: list[PrintedLine] = []
    current = PrintedLine()
    double, align = False, 0
    for item in items:
        if isinstance(item, Text):
            current.data += item.data
            current.double_width = current.double_width or double
        elif item.name == "GS !":
            double = (item.args[0] >> 4) & 0x07 > 0
        elif item.name == "ESC a":
            align = item.args[0] % 48
        elif item.name == "ESC @":
            double, align = False, 0
        elif item.name in ("LF", "GS v 0"):
            if item.name == "GS v 0":
                current.images.append(item)
            current.align = align
            lines.append(current)
            current = PrintedLine()
        elif item.name == "GS ( k" and item.args[:3] == b"\x31\x51\x30":
            current.qr_printed = True
    if current.data or current.images:
        lines.append(current)
    return lines


def image_size(command: Command) -> tuple[int, int]:
    """Width and height in dots of a `GS v 0` bit image."""
    header = command.args
    return (header[1] + 256 * header[2]) * 8, header[3] + 256 * header[4]
