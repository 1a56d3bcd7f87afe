"""`cashier shift`, `cashier pay` and `cashier payments`: the counter from the command line.

The counter is the settings' `counter_code` (or CASHIER_COUNTER); the receipt printer is the
settings' `printer_uri` and `printer_profile` (nothing is printed when no URI is set).
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path

from cashier.commands.common import Wiring, connect
from cashier.domain.errors import UserError
from cashier.domain.journal import local_time
from cashier.domain.money import MoneyError, format_yuan, parse_yuan
from cashier.domain.tender import METHODS, TenderPart, method_label
from cashier.printing.receipt_printer import make_receipt_printer
from cashier.services.agent_import import assign_suspense, import_agent_payments, suspense_items
from cashier.services.payments import PaymentRequest, PaymentResult, post_payment
from cashier.services.receipt_records import account_payments
from cashier.services.shifts import close_shift, current_shift, open_shift
from cashier.services.station import Station


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `shift`, `pay` and `payments` commands."""
    _register_shift(commands)
    _register_pay(commands)
    _register_payments(commands)


def yuan(text: str) -> int:
    """An amount in yuan (at most two decimals) as fen, for argparse."""
    try:
        return parse_yuan(text)
    except MoneyError as error:
        raise argparse.ArgumentTypeError(error.bilingual()) from None


def station_of(wiring: Wiring) -> Station:
    """This client's counter."""
    try:
        return Station(wiring.settings.counter_code)
    except ValueError:
        raise UserError(
            f"窗口编号无效：{wiring.settings.counter_code}", "invalid counter_code setting"
        ) from None


def printer_of(wiring: Wiring):
    """The configured receipt printer, or None."""
    settings = wiring.settings
    return make_receipt_printer(settings.printer_uri, settings.printer_profile)


def _register_shift(commands: argparse._SubParsersAction) -> None:
    shift = commands.add_parser("shift", help="open, close or show this counter's shift")
    actions = shift.add_subparsers(dest="shift_action", metavar="ACTION", required=True)
    opening = actions.add_parser("open", help="open a shift with an opening float (备用金)")
    opening.add_argument(
        "--float", dest="float_fen", type=yuan, default=0, metavar="YUAN",
        help="cash in the drawer at the start, in yuan (default 0)",
    )
    opening.set_defaults(handler=_shift_open)
    closing = actions.add_parser(
        "close", help="close the open shift: print its totals; records an anchor"
    )
    closing.set_defaults(handler=_shift_close)
    status = actions.add_parser("status", help="show the counter's open shift")
    status.set_defaults(handler=_shift_status)


def _register_pay(commands: argparse._SubParsersAction) -> None:
    pay = commands.add_parser(
        "pay",
        help="post a payment at this counter (needs an open shift) and print its receipt",
    )
    pay.add_argument("account", metavar="ACCOUNT", help="account number (户号)")
    pay.add_argument("--cash", type=yuan, metavar="YUAN", help="cash part, in yuan")
    for method in METHODS:
        if method != "cash":
            pay.add_argument(
                f"--{method.replace('_', '-')}", dest=method, metavar="YUAN:REFERENCE",
                help=f"{method_label(method)} part and its transaction number, e.g. 100:4200001",
            )
    pay.add_argument("--tendered", type=yuan, metavar="YUAN", help="cash handed over")
    pay.add_argument(
        "--credit", action="store_true",
        help="confirm that money beyond what is due becomes a credit balance (预存)",
    )
    pay.add_argument(
        "--uuid", default=None,
        help="the payment's client UUID (default: a new one); repeat it to retry safely",
    )
    pay.set_defaults(handler=_pay)


