"""`cashier report KIND ...`: write a report as PDF, .xlsx or CSV (the suffix of --out).

Kinds: daily (日记账), monthly (月度收费汇总), arrears (欠费明细), collection (收费率), reversals
(作废、退费及减免明细), prices (收费标准公示), vouchers (记账凭证) and notices (催缴通知单);
`report setup` shows or changes the voucher columns and accounts and the notices' text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cashier.commands.common import connect
from cashier.commands.payments import printer_of
from cashier.domain.errors import UserError
from cashier.domain.journal import CHINA
from cashier.domain.report_vouchers import DEFAULT_SUBJECTS, VOUCHER_FIELDS
from cashier.printing.notice_pdf import SIZES, NoticePdf
from cashier.printing.report_files import ReportFiles
from cashier.services import reports
from cashier.services.report_setup import change_report_setup, report_setup

OUT_HELP = "the file to write: FILE.pdf, FILE.xlsx or FILE.csv (the suffix picks the format)"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _month(text: str) -> tuple[int, int]:
    try:
        day = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month YYYY-MM: {text!r}") from None
    return day.year, day.month


def _out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help=OUT_HELP)


def _range(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", type=_date, required=True, metavar="YYYY-MM-DD",
                        help="first business day (inclusive)")  # fmt: skip
    parser.add_argument("--to", dest="last", type=_date, required=True, metavar="YYYY-MM-DD",
                        help="last business day (inclusive)")  # fmt: skip


def _place(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="figures as on this day (default: today)")  # fmt: skip
    parser.add_argument("--estate", default="", metavar="NAME", help="only this estate (小区)")
    parser.add_argument("--building", default="", metavar="NO",
                        help="only this building (楼号) of --estate")  # fmt: skip


def register(commands: argparse._SubParsersAction) -> None:
    """Add `report` and its kinds."""
    report = commands.add_parser("report", help="write ledgers and reports (PDF, .xlsx, CSV)")
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    daily = kinds.add_parser("daily", help="daily ledger (日记账) of one business day")
    daily.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD",
                       help="the business day")  # fmt: skip
    _out(daily)
    daily.set_defaults(handler=_daily)
    monthly = kinds.add_parser("monthly", help="month-end summary (月度收费汇总)")
    monthly.add_argument("--month", type=_month, required=True, metavar="YYYY-MM",
                         help="the month")  # fmt: skip
    _out(monthly)
    monthly.set_defaults(handler=_monthly)
    arrears = kinds.add_parser("arrears", help="arrears list (欠费明细) by estate/building/unit")
    _place(arrears)
    _out(arrears)
    arrears.set_defaults(handler=_arrears)
    _register_more(kinds)


def _register_more(kinds: argparse._SubParsersAction) -> None:
    collection = kinds.add_parser("collection", help="collection rate (收费率) by estate, season")
    collection.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                            help="figures as on this day (default: today)")  # fmt: skip
    collection.add_argument("--season", default="", metavar="CODE",
                            help="only this season, e.g. 2025-2026 (default: all)")  # fmt: skip
    _out(collection)
    collection.set_defaults(handler=_collection)
    reversals = kinds.add_parser(
        "reversals", help="voids, refunds and late-fee waivers with reasons and approvers"
    )
    _range(reversals)
    _out(reversals)
    reversals.set_defaults(handler=_reversals)
    prices = kinds.add_parser("prices", help="public price list (收费标准公示) of a season")
    prices.add_argument("--season", default="", metavar="CODE",
                        help="the season (default: the newest loaded)")  # fmt: skip
    prices.add_argument("--basis", default=None, metavar="TEXT",
                        help="first save the price documents it rests on (收费依据)")  # fmt: skip
    _out(prices)
    prices.set_defaults(handler=_prices)
    vouchers = kinds.add_parser("vouchers", help="accounting vouchers (记账凭证) per day, method")
    _range(vouchers)
    vouchers.add_argument("--columns", default=None, metavar="LIST",
                          help="comma-separated columns in order, from: "
                          + ", ".join(VOUCHER_FIELDS)
                          + " (default: the saved setting, else all but method)")  # fmt: skip
    _out(vouchers)
    vouchers.set_defaults(handler=_vouchers)
    _register_notices(kinds)


def _register_notices(kinds: argparse._SubParsersAction) -> None:
    notices = kinds.add_parser("notices", help="arrears notices (催缴通知单), one per household")
    _place(notices)
    notices.add_argument("--size", choices=SIZES, default="a4",
                         help="a4 (two a page) or receipt paper 58/80 mm (default a4)")  # fmt: skip
    notices.add_argument("--days", type=int, default=15, metavar="N",
                         help="ask to pay within N days of --date (default 15)")  # fmt: skip
    target = notices.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="FILE.pdf", help="write the notices as PDF")
    target.add_argument("--print", dest="print_them", action="store_true",
                        help="print them on this counter's receipt printer")  # fmt: skip
    notices.set_defaults(handler=_notices)
    setup = kinds.add_parser(
        "setup", help="show, or change, the voucher columns and accounts and the notices' text"
    )
    setup.add_argument("--voucher-columns", default=None, metavar="LIST",
                       help="columns of `report vouchers` in order: " + ", ".join(VOUCHER_FIELDS)
                       + " ('' restores the default)")  # fmt: skip
    setup.add_argument("--voucher-accounts", type=Path, default=None, metavar="FILE",
                       help="UTF-8 text file of lines KEY=CODE NAME, e.g. cash=1001 库存现金; "
                       "keys: " + ", ".join(DEFAULT_SUBJECTS))  # fmt: skip
    setup.add_argument("--notice-channels", default=None, metavar="TEXT",
                       help="how households can pay, as printed on arrears notices")  # fmt: skip
    setup.set_defaults(handler=_setup)


def _progress(done: int, total: int = 0) -> None:
    of = f" / {total:,}" if total else ""
    print(f"已处理 {done:,}{of} / {done:,}{of} processed", file=sys.stderr)


def _done(path: Path) -> int:
    print(f"已写入 {path} / written")
    return 0


def _today() -> dt.date:
    return dt.datetime.now(CHINA).date()


def _write(args: argparse.Namespace, build) -> int:
    wiring = connect(args)
    report = build(wiring.uow(), wiring.actor)
    return _done(reports.write_report(report, args.out, ReportFiles()))


def _daily(args: argparse.Namespace) -> int:
    return _write(args, lambda uow, actor: reports.daily_ledger_of(uow, actor, args.date,
                                                                  progress=_progress))  # fmt: skip


def _monthly(args: argparse.Namespace) -> int:
    year, month = args.month
    return _write(args, lambda uow, actor: reports.monthly_summary(uow, actor, year, month,
                                                                  progress=_progress))  # fmt: skip


def _arrears(args: argparse.Namespace) -> int:
    on = args.date or _today()
    place = {"estate": args.estate, "building": args.building}
    return _write(args, lambda uow, actor: reports.arrears_list(
        uow, actor, on, progress=_progress, **place))  # fmt: skip


def _collection(args: argparse.Namespace) -> int:
    on = args.date or _today()
    return _write(args, lambda uow, actor: reports.collection_rate(
        uow, actor, on, season=args.season, progress=_progress))  # fmt: skip


def _reversals(args: argparse.Namespace) -> int:
    return _write(args, lambda uow, actor: reports.reversals_between(uow, actor, args.first,
                                                                    args.last))  # fmt: skip


def _prices(args: argparse.Namespace) -> int:
    return _write(args, lambda uow, actor: reports.price_list(uow, actor, args.season,
                                                             basis=args.basis))  # fmt: skip


def _vouchers(args: argparse.Namespace) -> int:
    return _write(args, lambda uow, actor: reports.vouchers_between(
        uow, actor, args.first, args.last, columns=args.columns))  # fmt: skip


def _setup(args: argparse.Namespace) -> int:
    wiring = connect(args)
    accounts = None
    if args.voucher_accounts is not None:
        try:
            accounts = args.voucher_accounts.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"无法读取 {args.voucher_accounts}：{error}",
                            f"cannot read {args.voucher_accounts}: {error}") from error  # fmt: skip
    changing = (args.voucher_columns, accounts, args.notice_channels) != (None, None, None)
    if changing:
        setup = change_report_setup(
            wiring.uow(), wiring.actor, voucher_columns=args.voucher_columns,
            voucher_subjects=accounts, notice_channels=args.notice_channels,
        )  # fmt: skip
    else:
        setup = report_setup(wiring.uow())
    print(f"凭证列 / voucher columns: {','.join(setup.voucher_columns)}")
    print("凭证科目 / voucher accounts:")
    print(setup.subjects_text())
    print(f"催缴通知单缴费方式 / notice channels: {setup.notice_channels}")
    return 0


def _notices(args: argparse.Namespace) -> int:
    wiring = connect(args)
    on = args.date or _today()
    notices = reports.arrears_notices(
        wiring.uow(), wiring.actor, on, estate=args.estate, building=args.building,
        pay_within_days=args.days, progress=_progress,
    )  # fmt: skip
    if not args.print_them:
        if args.out.suffix.lower() != ".pdf":
            raise UserError("催缴通知单只能写成 PDF。", "notices are written as .pdf only")
        reports.write_notices(notices, args.out, NoticePdf(), size=args.size)
        print(f"{len(notices)} 张催缴通知单 / notices")
        return _done(args.out)
    printer = printer_of(wiring)
    if printer is None:
        raise UserError("本机没有设置收据打印机。", "no receipt printer is set up here")
    count = reports.print_notices(printer, notices)
    print(f"已打印 {count} 张催缴通知单 / {count} notices printed")
    return 0
