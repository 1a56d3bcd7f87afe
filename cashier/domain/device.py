"""Offline devices (上门收费员的笔记本, a counter in fallback mode): keys, clocks, booking.

A device posts into its own journal (its code is a counter code, e.g. ``C01``) while it has
no connection, and syncs later. The central books take every entry verbatim (its hash is
what the receipt's QR code carries) and record beside it how they booked it:

- ``booked_on``: the central business date of the sync (DESIGN.md §4: an offline entry is
  booked to the day it reaches the central books; the day it was taken stays on the entry);
- ``ledger_date``: the day the account's ledger dates the payment. The device's clock is
  recorded, not trusted: the taking time is corrected by the skew measured at the sync and
  kept between the check-out day and the booking day, so a clock a day fast never dates a
  payment into the future;
- a flag for the accountant where the central allocation differs from what the receipt
  showed (the account was paid meanwhile): a credit or an adjustment, never a rejection.

Keys are Ed25519 (``cryptography``), passed around as 64 lower-case hex digits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from cashier.domain.journal import CHINA
from cashier.domain.money import format_yuan

CREDIT, ADJUSTMENT = "credit", "adjustment"
FLAG_LABELS = {CREDIT: "预存（多收）", ADJUSTMENT: "待调整（少收）"}
"""Kinds of allocation differences flagged for the accountant, and their Chinese names."""


@dataclass(frozen=True)
class KeyPair:
    """An Ed25519 key pair as hex: the private key stays on its owner's side."""

    private_hex: str
    public_hex: str


def new_key_pair() -> KeyPair:
    """A fresh Ed25519 key pair."""
    private = Ed25519PrivateKey.generate()
    return KeyPair(private.private_bytes_raw().hex(), _public_hex(private))


def public_of(private_hex: str) -> str:
    """The public key (hex) of a private key (hex); raises ValueError for a malformed key."""
    return _public_hex(_private(private_hex))


def sign(private_hex: str, message: bytes) -> str:
    """The Ed25519 signature (hex) of `message`; raises ValueError for a malformed key."""
    return _private(private_hex).sign(message).hex()


def signature_ok(public_hex: str, message: bytes, signature_hex: str) -> bool:
    """True when `signature_hex` is `public_hex`'s signature of `message` (never raises)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def fingerprint(public_hex: str) -> str:
    """A short name of a public key to compare by eye: 16 hex digits of its SHA-256."""
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16]


def _private(private_hex: str) -> Ed25519PrivateKey:
    try:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    except (ValueError, TypeError) as error:
        raise ValueError(f"not an Ed25519 private key: {error}") from error


def _public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def clock_skew_seconds(device_now: dt.datetime, central_now: dt.datetime) -> int:
    """How far the device's clock is ahead of the central one (negative: behind), seconds."""
    return round((device_now - central_now).total_seconds())


def ledger_date(
    taken_at: dt.datetime, skew_seconds: int, *, booked_on: dt.date, earliest: dt.date | None
) -> dt.date:
    """The day the central ledger dates an offline entry (see the module docstring): the
    Beijing date of the taking time corrected by the measured skew, not before `earliest`
    (the check-out day) and not after `booked_on`."""
    corrected = taken_at - dt.timedelta(seconds=skew_seconds)
    day = corrected.astimezone(CHINA).date()
    if earliest is not None and day < earliest:
        day = earliest
    return min(day, booked_on)


@dataclass(frozen=True)
class AllocationFlag:
    """A synced payment whose central allocation differs from its receipt, in fen.

    Balances are owed when positive, credit when negative. `kind` is CREDIT when the central
    books leave the household better off than the receipt said (paid meanwhile), ADJUSTMENT
    when they owe more (a charge or late fee the device did not know).
    """

    receipt_no: str
    account_no: str
    kind: str
    receipt_balance_fen: int
    central_balance_fen: int

    @property
    def difference_fen(self) -> int:
        """Central balance minus the receipt's (negative: a credit)."""
        return self.central_balance_fen - self.receipt_balance_fen

    def describe(self) -> str:
        """One Chinese sentence for the accountant."""
        told = _balance_text(self.receipt_balance_fen)
        books = _balance_text(self.central_balance_fen)
        return (
            f"收据 {self.receipt_no}（户号 {self.account_no}）：收据显示{told}，"
            f"总账重新分配后{books}，{FLAG_LABELS[self.kind]} "
            f"{format_yuan(abs(self.difference_fen))}，请会计核对。"
        )


def _balance_text(balance_fen: int) -> str:
    if balance_fen > 0:
        return f"尚欠 {format_yuan(balance_fen)}"
    if balance_fen < 0:
        return f"预存 {format_yuan(-balance_fen)}"
    return "已结清"


