"""Registering offline devices (a collector's laptop, a counter's fallback copy).

The device makes its Ed25519 key pair itself (`init_device`, in its own SQLite file: the
private key never leaves it). The central books register the device under a counter code of
its own, store its public key, and give it theirs (`register_device`), so that each side can
check what the other signs. A device's code is a counter code that no counter uses: its
receipts are numbered in its own gapless series and never collide with the counters'.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.device import (
    DeviceIdentity,
    DeviceRecord,
    fingerprint,
    new_key_pair,
)
from cashier.domain.errors import UserError
from cashier.domain.journal import check_counter_code
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.station import utc_now

REQUEST_FORMAT = "cashier-device-request"
ANSWER_FORMAT = "cashier-device-answer"


class DeviceRefused(UserError):
    """A device action refused: unknown device, code taken, not a device database ..."""


def _code(code: str) -> str:
    try:
        return check_counter_code(code.strip())
    except ValueError:
        raise DeviceRefused(
            f"设备编号 {code!r} 无效：只能用字母、数字和下划线，最多 16 位。",
            f"invalid device code {code!r}",
        ) from None


def device_identity(uow: UnitOfWork) -> DeviceIdentity:
    """This database's device identity (inside the caller's unit of work); raises
    DeviceRefused when the database is not a device's."""
    identity = uow.devices.identity()
    if identity is None:
        raise DeviceRefused(
            "本数据库不是收费设备的数据库，请先运行 cashier device init。",
            "this database is not a device's: run `cashier device init` first",
        )
    return identity


def init_device(
    uow: UnitOfWork, *, code: str, name: str, now: dt.datetime | None = None
) -> DeviceIdentity:
    """Make this (empty) SQLite database the device `code`: a fresh key pair, the outbox
    trigger. Raises DeviceRefused when it is a device already or holds accounts."""
    code = _code(code)
    with uow:
        if uow.devices.identity() is not None:
            raise DeviceRefused("本数据库已是收费设备。", "this database is a device already")
        if uow.accounts.count():
            raise DeviceRefused(
                "设备必须使用新的空数据库（其中不能已有用户）。",
                "a device needs a new, empty database",
            )
        keys = new_key_pair()
        label = name.strip() or code
        identity = DeviceIdentity(code, label, keys.private_hex, keys.public_hex, None)
        uow.devices.set_identity(identity, at=now or utc_now())
        uow.commit()
    return identity


def registration_request(uow: UnitOfWork) -> str:
    """The device's registration request as JSON text (code, name, public key) for the
    central books, when they cannot be reached directly."""
    with uow:
        identity = device_identity(uow)
    data = {
        "format": REQUEST_FORMAT,
        "code": identity.code,
        "name": identity.name,
        "public_key": identity.public_key,
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


@dataclass(frozen=True)
class Registration:
    """A device registered centrally: its record and the central public key it must trust."""

    device: DeviceRecord
    central_key: str

    def answer_text(self) -> str:
        """The answer file for the device (JSON text)."""
        data = {"format": ANSWER_FORMAT, "code": self.device.code, "central_key": self.central_key}
        return json.dumps(data, ensure_ascii=False, indent=1)


def register_device(
    uow: UnitOfWork,
    actor: Actor,
    *,
    code: str,
    name: str,
    public_key: str,
    now: dt.datetime | None = None,
) -> Registration:
    """Register a device in the central books. Raises PermissionDenied, DeviceRefused (code
    used by a counter or another device, malformed key)."""
    require(actor, "manage_devices")
    code = _code(code)
    if len(public_key) != 64 or any(c not in "0123456789abcdef" for c in public_key):
        raise DeviceRefused("设备公钥格式不正确。", "malformed device public key")
    moment = now or utc_now()
    with uow:
        if uow.devices.device(code) is not None or uow.journal.counter(code) is not None:
            raise DeviceRefused(
                f"编号 {code} 已被窗口或其他设备使用，请换一个编号。",
                f"code {code} is used by a counter or another device",
            )
        record = DeviceRecord(code, name.strip() or code, public_key, moment, actor.staff_no)
        uow.devices.add_device(record)
        central = uow.devices.central_key(create_at=moment)
        assert central is not None
        details = {"device": code, "name": record.name, "key": fingerprint(public_key)}
        audit.record(uow, actor, "device_register", details, now=moment)
        uow.commit()
    return Registration(record, central.public_hex)


def register_from_request(
    uow: UnitOfWork, actor: Actor, request_text: str, *, now: dt.datetime | None = None
) -> Registration:
    """`register_device` from a request file's text. Raises DeviceRefused when malformed."""
    try:
        data = json.loads(request_text)
        if data.get("format") != REQUEST_FORMAT:
            raise ValueError("format")
        code, name, key = str(data["code"]), str(data["name"]), str(data["public_key"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DeviceRefused("不是设备登记申请文件。", "not a device request file") from None
    return register_device(uow, actor, code=code, name=name, public_key=key, now=now)


def accept_registration(uow: UnitOfWork, answer_text: str) -> DeviceIdentity:
    """Store the central public key from the answer file on the device. Raises
    DeviceRefused for another device's answer or a malformed file."""
    try:
        data = json.loads(answer_text)
        if data.get("format") != ANSWER_FORMAT:
            raise ValueError("format")
        code, key = str(data["code"]), str(data["central_key"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DeviceRefused("不是设备登记回执文件。", "not a device answer file") from None
    return accept_central_key(uow, code, key)


def accept_central_key(uow: UnitOfWork, code: str, central_key: str) -> DeviceIdentity:
    """Record the central public key on the device `code`. Raises DeviceRefused for another
    device's code or when a different central key was accepted before."""
    with uow:
        identity = device_identity(uow)
        if identity.code != code:
            raise DeviceRefused(
                f"回执属于设备 {code}，本机是 {identity.code}。",
                f"the answer is for device {code}, this is {identity.code}",
            )
        if identity.central_key not in (None, central_key):
            raise DeviceRefused(
                "本机已信任另一个总账公钥，拒绝更换。",
                "this device trusts another central key already",
            )
        uow.devices.set_central_key(code, central_key)
        uow.commit()
    return DeviceIdentity(
        identity.code, identity.name, identity.private_key, identity.public_key, central_key
    )


def registered_devices(uow: UnitOfWork, actor: Actor) -> list[DeviceRecord]:
    """Every registered device (central side). Raises PermissionDenied."""
    require(actor, "sync_device")
    with uow:
        return uow.devices.devices()
