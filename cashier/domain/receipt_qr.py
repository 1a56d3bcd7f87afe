"""The payload of the QR code printed on a receipt, and its parser for the receipt check.

Format, version 1 (ASCII, fields separated by ``|``)::

    HR1|A01-00000123|197032|20251120|3f2a9c0d5e7b1a46

1. ``HR1``: heat-fee receipt, payload format version 1. A later format changes the number;
   the parser refuses versions it does not know instead of guessing.
2. The receipt number: counter code, ``-``, eight-digit sequence.
3. The amount paid in fen as a decimal integer; negative (``-197032``) on a refund or void
   slip. No leading zeros, no separators.
4. The date printed on the receipt, ``YYYYMMDD``.
5. The first 16 hex digits (64 bits) of the journal entry's SHA-256 hash, lowercase.

The receipt check looks the entry up by receipt number and compares amount, date and hash
prefix with the journal. Keyboard-wedge scanners may change letter case (caps lock), so the
parser accepts the version and the hash in either case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from cashier.domain.errors import UserError

QR_FORMAT = "HR1"
HASH_PREFIX_DIGITS = 16

_RECEIPT_NO = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,23}-[0-9]{8}")
_AMOUNT = re.compile(r"0|-?[1-9][0-9]{0,17}")
_DATE = re.compile(r"[0-9]{8}")
_HASH = re.compile(r"[0-9a-fA-F]{16}")


class QrPayloadError(UserError):
    """A scanned code is not a receipt code of this application (or of a known version)."""


@dataclass(frozen=True)
class QrPayload:
    """The fields of a receipt QR code: receipt number, amount in fen, date, hash prefix."""

    receipt_no: str
    amount_fen: int
    on: date
    hash_prefix: str


def qr_payload(receipt_no: str, amount_fen: int, on: date, hash_hex: str) -> str:
    """The QR payload for a receipt, in format version 1 (see the module docstring).

    `amount_fen` is the amount paid in fen (negative on a refund or void slip); `hash_hex`
    is the journal entry's hash in hex, of which the first 16 digits are kept.

    Raises:
        ValueError: a malformed receipt number, a non-int amount, or fewer than 16 hex digits.
    """
    if not _RECEIPT_NO.fullmatch(receipt_no):
        raise ValueError(f"not a receipt number: {receipt_no!r}")
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool):
        raise ValueError(f"amount in fen must be an int: {amount_fen!r}")
    if isinstance(on, datetime):
        on = on.date()
    prefix = hash_hex[:HASH_PREFIX_DIGITS]
    if not _HASH.fullmatch(prefix):
        raise ValueError(f"need at least {HASH_PREFIX_DIGITS} hex digits of the hash")
    day = f"{on.year:04d}{on.month:02d}{on.day:02d}"
    return "|".join((QR_FORMAT, receipt_no, str(amount_fen), day, prefix.lower()))


def parse_qr_payload(text: str) -> QrPayload:
    """Read a scanned receipt QR code back into its fields.

    Surrounding whitespace (a scanner's Enter) is ignored.

    Raises:
        QrPayloadError: not a receipt code of this application, or of an unknown version.
    """
    fields = text.strip().split("|")
    if not fields[0].upper().startswith("HR") or len(fields) < 2:
        raise _not_ours(text)
    if fields[0].upper() != QR_FORMAT:
        raise QrPayloadError(
            f"收据二维码版本不受支持：{fields[0]}",
            f"Unsupported receipt QR code version: {fields[0]}",
        )
    if len(fields) != 5:
        raise _not_ours(text)
    receipt_no, amount, day, prefix = fields[1:]
    if not (
        _RECEIPT_NO.fullmatch(receipt_no)
        and _AMOUNT.fullmatch(amount)
        and _DATE.fullmatch(day)
        and _HASH.fullmatch(prefix)
    ):
        raise _not_ours(text)
    try:
        on = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError as error:
        raise _not_ours(text) from error
    return QrPayload(receipt_no, int(amount), on, prefix.lower())


def _not_ours(text: str) -> QrPayloadError:
    shown = text.strip()[:40]
    return QrPayloadError(
        f"这不是本系统的收据二维码：{shown}", f"Not a receipt QR code of this application: {shown}"
    )
