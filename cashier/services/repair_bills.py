"""Itemised repair bills, the customer's sign-off, and damage confirmations.

A bill is priced from the catalogue valid on the bill's date (the day the crew reached the
site, else the day of the call); every change is a new version, so a signature on an older
version no longer covers the bill (the view says it must be signed again). Signing checks
that the customer signed exactly the version on screen: the digest shown with the bill must
be the digest of the latest version. A paid bill cannot change; a refund comes first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.repair_bills import (
    SIGNATURE_LABELS,
    SIGNED,
    BillContent,
    BillPayment,
    BillVersion,
    DamageConfirmation,
    DamageContent,
    LineRequest,
    SignOff,
    bill_digest,
    check_damage_text,
    damage_digest,
    price_lines,
    signature_state,
)
from cashier.domain.repair_orders import CHINA, VOID, FollowUp, Order, RepairError
from cashier.domain.signature import Signature, require_signature
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.repair_orders import find_order
from cashier.services.repair_prices import catalogue_for


@dataclass(frozen=True)
class RepairView:
    """Everything the Repairs page shows for one order.

    ``state`` is the signature state of the latest bill version (repair_bills.SIGNED ...);
    ``paid_fen`` the money taken for the bill less refunds.
    """

    order: Order
    versions: tuple[BillVersion, ...]
    signoff: SignOff | None
    state: str
    damages: tuple[DamageConfirmation, ...]
    payments: tuple[BillPayment, ...]
    followups: tuple[FollowUp, ...]

    @property
    def latest(self) -> BillVersion | None:
        """The bill in force (None: no bill yet)."""
        return self.versions[-1] if self.versions else None

    @property
    def signed(self) -> bool:
        """True when the bill in force carries a valid signature."""
        return self.state == SIGNED

    @property
    def state_label(self) -> str:
        """The signature state in Chinese."""
        return SIGNATURE_LABELS[self.state]

    @property
    def paid_fen(self) -> int:
        """Money taken for the bill, less refunds."""
        return sum(payment.amount_fen for payment in self.payments)

    @property
    def damage(self) -> DamageConfirmation | None:
        """The latest damage confirmation (None: none signed)."""
        return self.damages[-1] if self.damages else None


def _utc(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def read_view(uow: UnitOfWork, order: Order) -> RepairView:
    """The order's view (inside an open unit of work)."""
    versions = tuple(uow.repair_bills.versions(order.id))
    signoffs = uow.repair_bills.signoffs([v.id for v in versions])
    latest = versions[-1] if versions else None
    signoff = signoffs.get(latest.id) if latest else None
    earlier = any(v.id in signoffs for v in versions[:-1])
    return RepairView(
        order=order,
        versions=versions,
        signoff=signoff,
        state=signature_state(latest, signoff, earlier),
        damages=tuple(uow.repair_bills.damages(order.id)),
        payments=tuple(uow.repair_bills.payments(order.id)),
        followups=tuple(uow.repair_orders.followups(order.id)),
    )


def repair_view(uow: UnitOfWork, actor: Actor, order_key: int | str) -> RepairView:
    """The order with its bill versions, signature state, damage confirmations, payments
    and follow-ups. Raises PermissionDenied, UnknownOrder."""
    require(actor, "view_accounts")
    with uow:
        return read_view(uow, find_order(uow, order_key))


def bill_date(order: Order) -> dt.date:
    """The date a new bill is priced on: arrival on site, else the call (Beijing time)."""
    moment = order.arrived_at or order.received_at
    return moment.astimezone(CHINA).date()


def _content(order: Order, lines: tuple, priced_on: dt.date, version: int) -> BillContent:
    return BillContent(
        order.number,
        order.account_no,
        order.customer_name,
        order.address,
        priced_on,
        version,
        lines,
    )


def _check_billable(order: Order, view: RepairView) -> None:
    if order.status == VOID:
        raise RepairError(f"维修单 {order.number} 已撤单。", "the order is cancelled")
    if not order.charge[1]:
        raise RepairError(
            f"维修单 {order.number} 为免费维修，不开收费清单。", "a free repair has no bill"
        )
    if view.paid_fen > 0:
        raise RepairError(
            "该收费清单已收费，不能修改；如需更正，请先退费。",
            "a paid bill cannot change: refund it first",
        )


def save_bill(
    uow: UnitOfWork,
    actor: Actor,
    order_key: int | str,
    requests: Sequence[LineRequest],
    *,
    now: dt.datetime | None = None,
) -> RepairView:
    """Make the requested lines the order's bill: a new version unless they are unchanged.

    Raises PermissionDenied without "repair_order", UnknownOrder, RepairError (a free or
    cancelled order, a paid bill, a code without a price on the bill's date, bad quantity).
    """
    require(actor, "repair_order")
    moment = _utc(now)
    with uow:
        order = find_order(uow, order_key)
        view = read_view(uow, order)
        _check_billable(order, view)
        latest = view.latest
        priced_on = latest.content.priced_on if latest else bill_date(order)
        lines = price_lines(requests, catalogue_for(uow, priced_on))
        if latest is not None and latest.content.lines == lines:
            return view
        content = _content(order, lines, priced_on, len(view.versions) + 1)
        digest = bill_digest(content)
        uow.repair_bills.add_version(
            order.id, content, digest, created_at=moment, by=(actor.staff_no, actor.name)
        )
        details = {"number": order.number, "version": content.version, "total": content.total_fen}
        audit.record(uow, actor, "repair_bill", details, now=moment)
        uow.commit()
        return read_view(uow, order)


