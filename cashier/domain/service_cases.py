"""Complaints, reports and heat-supply applications (投诉/举报/用热申请) and their deadlines.

The service standard fixes how soon each must be answered (三(五)2, 三(十)3): a complaint
within 2 working days, a report within 5, an application within 7; a resident's complaint
that the rooms are too cold must be acted on within 24 hours. Working days follow the State
Council's holiday schedule (:mod:`cashier.domain.workdays`), counted from the day after the
case was received; a case is due by the end of its last day, Beijing time.

A case is never edited or deleted (三(十)7): what happens to it is appended as steps
(处理, 答复, 回访, 办结). The first reply meets the deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.errors import UserError
from cashier.domain.workdays import CHINA_TZ, CalendarMissing, WorkCalendar

CASE_KINDS: dict[str, str] = {"complaint": "投诉", "report": "举报", "application": "用热申请"}
"""Case kind -> Chinese name."""

CASE_PREFIXES: dict[str, str] = {"complaint": "TS", "report": "JB", "application": "SQ"}
"""Case kind -> the letters of its number (TS2025-00001)."""

REPLY_WORKING_DAYS: dict[str, int] = {"complaint": 2, "report": 5, "application": 7}
"""Working days to answer each kind (service standard 三(五)2 and 三(十)3)."""

TEMPERATURE_HOURS = 24
"""Hours to act on a resident's complaint that the rooms are below standard."""

TEMPERATURE_CATEGORY = "indoor_temperature"

CHANNELS: dict[str, str] = {
    "phone": "电话",
    "visit": "来访",
    "hotline": "12345热线",
    "referral": "主管部门转办",
    "online": "网络",
    "letter": "信函",
    "other": "其他",
}
"""How a case reached the company."""

CATEGORIES: dict[str, dict[str, str]] = {
    "complaint": {
        TEMPERATURE_CATEGORY: "室温不达标",
        "outage": "停热",
        "billing": "收费",
        "repair": "维修",
        "conduct": "服务态度",
        "other": "其他",
    },
    "report": {"conduct": "工作人员违规", "billing": "违规收费", "other": "其他"},
    "application": {
        "connect": "新装用热",
        "resume": "恢复用热",
        "suspend": "暂停用热（报停）",
        "other": "其他",
    },
}
"""Categories allowed for each kind, with their Chinese names."""

STEP_KINDS: dict[str, str] = {
    "handling": "处理",
    "reply": "答复",
    "follow_up": "回访",
    "close": "办结",
}
"""What can be appended to a case."""

MAX_TEXT = 2000
MAX_CONTACT = 50


class CaseError(UserError):
    """A case or step that cannot be recorded as given."""


@dataclass(frozen=True)
class NewCase:
    """A case as received: kind, aware ``received_at``, channel, category, what was said.

    ``account_id`` is None when the caller has no account (an application for a new
    connection, an anonymous report); the contact fields then say who to answer.
    """

    kind: str
    received_at: dt.datetime
    channel: str
    category: str
    text: str
    account_id: int | None = None
    contact_name: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class CaseStep:
    """One step appended to a case: kind (STEP_KINDS), aware time it happened, text, who."""

    id: int
    case_id: int
    kind: str
    at: dt.datetime
    text: str
    recorded_at: dt.datetime
    recorded_by: str
    recorder_name: str


@dataclass(frozen=True)
class StoredCase:
    """A case as stored, with its number, who recorded it and every step in order."""

    id: int
    case_no: str
    kind: str
    received_at: dt.datetime
    channel: str
    category: str
    text: str
    account_id: int | None
    contact_name: str
    contact_phone: str
    recorded_at: dt.datetime
    recorded_by: str
    recorder_name: str
    steps: tuple[CaseStep, ...] = ()
    account_no: str = ""

    @property
    def first_reply(self) -> CaseStep | None:
        """The earliest reply step, or None."""
        replies = [step for step in self.steps if step.kind == "reply"]
        return min(replies, key=lambda step: step.at) if replies else None

    @property
    def state(self) -> str:
        """"closed" after a 办结 step, "replied" after a reply, else "open"."""
        kinds = {step.kind for step in self.steps}
        if "close" in kinds:
            return "closed"
        return "replied" if "reply" in kinds else "open"


@dataclass(frozen=True)
class CaseFilter:
    """Which cases to list: kind, account, received since/until (aware); None: any."""

    kind: str | None = None
    account_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def check_new_case(case: NewCase) -> NewCase:
    """The case with its text stripped; raises CaseError for an unknown kind, channel or
    category, a naive time, empty or overlong text, or neither account nor contact."""
    if case.kind not in CASE_KINDS:
        raise CaseError(f"未知的类型：{case.kind}", f"unknown case kind {case.kind!r}")
    if case.channel not in CHANNELS:
        raise CaseError(f"未知的受理渠道：{case.channel}", f"unknown channel {case.channel!r}")
    if case.category not in CATEGORIES[case.kind]:
        raise CaseError(
            f"{CASE_KINDS[case.kind]}没有“{case.category}”这一类别",
            f"category {case.category!r} is not allowed for {case.kind}",
        )
    _aware(case.received_at)
    text = _text(case.text, "内容", "text", MAX_TEXT)
    name = case.contact_name.strip()[:MAX_CONTACT]
    phone = case.contact_phone.strip()[:MAX_CONTACT]
    if case.account_id is None and not (name or phone):
        raise CaseError(
            "请填写户号，或联系人姓名/电话。", "give an account or a contact name or phone"
        )
    return NewCase(
        case.kind, case.received_at, case.channel, case.category, text,
        case.account_id, name, phone,
    )  # fmt: skip