def compare_allocation(
    receipt_no: str,
    account_no: str,
    receipt_balance_fen: int,
    central_balance_fen: int,
    booked_balance_fen: int,
) -> AllocationFlag | None:
    """The flag for a synced payment, or None when the books agree with its receipt.

    `central_balance_fen` is the account's balance on the payment's ledger date as the
    central books allocate it; `booked_balance_fen` the balance on the booking day. A
    difference on the ledger date is flagged; so is a credit on the booking day that the
    receipt did not show (the account was paid again at a counter after the visit).
    """
    central = central_balance_fen
    if central == receipt_balance_fen and not (
        booked_balance_fen < 0 and booked_balance_fen < receipt_balance_fen
    ):
        return None
    if central == receipt_balance_fen:
        central = booked_balance_fen
    kind = CREDIT if central < receipt_balance_fen else ADJUSTMENT
    return AllocationFlag(receipt_no, account_no, kind, receipt_balance_fen, central)


@dataclass(frozen=True)
class SyncSummary:
    """What one sync did: entries uploaded (posted now), already there (posted by an
    earlier attempt), conflicts (flags for the accountant), rows downloaded; the device's
    numbers sent, the booking day and the measured clock skew (seconds)."""

    uploaded: int = 0
    already_there: int = 0
    conflicts: int = 0
    downloaded: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    booked_on: dt.date | None = None
    skew_seconds: int = 0
    flags: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The summary in Chinese, one fact per line."""
        lines = [
            f"上传：{self.uploaded} 条",
            f"已在总账：{self.already_there} 条",
            f"差异待会计核对：{self.conflicts} 条",
            f"下载更新：{self.downloaded} 条",
        ]
        if self.booked_on is not None:
            lines.append(f"记账日期：{self.booked_on.isoformat()}")
        if self.skew_seconds:
            lines.append(f"本机时钟偏差：{skew_text(self.skew_seconds)}（已记录）")
        return lines


def skew_text(seconds: int) -> str:
    """A clock skew in Chinese: 快/慢 and hours, minutes and seconds."""
    word = "快" if seconds > 0 else "慢"
    rest = abs(seconds)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} 小时" if hours else "", f"{minutes} 分" if minutes else "", f"{secs} 秒"]
    return word + " " + " ".join(p for p in parts if p)


@dataclass(frozen=True)
class DeviceRecord:
    """A device as the central books registered it."""

    code: str
    name: str
    public_key: str
    registered_at: dt.datetime
    registered_by: str


@dataclass(frozen=True)
class DeviceIdentity:
    """This device as its own database knows itself; `central_key` None until the central
    books' public key has been accepted."""

    code: str
    name: str
    private_key: str
    public_key: str
    central_key: str | None


@dataclass(frozen=True)
class WorklistScope:
    """Which accounts a check-out takes: estates, and within them buildings (all when
    empty); `everything` takes every account (a counter's fallback copy)."""

    estates: tuple[str, ...] = ()
    buildings: tuple[str, ...] = ()
    everything: bool = False

    def to_dict(self) -> dict[str, object]:
        """Plain JSON values (for bundles and the check-out record)."""
        return {
            "estates": list(self.estates),
            "buildings": list(self.buildings),
            "everything": self.everything,
        }

    @classmethod
    def from_dict(cls, data: dict) -> WorklistScope:
        """The scope from `to_dict`'s values; raises ValueError when malformed."""
        try:
            return cls(
                tuple(str(e) for e in data.get("estates", ())),
                tuple(str(b) for b in data.get("buildings", ())),
                bool(data.get("everything", False)),
            )
        except (AttributeError, TypeError) as error:
            raise ValueError(f"malformed scope: {error}") from error

    def describe(self) -> str:
        """The scope in Chinese: 全部 or 幸福小区 1、3号楼."""
        if self.everything:
            return "全部用户"
        places = "、".join(self.estates) or "（未选小区）"
        if self.buildings:
            places += " " + "、".join(self.buildings) + " 号楼"
        return places


@dataclass(frozen=True)
class PostingRecord:
    """How the central books took a device entry (see the module docstring)."""

    entry_uuid: str
    device_code: str
    seq: int
    kind: str
    account_no: str | None
    reverses_uuid: str | None
    taken_on: dt.date
    booked_on: dt.date
    ledger_date: dt.date
    skew_seconds: int
    sync_uuid: str


@dataclass(frozen=True)
class StoredFlag:
    """A flag as stored, with the accountant's note once resolved."""

    id: int
    flag: AllocationFlag
    flagged_at: dt.datetime
    note: str | None = None
