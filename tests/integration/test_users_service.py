"""Users, sign-in, lock/unlock and supervisor approval, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.audit import AuditFilter
from cashier.domain.errors import (
    ApprovalRequired,
    PasswordChangeRequired,
    PermissionDenied,
    SelfApprovalRefused,
    SignInFailed,
    SignInThrottled,
    UserError,
)
from cashier.domain.users import DEMO_PASSWORD, InvalidUserDetails, WeakPassword
from cashier.services import users
from cashier.services.audit import list_entries
from cashier.services.permissions import require_approved

T0 = dt.datetime(2025, 11, 15, 1, 0, tzinfo=dt.UTC)
PW = "幸福小区2025"


def _events(make_uow) -> list[str]:
    entries = list_entries(make_uow(), LOCAL_OPERATOR, AuditFilter(), limit=1000)
    return [entry.event for entry in reversed(entries)]


@pytest.fixture
def staff(make_uow) -> dict[str, Actor]:
    """An administrator, a cashier, an accountant and two supervisors, all signed in once."""
    people = {
        "admin": ("0001", "周八", ["admin"]),
        "cashier": ("1001", "张三", ["cashier"]),
        "accountant": ("1004", "赵六", ["accountant"]),
        "supervisor": ("1005", "孙七", ["supervisor", "cashier"]),
        "supervisor2": ("1007", "吴九", ["supervisor"]),
    }
    actors = {}
    for key, (staff_no, name, roles) in people.items():
        users.add_user(
            make_uow(), LOCAL_OPERATOR, staff_no=staff_no, name=name, roles=roles,
            password=PW, must_change_password=False,
        )
        actors[key] = users.sign_in(make_uow(), staff_no, PW, now=T0)
    return actors


def test_sign_in_gives_the_user_as_actor_and_is_audited(make_uow, staff):
    assert staff["cashier"] == Actor(staff["cashier"].id, "1001", "张三", frozenset({"cashier"}))
    assert _events(make_uow).count("sign_in") == 5


def test_wrong_password_fails_is_counted_and_audited(make_uow, staff):
    with pytest.raises(SignInFailed, match="工号或密码错误"):
        users.sign_in(make_uow(), "1001", "wrong-password", now=T0)
    with pytest.raises(SignInFailed, match="工号或密码错误"):
        users.sign_in(make_uow(), "9999", "whatever", now=T0)
    assert _events(make_uow)[-2:] == ["sign_in_failed", "sign_in_failed"]


def test_repeated_failures_slow_down_then_a_success_resets(make_uow, staff):
    for _ in range(3):
        with pytest.raises(SignInFailed) as caught:
            users.sign_in(make_uow(), "1001", "wrong-password", now=T0)
        assert not isinstance(caught.value, SignInThrottled)
    with pytest.raises(SignInThrottled) as caught:
        users.sign_in(make_uow(), "1001", PW, now=T0 + dt.timedelta(seconds=2))
    assert caught.value.retry_after_s == 3
    assert "秒后再试" in str(caught.value)
    later = T0 + dt.timedelta(seconds=6)
    assert users.sign_in(make_uow(), "1001", PW, now=later).staff_no == "1001"
    with pytest.raises(SignInFailed) as caught:
        users.sign_in(make_uow(), "1001", "wrong-password", now=later)
    assert not isinstance(caught.value, SignInThrottled)
    assert "sign_in_throttled" in _events(make_uow)


def test_disabled_user_cannot_sign_in_but_stays_listed(make_uow, staff):
    users.disable_user(make_uow(), staff["admin"], "1001")
    with pytest.raises(SignInFailed, match="停用"):
        users.sign_in(make_uow(), "1001", PW, now=T0)
    listed = {u.staff_no: u for u in users.list_users(make_uow(), staff["admin"])}
    assert listed["1001"].disabled
    users.enable_user(make_uow(), staff["admin"], "1001")
    assert users.sign_in(make_uow(), "1001", PW, now=T0).name == "张三"


def test_reset_password_must_be_changed_at_next_sign_in(make_uow, staff):
    users.reset_password(make_uow(), staff["admin"], "1001", "temporary1")
    with pytest.raises(SignInFailed):
        users.sign_in(make_uow(), "1001", PW, now=T0)
    with pytest.raises(PasswordChangeRequired):
        users.sign_in(make_uow(), "1001", "temporary1", now=T0)
    with pytest.raises(WeakPassword):
        users.sign_in(make_uow(), "1001", "temporary1", new_password="temporary1", now=T0)
    actor = users.sign_in(make_uow(), "1001", "temporary1", new_password="新密码-2025", now=T0)
    assert actor.staff_no == "1001"
    assert users.sign_in(make_uow(), "1001", "新密码-2025", now=T0) == actor
    assert {"password_reset", "password_changed"} <= set(_events(make_uow))


def test_change_own_password_needs_the_old_one(make_uow, staff):
    cashier = staff["cashier"]
    with pytest.raises(SignInFailed):
        users.change_password(make_uow(), cashier, "not-the-password", "another-one1")
    users.change_password(make_uow(), cashier, PW, "another-one1")
    assert users.sign_in(make_uow(), "1001", "another-one1") == cashier


def test_only_an_administrator_manages_users(make_uow, staff):
    for who in ("cashier", "accountant", "supervisor"):
        with pytest.raises(PermissionDenied):
            users.add_user(
                make_uow(), staff[who], staff_no="2001", name="李四", roles=["cashier"],
                password=PW,
            )
        with pytest.raises(PermissionDenied):
            users.reset_password(make_uow(), staff[who], "1001", "temporary1")
        with pytest.raises(PermissionDenied):
            users.list_users(make_uow(), staff[who])


def test_added_user_must_change_the_initial_password(make_uow, staff):
    info = users.add_user(
        make_uow(), staff["admin"], staff_no="2001", name="李四", roles=["collector"], password=PW
    )
    assert info.must_change_password
    with pytest.raises(PasswordChangeRequired):
        users.sign_in(make_uow(), "2001", PW)


def test_duplicate_staff_number_and_bad_role_are_refused(make_uow, staff):
    with pytest.raises(InvalidUserDetails, match="已存在"):
        users.add_user(
            make_uow(), staff["admin"], staff_no="1001", name="李四", roles=["cashier"],
            password=PW,
        )
    with pytest.raises(InvalidUserDetails, match="角色"):
        users.add_user(
            make_uow(), staff["admin"], staff_no="2002", name="李四", roles=["boss"], password=PW
        )


def test_the_last_enabled_administrator_stays(make_uow, staff):
    admin = staff["admin"]
    with pytest.raises(UserError, match="自己"):
        users.disable_user(make_uow(), admin, "0001")
    with pytest.raises(users.LastAdministrator):
        users.set_roles(make_uow(), admin, "0001", ["cashier"])
    users.set_roles(make_uow(), admin, "1004", ["accountant", "admin"])
    users.set_roles(make_uow(), admin, "0001", ["cashier"])
    assert users.sign_in(make_uow(), "0001", PW).roles == {"cashier"}


def test_first_user_must_be_an_administrator(make_uow):
    assert not users.has_users(make_uow())
    with pytest.raises(InvalidUserDetails, match="管理员"):
        users.add_user(
            make_uow(), LOCAL_OPERATOR, staff_no="1001", name="张三", roles=["cashier"],
            password=PW,
        )
    admin = users.create_first_admin(make_uow(), staff_no="0001", name="周八", password=PW)
    assert admin.roles == {"admin"}
    assert users.has_users(make_uow())
    with pytest.raises(UserError, match="已有操作员"):
        users.create_first_admin(make_uow(), staff_no="0002", name="吴九", password=PW)
    assert users.sign_in(make_uow(), "0001", PW) == admin


def test_lock_and_unlock_need_the_same_users_password(make_uow, staff):
    cashier = staff["cashier"]
    users.lock_session(make_uow(), cashier, idle=True)
    with pytest.raises(SignInFailed):
        users.unlock_session(make_uow(), cashier, "wrong-password")
    with pytest.raises(SignInFailed):
        users.unlock_session(make_uow(), staff["supervisor"], PW.replace("2025", "2024"))
    users.unlock_session(make_uow(), cashier, PW)
    assert _events(make_uow)[-4:] == ["lock", "unlock_failed", "unlock_failed", "unlock"]


# --- supervisor approval: the "what it must show" ---------------------------------


def test_void_without_a_supervisor_is_refused(make_uow, staff):
    with pytest.raises(ApprovalRequired, match="主管批准"):
        require_approved(staff["cashier"], "void", None)


def test_void_approved_by_a_supervisor_is_recorded(make_uow, staff):
    cashier = staff["cashier"]
    approval = users.verify_approval(
        make_uow(), staff_no="1005", password=PW, action="void", requester=cashier
    )
    assert approval.approver.staff_no == "1005" and approval.requester == cashier
    require_approved(cashier, "void", approval)
    granted = list_entries(make_uow(), LOCAL_OPERATOR, AuditFilter(event="approval_granted"))
    assert granted[0].staff_no == "1005"
    assert granted[0].details == {"action": "void", "requester": "1001"}


def test_a_supervisor_cannot_approve_their_own_void(make_uow, staff):
    supervisor = staff["supervisor"]
    with pytest.raises(SelfApprovalRefused):
        users.verify_approval(
            make_uow(), staff_no="1005", password=PW, action="void", requester=supervisor
        )
    refused = list_entries(make_uow(), LOCAL_OPERATOR, AuditFilter(event="approval_refused"))
    assert refused[0].details["reason"] == "self_approval"
    approval = users.verify_approval(
        make_uow(), staff_no="1007", password=PW, action="void", requester=supervisor
    )
    require_approved(supervisor, "void", approval)


def test_approval_needs_a_supervisor_with_the_right_password(make_uow, staff):
    cashier = staff["cashier"]
    with pytest.raises(PermissionDenied, match="不是主管"):
        users.verify_approval(
            make_uow(), staff_no="1004", password=PW, action="refund", requester=cashier
        )
    with pytest.raises(SignInFailed):
        users.verify_approval(
            make_uow(), staff_no="1005", password="wrong-password", action="refund",
            requester=cashier,
        )
    with pytest.raises(ValueError):
        users.verify_approval(
            make_uow(), staff_no="1005", password=PW, action="collect_payment", requester=cashier
        )


def test_demo_users_only_in_a_demo_database(make_uow):
    with pytest.raises(UserError, match="演示"):
        users.create_demo_users(make_uow())
    uow = make_uow()
    with uow:
        uow.settings.put("demo", "1")
        uow.commit()
    added = users.create_demo_users(make_uow())
    assert len(added) == 6 and not any(u.must_change_password for u in added)
    assert users.create_demo_users(make_uow()) == []
    assert users.sign_in(make_uow(), "1005", DEMO_PASSWORD).roles == {"supervisor", "cashier"}


def test_passwords_are_stored_as_argon2id_with_owasp_parameters(make_uow, staff):
    uow = make_uow()
    with uow:
        stored = uow.users.get("1001").password_hash
    assert stored.startswith("$argon2id$")
    params = dict(item.split("=") for item in stored.split("$")[3].split(","))
    assert int(params["m"]) >= 19456 and int(params["t"]) >= 2
    assert PW not in stored
