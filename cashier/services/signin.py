"""Signing in and out, locking and unlocking, changing one's password, supervisor approval.

Every attempt is audited. After three failures in a row for a staff number, each further
attempt must wait (5 s, 10 s, 20 s ... up to 5 minutes); the wait is kept in the database, so
it holds across counters and restarts. A correct password resets the count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cashier.domain.actor import Actor
from cashier.domain.errors import (
    PasswordChangeRequired,
    PermissionDenied,
    SelfApprovalRefused,
    SignInFailed,
    SignInThrottled,
)
from cashier.domain.roles import APPROVER_ROLE, Approval, action_label, needs_approval
from cashier.domain.users import UserRecord, WeakPassword, check_new_password, retry_after_s
from cashier.services import audit
from cashier.services.ports import UnitOfWork


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _anonymous(staff_no: str) -> Actor:
    return Actor(id=None, staff_no=staff_no.strip()[: audit.MAX_STAFF_NO], name="")


def _wrong_credentials() -> SignInFailed:
    return SignInFailed("工号或密码错误。", "wrong staff number or password")


def _check_password(
    uow: UnitOfWork,
    user: UserRecord | None,
    staff_no: str,
    password: str,
    now: dt.datetime,
    failed_event: str = "sign_in_failed",
) -> UserRecord:
    """The user when `password` is right; otherwise counts the failure and raises.

    The caller commits when this raises, so that the failure and its audit entry persist.
    """
    if user is None:
        audit.record(uow, _anonymous(staff_no), "sign_in_failed", {"reason": "unknown"}, now=now)
        raise _wrong_credentials()
    wait = retry_after_s(user, now)
    if wait:
        audit.record(uow, user.actor(), "sign_in_throttled", {"retry_after_s": wait}, now=now)
        raise SignInThrottled(
            f"密码错误次数过多，请 {wait} 秒后再试。",
            f"too many failed attempts: try again in {wait} s",
            retry_after_s=wait,
        )
    if not uow.passwords.verify(user.password_hash, password):
        failed = replace(user, failed_attempts=user.failed_attempts + 1, last_failed_at=now)
        uow.users.save(failed)
        details = {"reason": "wrong_password", "failures": failed.failed_attempts}
        audit.record(uow, user.actor(), failed_event, details, now=now)
        raise _wrong_credentials()
    if user.disabled:
        audit.record(uow, user.actor(), "sign_in_failed", {"reason": "disabled"}, now=now)
        raise SignInFailed("该操作员已停用，请联系管理员。", "this user is disabled")
    return _succeeded(uow, user, password)


def _succeeded(uow: UnitOfWork, user: UserRecord, password: str) -> UserRecord:
    fresh = replace(user, failed_attempts=0, last_failed_at=None)
    if uow.passwords.needs_rehash(user.password_hash):
        fresh = replace(fresh, password_hash=uow.passwords.hash(password))
    if fresh != user:
        uow.users.save(fresh)
    return fresh


def _checked(uow: UnitOfWork, staff_no: str, password: str, now: dt.datetime) -> UserRecord:
    """`_check_password` that commits the recorded failure before re-raising it."""
    try:
        return _check_password(uow, uow.users.get(staff_no.strip()), staff_no, password, now)
    except SignInFailed:
        uow.commit()
        raise


def sign_in(
    uow: UnitOfWork,
    staff_no: str,
    password: str,
    *,
    new_password: str | None = None,
    now: dt.datetime | None = None,
) -> Actor:
    """Check a staff number and password; returns the Actor to act as from now on.

    A user whose password was reset must choose a new one: without `new_password` this
    raises PasswordChangeRequired (after checking the password, so call again with both).
    Raises SignInFailed (wrong or disabled), SignInThrottled (wait), WeakPassword.
    """
    moment = _now(now)
    with uow:
        user = _checked(uow, staff_no, password, moment)
        if user.must_change_password:
            if new_password is None:
                uow.commit()
                raise PasswordChangeRequired(
                    "管理员已重置您的密码，请设置新密码。",
                    "the password was reset: choose a new one",
                )
            user = _set_password(uow, user, password, new_password, moment)
        audit.record(uow, user.actor(), "sign_in", now=moment)
        uow.commit()
        return user.actor()


def _set_password(
    uow: UnitOfWork, user: UserRecord, old: str, new: str, now: dt.datetime
) -> UserRecord:
    check_new_password(new, user.staff_no)
    if new == old:
        raise WeakPassword("新密码不能与原密码相同。", "the new password must differ from the old")
    changed = replace(user, password_hash=uow.passwords.hash(new), must_change_password=False)
    uow.users.save(changed)
    audit.record(uow, user.actor(), "password_changed", now=now)
    return changed


def change_password(
    uow: UnitOfWork, actor: Actor, old_password: str, new_password: str, *, now=None
) -> None:
    """The signed-in `actor` replaces their own password, confirming the old one.

    Raises SignInFailed / SignInThrottled for a wrong old password, WeakPassword.
    """
    moment = _now(now)
    with uow:
        user = _checked(uow, actor.staff_no, old_password, moment)
        _set_password(uow, user, old_password, new_password, moment)
        uow.commit()


def sign_out(uow: UnitOfWork, actor: Actor, *, now: dt.datetime | None = None) -> None:
    """Record that `actor` signed out (or was switched away from at the counter)."""
    with uow:
        audit.record(uow, actor, "sign_out", now=_now(now))
        uow.commit()


def lock_session(
    uow: UnitOfWork, actor: Actor, *, idle: bool = False, now: dt.datetime | None = None
) -> None:
    """Record that the window locked for `actor` (`idle`: by the idle timer, else Ctrl+L)."""
    with uow:
        audit.record(uow, actor, "lock", {"reason": "idle" if idle else "manual"}, now=_now(now))
        uow.commit()


def unlock_session(
    uow: UnitOfWork, actor: Actor, password: str, *, now: dt.datetime | None = None
) -> None:
    """Unlock the window: only `actor`'s own password opens it.

    Raises SignInFailed (wrong password, or disabled since) and SignInThrottled.
    """
    moment = _now(now)
    with uow:
        user = uow.users.get(actor.staff_no)
        if user is None or user.id != actor.id:
            raise _wrong_credentials()
        try:
            _check_password(uow, user, actor.staff_no, password, moment, "unlock_failed")
        except SignInFailed:
            uow.commit()
            raise
        audit.record(uow, actor, "unlock", now=moment)
        uow.commit()


def verify_approval(
    uow: UnitOfWork,
    *,
    staff_no: str,
    password: str,
    action: str,
    requester: Actor,
    now: dt.datetime | None = None,
) -> Approval:
    """Check a supervisor's credentials typed in to approve `requester`'s `action`.

    The approver must hold the supervisor role, be enabled, and be someone other than the
    requester. Grants and refusals are audited. Raises SignInFailed / SignInThrottled,
    PermissionDenied (not a supervisor), SelfApprovalRefused, ValueError (an action that
    needs no approval).
    """
    if not needs_approval(action):
        raise ValueError(f"{action!r} does not need approval")
    moment = _now(now)
    with uow:
        try:
            approver = _approver(uow, staff_no, password, action, requester, moment)
        except (SignInFailed, PermissionDenied) as refused:
            details = {"action": action, "approver": staff_no.strip(), "reason": _code(refused)}
            audit.record(uow, requester, "approval_refused", details, now=moment)
            uow.commit()
            raise
        details = {"action": action, "requester": requester.staff_no}
        audit.record(uow, approver.actor(), "approval_granted", details, now=moment)
        uow.commit()
    return Approval(action, requester, approver.actor(), moment)


def _code(refused: Exception) -> str:
    if isinstance(refused, SignInThrottled):
        return "throttled"
    if isinstance(refused, SelfApprovalRefused):
        return "self_approval"
    if isinstance(refused, PermissionDenied):
        return "not_supervisor"
    return "wrong_password"


def _approver(
    uow: UnitOfWork, staff_no: str, password: str, action: str, requester: Actor, now
) -> UserRecord:
    user = _check_password(uow, uow.users.get(staff_no.strip()), staff_no, password, now)
    label = action_label(action)
    if APPROVER_ROLE not in user.roles:
        raise PermissionDenied(
            f"{user.name}（{user.staff_no}）不是主管，不能批准{label}。",
            f"{user.staff_no} is not a supervisor",
            action=action,
        )
    if user.id == requester.id or user.staff_no == requester.staff_no:
        raise SelfApprovalRefused(
            f"不能批准自己的{label}，请由另一位主管批准。",
            "a user cannot approve their own action",
            action=action,
        )
    return user
