"""Recording temperature measurements (测温记录) and the refunds they lead to.

A measurement is stored with both signatures and entered in the service journal; the
account's refunds for the season are then synced (a cold reading opens a cold spell, the next
signed measurement closes it and the refund for its whole days is posted to the bill).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.measurements import (
    MEASUREMENT_PREFIX,
    MeasurementError,
    NewMeasurement,
    StoredMeasurement,
    check_new_measurement,
    measurement_number,
)
from cashier.domain.outages import season_of
from cashier.domain.tariffs import Season
from cashier.domain.workdays import CHINA_TZ
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.service_cases import UnknownAccount
from cashier.services.service_credits import CreditSync, sync_credits
from cashier.services.service_journal import enter

PAGE = 200


@dataclass(frozen=True)
class MeasurementResult:
    """The stored measurement and what syncing the account's refunds posted."""

    measurement: StoredMeasurement
    credits: CreditSync


def seasons(uow: UnitOfWork) -> list[Season]:
    """Every season (inside an open unit of work)."""
    found = []
    for code in uow.seasons.codes():
        tariff = uow.seasons.get(code)
        if tariff is not None:
            found.append(tariff.season)
    return found


def season_at(uow: UnitOfWork, moment: dt.datetime) -> Season:
    """The season whose heating period contains ``moment``; raises MeasurementError."""
    season = season_of(moment, seasons(uow))
    if season is None:
        local = moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
        raise MeasurementError(
            f"{local} 不在任何采暖期的供热时间内。", f"{local} is outside every heating season"
        )
    return season


def _check_correction(uow: UnitOfWork, m: NewMeasurement) -> None:
    if m.corrects_id is None:
        return
    old = uow.measurements.get(m.corrects_id)
    if old is None or old.account_id != m.account_id:
        raise MeasurementError("要更正的测温记录不属于该户。", "the corrected record is another's")
    later = uow.measurements.corrected_by(old.id)
    if later is not None:
        raise MeasurementError(
            f"{old.number} 已由 {later} 更正，请更正 {later}。",
            f"{old.number} was already corrected by {later}",
        )


def store_measurement(
    uow: UnitOfWork, actor: Actor, m: NewMeasurement, moment: dt.datetime
) -> MeasurementResult:
    """Check, store and journal one measurement and sync refunds, in the open unit of work."""
    season = season_at(uow, m.measured_at)
    subject = uow.bills.facts_for_season(m.account_id, season.code)
    if subject is None:
        raise UnknownAccount(str(m.account_id))
    checked = check_new_measurement(m, subject.facts.heated_area)
    _check_correction(uow, checked)
    uow.service_journal.head()
    signatures = tuple(
        None if sig is None else uow.measurements.add_signature(sig, recorded_at=moment)
        for sig in (checked.measurer_signature, checked.household_signature)
    )
    year = checked.measured_at.astimezone(CHINA_TZ).year
    serial = uow.measurements.next_serial(f"{MEASUREMENT_PREFIX}{year}-")
    stored = uow.measurements.add(
        checked,
        number=measurement_number(year, serial),
        season=season.code,
        signature_ids=signatures,  # type: ignore[arg-type]
        recorded_at=moment,
        by=(actor.staff_no, actor.name),
    )
    enter(uow, "measurement", stored, moment)
    credits = sync_credits(uow, actor, stored.account_id, season.code, moment)
    return MeasurementResult(stored, credits)


def record_measurement(
    uow: UnitOfWork, actor: Actor, m: NewMeasurement, *, now: dt.datetime | None = None
) -> MeasurementResult:
    """Record a measurement (a correction when ``m.corrects_id`` is set) and sync refunds.

    Raises PermissionDenied without "measure_temperature", MeasurementError (outside every
    season, rooms larger than the heated area, a correction of another account's or an
    already corrected record, ...), SignatureMissing, UnknownAccount.
    """
    require(actor, "measure_temperature")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with uow:
        result = store_measurement(uow, actor, m, moment)
        details = {"number": result.measurement.number, "credit_fen": result.credits.total_fen}
        audit.record(uow, actor, "measurement", details, now=moment)
        uow.commit()
    return result


def account_measurements(
    uow: UnitOfWork, actor: Actor, account_id: int
) -> list[StoredMeasurement]:
    """Every measurement of the account, oldest first."""
    require(actor, "view_accounts")
    with uow:
        return uow.measurements.for_account(account_id)


def list_measurements(
    uow: UnitOfWork, actor: Actor, *, before_id: int | None = None, limit: int = PAGE
) -> list[StoredMeasurement]:
    """Measurements newest first, one page with ids below ``before_id``."""
    require(actor, "view_accounts")
    with uow:
        return uow.measurements.find(before_id=before_id, limit=limit)


def signature_images(
    uow: UnitOfWork, actor: Actor, measurement_id: int
) -> tuple[bytes | None, bytes | None]:
    """The PNGs of the measurer's and the household's signatures of a measurement."""
    require(actor, "view_accounts")
    with uow:
        return uow.measurements.signature_images(measurement_id)
