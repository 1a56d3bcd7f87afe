"""`cashier backup FILE` and `cashier restore FILE`: whole-database copies.

SQLite: an online backup, safe while the application runs. PostgreSQL: both commands refuse
and print the pg_dump / pg_restore commands to use instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cashier.commands.common import connect
from cashier.commands.verify import print_results, read_anchors
from cashier.services.backup import backup_database, restore_database
from cashier.store.backup import database_backup
from cashier.store.uow import uow_factory


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `backup` and `restore` commands."""
    backup = commands.add_parser(
        "backup",
        help="SQLite: write a consistent copy of the database while it is in use, then check "
        "it; PostgreSQL: explains pg_dump",
    )
    backup.add_argument(
        "file", metavar="FILE", type=Path, help="the copy to write (must not exist yet)"
    )
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser(
        "restore",
        help="SQLite: check a backup (PRAGMA integrity_check and every chain, as cashier verify) "
        "and only then put it in place, keeping the current database beside itself",
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup file to restore")
    restore.add_argument(
        "--anchors", metavar="FILE", type=Path, help="also check the backup against these anchors"
    )
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    wiring = connect(args)
    target = backup_database(
        uow_factory(wiring.engine), wiring.actor, database_backup(wiring.engine), args.file
    )
    size = target.stat().st_size
    print(f"已备份到 {target}（{size:,} 字节，完整性检查通过） / backed up to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    anchors = read_anchors(args.anchors)
    wiring = connect(args)
    report = restore_database(
        uow_factory(wiring.engine),
        wiring.actor,
        database_backup(wiring.engine),
        args.file,
        anchors,
    )
    print_results(report.checks)
    print(
        f"已从 {report.source} 恢复；原数据库已另存为 {report.safety_copy}"
        f" / restored; the previous database was kept as {report.safety_copy}"
    )
    return 0
