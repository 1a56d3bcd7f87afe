"""`cashier tariffs load`, `season open`, `bills export` and `statement`: seasons and bills."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
import time
from pathlib import Path

from cashier.commands.common import connect
from cashier.domain.errors import UserError
from cashier.domain.money import format_yuan
from cashier.domain.tariffs import CHANNELS
from cashier.domain.textwidth import gb_width
from cashier.services.billing import DEFAULT_BATCH, export_bills, open_season
from cashier.services.statements import AccountStatement, account_statement
from cashier.services.tariffs import ADDED, REPLACED, load_tariffs

ACTIONS = {ADDED: "已新增", REPLACED: "已替换热价", "unchanged": "热价未变"}


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `tariffs`, `season`, `bills` and `statement` commands."""
    _register_tariffs(commands)
    _register_season(commands)
    _register_bills(commands)
    _register_statement(commands)


def _register_tariffs(commands: argparse._SubParsersAction) -> None:
    tariffs = commands.add_parser("tariffs", help="season tariffs: load a TOML file")
    actions = tariffs.add_subparsers(dest="tariffs_action", metavar="ACTION", required=True)
    load = actions.add_parser(
        "load",
        help="add a season with its tariffs from FILE.toml (formats.md); a season that has "
        "bills cannot have its tariffs changed",
    )
    load.add_argument("file", metavar="FILE.toml", type=Path, help="season and tariff file")
    load.set_defaults(handler=_tariffs_load)


def _register_season(commands: argparse._SubParsersAction) -> None:
    season = commands.add_parser("season", help="heating seasons: open (bill every account)")
    actions = season.add_subparsers(dest="season_action", metavar="ACTION", required=True)
    opening = actions.add_parser(
        "open",
        help="bill every account for the season (idempotent: a second run bills only "
        "accounts that have no bill yet); progress on stderr; Ctrl+C stops after the "
        "current batch and keeps what was billed",
    )
    opening.add_argument("code", metavar="CODE", help="season code, e.g. 2025-2026")
    opening.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the bills are booked on (default: today)",
    )
    opening.add_argument(
        "--batch",
        type=_positive,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"accounts billed and committed per batch (default {DEFAULT_BATCH:,})",
    )
    opening.set_defaults(handler=_season_open)


def _register_bills(commands: argparse._SubParsersAction) -> None:
    bills = commands.add_parser("bills", help="season bills: export")
    actions = bills.add_subparsers(dest="bills_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write one CSV row per account for the season (UTF-8 with BOM, formats.md "
        "columns)",
    )
    export.add_argument("--season", required=True, metavar="CODE", help="season code")
    export.add_argument("file", metavar="FILE.csv", type=Path, help="the CSV file to write")
    export.set_defaults(handler=_bills_export)


def _register_statement(commands: argparse._SubParsersAction) -> None:
    st = commands.add_parser(
        "statement", help="what an account owes on a date (late fees, discounts)"
    )
    st.add_argument("account", metavar="ACCOUNT", help="account number (户号)")
    st.add_argument(
        "--date", type=_date, default=None, metavar="YYYY-MM-DD", help="default: today"
    )
    st.add_argument(
        "--channel",
        choices=CHANNELS,
        default="cash",
        help="payment channel the early discount is worked out for (default cash)",
    )
    st.add_argument("--json", action="store_true", help="print the JSON of formats.md")
    st.set_defaults(handler=_statement)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("N must be at least 1")
    return value


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}", f"file not found: {path}") from None
    except UnicodeDecodeError:
        raise UserError(
            f"文件不是 UTF-8 编码：{path}", f"the file is not UTF-8 text: {path}"
        ) from None


def _tariffs_load(args: argparse.Namespace) -> int:
    wiring = connect(args)
    result = load_tariffs(wiring.uow(), wiring.actor, _read_text(args.file))
    season = result.tariff.season
    print(
        f"采暖期 {result.season}（{season.start}～{season.end}，{season.days} 天，"
        f"缴费截止 {season.due_date}）{ACTIONS[result.action]}"
        f" / season {result.season}: {result.action}"
    )
    return 0


class _ProgressLine:
    """Prints `done/total` on stderr at most once a second, and always the last figure."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.shown = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.shown < 1.0 and done < total:
            return
        self.shown = now
        percent = 100 * done // total if total else 100
        print(f"开征 {self.code}：{done:,}/{total:,}（{percent}%）", file=sys.stderr, flush=True)


def _season_open(args: argparse.Namespace) -> int:
    wiring = connect(args)
    stop = {"asked": False}

    def on_interrupt(_signum, _frame) -> None:
        stop["asked"] = True
        print("正在取消：本批提交后停止 / cancelling after this batch", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        result = open_season(
            wiring.uow(),
            wiring.actor,
            args.code,
            billed_on=args.date or dt.date.today(),
            batch_size=args.batch,
            progress=_ProgressLine(args.code),
            cancelled=lambda: stop["asked"],
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    summary = (
        f"本次开征 {result.billed:,} 户，此前已开征 {result.already:,} 户，"
        f"跳过 {result.skipped:,} 户（采暖期结束前无计费信息）"
    )
    if result.cancelled:
        print(f"已取消：{summary}；再次运行 cashier season open {result.season} 可继续。",
              file=sys.stderr)
        return 1
    print(f"采暖期 {result.season} 开征完成：{summary} / season opened: {result.billed} bills")
    return 0


def _bills_export(args: argparse.Namespace) -> int:
    wiring = connect(args)
    target: Path = args.file
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as out:
            count = export_bills(wiring.uow(), args.season, out)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    print(f"已导出 {count:,} 张账单到 {target} / {count} bills exported")
    return 0


def _statement(args: argparse.Namespace) -> int:
    wiring = connect(args)
    on = args.date or dt.date.today()
    result = account_statement(wiring.uow(), args.account, on, args.channel)
    if args.json:
        print(json.dumps(result.to_json_dict(), ensure_ascii=False))
    else:
        print(_statement_text(result))
    return 0


STATEMENT_COLUMNS = (("采暖期", 12), ("本金", 14), ("滞纳金", 12), ("优惠", 10), ("应缴", 14))


def _row(cells: list[str]) -> str:
    """Cells right-aligned in STATEMENT_COLUMNS widths (the first left-aligned), CJK counted 2."""
    parts = []
    for index, (cell, (_, width)) in enumerate(zip(cells, STATEMENT_COLUMNS, strict=True)):
        gap = " " * max(0, width - gb_width(cell))
        parts.append(cell + gap if index == 0 else gap + cell)
    return "".join(parts)


def _statement_text(result: AccountStatement) -> str:
    st = result.statement
    lines = [
        f"户号 {result.account_no}  {result.name}  {st.on}  渠道 {st.channel}",
        _row([title for title, _ in STATEMENT_COLUMNS]),
    ]
    for s in st.seasons:
        season = "往年欠费" if s.season == "opening" else s.season
        amounts = (s.principal_fen, s.late_fee_fen, s.discount_fen, s.due_fen)
        lines.append(_row([season, *(format_yuan(a, symbol="") for a in amounts)]))
    lines.append(f"预存余额 {format_yuan(st.credit_fen)}")
    lines.append(f"应缴合计 {format_yuan(st.total_due_fen)}")
    return "\n".join(lines)
