"""The receipt printer port's implementation: lay-out lines -> ESC/POS bytes -> printer URI.

The counter's settings name the printer (`printer_uri`, see printing/connections.py) and its
profile (`printer_profile`): the paper width first, then optional flags separated by commas:

    58                      58 mm paper, cutter, native QR, GB18030, drawer
    80,nocut                80 mm without a cutter
    58,nocut,rasterqr,gbk,nodrawer   a portable printer: no cutter, QR as an image, GBK, no drawer
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.receipt import ReceiptLine
from cashier.printing.connections import PrinterError, open_printer
from cashier.printing.escpos import PrinterProfile, render_receipt
from cashier.printing.raster import find_cjk_font

FLAGS = {
    "nocut": ("cutter", False),
    "rasterqr": ("native_qr", False),
    "gbk": ("encoding", "gbk"),
    "nodrawer": ("drawer", False),
}


def parse_profile(text: str) -> PrinterProfile:
    """A printer profile from its settings text (module docstring).

    Raises PrinterError for an unknown paper width or flag.
    """
    tokens = [token.strip().lower() for token in (text or "80").split(",") if token.strip()]
    paper = tokens[0] if tokens else "80"
    if paper not in ("58", "80"):
        raise PrinterError(
            f"打印机纸宽应为 58 或 80，而不是“{paper}”。", f"paper must be 58 or 80, not {paper!r}"
        )
    options: dict[str, object] = {"paper": int(paper)}
    for token in tokens[1:]:
        if token not in FLAGS:
            raise PrinterError(
                f"未知的打印机选项“{token}”（可用：{'、'.join(FLAGS)}）。",
                f"unknown printer option {token!r}",
            )
        key, value = FLAGS[token]
        options[key] = value
    return PrinterProfile(**options)  # type: ignore[arg-type]


@dataclass
class EscPosReceiptPrinter:
    """Prints laid-out receipt lines on the printer at `uri` with `profile`.

    Each print opens the connection, writes one ESC/POS job and closes it, so a printer
    switched off between receipts is simply reopened next time.
    """

    uri: str
    profile: PrinterProfile
    font_path: str | None = None

    @property
    def width_cols(self) -> int:
        """Columns of the paper: 32 (58 mm) or 48 (80 mm)."""
        return self.profile.width_cols

    def print_lines(self, lines: Sequence[ReceiptLine], *, open_drawer: bool) -> None:
        """Render and send one receipt; raises PrinterError when the printer fails."""
        data = render_receipt(
            lines, self.profile, open_drawer=open_drawer, font_path=self.font_path
        )
        with open_printer(self.uri) as connection:
            connection.write(data)


def make_receipt_printer(uri: str, profile: str) -> EscPosReceiptPrinter | None:
    """The counter's receipt printer from its settings; None when no URI is set.

    Raises PrinterError for a malformed profile.
    """
    if not uri.strip():
        return None
    return EscPosReceiptPrinter(uri.strip(), parse_profile(profile), find_cjk_font())
