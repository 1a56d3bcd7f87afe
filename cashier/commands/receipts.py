"""`cashier receipt`, `cashier void`, `cashier refund` and `cashier journal anchors`."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
import uuid
from pathlib import Path

from cashier.commands.common import Wiring, connect
from cashier.commands.payments import print_payment, printer_of, station_of, yuan
from cashier.domain.errors import UserError
from cashier.domain.receipt import preview_text
from cashier.domain.roles import Approval
from cashier.domain.tender import TenderPart
from cashier.services.journal_verify import export_anchors
from cashier.services.receipt_records import check_receipt, exchange_invoice
from cashier.services.receipts import receipt_for, receipt_lines, reprint
from cashier.services.reversals import refund_credit, refund_payment, void_payment
from cashier.services.users import verify_approval
from cashier.store.uow import uow_factory


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `receipt`, `void`, `refund` and `journal` commands."""
    _register_receipt(commands)
    _register_reversals(commands)
    journal = commands.add_parser("journal", help="the counter journals: export anchors")
    actions = journal.add_subparsers(dest="journal_action", metavar="ACTION", required=True)
    anchors = actions.add_parser(
        "anchors",
        help="write every counter journal's head (counter, last seq, hash) as an anchors "
        "file for `cashier verify --anchors`; keep it outside the database",
    )
    anchors.add_argument("--out", type=Path, metavar="FILE", help="file to write (default: stdout)")
    anchors.set_defaults(handler=_anchors)


def _register_receipt(commands: argparse._SubParsersAction) -> None:
    receipt = commands.add_parser("receipt", help="check, show, reprint or invoice a receipt")
    actions = receipt.add_subparsers(dest="receipt_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="check a scanned receipt QR code: genuine? voided? (exit 1 if not genuine)"
    )
    check.add_argument("payload", metavar="PAYLOAD", help='the QR text, e.g. "HR1|A01-00000123|…"')
    check.set_defaults(handler=_check)
    show = actions.add_parser(
        "show", help="print a receipt as text, as the paper shows it, with its QR payload"
    )
    show.add_argument("receipt_no", metavar="RECEIPT_NO", help="e.g. A01-00000123")
    show.add_argument("--width", type=int, choices=(32, 48), default=32,
                      help="columns: 32 for 58 mm paper (default), 48 for 80 mm")
    show.set_defaults(handler=_show)
    again = actions.add_parser("reprint", help="reprint a receipt marked 补打（第N次） (audited)")
    again.add_argument("receipt_no", metavar="RECEIPT_NO")
    again.set_defaults(handler=_reprint)
    invoice = actions.add_parser(
        "invoice", help="mark a receipt as exchanged for an invoice (换开发票), once"
    )
    invoice.add_argument("receipt_no", metavar="RECEIPT_NO")
    invoice.add_argument("--invoice", required=True, metavar="NUMBER", help="invoice number")
    invoice.add_argument("--date", type=dt.date.fromisoformat, default=None,
                         metavar="YYYY-MM-DD", help="invoice date (default today)")
    invoice.set_defaults(handler=_invoice)


def _approval_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reason", required=True, help="why (recorded and audited)")
    parser.add_argument("--approver", required=True, metavar="STAFF_NO",
                        help="the approving supervisor's staff number (password is asked)")
    parser.add_argument("--approver-password-stdin", action="store_true",
                        help="read the approver's password from the first line of stdin")


