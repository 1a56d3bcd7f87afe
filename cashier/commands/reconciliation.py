"""`cashier zreport`, `cashier reconcile`, `cashier day` and `cashier keys`: shift close with a
blind count and its Z report, the day's reconciliation, the day close with signed anchors,
and the Ed25519 signing key. Settlement statements are in commands/settlements.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
import uuid
from pathlib import Path

from cashier.commands.common import Wiring, connect
from cashier.commands.payments import printer_of, station_of, yuan
from cashier.domain.cash_count import DENOMINATIONS, BlindCount, CardSlip, CountError
from cashier.domain.errors import UserError
from cashier.domain.money import MoneyError, format_yuan, parse_yuan
from cashier.domain.receipt import preview_text
from cashier.domain.roles import Approval
from cashier.domain.shift_report import ShiftReport
from cashier.domain.tender import method_label
from cashier.domain.z_report import layout_z_report
from cashier.printing.z_report_pdf import write_z_report_pdf
from cashier.services.anchor_signing import (
    check_anchor_file,
    generate_key,
    load_signer,
    register_public_key,
    registered_public_key,
)
from cashier.services.day_close import close_day, day_status, exported_anchors
from cashier.services.receipts import read_letterhead
from cashier.services.reconciliation import day_overview, day_totals
from cashier.services.shift_close import (
    close_counted_shift,
    reprint_z_report,
    set_variance_threshold,
    z_report,
)
from cashier.services.signin import verify_approval

DATE_HELP = "business date YYYY-MM-DD"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `zreport`, `reconcile`, `day` and `keys` commands."""
    _register_zreport(commands)
    _register_reconcile(commands)
    _register_day(commands)
    keys = commands.add_parser("keys", help="the Ed25519 key that signs day-close anchors")
    actions = keys.add_subparsers(dest="keys_action", metavar="ACTION", required=True)
    generate = actions.add_parser(
        "generate",
        help="write a new private key to FILE (PEM, owner-only; never overwritten) and its "
        "public key to FILE.pub, and register the public key in the database",
    )
    generate.add_argument("file", type=Path, metavar="FILE", help="private key file to create")
    generate.add_argument("--no-register", action="store_true",
                          help="do not register the public key in the database")
    generate.set_defaults(handler=_keys_generate)


def _register_zreport(commands: argparse._SubParsersAction) -> None:
    zreport = commands.add_parser(
        "zreport", help="close this counter's shift with a blind count; show or reprint a Z "
        "report (结班报表)"
    )
    actions = zreport.add_subparsers(dest="zreport_action", metavar="ACTION", required=True)
    close = actions.add_parser(
        "close", help="close the shift with the cash counted by denomination and the card "
        "terminal's slips; prints the Z report when a printer is set up"
    )
    close.add_argument("--cash", default="", metavar="SPEC",
                       help='pieces per denomination in yuan, e.g. "100x12,50x3,0.5x4" '
                       "(denominations: 100 50 20 10 5 1 0.5 0.1 0.05 0.02 0.01)")
    close.add_argument("--slip", action="append", default=[], metavar="YUAN[:REF]",
                       help="one card-terminal slip (repeat; negative for a refund slip)")
    close.add_argument("--reason", default="", help="why counted and expected differ")
    close.add_argument("--approver", metavar="STAFF_NO",
                       help="supervisor approving a difference above the threshold "
                       "(password asked)")
    close.add_argument("--approver-password-stdin", action="store_true",
                       help="read the approver's password from the first line of stdin")
    _output_options(close)
    close.set_defaults(handler=_close)
    show = actions.add_parser("show", help="show the Z report of a shift close")
    show.add_argument("receipt_no", metavar="RECEIPT_NO", help="the shift close, e.g. A01-00000012")
    _output_options(show)
    show.set_defaults(handler=_show)
    again = actions.add_parser("reprint", help="reprint a Z report marked 补打（第N次） (audited)")
    again.add_argument("receipt_no", metavar="RECEIPT_NO")
    _output_options(again)
    again.set_defaults(handler=_reprint)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--width", type=int, choices=(32, 48), default=32,
                        help="columns of the text shown: 32 for 58 mm paper (default), 48 for 80")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="also write the report as A4 PDF")


