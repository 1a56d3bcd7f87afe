"""Posting what outages and measurements credit to the season bill (heat-fees.md lines 5-6).

`sync_credits` is idempotent: it recomputes what every record of the account and season calls
for and posts only the difference from what was posted before, as dated lines on the bill
(the statement picks them up like any other line). Call it after anything that can change a
credit: a new or corrected measurement, an outage or its restoration, changed billing facts,
the season's end (`post_pending_credits`), or a season opened after the records were made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.billing import StoredBill
from cashier.domain.fees import DatedLine
from cashier.domain.measurements import StoredMeasurement
from cashier.domain.outages import StoredOutage, season_bounds
from cashier.domain.service_credits import (
    CREDIT_KINDS,
    SourceLines,
    cold_spells,
    measurement_key,
    outage_lines,
    plan_credits,
    spell_lines,
)
from cashier.domain.workdays import CHINA_TZ
from cashier.services import audit
from cashier.services.billing import UnknownSeason
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork


@dataclass(frozen=True)
class CreditSync:
    """What one sync posted to one bill; ``no_bill`` when the season is not billed yet."""

    account_id: int
    season: str
    posted: tuple[DatedLine, ...]
    no_bill: bool = False

    @property
    def total_fen(self) -> int:
        """The sum of the lines posted (negative for a credit)."""
        return sum(dated.line.amount_fen for dated in self.posted)


def _credit_total(bill: StoredBill) -> int:
    """The positive total of every credit line on the bill (adjustments of them included)."""
    total = 0
    for dated in bill.lines:
        line = dated.line
        kind = line.corrects if line.kind == "adjustment" else line.kind
        if kind in CREDIT_KINDS:
            total -= line.amount_fen
    return total


def in_season(outage: StoredOutage, first: dt.datetime, last: dt.datetime) -> bool:
    """True when the outage overlaps the heating period ``first``..``last``."""
    end = outage.end
    return outage.started_at < last and (end is None or end > first)


def _sources(
    uow: UnitOfWork, bill: StoredBill, facts, now: dt.datetime
) -> tuple[list[SourceLines], list[StoredMeasurement]]:
    tariff = bill.tariff
    first, last = season_bounds(tariff.season)
    measurements = uow.measurements.for_account(bill.account_id, bill.season)
    spells = {s.source: s for s in cold_spells(measurements, tariff, now)}
    sources = []
    for m in measurements:
        key = measurement_key(m.id)
        spell = spells.get(key)
        if spell is not None:
            sources.append(spell_lines(facts, tariff, spell))
        else:
            sources.append(SourceLines(key, m.number, "temperature_refund", m.measured_at, ()))
    outages = [o for o in uow.outages.for_account(bill.account_id) if in_season(o, first, last)]
    corrected = uow.outages.corrections_of([o.id for o in outages])
    for outage in outages:
        lines = outage_lines(facts, tariff, outage)
        if outage.id in corrected:
            lines = SourceLines(lines.source, lines.number, lines.kind, lines.at, ())
        sources.append(lines)
    return sources, measurements


def sync_credits(
    uow: UnitOfWork, actor: Actor, account_id: int, season: str, now: dt.datetime
) -> CreditSync:
    """Post the difference between what the account's records credit in ``season`` and what
    they credited before, dated today (Beijing time). Inside the caller's unit of work.

    Returns ``no_bill`` when the account has no bill for the season yet (nothing posted; a
    later sync posts it). Credits never exceed the season's billed lines 1-2 (or base fee).
    """
    bill = uow.bills.get(account_id, season)
    subject = uow.bills.facts_for_season(account_id, season)
    if bill is None or subject is None:
        return CreditSync(account_id, season, (), no_bill=True)
    sources, _ = _sources(uow, bill, subject.facts, now)
    posted = uow.service_credits.posted(account_id, season)
    other = max(0, _credit_total(bill) + sum(posted.values()))
    on = now.astimezone(CHINA_TZ).date()
    plan = plan_credits(subject.facts, bill.tariff, sources, posted, other, on)
    lines = [posting.dated for posting in plan.postings]
    if lines:
        uow.bills.add_lines(account_id, season, lines, recorded_by=actor.staff_no)
        uow.service_credits.add(
            account_id,
            season,
            [(p.source, p.dated.line.amount_fen) for p in plan.postings],
            posted_on=on,
            recorded_at=now,
            recorded_by=actor.staff_no,
        )
    return CreditSync(account_id, season, tuple(lines))


@dataclass(frozen=True)
class PendingRun:
    """What `post_pending_credits` did: accounts looked at, accounts posted to, unbilled."""

    season: str
    accounts: int
    changed: int
    unbilled: int
    total_fen: int


def post_pending_credits(
    uow: UnitOfWork, actor: Actor, season: str, *, now: dt.datetime | None = None
) -> PendingRun:
    """Sync the credits of every account with service records in ``season``.

    Run after the season is over (cold spells still open end with the season), or after
    opening a season whose records came first. Raises PermissionDenied without
    "record_outage"; raises UnknownSeason for a season that does not exist.
    """
    require(actor, "record_outage")
    moment = now or dt.datetime.now(dt.UTC)
    changed = unbilled = total = 0
    with uow:
        tariff = uow.seasons.get(season)
        if tariff is None:
            raise UnknownSeason(season)
        first, last = season_bounds(tariff.season)
        accounts = uow.service_credits.accounts_with_records(season, first, last)
        for account_id in accounts:
            result = sync_credits(uow, actor, account_id, season, moment)
            unbilled += result.no_bill
            changed += bool(result.posted)
            total += result.total_fen
        audit.record(uow, actor, "service_credits", {"season": season, "rows": changed})
        uow.commit()
    return PendingRun(season, len(accounts), changed, unbilled, total)
