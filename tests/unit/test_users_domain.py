"""Rules for operators' details, passwords and the slow-down after failed sign-ins."""

from __future__ import annotations

import datetime as dt

import pytest

from cashier.domain.audit import AuditRecord, validate_event
from cashier.domain.users import (
    DEMO_USERS,
    InvalidUserDetails,
    UserRecord,
    WeakPassword,
    check_new_password,
    retry_after_s,
    throttle_delay_s,
    validate_name,
    validate_staff_no,
)

NOW = dt.datetime(2025, 11, 15, 1, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["0001", " A-12 ", "z"])
def test_valid_staff_numbers(text):
    assert validate_staff_no(text) == text.strip()


@pytest.mark.parametrize("text", ["", "-1", "张三", "a b", "1" * 17])
def test_invalid_staff_numbers(text):
    with pytest.raises(InvalidUserDetails):
        validate_staff_no(text)


def test_names():
    assert validate_name(" 张三 ") == "张三"
    for bad in ("", "   ", "张" * 51):
        with pytest.raises(InvalidUserDetails):
            validate_name(bad)


@pytest.mark.parametrize("password", ["short", "1234567", "x" * 129, "00012345"])
def test_weak_passwords(password):
    with pytest.raises(WeakPassword):
        check_new_password(password, "00012345")


def test_good_password():
    check_new_password("幸福小区热力2025", "0001")


def test_delay_doubles_after_three_failures_up_to_five_minutes():
    assert [throttle_delay_s(n) for n in range(8)] == [0, 0, 0, 5, 10, 20, 40, 80]
    assert throttle_delay_s(30) == 300


def _user(failures: int, last: dt.datetime | None) -> UserRecord:
    return UserRecord(1, "0001", "张三", frozenset({"cashier"}), "h", False, False, failures, last)


def test_retry_after_counts_down_from_the_last_failure():
    assert retry_after_s(_user(2, NOW), NOW) == 0
    assert retry_after_s(_user(3, NOW), NOW) == 5
    assert retry_after_s(_user(3, NOW), NOW + dt.timedelta(seconds=4.2)) == 1
    assert retry_after_s(_user(3, NOW), NOW + dt.timedelta(seconds=5)) == 0
    naive = NOW.replace(tzinfo=None)
    assert retry_after_s(_user(4, naive), NOW) == 10


def test_demo_users_cover_every_role_once_supervisor_not_alone():
    roles = [role for user in DEMO_USERS for role in user.roles]
    assert {"cashier", "collector", "repair", "accountant", "supervisor", "admin"} <= set(roles)
    assert len({user.staff_no for user in DEMO_USERS}) == len(DEMO_USERS)


def test_audit_payload_covers_every_field_but_the_hash():
    entry = AuditRecord(1, NOW, 7, "0007", "张三", "sign_in", {"k": "v"})
    later = NOW + dt.timedelta(microseconds=1)
    changed = [
        AuditRecord(2, NOW, 7, "0007", "张三", "sign_in", {"k": "v"}),
        AuditRecord(1, later, 7, "0007", "张三", "sign_in", {"k": "v"}),
        AuditRecord(1, NOW, 8, "0007", "张三", "sign_in", {"k": "v"}),
        AuditRecord(1, NOW, 7, "0008", "张三", "sign_in", {"k": "v"}),
        AuditRecord(1, NOW, 7, "0007", "李四", "sign_in", {"k": "v"}),
        AuditRecord(1, NOW, 7, "0007", "张三", "sign_out", {"k": "v"}),
        AuditRecord(1, NOW, 7, "0007", "张三", "sign_in", {"k": "w"}),
        AuditRecord(1, NOW, 7, "0007", "张三", "sign_in", {"k": "v"}, version=2),
    ]
    assert all(other.payload() != entry.payload() for other in changed)
    assert AuditRecord(1, NOW, 7, "0007", "张三", "sign_in", {"k": "v"}, hash="f").payload() == (
        entry.payload()
    )


def test_details_summary_in_chinese():
    entry = AuditRecord(
        1, NOW, 7, "0007", "张三", "approval_refused",
        {"reason": "self_approval", "action": "void", "roles": ["cashier", "admin"]},
    )
    assert entry.details_summary() == "角色=收费员、管理员；操作=作废收费；原因=本人不能批准"


@pytest.mark.parametrize("event", ["", "A", "sign-in", "x" * 41, "1abc"])
def test_event_codes_are_checked(event):
    with pytest.raises(ValueError):
        validate_event(event)
