"""The device side of a sync, and the bundle files that carry one on a USB stick.

Direct: `sync_direct` reads the outbox, has the central books post it (services/sync.py) and
applies their answer, with progress. Bundle: `upload_bundle` writes the outbox signed by the
device key; the central side reads it with `read_upload_bundle` (refused whole, naming the
first bad entry, when its chain or signature does not verify) and writes `answer_bundle`
signed by the central key; `apply_answer` then takes the acknowledged entries off the outbox
and loads what changed.

A sync's UUID is derived from what it carries (device, first and last number, last hash): a
retry after a dropped connection or a killed process is the same sync, so the central books
answer it from what they stored.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Callable

from cashier.domain.actor import Actor
from cashier.domain.bundle import (
    BundleProblem,
    bundle_bytes,
    peek_bundle,
    read_bundle,
    seal_bundle,
)
from cashier.domain.device import SyncSummary
from cashier.domain.journal import CHINA, PAYMENT, JournalEntry
from cashier.domain.journal_check import CounterWalk
from cashier.domain.journal_wire import entry_from_dict, entry_to_dict
from cashier.services.checkout import (
    BundleRefused,
    Progress,
    _load,
    _no_progress,
    last_seq,
    read_central_bundle,
)
from cashier.services.devices import DeviceRefused, device_identity
from cashier.services.ports import UnitOfWork, UnitOfWorkFactory
from cashier.services.station import utc_now
from cashier.services.sync import SyncAnswer, SyncRefused, Upload, receive_upload

_NAMESPACE = uuidlib.UUID("6f1d3c52-8a1e-4f8e-9d2b-5c0f1e7a9b31")


def prepare_upload(uow: UnitOfWork, *, now: dt.datetime | None = None) -> Upload:
    """The device's entries not acknowledged yet (its outbox), in number order, with its
    clock reading. Raises DeviceRefused when this is not a device."""
    with uow:
        identity = device_identity(uow)
        uow.devices.ensure_triggers()
        first = _first_unacknowledged(uow, identity.code)
        entries = (
            tuple(e for e in uow.journal.iter_counter(identity.code) if e.seq >= first)
            if first is not None
            else ()
        )
        stamps = _stamps(uow, identity.code, entries)
        seasons = uow.devices.seasons_stamp()
        uow.commit()
    uuid = sync_uuid(identity.code, entries)
    return Upload(identity.code, uuid, now or utc_now(), entries, stamps, seasons)


def _first_unacknowledged(uow: UnitOfWork, code: str) -> int | None:
    """The number of the device's oldest entry the central books have not acknowledged: the
    outbox's oldest, or the one after the last acknowledged when the journal goes further
    than the outbox knows (an entry written while the trigger was missing is sent too)."""
    pending = [seq for counter, seq in uow.devices.outbox() if counter == code]
    last = uow.devices.last_load("sync")
    acked = int(last[1].get("acked", 0)) if last else 0
    if last_seq(uow, code) > acked:
        pending.append(acked + 1)
    return min(pending) if pending else None


def _stamps(uow: UnitOfWork, code: str, entries: tuple[JournalEntry, ...]):
    """What this device knows of the accounts it took money from, or None when it loaded
    data from the central books after taking the oldest of these entries (its receipts may
    then rest on less than it knows now: the central books check every payment)."""
    if not entries:
        return {}
    for kind in ("checkout", "sync"):
        last = uow.devices.last_load(kind)
        if last is not None and int(last[1].get("seq", 0)) >= entries[0].seq:
            return None
    accounts = {e.account_no for e in entries if e.kind == PAYMENT and e.account_no}
    return uow.devices.account_stamps(accounts, code, mirror=True)


def sync_uuid(code: str, entries: tuple[JournalEntry, ...]) -> str:
    """The UUID of a sync of these entries (the same entries give the same UUID)."""
    if not entries:
        return str(uuidlib.uuid4())
    name = f"{code}:{entries[0].seq}:{entries[-1].seq}:{entries[-1].hash}"
    return str(uuidlib.uuid5(_NAMESPACE, name))


def apply_answer(
    uow: UnitOfWork, answer: SyncAnswer, *, now: dt.datetime | None = None
) -> SyncSummary:
    """Take the entries the central books acknowledged off the outbox and load what changed,
    in one transaction; the summary with `downloaded` filled in. Raises DeviceRefused when
    the answer is another device's or names an entry this device never made."""
    moment = now or utc_now()
    with uow:
        identity = device_identity(uow)
        if answer.device != identity.code:
            raise DeviceRefused("回执属于其他设备。", "the answer is for another device")
        if answer.last_seq:
            mine = uow.journal.get(identity.code, answer.last_seq)
            if mine is None or mine.hash != answer.head:
                raise DeviceRefused(
                    f"总账中设备 {identity.code} 的第 {answer.last_seq} 号记录与本机不符。",
                    "the central books hold an entry this device did not make",
                )
            uow.devices.acknowledge(identity.code, answer.last_seq)
        loaded = _load(uow, answer.records)
        summary = SyncSummary(
            **{**answer.summary.__dict__, "downloaded": loaded.rows + loaded.payments}
        )
        data = {
            "sync": answer.sync_uuid,
            "lines": summary.lines(),
            "seq": last_seq(uow, identity.code),
            "acked": answer.last_seq,
        }
        today = moment.astimezone(CHINA).date()
        uow.devices.add_load("sync", today, 0, loaded.rows, data, at=moment)
        uow.commit()
    return summary


