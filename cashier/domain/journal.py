"""The counter journal (DESIGN.md §4): append-only, numbered and hash-chained per counter.

Every payment, void, refund, shift open and shift close a counter makes is one
:class:`JournalEntry`. Each counter (a service-hall window, a collector's laptop, the agent
collection import) numbers its entries 1, 2, 3 ... without gaps; the receipt number is the
counter code and that number, ``A01-00000123``. Nothing depends on database sequences, so an
offline device can number its own entries and sync them later (its UUIDs make a re-sync
harmless).

The hash of an entry is :func:`cashier.domain.chain.chain_hash` over the previous entry's hash
and :meth:`JournalEntry.payload`: the canonical serialisation (version ``JOURNAL_VERSION``) of
every stored field but the hashes. ``body`` is the canonical JSON of the details (lines,
method parts, cash, reason, approver) and is hashed as the exact text stored.

Amounts are fen. ``amount_fen`` is money that moved (collected, or paid out when negative);
``applied_fen`` is the effect on the account's ledger (a payment settles ``applied_fen``; the
two differ by the cash rounding). ``value_date`` is the day the household paid (the ledger
date); ``business_date`` the day the entry is booked to.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from cashier.domain.chain import GENESIS_HASH, canonical_bytes, chain_hash, utc_text
from cashier.domain.fees import BillLine, DatedLine
from cashier.domain.ledger import OpenItem
from cashier.domain.tender import TenderPart

JOURNAL_VERSION = 1
"""Layout version of new entries' payloads; verifying uses each entry's own version."""

PAYMENT, VOID, REFUND, SHIFT_OPEN, SHIFT_CLOSE = (
    "payment",
    "void",
    "refund",
    "shift_open",
    "shift_close",
)
REPAIR_PAYMENT, REPAIR_REFUND = "repair_payment", "repair_refund"
"""A paid repair bill's payment and its refund (services/repair_payments.py): money of the
counter's shift, but not of the account's heat-fee ledger."""
HANDOVER = "handover"
"""A collector's cash handed over at this counter (缴款, services/handover.py): cash into the
receiving counter's keeping, not money of any account."""

KIND_LABELS: dict[str, str] = {
    PAYMENT: "收费",
    VOID: "作废",
    REFUND: "退费",
    SHIFT_OPEN: "开班",
    SHIFT_CLOSE: "结班",
    REPAIR_PAYMENT: "维修收费",
    REPAIR_REFUND: "维修退费",
    HANDOVER: "缴款",
}
"""Entry kinds and their Chinese names."""

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
"""Beijing time: business dates and printed times (China has no daylight saving)."""

AGENT_COUNTER = "AGENT"
"""The journal of payments imported from bank/agent collection files."""

SEQ_DIGITS = 8
_COUNTER = re.compile(r"[0-9A-Za-z][0-9A-Za-z_]{0,15}")
_RECEIPT = re.compile(r"([0-9A-Za-z][0-9A-Za-z_]{0,15})-([0-9]{8,})")


def check_counter_code(code: str) -> str:
    """The counter code if it is 1-16 letters, digits or '_' (starting with a letter or digit).

    Raises ValueError otherwise.
    """
    if not isinstance(code, str) or not _COUNTER.fullmatch(code):
        raise ValueError(f"not a counter code: {code!r}")
    return code


def receipt_number(counter: str, seq: int) -> str:
    """The receipt number of entry ``seq`` of ``counter``: ``A01-00000123``."""
    return f"{counter}-{seq:0{SEQ_DIGITS}d}"


def split_receipt_number(text: str) -> tuple[str, int] | None:
    """(counter, seq) of a receipt number, or None when ``text`` is not one."""
    match = _RECEIPT.fullmatch(text.strip())
    if match is None:
        return None
    return match.group(1), int(match.group(2))


def journal_chain(counter: str) -> str:
    """The chain name of a counter's journal in an anchors file: ``journal:A01``."""
    return f"journal:{counter}"


