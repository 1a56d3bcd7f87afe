"""Hash chains over append-only records (DESIGN.md §4): the audit log, and later the journals.

A record's payload is `canonical_bytes(version, fields)`: the ASCII line `v<version>` and a
newline, then the fields as JSON with sorted keys, no spaces, UTF-8 text (not \\u escapes).
Values are None, bool, int, str, Decimal (written as its string), date (YYYY-MM-DD), aware
datetime (UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`), lists and string-keyed dicts of these. Floats
are refused: they do not round-trip exactly.

The hash of a record is SHA-256 over the 32 bytes of the previous record's hash followed by
the payload, as 64 lower-case hex digits; the first record follows GENESIS_HASH.

An anchor (chain name, sequence number, hash) taken at a shift or day close and kept outside
the database lets `cashier verify --anchors` catch a chain that was rewritten or cut short.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

GENESIS_HASH = "0" * 64
"""The 'previous hash' of the first record of every chain."""

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def canonical_bytes(version: int, fields: Mapping[str, object]) -> bytes:
    """The canonical, versioned serialisation of one record's `fields` (see module docstring).

    Raises TypeError for a value of another type (float, naive datetime, bytes ...) and
    ValueError for a version below 1.
    """
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"version must be an integer >= 1, not {version!r}")
    body = json.dumps(
        _plain(dict(fields)), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return f"v{version}\n{body}".encode()


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise TypeError(f"not a finite Decimal: {value!r}")
        return str(value)
    if isinstance(value, dt.datetime):
        return utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("dict keys must be strings")
        return {key: _plain(item) for key, item in value.items()}
    raise TypeError(f"cannot serialise {type(value).__name__} canonically: {value!r}")


def utc_text(moment: dt.datetime) -> str:
    """An aware datetime as UTC text with microseconds, e.g. 2025-11-15T01:30:00.000000Z.

    Raises TypeError for a naive datetime (its zone would be a guess).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TypeError(f"naive datetime in a chained record: {moment!r}")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def chain_hash(prev_hex: str, payload: bytes) -> str:
    """SHA-256 over the previous hash's 32 bytes and `payload`, as 64 lower-case hex digits.

    Raises ValueError when `prev_hex` is not 64 lower-case hex digits.
    """
    if not _HEX64.match(prev_hex):
        raise ValueError(f"not a SHA-256 hex digest: {prev_hex!r}")
    return hashlib.sha256(bytes.fromhex(prev_hex) + payload).hexdigest()


def verify_chain(
    records: Iterable[tuple[bytes, str]], prev_hex: str = GENESIS_HASH
) -> int | None:
    """The index of the first record whose stored hash is not the recomputed one, or None.

    `records` yields (payload bytes, stored hash) in chain order and is read once, so a
    generator over millions of rows works. A record that was edited fails itself; a record
    removed from the middle makes its successor fail.
    """
    for index, (payload, stored) in enumerate(records):
        if not _HEX64.match(stored or "") or chain_hash(prev_hex, payload) != stored:
            return index
        prev_hex = stored
    return None


@dataclass(frozen=True)
class Anchor:
    """The head of one chain at one moment: its name, last sequence number and hash."""

    chain: str
    seq: int
    hash: str


def parse_anchors(text: str) -> list[Anchor]:
    """Anchors from an anchors file: JSON `{"anchors": [{"chain", "seq", "hash"}, ...]}`.

    Other top-level keys (a signature, the export time) are ignored here. Raises ValueError
    naming the first malformed entry.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    items = data.get("anchors") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError('expected an object with an "anchors" list')
    return [_anchor(number, item) for number, item in enumerate(items, start=1)]


def _anchor(number: int, item: object) -> Anchor:
    if not isinstance(item, dict):
        raise ValueError(f"anchor {number}: not an object")
    chain, seq, digest = item.get("chain"), item.get("seq"), item.get("hash")
    if not isinstance(chain, str) or not chain:
        raise ValueError(f"anchor {number}: missing chain name")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"anchor {number}: seq must be a positive integer")
    if not isinstance(digest, str) or not _HEX64.match(digest):
        raise ValueError(f"anchor {number}: hash must be 64 lower-case hex digits")
    return Anchor(chain=chain, seq=seq, hash=digest)


def anchors_json(anchors: Iterable[Anchor]) -> str:
    """Anchors as the JSON text `parse_anchors` reads (one anchor per line, UTF-8 safe)."""
    lines = [
        json.dumps({"chain": a.chain, "seq": a.seq, "hash": a.hash}, ensure_ascii=False)
        for a in anchors
    ]
    return '{"anchors": [\n' + ",\n".join(lines) + "\n]}\n"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one chain: `problem` (Chinese) and `english` are None when it
    is intact; `first_bad_seq` names the first record found wrong.
    """

    name: str
    chain: str
    records: int
    problem: str | None = None
    english: str | None = None
    first_bad_seq: int | None = None

    @property
    def ok(self) -> bool:
        """True when nothing was found wrong."""
        return self.problem is None