def sync_direct(
    device: UnitOfWorkFactory,
    central: UnitOfWorkFactory,
    actor: Actor,
    *,
    device_clock: Callable[[], dt.datetime] = utc_now,
    central_clock: Callable[[], dt.datetime] = utc_now,
    progress: Progress = _no_progress,
) -> SyncSummary:
    """Sync this device with the central books over a direct connection to both."""
    upload = prepare_upload(device(), now=device_clock())
    progress(0, len(upload.entries), "上传")
    answer = receive_upload(
        central, actor, upload, via="direct", clock=central_clock, progress=progress
    )
    progress(len(upload.entries), len(upload.entries), "下载")
    return apply_answer(device(), answer, now=device_clock())


def upload_bundle(uow: UnitOfWork, upload: Upload) -> bytes:
    """The upload as a bundle file signed by this device's key."""
    with uow:
        identity = device_identity(uow)
    header = {
        "device": upload.device,
        "sync_uuid": upload.sync_uuid,
        "device_time": upload.device_time.isoformat(),
        "stamps": None if upload.stamps is None else {k: list(v) for k, v in upload.stamps.items()},
        "seasons": upload.seasons,
    }
    records = [entry_to_dict(e) for e in upload.entries]
    bundle = seal_bundle("upload", header, records, identity.private_key, identity.public_key)
    return bundle_bytes(bundle)


def read_upload_bundle(uow: UnitOfWork, content: bytes) -> Upload:
    """An upload bundle checked against the registered device's key: its journal entries'
    chain first (naming the first bad entry), then the records' chain and the signature.
    Raises BundleRefused, SyncRefused, DeviceRefused (unknown device)."""
    raw = peek_bundle(content)
    if isinstance(raw, BundleProblem):
        raise BundleRefused(raw)
    header = raw.get("header") if isinstance(raw.get("header"), dict) else {}
    code = str(header.get("device", ""))
    with uow:
        device = uow.devices.device(code)
    if device is None:
        raise DeviceRefused(f"设备 {code} 未登记。", f"unknown device {code}")
    _check_entries(code, raw.get("records"))
    found = read_bundle(content, device.public_key, "upload", _describe_entry)
    if isinstance(found, BundleProblem):
        raise BundleRefused(found)
    entries = tuple(entry_from_dict(data) for data in found.records)
    header = found.header
    device_time = dt.datetime.fromisoformat(str(header["device_time"]))
    stamps = header.get("stamps")
    known = None if not isinstance(stamps, dict) else {k: tuple(v) for k, v in stamps.items()}
    seasons = str(header.get("seasons", ""))
    return Upload(code, str(header["sync_uuid"]), device_time, entries, known, seasons)


