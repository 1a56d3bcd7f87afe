"""`cashier db upgrade`: create or upgrade the schema; `db roles`, `db password`."""

from __future__ import annotations

import argparse

from cashier.commands.common import connect, database_label
from cashier.commands.db_password import register_password
from cashier.commands.db_roles import register_roles
from cashier.store.migrate import current_revision, head_revision, upgrade


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `db` command group."""
    db = commands.add_parser(
        "db", help="database schema: upgrade; PostgreSQL roles and the password in the keyring"
    )
    actions = db.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="create or upgrade the schema to this version")
    up.set_defaults(handler=_upgrade)
    register_roles(actions)
    register_password(actions)


def _upgrade(args: argparse.Namespace) -> int:
    wiring = connect(args, check_schema=False)
    before = current_revision(wiring.engine)
    upgrade(wiring.engine)
    after = head_revision()
    label = database_label(wiring.engine)
    if before == after:
        print(f"数据库已是最新版本 {after}（{label}） / already at {after}")
    else:
        print(f"数据库已升级：{before or '空'} → {after}（{label}） / upgraded to {after}")
    return 0
