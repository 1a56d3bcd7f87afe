"""`cashier db roles`: PostgreSQL group roles for least privilege (see store/pg_roles.py)."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.exc import DBAPIError

from cashier.commands.common import connect
from cashier.domain.errors import UserError
from cashier.services.permissions import require
from cashier.store.guards import existing_guards, guard_names
from cashier.store.pg_roles import (
    READONLY_ROLE,
    STAFF_ROLE,
    create_group_roles,
    create_login,
    grant_privileges,
    staff_privileges,
)
from cashier.store.schema import APPEND_ONLY_TABLES


def register_roles(actions: argparse._SubParsersAction) -> None:
    """Add `db roles` to the `db` command group."""
    roles = actions.add_parser(
        "roles",
        help=f"PostgreSQL: create the group roles {STAFF_ROLE} (INSERT and SELECT only on "
        f"journal and audit tables) and {READONLY_ROLE}, and grant their privileges; run as "
        "the database owner after `db upgrade`. SQLite: show the guard triggers",
    )
    roles.add_argument(
        "--login",
        metavar="NAME",
        help=f"also create a LOGIN role NAME in {STAFF_ROLE} for the clients to connect as",
    )
    roles.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the login's password from standard input (else asked twice at the "
        "terminal; clients take it from the OS keyring (db password), PGPASSWORD or ~/.pgpass, "
        "never from the settings)",
    )
    roles.set_defaults(handler=_roles)


def _roles(args: argparse.Namespace) -> int:
    wiring = connect(args)
    require(wiring.actor, "manage_users")
    if wiring.engine.dialect.name == "sqlite":
        return _sqlite_guards(wiring.engine)
    password = _login_password(args) if args.login else None
    try:
        with wiring.engine.begin() as conn:
            created = create_group_roles(conn)
            grant_privileges(conn, APPEND_ONLY_TABLES)
            if args.login:
                create_login(conn, args.login, password)
            summary = {table: staff_privileges(conn, table) for table in APPEND_ONLY_TABLES}
    except DBAPIError as exc:
        raise UserError(
            "无法创建角色或授权：请以数据库所有者（且有 CREATEROLE 权限）运行。"
            f"数据库返回：{exc.orig}",
            f"cannot create roles or grant: run as the database owner with CREATEROLE: {exc.orig}",
        ) from exc
    for name in created:
        print(f"已创建组角色 {name} / created group role {name}")
    for table, held in summary.items():
        print(f"{STAFF_ROLE} 对 {table}：{', '.join(sorted(held))}")
    if args.login:
        print(f"已创建登录角色 {args.login}（属于 {STAFF_ROLE}） / created login {args.login}")
    return 0


def _login_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n") or None
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("登录密码（留空则不设） / login password (empty: none): ")
    if first and first != getpass.getpass("再输入一次 (again): "):
        raise UserError("两次输入的密码不一致。", "the two passwords differ")
    return first or None


def _sqlite_guards(engine) -> int:
    with engine.connect() as conn:
        present = existing_guards(conn)
    missing = [
        name for table in APPEND_ONLY_TABLES for name in guard_names(table) if name not in present
    ]
    print("SQLite 没有数据库角色；追加表由触发器保护 / SQLite has no roles; triggers guard")
    if missing:
        print(f"缺少触发器：{', '.join(missing)} / missing triggers")
        return 1
    print(f"{len(APPEND_ONLY_TABLES)} 张追加表的触发器齐全 / every guard trigger is present")
    return 0