def _check_entries(code: str, items: object) -> None:
    """Walk the bundle's journal entries as the device chained them (numbering, links,
    hashes) before anything else, so an edited or removed entry is named."""
    if not isinstance(items, list) or not items:
        return
    try:
        entries = [entry_from_dict(item["data"]) for item in items]
    except (ValueError, KeyError, TypeError):
        raise SyncRefused("上传包中的记录格式不正确。", "malformed entries in the upload") from None
    walk = CounterWalk(code)
    walk.last_seq, walk.head = entries[0].seq - 1, entries[0].prev_hash
    for entry in entries:
        problem = walk.feed(entry)
        if problem is not None:
            raise SyncRefused(f"上传包被拒绝，未过账任何记录：{problem.zh}", problem.en)


def _describe_entry(number: int, data) -> str:
    return f"第 {number} 条记录（收据号 {data.get('counter')}-{data.get('seq')}）"


def answer_bundle(uow: UnitOfWork, answer: SyncAnswer) -> bytes:
    """The sync's answer as a bundle file signed by the central key."""
    with uow:
        keys = uow.devices.central_key()
    if keys is None:
        raise DeviceRefused("总账尚未生成签名密钥。", "no central key yet")
    s = answer.summary
    header = {
        "device": answer.device,
        "sync_uuid": answer.sync_uuid,
        "last_seq": answer.last_seq,
        "head": answer.head,
        "summary": {
            "uploaded": s.uploaded,
            "already_there": s.already_there,
            "conflicts": s.conflicts,
            "first_seq": s.first_seq,
            "last_seq": s.last_seq,
            "booked_on": s.booked_on.isoformat() if s.booked_on else None,
            "skew_seconds": s.skew_seconds,
        },
    }
    bundle = seal_bundle("answer", header, answer.records, keys.private_hex, keys.public_hex)
    return bundle_bytes(bundle)


def read_answer_bundle(uow: UnitOfWork, content: bytes) -> SyncAnswer:
    """An answer bundle checked against the central key this device trusts. Raises
    BundleRefused, DeviceRefused."""
    bundle = read_central_bundle(uow, content, "answer")
    header, data = bundle.header, dict(bundle.header["summary"])  # type: ignore[arg-type]
    booked = data.get("booked_on")
    summary = SyncSummary(
        uploaded=int(data["uploaded"]),
        already_there=int(data["already_there"]),
        conflicts=int(data["conflicts"]),
        first_seq=data.get("first_seq"),
        last_seq=data.get("last_seq"),
        booked_on=dt.date.fromisoformat(booked) if booked else None,
        skew_seconds=int(data.get("skew_seconds", 0)),
    )
    return SyncAnswer(
        str(header["device"]),
        str(header["sync_uuid"]),
        summary,
        int(header["last_seq"]),  # type: ignore[arg-type]
        str(header["head"]),
        tuple(dict(r) for r in bundle.records),
    )


def import_upload(
    factory: UnitOfWorkFactory,
    actor: Actor,
    content: bytes,
    *,
    clock: Callable[[], dt.datetime] = utc_now,
    progress: Progress = _no_progress,
) -> tuple[SyncAnswer, bytes]:
    """Central side of a bundle sync: check and post an upload bundle, return the answer
    and its bundle file. Importing the same bundle again answers the stored summary."""
    upload = read_upload_bundle(factory(), content)
    answer = receive_upload(factory, actor, upload, via="bundle", clock=clock, progress=progress)
    return answer, answer_bundle(factory(), answer)
