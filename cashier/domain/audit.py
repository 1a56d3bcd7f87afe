"""The audit log: who did what and when, as a hash chain (see cashier.domain.chain).

Each entry is appended with the next sequence number (1, 2, 3 ... without gaps) and the hash
of its canonical payload chained to the previous entry's hash.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from cashier.domain.chain import canonical_bytes
from cashier.domain.roles import action_label, roles_text

AUDIT_CHAIN = "audit"
"""The chain name of the audit log in an anchors file."""

AUDIT_VERSION = 1
"""Version of the payload layout of new entries; verifying uses each entry's own version."""

EVENT_LABELS: dict[str, str] = {
    "device_register": "登记收费设备",
    "device_checkout": "设备领取任务",
    "device_sync": "设备同步",
    "sync_flag_note": "核对同步差异",
    "sign_in": "登录",
    "sign_out": "退出登录",
    "sign_in_failed": "登录失败",
    "sign_in_throttled": "登录受限",
    "lock": "锁屏",
    "unlock": "解锁",
    "unlock_failed": "解锁失败",
    "approval_granted": "主管批准",
    "approval_refused": "拒绝批准",
    "permission_denied": "越权操作被拒绝",
    "reprint": "补打收据",
    "settings_changed": "修改设置",
    "import": "导入",
    "tariff_load": "载入热价",
    "season_open": "开征",
    "user_added": "新增操作员",
    "user_disabled": "停用操作员",
    "user_enabled": "启用操作员",
    "user_roles_changed": "修改角色",
    "password_reset": "重置密码",
    "password_changed": "修改密码",
    "audit_export": "导出审计日志",
    "backup": "备份数据库",
    "restore": "恢复数据库",
    "service_case": "受理投诉举报/用热申请",
    "measurement": "登记测温记录",
    "outage": "登记停热",
    "service_credits": "补记停热减收/室温退费",
    "repair_prices_load": "载入维修价格",
    "repair_order": "登记维修单",
    "repair_event": "维修单进展",
    "repair_bill": "维修收费清单",
    "repair_sign": "客户签字确认维修清单",
    "repair_damage": "用户责任损坏确认",
    "repair_payment": "收取维修费",
    "repair_refund": "维修费退费",
    "repair_followup": "维修回访",
    "facts_change": "变更计费信息",
    "status_change": "变更供热状态",
    "opening_arrears_adjust": "调整往年欠费",
    "late_fee_waiver": "减免滞纳金",
    "shift_close": "结班",
    "void": "作废收费",
    "refund": "退费",
    "invoice_exchange": "换开发票",
    "suspense_assign": "待查款项入账",
    "handover": "缴款",
    "day_close": "日结",
    "settlement_import": "导入对账单",
    "settlement_resolve": "处理对账差异",
    "settlement_preset": "保存对账单列映射",
}
"""Event code -> Chinese name. Other areas may record further codes; they show as the code."""

DETAIL_LABELS: dict[str, str] = {
    "staff_no": "工号",
    "name": "姓名",
    "roles": "角色",
    "action": "操作",
    "requester": "申请人",
    "approver": "批准人",
    "reason": "原因",
    "file": "文件",
    "case_no": "编号",
    "number": "编号",
    "credit_fen": "减收（分）",
    "season": "采暖期",
    "account_no": "户号",
    "amount": "金额",
    "changes": "变更",
    "valid_from": "生效日期",
    "status": "状态",
    "booked_on": "记账日期",
    "adjusted_fen": "账单调整（分）",
    "rows": "行数",
    "retry_after_s": "等待秒数",
    "failures": "连续失败次数",
    "key": "设置项",
    "old": "原值",
    "new": "新值",
}
"""Detail key -> Chinese name for display, in display order; unknown keys come last."""

REASON_LABELS: dict[str, str] = {
    "wrong_password": "密码错误",
    "unknown": "工号不存在",
    "disabled": "已停用",
    "throttled": "失败次数过多",
    "not_supervisor": "不是主管",
    "self_approval": "本人不能批准",
    "idle": "空闲超时",
    "manual": "手动",
    "demo": "演示数据",
}
"""Values of the "reason" detail -> Chinese, for display."""

_EVENT = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


def validate_event(event: str) -> str:
    """The event code if it is 2–40 of a-z, 0-9, '_' starting with a letter; else ValueError."""
    if not _EVENT.match(event):
        raise ValueError(f"invalid audit event code: {event!r}")
    return event


def event_label(event: str) -> str:
    """The Chinese name of an event code (the code itself when unknown)."""
    return EVENT_LABELS.get(event, event)


def details_text(details: Mapping[str, object]) -> str:
    """Details as stored: compact JSON with sorted keys, Chinese kept as text."""
    return json.dumps(dict(details), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry as stored. `recorded_at` is aware (UTC); `actor_id` is None for the
    command line's local operator or an unknown staff number at a failed sign-in.
    """

    seq: int
    recorded_at: dt.datetime
    actor_id: int | None
    staff_no: str
    actor_name: str
    event: str
    details: Mapping[str, object] = field(default_factory=dict)
    version: int = AUDIT_VERSION
    hash: str = ""

    def payload(self) -> bytes:
        """The canonical bytes that this entry's hash covers (everything but the hash)."""
        return canonical_bytes(
            self.version,
            {
                "seq": self.seq,
                "recorded_at": self.recorded_at,
                "actor_id": self.actor_id,
                "staff_no": self.staff_no,
                "actor_name": self.actor_name,
                "event": self.event,
                "details": dict(self.details),
            },
        )

    def details_summary(self) -> str:
        """Details for display, e.g. "工号=1001；角色=收费员、会计；原因=密码错误"."""
        order = {key: index for index, key in enumerate(DETAIL_LABELS)}
        keys = sorted(self.details, key=lambda key: (order.get(key, len(order)), key))
        return "；".join(
            f"{DETAIL_LABELS.get(key, key)}={_shown(key, self.details[key])}" for key in keys
        )


def _shown(key: str, value: object) -> str:
    if key == "roles" and isinstance(value, list | tuple):
        return roles_text(str(item) for item in value)
    if key == "action" and isinstance(value, str):
        return action_label(value)
    if key == "reason" and isinstance(value, str):
        return REASON_LABELS.get(value, value)
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list: `since` inclusive, `until` exclusive (aware datetimes), the
    acting staff number, the event code; None means no restriction.
    """

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    staff_no: str | None = None
    event: str | None = None


def day_filter(
    first: dt.date | None,
    last: dt.date | None,
    zone: dt.tzinfo,
    *,
    staff_no: str | None = None,
    event: str | None = None,
) -> AuditFilter:
    """A filter for whole days `first`..`last` (inclusive, either open) in time zone `zone`."""

    def midnight(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=zone)

    return AuditFilter(
        since=None if first is None else midnight(first),
        until=None if last is None else midnight(last + dt.timedelta(days=1)),
        staff_no=staff_no or None,
        event=event or None,
    )
