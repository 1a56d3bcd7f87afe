"""Recording outages (停热) and crediting the affected accounts (heat-fees.md line 5).

An outage names its accounts explicitly (chosen by estate and building, or listed); once the
time heat came back is known, every affected account with a bill for the season gets its
停热减收 line (outages shorter than the season's ``min_hours`` credit nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.outages import (
    OUTAGE_PREFIX,
    NewOutage,
    OutageError,
    StoredOutage,
    check_event,
    check_new_outage,
    outage_number,
    seasons_during,
)
from cashier.domain.workdays import CHINA_TZ
from cashier.services import audit
from cashier.services.measurements import seasons
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.service_credits import sync_credits
from cashier.services.service_journal import enter

PAGE = 200


@dataclass(frozen=True)
class OutageResult:
    """The outage as stored and what crediting its accounts did.

    ``credited`` accounts got a line (or an adjustment); ``unbilled`` have no bill for the
    season yet (credited later by `post_pending_credits`); ``total_fen`` is what was posted.
    """

    outage: StoredOutage
    credited: int
    unbilled: int
    total_fen: int


@dataclass(frozen=True)
class Places:
    """Estates and, for one of them, its buildings (for choosing affected accounts)."""

    estates: tuple[str, ...]
    buildings: tuple[str, ...]


def places(uow: UnitOfWork, actor: Actor, estate: str = "") -> Places:
    """Every estate, and the buildings of ``estate`` when given."""
    require(actor, "view_accounts")
    with uow:
        estates = tuple(uow.outages.estates())
        buildings = tuple(uow.outages.buildings(estate)) if estate else ()
    return Places(estates, buildings)


def accounts_in(
    uow: UnitOfWork, actor: Actor, estate: str, buildings: Sequence[str] = ()
) -> list[int]:
    """The accounts of an estate (of some buildings when given), ascending ids."""
    require(actor, "view_accounts")
    with uow:
        return uow.outages.accounts_in(estate, buildings)


def _credit(
    uow: UnitOfWork, actor: Actor, outage: StoredOutage, moment: dt.datetime
) -> tuple[int, int, int]:
    """Sync the credits of every affected account in every season the outage reaches;
    (accounts credited, accounts without a bill, total fen)."""
    end = outage.end
    if end is None:
        return 0, 0, 0
    credited = unbilled = total = 0
    for season in seasons_during(outage.started_at, end, seasons(uow)):
        for account_id in uow.outages.account_ids(outage.id):
            result = sync_credits(uow, actor, account_id, season.code, moment)
            credited += bool(result.posted)
            unbilled += result.no_bill
            total += result.total_fen
    return credited, unbilled, total


def store_outage(
    uow: UnitOfWork, actor: Actor, outage: NewOutage, moment: dt.datetime
) -> OutageResult:
    """Check, store and journal one outage and credit its accounts, in the open unit of work."""
    checked = check_new_outage(outage)
    if checked.corrects_id is not None and uow.outages.get(checked.corrects_id) is None:
        raise OutageError("要更正的停热记录不存在。", "the corrected outage does not exist")
    uow.service_journal.head()
    year = checked.started_at.astimezone(CHINA_TZ).year
    number = outage_number(year, uow.outages.next_serial(f"{OUTAGE_PREFIX}{year}-"))
    stored = uow.outages.add(checked, number=number, recorded_at=moment, by=_by(actor))
    enter(uow, "outage", stored, moment, account_ids=list(checked.account_ids))
    credited, unbilled, total = _credit(uow, actor, stored, moment)
    if checked.corrects_id is not None:
        old = uow.outages.get(checked.corrects_id)
        assert old is not None
        _credit(uow, actor, old, moment)
    return OutageResult(stored, credited, unbilled, total)


def _by(actor: Actor) -> tuple[str, str]:
    return actor.staff_no, actor.name


def record_outage(
    uow: UnitOfWork, actor: Actor, outage: NewOutage, *, now: dt.datetime | None = None
) -> OutageResult:
    """Record an outage (a correction when ``corrects_id`` is set) and credit its accounts.

    Raises PermissionDenied without "record_outage" and OutageError for an incomplete one.
    """
    require(actor, "record_outage")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with uow:
        result = store_outage(uow, actor, outage, moment)
        details = {"number": result.outage.number, "rows": result.outage.account_count}
        audit.record(uow, actor, "outage", details, now=moment)
        uow.commit()
    return result


def add_outage_event(
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    kind: str,
    at: dt.datetime,
    *,
    now: dt.datetime | None = None,
) -> OutageResult:
    """Append "restored" (heat came back at ``at``) or "notice" (households told at ``at``).

    A restoration credits the affected accounts (or adjusts their credit when it replaces an
    earlier time). Raises PermissionDenied, OutageError.
    """
    require(actor, "record_outage")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with uow:
        outage = _by_number(uow, number)
        check_event(outage, kind, at)
        uow.service_journal.head()
        event = uow.outages.add_event(outage.id, kind, at, recorded_at=moment, by=_by(actor))
        enter(uow, "outage_event", event, moment, parent_ref=outage.number)
        updated = uow.outages.get(outage.id)
        assert updated is not None
        credited, unbilled, total = (0, 0, 0)
        if kind == "restored":
            credited, unbilled, total = _credit(uow, actor, updated, moment)
        audit.record(uow, actor, "outage", {"number": number, "action": kind}, now=moment)
        uow.commit()
    return OutageResult(updated, credited, unbilled, total)


def _by_number(uow: UnitOfWork, number: str) -> StoredOutage:
    outage = uow.outages.by_number(number.strip().upper())
    if outage is not None:
        return outage
    raise OutageError(f"没有编号为 {number} 的停热记录。", f"no outage {number}")


def list_outages(
    uow: UnitOfWork, actor: Actor, *, before_id: int | None = None, limit: int = PAGE
) -> list[StoredOutage]:
    """Outages newest first, one page with ids below ``before_id``."""
    require(actor, "view_accounts")
    with uow:
        return uow.outages.find(before_id=before_id, limit=limit)
