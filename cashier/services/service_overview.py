"""What needs attention on the Service page, and the records behind one account's credits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.measurements import StoredMeasurement
from cashier.domain.outages import StoredOutage, outage_hours, season_bounds
from cashier.domain.service_cases import CaseFilter, CaseStatus, case_status
from cashier.domain.service_credits import (
    cold_spells,
    live_measurements,
    measurement_key,
    outage_key,
)
from cashier.domain.service_records import AccountServiceView, RecordCredit
from cashier.domain.tariffs import SeasonTariff
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.service_cases import pending_cases
from cashier.services.work_calendar import work_calendar

DUE_SOON = dt.timedelta(hours=24)
RECENT_OUTAGES = dt.timedelta(days=60)
RECENT_READINGS = dt.timedelta(days=14)


@dataclass(frozen=True)
class ServiceOverview:
    """The lists of the Service page at ``now``.

    ``overdue``: unanswered past the deadline; ``due_soon``: unanswered, due within 24 hours;
    ``waiting``: every other unanswered case, soonest deadline first; ``undetermined``:
    deadline not computable (a holiday year missing); ``follow_ups``: answered complaints and
    reports without a follow-up; ``outages_open``: heat not back yet; ``notices_late``:
    households not told within 12 hours; ``device_alerts``: recent device readings below the
    standard with no signed measurement since.
    """

    now: dt.datetime
    overdue: tuple[CaseStatus, ...]
    due_soon: tuple[CaseStatus, ...]
    waiting: tuple[CaseStatus, ...]
    undetermined: tuple[CaseStatus, ...]
    follow_ups: tuple[CaseStatus, ...]
    outages_open: tuple[StoredOutage, ...]
    notices_late: tuple[StoredOutage, ...]
    device_alerts: tuple[StoredMeasurement, ...]


def service_overview(
    uow: UnitOfWork, actor: Actor, *, now: dt.datetime | None = None
) -> ServiceOverview:
    """Everything overdue or waiting, as of ``now`` (aware; default the current time)."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    cases = pending_cases(uow, actor, now=moment)
    unanswered = [s for s in cases if s.case.state == "open" and s.deadline is not None]
    with uow:
        outages = uow.outages.find(before_id=None, limit=500, since=moment - RECENT_OUTAGES)
        alerts = _device_alerts(uow, moment)
    return ServiceOverview(
        now=moment,
        overdue=tuple(s for s in unanswered if s.overdue),
        due_soon=tuple(
            s for s in unanswered if not s.overdue and s.deadline.due_at - moment <= DUE_SOON
        ),
        waiting=tuple(
            s for s in unanswered if not s.overdue and s.deadline.due_at - moment > DUE_SOON
        ),
        undetermined=tuple(s for s in cases if s.missing_year is not None),
        follow_ups=tuple(s for s in cases if s.needs_follow_up),
        outages_open=tuple(o for o in outages if o.end is None),
        notices_late=tuple(o for o in outages if o.notice_late(moment)),
        device_alerts=tuple(alerts),
    )


def _device_alerts(uow: UnitOfWork, now: dt.datetime) -> list[StoredMeasurement]:
    recent = uow.measurements.find(before_id=None, limit=1000, since=now - RECENT_READINGS)
    tariffs: dict[str, SeasonTariff | None] = {}
    alerts = []
    for m in recent:
        if m.source != "device":
            continue
        tariff = tariffs.setdefault(m.season, uow.seasons.get(m.season))
        rule = None if tariff is None else tariff.temperature_refund
        if rule is None or m.lowest_reading() >= rule.standard_c:
            continue
        later = [x for x in uow.measurements.for_account(m.account_id, m.season)
                 if x.signed and x.measured_at > m.measured_at]  # fmt: skip
        if not later:
            alerts.append(m)
    return alerts


# --- one account -------------------------------------------------------------------------------


def _rooms_text(m: StoredMeasurement) -> str:
    return "；".join(f"{r.room} {r.area}㎡ {r.reading}°C" for r in m.rooms)


def _measurement_credits(
    uow: UnitOfWork, account_id: int, now: dt.datetime
) -> list[tuple[StoredMeasurement, RecordCredit]]:
    measurements = uow.measurements.for_account(account_id)
    posted: dict[str, dict[str, int]] = {}
    result = []
    for season in sorted({m.season for m in measurements}):
        posted[season] = uow.service_credits.posted(account_id, season)
        tariff = uow.seasons.get(season)
        of_season = [m for m in measurements if m.season == season]
        spells = [] if tariff is None else cold_spells(of_season, tariff, now)
        running = {s.source for s in spells if s.end is None}
        live = {m.id for m in live_measurements(of_season)}
        for m in of_season:
            key = measurement_key(m.id)
            superseded = None if m.id in live else uow.measurements.corrected_by(m.id)
            credit = RecordCredit("measurement", m.number, m.measured_at, season,
                                  posted[season].get(key, 0), _rooms_text(m), superseded,
                                  open_spell=key in running)  # fmt: skip
            result.append((m, credit))
    return result


def _outage_credits(
    uow: UnitOfWork, account_id: int
) -> list[tuple[StoredOutage, RecordCredit]]:
    tariffs = [t for t in map(uow.seasons.get, uow.seasons.codes()) if t is not None]
    result = []
    for outage in uow.outages.for_account(account_id):
        tariff = next((t for t in tariffs if _overlaps(outage, t)), None)
        season = None if tariff is None else tariff.season.code
        credited = 0 if season is None else uow.service_credits.posted(account_id, season).get(
            outage_key(outage.id), 0
        )
        end = outage.end
        hours = "" if end is None or tariff is None else (
            f"{outage_hours(outage.started_at, end, tariff.season)}小时，"
        )
        summary = f"{hours}{outage.cause}（{outage.scope}）"
        result.append((outage, RecordCredit("outage", outage.number, outage.started_at,
                                            season, credited, summary)))  # fmt: skip
    return result


def _overlaps(outage: StoredOutage, tariff: SeasonTariff) -> bool:
    first, last = season_bounds(tariff.season)
    end = outage.end
    return outage.started_at < last and (end is None or end > first)


def account_service_view(
    uow: UnitOfWork, actor: Actor, account_id: int, *, now: dt.datetime | None = None
) -> AccountServiceView:
    """The account's measurements and outages with what each credited, and its cases.

    Raises UserError for an account that does not exist.
    """
    require(actor, "view_accounts")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with uow:
        brief = uow.service_credits.account(account_id)
        if brief is None:
            raise UserError("该用户不存在。", f"no account with id {account_id}")
        measurements = _measurement_credits(uow, account_id, moment)
        outages = _outage_credits(uow, account_id)
        cases = uow.service_cases.find(CaseFilter(account_id=account_id), before_id=None,
                                       limit=200)  # fmt: skip
        calendar = work_calendar(uow)
    statuses = tuple(case_status(case, calendar, moment) for case in cases)
    return AccountServiceView(brief, tuple(measurements), tuple(outages), statuses)


def account_service_view_by_number(
    uow: UnitOfWork, actor: Actor, account_no: str, *, now: dt.datetime | None = None
) -> AccountServiceView:
    """:func:`account_service_view` of the account with this number; raises UserError."""
    require(actor, "view_accounts")
    with uow:
        brief = uow.service_credits.account_by_number(account_no.strip())
    if brief is None:
        raise UserError(f"户号 {account_no} 不存在。", f"no account {account_no}")
    return account_service_view(uow, actor, brief.id, now=now)
