"""`cashier accounts import|export|template` and `cashier readings import`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cashier.commands.common import connect
from cashier.domain.money import format_yuan
from cashier.domain.table_rows import ImportRefused
from cashier.services.account_files import (
    export_accounts,
    import_accounts,
    write_account_template,
)
from cashier.services.readings import import_readings

FILE_HELP = ".csv (UTF-8 with or without BOM, or GB18030) or .xlsx (first sheet)"
PROGRESS_EVERY = 10_000


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `accounts` and `readings` commands."""
    _register_accounts(commands)
    _register_readings(commands)


def _register_accounts(commands: argparse._SubParsersAction) -> None:
    accounts = commands.add_parser("accounts", help="accounts: import, export, template")
    actions = accounts.add_subparsers(dest="accounts_action", metavar="ACTION", required=True)
    imports = actions.add_parser(
        "import",
        help="register the accounts of FILE: all rows or none; every bad row is reported as "
        '"row N, column: why", duplicates in the file and against the database too',
    )
    imports.add_argument("file", metavar="FILE", type=Path, help=FILE_HELP)
    imports.add_argument(
        "--dry-run", action="store_true", help="check every row and report, write nothing"
    )
    imports.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="registration day: facts valid from it (or from the newest season's first day "
        "if earlier) and 往年欠费 booked on it (default: today)",
    )
    imports.set_defaults(handler=_import)
    _register_files(actions)


def _register_files(actions: argparse._SubParsersAction) -> None:
    export = actions.add_parser(
        "export", help="write every account in the import's columns (.csv with BOM, or .xlsx)"
    )
    export.add_argument("file", metavar="FILE", type=Path, help="FILE.csv or FILE.xlsx")
    export.set_defaults(handler=_export)
    template = actions.add_parser(
        "template",
        help="write an empty accounts file with the header row (.xlsx adds a sheet 填写说明 "
        "explaining each column)",
    )
    template.add_argument("file", metavar="FILE", type=Path, help="FILE.csv or FILE.xlsx")
    template.set_defaults(handler=_template)


def _register_readings(commands: argparse._SubParsersAction) -> None:
    readings = commands.add_parser("readings", help="metered readings: import")
    actions = readings.add_subparsers(dest="readings_action", metavar="ACTION", required=True)
    imports = actions.add_parser(
        "import",
        help="store metered readings (户号, 采暖期, 用量, 抄表日期) and post each settlement "
        "line (计量结算) to the season's bill; all rows or none",
    )
    imports.add_argument("file", metavar="FILE", type=Path, help=FILE_HELP)
    imports.add_argument(
        "--dry-run", action="store_true", help="check every row and report, write nothing"
    )
    imports.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date settlement lines are posted on (default: today)",
    )
    imports.set_defaults(handler=_readings_import)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _progress(rows: int) -> None:
    if rows % PROGRESS_EVERY == 0:
        print(f"已读取 {rows:,} 行 / {rows:,} rows read", file=sys.stderr)


def _print_refused(error: ImportRefused) -> int:
    print(
        f"错误：导入被拒绝，未写入任何数据，共 {len(error.errors)} 处错误 "
        f"(import refused, nothing written: {len(error.errors)} error(s))",
        file=sys.stderr,
    )
    for problem in error.errors:
        print(f"{problem} ({problem.english})", file=sys.stderr)
    return 1


def _import(args: argparse.Namespace) -> int:
    wiring = connect(args)
    try:
        summary = import_accounts(
            wiring.uow(), wiring.actor, args.file,
            dry_run=args.dry_run, on=args.date, progress=_progress,
        )
    except ImportRefused as error:
        return _print_refused(error)
    done = "检查通过，未写入（--dry-run）" if summary.dry_run else "已导入"
    done_en = "dry run passed, nothing written" if summary.dry_run else "imported"
    print(
        f"{done}：{summary.accounts} 户，报停 {summary.suspended} 户"
        f"（采暖期 {summary.season or '无'}），往年欠费 {summary.arrears_accounts} 户 "
        f"{format_yuan(summary.arrears_fen)} / {done_en}: {summary.accounts} accounts, "
        f"{summary.suspended} suspended, {summary.arrears_accounts} with opening arrears"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    wiring = connect(args)
    count = export_accounts(wiring.uow(), wiring.actor, args.file)
    print(f"已导出 {count} 户到 {args.file} / exported {count} accounts")
    return 0


def _template(args: argparse.Namespace) -> int:
    write_account_template(args.file)
    print(f"已生成导入模板 {args.file} / template written")
    return 0


def _readings_import(args: argparse.Namespace) -> int:
    wiring = connect(args)
    try:
        summary = import_readings(
            wiring.uow(), wiring.actor, args.file, dry_run=args.dry_run, on=args.date
        )
    except ImportRefused as error:
        return _print_refused(error)
    done = "检查通过，未写入（--dry-run）" if summary.dry_run else "已导入"
    done_en = "dry run passed, nothing written" if summary.dry_run else "imported"
    print(
        f"{done}：抄表 {summary.readings} 条，计量结算 {summary.settlements} 笔，合计 "
        f"{format_yuan(summary.settlement_fen)} / {done_en}: {summary.readings} readings, "
        f"{summary.settlements} settlement lines"
    )
    return 0
