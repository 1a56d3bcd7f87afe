"""`cashier repairs`: load the repair price list, list orders, and write or print documents."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cashier.commands.common import connect
from cashier.commands.payments import printer_of
from cashier.domain.money import format_yuan
from cashier.domain.receipt import preview_text
from cashier.domain.repair_documents import local_text
from cashier.domain.repair_orders import CHANNELS, STATUS_LABELS, OrderFilter
from cashier.domain.repair_prices import KIND_LABELS, LABOUR, MATERIAL
from cashier.printing.repair_pdf import RepairPdf
from cashier.services.repair_documents import (
    bill_document,
    damage_document,
    print_slip,
    slip_lines,
    write_pdf,
)
from cashier.services.repair_orders import STATES, list_orders
from cashier.services.repair_prices import load_price_file, price_catalogue

STATE_HELP = (
    "open (not finished), overdue (nobody on site 30 minutes after the call), finished, "
    "no_followup (finished, not followed up yet), cancelled, all"
)


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `repairs` command and its actions."""
    repairs = commands.add_parser(
        "repairs", help="paid repairs: price list, orders, bills and damage confirmations"
    )
    actions = repairs.add_subparsers(dest="repairs_action", metavar="ACTION", required=True)
    _register_prices(actions)
    listing = actions.add_parser("list", help="list repair orders, newest first")
    listing.add_argument("--state", choices=STATES, default="open", help=STATE_HELP)
    listing.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="order number, account number, name, address, phone or fault (part of it)",
    )
    listing.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    listing.set_defaults(handler=_list)
    pdf = _document_action(
        actions, "pdf", "write the order's bill (or damage confirmation) as an A4 PDF", _pdf
    )
    pdf.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF file to write"
    )
    slip = _document_action(
        actions, "slip", "show (or print) the narrow slip of the bill or damage confirmation", _slip
    )
    slip.add_argument(
        "--width",
        type=int,
        choices=(32, 48),
        default=32,
        help="columns: 32 for 58 mm paper (default), 48 for 80 mm",
    )
    slip.add_argument(
        "--print",
        dest="send",
        action="store_true",
        help="print on this counter's receipt printer (settings)",
    )


def _document_action(actions, name: str, helptext: str, handler) -> argparse.ArgumentParser:
    action = actions.add_parser(name, help=helptext)
    action.add_argument("order", metavar="ORDER_NO", help="e.g. WX2025-00001")
    action.add_argument(
        "--damage",
        action="store_true",
        help="the damage confirmation (用户责任损坏确认单) instead of the bill",
    )
    action.set_defaults(handler=handler)
    return action


def _register_prices(actions: argparse._SubParsersAction) -> None:
    prices = actions.add_parser("prices", help="the approved repair prices and materials")
    price_actions = prices.add_subparsers(dest="prices_action", metavar="ACTION", required=True)
    load = price_actions.add_parser(
        "load",
        help="add the rows of a .toml, .xlsx or .csv price file (resources/repairs has an "
        "example); rows already loaded are skipped; a loaded price never changes: a new "
        "price needs a new valid_from (执行日期)",
    )
    load.add_argument("file", type=Path, metavar="FILE", help="price file")
    load.set_defaults(handler=_prices_load)
    show = price_actions.add_parser("show", help="the items and materials valid on a date")
    show.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date (default: today)",
    )
    show.set_defaults(handler=_prices_show)


def _prices_load(args: argparse.Namespace) -> int:
    wiring = connect(args)
    load = load_price_file(wiring.uow(), wiring.actor, args.file)
    print(f"已载入 {load.added} 行，{load.unchanged} 行已存在未变（{load.source}）。")
    return 0


def _prices_show(args: argparse.Namespace) -> int:
    wiring = connect(args)
    on = args.date or dt.date.today()
    catalogue = price_catalogue(wiring.uow(), wiring.actor, on)
    print(f"{on} 有效的维修价格：")
    for kind in (LABOUR, MATERIAL):
        print(f"[{KIND_LABELS[kind]}]")
        for row in catalogue.of_kind(kind):
            name = f"{row.name} {row.spec}".strip()
            price = format_yuan(row.price_fen)
            print(f"  {row.code}\t{name}\t{price}/{row.unit}\t自 {row.valid_from}\t{row.basis}")
    return 0


def _list(args: argparse.Namespace) -> int:
    wiring = connect(args)
    where = OrderFilter(args.state, args.search)
    orders = list_orders(wiring.uow(), wiring.actor, where, limit=args.limit)
    now = dt.datetime.now(dt.UTC)
    for order in orders:
        flag = "超时未到达" if order.overdue(now) else ("迟到" if order.arrived_late else "")
        paid = "收费" if order.charge[1] else "免费"
        print(
            "\t".join(
                (
                    order.number,
                    local_text(order.received_at),
                    CHANNELS.get(order.channel, order.channel),
                    order.account_no or "-",
                    order.customer_name,
                    order.address,
                    paid,
                    STATUS_LABELS[order.status],
                    flag,
                    order.fault,
                )
            )
        )
    print(f"共 {len(orders)} 张维修单。")
    return 0


def _document(args: argparse.Namespace):
    wiring = connect(args)
    read = damage_document if args.damage else bill_document
    return wiring, read(wiring.uow(), wiring.actor, args.order.strip().upper())


def _pdf(args: argparse.Namespace) -> int:
    _, document = _document(args)
    path = write_pdf(document, RepairPdf(), args.out)
    print(f"已写入 {path}")
    return 0


def _slip(args: argparse.Namespace) -> int:
    wiring, document = _document(args)
    if not args.send:
        print(preview_text(slip_lines(document, args.width), args.width))
        return 0
    printer = printer_of(wiring)
    if printer is None:
        print("未设置打印机（printer_uri）。")
        return 1
    result = print_slip(printer, document)
    print("已打印。" if result.printed else f"打印失败：{result.error}")
    return 0 if result.printed else 1
