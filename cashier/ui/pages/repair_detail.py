"""The selected order as the Repairs page shows it: times, crew, charge, bill, money, follow-ups."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cashier.domain.money import format_yuan
from cashier.domain.repair_bills import SIGNED, UNSIGNED
from cashier.domain.repair_orders import DONE, EVENT_LABELS, OPEN
from cashier.services.repair_bills import RepairView
from cashier.ui.pages.repair_models import arrival_text, moment_text, word
from cashier.ui.pages.repair_signing import signed_text

_CONTEXT = "RepairDetail"
T = {
    "received": QT_TRANSLATE_NOOP("RepairDetail", "Received"),
    "customer": QT_TRANSLATE_NOOP("RepairDetail", "Customer"),
    "fault": QT_TRANSLATE_NOOP("RepairDetail", "Fault"),
    "charge": QT_TRANSLATE_NOOP("RepairDetail", "Owner and charge"),
    "told": QT_TRANSLATE_NOOP("RepairDetail", "told {time}"),
    "arrival": QT_TRANSLATE_NOOP("RepairDetail", "Arrival (target 30 min)"),
    "crew": QT_TRANSLATE_NOOP("RepairDetail", "Technicians"),
    "steps": QT_TRANSLATE_NOOP("RepairDetail", "Steps"),
    "bill": QT_TRANSLATE_NOOP("RepairDetail", "Bill"),
    "no_bill": QT_TRANSLATE_NOOP("RepairDetail", "No bill yet"),
    "version": QT_TRANSLATE_NOOP("RepairDetail", "version {version} of {count}, {lines} lines"),
    "signature": QT_TRANSLATE_NOOP("RepairDetail", "Signature"),
    "damage": QT_TRANSLATE_NOOP("RepairDetail", "Damage confirmation"),
    "money": QT_TRANSLATE_NOOP("RepairDetail", "Payments"),
    "followups": QT_TRANSLATE_NOOP("RepairDetail", "Follow-ups"),
    "none": QT_TRANSLATE_NOOP("RepairDetail", "none"),
}


def _t(key: str) -> str:
    return QCoreApplication.translate(_CONTEXT, T[key])


def _row(label: str, value: str, color: str = "") -> str:
    style = f" style='color:{color}'" if color else ""
    return f"<tr><td valign='top'><b>{escape(label)}</b></td><td{style}>{value}</td></tr>"


def detail_html(view: RepairView, now: dt.datetime) -> str:
    """The order in ``view`` as HTML for the page's detail panel."""
    order = view.order
    owner, paid = order.charge
    who = " ".join(filter(None, [order.account_no, order.customer_name, order.contact_phone]))
    charge = f"{word(owner)} · {word('paid' if paid else 'free')} · " + _t("told").format(
        time=moment_text(order.told_at)
    )
    late = order.arrived_late or order.overdue(now)
    rows = [
        _row(_t("received"), f"{moment_text(order.received_at)} · {escape(word(order.channel))}"),
        _row(_t("customer"), f"{escape(who)}<br>{escape(order.address)}"),
        _row(_t("fault"), escape(order.fault)),
        _row(_t("charge"), escape(charge), "#8a4b00" if paid else ""),
        _row(_t("arrival"), escape(arrival_text(order, now)), "#b00020" if late else ""),
        _row(_t("crew"), escape("、".join(order.technicians)) or "—"),
        _row(_t("steps"), _steps(view)),
        *_bill_rows(view),
        _row(_t("money"), _money(view)),
        _row(_t("followups"), _followups(view)),
    ]
    head = f"<h3>{escape(order.number)} · {escape(word(order.status))}</h3>"
    return head + "<table cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"


def _steps(view: RepairView) -> str:
    events = [
        f"{moment_text(e.at)} {escape(EVENT_LABELS.get(e.kind, e.kind))} "
        f"{escape('、'.join(e.technicians) or e.note)} ({escape(e.recorded_by)})"
        for e in view.order.events
    ]
    return "<br>".join(events) or escape(_t("none"))


def _bill_rows(view: RepairView) -> list[str]:
    latest = view.latest
    if latest is None:
        return [_row(_t("bill"), escape(_t("no_bill")))]
    content = latest.content
    summary = _t("version").format(
        version=content.version, count=len(view.versions), lines=len(content.lines)
    )
    bill = f"{format_yuan(content.total_fen)} · {escape(content.capital)}<br>{escape(summary)}"
    color = "" if view.state in (SIGNED, UNSIGNED) else "#b00020"
    rows = [_row(_t("bill"), bill), _row(_t("signature"), escape(signed_text(view)), color)]
    damage = view.damage
    if damage is not None:
        text = f"{damage.content.facility}：{damage.content.cause}（{damage.signoff.signer_name}）"
        rows.append(_row(_t("damage"), escape(text), "" if damage.intact else "#b00020"))
    return rows


def _money(view: RepairView) -> str:
    lines = [
        f"{escape(p.receipt_no)} {format_yuan(p.amount_fen)} {moment_text(p.recorded_at)}"
        for p in view.payments
    ]
    return "<br>".join(lines) or escape(_t("none"))


def _followups(view: RepairView) -> str:
    lines = [
        f"{moment_text(f.at)} {escape(word(f.satisfaction))} {escape(f.notes)} "
        f"({escape(f.staff_name)})"
        for f in view.followups
    ]
    return "<br>".join(lines) or escape(_t("none"))


def next_steps(view: RepairView | None) -> dict[str, bool]:
    """Which of the page's action buttons apply to the order in ``view`` now."""
    if view is None:
        return {}
    order = view.order
    is_open, status = order.status == OPEN, order.status
    unpaid = view.paid_fen == 0
    has_bill = view.latest is not None
    return {
        "dispatch": is_open and order.arrived_at is None,
        "arrive": is_open and order.dispatched_at is not None and order.arrived_at is None,
        "finish": is_open and order.arrived_at is not None,
        "charge": is_open and not view.versions,
        "bill": status in (OPEN, DONE) and order.charge[1] and unpaid,
        "sign": has_bill and not view.signed and unpaid,
        "damage": status in (OPEN, DONE),
        "pay": view.signed and unpaid,
        "refund": not unpaid,
        "followup": status == DONE,
        "pdf": has_bill,
        "damage_pdf": view.damage is not None,
        "slip": has_bill,
        "cancel": is_open and unpaid,
    }
