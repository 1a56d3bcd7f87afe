"""The accountant's day close (日结) and the signed anchors it exports.

`day_blockers` says what keeps the books from closing through a day: shifts still open that
were opened on or before it, collectors still holding cash taken on or before it.
`close_day` closes the books through the day (and every earlier day not closed yet),
stores the anchors of every counter's journal (its head now, and each shift close since the
previous day close), the audit log and the service journal, signed with the Ed25519 key
held outside the database, and returns the anchors file for `cashier verify --anchors`.
Nothing is booked to a closed day afterwards (services/posting.py `number_entry`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from cashier.domain.actor import Actor
from cashier.domain.audit import AUDIT_CHAIN
from cashier.domain.chain import Anchor
from cashier.domain.day_close import (
    DayBlockers,
    DayClosed,
    OpenShift,
    SignedAnchors,
    UnsettledCollector,
    anchors_message,
    check_close_date,
)
from cashier.domain.handover import open_cash
from cashier.domain.journal import journal_chain
from cashier.domain.service_journal import SERVICE_CHAIN
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.station import Station

EARLIEST = dt.date(2000, 1, 1)


class AnchorSigner(Protocol):
    """Signs the day's anchors (services/anchor_signing.py: Ed25519Signer)."""

    @property
    def public_key(self) -> str:
        """The raw public key in hex."""

    def sign(self, message: bytes) -> str:
        """The signature of `message` in hex."""


@dataclass(frozen=True)
class DayStatus:
    """Where the books stand for a day: closed through when, and what blocks closing."""

    day: dt.date
    closed_through: dt.date | None
    blockers: DayBlockers

    @property
    def closed(self) -> bool:
        """True when the day is closed already."""
        return self.closed_through is not None and self.day <= self.closed_through


def _open_shifts(uow: UnitOfWork, through: dt.date) -> list[OpenShift]:
    found = []
    for state in uow.journal.counters():
        if state.open_shift_seq is None:
            continue
        opening = uow.journal.get(state.counter, state.open_shift_seq)
        if opening is not None and opening.business_date <= through:
            staff = f"{opening.staff_no} {opening.staff_name}"
            found.append(OpenShift(state.counter, opening.receipt_no, staff, opening.business_date))
    return found


def _unsettled(uow: UnitOfWork, through: dt.date) -> list[UnsettledCollector]:
    found = []
    for staff_no, name in uow.reconciliation.collectors_with_money(through):
        holding = open_cash(
            uow.reconciliation.staff_money_entries(staff_no, through),
            uow.reconciliation.handovers(collector=staff_no),
        )
        if holding > 0:
            found.append(UnsettledCollector(f"{staff_no} {name}", holding))
    return found


def _blockers(uow: UnitOfWork, through: dt.date) -> DayBlockers:
    return DayBlockers(tuple(_open_shifts(uow, through)), tuple(_unsettled(uow, through)))


def day_status(uow: UnitOfWork, actor: Actor, day: dt.date) -> DayStatus:
    """Whether `day` is closed and what keeps it open. Raises PermissionDenied."""
    require(actor, "reconcile")
    with uow:
        closed = uow.reconciliation.closed_through()
        blockers = DayBlockers() if closed and day <= closed else _blockers(uow, day)
        return DayStatus(day, closed, blockers)


def day_anchors(uow: UnitOfWork, since: dt.date, through: dt.date) -> list[Anchor]:
    """The anchors a close through `through` signs (inside an open unit of work): shift
    closes booked from `since` on, then every journal's head, the audit log's and the
    service journal's."""
    anchors = [
        Anchor(journal_chain(e.counter), e.seq, e.hash)
        for e in uow.reconciliation.shift_closes_between(since, through)
    ]
    anchors += [
        Anchor(journal_chain(s.counter), s.last_seq, s.head_hash)
        for s in uow.journal.counters()
        if s.last_seq > 0
    ]
    heads = ((AUDIT_CHAIN, uow.audit.head()), (SERVICE_CHAIN, uow.service_journal.head()))
    for chain, head in heads:
        if head is not None:
            anchors.append(Anchor(chain, head[0], head[1]))
    return anchors


def close_day(
    uow: UnitOfWork, actor: Actor, station: Station, through: dt.date, *, signer: AnchorSigner
) -> SignedAnchors:
    """Close the books through `through`; the signed anchors (also stored with the close).

    Raises PermissionDenied, DayClosed (closed already, not over yet, shifts open or cash
    not handed over, each named).
    """
    require(actor, "close_day")
    moment = station.now()
    with uow:
        closed = uow.reconciliation.closed_through()
        check_close_date(through, closed, station.business_date(moment))
        blockers = _blockers(uow, through)
        if not blockers.clear:
            raise DayClosed(
                f"{through} 还不能日结：{blockers.message()}", f"{through} cannot close yet"
            )
        since = closed + dt.timedelta(days=1) if closed else EARLIEST
        anchors = tuple(day_anchors(uow, since, through))
        signature = signer.sign(anchors_message(through, moment, anchors))
        signed = SignedAnchors(through, moment, anchors, signer.public_key, signature)
        uow.reconciliation.add_day_close(
            through,
            closed_at=moment,
            closed_by=actor.staff_no,
            closed_by_name=actor.name,
            anchors=signed.to_json(),
            public_key=signer.public_key,
            signature=signature,
        )
        details = {"through": through.isoformat(), "anchors": len(anchors)}
        audit.record(uow, actor, "day_close", details, now=moment)
        uow.commit()
    return signed


def exported_anchors(uow: UnitOfWork, actor: Actor, through: dt.date) -> str:
    """The signed anchors file of the close through `through` (to export it again).

    Raises PermissionDenied, DayClosed when that day was not closed by itself.
    """
    require(actor, "reconcile")
    with uow:
        text = uow.reconciliation.day_close_file(through)
    if text is None:
        raise DayClosed(f"{through} 没有日结记录。", f"no day close through {through}")
    return text
