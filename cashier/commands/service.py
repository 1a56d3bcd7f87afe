"""`cashier outages|measurements|calendar|service ...`: service records from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cashier.commands.common import connect
from cashier.domain.money import format_yuan
from cashier.domain.service_cases import CASE_KINDS
from cashier.domain.service_import import moment_cell
from cashier.domain.table_rows import CellProblem, ImportRefused
from cashier.domain.workdays import CHINA_TZ
from cashier.services.outages import add_outage_event
from cashier.services.service_credits import post_pending_credits
from cashier.services.service_import import (
    import_measurements,
    import_outages,
    measurement_template,
    outage_template,
)
from cashier.services.service_overview import service_overview
from cashier.services.work_calendar import calendar_years, load_calendar

FILE_HELP = ".csv (UTF-8 with or without BOM, or GB18030) or .xlsx (first sheet)"
TIME_HELP = "Beijing time 'YYYY-MM-DD HH:MM'"


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `outages`, `measurements`, `calendar` and `service` commands."""
    _register_outages(commands)
    _register_measurements(commands)
    _register_calendar(commands)
    _register_service(commands)


def _moment(text: str) -> dt.datetime:
    try:
        return moment_cell(text.strip())
    except CellProblem:
        raise argparse.ArgumentTypeError(f"not a time YYYY-MM-DD HH:MM: {text!r}") from None


def _import_parser(actions, name: str, help_text: str, handler) -> None:
    parser = actions.add_parser(name, help=help_text)
    parser.add_argument("file", metavar="FILE", type=Path, help=FILE_HELP)
    parser.add_argument(
        "--dry-run", action="store_true", help="check every row and report, write nothing"
    )
    parser.set_defaults(handler=handler)


def _template_parser(actions, help_text: str, handler) -> None:
    parser = actions.add_parser("template", help=help_text)
    parser.add_argument("file", metavar="FILE", type=Path, help="FILE.csv or FILE.xlsx")
    parser.set_defaults(handler=handler)


def _register_outages(commands: argparse._SubParsersAction) -> None:
    outages = commands.add_parser("outages", help="outages (停热): import, template, restore")
    actions = outages.add_subparsers(dest="outages_action", metavar="ACTION", required=True)
    _import_parser(
        actions, "import",
        "record the outages of FILE (开始时间, 恢复时间, 原因, 通知时间, 小区/楼号/单元 or 户号; "
        "rows sharing a 停热编号 are one outage) and credit the affected accounts "
        "(停热减收); all rows or none, every bad row reported; an outage imported before "
        "(same start, cause and accounts) is skipped",
        _outages_import,
    )  # fmt: skip
    _template_parser(actions, "write an outage file with the header and example rows",
                     lambda args: _template(args, outage_template))  # fmt: skip
    for kind, help_text in (
        ("restore", "record when heat came back for outage NUMBER and credit its accounts"),
        ("notice", "record when the households of outage NUMBER were told"),
    ):
        parser = actions.add_parser(kind, help=help_text)
        parser.add_argument("number", metavar="NUMBER", help="the outage number, e.g. TR2025-00001")
        parser.add_argument("--at", required=True, type=_moment, metavar="TIME", help=TIME_HELP)
        event = "restored" if kind == "restore" else "notice"
        parser.set_defaults(handler=_outage_event, event=event)


def _register_measurements(commands: argparse._SubParsersAction) -> None:
    measurements = commands.add_parser(
        "measurements", help="temperature measurements (测温记录): import a device log, template"
    )
    actions = measurements.add_subparsers(
        dest="measurements_action", metavar="ACTION", required=True
    )
    _import_parser(
        actions, "import",
        "record the readings of a device log (户号, 测温时间, 房间, 面积, 温度, 设备; one row per "
        "room) as unsigned measurements; readings already imported are skipped; all rows or "
        "none. Refunds need a measurement signed on screen by both sides.",
        _measurements_import,
    )  # fmt: skip
    _template_parser(actions, "write a device-log file with the header and example rows",
                     lambda args: _template(args, measurement_template))  # fmt: skip


def _register_calendar(commands: argparse._SubParsersAction) -> None:
    calendar = commands.add_parser(
        "calendar", help="public holidays and make-up working days that deadlines count on"
    )
    actions = calendar.add_subparsers(dest="calendar_action", metavar="ACTION", required=True)
    load = actions.add_parser(
        "load",
        help="store one year's holidays and make-up working days (TOML, the layout of "
        "resources/calendar/2026.toml) for every client of the database",
    )
    load.add_argument("file", metavar="FILE.toml", type=Path, help="the year's schedule")
    load.set_defaults(handler=_calendar_load)
    show = actions.add_parser("show", help="list the years known, or one year's days off")
    show.add_argument("year", nargs="?", type=int, metavar="YEAR", help="the year to show")
    show.set_defaults(handler=_calendar_show)


def _register_service(commands: argparse._SubParsersAction) -> None:
    service = commands.add_parser("service", help="service desk: overdue list, pending credits")
    actions = service.add_subparsers(dest="service_action", metavar="ACTION", required=True)
    overdue = actions.add_parser(
        "overdue",
        help="cases past their deadline or due within 24 hours, deadlines that cannot be "
        "computed, follow-ups owed, outages without a restoration or a 12-hour notice",
    )
    overdue.add_argument("--at", type=_moment, metavar="TIME", help=TIME_HELP + " (default now)")
    overdue.set_defaults(handler=_overdue)
    credits = actions.add_parser(
        "credits",
        help="post the outage credits and temperature refunds still owed in a season (after "
        "the season ends, or after opening a season whose records came first)",
    )
    credits.add_argument("--season", required=True, metavar="CODE", help="season code")
    credits.set_defaults(handler=_credits)


