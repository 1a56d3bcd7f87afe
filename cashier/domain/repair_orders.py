"""Repair orders (维修单): the call, who owns the failed part, the crew's times, follow-ups.

The service standard asks (三(八)4) that the household is told, when the repair is reported,
whether the work is paid: it is, when the failed part is not the company's (the household's
own installation), or when the household damaged the company's facility (三(八)6, which then
needs a signed damage confirmation). That decision is part of the order and can be revised
on site only before work is finished. The crew should be on site within 30 minutes of the
call (三(八)5): an order not reached by then is overdue, one reached later arrived late.
After the work, the household is followed up (回访, 三(八)9).

Orders and everything that happens to them are appended, never edited: dispatching,
arrival, finishing, cancelling and a revised charge decision are events of the order.
Moments are aware datetimes (UTC when stored); numbers are ``WX2025-00001`` by the year the
call was received (Beijing time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.errors import UserError

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")

CHANNELS: dict[str, str] = {"phone": "电话", "counter": "柜台", "on_site": "现场"}
"""How the repair was reported."""

OWNERS: dict[str, str] = {"company": "供热公司", "household": "用户"}
"""Who owns the failed part."""

SATISFACTION: dict[str, str] = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "neutral": "一般",
    "dissatisfied": "不满意",
}
"""How satisfied the household said it was at the follow-up."""

DISPATCHED, ARRIVED, FINISHED, CANCELLED, CHARGE = (
    "dispatched",
    "arrived",
    "finished",
    "cancelled",
    "charge",
)
EVENT_LABELS: dict[str, str] = {
    DISPATCHED: "派工",
    ARRIVED: "到达现场",
    FINISHED: "完工",
    CANCELLED: "撤单",
    CHARGE: "重新认定收费",
}

OPEN, DONE, VOID = "open", "finished", "cancelled"
STATUS_LABELS = {OPEN: "处理中", DONE: "已完工", VOID: "已撤单"}

ARRIVAL_TARGET = dt.timedelta(minutes=30)
"""The standard's arrival time after the call (三(八)5)."""

CLOCK_SLACK = dt.timedelta(minutes=5)
"""How far in the future a recorded time may be (clocks of two PCs differ a little)."""

ORDER_PREFIX = "WX"
MAX_TEXT = 500
MAX_SHORT = 100


class RepairError(UserError):
    """A repair order, bill or record that cannot be made as given."""


@dataclass(frozen=True)
class NewOrder:
    """A repair call as the service desk takes it.

    ``account_no`` may be empty when the caller has no account (then ``address`` is
    required). ``owner`` is who owns the failed part; ``household_damage`` marks a company
    facility damaged by the household. ``customer_told`` must be True: the desk told the
    caller whether the work is paid before anyone is sent.
    """

    received_at: dt.datetime
    channel: str
    fault: str
    owner: str
    customer_told: bool
    account_no: str = ""
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    household_damage: bool = False

    @property
    def paid(self) -> bool:
        """True when the household pays: its own part, or damage it caused."""
        return is_paid(self.owner, self.household_damage)


@dataclass(frozen=True)
class OrderEvent:
    """Something that happened to an order. ``technicians`` for a dispatch ("3001 李四");
    ``owner``/``paid`` for a revised charge decision; ``note`` for anything said."""

    kind: str
    at: dt.datetime
    technicians: tuple[str, ...] = ()
    note: str = ""
    owner: str | None = None
    paid: bool | None = None
    id: int | None = None
    recorded_at: dt.datetime | None = None
    recorded_by: str = ""
    recorder_name: str = ""


@dataclass(frozen=True)
class FollowUp:
    """A follow-up call or visit (回访): when, by whom, how satisfied, what was said."""

    order_id: int
    at: dt.datetime
    satisfaction: str
    notes: str = ""
    id: int | None = None
    staff_no: str = ""
    staff_name: str = ""

    @property
    def satisfaction_label(self) -> str:
        """The Chinese word for the satisfaction given."""
        return SATISFACTION.get(self.satisfaction, self.satisfaction)


