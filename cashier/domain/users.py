"""Operators (操作员) of the application: their record, the rules for their details and
passwords, and how repeated failed sign-ins slow down.

A user is never deleted, only disabled, so that every record they made still names them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.roles import ACCOUNTANT, ADMIN, CASHIER, COLLECTOR, REPAIR, SUPERVISOR

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
FREE_ATTEMPTS = 3
"""Failed attempts allowed in a row before each further attempt must wait."""
FIRST_DELAY_S = 5
MAX_DELAY_S = 300

_STAFF_NO = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,15}$")
_MAX_NAME = 50


class InvalidUserDetails(UserError):
    """A staff number, name or role list that cannot be used."""


class WeakPassword(UserError):
    """A new password that does not meet the rules (length, not the staff number)."""


@dataclass(frozen=True)
class UserRecord:
    """A stored operator: who they are, what they may do, and their sign-in state.

    `password_hash` is an encoded argon2id hash (never the password); `failed_attempts`
    counts failed sign-ins since the last success, the latest at `last_failed_at` (UTC).
    """

    id: int | None
    staff_no: str
    name: str
    roles: frozenset[str]
    password_hash: str
    must_change_password: bool = False
    disabled: bool = False
    failed_attempts: int = 0
    last_failed_at: dt.datetime | None = None
    created_at: dt.datetime | None = None

    def actor(self) -> Actor:
        """The Actor that services take for this user."""
        return Actor(id=self.id, staff_no=self.staff_no, name=self.name, roles=self.roles)


def validate_staff_no(text: str) -> str:
    """The staff number (工号) without surrounding spaces; 1–16 letters, digits or '-'.

    Raises InvalidUserDetails.
    """
    staff_no = text.strip()
    if not _STAFF_NO.match(staff_no):
        raise InvalidUserDetails(
            f"工号“{staff_no}”无效：应为 1–16 位字母、数字或“-”。",
            f"invalid staff number {staff_no!r}: 1-16 letters, digits or '-'",
        )
    return staff_no


def validate_name(text: str) -> str:
    """The user's name without surrounding spaces, 1–50 characters; raises InvalidUserDetails."""
    name = text.strip()
    if not name or len(name) > _MAX_NAME:
        raise InvalidUserDetails(
            f"姓名不能为空，且不超过 {_MAX_NAME} 个字。",
            f"the name must be 1-{_MAX_NAME} characters",
        )
    return name


def check_new_password(password: str, staff_no: str) -> None:
    """Refuse a password shorter than 8 or longer than 128 characters, or equal to the
    staff number. Raises WeakPassword.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(
            f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。",
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(
            f"密码不能超过 {MAX_PASSWORD_LENGTH} 个字符。",
            f"the password must not exceed {MAX_PASSWORD_LENGTH} characters",
        )
    if password.strip() == staff_no:
        raise WeakPassword("密码不能与工号相同。", "the password must differ from the staff number")


def throttle_delay_s(failed_attempts: int) -> int:
    """Seconds to wait after `failed_attempts` failures in a row: 0 for the first three,
    then 5, 10, 20 ... doubling up to 300.
    """
    if failed_attempts < FREE_ATTEMPTS:
        return 0
    return min(FIRST_DELAY_S * 2 ** (failed_attempts - FREE_ATTEMPTS), MAX_DELAY_S)


def retry_after_s(user: UserRecord, now: dt.datetime) -> int:
    """Whole seconds before `user` may try to sign in again (0 = now). `now` is aware."""
    delay = throttle_delay_s(user.failed_attempts)
    if delay == 0 or user.last_failed_at is None:
        return 0
    last = user.last_failed_at
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    remaining = (last + dt.timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(remaining + 0.999))


DEMO_PASSWORD = "demo1234"
"""The one password of every demo user; printed on the sign-in dialog of a demo database and
in the README. Never used outside a database whose `demo` setting is "1"."""


@dataclass(frozen=True)
class DemoUser:
    """A fictional operator of the demo company."""

    staff_no: str
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("1001", "张三", frozenset({CASHIER})),
    DemoUser("1002", "李四", frozenset({COLLECTOR})),
    DemoUser("1003", "王五", frozenset({REPAIR})),
    DemoUser("1004", "赵六", frozenset({ACCOUNTANT})),
    DemoUser("1005", "孙七", frozenset({SUPERVISOR, CASHIER})),
    DemoUser("1006", "周八", frozenset({ADMIN})),
)
"""One demo user per role; 孙七 is a supervisor who also works the counter."""
