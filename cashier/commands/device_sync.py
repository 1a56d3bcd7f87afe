"""`cashier device checkout | sync | import-bundle | load-bundle | status | gui`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cashier.commands.common import Wiring, connect
from cashier.config import load_settings
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.bundle import BundleProblem, peek_bundle
from cashier.domain.device import SyncSummary, WorklistScope, fingerprint
from cashier.domain.errors import UserError
from cashier.domain.journal import local_time
from cashier.services.checkout import (
    BundleRefused,
    LoadSummary,
    WorkList,
    checkout_direct,
    load_worklist,
    make_worklist,
    read_central_bundle,
    worklist_bundle,
)
from cashier.services.device_status import device_status
from cashier.services.sync_device import (
    apply_answer,
    import_upload,
    prepare_upload,
    read_answer_bundle,
    sync_direct,
    upload_bundle,
)
from cashier.store.engine import make_engine
from cashier.store.migrate import open_database


def register_sync_commands(actions: argparse._SubParsersAction) -> None:
    """Add the check-out, sync, bundle, status and window actions."""
    _checkout_parser(actions)
    sync = actions.add_parser(
        "sync",
        help="(laptop) send the entries not synced yet: straight to the central books "
        "(--to URL, then loads what changed) or into an upload bundle file (--bundle)",
    )
    where = sync.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", metavar="URL", help="the central database (direct sync)")
    where.add_argument("--bundle", type=Path, metavar="FILE", help="write an upload bundle")
    sync.set_defaults(handler=_sync)
    imp = actions.add_parser(
        "import-bundle",
        help="(central) post an upload bundle (refused whole when its chain or signature does "
        "not verify; importing it again posts nothing twice) and write the answer bundle",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the upload bundle")
    imp.add_argument(
        "--answer", type=Path, metavar="FILE", required=True,
        help="where to write the answer bundle (for `device load-bundle` on the laptop)",
    )
    imp.set_defaults(handler=_import)
    load = actions.add_parser(
        "load-bundle", help="(laptop) load a check-out or answer bundle from the central books"
    )
    load.add_argument("file", type=Path, metavar="FILE", help="the bundle file")
    load.set_defaults(handler=_load)
    actions.add_parser(
        "status", help="(laptop) this device: code, keys, entries waiting, last check-out/sync"
    ).set_defaults(handler=_status)
    gui = actions.add_parser(
        "gui", help="(laptop) open the window as this device: the route and the sync dialog"
    )
    gui.add_argument(
        "--central", metavar="URL", default="",
        help="the central database for the sync dialog's direct sync (optional)",
    )
    gui.set_defaults(handler=_gui)


def _checkout_parser(actions: argparse._SubParsersAction) -> None:
    checkout = actions.add_parser(
        "checkout",
        help="(central) give a device its work list: the accounts of --estate/--building (or "
        "--all) with bills, tariffs and payments; --to URL writes it straight into the "
        "laptop's database, --bundle FILE writes a bundle signed by the central key",
    )
    checkout.add_argument(
        "--estate", action="append", default=[], metavar="NAME", help="an estate (repeatable)"
    )
    checkout.add_argument(
        "--building", action="append", default=[], metavar="NO",
        help="only these buildings of the estates (repeatable; default all)",
    )
    checkout.add_argument(
        "--all", action="store_true", help="every account (a counter's fallback copy)"
    )
    where = checkout.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", metavar="URL", help="the laptop's database (direct)")
    where.add_argument("--bundle", type=Path, metavar="FILE", help="write a check-out bundle")
    checkout.add_argument("--device", metavar="CODE", help="the device (needed with --bundle)")
    checkout.set_defaults(handler=_checkout)


def other_database(url: str) -> Wiring:
    """A second database named on the command line, opened with the usual schema policy."""
    engine = make_engine(url)
    open_database(engine)
    return Wiring(settings=load_settings(url), engine=engine, actor=LOCAL_OPERATOR)


def _scope(args: argparse.Namespace) -> WorklistScope:
    if not args.all and not args.estate:
        raise UserError("请用 --estate 指定小区，或用 --all。", "give --estate or --all")
    return WorklistScope(tuple(args.estate), tuple(args.building), bool(args.all))


def _progress(done: int, total: int, what: str) -> None:
    print(f"\r{what} {done}/{total}", end="", file=sys.stderr, flush=True)


def _checkout(args: argparse.Namespace) -> int:
    central = connect(args)
    started = time.perf_counter()
    if args.to:
        laptop = other_database(args.to)
        done = checkout_direct(central.uow, laptop.uow, central.actor, _scope(args))
        print_load(done, time.perf_counter() - started)
        return 0
    if not args.device:
        raise UserError("写入数据包时请用 --device 指定设备编号。", "--device is needed")
    worklist = make_worklist(central.uow(), central.actor, args.device, _scope(args), via="bundle")
    args.bundle.write_bytes(worklist_bundle(central.uow(), worklist))
    print(f"任务数据包已写入 {args.bundle}：{worklist.header['accounts']} 户，"
          f"{len(worklist.records)} 条记录 / check-out bundle written")
    return 0


def print_load(done: LoadSummary, seconds: float) -> None:
    """The outcome of a check-out loaded on the device."""
    print(f"已领取任务：{done.accounts} 户，新增或更新 {done.rows} 行，"
          f"窗口收款 {done.payments} 笔，用时 {seconds:.1f} 秒 / checked out")


def print_summary(summary: SyncSummary) -> None:
    """A sync's summary, one fact per line."""
    print("同步完成 / sync done")
    for line in summary.lines():
        print(f"  {line}")


