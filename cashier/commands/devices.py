"""`cashier device ...`: collectors' laptops and a counter's offline copy.

On the laptop (`--db` is its own SQLite file): `init`, `accept`, `sync`, `load-bundle`,
`status`, `gui`. On the central books (`--db` is the central database): `register`, `list`,
`checkout`, `import-bundle`, `flags`, `resolve`. A direct connection names the other
database with `--to URL` (or `--device URL` when registering); without one, bundle files
carry the data on a USB stick.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cashier.commands.common import connect
from cashier.commands.device_sync import other_database, register_sync_commands
from cashier.domain.device import fingerprint
from cashier.domain.errors import UserError
from cashier.domain.journal import local_time
from cashier.services.devices import (
    accept_central_key,
    accept_registration,
    init_device,
    register_device,
    register_from_request,
    registered_devices,
    registration_request,
)
from cashier.services.sync_flags import resolve_flag, sync_flags


def register(commands: argparse._SubParsersAction) -> None:
    """Add `cashier device` and its actions."""
    device = commands.add_parser(
        "device",
        help="offline devices: collectors' laptops and a counter's fallback copy "
        "(register, check out a work list, sync, bundle files)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = device.add_subparsers(dest="device_action", metavar="ACTION", required=True)
    _register_setup(actions)
    register_sync_commands(actions)
    _register_flags(actions)


def _register_setup(actions: argparse._SubParsersAction) -> None:
    init = actions.add_parser(
        "init",
        help="(laptop) make this new, empty SQLite database a device: makes its Ed25519 key "
        "pair here (the private key never leaves it)",
    )
    init.add_argument("--code", required=True, help="the device's counter code, e.g. C01")
    init.add_argument("--name", default="", help="a name people recognise (张三的笔记本)")
    init.add_argument(
        "--request", type=Path, metavar="FILE",
        help="also write the registration request file for `device register --request`",
    )
    init.set_defaults(handler=_init)
    reg = actions.add_parser(
        "register",
        help="(central) register a device under its own counter code and store its public "
        "key; gives it the central public key",
    )
    source = reg.add_mutually_exclusive_group(required=True)
    source.add_argument("--device", metavar="URL", help="the laptop's database (direct)")
    source.add_argument("--request", type=Path, metavar="FILE", help="a request file")
    reg.add_argument(
        "--answer", type=Path, metavar="FILE",
        help="with --request: where to write the answer file for `device accept`",
    )
    reg.set_defaults(handler=_register)
    accept = actions.add_parser(
        "accept", help="(laptop) trust the central public key from a register answer file"
    )
    accept.add_argument("file", type=Path, metavar="FILE", help="the answer file")
    accept.set_defaults(handler=_accept)
    actions.add_parser("list", help="(central) the registered devices").set_defaults(
        handler=_list
    )


def _register_flags(actions: argparse._SubParsersAction) -> None:
    flags = actions.add_parser(
        "flags",
        help="(central) synced payments whose allocation differs from their receipt "
        "(credits and adjustments for the accountant)",
    )
    flags.add_argument("--open", action="store_true", help="only those not resolved yet")
    flags.set_defaults(handler=_flags)
    resolve = actions.add_parser("resolve", help="(central) resolve a flag with a note")
    resolve.add_argument("flag", type=int, metavar="ID", help="the flag's number (see flags)")
    resolve.add_argument("--note", required=True, help="what the accountant did or decided")
    resolve.set_defaults(handler=_resolve)


def _init(args: argparse.Namespace) -> int:
    wiring = connect(args)
    identity = init_device(wiring.uow(), code=args.code, name=args.name)
    print(f"本机已设为收费设备 {identity.code}（{identity.name}），公钥指纹 "
          f"{fingerprint(identity.public_key)} / device initialised")
    if args.request:
        args.request.write_text(registration_request(wiring.uow()), encoding="utf-8")
        print(f"登记申请已写入 {args.request}")
    return 0


def _register(args: argparse.Namespace) -> int:
    wiring = connect(args)
    if args.device:
        laptop = other_database(args.device)
        with laptop.uow() as uow:
            identity = uow.devices.identity()
        if identity is None:
            raise UserError("该数据库不是收费设备。", "not a device database")
        done = register_device(
            wiring.uow(), wiring.actor, code=identity.code, name=identity.name,
            public_key=identity.public_key,
        )  # fmt: skip
        accept_central_key(laptop.uow(), identity.code, done.central_key)
    else:
        done = register_from_request(
            wiring.uow(), wiring.actor, args.request.read_text(encoding="utf-8")
        )
        if args.answer:
            args.answer.write_text(done.answer_text(), encoding="utf-8")
            print(f"登记回执已写入 {args.answer}")
    print(f"设备 {done.device.code}（{done.device.name}）已登记；总账公钥指纹 "
          f"{fingerprint(done.central_key)} / registered")
    return 0


def _accept(args: argparse.Namespace) -> int:
    wiring = connect(args)
    identity = accept_registration(wiring.uow(), args.file.read_text(encoding="utf-8"))
    assert identity.central_key is not None
    print(f"已信任总账公钥（指纹 {fingerprint(identity.central_key)}）/ accepted")
    return 0


def _list(args: argparse.Namespace) -> int:
    wiring = connect(args)
    for device in registered_devices(wiring.uow(), wiring.actor):
        when = local_time(device.registered_at).strftime("%Y-%m-%d %H:%M")
        print(f"{device.code}\t{device.name}\t{fingerprint(device.public_key)}\t{when}")
    return 0


def _flags(args: argparse.Namespace) -> int:
    wiring = connect(args)
    flags = sync_flags(wiring.uow(), wiring.actor, open_only=args.open)
    for stored in flags:
        state = f"已处理：{stored.note}" if stored.note else "待处理"
        print(f"[{stored.id}] {stored.flag.describe()}（{state}）")
    if not flags:
        print("没有差异 / no flags")
    return 0


def _resolve(args: argparse.Namespace) -> int:
    wiring = connect(args)
    resolve_flag(wiring.uow(), wiring.actor, args.flag, args.note)
    print(f"差异 {args.flag} 已处理 / resolved")
    return 0