def _register_reversals(commands: argparse._SubParsersAction) -> None:
    void = commands.add_parser(
        "void", help="void (作废) a payment of today taken by you, with a supervisor's approval"
    )
    void.add_argument("receipt_no", metavar="RECEIPT_NO")
    _approval_options(void)
    void.set_defaults(handler=_void)
    refund = commands.add_parser(
        "refund", help="refund (退费) a payment of any day, or pay out a credit balance, "
        "with a supervisor's approval"
    )
    target = refund.add_mutually_exclusive_group(required=True)
    target.add_argument("--receipt", metavar="RECEIPT_NO", help="the payment to refund in full")
    target.add_argument("--credit-of", metavar="ACCOUNT", help="pay out this account's credit")
    refund.add_argument("--amount", type=yuan, metavar="YUAN",
                        help="credit to pay out, in yuan (with --credit-of)")
    refund.add_argument("--method", default="cash", choices=("cash", "bank_transfer"),
                        help="how the money goes back (default cash; with --credit-of)")
    refund.add_argument("--reference", default="", help="transfer number for bank_transfer")
    _approval_options(refund)
    refund.set_defaults(handler=_refund)


def _approve(args: argparse.Namespace, wiring: Wiring, action: str) -> Approval:
    if args.approver_password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"主管 {args.approver} 的密码 (approver password): ")
    else:
        raise UserError("请在终端中运行以输入主管密码，或使用 --approver-password-stdin。",
                        "no terminal for the approver's password")
    return verify_approval(wiring.uow(), staff_no=args.approver, password=password,
                           action=action, requester=wiring.actor)


def _check(args: argparse.Namespace) -> int:
    wiring = connect(args)
    result = check_receipt(uow_factory(wiring.engine, read_only=True)(), args.payload)
    print(result.summary)
    return 0 if result.genuine else 1


def _show(args: argparse.Namespace) -> int:
    wiring = connect(args)
    receipt = receipt_for(wiring.uow(), args.receipt_no)
    lines = receipt_lines(receipt, args.width)
    print(preview_text(lines, args.width, qr_placeholder=f"[二维码 {receipt.qr_payload}]"))
    return 0


def _reprint(args: argparse.Namespace) -> int:
    wiring = connect(args)
    result = reprint(wiring.uow(), wiring.actor, station_of(wiring), args.receipt_no,
                     printer=printer_of(wiring))
    state = "已打印" if result.printed else (result.print_error or "未打印")
    print(f"补打（第{result.reprint_count}次）{args.receipt_no}：{state}")
    return 0 if result.printed or result.print_error is None else 1


def _invoice(args: argparse.Namespace) -> int:
    wiring = connect(args)
    mark = exchange_invoice(wiring.uow(), wiring.actor, args.receipt_no,
                            invoice_no=args.invoice, invoice_date=args.date or dt.date.today())
    print(f"收据 {mark.receipt_no} 已换开发票 {mark.invoice_no}（{mark.invoice_date}）")
    return 0


def _void(args: argparse.Namespace) -> int:
    wiring = connect(args)
    approval = _approve(args, wiring, "void")
    result = void_payment(wiring.uow(), wiring.actor, station_of(wiring), args.receipt_no,
                          reason=args.reason, approval=approval,
                          client_uuid=str(uuid.uuid4()), printer=printer_of(wiring))
    print_payment(result)
    return 0


def _refund(args: argparse.Namespace) -> int:
    wiring = connect(args)
    approval = _approve(args, wiring, "refund")
    common = {"reason": args.reason, "approval": approval, "client_uuid": str(uuid.uuid4()),
              "printer": printer_of(wiring)}
    if args.receipt:
        result = refund_payment(wiring.uow(), wiring.actor, station_of(wiring), args.receipt,
                                **common)
    else:
        if args.amount is None:
            raise UserError("请用 --amount 指定退还的预存金额。", "--amount is required")
        parts = (TenderPart(args.method, args.amount, args.reference),)
        result = refund_credit(wiring.uow(), wiring.actor, station_of(wiring), args.credit_of,
                               amount_fen=args.amount, parts=parts, **common)
    print_payment(result)
    return 0


def _anchors(args: argparse.Namespace) -> int:
    wiring = connect(args)
    text = export_anchors(uow_factory(wiring.engine, read_only=True)())
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"锚点已写入 {args.out} / anchors written")
    return 0
