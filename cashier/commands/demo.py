"""`cashier demo`: fill an empty database with a fictional company."""

from __future__ import annotations

import argparse

from cashier.commands.common import connect
from cashier.services.demo import fill_demo, is_empty


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `demo` command."""
    demo = commands.add_parser(
        "demo",
        help="fill an empty database with a fictional company, one season, its tariffs and "
        "N accounts, and open the season (every account billed)",
    )
    demo.add_argument(
        "--accounts", type=_positive, default=2000, metavar="N", help="accounts (default 2,000)"
    )
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing (and succeed) when the database already holds data",
    )
    demo.set_defaults(handler=_demo)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("N must be at least 1")
    return value


def _demo(args: argparse.Namespace) -> int:
    wiring = connect(args)
    if args.if_empty and not is_empty(wiring.uow()):
        print("数据库已有数据，未写入演示数据 / database not empty, demo skipped")
        return 0
    summary = fill_demo(wiring.uow(), wiring.actor, accounts=args.accounts)
    print(
        f"演示数据已写入：采暖期 {summary.season}，{summary.accounts} 户，已开征 {summary.bills} 户"
        f" / demo created: season {summary.season}, {summary.accounts} accounts,"
        f" {summary.bills} bills"
    )
    return 0