def check_step(kind: str, at: dt.datetime, text: str, case: StoredCase) -> str:
    """The step text stripped; raises CaseError for an unknown kind, a naive time, a step
    dated before the case was received, empty text, a step after the case was closed, or
    closing a case that was never answered."""
    if kind not in STEP_KINDS:
        raise CaseError(f"未知的步骤：{kind}", f"unknown step kind {kind!r}")
    _aware(at)
    if at < case.received_at:
        raise CaseError("步骤时间早于受理时间。", "a step cannot precede the case")
    if case.state == "closed":
        raise CaseError(
            f"{case.case_no} 已办结，不能再追加。", f"{case.case_no} is closed"
        )
    if kind == "close" and case.state == "open":
        raise CaseError("请先答复，再办结。", "a case is answered before it is closed")
    return _text(text, "说明", "text", MAX_TEXT)


def _aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time without a zone is ambiguous: {moment!r}")


def _text(value: str, zh: str, en: str, limit: int) -> str:
    text = value.strip()
    if not text:
        raise CaseError(f"{zh}不能为空。", f"{en} must not be empty")
    if len(text) > limit:
        raise CaseError(f"{zh}最多{limit}个字。", f"{en} is longer than {limit} characters")
    return text


def case_number(kind: str, year: int, serial: int) -> str:
    """The number of a case: prefix, year and a five-digit serial, e.g. TS2025-00012."""
    return f"{CASE_PREFIXES[kind]}{year}-{serial:05d}"


# --- deadlines ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """When the answer is due: ``due_at`` is the aware moment after which it is late.

    ``due_date`` is the last working day for working-day deadlines (None for the 24-hour
    rule); ``rule_zh`` says which rule applied ("2个工作日", "24小时").
    """

    due_at: dt.datetime
    due_date: dt.date | None
    rule_zh: str


def reply_deadline(
    kind: str, category: str, received_at: dt.datetime, calendar: WorkCalendar
) -> Deadline:
    """The deadline of a case received at ``received_at`` (aware).

    A complaint about indoor temperature: 24 hours after receipt. Otherwise the end (24:00
    Beijing time) of the N-th working day after the day of receipt, N from
    REPLY_WORKING_DAYS. Raises CalendarMissing when a day to count falls in a year the
    calendar does not know.
    """
    if kind == "complaint" and category == TEMPERATURE_CATEGORY:
        due = received_at + dt.timedelta(hours=TEMPERATURE_HOURS)
        return Deadline(due.astimezone(CHINA_TZ), None, f"{TEMPERATURE_HOURS}小时")
    days = REPLY_WORKING_DAYS[kind]
    local_day = received_at.astimezone(CHINA_TZ).date()
    due_date = calendar.add_working_days(local_day, days)
    due_at = dt.datetime.combine(due_date + dt.timedelta(days=1), dt.time(), CHINA_TZ)
    return Deadline(due_at, due_date, f"{days}个工作日")


@dataclass(frozen=True)
class CaseStatus:
    """Where a case stands at a moment.

    ``deadline`` is None when it cannot be computed (``missing_year`` then names the year to
    load); ``overdue`` is True for an unanswered case past its deadline; ``late`` is True for
    a case whose first reply came after the deadline.
    """

    case: StoredCase
    deadline: Deadline | None
    missing_year: int | None
    overdue: bool
    late: bool

    @property
    def needs_follow_up(self) -> bool:
        """A complaint or report answered but neither followed up nor closed (三(十)5)."""
        if self.case.kind == "application" or self.case.state != "replied":
            return False
        return not any(step.kind == "follow_up" for step in self.case.steps)


def case_status(case: StoredCase, calendar: WorkCalendar, now: dt.datetime) -> CaseStatus:
    """The deadline, overdue and late flags of ``case`` at ``now`` (aware)."""
    try:
        deadline = reply_deadline(case.kind, case.category, case.received_at, calendar)
    except CalendarMissing as missing:
        return CaseStatus(case, None, missing.year, overdue=False, late=False)
    reply = case.first_reply
    if reply is None:
        overdue = case.state == "open" and now >= deadline.due_at
        return CaseStatus(case, deadline, None, overdue=overdue, late=False)
    return CaseStatus(case, deadline, None, overdue=False, late=reply.at >= deadline.due_at)