@dataclass(frozen=True)
class EntryLine:
    """One line of what a payment did to the account, in fen.

    ``kind`` is "principal", "late_fee", "discount" (the early discount granted, positive),
    "credit" (to the credit balance), "payout" (credit paid out) or "rounding" (抹零);
    ``season`` is the season code, "opening" for carried-over arrears, "" otherwise.
    """

    season: str
    kind: str
    amount_fen: int


@dataclass(frozen=True)
class EntryDetails:
    """The details of an entry kept in its hashed ``body``.

    ``parts`` are the method parts as collected (negative when money is paid out);
    ``approver`` is "staff_no name" of the supervisor who approved a void or refund;
    ``extra`` holds kind-specific values (opening float, shift totals, agent serial ...).
    """

    lines: tuple[EntryLine, ...] = ()
    parts: tuple[TenderPart, ...] = ()
    cash_tendered_fen: int | None = None
    change_fen: int | None = None
    reason: str = ""
    approver: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)

    def to_body(self) -> str:
        """The canonical JSON text stored (and hashed) as the entry's body."""
        data = {
            "lines": [[x.season, x.kind, x.amount_fen] for x in self.lines],
            "parts": [[p.method, p.amount_fen, p.reference] for p in self.parts],
            "tendered": self.cash_tendered_fen,
            "change": self.change_fen,
            "reason": self.reason,
            "approver": self.approver,
            "extra": dict(self.extra),
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_body(cls, text: str) -> EntryDetails:
        """The details read back from a body text; raises ValueError when malformed."""
        try:
            data = json.loads(text)
            return cls(
                lines=tuple(EntryLine(s, k, int(a)) for s, k, a in data["lines"]),
                parts=tuple(TenderPart(m, int(a), r) for m, a, r in data["parts"]),
                cash_tendered_fen=data["tendered"],
                change_fen=data["change"],
                reason=data["reason"],
                approver=data["approver"],
                extra=data["extra"],
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"malformed journal body: {error}") from error


@dataclass(frozen=True)
class JournalEntry:
    """One journal entry as stored (see the module docstring for the amounts and dates).

    ``taken_at`` is aware (UTC); ``device_time`` is the device's clock as it reported it
    (ISO text with its offset); ``shift_seq`` is the seq of the shift_open entry the entry
    belongs to; ``reverses`` is the receipt number a void or refund reverses.
    """

    uuid: str
    counter: str
    seq: int
    kind: str
    business_date: dt.date
    value_date: dt.date
    taken_at: dt.datetime
    device_time: str
    staff_no: str
    staff_name: str
    shift_seq: int | None
    account_no: str | None
    amount_fen: int
    applied_fen: int
    channel: str | None
    reverses: str | None
    body: str
    version: int = JOURNAL_VERSION
    prev_hash: str = ""
    hash: str = ""

    @property
    def receipt_no(self) -> str:
        """The printed receipt number, ``A01-00000123``."""
        return receipt_number(self.counter, self.seq)

    @property
    def details(self) -> EntryDetails:
        """The parsed body."""
        return EntryDetails.from_body(self.body)

    @property
    def kind_label(self) -> str:
        """The Chinese name of the entry's kind."""
        return KIND_LABELS.get(self.kind, self.kind)

    def payload(self) -> bytes:
        """The canonical bytes the entry's hash covers (every field but the two hashes)."""
        return payload_of(self)

    def recomputed_hash(self) -> str:
        """The hash the entry should carry given its stored previous hash (as verify does)."""
        return chain_hash(self.prev_hash, stored_payload(self))


@dataclass(frozen=True)
class CounterState:
    """A counter as the database records it: its last number, chain head and open shift.

    ``open_shift_seq`` is the seq of the open shift's shift_open entry (None: no open shift)
    and ``open_shift_staff`` the staff number of its cashier. ``closed_through`` is the last
    business date the books are closed through (日结; None: no day closed): nothing is booked
    to it or before it any more.
    """

    counter: str
    last_seq: int = 0
    head_hash: str = GENESIS_HASH
    open_shift_seq: int | None = None
    open_shift_staff: str | None = None
    closed_through: dt.date | None = None


@dataclass(frozen=True)
class InvoiceMark:
    """A receipt exchanged for an invoice (换开发票)."""

    receipt_no: str
    invoice_no: str
    invoice_date: dt.date
    recorded_at: dt.datetime
    recorded_by: str


def payload_of(entry: JournalEntry) -> bytes:
    """:meth:`JournalEntry.payload`: ``canonical_bytes`` of :mod:`cashier.domain.chain` over
    every field but the hashes. Raises TypeError/ValueError for unserialisable fields."""
    return canonical_bytes(
        entry.version,
        {
            "uuid": entry.uuid,
            "counter": entry.counter,
            "seq": entry.seq,
            "kind": entry.kind,
            "business_date": entry.business_date,
            "value_date": entry.value_date,
            "taken_at": entry.taken_at,
            "device_time": entry.device_time,
            "staff_no": entry.staff_no,
            "staff_name": entry.staff_name,
            "shift_seq": entry.shift_seq,
            "account_no": entry.account_no,
            "amount_fen": entry.amount_fen,
            "applied_fen": entry.applied_fen,
            "channel": entry.channel,
            "reverses": entry.reverses,
            "body": entry.body,
        },
    )


def stored_payload(entry: JournalEntry) -> bytes:
    """The same bytes as :func:`payload_of` for a well-formed entry, written out directly
    (keys already in sorted order, dates formatted by hand) so that `cashier verify` gets
    through a million entries quickly; tests check the two agree. A field of an odd type
    (a tampered row) gives other bytes, so the entry fails its hash as it should, or raises
    TypeError/ValueError/AttributeError.
    """
    m = entry.taken_at.astimezone(dt.UTC)
    taken = (
        f"{m.year:04d}-{m.month:02d}-{m.day:02d}T"
        f"{m.hour:02d}:{m.minute:02d}:{m.second:02d}.{m.microsecond:06d}Z"
        if m.year >= 1000
        else utc_text(m)  # strftime does not pad years before 1000
    )
    fields = {
        "account_no": entry.account_no,
        "amount_fen": entry.amount_fen,
        "applied_fen": entry.applied_fen,
        "body": entry.body,
        "business_date": entry.business_date.isoformat(),
        "channel": entry.channel,
        "counter": entry.counter,
        "device_time": entry.device_time,
        "kind": entry.kind,
        "reverses": entry.reverses,
        "seq": entry.seq,
        "shift_seq": entry.shift_seq,
        "staff_name": entry.staff_name,
        "staff_no": entry.staff_no,
        "taken_at": taken,
        "uuid": entry.uuid,
        "value_date": entry.value_date.isoformat(),
    }
    return b"v%d\n" % entry.version + _ENCODE(fields).encode()


_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def seal(entry: JournalEntry, prev_hash: str | None) -> JournalEntry:
    """The entry chained after a previous hash (None: the counter's first entry).

    Raises ValueError for a malformed previous hash or an unknown kind.
    """
    if entry.kind not in KIND_LABELS:
        raise ValueError(f"unknown journal entry kind: {entry.kind!r}")
    prev = prev_hash or GENESIS_HASH
    chained = replace(entry, prev_hash=prev, version=JOURNAL_VERSION)
    return replace(chained, hash=chain_hash(prev, chained.payload()))


PAYOUT_SEASON = "payout:"
"""Season prefix of the open item a credit payout (预存退款) is in the ledger."""


def credit_payout_item(receipt_no: str, amount_fen: int, on: dt.date) -> OpenItem:
    """A credit payout as an open item older than any season, charged on ``on``.

    The ledger's credit balance pays it that day (heat-fees.md: credit pays what is due);
    should the credit later disappear (the payment that made it voided), it shows as owed.
    Raises ValueError for an amount that is not positive.
    """
    if amount_fen <= 0:
        raise ValueError("a payout must be positive")
    line = BillLine("credit_payout", "预存退款", amount_fen, receipt_no)
    return OpenItem(PAYOUT_SEASON + receipt_no, dt.date.min, None, charges=(DatedLine(on, line),))


def local_time(moment: dt.datetime) -> dt.datetime:
    """An aware moment as Beijing wall-clock time (for receipts and screens)."""
    return moment.astimezone(CHINA)
