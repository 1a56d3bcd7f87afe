"""`cashier waive`: waive late fee of a season with a supervisor's approval."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys

from cashier.commands.common import Wiring, connect
from cashier.commands.payments import yuan
from cashier.domain.errors import UserError
from cashier.domain.money import format_yuan
from cashier.domain.roles import Approval
from cashier.services.late_fee_waivers import waive
from cashier.services.users import verify_approval


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `waive` command."""
    parser = commands.add_parser(
        "waive",
        help="waive (减免) late fee of a season: a dated credit with a reason, approved by a "
        "supervisor other than you, audited",
    )
    parser.add_argument("account", metavar="ACCOUNT", help="the account number, e.g. HP-0001")
    parser.add_argument("--season", required=True, metavar="CODE", help="e.g. 2025-2026")
    parser.add_argument("--amount", required=True, type=yuan, metavar="YUAN",
                        help="late fee to waive, in yuan (at most what the season owes today)")
    parser.add_argument("--reason", required=True, help="why (kept with the credit and audited)")
    parser.add_argument("--approver", required=True, metavar="STAFF_NO",
                        help="the approving supervisor's staff number (password is asked)")
    parser.add_argument("--approver-password-stdin", action="store_true",
                        help="read the approver's password from the first line of stdin")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the day the waiver is dated and checked against (default today)")
    parser.set_defaults(handler=_waive)


def approve(args: argparse.Namespace, wiring: Wiring, action: str) -> Approval:
    """The supervisor's approval of `action` for the command's operator: their password is
    read from stdin with --approver-password-stdin, else asked on the terminal.

    Raises UserError without a terminal, SignInFailed, PermissionDenied, SelfApprovalRefused.
    """
    if args.approver_password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"主管 {args.approver} 的密码 (approver password): ")
    else:
        raise UserError("请在终端中运行以输入主管密码，或使用 --approver-password-stdin。",
                        "no terminal for the approver's password")
    return verify_approval(wiring.uow(), staff_no=args.approver, password=password,
                           action=action, requester=wiring.actor)


def _waive(args: argparse.Namespace) -> int:
    wiring = connect(args)
    approval = approve(args, wiring, "late_fee_waiver")
    dated = waive(wiring.uow(), wiring.actor, args.account, args.season, args.amount,
                  reason=args.reason, approval=approval, on=args.date)
    amount = format_yuan(-dated.line.amount_fen)
    print(f"{args.account.strip()} 采暖期 {args.season} 减免滞纳金 {amount}（{dated.on}，"
          f"批准人 {approval.approver.staff_no} {approval.approver.name}）")
    return 0
