"""Operators: adding them, their roles, disabling, password resets, the demo users.

Signing in, locking, changing one's own password and supervisor approval live in
cashier.services.signin and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.roles import ADMIN, parse_roles
from cashier.domain.users import (
    DEMO_PASSWORD,
    DEMO_USERS,
    InvalidUserDetails,
    UserRecord,
    check_new_password,
    validate_name,
    validate_staff_no,
)
from cashier.services import audit
from cashier.services.company import DEMO
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.signin import (
    change_password,
    lock_session,
    sign_in,
    sign_out,
    unlock_session,
    verify_approval,
)

__all__ = [
    "UserInfo",
    "add_user",
    "change_password",
    "create_demo_users",
    "create_first_admin",
    "disable_user",
    "enable_user",
    "has_users",
    "list_users",
    "lock_session",
    "reset_password",
    "set_roles",
    "sign_in",
    "sign_out",
    "unlock_session",
    "verify_approval",
]


class UserNotFound(UserError):
    """No user has the given staff number."""


class LastAdministrator(UserError):
    """The change would leave no enabled administrator."""


@dataclass(frozen=True)
class UserInfo:
    """What screens and commands show about a user (never the password hash)."""

    id: int
    staff_no: str
    name: str
    roles: frozenset[str]
    disabled: bool
    must_change_password: bool
    created_at: dt.datetime | None


def _info(user: UserRecord) -> UserInfo:
    assert user.id is not None
    return UserInfo(
        id=user.id,
        staff_no=user.staff_no,
        name=user.name,
        roles=user.roles,
        disabled=user.disabled,
        must_change_password=user.must_change_password,
        created_at=user.created_at,
    )


def has_users(uow: UnitOfWork) -> bool:
    """True when at least one user exists (else the window asks for the first administrator)."""
    with uow:
        return uow.users.count() > 0


def list_users(uow: UnitOfWork, actor: Actor) -> list[UserInfo]:
    """Every user by staff number. Raises PermissionDenied without "manage_users"."""
    require(actor, "manage_users")
    with uow:
        return [_info(user) for user in uow.users.list()]


def _new_user(
    uow: UnitOfWork, staff_no: str, name: str, roles: Iterable[str], password: str
) -> UserRecord:
    staff_no = validate_staff_no(staff_no)
    try:
        codes = parse_roles(roles)
    except ValueError as exc:
        raise InvalidUserDetails(f"角色无效：{exc}", str(exc)) from exc
    check_new_password(password, staff_no)
    if uow.users.get(staff_no) is not None:
        raise InvalidUserDetails(f"工号 {staff_no} 已存在。", f"staff number {staff_no} exists")
    if uow.users.count() == 0 and ADMIN not in codes:
        raise InvalidUserDetails(
            "第一个操作员必须是管理员。", "the first user must be an administrator"
        )
    return UserRecord(
        id=None,
        staff_no=staff_no,
        name=validate_name(name),
        roles=codes,
        password_hash=uow.passwords.hash(password),
        created_at=dt.datetime.now(dt.UTC),
    )


def add_user(
    uow: UnitOfWork,
    actor: Actor,
    *,
    staff_no: str,
    name: str,
    roles: Iterable[str],
    password: str,
    must_change_password: bool | None = None,
) -> UserInfo:
    """Add a user with an initial password. Unless told otherwise, a user added to a database
    that already has users must change it at their first sign-in (the first one need not).

    Raises PermissionDenied without "manage_users"; InvalidUserDetails (bad staff number,
    name or role, staff number taken, first user not an administrator); WeakPassword.
    """
    require(actor, "manage_users")
    with uow:
        user = _new_user(uow, staff_no, name, roles, password)
        first = uow.users.count() == 0
        must_change = (not first) if must_change_password is None else must_change_password
        stored = uow.users.add(replace(user, must_change_password=must_change))
        details = {"staff_no": stored.staff_no, "name": stored.name, "roles": sorted(stored.roles)}
        audit.record(uow, actor, "user_added", details)
        uow.commit()
        return _info(stored)


def create_first_admin(uow: UnitOfWork, *, staff_no: str, name: str, password: str) -> Actor:
    """First run: create the first administrator and return them as the signed-in actor.

    Raises UserError when any user exists already; InvalidUserDetails; WeakPassword.
    """
    with uow:
        if uow.users.count() > 0:
            raise UserError("已有操作员，请登录。", "users exist already: sign in")
        stored = uow.users.add(_new_user(uow, staff_no, name, [ADMIN], password))
        actor = stored.actor()
        details = {"staff_no": stored.staff_no, "name": stored.name, "roles": [ADMIN]}
        audit.record(uow, actor, "user_added", details)
        audit.record(uow, actor, "sign_in")
        uow.commit()
        return actor


def _existing(uow: UnitOfWork, staff_no: str) -> UserRecord:
    user = uow.users.get(staff_no.strip())
    if user is None:
        raise UserNotFound(f"没有工号为 {staff_no} 的操作员。", f"no user {staff_no!r}")
    return user


def _enabled_admins(uow: UnitOfWork) -> set[str]:
    return {u.staff_no for u in uow.users.list() if not u.disabled and ADMIN in u.roles}


def _keep_an_admin(uow: UnitOfWork, changed: UserRecord) -> None:
    admins = _enabled_admins(uow) - {changed.staff_no}
    if not changed.disabled and ADMIN in changed.roles:
        admins.add(changed.staff_no)
    if not admins:
        raise LastAdministrator(
            "至少要保留一位启用的管理员。", "at least one enabled administrator must remain"
        )


def _update(uow: UnitOfWork, actor: Actor, changed: UserRecord, event: str, **details) -> None:
    _keep_an_admin(uow, changed)
    uow.users.save(changed)
    audit.record(uow, actor, event, {"staff_no": changed.staff_no, **details})
    uow.commit()


def disable_user(uow: UnitOfWork, actor: Actor, staff_no: str) -> None:
    """Stop a user signing in; their records keep naming them. Nobody disables themselves.

    Raises PermissionDenied, UserNotFound, LastAdministrator, UserError (oneself).
    """
    require(actor, "manage_users")
    with uow:
        user = _existing(uow, staff_no)
        if user.staff_no == actor.staff_no:
            raise UserError("不能停用自己。", "you cannot disable yourself")
        _update(uow, actor, replace(user, disabled=True), "user_disabled")


def enable_user(uow: UnitOfWork, actor: Actor, staff_no: str) -> None:
    """Let a disabled user sign in again. Raises PermissionDenied, UserNotFound."""
    require(actor, "manage_users")
    with uow:
        user = _existing(uow, staff_no)
        _update(uow, actor, replace(user, disabled=False, failed_attempts=0), "user_enabled")


def set_roles(uow: UnitOfWork, actor: Actor, staff_no: str, roles: Iterable[str]) -> None:
    """Replace a user's roles. Raises PermissionDenied, UserNotFound, InvalidUserDetails,
    LastAdministrator.
    """
    require(actor, "manage_users")
    try:
        codes = parse_roles(roles)
    except ValueError as exc:
        raise InvalidUserDetails(f"角色无效：{exc}", str(exc)) from exc
    with uow:
        user = _existing(uow, staff_no)
        _update(uow, actor, replace(user, roles=codes), "user_roles_changed", roles=sorted(codes))


def reset_password(uow: UnitOfWork, actor: Actor, staff_no: str, new_password: str) -> None:
    """Give a user a temporary password they must change at their next sign-in; clears
    their failed attempts. Raises PermissionDenied, UserNotFound, WeakPassword.
    """
    require(actor, "manage_users")
    with uow:
        user = _existing(uow, staff_no)
        check_new_password(new_password, user.staff_no)
        changed = replace(
            user,
            password_hash=uow.passwords.hash(new_password),
            must_change_password=True,
            failed_attempts=0,
            last_failed_at=None,
        )
        _update(uow, actor, changed, "password_reset")


def create_demo_users(uow: UnitOfWork) -> list[UserInfo]:
    """Add one fictional user per role (DEMO_USERS) with the shared DEMO_PASSWORD, no change
    required, skipping staff numbers that exist; returns the users added. Own transaction.

    Only for a demo database: raises UserError unless the "demo" setting is "1" (set it
    first). The demo password is shown on the sign-in dialog of a demo database only.
    """
    with uow:
        if uow.settings.get(DEMO) != "1":
            raise UserError(
                "演示操作员只能加入演示数据库。", "demo users belong only in a demo database"
            )
        added = []
        for demo in DEMO_USERS:
            if uow.users.get(demo.staff_no) is not None:
                continue
            user = UserRecord(
                id=None,
                staff_no=demo.staff_no,
                name=demo.name,
                roles=demo.roles,
                password_hash=uow.passwords.hash(DEMO_PASSWORD),
                created_at=dt.datetime.now(dt.UTC),
            )
            added.append(uow.users.add(user))
        if added:
            details = {"staff_no": [u.staff_no for u in added], "reason": "demo"}
            audit.record(uow, None, "user_added", details)
        uow.commit()
        return [_info(user) for user in added]