@dataclass(frozen=True)
class Order:
    """A stored order with its events (oldest first) and the account it concerns.

    ``paid`` and ``owner`` are the decision taken at the call; :attr:`charge` gives the one
    in force after any revision.
    """

    id: int
    number: str
    received_at: dt.datetime
    channel: str
    fault: str
    owner: str
    paid: bool
    told_at: dt.datetime
    account_no: str
    customer_name: str
    address: str
    contact_name: str
    contact_phone: str
    recorded_by: str
    recorder_name: str
    events: tuple[OrderEvent, ...] = ()
    followups: int = 0

    def _first(self, kind: str) -> dt.datetime | None:
        return next((e.at for e in self.events if e.kind == kind), None)

    @property
    def dispatched_at(self) -> dt.datetime | None:
        """When the crew was first sent (None: not yet)."""
        return self._first(DISPATCHED)

    @property
    def arrived_at(self) -> dt.datetime | None:
        """When the crew reached the site; an on-site report is reached when received."""
        if self.channel == "on_site":
            return self.received_at
        return self._first(ARRIVED)

    @property
    def finished_at(self) -> dt.datetime | None:
        """When the work was finished (None: not yet)."""
        return self._first(FINISHED)

    @property
    def technicians(self) -> tuple[str, ...]:
        """The crew of the latest dispatch."""
        crews = [e.technicians for e in self.events if e.kind == DISPATCHED]
        return crews[-1] if crews else ()

    @property
    def status(self) -> str:
        """OPEN, DONE (finished) or VOID (cancelled)."""
        if any(e.kind == CANCELLED for e in self.events):
            return VOID
        return DONE if self.finished_at is not None else OPEN

    @property
    def charge(self) -> tuple[str, bool]:
        """(owner, paid) in force: the latest revision, else the decision at the call."""
        revised = [e for e in self.events if e.kind == CHARGE]
        if revised and revised[-1].owner is not None and revised[-1].paid is not None:
            return revised[-1].owner, revised[-1].paid
        return self.owner, self.paid

    @property
    def arrival_due(self) -> dt.datetime:
        """When the crew should be on site: 30 minutes after the call."""
        return self.received_at + ARRIVAL_TARGET

    def overdue(self, now: dt.datetime) -> bool:
        """True while the order is open, nobody has arrived, and the 30 minutes are past."""
        return self.status == OPEN and self.arrived_at is None and now > self.arrival_due

    @property
    def arrived_late(self) -> bool:
        """True when the crew arrived after the 30 minutes."""
        arrived = self.arrived_at
        return arrived is not None and arrived > self.arrival_due

    def arrival_minutes(self) -> int | None:
        """Whole minutes from the call to arrival (None: not arrived)."""
        arrived = self.arrived_at
        if arrived is None:
            return None
        return int((arrived - self.received_at).total_seconds() // 60)


@dataclass(frozen=True)
class OrderFilter:
    """Which orders a list shows.

    ``state``: "open" (not finished or cancelled), "overdue" (open, nobody on site, past the
    30 minutes at ``now``), "finished", "no_followup" (finished without a follow-up),
    "cancelled" or "all". ``text`` matches the order number, account number, name, address,
    contact phone or fault (substring).
    """

    state: str = "open"
    text: str = ""
    now: dt.datetime | None = None


def is_paid(owner: str, household_damage: bool) -> bool:
    """Whether the household pays: it owns the failed part, or damaged the company's."""
    return owner == "household" or household_damage


def order_number(year: int, serial: int) -> str:
    """``WX2025-00001``: the year the call was received (Beijing) and a serial in it."""
    return f"{ORDER_PREFIX}{year}-{serial:05d}"


def local_year(moment: dt.datetime) -> int:
    """The Beijing-time year of an aware moment."""
    return moment.astimezone(CHINA).year


def check_new_order(order: NewOrder, now: dt.datetime) -> NewOrder:
    """The order with its texts stripped, if it can be taken.

    Raises RepairError for an unknown channel or owner, a missing fault or address, a time
    in the future or without a zone, or when the caller was not told whether it is paid.
    """
    _aware(order.received_at, "报修时间", "received time")
    if order.received_at > now + CLOCK_SLACK:
        raise RepairError("报修时间不能晚于现在。", "the received time is in the future")
    _choice(order.channel, CHANNELS, "报修方式", "channel")
    _choice(order.owner, OWNERS, "故障部件产权", "owner")
    if order.household_damage and order.owner != "company":
        raise RepairError(
            "用户责任损坏只适用于供热公司产权的设施。",
            "household damage applies to company facilities only",
        )
    fault = _text(order.fault, "故障情况", "fault", MAX_TEXT, required=True)
    address = _text(order.address, "地址", "address", MAX_SHORT)
    if not order.account_no.strip() and not address:
        raise RepairError("请填写户号或地址。", "an account number or an address is needed")
    if not order.customer_told:
        raise RepairError(
            "派工前须告知用户本次维修是否收费（服务规范三(八)4）。",
            "the caller must be told whether the repair is paid before work starts",
        )
    return NewOrder(
        received_at=order.received_at,
        channel=order.channel,
        fault=fault,
        owner=order.owner,
        customer_told=True,
        account_no=order.account_no.strip(),
        address=address,
        contact_name=_text(order.contact_name, "联系人", "contact", 50),
        contact_phone=_text(order.contact_phone, "联系电话", "phone", 32),
        household_damage=order.household_damage,
    )


def check_event(order: Order, event: OrderEvent, now: dt.datetime) -> OrderEvent:
    """The event, if it may follow the order's history.

    Times run forward: dispatched after the call, arrival after dispatch, finishing after
    arrival, nothing in the future. A finished or cancelled order takes no more events; a
    charge decision may be revised only before the work is finished. Raises RepairError.
    """
    _aware(event.at, "时间", "time")
    if event.at > now + CLOCK_SLACK:
        raise RepairError("时间不能晚于现在。", "the time is in the future")
    if order.status != OPEN:
        label = STATUS_LABELS[order.status]
        raise RepairError(
            f"维修单 {order.number} {label}，不能再登记。", f"order is {order.status}"
        )
    if event.kind not in EVENT_LABELS:
        raise RepairError(f"未知的维修单事件：{event.kind}", f"unknown event {event.kind!r}")
    _check_sequence(order, event)
    note = _text(event.note, "说明", "note", MAX_TEXT)
    technicians = tuple(t.strip() for t in event.technicians if t.strip())
    if event.kind == DISPATCHED and not technicians:
        raise RepairError("派工须指定维修人员。", "a dispatch names the technicians")
    if event.kind == CANCELLED and not note:
        raise RepairError("撤单须说明原因。", "a cancellation needs a reason")
    if event.kind == CHARGE:
        _choice(event.owner or "", OWNERS, "故障部件产权", "owner")
        if event.paid is None:
            raise RepairError("请选择是否收费。", "paid or free must be decided")
    return OrderEvent(event.kind, event.at, technicians, note, event.owner, event.paid)


def _check_sequence(order: Order, event: OrderEvent) -> None:
    previous = {
        DISPATCHED: order.received_at,
        ARRIVED: order.dispatched_at,
        FINISHED: order.arrived_at,
    }
    if event.kind in previous:
        before = previous[event.kind]
        if before is None:
            need = "派工" if event.kind == ARRIVED else "到达现场"
            raise RepairError(f"请先登记{need}。", f"record the step before {event.kind}")
        if event.at < before:
            raise RepairError(
                f"{EVENT_LABELS[event.kind]}时间不能早于上一步。",
                f"{event.kind} cannot be earlier than the step before it",
            )
    if event.kind == ARRIVED and order.arrived_at is not None:
        raise RepairError("已登记到达现场。", "arrival is already recorded")
    if event.at < order.received_at:
        raise RepairError("时间不能早于报修时间。", "the time is before the call")


def check_followup(order: Order, followup: FollowUp, now: dt.datetime) -> FollowUp:
    """The follow-up, if the order is finished and the time is after finishing.

    Raises RepairError otherwise, or for an unknown satisfaction.
    """
    _aware(followup.at, "回访时间", "follow-up time")
    finished = order.finished_at
    if order.status != DONE or finished is None:
        raise RepairError("维修完工后才能回访。", "only finished orders are followed up")
    if followup.at < finished or followup.at > now + CLOCK_SLACK:
        raise RepairError("回访时间应在完工之后、现在之前。", "follow-up time out of range")
    _choice(followup.satisfaction, SATISFACTION, "满意程度", "satisfaction")
    notes = _text(followup.notes, "回访记录", "notes", MAX_TEXT)
    return FollowUp(order.id, followup.at, followup.satisfaction, notes)


def _aware(moment: dt.datetime, zh: str, en: str) -> None:
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
        raise RepairError(f"{zh}缺少时区。", f"the {en} has no time zone")


def _choice(value: str, choices: dict[str, str], zh: str, en: str) -> None:
    if value not in choices:
        allowed = "、".join(choices.values())
        raise RepairError(f"{zh}无效（可选：{allowed}）。", f"unknown {en}: {value!r}")


def _text(value: str, zh: str, en: str, limit: int, *, required: bool = False) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise RepairError(f"请填写{zh}。", f"the {en} is required")
    if len(text) > limit:
        raise RepairError(f"{zh}太长（最多 {limit} 字）。", f"the {en} is longer than {limit}")
    return text
