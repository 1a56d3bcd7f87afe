"""`cashier audit export FILE` and `cashier audit anchors`: the audit log outside the window."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cashier.commands.common import connect
from cashier.domain.audit import day_filter
from cashier.domain.chain import anchors_json
from cashier.services.audit import audit_anchor
from cashier.services.audit_export import export_entries


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `audit` command group."""
    group = commands.add_parser("audit", help="audit log: export, anchors")
    actions = group.add_subparsers(dest="audit_action", metavar="ACTION", required=True)

    export = actions.add_parser(
        "export", help="write audit entries, newest first, to FILE.csv (UTF-8 BOM) or FILE.xlsx"
    )
    export.add_argument("file", metavar="FILE", type=Path, help="a .csv or .xlsx file")
    export.add_argument(
        "--from", dest="first", type=_date, metavar="YYYY-MM-DD", help="first day (local time)"
    )
    export.add_argument(
        "--to", dest="last", type=_date, metavar="YYYY-MM-DD", help="last day, inclusive"
    )
    export.add_argument("--staff-no", metavar="STAFF_NO", help="only this operator's entries")
    export.add_argument("--event", metavar="CODE", help="only this event code (e.g. sign_in)")
    export.set_defaults(handler=_export)

    anchors = actions.add_parser(
        "anchors",
        help="print the audit chain's head as an anchors file for `cashier verify --anchors`; "
        "keep it outside the database",
    )
    anchors.set_defaults(handler=_anchors)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _export(args: argparse.Namespace) -> int:
    wiring = connect(args)
    zone = dt.datetime.now().astimezone().tzinfo
    where = day_filter(args.first, args.last, zone, staff_no=args.staff_no, event=args.event)
    count = export_entries(wiring.uow(), wiring.actor, where, args.file)
    print(f"已导出 {count} 条审计记录到 {args.file} / exported {count} entries")
    return 0


def _anchors(args: argparse.Namespace) -> int:
    wiring = connect(args)
    anchor = audit_anchor(wiring.uow())
    print(anchors_json([] if anchor is None else [anchor]), end="")
    return 0
