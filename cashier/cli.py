"""The command line: `cashier [--db URL] [COMMAND ...]`; with no command, the window opens.

Exit status: 0 on success, 1 on a refused input or a failed check (message on stderr in
Chinese and English), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys

from cashier import __version__
from cashier.commands import COMMAND_MODULES
from cashier.domain.errors import UserError
from cashier.logs import setup_logging

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="cashier",
        description="供热收费收银台 — district-heating billing and cashier. "
        "Without a command the application window opens.",
    )
    parser.add_argument("--version", action="version", version=f"cashier {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (sqlite:///path.db or postgresql+psycopg://user@host/db); "
        "default: CASHIER_DATABASE_URL, the settings file, or the local SQLite file",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def _report(text: str) -> None:
    """On stderr; in a box when there is no console (the Windows shortcut's cashierw.exe)."""
    if sys.stderr is not None:
        print(text, file=sys.stderr)
        return
    from cashier.ui.startup_error import show_startup_error

    show_startup_error(text)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    handler = getattr(args, "handler", None)
    if handler is None:
        from cashier.commands.gui import run_window

        handler = run_window
    try:
        return handler(args) or 0
    except UserError as exc:
        log.info("refused: %s", exc.english)
        _report(f"错误：{exc.bilingual()}")
        return 1
    except KeyboardInterrupt:
        print("已取消 (cancelled)", file=sys.stderr)
        return 1
