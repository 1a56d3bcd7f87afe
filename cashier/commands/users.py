"""`cashier users ...`: operators on the command line (the first administrator, resets).

The command line acts as the local operator (本机操作员, staff number 0000): whoever can run
it on this computer can already open the database file. Passwords are typed twice at the
terminal (never shown, never in the shell history) or read from standard input.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from cashier.commands.common import connect
from cashier.domain.errors import UserError
from cashier.domain.roles import ROLES, roles_text
from cashier.services import users


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `users` command group."""
    group = commands.add_parser(
        "users", help="operators: add, list, disable, enable, reset-password, roles"
    )
    actions = group.add_subparsers(dest="users_action", metavar="ACTION", required=True)
    _register_add(actions)
    listing = actions.add_parser("list", help="list operators with their roles and state")
    listing.set_defaults(handler=_list)
    _register_changes(actions)


def _register_add(actions: argparse._SubParsersAction) -> None:
    add = actions.add_parser(
        "add",
        help="add an operator; on an empty database the first one must be an administrator",
    )
    add.add_argument("--staff-no", required=True, help="staff number (工号), 1-16 letters/digits")
    add.add_argument("--name", required=True, help="name shown on receipts (姓名)")
    _role_option(add)
    _password_option(add)
    add.set_defaults(handler=_add)


def _register_changes(actions: argparse._SubParsersAction) -> None:
    for name, handler, text in (
        ("disable", _disable, "stop an operator signing in (users are never deleted)"),
        ("enable", _enable, "let a disabled operator sign in again"),
        ("reset-password", _reset, "give an operator a temporary password they must change "
         "at next sign-in"),
        ("roles", _roles, "replace an operator's roles"),
    ):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("staff_no", metavar="STAFF_NO", help="staff number (工号)")
        if name == "reset-password":
            _password_option(sub)
        if name == "roles":
            _role_option(sub)
        sub.set_defaults(handler=handler)


def _role_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--role",
        dest="roles",
        action="append",
        required=True,
        metavar="ROLE",
        help=f"a role, repeat for several: {', '.join(ROLES)} (Chinese names accepted)",
    )


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of asking "
        "twice at the terminal",
    )


def read_new_password(args: argparse.Namespace) -> str:
    """The new password: one line of stdin with --password-stdin, else typed twice.

    Raises UserError when the two entries differ or no terminal is available.
    """
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError(
            "请在终端中运行以输入密码，或使用 --password-stdin。",
            "no terminal to ask for the password: use --password-stdin",
        )
    first = getpass.getpass("新密码 (new password): ")
    second = getpass.getpass("再输入一次 (again): ")
    if first != second:
        raise UserError("两次输入的密码不一致。", "the two passwords differ")
    return first


def _add(args: argparse.Namespace) -> int:
    wiring = connect(args)
    password = read_new_password(args)
    info = users.add_user(
        wiring.uow(),
        wiring.actor,
        staff_no=args.staff_no,
        name=args.name,
        roles=args.roles,
        password=password,
    )
    change = "，首次登录须修改密码" if info.must_change_password else ""
    print(
        f"已添加操作员 {info.staff_no} {info.name}（{roles_text(info.roles)}）{change}"
        f" / added {info.staff_no}"
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    wiring = connect(args)
    rows = users.list_users(wiring.uow(), wiring.actor)
    if not rows:
        print("还没有操作员。请先运行 cashier users add --role admin ... / no users yet")
        return 0
    print("工号\t姓名\t角色\t状态")
    for info in rows:
        state = "停用" if info.disabled else ("须改密码" if info.must_change_password else "正常")
        print(f"{info.staff_no}\t{info.name}\t{roles_text(info.roles)}\t{state}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    wiring = connect(args)
    users.disable_user(wiring.uow(), wiring.actor, args.staff_no)
    print(f"已停用 {args.staff_no} / disabled")
    return 0


def _enable(args: argparse.Namespace) -> int:
    wiring = connect(args)
    users.enable_user(wiring.uow(), wiring.actor, args.staff_no)
    print(f"已启用 {args.staff_no} / enabled")
    return 0


def _reset(args: argparse.Namespace) -> int:
    wiring = connect(args)
    password = read_new_password(args)
    users.reset_password(wiring.uow(), wiring.actor, args.staff_no, password)
    print(
        f"已重置 {args.staff_no} 的密码，该操作员下次登录时须修改密码"
        " / password reset; it must be changed at the next sign-in"
    )
    return 0


def _roles(args: argparse.Namespace) -> int:
    wiring = connect(args)
    users.set_roles(wiring.uow(), wiring.actor, args.staff_no, args.roles)
    print(f"已修改 {args.staff_no} 的角色 / roles changed")
    return 0