def _register_reconcile(commands: argparse._SubParsersAction) -> None:
    reconcile = commands.add_parser("reconcile", help="the day's reconciliation (对账)")
    actions = reconcile.add_subparsers(dest="reconcile_action", metavar="ACTION", required=True)
    overview = actions.add_parser(
        "overview", help="every cashier's shift and collector of a day: expected, counted, "
        "difference, status; and the day's money per method"
    )
    overview.add_argument("--date", type=_date, required=True, help=DATE_HELP)
    overview.set_defaults(handler=_overview)
    threshold = actions.add_parser(
        "threshold", help="set the largest shift or hand-over difference accepted without "
        "a reason and a supervisor, in yuan"
    )
    threshold.add_argument("amount", type=yuan, metavar="YUAN")
    threshold.set_defaults(handler=_threshold)


def _register_day(commands: argparse._SubParsersAction) -> None:
    day = commands.add_parser("day", help="day close (日结) and its signed anchors")
    actions = day.add_subparsers(dest="day_action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="is the day closed, and what keeps it open")
    status.add_argument("--date", type=_date, required=True, help=DATE_HELP)
    status.set_defaults(handler=_status)
    close = actions.add_parser(
        "close", help="close the books through a day (shifts closed, cash handed over) and "
        "write its anchors signed with the Ed25519 key"
    )
    close.add_argument("--date", type=_date, required=True, help=DATE_HELP)
    close.add_argument("--key", type=Path, metavar="FILE",
                       help="private key file (default: the signing_key setting)")
    close.add_argument("--out", type=Path, metavar="FILE", required=True,
                       help="anchors file to write, for `cashier verify --anchors`")
    close.set_defaults(handler=_day_close)
    anchors = actions.add_parser("anchors", help="write a closed day's signed anchors again")
    anchors.add_argument("--date", type=_date, required=True, help=DATE_HELP)
    anchors.add_argument("--out", type=Path, metavar="FILE", required=True, help="file to write")
    anchors.set_defaults(handler=_day_anchors)


def parse_pieces(spec: str) -> dict[int, int]:
    """Pieces per denomination from "100x12,50x3,0.5x4" (yuan x pieces). Raises UserError."""
    known = {value for value, _ in DENOMINATIONS}
    pieces: dict[int, int] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        value_text, _, count_text = item.partition("x")
        try:
            value, count = parse_yuan(value_text), int(count_text)
        except (MoneyError, ValueError):
            raise UserError(
                f"清点格式错误：{item}（应为 面额x张数）", f"bad count {item!r}"
            ) from None
        if value not in known or count < 0:
            raise UserError(f"没有 {value_text} 元的面额或张数无效。", f"bad count {item!r}")
        pieces[value] = pieces.get(value, 0) + count
    return pieces


def _slips(values: list[str]) -> tuple[CardSlip, ...]:
    slips = []
    for value in values:
        amount, _, reference = value.partition(":")
        try:
            slips.append(CardSlip(parse_yuan(amount, allow_negative=True), reference.strip()))
        except MoneyError as error:
            raise UserError(f"刷卡小票金额无效：{error}", error.english) from None
    return tuple(slips)


def _output(args: argparse.Namespace, wiring: Wiring, report: ShiftReport, reprints: int) -> None:
    with wiring.uow() as uow:
        letter = read_letterhead(uow)
    lines = layout_z_report(report, letter.company, args.width, reprints)
    print(preview_text(lines, args.width))
    if args.pdf is not None:
        try:
            write_z_report_pdf(args.pdf, report, letter.company, letter.service_phone, reprints)
        except OSError as error:
            raise UserError(f"无法写入 {args.pdf}：{error}", str(error)) from error
        print(f"已写入 {args.pdf} / written")


def _approval(args: argparse.Namespace, wiring: Wiring, action: str) -> Approval:
    if args.approver_password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"主管 {args.approver} 的密码 (approver password): ")
    else:
        raise UserError("请在终端中运行以输入主管密码，或使用 --approver-password-stdin。",
                        "no terminal for the approver's password")
    return verify_approval(wiring.uow(), staff_no=args.approver, password=password,
                           action=action, requester=wiring.actor)


def _close(args: argparse.Namespace) -> int:
    wiring = connect(args)
    try:
        count = BlindCount(parse_pieces(args.cash), _slips(args.slip))
    except CountError as error:
        raise UserError(str(error), error.english) from None
    approval = _approval(args, wiring, "shift_variance") if args.approver else None
    result = close_counted_shift(
        wiring.uow(), wiring.actor, station_of(wiring), count=count,
        client_uuid=str(uuid.uuid4()), reason=args.reason, approval=approval,
        printer=printer_of(wiring),
    )
    _output(args, wiring, result.report, 0)
    if result.print_error:
        print(result.print_error)
    return 0


