"""The day close (日结) and the signed anchors it exports.

An accountant closes the books through a business date D once every shift that has entries
on or before D is closed and every collector has handed over the cash taken on or before D.
Afterwards nothing is booked to a closed day: an entry taken on a closed day (a late
correction, an offline collector's payment synced later) is booked to the first open day
and keeps the day it was taken as its value date (DESIGN.md §4). Days close in order: closing
D closes every earlier day not closed yet.

The close exports the counters' anchors (counter, last seq, chain head) signed with an
Ed25519 key held outside the database. The file is the JSON that
:func:`cashier.domain.chain.parse_anchors` reads, plus the signed fields: ``through``,
``closed_at``, ``public_key`` and ``signature`` (hex). The signature covers
:func:`anchors_message`: the canonical bytes of through, closed_at and the anchors.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.chain import Anchor, canonical_bytes, parse_anchors, utc_text
from cashier.domain.errors import UserError
from cashier.domain.money import format_yuan

ANCHORS_VERSION = 1
_HEX = re.compile(r"^[0-9a-f]+$")


class DayClosed(UserError):
    """The day is closed already, or cannot be closed (shifts open, cash not handed over)."""


def booking_date(taken: dt.date, closed_through: dt.date | None) -> dt.date:
    """The business date an entry taken on `taken` (Beijing date) is booked to: that day,
    or the day after the last closed day when `taken` is closed already."""
    if closed_through is None or taken > closed_through:
        return taken
    return closed_through + dt.timedelta(days=1)


@dataclass(frozen=True)
class OpenShift:
    """A shift that keeps a day from closing: where, whose, booked from which day."""

    counter: str
    receipt_no: str
    staff: str
    opened_on: dt.date


@dataclass(frozen=True)
class UnsettledCollector:
    """A collector still holding cash taken on or before the day being closed (fen)."""

    staff: str
    open_fen: int


@dataclass(frozen=True)
class DayBlockers:
    """Why the books cannot be closed through a day; empty when they can."""

    open_shifts: tuple[OpenShift, ...] = ()
    collectors: tuple[UnsettledCollector, ...] = ()

    @property
    def clear(self) -> bool:
        """True when nothing stands in the way."""
        return not self.open_shifts and not self.collectors

    def message(self) -> str:
        """The reasons in Chinese, one sentence each."""
        parts = [
            f"窗口 {s.counter} 的班次（{s.staff}，{s.receipt_no}）尚未结班"
            for s in self.open_shifts
        ]
        parts += [
            f"上门收费员 {c.staff} 尚有现金 {format_yuan(c.open_fen)} 未缴款"
            for c in self.collectors
        ]
        return "；".join(parts) + ("。" if parts else "")


def check_close_date(through: dt.date, closed_through: dt.date | None, today: dt.date) -> None:
    """Refuse a close of a day that is closed already or has not ended yet (DayClosed)."""
    if closed_through is not None and through <= closed_through:
        raise DayClosed(
            f"{through} 已日结（已结至 {closed_through}）。",
            f"{through} is closed already (closed through {closed_through})",
        )
    if through >= today:
        raise DayClosed(
            f"{through} 尚未结束，只能日结今天以前的日期。",
            f"{through} has not ended: only days before {today} can be closed",
        )


def anchors_message(through: dt.date, closed_at: dt.datetime, anchors: Sequence[Anchor]) -> bytes:
    """The bytes the day close signs: canonical JSON of the date, the time and the anchors."""
    return canonical_bytes(
        ANCHORS_VERSION,
        {
            "through": through,
            "closed_at": closed_at,
            "anchors": [[a.chain, a.seq, a.hash] for a in anchors],
        },
    )


@dataclass(frozen=True)
class SignedAnchors:
    """An exported anchors file: what was signed, with the public key and signature (hex)."""

    through: dt.date
    closed_at: dt.datetime
    anchors: tuple[Anchor, ...]
    public_key: str
    signature: str

    def message(self) -> bytes:
        """The signed bytes."""
        return anchors_message(self.through, self.closed_at, self.anchors)

    def to_json(self) -> str:
        """The file text: readable by `parse_anchors`, one anchor per line."""
        lines = [
            json.dumps({"chain": a.chain, "seq": a.seq, "hash": a.hash}, ensure_ascii=False)
            for a in self.anchors
        ]
        head = {
            "through": self.through.isoformat(),
            "closed_at": utc_text(self.closed_at),
            "public_key": self.public_key,
            "signature": self.signature,
        }
        fields = ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in head.items())
        return "{" + fields + ',\n"anchors": [\n' + ",\n".join(lines) + "\n]}\n"


def parse_signed_anchors(text: str) -> SignedAnchors | None:
    """The signed fields of an anchors file, or None when the file is not signed.

    Raises ValueError for a malformed file or malformed signed fields.
    """
    anchors = parse_anchors(text)
    data = json.loads(text)
    if "signature" not in data:
        return None
    try:
        through = dt.date.fromisoformat(data["through"])
        closed_at = dt.datetime.fromisoformat(data["closed_at"].replace("Z", "+00:00"))
        key, signature = data["public_key"], data["signature"]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ValueError(f"malformed signed anchors: {error}") from error
    for name, value in (("public_key", key), ("signature", signature)):
        if not isinstance(value, str) or not _HEX.match(value):
            raise ValueError(f"{name} must be lower-case hex")
    return SignedAnchors(through, closed_at, tuple(anchors), key, signature)
