"""Repair orders: taking the call, the crew's progress, the lists, follow-ups (回访).

One function per user action, each in its own transaction, audited. The lists are what the
Repairs page shows: open orders, overdue ones (nobody on site 30 minutes after the call),
finished ones, and finished ones still without a follow-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cashier.domain.actor import Actor
from cashier.domain.repair_orders import (
    CHARGE,
    DISPATCHED,
    EVENT_LABELS,
    ORDER_PREFIX,
    FollowUp,
    NewOrder,
    Order,
    OrderEvent,
    OrderFilter,
    RepairError,
    check_event,
    check_followup,
    check_new_order,
    local_year,
    order_number,
)
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

PAGE = 100
STATES = ("open", "overdue", "finished", "no_followup", "cancelled", "all")


class UnknownOrder(RepairError):
    """No repair order has this number or id."""

    def __init__(self, key: object) -> None:
        super().__init__(f"维修单 {key} 不存在。", f"no repair order {key}")


def _utc(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _by(actor: Actor) -> tuple[str, str]:
    return actor.staff_no, actor.name


def find_order(uow: UnitOfWork, key: int | str) -> Order:
    """The order by id or number (inside an open unit of work). Raises UnknownOrder."""
    found = uow.repair_orders.get(key) if isinstance(key, int) else uow.repair_orders.by_number(key)
    if found is None:
        raise UnknownOrder(key)
    return found


def _with_account(uow: UnitOfWork, order: NewOrder) -> tuple[NewOrder, int | None]:
    """The order with the account's address and holder filled in, and the account id."""
    if not order.account_no:
        return order, None
    summary = uow.accounts.get(order.account_no)
    if summary is None:
        raise RepairError(f"户号 {order.account_no} 不存在。", f"no account {order.account_no}")
    filled = replace(
        order,
        address=summary.address.display(),
        contact_name=order.contact_name or summary.name,
        contact_phone=order.contact_phone or summary.phone,
    )
    return filled, summary.id


def take_order(
    uow: UnitOfWork, actor: Actor, order: NewOrder, *, now: dt.datetime | None = None
) -> Order:
    """Record a repair call as a new order numbered WX<year>-<serial>.

    A report made on site is reached when received: it is dispatched to the actor at once.
    Raises PermissionDenied without "repair_order", RepairError (see check_new_order, or an
    unknown account number).
    """
    require(actor, "repair_order")
    moment = _utc(now)
    checked = check_new_order(order, moment)
    with uow:
        filled, account_id = _with_account(uow, checked)
        prefix = f"{ORDER_PREFIX}{local_year(filled.received_at)}-"
        number = order_number(local_year(filled.received_at), uow.repair_orders.next_serial(prefix))
        stored = uow.repair_orders.add(
            filled,
            number=number,
            account_id=account_id,
            told_at=moment,
            recorded_at=moment,
            by=_by(actor),
        )
        if filled.channel == "on_site":
            crew = OrderEvent(DISPATCHED, filled.received_at, (f"{actor.staff_no} {actor.name}",))
            uow.repair_orders.add_event(stored.id, crew, recorded_at=moment, by=_by(actor))
        details = {"number": number, "paid": filled.paid, "owner": filled.owner}
        audit.record(uow, actor, "repair_order", details, now=moment)
        uow.commit()
        return find_order(uow, stored.id)


def record_event(
    uow: UnitOfWork,
    actor: Actor,
    order_key: int | str,
    event: OrderEvent,
    *,
    now: dt.datetime | None = None,
) -> Order:
    """Append dispatch, arrival, finishing, cancelling or a revised charge decision.

    A revised charge decision (paid/free) must be explained to the customer (``note``) and
    is refused once a bill exists or the work is finished. Raises PermissionDenied,
    UnknownOrder, RepairError.
    """
    require(actor, "repair_order")
    moment = _utc(now)
    with uow:
        order = find_order(uow, order_key)
        checked = check_event(order, event, moment)
        if checked.kind == CHARGE:
            _check_charge_revision(uow, order, checked)
        uow.repair_orders.add_event(order.id, checked, recorded_at=moment, by=_by(actor))
        details = {"number": order.number, "event": checked.kind}
        audit.record(uow, actor, "repair_event", details, now=moment)
        uow.commit()
        return find_order(uow, order.id)


def _check_charge_revision(uow: UnitOfWork, order: Order, event: OrderEvent) -> None:
    if not event.note:
        raise RepairError(
            "重新认定是否收费时，须写明向用户的说明。",
            "explain the revised decision to the customer",
        )
    if uow.repair_bills.versions(order.id):
        raise RepairError(
            f"维修单 {order.number} 已有收费清单，不能再改变是否收费。",
            "the order has a bill: paid/free can no longer change",
        )


def list_orders(
    uow: UnitOfWork,
    actor: Actor,
    where: OrderFilter,
    *,
    before_id: int | None = None,
    limit: int = PAGE,
) -> list[Order]:
    """Orders matching ``where`` newest first, one page with ids below ``before_id``.

    ``where.now`` defaults to the current time (for "overdue"). Raises PermissionDenied,
    RepairError for an unknown list name.
    """
    require(actor, "view_accounts")
    if where.state not in STATES:
        raise RepairError(f"未知的列表：{where.state}", f"unknown list {where.state!r}")
    where = replace(where, now=_utc(where.now))
    with uow:
        return uow.repair_orders.find(where, before_id=before_id, limit=limit)


def count_orders(uow: UnitOfWork, actor: Actor, where: OrderFilter) -> int:
    """How many orders a list holds (see list_orders)."""
    require(actor, "view_accounts")
    with uow:
        return uow.repair_orders.count(replace(where, now=_utc(where.now)))


def order_counts(
    uow: UnitOfWork,
    actor: Actor,
    text: str = "",
    states: tuple[str, ...] = ("open", "overdue", "no_followup"),
) -> dict[str, int]:
    """How many orders each list in ``states`` holds now (with the search ``text``)."""
    require(actor, "view_accounts")
    where = OrderFilter(text=text, now=_utc(None))
    with uow:
        return {state: uow.repair_orders.count(replace(where, state=state)) for state in states}


def record_followup(
    uow: UnitOfWork,
    actor: Actor,
    order_key: int | str,
    followup: FollowUp,
    *,
    now: dt.datetime | None = None,
) -> FollowUp:
    """Record a follow-up (回访) of a finished order by the actor.

    Raises PermissionDenied without "repair_followup", UnknownOrder, RepairError (order not
    finished, a time before finishing or in the future, unknown satisfaction).
    """
    require(actor, "repair_followup")
    moment = _utc(now)
    with uow:
        order = find_order(uow, order_key)
        checked = check_followup(order, replace(followup, order_id=order.id), moment)
        stored = uow.repair_orders.add_followup(checked, recorded_at=moment, by=_by(actor))
        details = {"number": order.number, "satisfaction": checked.satisfaction}
        audit.record(uow, actor, "repair_followup", details, now=moment)
        uow.commit()
    return stored


def followups(uow: UnitOfWork, actor: Actor, order_key: int | str) -> list[FollowUp]:
    """The follow-ups of an order, oldest first."""
    require(actor, "view_accounts")
    with uow:
        return uow.repair_orders.followups(find_order(uow, order_key).id)


def event_label(kind: str) -> str:
    """The Chinese name of an order event."""
    return EVENT_LABELS.get(kind, kind)