def _register_payments(commands: argparse._SubParsersAction) -> None:
    payments = commands.add_parser(
        "payments", help="bank/agent collection files, suspense, an account's payments"
    )
    actions = payments.add_subparsers(dest="payments_action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="import a bank/agent file (.csv or .xlsx: 户号, 金额, 渠道, 流水号, 日期); a bad "
        "row refuses the whole file; unknown 户号 go to suspense (待查款项); a 流水号 imported "
        "before is skipped; each payment is dated by 日期",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the collection file")
    imp.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    imp.set_defaults(handler=_import)
    actions.add_parser("suspense", help="list suspense items (待查款项) not assigned yet") \
        .set_defaults(handler=_suspense)
    assign = actions.add_parser("assign", help="assign a suspense item to an account (posts it)")
    assign.add_argument("item", type=int, metavar="ID", help="suspense item id (see suspense)")
    assign.add_argument("account", metavar="ACCOUNT", help="account number (户号)")
    assign.set_defaults(handler=_assign)
    listing = actions.add_parser("list", help="an account's payments, voids and refunds")
    listing.add_argument("account", metavar="ACCOUNT", help="account number (户号)")
    listing.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    listing.set_defaults(handler=_list)


def _shift_open(args: argparse.Namespace) -> int:
    wiring = connect(args)
    info = open_shift(
        wiring.uow(), wiring.actor, station_of(wiring),
        opening_float_fen=args.float_fen, client_uuid=str(uuid.uuid4()),
    )
    print(f"窗口 {info.counter} 已开班（{info.receipt_no}），收费员 {info.staff_no} "
          f"{info.staff_name}，备用金 {format_yuan(info.opening_float_fen)} / shift open")
    return 0


def _shift_close(args: argparse.Namespace) -> int:
    wiring = connect(args)
    totals = close_shift(
        wiring.uow(), wiring.actor, station_of(wiring), client_uuid=str(uuid.uuid4())
    )
    print(f"已结班（{totals.closed_receipt_no}）：收费 {totals.payments} 笔，作废 {totals.voids} "
          f"笔，退费 {totals.refunds} 笔，净额 {format_yuan(totals.net_fen)}")
    for method, fen in sorted(totals.by_method.items()):
        print(f"  {method_label(method)}：{format_yuan(fen)}")
    print(f"  应有现金（含备用金）：{format_yuan(totals.cash_expected_fen)}")
    if totals.anchor is not None:
        print(f"  锚点 / anchor: {totals.anchor.chain} {totals.anchor.seq} {totals.anchor.hash}")
    return 0


def _shift_status(args: argparse.Namespace) -> int:
    wiring = connect(args)
    info = current_shift(wiring.uow(), station_of(wiring))
    if info is None:
        print(f"窗口 {wiring.settings.counter_code} 没有开着的班次 / no open shift")
        return 0
    opened = local_time(info.opened_at).strftime("%Y-%m-%d %H:%M")
    print(f"窗口 {info.counter}：{info.staff_no} {info.staff_name} 于 {opened} 开班"
          f"（{info.receipt_no}），备用金 {format_yuan(info.opening_float_fen)}")
    return 0


def _parts(args: argparse.Namespace) -> tuple[TenderPart, ...]:
    parts = [TenderPart("cash", args.cash)] if args.cash else []
    for method in METHODS:
        value = getattr(args, method, None) if method != "cash" else None
        if value:
            amount, _, reference = value.partition(":")
            try:
                parts.append(TenderPart(method, parse_yuan(amount), reference))
            except MoneyError as error:
                raise UserError(f"{method_label(method)}：{error}", error.english) from None
    return tuple(parts)


def _pay(args: argparse.Namespace) -> int:
    wiring = connect(args)
    request = PaymentRequest(
        client_uuid=args.uuid or str(uuid.uuid4()),
        account_no=args.account,
        parts=_parts(args),
        cash_tendered_fen=args.tendered,
        allow_credit=args.credit,
    )
    result = post_payment(
        wiring.uow(), wiring.actor, station_of(wiring), request, printer=printer_of(wiring)
    )
    print_payment(result)
    return 0


def print_payment(result: PaymentResult) -> None:
    """One summary line of a posted entry, and the printing outcome."""
    again = "（重复提交，已入账的记录）" if result.duplicate else ""
    print(f"{result.entry.kind_label}已入账{again}：收据号 {result.receipt_no}，"
          f"金额 {format_yuan(result.entry.amount_fen)} / posted {result.receipt_no}")
    if result.change_fen is not None:
        print(f"找零 {format_yuan(result.change_fen)}")
    if result.print_error:
        print(result.print_error)


def _import(args: argparse.Namespace) -> int:
    wiring = connect(args)
    summary = import_agent_payments(wiring.uow(), wiring.actor, args.file, dry_run=args.dry_run)
    head = "试导入（未写入）" if summary.dry_run else "导入完成"
    print(f"{head}：入账 {summary.posted} 笔 {format_yuan(summary.posted_fen)}，"
          f"转待查 {summary.suspense} 笔 {format_yuan(summary.suspense_fen)}，"
          f"已导入过而跳过 {summary.skipped} 笔 / posted {summary.posted}, "
          f"suspense {summary.suspense}, skipped {summary.skipped}")
    return 0


def _suspense(args: argparse.Namespace) -> int:
    wiring = connect(args)
    items = suspense_items(wiring.uow(), wiring.actor)
    for item in items:
        print(f"{item.id}\t{item.paid_on}\t{item.channel}\t{item.serial}\t{item.account_no}\t"
              f"{format_yuan(item.amount_fen)}\t{item.file_name}")
    print(f"待查款项 {len(items)} 笔 / {len(items)} suspense item(s)")
    return 0


def _assign(args: argparse.Namespace) -> int:
    wiring = connect(args)
    receipt_no = assign_suspense(wiring.uow(), wiring.actor, args.item, args.account)
    print(f"已入账到户号 {args.account}：收据号 {receipt_no} / posted as {receipt_no}")
    return 0


def _list(args: argparse.Namespace) -> int:
    wiring = connect(args)
    for row in account_payments(wiring.uow(), args.account, limit=args.limit):
        marks = [f"被{row.reversed_by}冲销" if row.reversed_by else "",
                 f"冲销{row.reverses}" if row.reverses else "",
                 f"发票{row.invoice_no}" if row.invoice_no else ""]
        print(f"{row.receipt_no}\t{row.taken_at:%Y-%m-%d %H:%M}\t{row.kind_label}\t"
              f"{format_yuan(row.amount_fen)}\t{row.methods}\t{row.staff}\t"
              + " ".join(m for m in marks if m))
    return 0
