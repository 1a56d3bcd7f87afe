"""Roles, and the one table of which role may do what (README: "Roles and permissions").

Every service checks an action code against `PERMISSIONS` through
`cashier.services.permissions.require`; the window only hides what this table refuses.
Actions in `APPROVAL_REQUIRED` additionally need a supervisor's approval, given by a person
other than the one who asks (`cashier.services.users.verify_approval`).

To add an action: add its code to `PERMISSIONS` with the roles allowed, its Chinese label to
`ACTION_LABELS`, and the README table row (a test checks the first two agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cashier.domain.actor import Actor

CASHIER = "cashier"
COLLECTOR = "collector"
REPAIR = "repair"
ACCOUNTANT = "accountant"
SUPERVISOR = "supervisor"
ADMIN = "admin"

ROLE_LABELS: dict[str, str] = {
    CASHIER: "收费员",
    COLLECTOR: "上门收费员",
    REPAIR: "维修",
    ACCOUNTANT: "会计",
    SUPERVISOR: "班长/主管",
    ADMIN: "管理员",
}
"""Role code -> the Chinese name users see, in the order roles are listed."""

ROLES: tuple[str, ...] = tuple(ROLE_LABELS)

APPROVER_ROLE = SUPERVISOR
"""Only a holder of this role may approve an action in APPROVAL_REQUIRED."""

_COUNTER = frozenset({CASHIER, COLLECTOR, SUPERVISOR})
_BACK_OFFICE = frozenset({ACCOUNTANT, ADMIN})
_EVERYONE = frozenset(ROLES)

PERMISSIONS: dict[str, frozenset[str]] = {
    # at the counter and at the door
    "view_accounts": _EVERYONE,
    "collect_payment": _COUNTER,
    "reprint_receipt": _COUNTER | {ACCOUNTANT},
    "void": _COUNTER,
    "refund": _COUNTER | {ACCOUNTANT},
    "late_fee_waiver": _COUNTER | {ACCOUNTANT},
    "close_shift": _COUNTER | {REPAIR},
    "shift_variance": _COUNTER,
    "receive_handover": _COUNTER | {ACCOUNTANT},
    "handover_variance": _COUNTER | {ACCOUNTANT},
    # offline devices (collectors' laptops, a counter's fallback copy)
    "sync_device": _COUNTER | {ADMIN},
    "manage_devices": frozenset({SUPERVISOR, ADMIN}),
    # repairs
    "repair_order": frozenset({REPAIR, SUPERVISOR}),
    "repair_prices": frozenset({SUPERVISOR, ADMIN}),
    "collect_repair_payment": _COUNTER | {REPAIR},
    "repair_followup": frozenset({REPAIR, SUPERVISOR, CASHIER}),
    # service records (service standard): cases, measurements, outages
    "service_case": _EVERYONE,
    "measure_temperature": frozenset({REPAIR, SUPERVISOR}),
    "record_outage": frozenset({SUPERVISOR, ADMIN}),
    # account facts
    "edit_account": frozenset({CASHIER, SUPERVISOR, ACCOUNTANT, ADMIN}),
    "change_status": frozenset({CASHIER, SUPERVISOR, ACCOUNTANT, ADMIN}),
    "change_area": frozenset({SUPERVISOR, ACCOUNTANT, ADMIN}),
    "change_category": frozenset({SUPERVISOR, ACCOUNTANT, ADMIN}),
    "edit_opening_arrears": _BACK_OFFICE,
    # back office
    "import_accounts": frozenset({ADMIN}),
    "import_payments": frozenset({ACCOUNTANT}),
    "reconcile": frozenset({ACCOUNTANT}),
    "close_day": frozenset({ACCOUNTANT}),
    "view_reports": frozenset({SUPERVISOR, ACCOUNTANT, ADMIN}),
    "load_tariffs": frozenset({ADMIN}),
    "open_season": frozenset({ADMIN}),
    "change_settings": frozenset({ADMIN}),
    "manage_users": frozenset({ADMIN}),
    "view_audit": _BACK_OFFICE,
    "export_audit": _BACK_OFFICE,
    "verify_books": _BACK_OFFICE | {SUPERVISOR},
    "backup": _BACK_OFFICE,
    "restore": frozenset({ADMIN}),
    # approving someone else's action
    "approve": frozenset({APPROVER_ROLE}),
}
"""Action code -> the roles allowed to perform it. The single source of truth."""

ACTION_LABELS: dict[str, str] = {
    "view_accounts": "查询用户",
    "collect_payment": "收费",
    "reprint_receipt": "补打收据",
    "void": "作废收费",
    "refund": "退费",
    "late_fee_waiver": "减免滞纳金",
    "close_shift": "结班",
    "shift_variance": "结班差额",
    "receive_handover": "接收缴款",
    "handover_variance": "缴款差额",
    "sync_device": "领取任务和同步",
    "manage_devices": "登记收费设备",
    "repair_order": "维修单",
    "repair_prices": "载入维修价格",
    "collect_repair_payment": "收取维修费",
    "repair_followup": "维修回访",
    "service_case": "登记投诉举报和用热申请",
    "measure_temperature": "登记测温记录",
    "record_outage": "登记停热",
    "edit_account": "修改用户资料",
    "change_status": "变更供热状态",
    "change_area": "变更供热面积",
    "change_category": "变更用户类别",
    "edit_opening_arrears": "修改往年欠费",
    "import_accounts": "导入用户",
    "import_payments": "导入代收款",
    "reconcile": "对账",
    "close_day": "日结",
    "view_reports": "查看报表",
    "load_tariffs": "载入热价",
    "open_season": "开征",
    "change_settings": "修改设置",
    "manage_users": "管理操作员",
    "view_audit": "查看审计日志",
    "export_audit": "导出审计日志",
    "verify_books": "校验账簿",
    "backup": "备份数据库",
    "restore": "恢复数据库",
    "approve": "审批",
}
"""Action code -> the Chinese name shown in messages and on the approval dialog."""

APPROVAL_REQUIRED: frozenset[str] = frozenset(
    {
        "void",
        "refund",
        "late_fee_waiver",
        "change_area",
        "change_category",
        "change_status",
        "edit_opening_arrears",
        "shift_variance",
        "handover_variance",
    }
)
"""Actions that need a supervisor other than the requester to approve them."""


def is_allowed(roles: Iterable[str], action: str) -> bool:
    """True when any of `roles` may perform `action`; raises KeyError for an unknown action."""
    return not PERMISSIONS[action].isdisjoint(roles)


def needs_approval(action: str) -> bool:
    """True when `action` needs a supervisor's approval; raises KeyError for an unknown action."""
    if action not in PERMISSIONS:
        raise KeyError(action)
    return action in APPROVAL_REQUIRED


