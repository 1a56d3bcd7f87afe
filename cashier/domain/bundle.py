"""Bundle files carried on a USB stick between the central books and a device.

A bundle is one JSON object (gzip-compressed in the file):

``{"format": "cashier-bundle", "version": 1, "kind": ..., "header": {...},
"records": [{"data": {...}, "hash": "..."}, ...], "count": N, "head": "...",
"signer": "<public key hex>", "signature": "<hex>"}``

Every record is chained like the journals (:mod:`cashier.domain.chain`): its hash covers the
previous record's hash and the canonical bytes of its data, so an edited, removed, inserted or
reordered record is found and named. The signature (Ed25519) covers the format, kind, header,
count and the last hash, so nothing can be changed without the signer's private key. A bundle
that fails any check is refused whole.

Kinds: ``checkout`` (central -> device: the work list), ``upload`` (device -> central: its
journal entries), ``answer`` (central -> device: what the sync posted and what changed).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from cashier.domain.chain import GENESIS_HASH, canonical_bytes, chain_hash
from cashier.domain.device import sign, signature_ok

FORMAT = "cashier-bundle"
BUNDLE_VERSION = 1
KINDS = ("checkout", "upload", "answer")
_RECORD_VERSION = 1


@dataclass(frozen=True)
class Bundle:
    """A bundle as built or read: kind, header and record data (plain JSON values)."""

    kind: str
    header: Mapping[str, object]
    records: tuple[Mapping[str, object], ...] = ()
    signer: str = ""
    signature: str = ""
    hashes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def head(self) -> str:
        """The hash of the last record (GENESIS_HASH when there is none)."""
        return self.hashes[-1] if self.hashes else GENESIS_HASH


@dataclass(frozen=True)
class BundleProblem:
    """Why a bundle is refused: the first bad record (1-based, 0: the bundle itself)."""

    record: int
    zh: str
    en: str


def record_hashes(records: Sequence[Mapping[str, object]]) -> tuple[str, ...]:
    """The chained hash of every record, in order."""
    hashes, prev = [], GENESIS_HASH
    for data in records:
        prev = chain_hash(prev, canonical_bytes(_RECORD_VERSION, data))
        hashes.append(prev)
    return tuple(hashes)


def _message(kind: str, header: Mapping[str, object], count: int, head: str) -> bytes:
    fields = {"format": FORMAT, "kind": kind, "header": dict(header), "count": count}
    return canonical_bytes(BUNDLE_VERSION, {**fields, "head": head})


def seal_bundle(
    kind: str,
    header: Mapping[str, object],
    records: Sequence[Mapping[str, object]],
    private_hex: str,
    public_hex: str,
) -> Bundle:
    """The bundle with its records chained and signed by `private_hex`.

    Raises ValueError for an unknown kind or key, TypeError for values that are not plain
    JSON (floats, dates: convert them to text first).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown bundle kind: {kind!r}")
    hashes = record_hashes(records)
    head = hashes[-1] if hashes else GENESIS_HASH
    signature = sign(private_hex, _message(kind, header, len(records), head))
    return Bundle(kind, dict(header), tuple(records), public_hex, signature, hashes)


def bundle_bytes(bundle: Bundle) -> bytes:
    """The file content of a bundle: its JSON, gzip-compressed (the same bytes each time)."""
    data = {
        "format": FORMAT,
        "version": BUNDLE_VERSION,
        "kind": bundle.kind,
        "header": dict(bundle.header),
        "records": [
            {"data": dict(data), "hash": digest}
            for data, digest in zip(bundle.records, bundle.hashes, strict=True)
        ],
        "count": len(bundle.records),
        "head": bundle.head,
        "signer": bundle.signer,
        "signature": bundle.signature,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode(), mtime=0)


Describe = Callable[[int, Mapping[str, object]], str]


def read_bundle(
    content: bytes, trusted_key: str, kind: str, describe: Describe | None = None
) -> Bundle | BundleProblem:
    """The bundle in `content` if it is whole and signed by `trusted_key`, else the first
    problem found: unreadable, another kind, a record edited, removed, inserted or moved
    (named by `describe(number, data)`), a wrong count or head, a bad signature."""
    data = _parse(content)
    if isinstance(data, BundleProblem):
        return data
    if data.get("kind") != kind:
        return BundleProblem(0, f"文件不是{_KIND_ZH.get(kind, kind)}包。", f"not a {kind} bundle")
    items = data.get("records")
    if not isinstance(items, list) or not all(_is_record(item) for item in items):
        return BundleProblem(0, "文件的记录格式不正确。", "malformed records")
    records = tuple(item["data"] for item in items)
    stored = tuple(item["hash"] for item in items)
    problem = _check_chain(records, stored, describe or _default_describe)
    if problem is not None:
        return problem
    header = data.get("header")
    head = stored[-1] if stored else GENESIS_HASH
    counted = data.get("count") == len(records) and data.get("head") == head
    if not isinstance(header, dict) or not counted:
        return BundleProblem(
            len(records), "文件末尾的记录被删除或计数被改动。", "records missing at the end"
        )
    signer, signature = data.get("signer"), data.get("signature")
    if signer != trusted_key or not isinstance(signature, str):
        return BundleProblem(0, "文件不是由受信任的一方签名的。", "signed by an unknown key")
    if not signature_ok(signer, _message(kind, header, len(records), head), signature):
        return BundleProblem(0, "文件签名不符：内容被改动。", "the signature does not match")
    return Bundle(kind, header, records, signer, signature, stored)


_KIND_ZH = {"checkout": "领取任务", "upload": "上传", "answer": "同步回执"}


def peek_bundle(content: bytes) -> dict | BundleProblem:
    """The bundle's JSON object before any check (to find out who signed it and to check its
    journal entries first), or the problem that it cannot be read at all."""
    return _parse(content)


def _parse(content: bytes) -> dict | BundleProblem:
    try:
        raw = gzip.decompress(content) if content[:2] == b"\x1f\x8b" else content
        data = json.loads(raw.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return BundleProblem(0, "文件无法读取：不是完整的数据包。", f"unreadable bundle: {error}")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return BundleProblem(0, "文件不是收费数据包。", "not a cashier bundle")
    if data.get("version") != BUNDLE_VERSION:
        return BundleProblem(
            0, "数据包版本不受支持，请更新程序。", f"unsupported version {data.get('version')!r}"
        )
    return data


def _is_record(item: object) -> bool:
    return isinstance(item, dict) and isinstance(item.get("data"), dict) and isinstance(
        item.get("hash"), str
    )


def _check_chain(
    records: Sequence[Mapping[str, object]], stored: Sequence[str], describe: Describe
) -> BundleProblem | None:
    prev = GENESIS_HASH
    for number, (data, digest) in enumerate(zip(records, stored, strict=True), start=1):
        try:
            expected = chain_hash(prev, canonical_bytes(_RECORD_VERSION, data))
        except (TypeError, ValueError):
            expected = ""
        if expected != digest:
            what = describe(number, data)
            return BundleProblem(
                number,
                f"{what}与校验值不符：该记录被改动，或其前面的记录被删除、插入或调换。",
                f"record {number} ({what}) does not match its hash: it was edited, or a record "
                "before it was removed, inserted or moved",
            )
        prev = digest
    return None


def _default_describe(number: int, data: Mapping[str, object]) -> str:
    return f"第 {number} 条记录"
