"""Check-out: a device takes its work list (the accounts of chosen estates and buildings with
their bills, statements' records, tariffs and the payments made so far) into its own
database, by direct connection to both databases or as a bundle file signed by the central
key (a bundle that does not verify is refused whole, nothing loaded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.bundle import Bundle, BundleProblem, bundle_bytes, read_bundle, seal_bundle
from cashier.domain.device import WorklistScope
from cashier.domain.errors import UserError
from cashier.domain.journal import CHINA
from cashier.services import audit
from cashier.services.devices import DeviceRefused, device_identity
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork, UnitOfWorkFactory
from cashier.services.station import utc_now

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): called as work advances (from the worker running it)."""


class BundleRefused(UserError):
    """A bundle file that does not verify: nothing from it is used."""

    def __init__(self, problem: BundleProblem) -> None:
        super().__init__(f"数据包被拒绝：{problem.zh}", f"bundle refused: {problem.en}")
        self.problem = problem


@dataclass(frozen=True)
class WorkList:
    """A work list as the central books made it: header values and records."""

    header: Mapping[str, object]
    records: tuple[dict[str, object], ...]


@dataclass(frozen=True)
class LoadSummary:
    """What a device loaded: accounts in its list, rows new or refreshed, payments made
    elsewhere that were new to it."""

    accounts: int
    rows: int
    payments: int


def _no_progress(done: int, total: int, what: str) -> None:
    return None


def make_worklist(
    uow: UnitOfWork,
    actor: Actor,
    device_code: str,
    scope: WorklistScope,
    *,
    via: str,
    now: dt.datetime | None = None,
) -> WorkList:
    """Read the scope's work list from the central books and record the check-out.

    Raises PermissionDenied, DeviceRefused (unknown device, no accounts in the scope).
    """
    require(actor, "sync_device")
    moment = now or utc_now()
    with uow:
        device = uow.devices.device(device_code)
        if device is None:
            raise DeviceRefused(f"设备 {device_code} 未登记。", f"unknown device {device_code}")
        accounts = uow.worklist.count(scope)
        if accounts == 0:
            raise DeviceRefused(
                f"所选范围（{scope.describe()}）没有用户。", "the scope holds no accounts"
            )
        records = tuple(uow.worklist.export(scope, device_code))
        today = moment.astimezone(CHINA).date()
        uow.devices.add_checkout(
            device_code, scope.to_dict(), accounts, today, via, at=moment, by=actor.staff_no
        )
        details = {"device": device_code, "scope": scope.describe(), "accounts": accounts}
        audit.record(uow, actor, "device_checkout", details, now=moment)
        uow.commit()
    header = {
        "device": device_code,
        "scope": scope.to_dict(),
        "accounts": accounts,
        "business_date": today.isoformat(),
        "made_at": moment.isoformat(),
    }
    return WorkList(header, records)


def worklist_bundle(uow: UnitOfWork, worklist: WorkList) -> bytes:
    """The work list as a bundle file signed by the central key."""
    with uow:
        keys = uow.devices.central_key()
    if keys is None:
        raise DeviceRefused("总账尚未生成签名密钥（请先登记设备）。", "no central key yet")
    bundle = seal_bundle(
        "checkout", worklist.header, worklist.records, keys.private_hex, keys.public_hex
    )
    return bundle_bytes(bundle)


def load_worklist(
    uow: UnitOfWork, worklist: WorkList, *, now: dt.datetime | None = None
) -> LoadSummary:
    """Load a work list into this device's database in one transaction. Raises
    DeviceRefused when it was made for another device."""
    with uow:
        identity = device_identity(uow)
        if worklist.header.get("device") != identity.code:
            raise DeviceRefused(
                f"任务属于设备 {worklist.header.get('device')}，本机是 {identity.code}。",
                "the work list is for another device",
            )
        summary = _load(uow, worklist.records)
        day = dt.date.fromisoformat(str(worklist.header["business_date"]))
        accounts = int(worklist.header.get("accounts", 0))  # type: ignore[arg-type]
        data = {
            "scope": worklist.header.get("scope"),
            "rows": summary.rows,
            "seq": last_seq(uow, identity.code),
        }
        uow.devices.add_load("checkout", day, accounts, summary.rows, data, at=now or utc_now())
        uow.commit()
    return LoadSummary(accounts, summary.rows, summary.payments)


def last_seq(uow: UnitOfWork, code: str) -> int:
    """The number of the device's newest entry (0 before its first)."""
    state = uow.journal.counter(code)
    return 0 if state is None else state.last_seq


def _load(uow: UnitOfWork, records: Sequence[Mapping[str, object]]) -> LoadSummary:
    """Load records inside the caller's unit of work."""
    try:
        rows, entries = uow.worklist.load(records)
    except ValueError as error:
        raise DeviceRefused(
            f"任务数据格式不正确：{error}", f"malformed work list: {error}"
        ) from None
    mirrored = uow.devices.add_mirror(entries)
    return LoadSummary(0, rows, mirrored)


def read_central_bundle(uow: UnitOfWork, content: bytes, kind: str) -> Bundle:
    """A bundle from the central books, checked against the central key this device trusts.
    Raises BundleRefused (naming the first bad record), DeviceRefused without a key."""
    with uow:
        identity = device_identity(uow)
    if identity.central_key is None:
        raise DeviceRefused(
            "本机尚未信任总账公钥，请先完成设备登记。", "no central key accepted yet"
        )
    found = read_bundle(content, identity.central_key, kind)
    if isinstance(found, BundleProblem):
        raise BundleRefused(found)
    return found


def checkout_direct(
    central: UnitOfWorkFactory,
    device: UnitOfWorkFactory,
    actor: Actor,
    scope: WorklistScope,
    *,
    clock: Callable[[], dt.datetime] = utc_now,
    progress: Progress = _no_progress,
) -> LoadSummary:
    """Check a work list out from the central books straight into this device (`clock`:
    the central clock). Raises DeviceRefused while the device has entries not synced."""
    with device() as uow:
        identity = device_identity(uow)
        pending = uow.devices.outbox()
    if pending:
        raise DeviceRefused(
            f"本机有 {len(pending)} 条记录尚未同步，请先同步再领取新任务。",
            "the device has entries not synced yet: sync first",
        )
    progress(0, 2, "读取总账")
    now = clock()
    worklist = make_worklist(central(), actor, identity.code, scope, via="direct", now=now)
    progress(1, 2, "写入本机")
    summary = load_worklist(device(), worklist, now=now)
    progress(2, 2, "完成")
    return summary
