"""`cashier settlements`: import WeChat Pay, Alipay and bank statements, match them to the
day's non-cash payments, resolve what does not match, and edit the column mappings."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from cashier.commands.common import connect
from cashier.domain.errors import UserError
from cashier.domain.money import format_yuan
from cashier.domain.settlement_files import PROVIDERS, ColumnMapping, StatementError
from cashier.domain.settlement_match import line_key
from cashier.services.settlements import (
    all_presets,
    import_statement,
    match_day,
    resolve_item,
    save_preset,
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `settlements` command."""
    group = commands.add_parser(
        "settlements", help="settlement statements (WeChat Pay, Alipay, banks): import, "
        "match, resolve, column mappings"
    )
    actions = group.add_subparsers(dest="settlements_action", metavar="ACTION", required=True)
    listing = actions.add_parser("presets", help="list the column mappings")
    listing.add_argument("--show", metavar="NAME", help="print one mapping as JSON (to edit)")
    listing.set_defaults(handler=_presets)
    saving = actions.add_parser(
        "save-preset", help="save a column mapping from a JSON file (as `presets --show` "
        "prints it); a mapping of the same name is replaced"
    )
    saving.add_argument("file", type=Path, metavar="FILE.json")
    saving.set_defaults(handler=_save)
    importing = actions.add_parser(
        "import", help="import a statement (.csv or .xlsx) with a column mapping; a file is "
        "imported once; a bad row refuses the whole file"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--preset", required=True, metavar="NAME",
                           help="column mapping name, e.g. 微信支付交易账单 or 支付宝业务明细")
    importing.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                           help="the statement's day (default: the one day its lines are on)")
    importing.set_defaults(handler=_import)
    matching = actions.add_parser(
        "match", help="match a provider's statement of a day to the non-cash payments; exit "
        "1 while items are unresolved"
    )
    _day_options(matching)
    matching.set_defaults(handler=_match)
    resolving = actions.add_parser("resolve", help="record a note resolving an item")
    _day_options(resolving)
    resolving.add_argument("item", metavar="ITEM", help="item key as `match` lists it")
    resolving.add_argument("note", metavar="NOTE", help="what was found or done")
    resolving.set_defaults(handler=_resolve)


def _day_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--provider", required=True, choices=sorted(PROVIDERS),
                        help="wechat, alipay or bank")
    parser.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD",
                        help="the day matched")


def _preset(args: argparse.Namespace, wiring, name: str) -> ColumnMapping:
    for mapping in all_presets(wiring.uow(), wiring.actor):
        if mapping.name == name:
            return mapping
    raise UserError(f"没有名为“{name}”的列映射。", f"no column mapping {name!r}")


def _presets(args: argparse.Namespace) -> int:
    wiring = connect(args)
    if args.show:
        data = json.loads(_preset(args, wiring, args.show).to_json())
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for mapping in all_presets(wiring.uow(), wiring.actor):
        print(f"{mapping.name}  ({PROVIDERS[mapping.provider]}, {mapping.encoding})")
    return 0


def _save(args: argparse.Namespace) -> int:
    wiring = connect(args)
    try:
        mapping = ColumnMapping.from_json(args.file.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(f"无法读取 {args.file}：{error}", str(error)) from error
    except (ValueError, TypeError) as error:
        raise StatementError(f"列映射文件格式错误：{error}", str(error)) from error
    save_preset(wiring.uow(), wiring.actor, mapping)
    print(f"已保存列映射“{mapping.name}” / saved")
    return 0


def _import(args: argparse.Namespace) -> int:
    wiring = connect(args)
    mapping = _preset(args, wiring, args.preset)
    summary = import_statement(wiring.uow(), wiring.actor, args.file, mapping, day=args.date)
    print(f"已导入 {PROVIDERS[summary.provider]} {summary.day} 对账单：{summary.lines} 笔，"
          f"合计 {format_yuan(summary.total_fen)}")
    if summary.other_days:
        print(f"（另有 {summary.other_days} 笔不是当天的交易，未导入）")
    return 0


def _match(args: argparse.Namespace) -> int:
    wiring = connect(args)
    day = match_day(wiring.uow(), wiring.actor, args.provider, args.date)
    result = day.result
    print(f"已匹配 {len(result.matched)} 笔，金额不符 {len(result.mismatched)} 笔，"
          f"对账单未匹配 {len(result.unmatched_lines)} 笔，"
          f"本方未匹配 {len(result.unmatched_parts)} 笔")
    for match in result.mismatched:
        print(f"  {match.key}  金额不符：对账单 {format_yuan(match.line.amount_fen)}，"
              f"本方 {format_yuan(match.part.amount_fen)}  {_note(day, match.key)}")
    for line in result.unmatched_lines:
        refs = " ".join(line.refs[:2])
        print(f"  {line_key(line)}  对账单 {line.occurred_at:%H:%M:%S} "
              f"{format_yuan(line.amount_fen)} {refs}  {_note(day, line_key(line))}")
    for part in result.unmatched_parts:
        print(f"  {part.key}  本方 {format_yuan(part.amount_fen)} {part.reference}  "
              f"{_note(day, part.key)}")
    return 1 if day.unresolved else 0


def _note(day, key: str) -> str:
    note = day.notes.get(key)
    return f"已处理：{note.note}（{note.resolved_by}）" if note else "未处理"


def _resolve(args: argparse.Namespace) -> int:
    wiring = connect(args)
    resolve_item(wiring.uow(), wiring.actor, args.provider, args.date, args.item, args.note)
    print(f"已记录：{args.item} / resolved")
    return 0
