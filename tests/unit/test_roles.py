"""The one permission table and the checks services make with it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cashier.domain.actor import Actor
from cashier.domain.errors import ApprovalRequired, PermissionDenied, SelfApprovalRefused
from cashier.domain.roles import (
    ACTION_LABELS,
    APPROVAL_REQUIRED,
    PERMISSIONS,
    ROLE_LABELS,
    ROLES,
    Approval,
    needs_approval,
    parse_roles,
    permission_table_markdown,
    roles_text,
)
from cashier.services.permissions import allowed_actions, can, require, require_approved

CASHIER = Actor(1, "1001", "张三", frozenset({"cashier"}))
ACCOUNTANT = Actor(4, "1004", "赵六", frozenset({"accountant"}))
SUPERVISOR = Actor(5, "1005", "孙七", frozenset({"supervisor", "cashier"}))
ADMIN = Actor(6, "1006", "周八", frozenset({"admin"}))
NOW = dt.datetime(2025, 11, 15, 1, 0, tzinfo=dt.UTC)


def test_every_action_has_a_label_and_only_known_roles():
    assert set(ACTION_LABELS) == set(PERMISSIONS)
    for action, roles in PERMISSIONS.items():
        assert roles, action
        assert roles <= set(ROLES), action


def test_actions_needing_approval_are_the_issue_list_and_exist():
    assert APPROVAL_REQUIRED == {
        "void",
        "refund",
        "late_fee_waiver",
        "change_area",
        "change_category",
        "change_status",  # a late 报停 changes a billed season as much as a new category
        "edit_opening_arrears",
        "shift_variance",
        "handover_variance",
    }
    assert APPROVAL_REQUIRED <= set(PERMISSIONS)


def test_only_supervisors_approve():
    assert PERMISSIONS["approve"] == {"supervisor"}


def test_six_roles_with_chinese_labels():
    assert ROLE_LABELS["supervisor"] == "班长/主管"
    assert len(ROLES) == 6


def test_cashier_calling_an_accountant_only_action_is_denied():
    with pytest.raises(PermissionDenied) as caught:
        require(CASHIER, "close_day")
    assert caught.value.action == "close_day"
    assert "张三" in str(caught.value) and "会计" in str(caught.value)
    require(ACCOUNTANT, "close_day")


def test_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        require(ADMIN, "launch_rockets")
    with pytest.raises(KeyError):
        needs_approval("launch_rockets")


def test_admin_does_not_take_payments_separation_of_duties():
    assert not can(ADMIN, "collect_payment")
    assert "manage_users" in allowed_actions(ADMIN)
    assert "manage_users" not in allowed_actions(CASHIER)


def _approval(requester: Actor, approver: Actor, action: str = "void") -> Approval:
    return Approval(action, requester, approver, NOW)


def test_void_without_supervisor_approval_is_refused():
    with pytest.raises(ApprovalRequired):
        require_approved(CASHIER, "void", None)


def test_void_with_another_supervisors_approval_passes():
    require_approved(CASHIER, "void", _approval(CASHIER, SUPERVISOR))


def test_supervisor_cannot_approve_their_own_void():
    with pytest.raises(SelfApprovalRefused):
        require_approved(SUPERVISOR, "void", _approval(SUPERVISOR, SUPERVISOR))


def test_approval_for_another_action_or_requester_does_not_count():
    with pytest.raises(ApprovalRequired):
        require_approved(CASHIER, "void", _approval(CASHIER, SUPERVISOR, "refund"))
    other = Actor(2, "1002", "李四", frozenset({"cashier"}))
    with pytest.raises(ApprovalRequired):
        require_approved(CASHIER, "void", _approval(other, SUPERVISOR))


def test_actions_without_approval_need_none():
    require_approved(CASHIER, "collect_payment", None)


def test_parse_roles_accepts_codes_and_chinese_names():
    assert parse_roles(["cashier", "会计", " Admin "]) == {"cashier", "accountant", "admin"}
    with pytest.raises(ValueError):
        parse_roles(["boss"])
    with pytest.raises(ValueError):
        parse_roles([])
    assert roles_text({"admin", "cashier"}) == "收费员、管理员"


def test_readme_permission_table_matches_the_code():
    readme = Path(__file__).resolve().parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if "| action | 操作 | roles |" not in text:
        pytest.skip("README has no permission table yet (the lead merges it)")
    assert permission_table_markdown() in text, "regenerate the README table from the code"


def test_permission_table_lists_every_action_with_its_roles():
    table = permission_table_markdown()
    rows = re.findall(r"^\| `(\w+)` \|[^|]*\|([^|]*)\|([^|]*)\|$", table, flags=re.MULTILINE)
    parsed = {action: {r.strip() for r in roles.split(",")} for action, roles, _ in rows}
    assert parsed == {action: set(roles) for action, roles in PERMISSIONS.items()}
    approvals = {action for action, _, flag in rows if flag.strip() == "yes"}
    assert approvals == APPROVAL_REQUIRED