def _sync(args: argparse.Namespace) -> int:
    laptop = connect(args)
    if args.bundle:
        upload = prepare_upload(laptop.uow())
        args.bundle.write_bytes(upload_bundle(laptop.uow(), upload))
        print(f"上传数据包已写入 {args.bundle}：{len(upload.entries)} 条记录 / upload bundle")
        return 0
    central = other_database(args.to)
    summary = sync_direct(laptop.uow, central.uow, laptop.actor, progress=_progress)
    print(file=sys.stderr)
    print_summary(summary)
    return 0


def _import(args: argparse.Namespace) -> int:
    central = connect(args)
    answer, content = import_upload(
        central.uow, central.actor, args.file.read_bytes(), progress=_progress
    )
    print(file=sys.stderr)
    args.answer.write_bytes(content)
    if answer.replayed:
        print("此数据包已导入过：以下为当时记录的结果，没有重复过账 / imported before")
    print_summary(answer.summary)
    print(f"回执已写入 {args.answer}（请在设备上运行 device load-bundle）")
    return 0


def _load(args: argparse.Namespace) -> int:
    laptop = connect(args)
    content = args.file.read_bytes()
    raw = peek_bundle(content)
    if isinstance(raw, BundleProblem):
        raise BundleRefused(raw)
    if raw.get("kind") == "answer":
        summary = apply_answer(laptop.uow(), read_answer_bundle(laptop.uow(), content))
        print_summary(summary)
        return 0
    started = time.perf_counter()
    bundle = read_central_bundle(laptop.uow(), content, "checkout")
    done = load_worklist(laptop.uow(), WorkList(bundle.header, bundle.records))
    print_load(done, time.perf_counter() - started)
    return 0


def _status(args: argparse.Namespace) -> int:
    laptop = connect(args)
    status = device_status(laptop.uow())
    key = fingerprint(status.central_key) if status.central_key else "（尚未信任）"
    print(f"设备 {status.code}（{status.name}）\n  本机公钥指纹 {fingerprint(status.public_key)}"
          f"\n  总账公钥指纹 {key}\n  待同步记录 {status.waiting} 条\n  任务户数 {status.accounts}")
    for label, moment in (("最近领取任务", status.checked_out_at), ("最近同步", status.synced_at)):
        text = local_time(moment).strftime("%Y-%m-%d %H:%M") if moment else "无"
        print(f"  {label}：{text}")
    return 0


def _gui(args: argparse.Namespace) -> int:
    from cashier.commands.device_gui import run_device_window

    return run_device_window(args)
