"""`cashier db password`: keep this client's PostgreSQL password in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from cashier.commands.common import connection_problem
from cashier.config import load_settings
from cashier.domain.errors import UserError
from cashier.store.engine import make_engine
from cashier.store.secrets import KeyringUnavailable, save_keyring_password


def register_password(actions: argparse._SubParsersAction) -> None:
    """Add `db password`."""
    command = actions.add_parser(
        "password",
        help="PostgreSQL: check a password and keep it in the OS keyring (never in a file)",
    )
    command.add_argument(
        "--stdin", action="store_true", help="read the password from standard input"
    )
    command.set_defaults(handler=_password)


def _password(args: argparse.Namespace) -> int:
    url = make_url(load_settings(getattr(args, "db", None)).database_url)
    if url.get_backend_name() != "postgresql":
        raise UserError(
            "只有 PostgreSQL 数据库需要密码。", "only a PostgreSQL database has a password"
        )
    password = _read(args.stdin)
    _check(url.set(password=password))
    try:
        entry = save_keyring_password(url, password)
    except KeyringUnavailable as exc:
        raise UserError(
            f"本机没有可用的系统钥匙串，请改用 PGPASSWORD 或 ~/.pgpass（{exc}）。",
            f"no usable OS keyring on this machine: use PGPASSWORD or ~/.pgpass ({exc})",
        ) from exc
    print(f"密码已验证并存入系统钥匙串：{entry} / password kept in the OS keyring")
    return 0


def _read(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("数据库密码 / password: ")
    if getpass.getpass("再输入一次 / again: ") != first:
        raise UserError("两次输入的密码不同。", "the two passwords differ")
    return first


def _check(url: URL) -> None:
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        engine.connect().close()
    except OperationalError as exc:
        reason = connection_problem(exc)
        raise UserError(
            f"无法用此密码连接数据库，未保存（{reason}）。",
            f"cannot connect with this password, nothing kept: {reason}",
        ) from exc
    finally:
        engine.dispose()