def _print_refused(error: ImportRefused) -> int:
    count = len(error.errors)
    print(
        f"错误：导入被拒绝，未写入任何数据，共 {count} 处错误 "
        f"(import refused, nothing written: {count} error(s))",
        file=sys.stderr,
    )
    for problem in error.errors:
        print(f"{problem} ({problem.english})", file=sys.stderr)
    return 1


def _done(dry_run: bool) -> str:
    return "检查通过，未写入（--dry-run）" if dry_run else "已导入"


def _outages_import(args: argparse.Namespace) -> int:
    wiring = connect(args)
    try:
        summary = import_outages(wiring.uow(), wiring.actor, args.file, dry_run=args.dry_run)
    except ImportRefused as error:
        return _print_refused(error)
    print(
        f"{_done(summary.dry_run)}：停热 {summary.records} 次，涉及 {summary.accounts} 户，"
        f"停热减收 {format_yuan(summary.credit_fen)}，已导入过而跳过 {summary.skipped} 次 / "
        f"{summary.records} outages, {summary.accounts} accounts, {summary.skipped} skipped"
    )
    return 0


def _measurements_import(args: argparse.Namespace) -> int:
    wiring = connect(args)
    try:
        summary = import_measurements(wiring.uow(), wiring.actor, args.file, dry_run=args.dry_run)
    except ImportRefused as error:
        return _print_refused(error)
    print(
        f"{_done(summary.dry_run)}：测温记录 {summary.records} 条，涉及 {summary.accounts} 户，"
        f"已导入过而跳过 {summary.skipped} 条 / {summary.records} measurements, "
        f"{summary.skipped} skipped"
    )
    return 0


def _template(args: argparse.Namespace, write) -> int:
    rows = write(args.file)
    print(f"已生成模板 {args.file}（{rows} 行示例）/ template written")
    return 0


def _outage_event(args: argparse.Namespace) -> int:
    wiring = connect(args)
    result = add_outage_event(wiring.uow(), wiring.actor, args.number, args.event, args.at)
    what = "恢复供热" if args.event == "restored" else "已通知用户"
    print(
        f"{result.outage.number} {what}：{args.at:%Y-%m-%d %H:%M}；停热减收 "
        f"{result.credited} 户 {format_yuan(result.total_fen)}"
    )
    return 0


def _calendar_load(args: argparse.Namespace) -> int:
    wiring = connect(args)
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"错误：无法读取 {args.file}：{exc}", file=sys.stderr)
        return 1
    loaded = load_calendar(wiring.uow(), wiring.actor, text)
    action = "已替换" if loaded.replaced else "已载入"
    year = loaded.year
    print(
        f"{action}{year.year}年节假日安排：假日 {len(year.days_off())} 天，调休上班 "
        f"{len(year.workdays)} 天（{year.source}）"
    )
    return 0


def _calendar_show(args: argparse.Namespace) -> int:
    wiring = connect(args)
    calendar = calendar_years(wiring.uow())
    if args.year is None:
        print("已知年份 / years known: " + "、".join(map(str, calendar.years)))
        return 0
    year = calendar.year(args.year)
    print(f"{year.year}年（{year.source}）")
    for holiday in year.holidays:
        print(f"  {holiday.name}：{holiday.first} 至 {holiday.last}")
    print("  调休上班：" + "、".join(str(day) for day in sorted(year.workdays)))
    return 0


def _overdue(args: argparse.Namespace) -> int:
    wiring = connect(args)
    overview = service_overview(wiring.uow(), wiring.actor, now=args.at)
    sections = (
        ("已逾期 overdue", overview.overdue),
        ("24小时内到期 due within 24 h", overview.due_soon),
        ("无法计算期限 no deadline", overview.undetermined),
        ("待回访 follow-up owed", overview.follow_ups),
    )
    for title, statuses in sections:
        print(f"{title}：{len(statuses)}")
        for status in statuses:
            print("  " + _case_line(status))
    for title, outages in (("未恢复供热 heat not back", overview.outages_open),
                           ("12小时内未通知 not told in 12 h", overview.notices_late)):  # fmt: skip
        print(f"{title}：{len(outages)}")
        for outage in outages:
            print(f"  {outage.number} {outage.started_at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M} "
                  f"{outage.cause}（{outage.scope}）")  # fmt: skip
    return 0


def _case_line(status) -> str:
    case = status.case
    received = case.received_at.astimezone(CHINA_TZ)
    if status.deadline is None:
        due = f"缺少{status.missing_year}年节假日安排"
    else:
        due = f"{status.deadline.due_at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M}前"
    who = case.account_no or case.contact_name or case.contact_phone
    return f"{case.case_no} {CASE_KINDS[case.kind]} {received:%Y-%m-%d %H:%M} {who} 期限{due}"


def _credits(args: argparse.Namespace) -> int:
    wiring = connect(args)
    run = post_pending_credits(wiring.uow(), wiring.actor, args.season)
    print(
        f"采暖期 {run.season}：检查 {run.accounts} 户，入账 {run.changed} 户 "
        f"{format_yuan(run.total_fen)}，未开征 {run.unbilled} 户"
    )
    return 0