def sign_bill(
    uow: UnitOfWork,
    actor: Actor,
    order_key: int | str,
    signature: Signature | None,
    *,
    digest: str,
    signer_name: str = "",
    now: dt.datetime | None = None,
) -> RepairView:
    """Store the customer's signature on the bill version whose digest is ``digest`` (the
    one shown while signing), with the time and the technician (the actor).

    Raises PermissionDenied, UnknownOrder, SignatureMissing, RepairError (no bill, the bill
    changed since it was shown, already signed, a company facility billed without a signed
    damage confirmation).
    """
    require(actor, "repair_order")
    signed = require_signature(signature, "客户", "customer")
    moment = _utc(now)
    with uow:
        order = find_order(uow, order_key)
        view = read_view(uow, order)
        latest = view.latest
        if latest is None:
            raise RepairError("还没有收费清单。", "the order has no bill")
        if digest != latest.digest or bill_digest(latest.content) != latest.digest:
            raise RepairError("收费清单已变更，请让用户重新查看后签字。", "the bill changed")
        if view.signoff is not None:
            raise RepairError("该版本清单已签字。", "this version is signed already")
        _require_damage_confirmation(order, view)
        signature_id = uow.repair_bills.add_signature(signed, recorded_at=moment)
        uow.repair_bills.add_signoff(
            version_id=latest.id,
            damage_id=None,
            digest=latest.digest,
            signature=(signature_id, signed.digest()),
            signer_name=signer_name.strip()[:50],
            signed_at=moment,
            by=(actor.staff_no, actor.name),
        )
        details = {"number": order.number, "version": latest.content.version}
        audit.record(uow, actor, "repair_sign", details, now=moment)
        uow.commit()
        return read_view(uow, order)


def _require_damage_confirmation(order: Order, view: RepairView) -> None:
    """A company facility is billed only for damage the household confirmed and signed."""
    owner, _ = order.charge
    if owner == "company" and not any(d.intact for d in view.damages):
        raise RepairError(
            "供热公司产权设施的维修收费，须先由用户签署用户责任损坏确认单。",
            "billing a company facility needs a signed damage confirmation first",
        )


def confirm_damage(
    uow: UnitOfWork,
    actor: Actor,
    order_key: int | str,
    *,
    facility: str,
    cause: str,
    signature: Signature | None,
    signer_name: str = "",
    now: dt.datetime | None = None,
) -> DamageConfirmation:
    """Record a damage confirmation: the facility, the cause explained by the actor, the
    customer's signature. Raises PermissionDenied, UnknownOrder, SignatureMissing,
    RepairError (cancelled order, missing text)."""
    require(actor, "repair_order")
    facility, cause = check_damage_text(facility, cause)
    signed = require_signature(signature, "客户", "customer")
    moment = _utc(now)
    with uow:
        order = find_order(uow, order_key)
        if order.status == VOID:
            raise RepairError(f"维修单 {order.number} 已撤单。", "the order is cancelled")
        content = DamageContent(
            order.number,
            order.account_no,
            order.customer_name,
            order.address,
            facility,
            cause,
            f"{actor.staff_no} {actor.name}",
            moment,
        )
        digest = damage_digest(content)
        damage_id = uow.repair_bills.add_damage(order.id, content, digest)
        signature_id = uow.repair_bills.add_signature(signed, recorded_at=moment)
        uow.repair_bills.add_signoff(
            version_id=None,
            damage_id=damage_id,
            digest=digest,
            signature=(signature_id, signed.digest()),
            signer_name=signer_name.strip()[:50],
            signed_at=moment,
            by=(actor.staff_no, actor.name),
        )
        audit.record(uow, actor, "repair_damage", {"number": order.number}, now=moment)
        uow.commit()
        return uow.repair_bills.damages(order.id)[-1]


def draft_content(
    uow: UnitOfWork, actor: Actor, order_key: int | str, requests: Sequence[LineRequest]
) -> BillContent:
    """The bill the requested lines would make, priced but not stored (for the editor's
    live totals). Raises what save_bill raises for the lines."""
    require(actor, "repair_order")
    with uow:
        order = find_order(uow, order_key)
        view = read_view(uow, order)
        latest = view.latest
        priced_on = latest.content.priced_on if latest else bill_date(order)
        lines = price_lines(requests, catalogue_for(uow, priced_on))
        return _content(order, lines, priced_on, len(view.versions) + 1)