def _show(args: argparse.Namespace) -> int:
    wiring = connect(args)
    report, reprints = z_report(wiring.uow(), args.receipt_no)
    _output(args, wiring, report, 0)
    if reprints:
        print(f"（已补打 {reprints} 次）")
    return 0


def _reprint(args: argparse.Namespace) -> int:
    wiring = connect(args)
    report, count, error = reprint_z_report(
        wiring.uow(), wiring.actor, station_of(wiring), args.receipt_no,
        printer=printer_of(wiring),
    )
    _output(args, wiring, report, count)
    if error:
        print(error)
    return 0


def _show_amount(fen: int | None) -> str:
    return "—" if fen is None else format_yuan(fen)


def _overview(args: argparse.Namespace) -> int:
    wiring = connect(args)
    for row in day_overview(wiring.uow(), wiring.actor, args.date):
        kind = "收费员" if row.kind == "cashier" else "上门收费员"
        print(f"{kind} {row.staff}  {row.place}  应有 {format_yuan(row.expected_fen)}  "
              f"实点 {_show_amount(row.counted_fen)}  差额 {_show_amount(row.difference_fen)}  "
              f"{row.status}")
    totals = day_totals(wiring.uow(), wiring.actor, args.date)
    for method, fen in totals.net().items():
        print(f"  {method_label(method)}：{format_yuan(fen)}")
    return 0


def _threshold(args: argparse.Namespace) -> int:
    wiring = connect(args)
    set_variance_threshold(wiring.uow(), wiring.actor, args.amount)
    print(f"结班/缴款差额阈值：{format_yuan(args.amount)} / threshold set")
    return 0


def _status(args: argparse.Namespace) -> int:
    wiring = connect(args)
    status = day_status(wiring.uow(), wiring.actor, args.date)
    if status.closed:
        print(f"{args.date} 已日结（已结至 {status.closed_through}） / closed")
    elif status.blockers.clear:
        print(f"{args.date} 可以日结 / ready to close")
    else:
        print(f"{args.date} 还不能日结：{status.blockers.message()}")
    return 0


def _signing_key(args: argparse.Namespace, wiring: Wiring) -> Path:
    path = args.key or (Path(wiring.settings.signing_key) if wiring.settings.signing_key else None)
    if path is None:
        raise UserError("请用 --key 指定签名私钥文件，或在设置中填写 signing_key。",
                        "no signing key: pass --key or set signing_key")
    return path


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(f"无法写入 {path}：{error}", str(error)) from error


def _day_close(args: argparse.Namespace) -> int:
    wiring = connect(args)
    signer = load_signer(_signing_key(args, wiring))
    signed = close_day(wiring.uow(), wiring.actor, station_of(wiring), args.date, signer=signer)
    _write(args.out, signed.to_json())
    print(f"已日结至 {args.date}，{len(signed.anchors)} 个锚点已签名写入 {args.out} / closed")
    return 0


def _day_anchors(args: argparse.Namespace) -> int:
    wiring = connect(args)
    _write(args.out, exported_anchors(wiring.uow(), wiring.actor, args.date))
    print(f"已写入 {args.out} / written")
    return 0


def _keys_generate(args: argparse.Namespace) -> int:
    signer = generate_key(args.file)
    print(f"私钥：{args.file}（请妥善保管，不要放在数据库所在的电脑上）")
    print(f"公钥：{signer.public_key}")
    if not args.no_register:
        wiring = connect(args)
        register_public_key(wiring.uow(), wiring.actor, signer.public_key)
        print("公钥已登记到数据库 / public key registered")
    return 0


def anchor_signature_line(path: Path, wiring: Wiring, public_key: str | None) -> str:
    """For `cashier verify --anchors`: check the file's signature against `public_key` (hex,
    or a file holding it), else the key registered in the database. Raises UserError."""
    trusted = public_key
    if trusted and Path(trusted).is_file():
        trusted = Path(trusted).read_text(encoding="ascii").strip()
    if not trusted:
        trusted = registered_public_key(wiring.uow())
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(f"无法读取锚点文件 {path}：{error}", str(error)) from error
    return check_anchor_file(text, trusted)