def roles_for(action: str) -> tuple[str, ...]:
    """The roles allowed to perform `action`, in ROLES order; raises KeyError if unknown."""
    allowed = PERMISSIONS[action]
    return tuple(role for role in ROLES if role in allowed)


def action_label(action: str) -> str:
    """The Chinese name of `action` (the code itself when it has no label)."""
    return ACTION_LABELS.get(action, action)


def role_label(role: str) -> str:
    """The Chinese name of `role` (the code itself for an unknown role)."""
    return ROLE_LABELS.get(role, role)


def roles_text(roles: Iterable[str]) -> str:
    """Roles as Chinese names joined with 、, in ROLES order (e.g. "收费员、班长/主管")."""
    chosen = set(roles)
    return "、".join(ROLE_LABELS[role] for role in ROLES if role in chosen)


def parse_roles(values: Iterable[str]) -> frozenset[str]:
    """Role codes (or their Chinese names) as a set of codes; raises ValueError on an unknown one.

    An empty result is refused too: a user holds at least one role.
    """
    by_label = {label: code for code, label in ROLE_LABELS.items()}
    result: set[str] = set()
    for value in values:
        text = value.strip()
        code = text.lower() if text.lower() in ROLE_LABELS else by_label.get(text)
        if code is None:
            raise ValueError(f"unknown role: {value!r} (known: {', '.join(ROLES)})")
        result.add(code)
    if not result:
        raise ValueError("at least one role is needed")
    return frozenset(result)


@dataclass(frozen=True)
class Approval:
    """A supervisor's approval of one action asked for by another user.

    Made only by `cashier.services.users.verify_approval` after checking the approver's
    password; the service that performs the action records `approver` with it.
    """

    action: str
    requester: Actor
    approver: Actor
    approved_at: dt.datetime


def permission_table_markdown() -> str:
    """The README's table of who may do what, generated from PERMISSIONS (a test keeps the
    README equal to it).
    """
    lines = ["| action | 操作 | roles | supervisor approval |", "|---|---|---|---|"]
    for action in PERMISSIONS:
        approval = "yes" if action in APPROVAL_REQUIRED else ""
        lines.append(
            f"| `{action}` | {action_label(action)} | {', '.join(roles_for(action))} "
            f"| {approval} |"
        )
    return "\n".join(lines) + "\n"
